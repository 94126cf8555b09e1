package org.gridbazaar.solver.admm.transport;

/**
 * One peer's proposals on each of its links after a round (or, for round 0, its opening proposals):
 * from the peer's own point of view. Link {@code l} is the trade with peer {@code partners[l]} in
 * commodity {@code commodities[l]} (0 power, 1 heat).
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round the round after which these values were proposed (0: opening values)
 * @param peer the proposing peer (index in the market)
 * @param partners the partner peer of each link
 * @param commodities the commodity of each link
 * @param trades the trade of each link, kW, positive when the proposing end sells
 * @param prices the bilateral price of each link, $/kW, what the buyer pays and the seller receives
 * @param penalties the penalty the proposing end used on each link, $/kW^2
 */
public record Proposals(
        int version,
        int round,
        int peer,
        int[] partners,
        int[] commodities,
        double[] trades,
        double[] prices,
        double[] penalties)
        implements NegotiationMessage {

    /** Checks the version and that every array has one entry per link. */
    public Proposals {
        NegotiationMessage.requireVersion(version, "proposals");
        Links.check("proposals", peer, partners, commodities, trades, prices, penalties);
    }

    /** The number of links. */
    public int size() {
        return partners.length;
    }
}
