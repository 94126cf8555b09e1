package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Forcing rows a hair beyond reach by rounding ({@link ForcingRows}): the bonus mechanism's
 * centralized re-dispatch windows of inputs 691 (period 4) and 953 (period 3), as the mechanism
 * hands them to the solver (scaled). In both, row 0 asks a fixed demand of units that must run at
 * full capacity: {@code 153.658 u0 + 1133.25 u1 = 1286.91} with {@code u0} fixed at 1 and {@code u1
 * <= 1} asks for {@code u1 = 1 + 5.2e-13}; {@code 315.641 u0 + 911.117 u1 + 649.228 u2 = 1875.99}
 * with {@code u1, u2 <= 1} is 1.9e-12 relative beyond their largest sum. Without room the barriers
 * of those bounds and the row's price grew without end and every start broke down (step length
 * 1e-15 at iterations 10 to 18). Each window is checked against itself with the bounds of the
 * forced units 1e-8 out of the way, where an interior exists and the optimum moves by at most the
 * bounds' multipliers times that room.
 */
class SeparableQpSolverForcingRowTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /**
     * A window as the mechanism hands it over: per variable {lower, upper, quadratic, linear}; per
     * row its variables, their coefficients and {1 for an equality or 0 for {@code <=}, right-hand
     * side}; the units its row 0 forces to their upper bound of 1.
     */
    private record Window(
            double[][] variables,
            int[][] rowVars,
            double[][] rowCoefs,
            double[][] rows,
            int[] forced) {

        /** The window with the forced units' upper bound at {@code upperOfForced}. */
        SeparableQp build(double upperOfForced) {
            SeparableQp.Builder b = SeparableQp.builder();
            for (int j = 0; j < variables.length; j++) {
                double[] v = variables[j];
                boolean isForced = false;
                for (int k : forced) {
                    isForced |= k == j;
                }
                b.variable(v[0], isForced ? upperOfForced : v[1], v[2], v[3]);
            }
            for (int r = 0; r < rows.length; r++) {
                b.row(rowVars[r], rowCoefs[r], rows[r][0] == 1, rows[r][1], r);
            }
            return b.build();
        }

        double cost(double[] u) {
            double s = 0;
            for (int j = 0; j < variables.length; j++) {
                s += (0.5 * variables[j][2] * u[j] + variables[j][3]) * u[j];
            }
            return s;
        }
    }

    /** Input 691, period 4: one unit forced. */
    private static final Window WINDOW_691 =
            new Window(
                    new double[][] {
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
                    },
                    new int[][] {
                        {0, 1},
                        {2, 3, 4},
                        {2, 3},
                        {4, 5, 6, 7},
                        {8, 9, 10},
                        {11, 12, 13},
                        {13, 14, 15, 16},
                        {0, 2, 3, 8, 11, 12, 17},
                    },
                    new double[][] {
                        {153.6583779620833, 1133.2534511114904},
                        {-352.611064089162, 397.04439507812856, 1199.9788971485805},
                        {388.1868776854084, -388.1868776854084},
                        {
                            -1199.9788971485805,
                            -352.611064089162,
                            397.04439507812856,
                            599.9894485742896
                        },
                        {-281.1122274953502, 600.0, -300.0},
                        {-1199.9788971485805, 1199.9788971485805, 600.0},
                        {-600.0, -200.0, 100.0, 300.0000000000001},
                        {
                            -153.6583779620833,
                            -388.1868776854084,
                            388.1868776854084,
                            281.1122274953502,
                            -1199.9788971485805,
                            1199.9788971485805,
                            1199.9788971485805
                        },
                    },
                    new double[][] {
                        {1, 1286.9118290741667},
                        {1, 644.4227795632565},
                        {0, -388.1868776854084},
                        {1, 0.0},
                        {1, 0.0},
                        {1, 349.9999999999998},
                        {1, 0.0},
                        {1, 628.0425242038602},
                    },
                    new int[] {1});

    /** Input 953, period 3: two units forced. */
    private static final Window WINDOW_953 =
            new Window(
                    new double[][] {
                        {1.0, 1.0, 6.324949701007995e-05, 0.3463696212695641},
                        {0.3333333333333333, 1.0, 0.0005270100421808931, 0.5939776146373896},
                        {0.3333333333333333, 1.0, 0.00026758727565545485, 0.6246320323311708},
                        {0.0, 1.0, 5.652835271058399e-05, 0.2572528494280668},
                        {0.0, 1.0, 5.652835271058399e-05, -0.24267325432301487},
                        {0.0, 1.0, 0.0, 0.0},
                        {0.0, 1.0, 5.652835271058399e-05, 0.15584766979690515},
                        {0.0, 1.0, 5.652835271058399e-05, -0.141274243614184},
                        {0.0, 1.0, 0.0, 0.0},
                        {0.0, 1.0, 5.652835271058399e-05, 0.22645869690771805},
                        {0.0, 1.0, 5.652835271058399e-05, -0.21187416887673985},
                        {1.0, 1.0, 0.0, 0.0},
                        {0.13086062457430245, 1.0, 1.9437013452278264, -0.25435397202241494},
                        {0.0, 1.0, 1.9437013452278264, 0.01271675302883396},
                        {0.0, 1.0, 1.9437013452278264, -0.17332532109285964},
                        {0.0, 1.0, 9.929331034440764e-05, 0.21951071911027056},
                        {0.0, 0.0, 0.0020606703625020246, -1.0},
                        {0.7499999999999996, 1.0, 0.0, 0.0},
                        {0.0, 0.0, 0.0020606703625020246, 0.5945046246795704},
                        {0.0, 0.0, 0.0020606703625020246, -0.5945046246795704},
                        {0.0, 1.0, 0.0, 0.0},
                        {0.0, 0.0, 0.0020606703625020246, 0.8769745227079153},
                        {0.0, 0.0, 0.0020606703625020246, -0.8769745227079153},
                        {1.0, 1.0, 0.0, 0.0},
                        {0.0, INF, 0.0, 0.35200680265684514},
                    },
                    new int[][] {
                        {0, 1, 2},
                        {3, 4, 5},
                        {3, 4},
                        {5, 6, 7, 8},
                        {8, 9, 10, 11},
                        {15, 16, 17},
                        {15, 16},
                        {17, 18, 19, 20},
                        {20, 21, 22, 23},
                        {0, 3, 4, 12, 15, 16, 24},
                    },
                    new double[][] {
                        {315.6409601961583, 911.1172375118983, 649.2284557826742},
                        {-224.97482111483055, 229.88323141683424, 801.7149029441036},
                        {227.72270363234094, -227.72270363234094},
                        {
                            -801.7149029441036,
                            -224.97482111483055,
                            229.88323141683424,
                            801.7149029441036
                        },
                        {
                            -801.7149029441036,
                            -224.97482111483055,
                            229.88323141683424,
                            405.7658617740558
                        },
                        {-200.0, 911.1172375118983, 600.0},
                        {200.0, -911.1172375118983},
                        {-600.0, -911.1172375118983, 911.1172375118983, 600.0},
                        {-600.0, -911.1172375118983, 911.1172375118983, 349.9999999999997},
                        {
                            -315.6409601961583,
                            -227.72270363234094,
                            227.72270363234094,
                            600.0,
                            -200.0,
                            911.1172375118983,
                            911.1172375118983
                        },
                    },
                    new double[][] {
                        {1, 1875.986653494256},
                        {1, 204.79614269484932},
                        {0, -202.8713926653573},
                        {1, 0.0},
                        {1, 0.0},
                        {1, 449.9999999999928},
                        {0, 6.944630126697551e-12},
                        {1, -50.0},
                        {1, -50.0},
                        {1, 262.9326716722268},
                    },
                    new int[] {1, 2});

    private static void convergesAtItsOptimum(Window w) {
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(w.build(1))
                        .solve(1e-9, 200, INF, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, o.stop, o.detail);
        assertFalse(o.recovered, o.detail);
        assertTrue(o.primal <= 1e-9, "relative primal residual " + o.primal);
        for (int j : w.forced()) {
            assertTrue(o.u[j] <= 1, "forced unit " + j + " beyond its bound: " + o.u[j]);
            assertEquals(1, o.u[j], 1e-9, "forced unit " + j);
        }
        SeparableQpSolver.Outcome loose =
                new SeparableQpSolver(w.build(1 + 1e-8))
                        .solve(1e-9, 200, INF, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, loose.stop, loose.detail);
        for (int j : w.forced()) {
            assertEquals(1, loose.u[j], 1e-7, "forced unit " + j + " with room");
        }
        // the costs differ by at most the forced bounds' multipliers (prices of order 1 in these
        // scaled windows) times their room
        double expected = w.cost(loose.u);
        assertEquals(expected, w.cost(o.u), 1e-7 * Math.max(1, Math.abs(expected)), "cost");
    }

    @Test
    void oneUnitForcedToItsCapacityConverges() {
        convergesAtItsOptimum(WINDOW_691);
    }

    @Test
    void twoUnitsForcedToTheirCapacityConverge() {
        convergesAtItsOptimum(WINDOW_953);
    }
}
