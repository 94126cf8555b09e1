package org.gridbazaar.solver.structured.internal;

import static org.gridbazaar.solver.structured.internal.IpmProblem.maxNaN;

/**
 * The residuals of the optimality conditions at an {@link Iterate}, vectors and max-norms: dual
 * (stationarity) per node {@code rdx = a x + b - y - zl + zu + G'zg} and per arc {@code rdf = w +
 * y_tail - y_head - zf} ($/kW; zero on fixed nodes), primal per node the balance {@code rp = x -
 * sum of flows out + sum of flows in} (kW) and per side row {@code rg = g'x + sg - h}, and the
 * complementarity (total in $, and per pair {@code mu}). Before the first {@link #evaluate} the
 * norms are {@code +infinity}.
 */
final class Residuals {

    private final IpmProblem p;

    /** Dual residuals per node and per arc, $/kW. */
    double[] rdx, rdf;

    /** Balance residual per node (kW) and side-row residual per row. */
    final double[] rp, rg;

    /** Work: {@code G'zg} per node. */
    private final double[] gtz;

    /** Max-norms of the primal (kW) and dual ($/kW) residuals. */
    double primal = Double.POSITIVE_INFINITY, dual = Double.POSITIVE_INFINITY;

    /** Total complementarity ($) and complementarity per pair ($). */
    double complementarity = Double.POSITIVE_INFINITY, mu = Double.POSITIVE_INFINITY;

    Residuals(IpmProblem p, int arcs) {
        this.p = p;
        rdx = new double[p.n];
        rdf = new double[arcs];
        rp = new double[p.n];
        rg = new double[p.r];
        gtz = new double[p.n];
    }

    /** Evaluates the residuals at {@code it}, with {@code pairs} complementarity pairs. */
    void evaluate(Iterate it, int pairs) {
        int n = p.n, r = p.r, m = it.arcs.m;
        if (rdf.length != m) {
            rdf = new double[m];
        }
        int[] tail = it.arcs.tail, head = it.arcs.head;
        double[] w = it.arcs.w;
        double[] a = p.a, b = p.b;
        boolean[] fixed = p.fixed;
        int[][] sideNodes = p.sideNodes;
        double[][] sideCoef = p.sideCoef;
        double[] x = it.x, y = it.y, zl = it.zl, zu = it.zu, f = it.f, zf = it.zf;
        double[] sg = it.sg, zg = it.zg;
        java.util.Arrays.fill(gtz, 0);
        for (int s = 0; s < r; s++) {
            for (int i = 0; i < sideNodes[s].length; i++) {
                gtz[sideNodes[s][i]] += sideCoef[s][i] * zg[s];
            }
        }
        double resD = 0, resP = 0;
        for (int k = 0; k < n; k++) {
            rdx[k] = fixed[k] ? 0 : a[k] * x[k] + b[k] - y[k] - zl[k] + zu[k] + gtz[k];
            resD = maxNaN(resD, Math.abs(rdx[k]));
            rp[k] = x[k];
        }
        for (int t = 0; t < m; t++) {
            rdf[t] = w[t] + y[tail[t]] - y[head[t]] - zf[t];
            resD = maxNaN(resD, Math.abs(rdf[t]));
            rp[tail[t]] -= f[t];
            rp[head[t]] += f[t];
        }
        for (int k = 0; k < n; k++) {
            resP = Math.max(resP, Math.abs(rp[k]));
        }
        for (int s = 0; s < r; s++) {
            rg[s] = p.dotSide(s, x) + sg[s] - p.h[s];
            resP = Math.max(resP, Math.abs(rg[s]));
        }
        primal = resP;
        dual = resD;
        complementarity = it.complementarity();
        mu = complementarity / pairs;
    }
}
