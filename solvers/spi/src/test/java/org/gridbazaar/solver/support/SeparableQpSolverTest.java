package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Closed forms of small block problems that once defeated the interior point. */
class SeparableQpSolverTest {

    /**
     * A ramp-limited unit over two periods: {@code u0} in [0, 200] kW at -0.02963 $/kWh, {@code u1}
     * in [0, 300] kW at 0.0674 $/kWh, both with a quadratic coefficient of 2.098e-4, and ramp rows
     * {@code u1 - u0 <= 200}, {@code u0 - u1 <= 300} (neither binding at the optimum). Its optimum
     * is {@code u0 = 0.02963 / 2.098e-4 = 141.23} kW and {@code u1 = 0}. The barrier weights are
     * tiny against the ranges, so the corrected Newton steps swing {@code u0} from bound to bound;
     * with Mehrotra's heuristic alone the complementarity gap cycled with period four (1.2, 9, 6,
     * 5) and the run never converged. (From the fitted prices of the default start it converges
     * without the safeguard; the plain start is the one that needs it.)
     */
    @Test
    void aRampLimitedUnitWithTinyCurvatureConverges() {
        SeparableQp.Builder b = SeparableQp.builder();
        int u0 = b.variable(0, 200, 2.098e-4, -0.02963);
        int u1 = b.variable(0, 300, 2.098e-4, 0.0674);
        b.row(new int[] {u0, u1}, new double[] {-1, 1}, false, 200, 0);
        b.row(new int[] {u0, u1}, new double[] {1, -1}, false, 300, 0);
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(b.build())
                        .startingFrom(SeparableQpSolver.Start.PLAIN)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, o.stop, o.detail);
        assertTrue(o.iterations <= 30, "iterations " + o.iterations);
        assertTrue(o.safeguardedSteps > 0, "Mehrotra's steps alone cycle here");
        assertEquals(0.02963 / 2.098e-4, o.u[u0], 1e-6);
        assertEquals(0, o.u[u1], 1e-6);
        // the multiplier of u1's lower bound is its marginal cost: nothing else prices it
        assertEquals(0.0674, o.zl[u1], 1e-9);
    }
}
