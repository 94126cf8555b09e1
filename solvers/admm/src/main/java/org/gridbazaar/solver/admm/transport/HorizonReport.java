package org.gridbazaar.solver.admm.transport;

/**
 * What a peer of a market over time reports at the end: the multipliers of its balance rows (its
 * node prices) and of its own rows in its last round.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round the round after which the values hold
 * @param peer the reporting peer
 * @param nodePrices per own node (order of {@link HorizonSpec#nodes()}), $/kW, the node's price
 *     {@code y = -pi} of its balance row
 * @param sideDuals per own row (order of {@link HorizonSpec#sideRows()}), its multiplier ({@code >=
 *     0} for a {@code <=} row)
 */
public record HorizonReport(
        int version, int round, int peer, double[] nodePrices, double[] sideDuals)
        implements NegotiationMessage {

    /** Checks the version. */
    public HorizonReport {
        NegotiationMessage.requireVersion(version, "horizon report");
        if (peer < 0) {
            throw new IllegalArgumentException("horizon report: peer must be >= 0, got " + peer);
        }
    }
}
