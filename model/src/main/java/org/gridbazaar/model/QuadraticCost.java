package org.gridbazaar.model;

/**
 * A peer's cost {@code C(x) = 0.5*a*x^2 + b*x + c} in $ for an injection {@code x} in kW (or kW
 * thermal for heat).
 *
 * <p>For a consumer {@code x < 0}, so {@code b*x} is minus its willingness to pay and the marginal
 * cost {@code a*x + b} is its marginal willingness to pay. Convexity needs {@code a >= 0}; {@link
 * Market.Builder#build()} rejects a negative {@code a} with the peer named, and any coefficient
 * above {@link Market#MAX_COST_COEFFICIENT} ({@code 1e12}) in magnitude: with bounds of at most
 * {@link Market#MAX_BOUND_KW} kW no cost, marginal cost or objective can then overflow. This record
 * itself only requires finite values.
 *
 * @param a quadratic coefficient in $/kW^2 (note the factor 0.5 in the cost)
 * @param b linear coefficient in $/kW
 * @param c constant in $
 */
public record QuadraticCost(double a, double b, double c) {

    public QuadraticCost {
        requireFinite("a", a);
        requireFinite("b", b);
        requireFinite("c", c);
    }

    /** {@code 0.5*a*x^2 + b*x + c}; see the class documentation for units. */
    public static QuadraticCost of(double a, double b, double c) {
        return new QuadraticCost(a, b, c);
    }

    /** A purely linear cost {@code b*x}. */
    public static QuadraticCost linear(double b) {
        return new QuadraticCost(0, b, 0);
    }

    /** The cost in $ at injection {@code x} kW. */
    public double value(double x) {
        return 0.5 * a * x * x + b * x + c;
    }

    /** The marginal cost {@code a*x + b} in $/kW at injection {@code x} kW. */
    public double marginal(double x) {
        return a * x + b;
    }

    static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(
                    "cost coefficient " + name + " must be finite, got " + v);
        }
    }
}
