package org.gridbazaar.solver.admm.internal;

import java.util.Arrays;

/**
 * The trades of one node of one agent as a function of the node's internal price {@code nu}.
 *
 * <p>Each trade {@code t_j} (signed, kW, positive sells) minimises {@code h_j(t) + nu t} with
 * {@code h_j(t) = c+_j max(t,0) + c-_j max(-t,0) - lambda_j t + (rho/2)(t - m_j)^2} over the
 * directions its link allows: selling only ({@code t >= 0}), buying only ({@code t <= 0}), both, or
 * a frozen value. With {@code u = m_j + (lambda_j - nu)/rho} the minimiser is
 *
 * <pre>
 *   sell only: t = max(0, u - c+/rho)        buy only: t = min(0, u + c-/rho)
 *   both:      t = u - c+/rho if that is &gt; 0, u + c-/rho if that is &lt; 0, else 0   (needs c+ + c- &gt;= 0)
 * </pre>
 *
 * a continuous, nonincreasing, piecewise-linear function of {@code nu} with at most two kinks (a
 * per-kW term of either sign is fine on a one-direction link; on a two-direction link a negative
 * sum would make {@code h_j} non-convex, which {@code Negotiation.supports} refuses). Each link has
 * its own penalty {@code rho_j}. The aggregate {@code T(nu) = sum_j t_j(nu)} is therefore
 * continuous, nonincreasing and piecewise linear, and the node's aggregate problems reduce to a
 * root of a monotone piecewise-linear function: found by a warm-started, bracketed Newton iteration
 * on the linear pieces (a few evaluations of cost {@code O(links)} per round once prices settle),
 * with the exact sorted-breakpoint search as the fallback. One instance per node is reused round
 * after round; {@link #set} loads a round's data.
 */
final class TradeResponse {

    /** Link kinds. */
    static final int FROZEN = 0, SELL = 1, BUY = 2, BOTH = 3;

    private static final int NEWTON_LIMIT = 100;

    private final int n;
    private final int[] kind;
    private final double[] cPlus, cMinus;
    private final double[] m, lambda, fixed, rho;
    private double lastNu = Double.NaN;

    /**
     * A response over {@code kind.length} links with fixed link kinds and own per-kW terms ({@code
     * $/kW}: {@code cPlus} when selling, {@code cMinus} when buying).
     */
    TradeResponse(int[] kind, double[] cPlus, double[] cMinus) {
        this.n = kind.length;
        this.kind = kind.clone();
        this.cPlus = cPlus.clone();
        this.cMinus = cMinus.clone();
        this.m = new double[n];
        this.lambda = new double[n];
        this.fixed = new double[n];
        this.rho = new double[n];
    }

    /** A response with the round's data already loaded (for tests). */
    static TradeResponse of(
            int[] kind,
            double[] cPlus,
            double[] cMinus,
            double[] center,
            double[] price,
            double rho) {
        TradeResponse r = new TradeResponse(kind, cPlus, cMinus);
        for (int j = 0; j < kind.length; j++) {
            r.set(j, center[j], price[j], rho, Double.NaN);
        }
        return r;
    }

    int size() {
        return n;
    }

    /**
     * Loads link {@code j}'s proximal centre {@code m} (kW), price {@code lambda} ($/kW), penalty
     * {@code rho} ($/kW^2, {@code > 0}) and, if frozen, its value.
     */
    void set(int j, double center, double price, double penalty, double frozenValue) {
        m[j] = center;
        lambda[j] = price;
        rho[j] = penalty;
        fixed[j] = frozenValue;
    }

    /** Freezes link {@code j} at {@code value} kW from now on. */
    void freeze(int j, double value) {
        kind[j] = FROZEN;
        fixed[j] = value;
    }

    /** The trade {@code t_j(nu)}. */
    double trade(int j, double nu) {
        double r = rho[j];
        double u = m[j] + (lambda[j] - nu) / r;
        switch (kind[j]) {
            case SELL:
                return Math.max(0, u - cPlus[j] / r);
            case BUY:
                return Math.min(0, u + cMinus[j] / r);
            case BOTH:
                {
                    double pos = u - cPlus[j] / r;
                    if (pos > 0) {
                        return pos;
                    }
                    double neg = u + cMinus[j] / r;
                    return neg < 0 ? neg : 0.0;
                }
            default:
                return fixed[j];
        }
    }

    /** {@code T(nu)}. */
    double total(double nu) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += trade(j, nu);
        }
        return s;
    }

    /** The trades at {@code nu}, written into {@code out}. */
    void trades(double nu, double[] out) {
        for (int j = 0; j < n; j++) {
            out[j] = trade(j, nu);
        }
    }

    /** The trades at {@code nu}. */
    double[] trades(double nu) {
        double[] t = new double[n];
        trades(nu, t);
        return t;
    }

    /** {@code sum_j h_j(t_j)}, $. */
    double tradeCost(double[] t) {
        double s = 0;
        for (int j = 0; j < t.length; j++) {
            double d = t[j] - m[j];
            s +=
                    cPlus[j] * Math.max(t[j], 0)
                            + cMinus[j] * Math.max(-t[j], 0)
                            - lambda[j] * t[j]
                            + 0.5 * rho[j] * d * d;
        }
        return s;
    }

    /** Smallest aggregate the trades can reach (may be {@code -inf}). */
    double minTotal() {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += kind[j] == FROZEN ? fixed[j] : kind[j] == SELL ? 0 : Double.NEGATIVE_INFINITY;
        }
        return s;
    }

    /** Largest aggregate the trades can reach (may be {@code +inf}). */
    double maxTotal() {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += kind[j] == FROZEN ? fixed[j] : kind[j] == BUY ? 0 : Double.POSITIVE_INFINITY;
        }
        return s;
    }

    /** The sorted kinks of {@code T}. */
    private double[] breakpoints() {
        double[] b = new double[2 * n];
        int c = 0;
        for (int j = 0; j < n; j++) {
            double base = lambda[j] + rho[j] * m[j];
            switch (kind[j]) {
                case SELL -> b[c++] = base - cPlus[j];
                case BUY -> b[c++] = base + cMinus[j];
                case BOTH -> {
                    b[c++] = base - cPlus[j];
                    b[c++] = base + cMinus[j];
                }
                default -> {}
            }
        }
        double[] out = Arrays.copyOf(b, c);
        Arrays.sort(out);
        return out;
    }

    /**
     * A price {@code nu} with {@code T(nu) = target}, or {@code NaN} if the trades cannot reach it.
     */
    double inverse(double target) {
        if (target < minTotal() || target > maxTotal()) {
            return Double.NaN;
        }
        return root(0, 0, target, target, Math.abs(target));
    }

    /**
     * Minimises {@code 0.5 a P^2 + b P + sum h_j(t_j)} subject to {@code sum t_j = P}, {@code lo <=
     * P <= hi}.
     *
     * @return {@code {nu, P}} ({@code nu} is the node's internal price, $/kW), or {@code null} if
     *     infeasible
     */
    double[] solveAggregate(double a, double b, double lo, double hi) {
        return solveAggregate(a, b, lo, hi, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #solveAggregate(double, double, double, double)}, with the root search's tolerance
     * scaled by at most {@code reach} (kW): the largest aggregate the node can take in any feasible
     * market, so that one huge but slack bound does not loosen it.
     */
    double[] solveAggregate(double a, double b, double lo, double hi, double reach) {
        double minT = minTotal(), maxT = maxTotal();
        if (Math.max(lo, minT) > Math.min(hi, maxT)) {
            return null;
        }
        if (n == 0) {
            return new double[] {b, 0};
        }
        double scale =
                Math.min(
                        reach,
                        Math.max(
                                Math.abs(lo) == Double.POSITIVE_INFINITY ? 0 : Math.abs(lo),
                                Math.abs(hi) == Double.POSITIVE_INFINITY ? 0 : Math.abs(hi)));
        if (a > 0) {
            double nu = root(a, b, lo, hi, scale);
            if (Double.isNaN(nu)) {
                return null;
            }
            return new double[] {nu, Math.min(hi, Math.max(lo, (nu - b) / a))};
        }
        double tb = total(b);
        if (tb >= lo && tb <= hi) {
            lastNu = b;
            return new double[] {b, tb};
        }
        double target = tb > hi ? hi : lo;
        double nu = root(0, 0, target, target, scale);
        if (Double.isNaN(nu)) {
            return null;
        }
        return new double[] {nu, target};
    }

    /**
     * The root of {@code phi(nu) = T(nu) - X(nu)}, {@code X(nu) = clip((nu - b)/a, lo, hi)} for
     * {@code a > 0} and the constant {@code lo (= hi)} for {@code a = 0}; {@code phi} is
     * continuous, nonincreasing and piecewise linear. Bracketed Newton from the last root, exact
     * breakpoint search if that does not settle.
     */
    private double root(double a, double b, double lo, double hi, double scale) {
        double tol = 1e-12 * (1 + scale + absCenters());
        double left = Double.NEGATIVE_INFINITY, right = Double.POSITIVE_INFINITY;
        double nu = Double.isNaN(lastNu) ? guess() : lastNu;
        double step = 1;
        for (int j = 0; j < n; j++) {
            step = Math.max(step, rho[j] * (1 + scale));
        }
        for (int it = 0; it < NEWTON_LIMIT; it++) {
            double t = 0, slope = 0;
            for (int j = 0; j < n; j++) {
                double r = rho[j];
                double u = m[j] + (lambda[j] - nu) / r;
                switch (kind[j]) {
                    case SELL -> {
                        double v = u - cPlus[j] / r;
                        if (v > 0) {
                            t += v;
                            slope -= 1 / r;
                        }
                    }
                    case BUY -> {
                        double v = u + cMinus[j] / r;
                        if (v <= 0) {
                            t += v;
                            slope -= 1 / r;
                        }
                    }
                    case BOTH -> {
                        double pos = u - cPlus[j] / r, neg = u + cMinus[j] / r;
                        if (pos > 0) {
                            t += pos;
                            slope -= 1 / r;
                        } else if (neg <= 0) {
                            t += neg;
                            slope -= 1 / r;
                        }
                    }
                    default -> t += fixed[j];
                }
            }
            double x;
            if (a > 0) {
                double free = (nu - b) / a;
                x = Math.min(hi, Math.max(lo, free));
                if (free >= lo && free < hi) {
                    slope -= 1 / a;
                }
            } else {
                x = lo;
            }
            double phi = t - x;
            if (Math.abs(phi) <= tol) {
                lastNu = nu;
                return nu;
            }
            if (phi > 0) {
                left = nu;
            } else {
                right = nu;
            }
            double next = slope < 0 ? nu - phi / slope : Double.NaN;
            if (!(next > left && next < right)) {
                if (Double.isInfinite(left)) {
                    next = right - step;
                    step *= 4;
                } else if (Double.isInfinite(right)) {
                    next = left + step;
                    step *= 4;
                } else {
                    next = 0.5 * (left + right);
                }
            }
            if (next == nu) {
                break;
            }
            nu = next;
        }
        double exact = exactRoot(a, b, lo, hi);
        if (!Double.isNaN(exact)) {
            lastNu = exact;
        }
        return exact;
    }

    private double absCenters() {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.abs(kind[j] == FROZEN ? fixed[j] : m[j]);
        }
        return s;
    }

    /** A first guess: the mean kink. */
    private double guess() {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += lambda[j] + rho[j] * m[j];
        }
        return n == 0 ? 0 : s / n;
    }

    private double exactRoot(double a, double b, double lo, double hi) {
        double[] kinks = breakpoints();
        double[] all;
        if (a > 0) {
            all = Arrays.copyOf(kinks, kinks.length + 2);
            all[kinks.length] = b + a * lo;
            all[kinks.length + 1] = b + a * hi;
            Arrays.sort(all);
        } else {
            all = kinks;
        }
        return Roots.root(
                v -> total(v) - (a > 0 ? Math.min(hi, Math.max(lo, (v - b) / a)) : lo), all);
    }
}
