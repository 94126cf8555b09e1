package org.gridbazaar.solver.support;

import java.util.Arrays;

/**
 * A {@link SeparableQp} solved from a guess of its active set: the warm start of a problem solved
 * again and again with slightly different costs (a peer's local problem in the rounds of a
 * distributed solver), where the interior point would start from scratch every time.
 *
 * <p>The guess is a previous point {@code u} and its row multipliers {@code pi}: a bound is active
 * where {@code u} lies on it (within {@link #ON_BOUND} of the bound's magnitude, at least 1), an
 * inequality row where it is tight (within {@link #ON_BOUND} of its scale) and its multiplier is
 * positive. Each round solves the equality-constrained problem of the active set, the active bounds
 * fixed and the inactive rows left out:
 *
 * <pre>
 *   minimise  sum_(j free) 0.5 q_j u_j^2 + c_j u_j   subject to   a_r' u = b_r for every active row r
 * </pre>
 *
 * by proximal iterations {@code (Q + delta I) u_(k+1) + A' pi_(k+1) = delta u_k - c}, {@code A
 * u_(k+1) - rho (pi_(k+1) - pi_k) = b} (variables without curvature and dependent rows need no
 * special case), each a solve with one envelope Cholesky factorization of {@code A (Q + delta I)^-1
 * A' + rho I}. Then every bound the solution crosses and every active bound or row whose multiplier
 * has the wrong sign changes sides (a primal-dual active-set step), and the round is repeated, at
 * most {@link #ROUNDS} times. The answer is returned only when it meets the KKT conditions of the
 * whole problem to the tolerance: primal and dual residuals on the scales of {@link
 * SeparableQpSolver}'s convergence test, bounds and rows feasible, multipliers of the right sign,
 * complementarity exact (a free variable has no multiplier, an active bound no slack). For a convex
 * problem that is an optimum.
 *
 * <p>Costs are scaled as in {@link SeparableQpSolver} (by the largest linear cost, at least 1); the
 * outcome's multipliers are in cost units, by row index.
 */
final class ActiveSetQp {

    /** Rounds of the active set (each one factorization). */
    static final int ROUNDS = 6;

    /** Proximal iterations per round. */
    static final int STEPS = 30;

    /** The proximal weights {@code delta} and {@code rho}, in scaled cost units. */
    static final double PROXIMAL = 1e-7;

    /** A point within this share of a bound's magnitude (at least 1) lies on it. */
    static final double ON_BOUND = 1e-7;

    /** The proximal iterations stop once both residuals are below this share of the tolerance. */
    static final double INNER = 0.1;

    private final SeparableQp sf;
    private final int nv, m;
    private final double costScale;
    private final double[] q, c;

    /** Side of each variable: -1 at its lower bound, 1 at its upper, 0 free, 2 fixed. */
    private final byte[] at;

    /** Rows taken as equalities (every equality row, the active inequality rows). */
    private final boolean[] active;

    private final double[] x, y, wInv, rowD, rowScale, varScale;
    private final EnvelopeCholesky k;
    private int rounds;

    private ActiveSetQp(SeparableQp sf) {
        this.sf = sf;
        nv = sf.vars;
        m = sf.rows;
        costScale = sf.costScale();
        q = new double[nv];
        c = new double[nv];
        for (int j = 0; j < nv; j++) {
            q[j] = sf.q[j] / costScale;
            c[j] = sf.c[j] / costScale;
        }
        at = new byte[nv];
        active = new boolean[m];
        x = new double[nv];
        y = new double[m];
        wInv = new double[nv];
        rowD = new double[m];
        rowScale = new double[m];
        varScale = new double[nv];
        k = new EnvelopeCholesky(sf.first);
    }

    /**
     * The optimum of {@code sf} found from the guess {@code u} (by variable) and {@code pi} (by row
     * index, cost units), or {@code null} when the guess does not lead to a point meeting {@code
     * tol} within {@link #ROUNDS} rounds.
     */
    static SeparableQpSolver.Outcome solve(SeparableQp sf, double tol, double[] u, double[] pi) {
        if (u.length != sf.vars || pi.length != sf.rows) {
            throw new IllegalArgumentException(
                    "a guess needs "
                            + sf.vars
                            + " values and "
                            + sf.rows
                            + " row multipliers, got "
                            + u.length
                            + " and "
                            + pi.length);
        }
        return new ActiveSetQp(sf).run(tol, u, pi);
    }

    private SeparableQpSolver.Outcome run(double tol, double[] u, double[] pi) {
        double[] au = sf.multiply(u);
        for (int j = 0; j < nv; j++) {
            double lo = sf.lo[j], hi = sf.hi[j], v = u[j];
            if (!Double.isFinite(v)) {
                return null;
            }
            if (lo == hi) {
                at[j] = 2;
                x[j] = lo;
            } else if (Double.isFinite(lo) && v - lo <= ON_BOUND * Math.max(1, Math.abs(lo))) {
                at[j] = -1;
            } else if (Double.isFinite(hi) && hi - v <= ON_BOUND * Math.max(1, Math.abs(hi))) {
                at[j] = 1;
            } else {
                at[j] = 0;
                x[j] = v;
            }
        }
        for (int pos = 0; pos < m; pos++) {
            double p = pi[sf.rowAt[pos]] / costScale;
            if (!Double.isFinite(p)) {
                return null;
            }
            active[pos] =
                    !sf.inequality[pos]
                            || p > 0
                                    && sf.b[pos] - au[pos]
                                            <= ON_BOUND * Math.max(1, Math.abs(sf.b[pos]));
            y[pos] = active[pos] ? p : 0;
        }
        for (rounds = 1; rounds <= ROUNDS; rounds++) {
            for (int j = 0; j < nv; j++) {
                if (at[j] == -1) {
                    x[j] = sf.lo[j];
                } else if (at[j] == 1) {
                    x[j] = sf.hi[j];
                }
            }
            if (!solveActiveSet(tol)) {
                return null;
            }
            if (swapSides(tol) == 0) {
                return outcome();
            }
        }
        return null;
    }

    /**
     * The proximal iterations of one round; {@code false} when they do not reach {@code tol} (the
     * active set has no solution, or not one near enough).
     */
    private boolean solveActiveSet(double tol) {
        double delta = PROXIMAL, rho = PROXIMAL;
        for (int j = 0; j < nv; j++) {
            wInv[j] = at[j] == 0 ? 1 / (q[j] + delta) : 0;
        }
        for (int pos = 0; pos < m; pos++) {
            rowD[pos] = active[pos] ? rho : 1;
        }
        k.clear();
        double[] kv = k.values;
        for (int j = 0; j < nv; j++) {
            if (at[j] != 0) {
                continue;
            }
            double inv = wInv[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                if (!active[sf.colRow[p]]) {
                    continue;
                }
                for (int r = sf.colStart[j]; r <= p; r++) {
                    if (!active[sf.colRow[r]]) {
                        continue;
                    }
                    int i1 = Math.max(sf.colRow[p], sf.colRow[r]),
                            i2 = Math.min(sf.colRow[p], sf.colRow[r]);
                    double coef =
                            sf.colVal[p]
                                    * sf.colVal[r]
                                    * (sf.colRow[p] == sf.colRow[r] && p != r ? 2 : 1);
                    kv[k.index(i1, i2)] += coef * inv;
                }
            }
        }
        for (int pos = 0; pos < m; pos++) {
            k.addDiagonal(pos, rowD[pos]);
        }
        k.factor();
        double[] rhs = new double[m], sol = new double[m];
        double primal = Double.POSITIVE_INFINITY, dual = Double.POSITIVE_INFINITY;
        double previousDual = Double.POSITIVE_INFINITY;
        for (int step = 0; step < STEPS; step++) {
            // rhs = A_F W^-1 (delta x - c) + A_X x_X - b + R y, on the active rows
            Arrays.fill(rhs, 0);
            for (int j = 0; j < nv; j++) {
                double v = at[j] == 0 ? (delta * x[j] - c[j]) * wInv[j] : x[j];
                if (v != 0) {
                    for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                        rhs[sf.colRow[p]] += sf.colVal[p] * v;
                    }
                }
            }
            for (int pos = 0; pos < m; pos++) {
                rhs[pos] = active[pos] ? rhs[pos] - sf.b[pos] + rho * y[pos] : 0;
            }
            System.arraycopy(rhs, 0, sol, 0, m);
            k.solve(sol);
            refine(rhs, sol);
            for (int pos = 0; pos < m; pos++) {
                y[pos] = active[pos] ? sol[pos] : 0;
            }
            double[] aty = sf.transposeMultiply(y);
            for (int j = 0; j < nv; j++) {
                if (at[j] == 0) {
                    x[j] = (delta * x[j] - c[j] - aty[j]) * wInv[j];
                }
            }
            measureScales(aty);
            double[] ax = sf.multiply(x);
            primal = 0;
            for (int pos = 0; pos < m; pos++) {
                if (active[pos]) {
                    primal = Math.max(primal, Math.abs(ax[pos] - sf.b[pos]) / rowScale[pos]);
                }
            }
            dual = 0;
            for (int j = 0; j < nv; j++) {
                if (at[j] == 0) {
                    dual = Math.max(dual, Math.abs(q[j] * x[j] + c[j] + aty[j]) / varScale[j]);
                }
            }
            if (!Double.isFinite(primal + dual)) {
                return false;
            }
            if (primal <= INNER * tol && dual <= INNER * tol) {
                break;
            }
            if (step >= 2 && dual > 0.3 * previousDual && dual > 1e3 * tol) {
                // not converging: the active set contradicts the problem
                return false;
            }
            previousDual = dual;
        }
        return primal <= tol && dual <= tol;
    }

    /** Two passes of iterative refinement of {@code K sol = rhs}. */
    private void refine(double[] rhs, double[] sol) {
        double[] res = new double[m];
        for (int pass = 0; pass < 2; pass++) {
            for (int pos = 0; pos < m; pos++) {
                res[pos] = rhs[pos] - rowD[pos] * sol[pos];
            }
            for (int j = 0; j < nv; j++) {
                if (at[j] != 0) {
                    continue;
                }
                double t = 0;
                for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                    t += sf.colVal[p] * sol[sf.colRow[p]];
                }
                t *= wInv[j];
                if (t != 0) {
                    for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                        res[sf.colRow[p]] -= sf.colVal[p] * t;
                    }
                }
            }
            for (int pos = 0; pos < m; pos++) {
                if (!active[pos]) {
                    res[pos] = 0;
                }
            }
            k.solve(res);
            for (int pos = 0; pos < m; pos++) {
                sol[pos] += res[pos];
            }
        }
    }

    /**
     * The residuals' scales at the current point, as {@link SeparableQpSolver}'s convergence test
     * measures them: a row by the magnitude of its terms, its right-hand side and its variables'
     * reach; a variable by the magnitude of each term of its reduced cost.
     */
    private void measureScales(double[] aty) {
        Arrays.fill(rowScale, SeparableQpSolver.QUANTITY_FLOOR);
        for (int j = 0; j < nv; j++) {
            double reach =
                    Math.max(
                            Double.isFinite(sf.lo[j]) ? Math.abs(sf.lo[j]) : 0,
                            Double.isFinite(sf.hi[j]) ? Math.abs(sf.hi[j]) : 0);
            double vs =
                    Math.max(
                            SeparableQpSolver.PRICE_FLOOR,
                            Math.max(Math.abs(q[j] * x[j]), Math.abs(c[j])));
            vs = Math.max(vs, Math.abs(aty[j]));
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                int pos = sf.colRow[p];
                double a = Math.abs(sf.colVal[p]);
                rowScale[pos] = Math.max(rowScale[pos], a * Math.max(reach, Math.abs(x[j])));
                vs = Math.max(vs, Math.abs(sf.colVal[p] * y[pos]));
            }
            varScale[j] = vs;
        }
        for (int pos = 0; pos < m; pos++) {
            rowScale[pos] = Math.max(rowScale[pos], Math.abs(sf.b[pos]));
        }
    }

    /**
     * Moves every bound or row the solution contradicts to its other side: a free variable beyond a
     * bound onto it, an active bound whose multiplier has the wrong sign off it, an active row with
     * a negative multiplier out, an inactive row the point violates in. Returns how many moved.
     */
    private int swapSides(double tol) {
        double[] aty = sf.transposeMultiply(y), ax = sf.multiply(x);
        int swapped = 0;
        for (int j = 0; j < nv; j++) {
            if (at[j] == 2) {
                continue;
            }
            double z = q[j] * x[j] + c[j] + aty[j];
            double lo = sf.lo[j], hi = sf.hi[j];
            if (at[j] == -1 && -z > tol * varScale[j] || at[j] == 1 && z > tol * varScale[j]) {
                at[j] = 0;
                swapped++;
            } else if (at[j] == 0
                    && Double.isFinite(lo)
                    && lo - x[j] > tol * Math.max(1, Math.abs(lo))) {
                at[j] = -1;
                swapped++;
            } else if (at[j] == 0
                    && Double.isFinite(hi)
                    && x[j] - hi > tol * Math.max(1, Math.abs(hi))) {
                at[j] = 1;
                swapped++;
            }
        }
        for (int pos = 0; pos < m; pos++) {
            if (!sf.inequality[pos]) {
                continue;
            }
            if (active[pos] && -y[pos] > tol * Math.max(1, Math.abs(y[pos]))) {
                active[pos] = false;
                swapped++;
            } else if (!active[pos] && ax[pos] - sf.b[pos] > tol * rowScale[pos]) {
                active[pos] = true;
                swapped++;
            }
        }
        return swapped;
    }

    /**
     * The accepted point as an outcome: values clamped into their bounds, multipliers in cost
     * units.
     */
    private SeparableQpSolver.Outcome outcome() {
        double[] aty = sf.transposeMultiply(y);
        SeparableQpSolver.Outcome out = new SeparableQpSolver.Outcome();
        out.stop = SeparableQpSolver.Stop.CONVERGED;
        out.detail = "solved from a guess of its active set in " + rounds + " round(s)";
        out.iterations = 0;
        out.u = new double[nv];
        out.zl = new double[nv];
        for (int j = 0; j < nv; j++) {
            out.u[j] = Math.min(Math.max(x[j], sf.lo[j]), sf.hi[j]);
            if (at[j] == -1) {
                out.zl[j] = Math.max(0, q[j] * x[j] + c[j] + aty[j]) * costScale;
            }
        }
        out.pi = new double[m];
        for (int pos = 0; pos < m; pos++) {
            double p = sf.inequality[pos] ? Math.max(0, y[pos]) : y[pos];
            out.pi[sf.rowAt[pos]] = p * costScale;
        }
        double[] ax = sf.multiply(x);
        double primal = 0, dual = 0;
        for (int pos = 0; pos < m; pos++) {
            double r = ax[pos] - sf.b[pos];
            primal = Math.max(primal, (active[pos] ? Math.abs(r) : Math.max(0, r)) / rowScale[pos]);
        }
        for (int j = 0; j < nv; j++) {
            if (at[j] == 0) {
                dual = Math.max(dual, Math.abs(q[j] * x[j] + c[j] + aty[j]) / varScale[j]);
            }
        }
        out.primal = primal;
        out.dual = dual;
        out.gap = 0;
        out.linearAlgebra = SeparableQpSolver.LinearAlgebra.ENVELOPE;
        return out;
    }
}
