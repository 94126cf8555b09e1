package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * One peer's local problem over the horizon, kept in its own arrays (variables with bounds and
 * separable costs, sparse rows with their order keys) so that it can be handed to {@link
 * SeparableQpSolver} with new costs or bounds each round, and so that a rigorous lower bound on its
 * minimum can be evaluated at any row multipliers (the Lagrangian dual function, which {@link
 * SeparableQpSolver} does not compute).
 */
final class BlockQp {

    final double[] lo, hi, q, c;
    final List<int[]> rowVars = new ArrayList<>();
    final List<double[]> rowCoefs = new ArrayList<>();
    final List<Double> rhs = new ArrayList<>();
    final List<Boolean> equality = new ArrayList<>();
    final List<Long> keys = new ArrayList<>();

    BlockQp(int variables) {
        lo = new double[variables];
        hi = new double[variables];
        q = new double[variables];
        c = new double[variables];
    }

    int rows() {
        return rhs.size();
    }

    void row(int[] vars, double[] coefs, boolean isEquality, double right, long key) {
        rowVars.add(vars);
        rowCoefs.add(coefs);
        rhs.add(right);
        equality.add(isEquality);
        keys.add(key);
    }

    /** The {@link SeparableQp} of the current costs and bounds. */
    SeparableQp build() {
        SeparableQp.Builder b = SeparableQp.builder();
        for (int j = 0; j < lo.length; j++) {
            b.variable(lo[j], hi[j], q[j], c[j]);
        }
        for (int r = 0; r < rows(); r++) {
            b.row(rowVars.get(r), rowCoefs.get(r), equality.get(r), rhs.get(r), keys.get(r));
        }
        return b.build();
    }

    /** Solves the current problem. */
    SeparableQpSolver.Outcome solve(double tol, int maxIter) {
        return new SeparableQpSolver(build())
                .solve(tol, maxIter, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
    }

    /**
     * Solves the current problem from the active set of {@code previous} (the last round's outcome,
     * with other costs) when that leads to its optimum, else by the interior point from scratch.
     */
    SeparableQpSolver.Outcome solveFrom(
            SeparableQpSolver.Outcome previous, double tol, int maxIter) {
        SeparableQp problem = build();
        if (previous != null && previous.stop == SeparableQpSolver.Stop.CONVERGED) {
            SeparableQpSolver.Outcome warm = SeparableQpSolver.solveFrom(problem, previous, tol);
            if (warm != null) {
                return warm;
            }
        }
        return new SeparableQpSolver(problem)
                .solve(tol, maxIter, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
    }

    /**
     * The Lagrangian dual function at row multipliers {@code pi} (sign convention of {@link
     * SeparableQpSolver.Outcome}: {@code cost + pi'(A u - b)}, {@code pi >= 0} for {@code <=} rows,
     * clipped so here): a lower bound on the minimum of the current problem whatever {@code pi} is
     * (weak duality), {@code -infinity} when an unbounded variable has a non-zero linear reduced
     * cost and no curvature.
     */
    double dualFunction(double[] pi) {
        double[] g = c.clone();
        double value = 0;
        for (int r = 0; r < rows(); r++) {
            double p = equality.get(r) ? pi[r] : Math.max(0, pi[r]);
            if (p == 0) {
                continue;
            }
            value -= p * rhs.get(r);
            int[] vs = rowVars.get(r);
            double[] cs = rowCoefs.get(r);
            for (int i = 0; i < vs.length; i++) {
                g[vs[i]] += p * cs[i];
            }
        }
        for (int j = 0; j < lo.length; j++) {
            double u;
            if (lo[j] == hi[j]) {
                u = lo[j];
            } else if (q[j] > 0) {
                u = Math.min(Math.max(-g[j] / q[j], lo[j]), hi[j]);
            } else if (g[j] > 0) {
                u = lo[j];
            } else if (g[j] < 0) {
                u = hi[j];
            } else {
                continue;
            }
            if (Double.isInfinite(u)) {
                return Double.NEGATIVE_INFINITY;
            }
            value += (0.5 * q[j] * u + g[j]) * u;
        }
        return value;
    }

    /**
     * The largest violation of a row at {@code u}, relative to the row's own scale (its right-hand
     * side and terms, at least 1), with bounds violations relative to the bound's magnitude (at
     * least 1).
     */
    double violation(double[] u) {
        double worst = 0;
        for (int j = 0; j < lo.length; j++) {
            double v = Math.max(lo[j] - u[j], u[j] - hi[j]);
            if (v > 0) {
                worst =
                        Math.max(
                                worst,
                                v
                                        / Math.max(
                                                1,
                                                Math.max(
                                                        Math.abs(
                                                                lo[j] == Double.NEGATIVE_INFINITY
                                                                        ? 0
                                                                        : lo[j]),
                                                        Math.abs(
                                                                hi[j] == Double.POSITIVE_INFINITY
                                                                        ? 0
                                                                        : hi[j]))));
            }
        }
        for (int r = 0; r < rows(); r++) {
            int[] vs = rowVars.get(r);
            double[] cs = rowCoefs.get(r);
            double s = 0, scale = Math.max(1, Math.abs(rhs.get(r)));
            for (int i = 0; i < vs.length; i++) {
                double term = cs[i] * u[vs[i]];
                s += term;
                scale = Math.max(scale, Math.abs(term));
            }
            double v = s - rhs.get(r);
            if (!equality.get(r)) {
                v = Math.max(0, v);
            }
            worst = Math.max(worst, Math.abs(v) / scale);
        }
        return worst;
    }

    /** {@code u} clamped into the bounds. */
    double[] clamp(double[] u) {
        double[] out = Arrays.copyOf(u, u.length);
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.min(Math.max(out[j], lo[j]), hi[j]);
        }
        return out;
    }

    /** The cost {@code sum 0.5 q u^2 + c u} at {@code u}. */
    double cost(double[] u) {
        double s = 0;
        for (int j = 0; j < lo.length; j++) {
            s += (0.5 * q[j] * u[j] + c[j]) * u[j];
        }
        return s;
    }
}
