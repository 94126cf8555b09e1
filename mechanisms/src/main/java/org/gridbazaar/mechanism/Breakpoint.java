package org.gridbazaar.mechanism;

/**
 * One corner of a {@link BidCurve}: at {@code price} ($/kWh) the curve's quantity is {@code
 * quantityKw} (kW; on a demand curve positive is net demand, on a supply curve positive is supply
 * offered). Two breakpoints at one price are a step of the curve.
 *
 * @param price price, $/kWh, finite
 * @param quantityKw quantity, kW, finite
 */
public record Breakpoint(double price, double quantityKw) {

    /** Checks that both coordinates are finite. */
    public Breakpoint {
        if (!Double.isFinite(price) || !Double.isFinite(quantityKw)) {
            throw new IllegalArgumentException(
                    "breakpoint ("
                            + price
                            + " $/kWh, "
                            + quantityKw
                            + " kW) is not finite; Maybe a price cap was given as infinity: use the cap's value");
        }
    }

    /** The breakpoint {@code (price, quantityKw)}. */
    public static Breakpoint of(double price, double quantityKw) {
        return new Breakpoint(price, quantityKw);
    }
}
