package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

/** Markets over time with a hand-worked optimum, cleared by admm's horizon negotiation. */
class HorizonClosedFormTest {

    static final SolverOptions OPTIONS = SolverOptions.DEFAULTS.withTolerance(AdmmOptions.DEFAULT_TOLERANCE);

    static MultiPeriodResult cleared(MultiPeriodMarket m) {
        MultiPeriodResult r = MultiPeriodClearing.clear(m, new AdmmSolver(), OPTIONS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        return r;
    }

    @Test
    void losslessBatteryArbitragesTwoPeriods() {
        Storage battery = Storage.builder(10, 0).powerKw(10, 10).efficiencies(1, 1).build();
        MultiPeriodMarket m = MultiPeriodMarket.builder("arbitrage", Horizon.hourly(2))
                .periods(t -> Market.builder("arbitrage")
                        .producer("G", 0, 100, QuadraticCost.linear(t == 0 ? 10 : 50))
                        .consumer("L", -10, -10, QuadraticCost.linear(100))
                        .prosumer("B", 0, 0, QuadraticCost.linear(0))
                        .build())
                .storage("B", battery).build();
        MultiPeriodResult r = cleared(m);
        // charge 10 kWh at 10 $/kWh and serve the load from it in period 1: 10 * 20 - 2000
        assertEquals(-1800, r.objective(), 1e-4 * 1800, r.message());
        assertEquals(10, r.storage("B").orElseThrow().energyKwh(0), 1e-3);
        assertEquals(0, r.storage("B").orElseThrow().energyKwh(1), 1e-3);
    }

    @Test
    void storageTargetAboveWhatTheChargerCanReachIsInfeasibleNamingThePeer() {
        // an empty battery charging at most 2 kW holds at most 4 kWh after two hours; the target asks 8
        Storage s = Storage.builder(10, 0).powerKw(2, 2).target(1, 8).build();
        MultiPeriodMarket m = MultiPeriodMarket.builder("target", Horizon.hourly(2))
                .periods(t -> Market.builder("target")
                        .producer("Grid", 0, 100, QuadraticCost.linear(10))
                        .prosumer("Battery7", 0, 0, QuadraticCost.linear(0)).build())
                .storage("Battery7", s).build();
        MultiPeriodResult r = MultiPeriodClearing.clear(m, new AdmmSolver(), OPTIONS);
        assertEquals(Status.INFEASIBLE, r.status(), r.message());
        org.junit.jupiter.api.Assertions.assertTrue(r.message().contains("Battery7"), r.message());
    }

    @Test
    void stopsHonestlyAtTheIterationLimit() {
        double[] demand = {40, 60, 80, 20};
        MultiPeriodMarket m = MultiPeriodMarket.builder("ramp", Horizon.hourly(4))
                .periods(t -> Market.builder("ramp")
                        .producer("C", 0, 100, QuadraticCost.linear(10))
                        .producer("E", 0, 100, QuadraticCost.linear(50))
                        .consumer("L", -demand[t], -demand[t], QuadraticCost.linear(100)).build())
                .ramp("C", Ramp.of(20, 30).startingAt(10)).build();
        MultiPeriodResult r = MultiPeriodClearing.clear(m, new AdmmSolver(), OPTIONS.withMaxIterations(3));
        assertEquals(Status.ITERATION_LIMIT, r.status(), r.message());
        org.junit.jupiter.api.Assertions.assertTrue(r.message().contains("gap"), r.message());
    }

    @Test
    void rampLimitedCheapGeneratorLeavesTheRestToTheExpensiveOne() {
        // see structured-ipm's MultiPeriodClosedFormTest: C = 30 50 50 20, E = 10 10 30 0, objective -16000
        double[] demand = {40, 60, 80, 20};
        MultiPeriodMarket m = MultiPeriodMarket.builder("ramp", Horizon.hourly(4))
                .periods(t -> Market.builder("ramp")
                        .producer("C", 0, 100, QuadraticCost.linear(10))
                        .producer("E", 0, 100, QuadraticCost.linear(50))
                        .consumer("L", -demand[t], -demand[t], QuadraticCost.linear(100)).build())
                .ramp("C", Ramp.of(20, 30).startingAt(10)).build();
        MultiPeriodResult r = cleared(m);
        assertEquals(-16000, r.objective(), 1e-4 * 16000, r.message());
        double[] c = new double[4];
        for (int t = 0; t < 4; t++) {
            c[t] = r.period(t).power("C");
        }
        assertArrayEquals(new double[] {30, 50, 50, 20}, c, 1e-2);
    }
}
