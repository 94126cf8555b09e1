package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.HorizonClosedForms;
import org.junit.jupiter.api.Test;

/** Markets over time with a hand-worked optimum, cleared by admm's horizon negotiation. */
class HorizonClosedFormTest {

    static final SolverOptions OPTIONS =
            SolverOptions.DEFAULTS.withTolerance(AdmmOptions.DEFAULT_TOLERANCE);

    static MultiPeriodResult cleared(MultiPeriodMarket m) {
        MultiPeriodResult r = MultiPeriodClearing.clear(m, new AdmmSolver(), OPTIONS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        return r;
    }

    @Test
    void losslessBatteryArbitragesTwoPeriods() {
        MultiPeriodResult r = cleared(HorizonClosedForms.arbitrage(10, 50, 1));
        // charge 10 kWh at 10 $/kWh and serve the load from it in period 1: 10 * 20 - 2000
        assertEquals(-1800, r.objective(), 1e-4 * 1800, r.message());
        assertEquals(10, r.storage("B").orElseThrow().energyKwh(0), 1e-3);
        assertEquals(0, r.storage("B").orElseThrow().energyKwh(1), 1e-3);
    }

    @Test
    void storageTargetAboveWhatTheChargerCanReachIsInfeasibleNamingThePeer() {
        MultiPeriodResult r =
                MultiPeriodClearing.clear(
                        HorizonClosedForms.unreachableTarget(), new AdmmSolver(), OPTIONS);
        assertEquals(Status.INFEASIBLE, r.status(), r.message());
        org.junit.jupiter.api.Assertions.assertTrue(r.message().contains("Battery7"), r.message());
    }

    @Test
    void stopsHonestlyAtTheIterationLimit() {
        MultiPeriodMarket m = HorizonClosedForms.rampLimited();
        MultiPeriodResult r =
                MultiPeriodClearing.clear(m, new AdmmSolver(), OPTIONS.withMaxIterations(3));
        assertEquals(Status.ITERATION_LIMIT, r.status(), r.message());
        org.junit.jupiter.api.Assertions.assertTrue(r.message().contains("gap"), r.message());
    }

    @Test
    void rampLimitedCheapGeneratorLeavesTheRestToTheExpensiveOne() {
        // see structured-ipm's MultiPeriodClosedFormTest: C = 30 50 50 20, E = 10 10 30 0,
        // objective -16000
        MultiPeriodMarket m = HorizonClosedForms.rampLimited();
        MultiPeriodResult r = cleared(m);
        assertEquals(-16000, r.objective(), 1e-4 * 16000, r.message());
        double[] c = new double[4];
        for (int t = 0; t < 4; t++) {
            c[t] = r.period(t).power("C");
        }
        assertArrayEquals(new double[] {30, 50, 50, 20}, c, 1e-2);
    }
}
