package org.gridbazaar.result;

import java.util.Objects;
import org.gridbazaar.model.PeerId;

/**
 * A peer's set-point.
 *
 * @param id the peer
 * @param power net power injection, kW (positive sells)
 * @param heat net heat injection, kW thermal, or {@code NaN} when the peer has no heat side
 * @param price marginal power cost {@code a*P + b} at the set-point, $/kW
 * @param heatPrice marginal heat cost at the set-point, $/kW thermal, or {@code NaN}
 * @param cost the peer's own cost {@code C_i(P_i) (+ C_i^h(H_i))} in $, without penalties and
 *     preferences
 */
public record PeerOutcome(
        PeerId id, double power, double heat, double price, double heatPrice, double cost) {

    public PeerOutcome {
        Objects.requireNonNull(id, "id");
    }

    /** Whether the peer has a heat side. */
    public boolean hasHeat() {
        return !Double.isNaN(heat);
    }
}
