package org.gridbazaar.solver.structured.internal;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * A primal-dual interior-point method (Mehrotra predictor-corrector) for a {@link StandardForm}:
 * the markets with peer blocks (storage, ramps, energy windows over a horizon) that the node-space
 * method does not cover.
 *
 * <p>Each iteration eliminates every variable through its diagonal (costs are separable, so the
 * Hessian is diagonal) and solves the row-space system {@code (A W^-1 A' + D) dpi = r}, one
 * equation per balance row and per peer row, by an {@link EnvelopeCholesky} in the standard
 * form's period-by-period order. {@code W} holds costs and bound barriers, {@code D} the
 * slack barriers of inequality rows and a regularization of {@code 1e-12} relative for equality
 * rows. Costs are scaled by the largest price so that the method's tolerances are relative to
 * the market's prices; every residual is tested relative to the magnitude of the terms that make
 * it up (one row's or one variable's own scale), so that a 0.001 kW peer beside a 1e7 kW backstop
 * is held to its own scale.
 *
 * <p>Fixed variables ({@code l == h}, a fixed demand) are constants of the run. Variables are
 * started inside their bounds, away from them by a tenth of the range (at most 1 on a one-sided
 * bound), slacks and bound multipliers so that every complementarity product is 1.
 */
final class BlockInteriorPoint {

    /** Why a run stopped. */
    enum Stop { CONVERGED, ITERATION_LIMIT, TIME_LIMIT, INTERRUPTED, BREAKDOWN }

    /** Iteration callback; returns {@code true} to stop. */
    interface Monitor {
        boolean iteration(int k, double primal, double dual, double gap);
    }

    /** What a run ends with: the point, multipliers in unscaled units, and residuals. */
    static final class Outcome {
        Stop stop;
        String detail = "";
        int iterations;
        double[] u, pi;
        double primal, dual, gap;
        final List<ProblemSolution.IterationRecord> history = new ArrayList<>();
    }

    private static final double STEP_TO_BOUNDARY = 0.995;

    private final StandardForm sf;
    private final double costScale;
    private final double[] q, c;
    private final boolean[] fixed;
    private final EnvelopeCholesky k;
    /** Per variable: its column's pairs (position in the envelope, coefficient product). */
    private final int[] pairStart, pairIndex;
    private final double[] pairCoef;

    BlockInteriorPoint(StandardForm sf) {
        this.sf = sf;
        double scale = 1;
        for (int j = 0; j < sf.vars; j++) {
            scale = Math.max(scale, Math.abs(sf.c[j]));
            double reach = Math.max(Double.isFinite(sf.lo[j]) ? Math.abs(sf.lo[j]) : 0, Double.isFinite(sf.hi[j]) ? Math.abs(sf.hi[j]) : 0);
            scale = Math.max(scale, sf.q[j] * reach);
        }
        costScale = scale;
        q = new double[sf.vars];
        c = new double[sf.vars];
        fixed = new boolean[sf.vars];
        for (int j = 0; j < sf.vars; j++) {
            q[j] = sf.q[j] / scale;
            c[j] = sf.c[j] / scale;
            fixed[j] = sf.lo[j] == sf.hi[j];
        }
        k = new EnvelopeCholesky(sf.first);
        pairStart = new int[sf.vars + 1];
        for (int j = 0; j < sf.vars; j++) {
            int len = sf.colStart[j + 1] - sf.colStart[j];
            pairStart[j + 1] = pairStart[j] + (fixed[j] ? 0 : len * (len + 1) / 2);
        }
        pairIndex = new int[pairStart[sf.vars]];
        pairCoef = new double[pairStart[sf.vars]];
        for (int j = 0; j < sf.vars; j++) {
            if (fixed[j]) {
                continue;
            }
            int at = pairStart[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                for (int r = sf.colStart[j]; r <= p; r++) {
                    int i1 = Math.max(sf.colRow[p], sf.colRow[r]), i2 = Math.min(sf.colRow[p], sf.colRow[r]);
                    pairIndex[at] = k.index(i1, i2);
                    pairCoef[at++] = sf.colVal[p] * sf.colVal[r] * (sf.colRow[p] == sf.colRow[r] && p != r ? 2 : 1);
                }
            }
        }
    }

    /** Number of stored entries of the row-space factor. */
    long factorSize() {
        return k.size();
    }

    Outcome solve(double tol, int maxIter, double deadlineNanos, Monitor monitor) {
        int nv = sf.vars, m = sf.rows;
        double[] lo = sf.lo, hi = sf.hi;
        double[] u = new double[nv], zl = new double[nv], zu = new double[nv];
        boolean[] hasLo = new boolean[nv], hasHi = new boolean[nv];
        for (int j = 0; j < nv; j++) {
            hasLo[j] = !fixed[j] && Double.isFinite(lo[j]);
            hasHi[j] = !fixed[j] && Double.isFinite(hi[j]);
            if (fixed[j]) {
                u[j] = lo[j];
            } else if (hasLo[j] && hasHi[j]) {
                double margin = 0.5 * Math.min(hi[j] - lo[j], Math.max(1, 0.1 * (hi[j] - lo[j])));
                u[j] = Math.min(Math.max(0, lo[j] + margin), hi[j] - margin);
            } else if (hasLo[j]) {
                u[j] = Math.max(0, lo[j] + 1);
            } else if (hasHi[j]) {
                u[j] = Math.min(0, hi[j] - 1);
            }
            if (hasLo[j]) {
                zl[j] = 1 / (u[j] - lo[j]);
            }
            if (hasHi[j]) {
                zu[j] = 1 / (hi[j] - u[j]);
            }
        }
        double[] pi = new double[m], s = new double[m];
        double[] au = multiply(u);
        for (int r = 0; r < m; r++) {
            if (sf.inequality[r]) {
                s[r] = Math.max(sf.b[r] - au[r], 1);
                pi[r] = 1 / s[r];
            }
        }
        int ineqCount = 0;
        for (int r = 0; r < m; r++) {
            if (sf.inequality[r]) {
                ineqCount++;
            }
        }
        int barrierCount = ineqCount;
        for (int j = 0; j < nv; j++) {
            barrierCount += (hasLo[j] ? 1 : 0) + (hasHi[j] ? 1 : 0);
        }
        // scales of each row's and each variable's residual: the magnitude of its terms
        double[] rowScale = new double[m], varScale = new double[nv];
        double[] rd = new double[nv], rp = new double[m];
        double[] w = new double[nv], g = new double[nv], rhs = new double[m], dpi = new double[m], du = new double[nv];
        double[] dzl = new double[nv], dzu = new double[nv], ds = new double[m];
        double[] dzlA = new double[nv], dzuA = new double[nv], dsA = new double[m], duA = new double[nv], dpiA = new double[m];
        Outcome out = new Outcome();
        for (int iter = 0; ; iter++) {
            // residuals
            au = multiply(u);
            double[] atpi = transposeMultiply(pi);
            java.util.Arrays.fill(rowScale, 1);
            for (int j = 0; j < nv; j++) {
                for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                    rowScale[sf.colRow[p]] = Math.max(rowScale[sf.colRow[p]], Math.abs(sf.colVal[p] * u[j]));
                }
            }
            double primal = 0;
            for (int r = 0; r < m; r++) {
                rp[r] = au[r] + s[r] - sf.b[r];
                rowScale[r] = Math.max(rowScale[r], Math.abs(sf.b[r]));
                primal = Math.max(primal, Math.abs(rp[r]) / rowScale[r]);
            }
            double dual = 0;
            for (int j = 0; j < nv; j++) {
                rd[j] = fixed[j] ? 0 : q[j] * u[j] + c[j] + atpi[j] - zl[j] + zu[j];
                varScale[j] = 1 + Math.max(Math.max(Math.abs(q[j] * u[j]), Math.abs(c[j])), Math.max(Math.abs(atpi[j]), Math.max(zl[j], zu[j])));
                dual = Math.max(dual, Math.abs(rd[j]) / varScale[j]);
            }
            double comp = 0;
            for (int j = 0; j < nv; j++) {
                if (hasLo[j]) {
                    comp += (u[j] - lo[j]) * zl[j];
                }
                if (hasHi[j]) {
                    comp += (hi[j] - u[j]) * zu[j];
                }
            }
            for (int r = 0; r < m; r++) {
                if (sf.inequality[r]) {
                    comp += s[r] * pi[r];
                }
            }
            double mu = barrierCount == 0 ? 0 : comp / barrierCount;
            double objective = 0;
            for (int j = 0; j < nv; j++) {
                objective += (0.5 * q[j] * u[j] + c[j]) * u[j];
            }
            double gap = comp / (1 + Math.abs(objective));
            out.history.add(new ProblemSolution.IterationRecord(iter, primal, dual, gap));
            boolean converged = primal <= tol && dual <= tol && gap <= tol;
            if (converged || iter >= maxIter || System.nanoTime() > deadlineNanos || monitor.iteration(iter, primal, dual, gap)
                    || !Double.isFinite(primal + dual + gap)) {
                out.stop = converged ? Stop.CONVERGED : !Double.isFinite(primal + dual + gap) ? Stop.BREAKDOWN
                        : iter >= maxIter ? Stop.ITERATION_LIMIT : System.nanoTime() > deadlineNanos ? Stop.TIME_LIMIT : Stop.INTERRUPTED;
                if (out.stop == Stop.BREAKDOWN) {
                    out.detail = "residuals stopped being finite at iteration " + iter;
                }
                out.iterations = iter;
                out.primal = primal;
                out.dual = dual;
                out.gap = gap;
                out.u = u;
                out.pi = scaled(pi);
                return out;
            }
            // W, and the row-space matrix
            double reg = 1e-12;
            for (int j = 0; j < nv; j++) {
                if (fixed[j]) {
                    continue;
                }
                double wj = q[j] + reg;
                if (hasLo[j]) {
                    wj += zl[j] / (u[j] - lo[j]);
                }
                if (hasHi[j]) {
                    wj += zu[j] / (hi[j] - u[j]);
                }
                w[j] = wj;
            }
            k.clear();
            double[] kv = k.values;
            for (int j = 0; j < nv; j++) {
                if (fixed[j]) {
                    continue;
                }
                double inv = 1 / w[j];
                for (int p = pairStart[j]; p < pairStart[j + 1]; p++) {
                    kv[pairIndex[p]] += pairCoef[p] * inv;
                }
            }
            for (int r = 0; r < m; r++) {
                double d = sf.inequality[r] ? s[r] / pi[r] : 0;
                k.addDiagonal(r, d + reg * Math.max(1, k.diagonal(r)));
            }
            k.factor();
            // predictor
            direction(u, zl, zu, s, pi, hasLo, hasHi, rd, rp, w, g, rhs, 0, null, null, null, null, null, duA, dpiA, dzlA, dzuA, dsA);
            double alphaA = stepLength(u, zl, zu, s, pi, hasLo, hasHi, duA, dzlA, dzuA, dsA, dpiA, 1.0);
            double compA = 0;
            for (int j = 0; j < nv; j++) {
                if (hasLo[j]) {
                    compA += (u[j] - lo[j] + alphaA * duA[j]) * (zl[j] + alphaA * dzlA[j]);
                }
                if (hasHi[j]) {
                    compA += (hi[j] - u[j] - alphaA * duA[j]) * (zu[j] + alphaA * dzuA[j]);
                }
            }
            for (int r = 0; r < m; r++) {
                if (sf.inequality[r]) {
                    compA += (s[r] + alphaA * dsA[r]) * (pi[r] + alphaA * dpiA[r]);
                }
            }
            double sigma = mu == 0 ? 0 : Math.pow(Math.max(0, compA / barrierCount) / mu, 3);
            sigma = Math.min(1, sigma);
            // corrector
            direction(u, zl, zu, s, pi, hasLo, hasHi, rd, rp, w, g, rhs, sigma * mu, duA, dzlA, dzuA, dsA, dpiA, du, dpi, dzl, dzu, ds);
            double alpha = stepLength(u, zl, zu, s, pi, hasLo, hasHi, du, dzl, dzu, ds, dpi, STEP_TO_BOUNDARY);
            if (!(alpha > 0)) {
                out.stop = Stop.BREAKDOWN;
                out.detail = "the step length fell to " + alpha + " at iteration " + iter;
                out.iterations = iter;
                out.primal = primal;
                out.dual = dual;
                out.gap = gap;
                out.u = u;
                out.pi = scaled(pi);
                return out;
            }
            for (int j = 0; j < nv; j++) {
                if (fixed[j]) {
                    continue;
                }
                u[j] += alpha * du[j];
                if (hasLo[j]) {
                    zl[j] += alpha * dzl[j];
                    u[j] = Math.max(u[j], lo[j] + 1e-300);
                }
                if (hasHi[j]) {
                    zu[j] += alpha * dzu[j];
                    u[j] = Math.min(u[j], hi[j] - 1e-300);
                }
            }
            for (int r = 0; r < m; r++) {
                pi[r] += alpha * dpi[r];
                if (sf.inequality[r]) {
                    s[r] += alpha * ds[r];
                }
            }
        }
    }

    /** Multipliers in $ units (undoing the cost scaling). */
    private double[] scaled(double[] pi) {
        double[] out = new double[pi.length];
        for (int r = 0; r < pi.length; r++) {
            out[r] = pi[r] * costScale;
        }
        return out;
    }

    /**
     * One Newton direction for the complementarity target {@code target} (0 for the predictor),
     * with the predictor's second-order terms when {@code duA} is given.
     */
    private void direction(double[] u, double[] zl, double[] zu, double[] s, double[] pi, boolean[] hasLo, boolean[] hasHi,
                           double[] rd, double[] rp, double[] w, double[] g, double[] rhs, double target,
                           double[] duA, double[] dzlA, double[] dzuA, double[] dsA, double[] dpiAff,
                           double[] du, double[] dpi, double[] dzl, double[] dzu, double[] ds) {
        int nv = sf.vars, m = sf.rows;
        double[] lo = sf.lo, hi = sf.hi;
        double[] rl = dzl, ru = dzu; // reuse as scratch for the complementarity right-hand sides
        for (int j = 0; j < nv; j++) {
            rl[j] = 0;
            ru[j] = 0;
            if (fixed[j]) {
                g[j] = 0;
                continue;
            }
            double gj = -rd[j];
            if (hasLo[j]) {
                double sl = u[j] - lo[j];
                rl[j] = target - sl * zl[j] - (duA == null ? 0 : duA[j] * dzlA[j]);
                gj += rl[j] / sl;
            }
            if (hasHi[j]) {
                double sh = hi[j] - u[j];
                ru[j] = target - sh * zu[j] + (duA == null ? 0 : duA[j] * dzuA[j]);
                gj -= ru[j] / sh;
            }
            g[j] = gj;
        }
        // rhs = A W^-1 g - h, with h = -rp - rs/pi for inequality rows and -rp for equality rows
        java.util.Arrays.fill(rhs, 0);
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                continue;
            }
            double t = g[j] / w[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                rhs[sf.colRow[p]] += sf.colVal[p] * t;
            }
        }
        double[] rs = ds; // scratch
        for (int r = 0; r < m; r++) {
            double h = -rp[r];
            if (sf.inequality[r]) {
                rs[r] = target - s[r] * pi[r] - (dsA == null ? 0 : dsA[r] * dpiAff[r]);
                h -= rs[r] / pi[r];
            }
            rhs[r] -= h;
        }
        System.arraycopy(rhs, 0, dpi, 0, m);
        k.solve(dpi);
        // du = W^-1 (g - A' dpi)
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                du[j] = 0;
                continue;
            }
            double t = g[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                t -= sf.colVal[p] * dpi[sf.colRow[p]];
            }
            du[j] = t / w[j];
        }
        for (int j = 0; j < nv; j++) {
            if (hasLo[j]) {
                dzl[j] = (rl[j] - zl[j] * du[j]) / (u[j] - lo[j]);
            }
            if (hasHi[j]) {
                dzu[j] = (ru[j] + zu[j] * du[j]) / (hi[j] - u[j]);
            }
        }
        for (int r = 0; r < m; r++) {
            ds[r] = sf.inequality[r] ? (rs[r] - s[r] * dpi[r]) / pi[r] : 0;
        }
    }

    private double stepLength(double[] u, double[] zl, double[] zu, double[] s, double[] pi, boolean[] hasLo, boolean[] hasHi,
                              double[] du, double[] dzl, double[] dzu, double[] ds, double[] dpi, double fraction) {
        double alpha = 1 / fraction;
        for (int j = 0; j < sf.vars; j++) {
            if (hasLo[j]) {
                if (du[j] < 0) {
                    alpha = Math.min(alpha, -(u[j] - sf.lo[j]) / du[j]);
                }
                if (dzl[j] < 0) {
                    alpha = Math.min(alpha, -zl[j] / dzl[j]);
                }
            }
            if (hasHi[j]) {
                if (du[j] > 0) {
                    alpha = Math.min(alpha, (sf.hi[j] - u[j]) / du[j]);
                }
                if (dzu[j] < 0) {
                    alpha = Math.min(alpha, -zu[j] / dzu[j]);
                }
            }
        }
        for (int r = 0; r < sf.rows; r++) {
            if (sf.inequality[r]) {
                if (ds[r] < 0) {
                    alpha = Math.min(alpha, -s[r] / ds[r]);
                }
                if (dpi[r] < 0) {
                    alpha = Math.min(alpha, -pi[r] / dpi[r]);
                }
            }
        }
        return Math.min(1, fraction * alpha);
    }

    private double[] multiply(double[] u) {
        double[] out = new double[sf.rows];
        for (int j = 0; j < sf.vars; j++) {
            double v = u[j];
            if (v != 0) {
                for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                    out[sf.colRow[p]] += sf.colVal[p] * v;
                }
            }
        }
        return out;
    }

    private double[] transposeMultiply(double[] pi) {
        double[] out = new double[sf.vars];
        for (int j = 0; j < sf.vars; j++) {
            double t = 0;
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                t += sf.colVal[p] * pi[sf.colRow[p]];
            }
            out[j] = t;
        }
        return out;
    }
}
