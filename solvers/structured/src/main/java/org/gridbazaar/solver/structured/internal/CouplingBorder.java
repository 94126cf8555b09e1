package org.gridbazaar.solver.structured.internal;

/**
 * The border that coupling rows (line limits) add to the reduced Newton system. Coupling rows keep
 * their multiplier steps {@code dz} as unknowns beside {@code dy}: with {@code B} the per-peer
 * blocks, {@code U = B^-1 G'} and {@code K = Sigma^-1 + G B^-1 G'} ({@code Sigma = z/s}), the
 * reduced system is {@code [[B^-1 + N S^-1 N', -U], [-U', K]] [dy; dz] = r}, positive definite, of
 * size nodes plus coupling rows. Folding the rows into {@code B} instead would cancel large terms
 * when a line limit alone pins an injection without curvature. Refreshed once per iteration.
 */
final class CouplingBorder {

    private final IpmProblem p;

    /** Per coupling row {@code c}: the column {@code U_c = B^-1 g_c} over the nodes. */
    double[][] u;

    /** {@code K}, row-major, coupling rows by coupling rows (symmetrised). */
    double[] k;

    CouplingBorder(IpmProblem p) {
        this.p = p;
        u = new double[0][];
        k = new double[0];
    }

    /** Number of coupling rows. */
    int rows() {
        return p.coupling.length;
    }

    /** {@code U} and {@code K} for the blocks {@code blocks} and the side rows' {@code sg, zg}. */
    void prepare(PeerBlocks blocks, double[] sg, double[] zg) {
        int n = p.n;
        int[] coupling = p.coupling;
        int[][] sideNodes = p.sideNodes;
        double[][] sideCoef = p.sideCoef;
        int L = coupling.length;
        double[][] wU = new double[L][];
        double[] g = new double[n];
        for (int c = 0; c < L; c++) {
            int s = coupling[c];
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < sideNodes[s].length; i++) {
                g[sideNodes[s][i]] += sideCoef[s][i];
            }
            wU[c] = new double[n];
            blocks.apply(g, wU[c]);
        }
        double[] kmat = new double[L * L];
        for (int c = 0; c < L; c++) {
            for (int d = 0; d < L; d++) {
                int s = coupling[d];
                double v = 0;
                for (int i = 0; i < sideNodes[s].length; i++) {
                    v += sideCoef[s][i] * wU[c][sideNodes[s][i]];
                }
                kmat[c * L + d] = v;
            }
            kmat[c * L + c] += sg[coupling[c]] / zg[coupling[c]];
        }
        for (int c = 0; c < L; c++) {
            for (int d = c + 1; d < L; d++) {
                double v = 0.5 * (kmat[c * L + d] + kmat[d * L + c]);
                kmat[c * L + d] = v;
                kmat[d * L + c] = v;
            }
        }
        u = wU;
        k = kmat;
    }
}
