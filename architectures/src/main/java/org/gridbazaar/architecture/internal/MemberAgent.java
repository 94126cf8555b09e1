package org.gridbazaar.architecture.internal;

import org.gridbazaar.architecture.coordination.MemberSpec;

/**
 * A member: it keeps its bounds, its cost and its coordinator's margin to itself, answers each
 * price with its own optimum, and takes its set-point from the last message.
 *
 * <p>Its problem at price {@code lambda} ($/kWh) with margin {@code mu} ($/kWh): {@code min 0.5 a
 * p^2 + b p - lambda p + mu |p|} over {@code [l, u]} kW: a convex piecewise quadratic, solved in
 * closed form.
 */
public final class MemberAgent {

    private final String id;
    private final double lower, upper, quadratic, linear, margin;
    private double setPoint = Double.NaN;

    /** The member of {@code spec}: its bounds (kW), cost and coordinator's margin ($/kWh). */
    public MemberAgent(MemberSpec spec) {
        this.id = spec.member();
        this.lower = spec.lower();
        this.upper = spec.upper();
        this.quadratic = spec.quadratic();
        this.linear = spec.linear();
        this.margin = spec.margin();
    }

    /** Its peer id (public: its coordinator addresses it by it). */
    public String id() {
        return id;
    }

    /**
     * Its answer to price {@code lambda}: its optimal powers and slope there, and its breakpoints
     * nearest to it.
     */
    public Answer answer(double lambda) {
        Answer a = optimum(lambda);
        double l = lower, u = upper, ac = quadratic, b = linear;
        double below = Double.NEGATIVE_INFINITY, above = Double.POSITIVE_INFINITY;
        // where the optimum meets a bound or the kink at 0 of the margin term: a p + b -/+ mu at
        // those powers
        double[] breaks = {
            ac * l + b - margin,
            ac * Math.min(u, 0) + b - margin,
            ac * Math.max(l, 0) + b + margin,
            ac * u + b + margin
        };
        for (double x : breaks) {
            if (x < lambda) {
                below = Math.max(below, x);
            } else if (x > lambda) {
                above = Math.min(above, x);
            }
        }
        return new Answer(a.lo(), a.hi(), a.slope(), below, above);
    }

    private Answer optimum(double lambda) {
        double l = lower, u = upper, a = quadratic, b = linear, mu = margin;
        if (a > 0) {
            double best = Double.NaN, bestValue = Double.POSITIVE_INFINITY, slope = 0;
            double[][] pieces = {
                {Math.max(l, 0), u, (lambda - mu - b) / a},
                {l, Math.min(u, 0), (lambda + mu - b) / a}
            };
            for (double[] c : pieces) {
                if (c[0] <= c[1]) {
                    double x = Math.max(c[0], Math.min(c[1], c[2]));
                    double v = 0.5 * a * x * x + b * x - lambda * x + mu * Math.abs(x);
                    if (v < bestValue) {
                        bestValue = v;
                        best = x;
                        slope = c[2] > c[0] && c[2] < c[1] ? 1 / a : 0;
                    }
                }
            }
            return new Answer(best, best, slope, 0, 0);
        }
        double up = b - lambda + mu,
                down = b - lambda - mu; // slopes of its objective for p > 0 and p < 0
        // a price sent as one of its breakpoints (b + mu, b - mu) comes back with rounding: within
        // that, it is the breakpoint
        double eps = 1e-12 * Math.max(1, Math.abs(b) + Math.abs(lambda) + mu);
        up = Math.abs(up) <= eps ? 0 : up;
        down = Math.abs(down) <= eps ? 0 : down;
        double zero = Math.max(l, Math.min(u, 0));
        if (down > 0) {
            return new Answer(l, l, 0, 0, 0);
        } else if (up < 0) {
            return new Answer(u, u, 0, 0, 0);
        } else if (down < 0 && up > 0) {
            return new Answer(zero, zero, 0, 0, 0);
        } else if (down == 0 && up == 0) {
            return new Answer(l, u, 0, 0, 0);
        } else if (down == 0) {
            return new Answer(l, zero, 0, 0, 0);
        }
        return new Answer(zero, u, 0, 0, 0);
    }

    /**
     * Takes its set-point: its answer at {@code lambda}, the share {@code theta} of its range of
     * optima (0 at a unique optimum).
     */
    public double settle(double lambda, double theta) {
        Answer a = answer(lambda);
        setPoint = a.lo() + theta * (a.hi() - a.lo());
        return setPoint;
    }

    /** Its set-point, kW ({@code NaN} before the last message). */
    public double setPoint() {
        return setPoint;
    }
}
