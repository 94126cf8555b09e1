package org.gridbazaar.solver.admm.transport;

/**
 * What a peer of a market over time receives for one round: per arc it is an end of (one trade
 * direction in one period, keyed by the market's arc index), the trade's price, its consensus value
 * and the penalty. Everything here is the same for both ends of the arc.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round 1-based round number
 * @param peer the receiving peer
 * @param arcs the market's index of each arc, in the order of the peer's {@link HorizonSpec#arcs()}
 * @param prices per arc, $/kW, what the buyer pays and the seller receives
 * @param consensus per arc, the average of the two ends' last copies, kW
 * @param penalties per arc, the penalty on a copy's distance to the consensus, $/kW^2
 */
public record HorizonPrices(
        int version,
        int round,
        int peer,
        int[] arcs,
        double[] prices,
        double[] consensus,
        double[] penalties)
        implements NegotiationMessage {

    /** Checks the version, the round and that every array has one entry per arc. */
    public HorizonPrices {
        NegotiationMessage.requireVersion(version, "horizon prices");
        if (round < 1) {
            throw new IllegalArgumentException("horizon prices: round must be >= 1, got " + round);
        }
        HorizonCopies.sameLength("horizon prices", peer, arcs, prices, consensus, penalties);
    }
}
