package org.gridbazaar.solver.admm.internal;

import java.util.Arrays;

/**
 * The trades of one node of one agent as a function of the node's internal price {@code nu}.
 *
 * <p>Each trade {@code t_j} (signed, kW, positive sells) minimises
 * {@code h_j(t) + nu t} with
 * {@code h_j(t) = cPlus_j max(t,0) + cMinus_j max(-t,0) - lambda_j t + (rho/2)(t - m_j)^2}
 * on {@code [lower_j, upper_j]}, which gives a clipped affine function of {@code nu} with at most
 * two kinks. The aggregate {@code T(nu) = sum_j t_j(nu)} is therefore continuous, nonincreasing and
 * piecewise linear, so the node's aggregate problems are solved exactly by locating a root between
 * sorted breakpoints and interpolating linearly.
 */
final class TradeResponse {

    private final double[] m, lambda, cPlus, cMinus, lower, upper;
    private final double rho;
    private double[] breaks;

    TradeResponse(double[] m, double[] lambda, double[] cPlus, double[] cMinus, double[] lower, double[] upper, double rho) {
        this.m = m;
        this.lambda = lambda;
        this.cPlus = cPlus;
        this.cMinus = cMinus;
        this.lower = lower;
        this.upper = upper;
        this.rho = rho;
    }

    int size() {
        return m.length;
    }

    /** The trade {@code t_j(nu)}. */
    double trade(int j, double nu) {
        if (lower[j] == upper[j]) {
            return lower[j];
        }
        double u = m[j] + (lambda[j] - nu) / rho;
        double pos = u - cPlus[j] / rho;
        double neg = u + cMinus[j] / rho;
        double t = pos > 0 ? pos : (neg < 0 ? neg : 0.0);
        return Math.min(upper[j], Math.max(lower[j], t));
    }

    /** {@code T(nu)}. */
    double total(double nu) {
        double s = 0;
        for (int j = 0; j < m.length; j++) {
            s += trade(j, nu);
        }
        return s;
    }

    /** The trades at {@code nu}. */
    double[] trades(double nu) {
        double[] t = new double[m.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = trade(j, nu);
        }
        return t;
    }

    /** {@code sum_j h_j(t_j)}, $. */
    double tradeCost(double[] t) {
        double s = 0;
        for (int j = 0; j < t.length; j++) {
            double d = t[j] - m[j];
            s += cPlus[j] * Math.max(t[j], 0) + cMinus[j] * Math.max(-t[j], 0) - lambda[j] * t[j] + 0.5 * rho * d * d;
        }
        return s;
    }

    /** Smallest aggregate the trades can reach (may be {@code -inf}). */
    double minTotal() {
        double s = 0;
        for (double l : lower) {
            s += l;
        }
        return s;
    }

    /** Largest aggregate the trades can reach (may be {@code +inf}). */
    double maxTotal() {
        double s = 0;
        for (double u : upper) {
            s += u;
        }
        return s;
    }

    /** The sorted kinks of {@code T}. */
    double[] breakpoints() {
        if (breaks == null) {
            double[] b = new double[2 * m.length];
            int n = 0;
            for (int j = 0; j < m.length; j++) {
                if (lower[j] == upper[j]) {
                    continue;
                }
                double base = lambda[j] + rho * m[j];
                b[n++] = base - cPlus[j];
                b[n++] = base + cMinus[j];
            }
            breaks = Arrays.copyOf(b, n);
            Arrays.sort(breaks);
        }
        return breaks;
    }

    /** A price {@code nu} with {@code T(nu) = target}, or {@code NaN} if the trades cannot reach it. */
    double inverse(double target) {
        return Roots.root(nu -> total(nu) - target, breakpoints());
    }

    /**
     * Minimises {@code 0.5 a P^2 + b P + sum h_j(t_j)} subject to {@code sum t_j = P}, {@code lo <= P <= hi}.
     *
     * @return {@code {nu, P}} ({@code nu} is the node's internal price, $/kW), or {@code null} if infeasible
     */
    double[] solveAggregate(double a, double b, double lo, double hi) {
        if (m.length == 0) {
            if (lo > 0 || hi < 0) {
                return null;
            }
            double p = 0;
            return new double[] {a * p + b, p};
        }
        if (a > 0) {
            double[] tb = breakpoints();
            double[] all = Arrays.copyOf(tb, tb.length + 2);
            all[tb.length] = b + a * lo;
            all[tb.length + 1] = b + a * hi;
            Arrays.sort(all);
            double nu = Roots.root(v -> total(v) - Math.min(hi, Math.max(lo, (v - b) / a)), all);
            if (Double.isNaN(nu)) {
                return null;
            }
            return new double[] {nu, Math.min(hi, Math.max(lo, (nu - b) / a))};
        }
        double tb = total(b);
        if (tb >= lo && tb <= hi) {
            return new double[] {b, tb};
        }
        double target = tb > hi ? hi : lo;
        double nu = inverse(target);
        if (Double.isNaN(nu)) {
            return null;
        }
        return new double[] {nu, target};
    }
}
