package org.gridbazaar.model;

import java.util.Objects;

/**
 * One energy side of a peer (power or heat): the bounds of its net injection and its cost.
 *
 * <p>Net injection is positive when the peer sells and negative when it buys (kW, or kW thermal).
 * {@code min == max} fixes the injection (a fixed demand, for example). The checks that involve the
 * peer's role ({@code min <= max}, signs) are made by {@link Market.Builder#build()} so that every
 * violation is reported at once.
 *
 * @param min lower bound of the net injection, kW
 * @param max upper bound of the net injection, kW
 * @param cost cost of the net injection
 */
public record Injection(double min, double max, QuadraticCost cost) {

    public Injection {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(
                    "injection bounds must be finite, got min " + min + ", max " + max);
        }
        Objects.requireNonNull(cost, "cost");
    }

    /** Bounds {@code [min, max]} kW with cost {@code 0.5*a*x^2 + b*x + c}. */
    public static Injection of(double min, double max, QuadraticCost cost) {
        return new Injection(min, max, cost);
    }

    /** Whether {@code min == max}. */
    public boolean isFixed() {
        return min == max;
    }
}
