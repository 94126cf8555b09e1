package org.gridbazaar.architecture.internal;

/**
 * A member's answer to a price, or a sum of answers: the least and the largest optimal power (kW;
 * equal unless the cost is linear at that price), the slope {@code dp/dlambda} (kW per $/kWh), and
 * the nearest prices below and above where the answer changes regime (a bound or the margin's kink
 * is reached; $/kWh, infinite when none): between them the answer is linear in the price. Five
 * numbers on the wire.
 *
 * @param lo least optimal power, kW
 * @param hi largest optimal power, kW
 * @param slope kW per $/kWh
 * @param below the nearest breakpoint price below, $/kWh
 * @param above the nearest breakpoint price above, $/kWh
 */
public record Answer(double lo, double hi, double slope, double below, double above) {

    /** Numbers an answer carries: {@value}. */
    public static final int NUMBERS = 5;

    /** The sum of nothing. */
    public static final Answer ZERO =
            new Answer(0, 0, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /**
     * The sum of this answer and {@code o}: powers and slopes add, the nearest breakpoints are the
     * nearest of either.
     */
    public Answer plus(Answer o) {
        return new Answer(
                lo + o.lo,
                hi + o.hi,
                slope + o.slope,
                Math.max(below, o.below),
                Math.min(above, o.above));
    }
}
