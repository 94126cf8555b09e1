package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * Builds a window problem as a {@link SeparableQp}, keeping the interior-point method clear of
 * three degenerate shapes that schedules at their limits and small money produce: bounds that
 * differ only by rounding (a variable between them would get barriers of {@code 1/1e-13}) are made
 * one, fixing the variable; rows whose variables are all fixed (the schedule held satisfies them,
 * up to rounding) are left out; and variables and objective are scaled to order 1 (the solver
 * scales costs down, never up, and was seen to stall on cents and on ranges of a few kW).
 */
final class WindowQp {

    /** Bounds closer than this, relative to their size (at least 1 kW or kWh), are one. */
    private static final double SAME = 1e-9;

    private double[] lo = new double[16],
            hi = new double[16],
            q = new double[16],
            c = new double[16];
    private final BitSet fixed = new BitSet();
    private int variables;
    private final List<int[]> rowVars = new ArrayList<>();
    private final List<double[]> rowCoefs = new ArrayList<>();
    private final List<double[]> rowData = new ArrayList<>(); // {equality ? 1 : 0, rhs, key}

    /** A variable on {@code [lo, hi]} with cost {@code 0.5 q u^2 + c u} ($); returns its index. */
    int variable(double lower, double upper, double quadratic, double linear) {
        if (Double.isFinite(upper - lower)
                && upper - lower
                        <= SAME * Math.max(1, Math.max(Math.abs(lower), Math.abs(upper)))) {
            double at = 0.5 * (lower + upper);
            lower = at;
            upper = at;
        }
        if (variables == lo.length) {
            lo = Arrays.copyOf(lo, 2 * variables);
            hi = Arrays.copyOf(hi, 2 * variables);
            q = Arrays.copyOf(q, 2 * variables);
            c = Arrays.copyOf(c, 2 * variables);
        }
        lo[variables] = lower;
        hi[variables] = upper;
        q[variables] = quadratic;
        c[variables] = linear;
        if (lower == upper) {
            fixed.set(variables);
        }
        return variables++;
    }

    /**
     * The row {@code sum coefs u (= or <=) rhs}, or nothing when all its variables are fixed;
     * returns its index or -1.
     */
    int row(int[] vars, double[] coefs, boolean equality, double rhs, long key) {
        boolean free = false;
        for (int j : vars) {
            free |= !fixed.get(j);
        }
        if (!free) {
            return -1;
        }
        rowVars.add(vars);
        rowCoefs.add(coefs);
        rowData.add(new double[] {equality ? 1 : 0, rhs, key});
        return rowVars.size() - 1;
    }

    /**
     * A solution: the point and the row multipliers ($ per unit of the row, by row index), or why
     * there is none.
     */
    record Solution(double[] u, double[] pi, SeparableQpSolver.Stop stop, String detail) {
        boolean converged() {
            return stop == SeparableQpSolver.Stop.CONVERGED;
        }
    }

    /**
     * Solves with {@link SeparableQpSolver} to relative tolerance {@code tol}: each variable scaled
     * to its largest bound (so that every range is of order 1) and the objective to a largest
     * linear coefficient of 1; if that run does not converge, again with every variable's scale
     * multiplied by 0.5, 2, 0.25 and 4 in turn until one does (the method's starting point moves
     * with the scales).
     */
    Solution solve(double tol) {
        Solution first = solve(tol, 1);
        for (int k = 0; k < RETRY_SCALES.length && !first.converged(); k++) {
            Solution again = solve(tol, RETRY_SCALES[k]);
            if (again.converged()) {
                return again;
            }
        }
        return first;
    }

    /** The scales tried, in turn, after the first run does not converge. */
    private static final double[] RETRY_SCALES = {0.5, 2, 0.25, 4};

    private Solution solve(double tol, double shrink) {
        double largestBound = 0;
        for (int j = 0; j < variables; j++) {
            largestBound = Math.max(largestBound, Math.max(finite(lo[j]), finite(hi[j])));
        }
        double[] sigma = new double[variables];
        double largestCost = 0;
        for (int j = 0; j < variables; j++) {
            double bound = Math.max(finite(lo[j]), finite(hi[j]));
            sigma[j] =
                    shrink
                            * (bound > 0 && Double.isFinite(lo[j]) && Double.isFinite(hi[j])
                                    ? bound
                                    : Math.max(largestBound, 1));
            largestCost = Math.max(largestCost, Math.abs(c[j] * sigma[j]));
        }
        double k = largestCost > 0 ? 1 / largestCost : 1;
        SeparableQp.Builder b = SeparableQp.builder();
        for (int j = 0; j < variables; j++) {
            b.variable(
                    lo[j] / sigma[j],
                    hi[j] / sigma[j],
                    k * q[j] * sigma[j] * sigma[j],
                    k * c[j] * sigma[j]);
        }
        for (int r = 0; r < rowVars.size(); r++) {
            int[] vs = rowVars.get(r);
            double[] coefs = rowCoefs.get(r).clone();
            for (int i = 0; i < vs.length; i++) {
                coefs[i] *= sigma[vs[i]];
            }
            double[] d = rowData.get(r);
            b.row(vs, coefs, d[0] == 1, d[1], (long) d[2]);
        }
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(b.build())
                        .solve(tol, 300, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        if (o.u == null) {
            return new Solution(null, null, o.stop, o.detail);
        }
        double[] u = new double[variables];
        for (int j = 0; j < variables; j++) {
            u[j] = o.u[j] * sigma[j];
        }
        double[] pi = new double[o.pi.length];
        for (int r = 0; r < pi.length; r++) {
            pi[r] = o.pi[r] / k;
        }
        return new Solution(u, pi, o.stop, o.detail);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }
}
