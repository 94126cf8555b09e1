package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window QP on which the bonus mechanism's re-dispatch stopped at its iteration limit (a seeded
 * random microgrid, {@code BonusPropertyTest}'s input 67, period 5): 18 variables in kW or kWh, 9
 * rows, nearly linear costs in $, two fixed variables. A battery's energy (variable 4, no cost,
 * between its bounds) links two energy rows with coefficients +1 and -1; the charging that the rows
 * force leaves 2.6e-5 kW of room below two limits. The QP is built exactly as the mechanism builds
 * it: every variable scaled to its largest bound times a factor, the costs to a largest linear
 * coefficient of 1. Before the primal regularization followed the column's coefficients (and the
 * endgame centred while the primal residual lagged the gap), the primal residual stalled at 1.1e-8
 * relative for every factor while the gap vanished.
 *
 * <p>The optimum is checked without the solver's own measures: the point, in kW, must satisfy every
 * row and bound, and its cost must equal, to 1e-9 relative, the Lagrangian dual bound of the
 * solver's row prices (the least cost over the bounds of the cost plus the priced row residuals,
 * which no feasible point undercuts); variable 17 has no upper bound, so the dual bound uses the
 * one its equality row implies.
 */
class SeparableQpSolverWindowTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** Per variable: lower bound, upper bound, quadratic and linear cost ($/kW^2, $/kW). */
    private static final double[][] VARIABLES = {
        {374.6796649853, 1124.038994862466, 5.656825543507937E-7, 0.06576008430004286},
        {212.01601350231104, 636.0480405069331, 5.656825543507937E-7, 0.06603613226961388},
        {0.0, 242.47612873634995, 8.741056328173325E-7, 0.0761813244730091},
        {0.0, 242.47612873634995, 8.741056328173325E-7, -0.05645136181158669},
        {0.0, 1112.741735661455, 0.0, 0.0},
        {0.0, 242.47612873634995, 8.741056328173325E-7, 0.07612855556091828},
        {0.0, 242.47612873634995, 8.741056328173325E-7, -0.056451361811586526},
        {556.3708678973027, 556.3708678973027, 0.0, 0.0},
        {1.3058206638263371E-14, 219.55540342692413, 9.418738079315222E-4, 0.044392976288668465},
        {0.0, 600.0, 9.418738079315222E-4, 0.04439297628866863},
        {-300.0, 200.0, 0.0, 0.0},
        {0.0, 200.0, 1.412998333014561E-6, 0.06639035692571237},
        {0.0, 100.0, 1.412998333014561E-6, -0.06653151432081088},
        {0.0, 600.0, 0.0, 0.0},
        {0.0, 200.0, 1.412998333014561E-6, 0.06630029903919261},
        {0.0, 100.0, 1.412998333014561E-6, -0.06643221383032104},
        {299.99999999981844, 299.99999999981844, 0.0, 0.0},
        {0.0, INF, 0.0, 0.058963992175423724},
    };

    private static final int[][] ROW_VARIABLES = {
        {0, 1},
        {4, 2, 3},
        {7, 4, 5, 6},
        {3, 2},
        {9, 8, 10},
        {13, 11, 12},
        {16, 13, 14, 15},
        {12, 11},
        {0, 3, 2, 8, 12, 11, 17}
    };

    private static final double[][] ROW_COEFFICIENTS = {
        {1.0, 1.0},
        {1.0, -0.9245778399054113, 1.0045458756552295},
        {1.0, -1.0, -0.9245778399054113, 1.0045458756552295},
        {-1.0, 1.0},
        {1.0, -1.0, -1.0},
        {1.0, -1.0, 1.0},
        {1.0, -1.0, -1.0, 1.0},
        {-1.0, 1.0},
        {-1.0, 1.0, -1.0, 1.0, 1.0, -1.0, 1.0}
    };

    /** Per row: equality (else {@code <=}), right-hand side (kW or kWh), order key. */
    private static final double[][] ROW_DATA = {
        {1.0, 1760.0870353494693, 1.0},
        {1.0, 163.81067582634805, 3.0},
        {1.0, -0.0, 4.0},
        {0.0, 182.10706935301351, 3.0},
        {1.0, 0.0, 7.0},
        {1.0, 350.0000000000009, 9.0},
        {1.0, -0.0, 10.0},
        {0.0, -92.00587417025616, 9.0},
        {1.0, -1040.9233907061007, 13.0}
    };

    private static final int N = VARIABLES.length;

    /** The variables' scales in the mechanism's QP: the largest bound times {@code factor}. */
    private static double[] scales(double factor) {
        double largest = 0;
        for (double[] v : VARIABLES) {
            largest = Math.max(largest, Math.max(finite(v[0]), finite(v[1])));
        }
        double[] sigma = new double[N];
        for (int j = 0; j < N; j++) {
            double bound = Math.max(finite(VARIABLES[j][0]), finite(VARIABLES[j][1]));
            boolean boxed = Double.isFinite(VARIABLES[j][0]) && Double.isFinite(VARIABLES[j][1]);
            sigma[j] = factor * (bound > 0 && boxed ? bound : Math.max(largest, 1));
        }
        return sigma;
    }

    /** The cost scale: one over the largest scaled linear cost. */
    private static double costScale(double[] sigma) {
        double largest = 0;
        for (int j = 0; j < N; j++) {
            largest = Math.max(largest, Math.abs(VARIABLES[j][3] * sigma[j]));
        }
        return 1 / largest;
    }

    private static SeparableQp scaledQp(double[] sigma, double k) {
        SeparableQp.Builder b = SeparableQp.builder();
        for (int j = 0; j < N; j++) {
            double[] v = VARIABLES[j];
            b.variable(
                    v[0] / sigma[j],
                    v[1] / sigma[j],
                    k * v[2] * sigma[j] * sigma[j],
                    k * v[3] * sigma[j]);
        }
        for (int r = 0; r < ROW_VARIABLES.length; r++) {
            double[] coefs = ROW_COEFFICIENTS[r].clone();
            for (int i = 0; i < coefs.length; i++) {
                coefs[i] *= sigma[ROW_VARIABLES[r][i]];
            }
            b.row(
                    ROW_VARIABLES[r],
                    coefs,
                    ROW_DATA[r][0] == 1,
                    ROW_DATA[r][1],
                    (long) ROW_DATA[r][2]);
        }
        return b.build();
    }

    @ParameterizedTest(name = "scale factor {0}")
    @ValueSource(doubles = {1, 0.5, 2, 0.25, 4})
    void theBonusWindowQpConvergesToItsDualBound(double factor) {
        double[] sigma = scales(factor);
        double k = costScale(sigma);
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(scaledQp(sigma, k))
                        .solve(1e-9, 300, INF, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, o.stop, o.detail);
        assertTrue(o.primal <= 1e-9, "relative primal residual " + o.primal);
        double[] u = new double[N];
        for (int j = 0; j < N; j++) {
            u[j] = o.u[j] * sigma[j];
        }
        double[] price = new double[ROW_DATA.length];
        for (int r = 0; r < price.length; r++) {
            price[r] = o.pi[r] / k;
        }
        assertTrue(violation(u) <= 1e-6, "largest violation " + violation(u) + " kW");
        double cost = cost(u), bound = dualBound(price);
        assertTrue(bound <= cost + 1e-9 * Math.abs(cost), bound + " > " + cost);
        assertEquals(cost, bound, 1e-9 * Math.abs(cost), "cost against the dual bound ($)");
    }

    private static double cost(double[] u) {
        double s = 0;
        for (int j = 0; j < N; j++) {
            s += (0.5 * VARIABLES[j][2] * u[j] + VARIABLES[j][3]) * u[j];
        }
        return s;
    }

    /** Largest violation of a bound or row at {@code u}, kW. */
    private static double violation(double[] u) {
        double v = 0;
        for (int j = 0; j < N; j++) {
            v = Math.max(v, Math.max(VARIABLES[j][0] - u[j], u[j] - VARIABLES[j][1]));
        }
        for (int r = 0; r < ROW_DATA.length; r++) {
            double t = rowValue(r, u) - ROW_DATA[r][1];
            v = Math.max(v, ROW_DATA[r][0] == 1 ? Math.abs(t) : t);
        }
        return v;
    }

    private static double rowValue(int r, double[] u) {
        double t = 0;
        for (int i = 0; i < ROW_VARIABLES[r].length; i++) {
            t += ROW_COEFFICIENTS[r][i] * u[ROW_VARIABLES[r][i]];
        }
        return t;
    }

    /**
     * {@code min over the bounds of cost(u) + price'(A u - b)}, with prices of {@code <=} rows
     * clipped at 0: at most the optimum (weak duality). Variable 17's missing upper bound is
     * replaced by the one its equality row (row 8, coefficient 1) implies from the other bounds.
     */
    private static double dualBound(double[] price) {
        double[] lo = new double[N], hi = new double[N];
        for (int j = 0; j < N; j++) {
            lo[j] = VARIABLES[j][0];
            hi[j] = VARIABLES[j][1];
        }
        double implied = ROW_DATA[8][1];
        for (int i = 0; i < ROW_VARIABLES[8].length; i++) {
            int j = ROW_VARIABLES[8][i];
            double a = ROW_COEFFICIENTS[8][i];
            if (j != 17) {
                implied -= a > 0 ? a * VARIABLES[j][0] : a * VARIABLES[j][1];
            }
        }
        hi[17] = implied;
        double[] y = new double[price.length];
        double[] reduced = new double[N];
        double s = 0;
        for (int r = 0; r < price.length; r++) {
            y[r] = ROW_DATA[r][0] == 1 ? price[r] : Math.max(0, price[r]);
            s -= y[r] * ROW_DATA[r][1];
            for (int i = 0; i < ROW_VARIABLES[r].length; i++) {
                reduced[ROW_VARIABLES[r][i]] += ROW_COEFFICIENTS[r][i] * y[r];
            }
        }
        for (int j = 0; j < N; j++) {
            double q = VARIABLES[j][2], c = VARIABLES[j][3] + reduced[j];
            double at = q > 0 ? Math.min(Math.max(-c / q, lo[j]), hi[j]) : c >= 0 ? lo[j] : hi[j];
            s += (0.5 * q * at + c) * at;
        }
        return s;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }
}
