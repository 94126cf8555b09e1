package org.gridbazaar.solver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.junit.jupiter.api.Test;

/** The SPI's default methods. */
class MarketSolverTest {

    /** A solver that supports problems with at most {@code limit} nodes and solves nothing. */
    private record Limited(int limit) implements MarketSolver {
        @Override
        public String name() {
            return "limited";
        }

        @Override
        public Support supports(MarketProblem problem) {
            return problem.nodeCount() <= limit
                    ? Support.yes()
                    : Support.no(problem.nodeCount() + " nodes exceed " + limit);
        }

        @Override
        public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
            requireSupported(problem);
            throw new AssertionError("not reached in these tests");
        }
    }

    private static MarketProblem twoNodes() {
        MarketProblem.Builder b = MarketProblem.builder("two");
        b.node(b.peer("G"), MarketProblem.POWER, 0.1, 10, 0, 0, 50);
        b.node(b.peer("C"), MarketProblem.POWER, 0.1, -40, 0, -50, 0);
        b.arc(0, 1, 0, 0);
        return b.build();
    }

    @Test
    void requireSupportedThrowsWithTheSolverAndTheReason() {
        UnsupportedProblemException e =
                assertThrows(
                        UnsupportedProblemException.class,
                        () -> new Limited(1).solve(twoNodes(), SolverOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("limited"), e.getMessage());
        assertTrue(e.getMessage().contains("2 nodes exceed 1"), e.getMessage());
    }

    @Test
    void requireSupportedPassesWhatIsSupported() {
        assertDoesNotThrow(() -> new Limited(2).requireSupported(twoNodes()));
    }
}
