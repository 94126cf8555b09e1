package org.gridbazaar.mechanism;

/**
 * A closed range of prices, $/kWh, {@code low <= high}, either end possibly infinite: the prices at
 * which a {@link BidCurve} takes one quantity. It is a single price except on a flat segment of the
 * curve, and it is unbounded where the curve is constant beyond its first or last breakpoint.
 *
 * @param low the lowest price, $/kWh, possibly {@code -Infinity}
 * @param high the highest price, $/kWh, possibly {@code +Infinity}
 */
public record PriceRange(double low, double high) {

    /** Checks {@code low <= high} and that neither is NaN. */
    public PriceRange {
        if (!(low <= high)) {
            throw new IllegalArgumentException(
                    "price range [" + low + ", " + high + "] $/kWh is empty or NaN");
        }
    }

    /** The single price {@code price}. */
    public static PriceRange of(double price) {
        return new PriceRange(price, price);
    }

    /** Whether the range is one price (no flat segment at this quantity). */
    public boolean isSingle() {
        return low == high;
    }

    /** Whether {@code price} lies in the range. */
    public boolean contains(double price) {
        return price >= low && price <= high;
    }
}
