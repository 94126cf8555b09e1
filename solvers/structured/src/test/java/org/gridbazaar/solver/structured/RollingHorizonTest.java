package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.RollingHorizon;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

class RollingHorizonTest {

    /**
     * A day of grid prices with a cheap night and an expensive evening; a battery, a ramp-limited
     * generator, a fixed load.
     */
    private static MultiPeriodMarket day() {
        int periods = 24;
        return MultiPeriodMarket.builder("rolling", Horizon.hourly(periods))
                .periods(
                        t ->
                                Market.builder("rolling")
                                        .producer(
                                                "Grid",
                                                0,
                                                100,
                                                QuadraticCost.of(
                                                        0.01,
                                                        10
                                                                + 20
                                                                        * Math.max(
                                                                                0,
                                                                                Math.sin(
                                                                                        Math.PI
                                                                                                * (t
                                                                                                        - 6)
                                                                                                / 12.0)),
                                                        0))
                                        .producer("Gen", 0, 20, QuadraticCost.of(0.05, 15, 0))
                                        .consumer(
                                                "Load",
                                                -15 - 5 * Math.sin(Math.PI * t / 12.0),
                                                -15 - 5 * Math.sin(Math.PI * t / 12.0),
                                                QuadraticCost.linear(100))
                                        .prosumer("Bat", 0, 0, QuadraticCost.linear(0))
                                        .build())
                .storage(
                        "Bat",
                        Storage.builder(20, 10)
                                .powerKw(5, 5)
                                .efficiencies(0.95, 0.95)
                                .target(periods - 1, 10)
                                .build())
                .ramp("Gen", Ramp.of(3, 3).startingAt(0))
                .build();
    }

    @Test
    void oneWindowOverTheWholeHorizonIsTheFullClearing() {
        MultiPeriodMarket m = day();
        MultiPeriodResult full =
                MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        MultiPeriodResult rolled =
                RollingHorizon.clear(m, 24, 24, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, full.status(), full.message());
        assertEquals(Status.OPTIMAL, rolled.status(), rolled.message());
        assertEquals(full.objective(), rolled.objective(), 1e-6 * Math.abs(full.objective()));
    }

    @Test
    void shorterWindowsCostAtLeastTheFullOptimumAndKeepEveryRule() {
        MultiPeriodMarket m = day();
        MultiPeriodResult full =
                MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        MultiPeriodResult rolled =
                RollingHorizon.clear(m, 8, 4, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, rolled.status(), rolled.message());
        assertEquals(24, rolled.periodCount());
        assertTrue(
                rolled.objective() >= full.objective() - 1e-6 * Math.abs(full.objective()),
                "rolling " + rolled.objective() + " below the full optimum " + full.objective());
        // the committed trajectory obeys the storage balance and the ramp limits across window
        // boundaries
        var bat = rolled.storage("Bat").orElseThrow();
        double e = 10;
        for (int t = 0; t < 24; t++) {
            e = e + 0.95 * bat.chargeKw(t) - bat.dischargeKw(t) / 0.95;
            assertEquals(e, bat.energyKwh(t), 1e-6, "energy balance in period " + t);
            e = bat.energyKwh(t);
            assertTrue(e >= -1e-6 && e <= 20 + 1e-6);
        }
        assertTrue(bat.energyKwh(23) >= 10 - 1e-6, "end target");
        double before = 0;
        for (int t = 0; t < 24; t++) {
            double g = rolled.period(t).power("Gen");
            assertTrue(
                    Math.abs(g - before) <= 3 + 1e-6,
                    "ramp in period " + t + ": " + before + " -> " + g);
            before = g;
        }
    }
}
