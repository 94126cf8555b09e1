package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A variable that an equality row pins at its bound, the row's value a hair outside the bound by
 * rounding: the bonus mechanism's centralized re-dispatch window of input 691 (period 4), as the
 * mechanism hands it to the solver (scaled). Row 0 is {@code 153.658 u0 + 1133.25 u1 = 1286.91}
 * with {@code u0} fixed at 1 and {@code u1} in [1/3, 1]: it asks for {@code u1 = 1 + 5.2e-13}.
 * Before a pinned variable kept no bound, the barrier of {@code u1 <= 1} and the row's price grew
 * without end and every start broke down (step length 1e-15 at iteration 10 to 14).
 */
class SeparableQpSolverPinnedTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** {lower, upper, quadratic, linear} per variable. */
    private static final double[][] VARIABLES = {
        {1.0, 1.0, 5.225413730493043e-05, 0.1279986460303646},
        {0.3333333333333333, 1.0, 0.0028422501225537217, 0.5521889836035843},
        {0.0, 1.0, 0.00032452999211928646, 0.33033748494854304},
        {0.0, 1.0, 0.00032452999211928646, -0.31697655228879135},
        {0.0, 1.0, 0.0, 0.0},
        {0.0, 1.0, 0.00032452999211928646, 0.1966396974799002},
        {0.0, 1.0, 0.00032452999211928646, -0.1832787648201485},
        {1.0, 1.0, 0.0, 0.0},
        {0.25241865821418996, 1.0, 0.09198073462434644, -0.023217653615432716},
        {0.0, 1.0, 0.4190249681007878, 0.1567113899404701},
        {-1.0, 0.6666666666666666, 0.0, 0.0},
        {0.0, 0.0, 0.008025460231301537, 0.9999999999999999},
        {0.0, 0.0, 0.008025460231301537, -0.9999999999999999},
        {0.0, 1.0, 0.0, 0.0},
        {0.0, 1.0, 0.0002229372918214508, 0.0979318233179326},
        {0.0, 1.0, 5.57343229553627e-05, -0.04901554799883523},
        {1.0, 1.0, 0.0, 0.0},
        {0.0, INF, 0.0, 0.15630755176895444},
    };

    private static SeparableQp window(double upperOfU1) {
        SeparableQp.Builder b = SeparableQp.builder();
        for (int j = 0; j < VARIABLES.length; j++) {
            double[] x = VARIABLES[j];
            b.variable(x[0], j == 1 ? upperOfU1 : x[1], x[2], x[3]);
        }
        b.row(
                new int[] {0, 1},
                new double[] {153.6583779620833, 1133.2534511114904},
                true,
                1286.9118290741667,
                0);
        b.row(
                new int[] {2, 3, 4},
                new double[] {-352.611064089162, 397.04439507812856, 1199.9788971485805},
                true,
                644.4227795632565,
                1);
        b.row(
                new int[] {2, 3},
                new double[] {388.1868776854084, -388.1868776854084},
                false,
                -388.1868776854084,
                2);
        b.row(
                new int[] {4, 5, 6, 7},
                new double[] {
                    -1199.9788971485805, -352.611064089162, 397.04439507812856, 599.9894485742896
                },
                true,
                0.0,
                3);
        b.row(new int[] {8, 9, 10}, new double[] {-281.1122274953502, 600.0, -300.0}, true, 0.0, 4);
        b.row(
                new int[] {11, 12, 13},
                new double[] {-1199.9788971485805, 1199.9788971485805, 600.0},
                true,
                349.9999999999998,
                5);
        b.row(
                new int[] {13, 14, 15, 16},
                new double[] {-600.0, -200.0, 100.0, 300.0000000000001},
                true,
                0.0,
                6);
        b.row(
                new int[] {0, 2, 3, 8, 11, 12, 17},
                new double[] {
                    -153.6583779620833,
                    -388.1868776854084,
                    388.1868776854084,
                    281.1122274953502,
                    -1199.9788971485805,
                    1199.9788971485805,
                    1199.9788971485805
                },
                true,
                628.0425242038602,
                7);
        return b.build();
    }

    private static double cost(double[] u) {
        double s = 0;
        for (int j = 0; j < VARIABLES.length; j++) {
            s += (0.5 * VARIABLES[j][2] * u[j] + VARIABLES[j][3]) * u[j];
        }
        return s;
    }

    @Test
    void aVariablePinnedAtItsBoundConvergesToTheOptimumWithTheBoundOutOfTheWay() {
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(window(1))
                        .solve(1e-9, 200, INF, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, o.stop, o.detail);
        assertFalse(o.recovered, o.detail);
        assertTrue(o.primal <= 1e-9, "relative primal residual " + o.primal);
        assertEquals(1, o.u[1], 0, "u1 at its bound, not beyond");
        // the same window with u1's bound 1e-6 out of the way (the row alone pins u1 there): an
        // interior exists, no variable is pinned at a bound, and the optimum is the same
        SeparableQpSolver.Outcome loose =
                new SeparableQpSolver(window(1 + 1e-6))
                        .solve(1e-9, 200, INF, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, loose.stop, loose.detail);
        assertEquals(1, loose.u[1], 1e-9);
        double expected = cost(loose.u);
        assertEquals(expected, cost(o.u), 1e-9 * Math.abs(expected), "cost");
    }
}
