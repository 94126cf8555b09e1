package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The node-space system solves the row-space Newton system {@code (A W^-1 A' + D) y = r} of a
 * problem shaped like a market over time (trades between balance rows within a period, peers with
 * storage whose rows link their periods) to the requested accuracy, checked against a dense solve
 * of the assembled matrix; and its preconditioner is exact when the arcs and blocks form a forest,
 * so the conjugate gradients stop after one iteration.
 */
class NodeSpaceSystemTest {

    /**
     * A random problem: {@code peers} per period, {@code periods}, {@code partners} arcs per peer,
     * some peers with storage.
     */
    static SeparableQp market(long seed, int peers, int periods, int partners, boolean lossless) {
        Random rnd = new Random(seed);
        SeparableQp.Builder b = SeparableQp.builder();
        int[][] node = new int[peers][periods];
        int[][] arcsFrom = new int[peers * periods * partners][];
        int arcs = 0;
        for (int t = 0; t < periods; t++) {
            for (int i = 0; i < peers; i++) {
                for (int k = 0; k < partners; k++) {
                    int j = rnd.nextInt(peers);
                    if (j != i) {
                        arcsFrom[arcs++] = new int[] {i, j, t};
                    }
                }
            }
        }
        int[] arcVar = new int[arcs];
        for (int a = 0; a < arcs; a++) {
            arcVar[a] = b.variable(0, Double.POSITIVE_INFINITY, 0, 0.1 + rnd.nextDouble());
        }
        for (int t = 0; t < periods; t++) {
            for (int i = 0; i < peers; i++) {
                node[i][t] =
                        b.variable(
                                -10 - rnd.nextInt(50),
                                10 + rnd.nextInt(50),
                                rnd.nextDouble(),
                                rnd.nextDouble() - 0.5);
            }
        }
        // balance rows: x - out + in = 0
        int[][] balance = new int[peers][periods];
        for (int t = 0; t < periods; t++) {
            for (int i = 0; i < peers; i++) {
                java.util.List<Integer> vs = new java.util.ArrayList<>();
                java.util.List<Double> cs = new java.util.ArrayList<>();
                vs.add(node[i][t]);
                cs.add(1.0);
                for (int a = 0; a < arcs; a++) {
                    if (arcsFrom[a][2] == t && arcsFrom[a][0] == i) {
                        vs.add(arcVar[a]);
                        cs.add(-1.0);
                    } else if (arcsFrom[a][2] == t && arcsFrom[a][1] == i) {
                        vs.add(arcVar[a]);
                        cs.add(1.0);
                    }
                }
                balance[i][t] =
                        b.row(
                                vs.stream().mapToInt(Integer::intValue).toArray(),
                                cs.stream().mapToDouble(Double::doubleValue).toArray(),
                                true,
                                0,
                                t * 4L);
            }
        }
        // storage on every third peer: net[t]: x_t - g_t - d_t + c_t = 0, energy[t]: E_t - r
        // E_(t-1) - c_t + d_t = 0
        double r = lossless ? 1 : 0.99;
        for (int i = 0; i < peers; i += 3) {
            int previous = -1;
            for (int t = 0; t < periods; t++) {
                int g = b.variable(-5, 5, 0.5, 0.1);
                int c = b.variable(0, 3, 0, 0);
                int d = b.variable(0, 3, 0, 0);
                int e = b.variable(0, 20, 0, 0);
                b.row(
                        new int[] {node[i][t], g, d, c},
                        new double[] {1, -1, -1, 1},
                        true,
                        0,
                        t * 4L + 1);
                if (previous < 0) {
                    b.row(
                            new int[] {e, c, d},
                            new double[] {1, -0.95, 1 / 0.95},
                            true,
                            10,
                            t * 4L + 2);
                } else {
                    b.row(
                            new int[] {e, previous, c, d},
                            new double[] {1, -r, -0.95, 1 / 0.95},
                            true,
                            0,
                            t * 4L + 2);
                }
                previous = e;
            }
        }
        return b.build();
    }

    /** The row-space matrix {@code A diag(wInv) A' + diag(rowD)} by position, dense. */
    private static double[][] dense(SeparableQp sf, boolean[] fixed, double[] wInv, double[] rowD) {
        int m = sf.rows;
        double[][] k = new double[m][m];
        for (int j = 0; j < sf.vars; j++) {
            if (fixed[j]) {
                continue;
            }
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                for (int q = sf.colStart[j]; q < sf.colStart[j + 1]; q++) {
                    k[sf.colRow[p]][sf.colRow[q]] += sf.colVal[p] * sf.colVal[q] * wInv[j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            k[i][i] += rowD[i];
        }
        return k;
    }

    private static double relativeResidual(double[][] k, double[] y, double[] rhs) {
        double res = 0, norm = 0;
        for (int i = 0; i < k.length; i++) {
            double s = -rhs[i];
            for (int j = 0; j < k.length; j++) {
                s += k[i][j] * y[j];
            }
            res += s * s;
            norm += rhs[i] * rhs[i];
        }
        return Math.sqrt(res / norm);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void solvesTheNewtonSystemOfAMarketOverTimeToTheRequestedAccuracy(long seed) {
        SeparableQp sf = market(seed, 12, 6, 3, seed % 2 == 0);
        boolean[] fixed = new boolean[sf.vars];
        NodeSpaceSystem system = NodeSpaceSystem.of(sf, fixed);
        assertNotNull(system, "a market over time with trades has a node space");
        Random rnd = new Random(seed + 100);
        double[] wInv = new double[sf.vars], rowD = new double[sf.rows], rhs = new double[sf.rows];
        for (int j = 0; j < sf.vars; j++) {
            // weights over many orders of magnitude, as near an interior point's optimum
            wInv[j] = Math.pow(10, -6 + 12 * rnd.nextDouble());
        }
        for (int i = 0; i < sf.rows; i++) {
            rowD[i] = 1e-12;
            rhs[i] = rnd.nextGaussian();
        }
        system.factor(wInv, rowD);
        double[] y = new double[sf.rows];
        assertTrue(system.solve(rhs, y, null, 1e-10, 5000), "conjugate gradients converge");
        double residual = relativeResidual(dense(sf, fixed, wInv, rowD), y, rhs);
        assertTrue(residual < 1e-7, "relative residual of the full system " + residual);
    }

    @Test
    void preconditionerIsExactWhenArcsAndBlocksFormAForest() {
        // a path of trades in each of two periods, and one peer with storage linking its two
        // periods:
        // no cycle through arcs and blocks, so P = M and one conjugate-gradient iteration solves it
        SeparableQp.Builder b = SeparableQp.builder();
        int peers = 4, periods = 2;
        int[][] x = new int[peers][periods];
        int[][] f = new int[peers - 1][periods];
        for (int t = 0; t < periods; t++) {
            for (int i = 0; i < peers; i++) {
                x[i][t] = b.variable(-10, 10, 1, 0);
            }
            for (int i = 0; i + 1 < peers; i++) {
                f[i][t] = b.variable(0, Double.POSITIVE_INFINITY, 0, 1);
            }
        }
        for (int t = 0; t < periods; t++) {
            for (int i = 0; i < peers; i++) {
                java.util.List<int[]> terms = new java.util.ArrayList<>();
                if (i > 0) {
                    terms.add(new int[] {f[i - 1][t], 1});
                }
                if (i + 1 < peers) {
                    terms.add(new int[] {f[i][t], -1});
                }
                int[] vs = new int[terms.size() + 1];
                double[] cs = new double[vs.length];
                vs[0] = x[i][t];
                cs[0] = 1;
                for (int k = 0; k < terms.size(); k++) {
                    vs[k + 1] = terms.get(k)[0];
                    cs[k + 1] = terms.get(k)[1];
                }
                b.row(vs, cs, true, 0, t);
            }
        }
        int e0 = b.variable(0, 50, 0, 0), e1 = b.variable(0, 50, 0, 0);
        int c0 = b.variable(0, 5, 0, 0), c1 = b.variable(0, 5, 0, 0);
        b.row(new int[] {x[0][0], c0}, new double[] {1, 1}, true, 0, 0);
        b.row(new int[] {x[0][1], c1}, new double[] {1, 1}, true, 0, 1);
        b.row(new int[] {e0, c0}, new double[] {1, -0.9}, true, 10, 0);
        b.row(new int[] {e1, e0, c1}, new double[] {1, -0.98, -0.9}, true, 0, 1);
        SeparableQp sf = b.build();
        boolean[] fixed = new boolean[sf.vars];
        NodeSpaceSystem system = NodeSpaceSystem.of(sf, fixed);
        assertNotNull(system);
        double[] wInv = new double[sf.vars], rowD = new double[sf.rows], rhs = new double[sf.rows];
        Random rnd = new Random(7);
        for (int j = 0; j < sf.vars; j++) {
            wInv[j] = Math.pow(10, -3 + 6 * rnd.nextDouble());
        }
        for (int i = 0; i < sf.rows; i++) {
            rowD[i] = 1e-10;
            rhs[i] = rnd.nextGaussian();
        }
        system.factor(wInv, rowD);
        double[] y = new double[sf.rows];
        assertTrue(system.solve(rhs, y, null, 1e-12, 100));
        assertEquals(1, system.lastIterations(), "one iteration: the preconditioner is the matrix");
        assertTrue(relativeResidual(dense(sf, fixed, wInv, rowD), y, rhs) < 1e-10);
    }

    @Test
    void doesNotApplyWithoutTrades() {
        SeparableQp.Builder b = SeparableQp.builder();
        int u = b.variable(0, 1, 1, 0), v = b.variable(0, 1, 1, 0);
        b.row(new int[] {u, v}, new double[] {1, 1}, true, 1, 0);
        SeparableQp sf = b.build();
        assertNull(NodeSpaceSystem.of(sf, new boolean[sf.vars]));
    }
}
