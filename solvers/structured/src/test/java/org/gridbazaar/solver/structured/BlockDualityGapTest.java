package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.support.DualityGap;
import org.junit.jupiter.api.Test;

/**
 * The duality gap behind the block path's {@code OPTIMAL} ({@link DualityGap}, with {@link
 * org.gridbazaar.solver.support.BlockKkt}): the default solver's answers carry multipliers whose
 * dual bound meets their objective, on a market over time with a binding coupling constraint and on
 * the bonus mechanism's day-ahead market of seed 114, whose 100,000 kW grid connection makes the
 * KKT residuals' scales large.
 */
class BlockDualityGapTest {

    private static DualityGap gap(MarketProblem p, ProblemSolution s, double[] coupling) {
        return DualityGap.measure(
                p, s.x(), s.f(), s.privateVariables(), s.y(), s.sideDuals(), coupling);
    }

    @Test
    void theAnswerWithALimitClosesTheGapWithItsCouplingMultiplierOnly() {
        MarketProblem p = BlockAcceptanceTest.storageWithALimit();
        ProblemSolution s = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        DualityGap with = gap(p, s, s.couplingDuals());
        assertTrue(Math.abs(with.relative()) < 1e-9, with.toString());
        assertEquals(
                p.objective(s.x(), s.privateVariables(), s.f()),
                with.objective(),
                1e-9 * with.scale());
        // without the limit's multiplier the bound is the dual function of the market without the
        // limit, at prices that are not that market's: far below
        DualityGap without = gap(p, s, null);
        assertTrue(without.relative() > 1e-4, without.toString());
        assertTrue(without.largest().contains("of G"), without.largest());
    }

    @Test
    void theDayAheadMarketWithAGridConnectionOf100000KwClosesTheGap() {
        MarketProblem p =
                new MultiPeriodFormulation()
                        .formulate(ZeroCostCycleTest.seed114DayAhead())
                        .problem();
        ProblemSolution s = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        DualityGap g = gap(p, s, s.couplingDuals());
        assertTrue(Math.abs(g.relative()) < 1e-9, g.toString());
        assertEquals(-472.53711, g.objective(), 1e-5, g.toString());
    }
}
