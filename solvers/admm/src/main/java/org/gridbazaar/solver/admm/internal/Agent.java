package org.gridbazaar.solver.admm.internal;

import org.gridbazaar.solver.admm.transport.RoundStart;

/**
 * A peer taking part in a negotiation. It keeps its data and state to itself: everything it learns
 * from others arrives in its {@link Mailbox} inbox, everything it tells them leaves through the
 * outbox. The only message is a proposal per link (one link per partner and commodity): the agent's
 * signed trade (kW, from its own point of view, positive sells), its bilateral price ($/kW, what
 * the buyer pays and the seller receives) and the penalty it used ($/kW^2, a step size both ends
 * need to weigh the two proposals). Between rounds the transport ({@link
 * org.gridbazaar.solver.admm.transport.Transport}), standing for the network, copies each outbox
 * entry into the partner's inbox entry of the same channel, in process or as {@link
 * org.gridbazaar.solver.admm.transport.Proposals} and {@link
 * org.gridbazaar.solver.admm.transport.Inbox} messages.
 */
public interface Agent {

    /**
     * The proposals in transit for one agent: entries {@code offset .. offset + size - 1} of the
     * network's arrays, one per link in the agent's link order. {@code in…} hold what it received
     * (the partners' last proposals, from the partners' points of view), {@code out…} what it
     * sends: trade (kW), price ($/kW) and the penalty under which the trade was made ($/kW^2). An
     * agent touches its own entries only.
     */
    final class Mailbox {
        final double[] inTrade, inPrice, inPenalty, outTrade, outPrice, outPenalty;
        final int offset, size;

        Mailbox(
                double[] inTrade,
                double[] inPrice,
                double[] inPenalty,
                double[] outTrade,
                double[] outPrice,
                double[] outPenalty,
                int offset,
                int size) {
            this.inTrade = inTrade;
            this.inPrice = inPrice;
            this.inPenalty = inPenalty;
            this.outTrade = outTrade;
            this.outPrice = outPrice;
            this.outPenalty = outPenalty;
            this.offset = offset;
            this.size = size;
        }
    }

    /** The peer index. */
    int peer();

    /** The agent's links: partner peer of each (public: whom it trades with). */
    int[] partners();

    /**
     * The channel of each link (one per unordered peer pair and commodity, shared with the
     * partner).
     */
    int[] channels();

    /** The agent's mailbox. */
    Mailbox mailbox();

    /** One local update from the inbox; writes the outbox. */
    void update(RoundStart round);

    /** Whether the agent's last local problem was infeasible. */
    boolean locallyInfeasible();

    /**
     * A lower bound on {@code min sum_l y_l t_l} over the agent's own feasible trades with volumes
     * {@code |t_l| <= volumeBound} (kW), where {@code y_l} is the reciprocity mismatch of link
     * {@code l} (own trade plus the partner's, kW), times the link's price step ($/kW^2) if {@code
     * weighted}; {@code +inf} if no such trades meet the agent's own bounds. Both ends of a link
     * use the same {@code y_l}, so for trades that satisfy reciprocity the sum over all agents is
     * {@code sum_c y_c (t_ij + t_ji) = 0}: a positive sum proves that no such trades exist. With
     * {@code volumeBound} at least the market's total capacity that proves infeasibility, since a
     * feasible market has feasible trades without cycles, none larger than that.
     */
    double mismatchSupport(boolean weighted, double volumeBound);

    /** The agent's current aggregates per own node (kW), in the order of its nodes. */
    double[] aggregates();

    /** The agent's current internal node prices (the multiplier of each aggregate, $/kW). */
    double[] nodePrices();
}
