package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.junit.jupiter.api.Test;

/**
 * The sizes {@link StructuredIpmSolver#supports} accepts: {@value StructuredIpmSolver#MAX_NODES}
 * nodes for a single period, {@value StructuredIpmSolver#MAX_BLOCK_NODES} for a market over time
 * with peer blocks (the largest of each measured), with the reason named when it declines.
 */
class SupportLimitsTest {

    /**
     * {@code peers x periods} nodes; with a private variable (a peer block) when {@code blocks}.
     */
    private static MarketProblem problem(int peers, int periods, boolean blocks) {
        MarketProblem.Builder b = MarketProblem.builder("limits");
        for (int i = 0; i < peers; i++) {
            int peer = b.peer("P" + i);
            for (int t = 0; t < periods; t++) {
                b.node(peer, MarketProblem.POWER, t, 0.1, 1, 0, -1, 1);
            }
        }
        if (blocks) {
            b.variable(0, "energy", 0, 0, 0, 0, 0, 10);
        }
        return b.build();
    }

    @Test
    void aMarketOverTimeIsAcceptedUpToItsOwnLimit() {
        StructuredIpmSolver solver = new StructuredIpmSolver();
        MarketProblem day = problem(1000, 96, true);
        assertTrue(day.hasPeerBlocks());
        assertTrue(
                day.nodeCount() > StructuredIpmSolver.MAX_NODES
                        && day.nodeCount() <= StructuredIpmSolver.MAX_BLOCK_NODES);
        assertTrue(solver.supports(day).supported(), "a 15-minute day of 1,000 peers");
        MarketProblem beyond = problem(1100, 96, true);
        var refused = solver.supports(beyond);
        assertFalse(refused.supported());
        assertTrue(refused.reason().contains("105600"), refused.reason());
    }

    @Test
    void aSinglePeriodMarketKeepsTheSinglePeriodLimit() {
        MarketProblem wide = problem(StructuredIpmSolver.MAX_NODES + 1, 1, false);
        assertFalse(wide.hasPeerBlocks());
        var refused = new StructuredIpmSolver().supports(wide);
        assertFalse(refused.supported());
        assertTrue(refused.reason().contains("50001"), refused.reason());
    }
}
