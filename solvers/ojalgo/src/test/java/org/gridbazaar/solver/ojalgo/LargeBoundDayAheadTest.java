package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.junit.jupiter.api.Test;

/**
 * The bonus mechanism's day-ahead market of seed 114 ({@code BonusDayAheadMarkets.seed114}), whose
 * grid connection of 100,000 kW makes the KKT residuals' primal scale so large that a point 1.3e-5
 * relative short of the optimum passed them: {@code ojalgo-qp} answered {@code OPTIMAL} at
 * -472.53097 $ where {@code structured-ipm} reaches -472.53711 $. The duality gap, on the
 * objective's own scale, sees it. The slowest test of the build: ojAlgo's proximal iterations take
 * about 80 s here (2 cores, 2026-12-07); {@link PeerBlockQpAcceptanceTest} checks the same rule on
 * a small market in about 1 s.
 */
class LargeBoundDayAheadTest {

    @Test
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
        return org.gridbazaar.testkit.BonusDayAheadMarkets.seed114();
    }
}
