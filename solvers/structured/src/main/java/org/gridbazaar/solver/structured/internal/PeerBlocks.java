package org.gridbazaar.solver.structured.internal;

/**
 * The per-peer blocks of the interior point's Newton system: for each peer, the inverse of its
 * block of {@code H_x} (cost curvature {@code a}, the bound barriers {@code zl/(x - lo) + zu/(hi -
 * x)}, and {@code sigma g g'} per own side row with {@code sigma = zg/sg}), zero on fixed nodes.
 * Eliminating the injections through these small blocks leaves the reduced system in node prices
 * ({@link ReducedSystem}). Refreshed once per iteration by {@link #invert}; entries in kW^2/$.
 */
final class PeerBlocks {

    private final int[][] peerNodes, peerSides, sideNodes;
    private final double[][] sideCoef;
    private final boolean[] fixed;
    private final double[] a, lo, hi;

    /** Per peer: the inverse of its block, row-major over its nodes. */
    final double[][] inverse;

    PeerBlocks(IpmProblem p) {
        peerNodes = p.peerNodes;
        peerSides = p.peerSides;
        sideNodes = p.sideNodes;
        sideCoef = p.sideCoef;
        fixed = p.fixed;
        a = p.a;
        lo = p.lo;
        hi = p.hi;
        inverse = new double[peerNodes.length][];
    }

    /** The inverse blocks at {@code it}. */
    void invert(Iterate it) {
        for (int q = 0; q < peerNodes.length; q++) {
            inverse[q] = blockInverse(q, it.x, it.zl, it.zu, it.sg, it.zg);
        }
    }

    /** {@code out = B^-1 v}, block by block (every peer's nodes of {@code out} are written). */
    void apply(double[] v, double[] out) {
        double[][] blockInv = inverse;
        for (int q = 0; q < peerNodes.length; q++) {
            int[] nodes = peerNodes[q];
            if (nodes.length == 1) {
                out[nodes[0]] = blockInv[q][0] * v[nodes[0]];
            } else {
                product(nodes, blockInv[q], v, out, false);
            }
        }
    }

    /**
     * One peer's block (row-major over its {@code nodes}) times {@code v} on those nodes, into
     * {@code out} on the same nodes: added to it when {@code add}, else replacing it.
     */
    static void product(int[] nodes, double[] block, double[] v, double[] out, boolean add) {
        int kk = nodes.length;
        for (int i = 0; i < kk; i++) {
            double s = 0;
            for (int j = 0; j < kk; j++) {
                s += block[i * kk + j] * v[nodes[j]];
            }
            out[nodes[i]] = add ? out[nodes[i]] + s : s;
        }
    }

    /** Inverse of peer q's block of H_x (row-major, size kk*kk), zero on fixed nodes. */
    private double[] blockInverse(
            int q, double[] x, double[] zl, double[] zu, double[] sg, double[] zg) {
        int[] nodes = peerNodes[q];
        int kk = nodes.length;
        double[] hm = new double[kk * kk];
        for (int i = 0; i < kk; i++) {
            int k = nodes[i];
            if (!fixed[k]) {
                hm[i * kk + i] = a[k] + zl[k] / (x[k] - lo[k]) + zu[k] / (hi[k] - x[k]);
            }
        }
        for (int s : peerSides[q]) {
            double sig = zg[s] / sg[s];
            int[] sn = sideNodes[s];
            double[] sc = sideCoef[s];
            for (int i = 0; i < sn.length; i++) {
                int li = local(nodes, sn[i]);
                for (int j = 0; j < sn.length; j++) {
                    int lj = local(nodes, sn[j]);
                    hm[li * kk + lj] += sig * sc[i] * sc[j];
                }
            }
        }
        // zero rows/columns of fixed nodes, invert the rest
        boolean[] free = new boolean[kk];
        int nf = 0;
        for (int i = 0; i < kk; i++) {
            free[i] = !fixed[nodes[i]];
            if (free[i]) {
                nf++;
            }
        }
        double[] inv = new double[kk * kk];
        if (nf == 0) {
            return inv;
        }
        if (kk == 1) {
            inv[0] = 1 / hm[0];
            return inv;
        }
        if (kk == 2 && nf == 2) {
            return inverseOfTwo(q, nodes, x, zl, zu, sg, zg);
        }
        int[] map = new int[nf];
        for (int i = 0, c = 0; i < kk; i++) {
            if (free[i]) {
                map[c++] = i;
            }
        }
        double[] sub = new double[nf * nf];
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                sub[i * nf + j] = hm[map[i] * kk + map[j]];
            }
        }
        double[] subInv = invertSpd(sub, nf);
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                inv[map[i] * kk + map[j]] = subInv[i * nf + j];
            }
        }
        return inv;
    }

    /**
     * The inverse of a two-node peer's block {@code D + sum_s sigma_s g_s g_s'} ({@code D} the
     * diagonal of cost curvature and bound barriers, {@code sigma_s = z_s / s_s} per side row), by
     * its adjugate with the determinant expanded by Cauchy-Binet: {@code d0 d1 + sum_s sigma_s (d0
     * g1s^2 + d1 g0s^2) + sum_{s<t} sigma_s sigma_t (g0s g1t - g1s g0t)^2}. Every term is
     * non-negative, so nothing cancels. Near a vertex of an operating region an active side row's
     * {@code sigma} reaches {@code 1e17} and more; inverting the assembled matrix then subtracts
     * products of that size to get a determinant of order {@code sigma}, keeps no correct digit,
     * and the garbage (an indefinite block) makes the reduced system indefinite: the dual residual
     * grows by orders of magnitude per iteration until the run ends in NaN.
     */
    private double[] inverseOfTwo(
            int q, int[] nodes, double[] x, double[] zl, double[] zu, double[] sg, double[] zg) {
        double[] d = new double[2];
        for (int i = 0; i < 2; i++) {
            int k = nodes[i];
            d[i] = a[k] + zl[k] / (x[k] - lo[k]) + zu[k] / (hi[k] - x[k]);
        }
        int[] sides = peerSides[q];
        int ns = sides.length;
        double[] sig = new double[ns], g0 = new double[ns], g1 = new double[ns];
        double p00 = d[0], p11 = d[1], p01 = 0, det = d[0] * d[1];
        for (int c = 0; c < ns; c++) {
            int s = sides[c];
            sig[c] = zg[s] / sg[s];
            for (int i = 0; i < sideNodes[s].length; i++) {
                if (sideNodes[s][i] == nodes[0]) {
                    g0[c] += sideCoef[s][i];
                } else {
                    g1[c] += sideCoef[s][i];
                }
            }
            p00 += sig[c] * g0[c] * g0[c];
            p11 += sig[c] * g1[c] * g1[c];
            p01 += sig[c] * g0[c] * g1[c];
            det += sig[c] * (d[0] * g1[c] * g1[c] + d[1] * g0[c] * g0[c]);
        }
        for (int c = 0; c < ns; c++) {
            for (int e = c + 1; e < ns; e++) {
                double cross = g0[c] * g1[e] - g1[c] * g0[e];
                det += sig[c] * sig[e] * cross * cross;
            }
        }
        return new double[] {p11 / det, -p01 / det, -p01 / det, p00 / det};
    }

    private static int local(int[] nodes, int k) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == k) {
                return i;
            }
        }
        throw new IllegalStateException("node " + k + " is not in the block");
    }

    /** Gauss-Jordan inverse of a small symmetric positive definite matrix. */
    private static double[] invertSpd(double[] m, int k) {
        double[] aug = new double[k * 2 * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                aug[i * 2 * k + j] = m[i * k + j];
            }
            aug[i * 2 * k + k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int i = c + 1; i < k; i++) {
                if (Math.abs(aug[i * 2 * k + c]) > Math.abs(aug[piv * 2 * k + c])) {
                    piv = i;
                }
            }
            if (piv != c) {
                for (int j = 0; j < 2 * k; j++) {
                    double t = aug[c * 2 * k + j];
                    aug[c * 2 * k + j] = aug[piv * 2 * k + j];
                    aug[piv * 2 * k + j] = t;
                }
            }
            double p = aug[c * 2 * k + c];
            for (int j = 0; j < 2 * k; j++) {
                aug[c * 2 * k + j] /= p;
            }
            for (int i = 0; i < k; i++) {
                if (i != c) {
                    double fct = aug[i * 2 * k + c];
                    if (fct != 0) {
                        for (int j = 0; j < 2 * k; j++) {
                            aug[i * 2 * k + j] -= fct * aug[c * 2 * k + j];
                        }
                    }
                }
            }
        }
        double[] inv = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(aug, i * 2 * k + k, inv, i * k, k);
        }
        return inv;
    }
}
