package org.gridbazaar.solver.admm.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalProblemTest {

    /** Objective of a local problem at trades t (per node), +inf if infeasible. */
    private static double objective(
            double[] a,
            double[] b,
            double[] lo,
            double[] hi,
            double[][] g,
            double[] rhs,
            TradeResponse[] resp,
            double[][] t,
            double[] lw,
            double[] up) {
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
        // zoom: a finer grid around the best point, shrinking slowly so that it can follow a
        // constraint edge
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

    private static final int[] KINDS = {TradeResponse.SELL, TradeResponse.BUY, TradeResponse.BOTH};

    private static double lower(int kind) {
        return kind == TradeResponse.SELL ? 0 : Double.NEGATIVE_INFINITY;
    }

    private static double upper(int kind) {
        return kind == TradeResponse.BUY ? 0 : Double.POSITIVE_INFINITY;
    }

    @Test
    void powerOnlyLocalProblemMatchesBruteForce() {
        Random rnd = new Random(42);
        for (int c = 0; c < 40; c++) {
            double[] m = new double[2],
                    lam = new double[2],
                    cp = new double[2],
                    cm = new double[2],
                    lw = new double[2],
                    up = new double[2];
            int[] kind = new int[2];
            for (int j = 0; j < 2; j++) {
                m[j] = rnd.nextGaussian() * 3;
                lam[j] = rnd.nextGaussian() * 2 + 1;
                kind[j] = KINDS[rnd.nextInt(3)];
                // per-kW terms of either sign on one-way links (bonuses included); a non-negative
                // sum on two-way links
                cp[j] =
                        kind[j] == TradeResponse.BOTH
                                ? rnd.nextDouble() * 0.5
                                : rnd.nextDouble() * 2 - 1;
                cm[j] =
                        kind[j] == TradeResponse.BOTH
                                ? rnd.nextDouble() * 0.5
                                : rnd.nextDouble() * 2 - 1;
                lw[j] = lower(kind[j]);
                up[j] = upper(kind[j]);
            }
            double rho = 0.2 + rnd.nextDouble() * 2;
            double a = rnd.nextBoolean() ? 0 : rnd.nextDouble();
            double b = rnd.nextGaussian();
            double lo = -5 + rnd.nextDouble() * 4, hi = lo + rnd.nextDouble() * 8;
            TradeResponse resp = TradeResponse.of(kind, cp, cm, m, lam, rho);
            TradeResponse[] rs = {resp};
            double[] A = {a}, B = {b}, LO = {lo}, HI = {hi};
            LocalProblem.Solution s =
                    new LocalProblem(A, B, LO, HI, new double[0][], new double[0], rs).solve();
            double bf =
                    brute(
                            v ->
                                    objective(
                                            A,
                                            B,
                                            LO,
                                            HI,
                                            new double[0][],
                                            new double[0],
                                            rs,
                                            new double[][] {v},
                                            lw,
                                            up),
                            12);
            String ctx = "case " + c;
            if (Double.isInfinite(bf)) {
                assertNull(s, ctx);
                continue;
            }
            assertNotNull(s, ctx);
            double sv =
                    objective(A, B, LO, HI, new double[0][], new double[0], rs, s.trades(), lw, up);
            assertTrue(sv <= bf + 1e-9, ctx + ": exact " + sv + " worse than brute force " + bf);
            assertTrue(bf - sv < 1e-6, ctx + ": brute force " + bf + " far below exact " + sv);
        }
    }

    @Test
    void chpLocalProblemMatchesBruteForce() {
        Random rnd = new Random(7);
        // CHP polygon on (P, H) node order (power first): P <= 10 - 0.2 H, P >= 2 + 0.1 H, P >= 8 -
        // H
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
                rs[k] =
                        TradeResponse.of(
                                new int[] {TradeResponse.SELL},
                                new double[] {rnd.nextDouble() * 0.6 - 0.3},
                                new double[] {0},
                                new double[] {rnd.nextDouble() * 10},
                                new double[] {rnd.nextGaussian() * 3},
                                rho);
            }
            LocalProblem.Solution s = new LocalProblem(a, b, lo, hi, g, rhs, rs).solve();
            assertNotNull(s, "case " + c);
            double bf =
                    brute(
                            v ->
                                    objective(
                                            a,
                                            b,
                                            lo,
                                            hi,
                                            g,
                                            rhs,
                                            rs,
                                            new double[][] {{v[0]}, {v[1]}},
                                            lw,
                                            up),
                            16);
            double sv = objective(a, b, lo, hi, g, rhs, rs, s.trades(), lw, up);
            assertTrue(
                    sv <= bf + 1e-8,
                    "case " + c + ": exact " + sv + " worse than brute force " + bf);
            assertTrue(
                    bf - sv < 1e-6,
                    "case "
                            + c
                            + ": brute force "
                            + bf
                            + " does not reach exact "
                            + sv
                            + " at x="
                            + java.util.Arrays.toString(s.x()));
            checked++;
        }
        assertTrue(checked == 25);
    }

    @Test
    void localProblemWithoutReachableAggregateIsInfeasible() {
        // a seller (trades >= 0) that must consume
        TradeResponse r =
                TradeResponse.of(
                        new int[] {TradeResponse.SELL},
                        new double[] {0},
                        new double[] {0},
                        new double[] {1},
                        new double[] {1},
                        1);
        assertNull(
                new LocalProblem(
                                new double[] {1},
                                new double[] {0},
                                new double[] {-5},
                                new double[] {-1},
                                new double[0][],
                                new double[0],
                                new TradeResponse[] {r})
                        .solve());
    }

    @Test
    void aBonusOnAOneWayTradeKeepsTheTradeResponseContinuous() {
        // a buyer with a 2 $/kW bonus (cMinus = -2) on a link where it can only buy: the trade must
        // fall continuously from 0 as its price rises; the old closed form jumped to -2/rho here
        double rho = 0.5, center = 0.4, price = 10;
        TradeResponse r =
                TradeResponse.of(
                        new int[] {TradeResponse.BUY},
                        new double[] {0},
                        new double[] {-2},
                        new double[] {center},
                        new double[] {price},
                        rho);
        double kink = price + rho * center - 2; // where min(0, u + cMinus/rho) leaves 0
        assertTrue(r.trade(0, kink - 1e-3) == 0, "no purchase below the kink");
        double after = r.trade(0, kink + 1e-3);
        assertTrue(
                after < 0 && after > -1e-2, "a small purchase just above the kink, got " + after);
        for (double nu = kink - 1; nu < kink + 1; nu += 1e-3) {
            assertTrue(
                    Math.abs(r.trade(0, nu + 1e-3) - r.trade(0, nu)) <= 1e-3 / rho + 1e-12,
                    "jump at nu = " + nu);
        }
    }

    @Test
    void aggregateRootIsExactAcrossManyLinksWithMixedPenalties() {
        Random rnd = new Random(3);
        int n = 400;
        int[] kind = new int[n];
        double[] cp = new double[n], cm = new double[n];
        for (int j = 0; j < n; j++) {
            kind[j] = rnd.nextBoolean() ? TradeResponse.SELL : TradeResponse.BOTH;
            cp[j] = rnd.nextDouble();
            cm[j] = kind[j] == TradeResponse.BOTH ? rnd.nextDouble() : 0;
        }
        TradeResponse r = new TradeResponse(kind, cp, cm);
        for (int round = 0; round < 30; round++) {
            for (int j = 0; j < n; j++) {
                r.set(
                        j,
                        rnd.nextGaussian(),
                        20 + rnd.nextGaussian() * 3,
                        0.01 + rnd.nextDouble() * 5,
                        Double.NaN);
            }
            double a = round % 3 == 0 ? 0 : 0.05 + rnd.nextDouble() * 0.1,
                    b = 15 + rnd.nextDouble() * 10;
            double[] s = r.solveAggregate(a, b, -50, 300);
            assertNotNull(s, "round " + round);
            double total = r.total(s[0]);
            assertTrue(
                    Math.abs(total - s[1]) <= 1e-9 * 300,
                    "round "
                            + round
                            + ": trades sum to "
                            + total
                            + " but the aggregate is "
                            + s[1]);
            if (a > 0) {
                double clip = Math.min(300, Math.max(-50, (s[0] - b) / a));
                assertTrue(
                        Math.abs(clip - s[1]) <= 1e-9 * 300,
                        "round " + round + ": the aggregate is off its cost curve");
            } else if (s[1] > -50 + 1e-9 && s[1] < 300 - 1e-9) {
                assertTrue(
                        Math.abs(s[0] - b) <= 1e-9,
                        "round " + round + ": a linear cost inside its bounds sets the price");
            }
        }
    }
}
