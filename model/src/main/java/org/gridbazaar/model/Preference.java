package org.gridbazaar.model;

import java.util.Objects;

/**
 * Product differentiation (Sorin, Bobo and Pinson, IEEE Trans. Power Syst. 34(2), 2019): {@code
 * peer} pays {@code cost * |P_ij|} $ on its power trades with {@code partner}. One-sided; a
 * negative cost expresses a preference for the partner (a discount).
 *
 * @param peer the peer that pays
 * @param partner the trading partner the term applies to
 * @param cost $/kW on the absolute traded power
 */
public record Preference(PeerId peer, PeerId partner, double cost) {

    public Preference {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(partner, "partner");
        if (!Double.isFinite(cost)) {
            throw new IllegalArgumentException(
                    "preference cost of peer "
                            + peer
                            + " for "
                            + partner
                            + " must be finite, got "
                            + cost);
        }
    }
}
