package org.gridbazaar.result;

import java.util.Objects;
import org.gridbazaar.model.PeerId;

/**
 * A bilateral trade, seller to buyer. {@code P_seller,buyer = quantity} and
 * {@code P_buyer,seller = -quantity}.
 *
 * @param seller   the peer that injects
 * @param buyer    the peer that withdraws
 * @param quantity traded energy, kW (or kW thermal for heat trades), {@code > 0}
 * @param price    clearing price of the trade, $/kW; see the package documentation
 */
public record Trade(PeerId seller, PeerId buyer, double quantity, double price) {

    public Trade {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
    }
}
