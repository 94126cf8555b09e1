package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.horizon.ElectricVehicle;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bonus mechanism's day-ahead market of seed 114 (as {@code ZeroCostCycleTest} in the
 * structured solver's tests writes it out), whose grid connection of 100,000 kW makes the KKT
 * residuals' primal scale so large that a point 1.3e-5 relative short of the optimum passed them:
 * {@code ojalgo-qp} answered {@code OPTIMAL} at -472.53097 $ where {@code structured-ipm} reaches
 * -472.53711 $. The duality gap, on the objective's own scale, sees it. Slow: ojAlgo's proximal
 * iterations take about 80 s here (2 cores, 2026-12-07); {@link PeerBlockQpAcceptanceTest} covers
 * the same rule on a small market in the default run.
 */
class LargeBoundDayAheadTest {

    @Test
    @Tag("slow")
    void ojalgoCallsTheDayAheadMarketOptimalOnlyAtTheDefaultSolversObjective() {
        MultiPeriodMarket m = seed114DayAhead();
        MultiPeriodResult reference =
                MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, reference.status(), reference.message());
        MultiPeriodResult r =
                MultiPeriodClearing.clear(m, new OjAlgoSolver(), SolverOptions.DEFAULTS);
        if (r.status() == Status.OPTIMAL) {
            assertEquals(
                    reference.objective(),
                    r.objective(),
                    1e-6 * Math.abs(reference.objective()),
                    r.message());
        } else {
            assertNotEquals(Status.INFEASIBLE, r.status(), r.message());
            assertTrue(r.message().contains("duality gap"), r.message());
        }
    }

    static MultiPeriodMarket seed114DayAhead() {
        double[] buy = {
            0.1276418381036929,
            0.11457107110236694,
            0.149870571213711,
            0.09801148473984049,
            0.16794319414003261,
            0.1978262922014053,
            0.19625258046363492
        };
        double[] sell = {
            0.058132794267611504,
            0.08531359836191191,
            0.08521664001352194,
            0.04871312671454508,
            0.14975060879665023,
            0.10357168325385806,
            0.1537652399151679
        };
        double[] forecast = {
            1255.1465116317502,
            881.9551658638808,
            1434.355904316249,
            1369.7823457917455,
            955.7438297550525,
            726.0056809738415,
            1094.987307821664
        };
        double[] demandMin = {
            172.9503508380774,
            189.8357449285313,
            220.27661808929284,
            293.0795339879489,
            266.15102986084554,
            209.8809642366383,
            377.09408251297214
        };
        double[] demandMax = {
            518.8510525142323,
            569.5072347855939,
            660.8298542678785,
            879.2386019638466,
            798.4530895825367,
            629.6428927099149,
            1131.2822475389164
        };
        double energy = 3458.5366489086123, limit = 100_000;
        int n = buy.length, leave = n / 2;
        Horizon day = Horizon.hourly(n);
        double cap = 1045.9522201586137, power = 200.42225679062125;
        Storage battery =
                Storage.builder(cap, cap / 2)
                        .powerKw(power, power)
                        .efficiencies(0.9972405705532364, 0.904362650418734)
                        .throughputCost(6.448837736559599E-4)
                        .target(n - 1, cap / 2)
                        .build();
        Storage fleet =
                ElectricVehicle.on(day)
                        .battery(600, 300)
                        .chargerKw(200)
                        .vehicleToGridKw(100)
                        .trip(leave, leave + 1, 100)
                        .departure(leave - 1, 450)
                        .departure(n - 1, 300)
                        .build();
        List<PeerPair> pairs = new ArrayList<>();
        for (String id : List.of("res", "grid-buy", "grid-sell", "demand", "ess", "dg", "ev")) {
            pairs.add(PeerPair.of("mcu-pool", id));
        }
        QuadraticCost dg = QuadraticCost.of(5.271694576491776E-4, 0.1128158626871602, 0);
        return MultiPeriodMarket.builder("bonus-seed-114-day-ahead", day)
                .periods(
                        t ->
                                Market.builder("bonus-seed-114-" + t)
                                        .prosumer("mcu-pool", 0, 0, QuadraticCost.of(0, 0, 0))
                                        .producer(
                                                "res",
                                                forecast[t],
                                                forecast[t],
                                                QuadraticCost.of(0, 0, 0))
                                        .producer(
                                                "grid-buy", 0, limit, QuadraticCost.linear(buy[t]))
                                        .consumer(
                                                "grid-sell",
                                                -limit,
                                                0,
                                                QuadraticCost.linear(sell[t]))
                                        .consumer(
                                                "demand",
                                                -demandMax[t],
                                                -demandMin[t],
                                                QuadraticCost.of(0, 0, 0))
                                        .prosumer("ess", 0, 0, QuadraticCost.of(0, 0, 0))
                                        .producer("dg", 0, 600, dg)
                                        .prosumer("ev", 0, 0, QuadraticCost.of(0, 0, 0))
                                        .tradingPairs(pairs)
                                        .build())
                .energyWindow("demand", EnergyWindow.of(0, n - 1, -energy, -energy))
                .ramp("dg", Ramp.of(200, 300))
                .storage("ess", battery)
                .storage("ev", fleet)
                .build();
    }
}
