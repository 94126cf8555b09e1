package org.gridbazaar.solver.admm.transport;

/**
 * The platform's request to a peer of a market over time when it checks a certificate: the peer's
 * set-points in a candidate point (the net of the consensus trades at its nodes) and the prices of
 * its arcs. The peer answers with a {@link HorizonCheckResult}, computed from its own data.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round the round after which the candidate was taken
 * @param peer the asked peer
 * @param setPoints per own node (order of {@link HorizonSpec#nodes()}), kW, positive: injection
 * @param arcs the market's index of each arc, in the order of {@link HorizonSpec#arcs()}
 * @param prices per arc, $/kW, what the buyer pays and the seller receives
 */
public record HorizonCheck(
        int version, int round, int peer, double[] setPoints, int[] arcs, double[] prices)
        implements NegotiationMessage {

    /** Checks the version and that there is one price per arc. */
    public HorizonCheck {
        NegotiationMessage.requireVersion(version, "horizon check");
        HorizonCopies.sameLength("horizon check", peer, arcs, prices);
    }
}
