package org.gridbazaar.result;

/**
 * The flow on a line implied by the peers' net injections.
 *
 * @param lineId the line
 * @param flowKw active power flow, kW, positive from the line's {@code from} bus to its {@code to}
 *     bus
 * @param loadingPercent {@code 100*|flow|/capacity}, or {@code NaN} for a line without capacity
 * @param shadowPrice when the line's capacity is a hard constraint of the market: its shadow price
 *     in $/kW, the multiplier of the capacity limit, positive when the limit binds in the {@code
 *     from -> to} direction, negative when it binds in the other, 0 when it does not bind (one more
 *     kW of capacity lowers the total cost by {@code |shadowPrice|}); {@code NaN} when capacities
 *     are not hard constraints or the line has none
 */
public record LineFlow(String lineId, double flowKw, double loadingPercent, double shadowPrice) {

    /** A flow without a shadow price (capacities not enforced as constraints). */
    public LineFlow(String lineId, double flowKw, double loadingPercent) {
        this(lineId, flowKw, loadingPercent, Double.NaN);
    }

    /** Whether the market enforced this line's capacity as a hard constraint. */
    public boolean hasShadowPrice() {
        return !Double.isNaN(shadowPrice);
    }
}
