package org.gridbazaar.mechanism;

/**
 * A closed range of quantities, kW, {@code lowKw <= highKw}: what a {@link BidCurve} takes at one
 * price. It is a single quantity except at the price of a step of the curve, where it is the step's
 * whole vertical segment.
 *
 * @param lowKw the smallest quantity, kW
 * @param highKw the largest quantity, kW
 */
public record QuantityRange(double lowKw, double highKw) {

    /** Checks {@code lowKw <= highKw} and that neither is NaN. */
    public QuantityRange {
        if (!(lowKw <= highKw)) {
            throw new IllegalArgumentException(
                    "quantity range [" + lowKw + ", " + highKw + "] kW is empty or NaN");
        }
    }

    /** The single quantity {@code kw}. */
    public static QuantityRange of(double kw) {
        return new QuantityRange(kw, kw);
    }

    /** Whether the range is one quantity (no step at this price). */
    public boolean isSingle() {
        return lowKw == highKw;
    }

    /** {@code (lowKw + highKw) / 2}, kW. */
    public double midKw() {
        return lowKw == highKw ? lowKw : 0.5 * lowKw + 0.5 * highKw;
    }

    /** Whether {@code kw} lies in the range widened by {@code toleranceKw} on both sides. */
    public boolean contains(double kw, double toleranceKw) {
        return kw >= lowKw - toleranceKw && kw <= highKw + toleranceKw;
    }

    /** {@code highKw - lowKw}, kW. */
    public double widthKw() {
        return highKw - lowKw;
    }
}
