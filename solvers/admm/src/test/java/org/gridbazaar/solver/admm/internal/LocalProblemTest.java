package org.gridbazaar.solver.admm.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalProblemTest {

    /** Objective of a local problem at trades t (per node), +inf if infeasible. */
    private static double objective(double[] a, double[] b, double[] lo, double[] hi, double[][] g, double[] rhs,
                                    TradeResponse[] resp, double[][] t, double[] lw, double[] up) {
        double[] x = new double[a.length];
        double v = 0;
        int idx = 0;
        for (int k = 0; k < a.length; k++) {
            for (int j = 0; j < t[k].length; j++) {
                if (t[k][j] < lw[idx] - 1e-12 || t[k][j] > up[idx] + 1e-12) {
                    return Double.POSITIVE_INFINITY;
                }
                idx++;
                x[k] += t[k][j];
            }
            if (x[k] < lo[k] - 1e-12 || x[k] > hi[k] + 1e-12) {
                return Double.POSITIVE_INFINITY;
            }
            v += 0.5 * a[k] * x[k] * x[k] + b[k] * x[k] + resp[k].tradeCost(t[k]);
        }
        for (int r = 0; r < g.length; r++) {
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                s += g[r][k] * x[k];
            }
            if (s > rhs[r] + 1e-12) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return v;
    }

    /** Grid search then pattern search over a flat vector of two trades. */
    private static double brute(java.util.function.ToDoubleFunction<double[]> f, double range) {
        double best = Double.POSITIVE_INFINITY;
        double[] arg = null;
        int n = 300;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double[] v = {-range + 2 * range * i / n, -range + 2 * range * j / n};
                double fv = f.applyAsDouble(v);
                if (fv < best) {
                    best = fv;
                    arg = v;
                }
            }
        }
        if (arg == null) {
            return best;
        }
        // zoom: a finer grid around the best point, shrinking slowly so that it can follow a constraint edge
        double half = range / 4;
        for (int level = 0; level < 45; level++) {
            double[] c0 = arg.clone();
            int q = 60;
            for (int i = 0; i <= q; i++) {
                for (int j = 0; j <= q; j++) {
                    double[] v = {c0[0] - half + 2 * half * i / q, c0[1] - half + 2 * half * j / q};
                    double fv = f.applyAsDouble(v);
                    if (fv < best) {
                        best = fv;
                        arg = v;
                    }
                }
            }
            half /= 1.6;
        }
        return best;
    }

    private static double[] signBounds(Random rnd, boolean lower) {
        int kind = rnd.nextInt(3);
        if (kind == 0) {
            return new double[] {0, Double.POSITIVE_INFINITY};
        }
        if (kind == 1) {
            return new double[] {Double.NEGATIVE_INFINITY, 0};
        }
        return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }

    @Test
    void powerOnlyLocalProblemMatchesBruteForce() {
        Random rnd = new Random(42);
        for (int c = 0; c < 25; c++) {
            double[] m = new double[2], lam = new double[2], cp = new double[2], cm = new double[2], lw = new double[2], up = new double[2];
            for (int j = 0; j < 2; j++) {
                m[j] = rnd.nextGaussian() * 3;
                lam[j] = rnd.nextGaussian() * 2 + 1;
                cp[j] = rnd.nextDouble() * 0.5;
                cm[j] = rnd.nextDouble() * 0.5;
                double[] sb = signBounds(rnd, true);
                lw[j] = sb[0];
                up[j] = sb[1];
            }
            double rho = 0.2 + rnd.nextDouble() * 2;
            double a = rnd.nextBoolean() ? 0 : rnd.nextDouble();
            double b = rnd.nextGaussian();
            double lo = -5 + rnd.nextDouble() * 4, hi = lo + rnd.nextDouble() * 8;
            TradeResponse resp = new TradeResponse(m, lam, cp, cm, lw, up, rho);
            TradeResponse[] rs = {resp};
            double[] A = {a}, B = {b}, LO = {lo}, HI = {hi};
            LocalProblem.Solution s = new LocalProblem(A, B, LO, HI, new double[0][], new double[0], rs).solve();
            double bf = brute(v -> objective(A, B, LO, HI, new double[0][], new double[0], rs, new double[][] {v}, lw, up), 12);
            String ctx = "case " + c;
            if (Double.isInfinite(bf)) {
                assertNull(s, ctx);
                continue;
            }
            assertNotNull(s, ctx);
            double sv = objective(A, B, LO, HI, new double[0][], new double[0], rs, s.trades(), lw, up);
            assertTrue(sv <= bf + 1e-9, ctx + ": exact " + sv + " worse than brute force " + bf);
            assertTrue(bf - sv < 1e-6, ctx + ": brute force " + bf + " far below exact " + sv);
        }
    }

    @Test
    void chpLocalProblemMatchesBruteForce() {
        Random rnd = new Random(7);
        // CHP polygon on (P, H) node order (power first): P <= 10 - 0.2 H, P >= 2 + 0.1 H, P >= 8 - H
        double[][] g = {{1, 0.2}, {-1, 0.1}, {-1, -1}};
        double[] rhs = {10, -2, -8};
        int checked = 0;
        for (int c = 0; c < 25; c++) {
            double[] a = {rnd.nextDouble() * 0.5, rnd.nextDouble() * 0.3};
            double[] b = {rnd.nextGaussian() * 2, rnd.nextGaussian() * 2};
            double[] lo = {0, 0}, hi = {12, 15};
            double rho = 0.3 + rnd.nextDouble();
            TradeResponse[] rs = new TradeResponse[2];
            double[] lw = {0, 0}, up = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            for (int k = 0; k < 2; k++) {
                rs[k] = new TradeResponse(new double[] {rnd.nextDouble() * 10}, new double[] {rnd.nextGaussian() * 3},
                        new double[] {rnd.nextDouble() * 0.3}, new double[] {0}, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, rho);
            }
            LocalProblem.Solution s = new LocalProblem(a, b, lo, hi, g, rhs, rs).solve();
            assertNotNull(s, "case " + c);
            double bf = brute(v -> objective(a, b, lo, hi, g, rhs, rs, new double[][] {{v[0]}, {v[1]}}, lw, up), 16);
            double sv = objective(a, b, lo, hi, g, rhs, rs, s.trades(), lw, up);
            assertTrue(sv <= bf + 1e-8, "case " + c + ": exact " + sv + " worse than brute force " + bf);
            assertTrue(bf - sv < 1e-6, "case " + c + ": brute force " + bf + " does not reach exact " + sv + " at x=" + java.util.Arrays.toString(s.x()));
            checked++;
        }
        assertTrue(checked == 25);
    }

    @Test
    void localProblemWithoutReachableAggregateIsInfeasible() {
        // a seller (trades >= 0) that must consume
        TradeResponse r = new TradeResponse(new double[] {1}, new double[] {1}, new double[] {0}, new double[] {0},
                new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, 1);
        assertNull(new LocalProblem(new double[] {1}, new double[] {0}, new double[] {-5}, new double[] {-1},
                new double[0][], new double[0], new TradeResponse[] {r}).solve());
    }
}
