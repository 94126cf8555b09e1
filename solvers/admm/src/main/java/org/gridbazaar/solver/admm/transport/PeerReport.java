package org.gridbazaar.solver.admm.transport;

/**
 * What a peer reports about itself when the platform checks a certificate or returns the outcome:
 * its aggregates and internal node prices, in the order of its own nodes (power first).
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round the round after which the values hold
 * @param peer the reporting peer
 * @param aggregates per own node, the sum of its trades, kW (positive: net injection, a sale)
 * @param nodePrices per own node, the multiplier of its aggregate, $/kW
 * @param infeasible whether the peer's last local problem had no solution
 */
public record PeerReport(
        int version,
        int round,
        int peer,
        double[] aggregates,
        double[] nodePrices,
        boolean infeasible)
        implements NegotiationMessage {

    /** Checks the version and the array lengths. */
    public PeerReport {
        NegotiationMessage.requireVersion(version, "peer report");
        if (aggregates.length != nodePrices.length) {
            throw new IllegalArgumentException(
                    "peer report of peer "
                            + peer
                            + ": "
                            + aggregates.length
                            + " aggregates but "
                            + nodePrices.length
                            + " node prices");
        }
    }
}
