package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.InteriorPoint;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.testkit.RandomMarkets;
import org.gridbazaar.testkit.ResultChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Large markets with every feature at once ({@link MixedMarkets}), which mixes of two or three
 * features never met. {@link MixedMarketSweep} runs the sweep; these are its smallest failures.
 */
class MixedMarketTest {

    /**
     * Markets of the sweep that ended NUMERICAL_ERROR. Seed 52 (165 peers, the smallest): its
     * iterative run stalls near a CHP vertex (z/s above 1e12 on two rows) and its residuals grew to
     * 6e45 before NaN; the run now stops at the divergence and is repeated densely. Seed 28 (220
     * peers): both runs jam, a CHP unit pinned at a vertex of its region with its heat balance
     * still 0.05 kW off; the retry keeps complementarity from running ahead of feasibility.
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"52, 161", "28, 214"})
    void mixedMarketsThatBrokeDownClear(long seed, int peers) {
        Market m = MixedMarkets.generate(seed, peers);
        // the congestion penalty's lines are those the first solve finds congested; the checks
        // need them resolved (ResultChecker cannot price "auto" lines)
        Market resolved =
                MarketClearing.resolveAutoCongestion(
                        m, new P2PFormulation(), new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertTrue(
                resolved != null,
                "the first solve, without the congestion penalty, has a solution");
        MarketResult r =
                MarketClearing.clear(resolved, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, r.status(), () -> m.description());
        ResultChecker.assertConsistent(resolved, r, 1e-6);
    }

    /**
     * A run whose residuals explode (the dense run on RandomMarkets seed 163, full(60), reached a
     * dual residual of 2e50) stops there as a breakdown instead of iterating on to its limit.
     */
    @Test
    void aDivergingRunStopsAtTheDivergence() {
        MarketProblem p =
                new P2PFormulation()
                        .formulate(RandomMarkets.generate(163, RandomMarkets.Spec.full(60)))
                        .problem();
        InteriorPoint.Outcome o =
                new InteriorPoint(p, LinearAlgebra.DENSE)
                        .solve(1e-9, 300, Double.POSITIVE_INFINITY, null);
        assertTrue(o.history.size() < 60, "stopped after " + o.history.size() + " iterations");
        assertTrue(o.converged && o.recovered, "returns the last acceptable point");
        assertTrue(
                o.breakdown != null && o.breakdown.contains("diverged"),
                String.valueOf(o.breakdown));
    }
}
