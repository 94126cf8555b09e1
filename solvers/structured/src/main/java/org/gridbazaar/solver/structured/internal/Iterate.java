package org.gridbazaar.solver.structured.internal;

import static org.gridbazaar.solver.structured.internal.IpmProblem.maxNaN;

/**
 * The interior point's current point: per node its set-point {@code x} (kW), price {@code y} ($/kW)
 * and the multipliers {@code zl}, {@code zu} ($/kW) of its lower and upper bounds; per arc of the
 * run's {@link ArcSet} its flow {@code f} (kW, {@code >= 0}) and multiplier {@code zf} ($/kW); per
 * side row {@code g'x + sg = h} its slack {@code sg} and multiplier {@code zg}. Set-points stay
 * strictly inside their bounds, flows, slacks and multipliers strictly positive. Also the
 * quantities measured on the point alone: complementarity, the step lengths to the boundary along a
 * {@link Direction}, and the step itself.
 */
final class Iterate {

    private final IpmProblem p;

    /** The arcs the flows and arc multipliers belong to. */
    ArcSet arcs;

    double[] x, y, zl, zu, f, zf, sg, zg;

    /** Largest primal and dual steps of the last {@link #stepLengths}. */
    private double stepPrimal, stepDual;

    private Iterate(IpmProblem p, ArcSet arcs) {
        this.p = p;
        this.arcs = arcs;
    }

    /**
     * The starting point: set-points at the middle of their bounds (fixed ones at their value),
     * prices at the marginal cost there, flows spreading the mean reach over the arcs of the less
     * connected end, slacks at least a tenth of the injection scale, multipliers {@code max(1, 0.1
     * price scale)}.
     */
    static Iterate start(IpmProblem p, ArcSet arcs, Scales scales) {
        int n = p.n, m = arcs.m, r = p.r;
        int[] tail = arcs.tail, head = arcs.head;
        double[] a = p.a, b = p.b, lo = p.lo, hi = p.hi;
        boolean[] fixed = p.fixed;
        double scaleX = scales.quantity(), scaleB = scales.price(), meanX = scales.meanReach();
        int[] degree = new int[n];
        for (int t = 0; t < m; t++) {
            degree[tail[t]]++;
            degree[head[t]]++;
        }
        Iterate it = new Iterate(p, arcs);
        double[] x = new double[n], y = new double[n], zl = new double[n], zu = new double[n];
        double[] f = new double[m], zf = new double[m];
        double[] sg = new double[r], zg = new double[r];
        double z0 = Math.max(1, 0.1 * scaleB);
        for (int k = 0; k < n; k++) {
            x[k] = fixed[k] ? lo[k] : 0.5 * (lo[k] + hi[k]);
            y[k] = a[k] * x[k] + b[k];
            zl[k] = fixed[k] ? 0 : z0;
            zu[k] = fixed[k] ? 0 : z0;
        }
        for (int t = 0; t < m; t++) {
            double d = Math.max(1, Math.min(degree[tail[t]], degree[head[t]]));
            f[t] = Math.max(1e-3 * scaleX, meanX / d);
            zf[t] = z0;
        }
        for (int s = 0; s < r; s++) {
            double gx = p.dotSide(s, x);
            sg[s] = Math.max(p.h[s] - gx, 0.1 * scaleX);
            zg[s] = z0;
        }
        it.x = x;
        it.y = y;
        it.zl = zl;
        it.zu = zu;
        it.f = f;
        it.zf = zf;
        it.sg = sg;
        it.zg = zg;
        return it;
    }

    /** A copy of this point (the arcs shared: they never change). */
    Iterate copy() {
        Iterate c = new Iterate(p, arcs);
        c.x = x.clone();
        c.y = y.clone();
        c.zl = zl.clone();
        c.zu = zu.clone();
        c.f = f.clone();
        c.zf = zf.clone();
        c.sg = sg.clone();
        c.zg = zg.clone();
        return c;
    }

    /** Complementarity pairs: two per free node, one per arc and per side row (at least 1). */
    int pairs() {
        int pairs = 0;
        for (int k = 0; k < p.n; k++) {
            if (!p.fixed[k]) {
                pairs += 2;
            }
        }
        pairs += arcs.m + p.r;
        return Math.max(pairs, 1);
    }

    /**
     * Keeps only the arcs at positions {@code keep} of the current ones, with their flows and
     * multipliers.
     */
    void keepArcs(int[] keep) {
        f = ArcSet.select(f, keep);
        zf = ArcSet.select(zf, keep);
        arcs = arcs.keep(keep);
    }

    /** Total complementarity {@code sum s_i z_i} over bounds, arcs and side rows ($). */
    double complementarity() {
        int n = p.n, m = arcs.m, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi;
        double[] x = this.x, zl = this.zl, zu = this.zu, f = this.f, zf = this.zf;
        double[] sg = this.sg, zg = this.zg;
        double comp = 0;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                comp += (x[k] - lo[k]) * zl[k] + (hi[k] - x[k]) * zu[k];
            }
        }
        for (int t = 0; t < m; t++) {
            comp += f[t] * zf[t];
        }
        for (int s = 0; s < r; s++) {
            comp += sg[s] * zg[s];
        }
        return comp;
    }

    /** The total complementarity ($) after a step of {@code alpha} along {@code d}. */
    double complementarityAfter(Direction d, double alpha) {
        int n = p.n, m = arcs.m, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi;
        double[] x = this.x, zl = this.zl, zu = this.zu, f = this.f, zf = this.zf;
        double[] sg = this.sg, zg = this.zg;
        double comp = 0;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                comp +=
                        (x[k] - lo[k] + alpha * d.dx[k]) * (zl[k] + alpha * d.dzl[k])
                                + (hi[k] - x[k] - alpha * d.dx[k]) * (zu[k] + alpha * d.dzu[k]);
            }
        }
        for (int t = 0; t < m; t++) {
            comp += (f[t] + alpha * d.df[t]) * (zf[t] + alpha * d.dzf[t]);
        }
        for (int s = 0; s < r; s++) {
            comp += (sg[s] + alpha * d.dsg[s]) * (zg[s] + alpha * d.dzg[s]);
        }
        return comp;
    }

    /** Largest complementarity of one bound pair of a node or of one side row ($). */
    double worstPeerPair() {
        int n = p.n, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi;
        double[] x = this.x, zl = this.zl, zu = this.zu, sg = this.sg, zg = this.zg;
        double worst = 0;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                worst = maxNaN(worst, Math.max((x[k] - lo[k]) * zl[k], (hi[k] - x[k]) * zu[k]));
            }
        }
        for (int s = 0; s < r; s++) {
            worst = maxNaN(worst, sg[s] * zg[s]);
        }
        return worst;
    }

    /**
     * Largest steps in {@code (0, cap]} along {@code d} keeping the primal slacks (bounds, flows,
     * side slacks) and the multipliers non-negative, into {@link #stepPrimal()} and {@link
     * #stepDual()}: one pass over the arcs for both, and a division only where a step shrinks.
     */
    void stepLengths(Direction d, double cap) {
        int n = p.n, m = arcs.m, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi;
        double[] x = this.x, zl = this.zl, zu = this.zu, sg = this.sg, zg = this.zg;
        double sp = cap, sd = cap;
        for (int k = 0; k < n; k++) {
            if (fixed[k]) {
                continue;
            }
            double dx = d.dx[k];
            if (dx < 0) {
                sp = Math.min(sp, (x[k] - lo[k]) / -dx);
            } else if (dx > 0) {
                sp = Math.min(sp, (hi[k] - x[k]) / dx);
            }
            if (d.dzl[k] < 0) {
                sd = Math.min(sd, zl[k] / -d.dzl[k]);
            }
            if (d.dzu[k] < 0) {
                sd = Math.min(sd, zu[k] / -d.dzu[k]);
            }
        }
        double[] f = this.f, zf = this.zf, df = d.df, dzf = d.dzf;
        for (int t = 0; t < m; t++) {
            if (f[t] + sp * df[t] < 0) {
                sp = f[t] / -df[t];
            }
            if (zf[t] + sd * dzf[t] < 0) {
                sd = zf[t] / -dzf[t];
            }
        }
        for (int s = 0; s < r; s++) {
            if (d.dsg[s] < 0) {
                sp = Math.min(sp, sg[s] / -d.dsg[s]);
            }
            if (d.dzg[s] < 0) {
                sd = Math.min(sd, zg[s] / -d.dzg[s]);
            }
        }
        stepPrimal = sp;
        stepDual = sd;
    }

    /** The largest primal step of the last {@link #stepLengths}. */
    double stepPrimal() {
        return stepPrimal;
    }

    /** The largest dual step of the last {@link #stepLengths}. */
    double stepDual() {
        return stepDual;
    }

    /**
     * Moves {@code alpha} along {@code d}, keeping set-points strictly inside their bounds and
     * flows, slacks and multipliers at least {@code 1e-300} despite rounding.
     */
    void step(Direction d, double alpha) {
        int n = p.n, m = arcs.m, r = p.r;
        boolean[] fixed = p.fixed;
        double[] lo = p.lo, hi = p.hi;
        double[] x = this.x, y = this.y, zl = this.zl, zu = this.zu, f = this.f, zf = this.zf;
        double[] sg = this.sg, zg = this.zg;
        for (int k = 0; k < n; k++) {
            x[k] += alpha * d.dx[k];
            y[k] += alpha * d.dy[k];
            if (!fixed[k]) {
                zl[k] += alpha * d.dzl[k];
                zu[k] += alpha * d.dzu[k];
                // keep strictly inside the bounds despite rounding
                x[k] = Math.min(Math.max(x[k], Math.nextUp(lo[k])), Math.nextDown(hi[k]));
            }
        }
        for (int t = 0; t < m; t++) {
            f[t] = Math.max(f[t] + alpha * d.df[t], 1e-300);
            zf[t] = Math.max(zf[t] + alpha * d.dzf[t], 1e-300);
        }
        for (int s = 0; s < r; s++) {
            sg[s] = Math.max(sg[s] + alpha * d.dsg[s], 1e-300);
            zg[s] = Math.max(zg[s] + alpha * d.dzg[s], 1e-300);
        }
    }
}
