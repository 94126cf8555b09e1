package org.gridbazaar.result;

import java.util.Objects;
import org.gridbazaar.model.PeerId;

/**
 * A bilateral trade, seller to buyer. {@code P_seller,buyer = quantity} and {@code P_buyer,seller =
 * -quantity}.
 *
 * @param seller the peer that injects
 * @param buyer the peer that withdraws
 * @param quantity traded energy, kW (or kW thermal for heat trades), {@code > 0}
 * @param price clearing price of the trade, $/kW; see the package documentation. When the market
 *     enforced line limits it is what the seller receives
 * @param congestionCharge with line limits enforced: what the buyer pays per kW on top of {@code
 *     price} for the lines the trade loads, {@code sum_l shadow_l * dF_l} ($/kW, {@code dF_l} the
 *     change of line {@code l}'s flow per kW traded; 0 when it crosses no binding line, negative
 *     when it relieves one); {@code NaN} when not known (line limits not enforced, heat trades)
 */
public record Trade(
        PeerId seller, PeerId buyer, double quantity, double price, double congestionCharge) {

    public Trade {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
    }

    /** A trade without a congestion charge ({@code congestionCharge} is {@code NaN}). */
    public Trade(PeerId seller, PeerId buyer, double quantity, double price) {
        this(seller, buyer, quantity, price, Double.NaN);
    }

    /** Whether the congestion charge is known (line limits were enforced). */
    public boolean hasCongestionCharge() {
        return !Double.isNaN(congestionCharge);
    }
}
