package org.gridbazaar.solver.structured.internal;

/**
 * The reduced Newton system assembled and factorised densely ({@link DenseCholesky}), bordered by
 * the coupling rows ({@link CouplingBorder}): {@code 8 (n + L)^2} bytes and {@code (n + L)^3/3}
 * flops per iteration. The reference path, and the only one with coupling rows.
 */
final class DenseReducedSystem implements ReducedSystem {

    private final int n, nm;
    private final int[][] peerNodes;
    private final DenseCholesky chol;

    DenseReducedSystem(IpmProblem p) {
        n = p.n;
        nm = n + p.coupling.length;
        peerNodes = p.peerNodes;
        chol = new DenseCholesky(nm);
    }

    @Override
    public InteriorPoint.LinearAlgebra algebra() {
        return InteriorPoint.LinearAlgebra.DENSE;
    }

    @Override
    public void arcsChanged(ArcSet arcs) {
        // the matrix is assembled afresh at each factorisation
    }

    @Override
    public void follow(double mu, double muStart) {
        // exact at every iteration
    }

    /**
     * Assembles {@code M = H^-1 + N S^-1 N'} (bordered by the coupling rows) densely, with a
     * diagonal regularisation of {@code 1e-13} of its largest diagonal entry (and 1 on an empty
     * row), and factorises it.
     */
    @Override
    public boolean factor(
            PeerBlocks blocks,
            ArcSet arcs,
            double[] sigmaF,
            double[] invSigma,
            CouplingBorder border) {
        int nm = this.nm, n = this.n, m = arcs.m;
        int[] tail = arcs.tail, head = arcs.head;
        double[][] blockInv = blocks.inverse;
        // M = H^-1 + N S^-1 N'
        double[] md = chol.data;
        java.util.Arrays.fill(md, 0);
        for (int q = 0; q < peerNodes.length; q++) {
            int[] nodes = peerNodes[q];
            double[] bi = blockInv[q];
            int kk = nodes.length;
            for (int i = 0; i < kk; i++) {
                for (int j = 0; j < kk; j++) {
                    md[nodes[i] * nm + nodes[j]] += bi[i * kk + j];
                }
            }
        }
        if (border.rows() > 0) {
            borderCoupling(md, border);
        }
        for (int t = 0; t < m; t++) {
            double d = 1 / sigmaF[t];
            int u = tail[t], v = head[t];
            md[u * nm + u] += d;
            md[v * nm + v] += d;
            md[u * nm + v] -= d;
            md[v * nm + u] -= d;
        }
        double maxDiag = 0;
        for (int k = 0; k < n; k++) {
            maxDiag = Math.max(maxDiag, md[k * nm + k]);
        }
        double reg = 1e-13 * Math.max(maxDiag, 1e-300);
        for (int k = 0; k < n; k++) {
            md[k * nm + k] += reg + (md[k * nm + k] == 0 ? 1 : 0);
        }
        return chol.factor();
    }

    /**
     * Fills the border of the reduced matrix: {@code -U} in the last columns and rows, {@code K} in
     * the corner. The bordered matrix is positive definite (its Schur complement on the node block
     * is {@code H^-1 + N S^-1 N'}), so one Cholesky factorisation solves it stably, where forming
     * {@code H_B^-1 + N S^-1 N' - U K^-1 U'} explicitly cancels large terms.
     */
    private void borderCoupling(double[] md, CouplingBorder border) {
        int L = border.rows(), nm = this.nm, n = this.n;
        double[][] wU = border.u;
        double[] wK = border.k;
        for (int c = 0; c < L; c++) {
            double[] u = wU[c];
            int col = n + c;
            for (int i = 0; i < n; i++) {
                md[i * nm + col] = -u[i];
                md[col * nm + i] = -u[i];
            }
            for (int d = 0; d < L; d++) {
                md[col * nm + n + d] = wK[c * L + d];
            }
        }
    }

    @Override
    public void solve(double[] rhs, double[] sol, boolean refinement) {
        chol.solve(rhs, sol);
    }

    @Override
    public boolean refinementNegligible(double[] balance, double dualError, double sideError) {
        return false;
    }
}
