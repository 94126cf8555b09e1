package org.gridbazaar.solver.structured.internal;

/**
 * The complementarity right-hand sides of a Newton direction ($), per pair: node lower and upper
 * bounds {@code rcl}, {@code rcu}, arcs {@code rcf}, side rows {@code rcg}. Mehrotra's predictor
 * aims every pair at zero ({@code -s z}); the corrector at the centring target {@code sigma mu}
 * minus the predictor's second-order term ({@code target - s z - ds dz}).
 */
final class ComplementarityTargets {

    private final IpmProblem p;
    final double[] rcl, rcu, rcg;
    double[] rcf;

    ComplementarityTargets(IpmProblem p, int arcs) {
        this.p = p;
        rcl = new double[p.n];
        rcu = new double[p.n];
        rcf = new double[arcs];
        rcg = new double[p.r];
    }

    /** The predictor's targets at {@code it}: {@code -s z} per pair (0 on fixed nodes). */
    void predictor(Iterate it) {
        int n = p.n, m = it.arcs.m, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi, x = it.x, zl = it.zl, zu = it.zu;
        double[] f = it.f, zf = it.zf, sg = it.sg, zg = it.zg;
        if (rcf.length != m) {
            rcf = new double[m];
        }
        for (int t = 0; t < m; t++) {
            rcf[t] = -f[t] * zf[t];
        }
        for (int k = 0; k < n; k++) {
            rcl[k] = fixed[k] ? 0 : -(x[k] - lo[k]) * zl[k];
            rcu[k] = fixed[k] ? 0 : -(hi[k] - x[k]) * zu[k];
        }
        for (int s = 0; s < r; s++) {
            rcg[s] = -sg[s] * zg[s];
        }
    }

    /**
     * The corrector's targets at {@code it} after the predictor direction {@code aff}: {@code
     * target - s z - ds dz} per pair (fixed nodes keep the predictor's 0).
     */
    void corrector(Iterate it, Direction aff, double target) {
        int n = p.n, m = it.arcs.m, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi, x = it.x, zl = it.zl, zu = it.zu;
        double[] f = it.f, zf = it.zf, sg = it.sg, zg = it.zg;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                rcl[k] = target - (x[k] - lo[k]) * zl[k] - aff.dx[k] * aff.dzl[k];
                rcu[k] = target - (hi[k] - x[k]) * zu[k] + aff.dx[k] * aff.dzu[k];
            }
        }
        for (int t = 0; t < m; t++) {
            rcf[t] = target - f[t] * zf[t] - aff.df[t] * aff.dzf[t];
        }
        for (int s = 0; s < r; s++) {
            rcg[s] = target - sg[s] * zg[s] - aff.dsg[s] * aff.dzg[s];
        }
    }
}
