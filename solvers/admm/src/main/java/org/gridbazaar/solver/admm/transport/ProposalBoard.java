package org.gridbazaar.solver.admm.transport;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proposals in transit for a set of peers, in flat arrays with one entry per link end: for each
 * hosted peer, entries {@code offset(i) .. offset(i) + links(i) - 1} in the order of its links.
 * {@code out…} hold what each peer proposed last (trade kW, price $/kW, penalty $/kW^2, from its
 * own point of view), {@code in…} what was delivered to it. A <em>routed</em> board holds every
 * peer of a market and knows, for each entry, the entry at the other end of the same channel:
 * {@link #deliverTo(int)} copies the other ends' proposals into a peer's inbox, which is the whole
 * network of the in-process transport and the platform's view in a remote one. A board of some
 * peers only (the agents one node hosts) converts between its entries and {@link Proposals}/{@link
 * Inbox} messages.
 *
 * <p>The arrays are live and shared, for speed: agents write their own entries; everything else
 * reads them. Not thread-safe beyond that (each entry has one writer per phase of a round).
 */
public final class ProposalBoard {

    private final int[] peers, offset, partner, commodity, otherEnd;
    private final Map<Integer, Integer> localIndex;
    private final double[] inTrade, inPrice, inPenalty, outTrade, outPrice, outPenalty;

    private ProposalBoard(List<AgentSpec> specs, boolean routed) {
        int n = specs.size();
        peers = new int[n];
        offset = new int[n + 1];
        localIndex = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            AgentSpec s = specs.get(i);
            peers[i] = s.peer();
            offset[i + 1] = offset[i] + s.links();
            if (localIndex.put(s.peer(), i) != null) {
                throw new IllegalArgumentException(
                        "peer " + s.peer() + " appears twice among the hosted agents");
            }
            if (routed && s.peer() != i) {
                throw new IllegalArgumentException(
                        "a routed board needs agents 0..n-1 in order; position "
                                + i
                                + " holds peer "
                                + s.peer());
            }
        }
        int total = offset[n];
        partner = new int[total];
        commodity = new int[total];
        inTrade = new double[total];
        inPrice = new double[total];
        inPenalty = new double[total];
        outTrade = new double[total];
        outPrice = new double[total];
        outPenalty = new double[total];
        for (int i = 0; i < n; i++) {
            AgentSpec s = specs.get(i);
            System.arraycopy(s.partners(), 0, partner, offset[i], s.links());
            System.arraycopy(s.commodities(), 0, commodity, offset[i], s.links());
        }
        if (!routed) {
            otherEnd = null;
            return;
        }
        otherEnd = new int[total];
        Map<Integer, Integer> open = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int[] ch = specs.get(i).channels();
            for (int l = 0; l < ch.length; l++) {
                int slot = offset[i] + l;
                Integer other = open.remove(ch[l]);
                if (other == null) {
                    open.put(ch[l], slot);
                } else {
                    otherEnd[slot] = other;
                    otherEnd[other] = slot;
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("channels with one end only: " + open.keySet());
        }
    }

    /**
     * A routed board for all peers of a market: {@code specs.get(i).peer() == i}, every channel
     * with two ends.
     */
    public static ProposalBoard routed(List<AgentSpec> specs) {
        return new ProposalBoard(specs, true);
    }

    /** A board for the given peers only (no routing), for a host of some agents. */
    public static ProposalBoard local(List<AgentSpec> specs) {
        return new ProposalBoard(specs, false);
    }

    /** Number of hosted peers. */
    public int peerCount() {
        return peers.length;
    }

    /** The peer at local position {@code i}. */
    public int peerAt(int i) {
        return peers[i];
    }

    /** The local position of {@code peer}, or -1 when this board does not hold it. */
    public int indexOf(int peer) {
        Integer i = localIndex.get(peer);
        return i == null ? -1 : i;
    }

    /** The first entry of the peer at local position {@code i}. */
    public int offset(int i) {
        return offset[i];
    }

    /** The number of links of the peer at local position {@code i}. */
    public int links(int i) {
        return offset[i + 1] - offset[i];
    }

    /** Number of entries (link ends). */
    public int size() {
        return partner.length;
    }

    /** Whether this board knows the other end of every entry. */
    public boolean routed() {
        return otherEnd != null;
    }

    /** Live array of proposed trades per entry, kW. */
    public double[] outTrades() {
        return outTrade;
    }

    /** Live array of proposed prices per entry, $/kW. */
    public double[] outPrices() {
        return outPrice;
    }

    /** Live array of proposed penalties per entry, $/kW^2. */
    public double[] outPenalties() {
        return outPenalty;
    }

    /** Live array of delivered trades per entry (the partner's view), kW. */
    public double[] inTrades() {
        return inTrade;
    }

    /** Live array of delivered prices per entry, $/kW. */
    public double[] inPrices() {
        return inPrice;
    }

    /** Live array of delivered penalties per entry, $/kW^2. */
    public double[] inPenalties() {
        return inPenalty;
    }

    /**
     * Delivers the other ends' proposals into the inbox of the peer at local position {@code i}
     * (routed boards only).
     */
    public void deliverTo(int i) {
        for (int s = offset[i], end = offset[i + 1]; s < end; s++) {
            int o = otherEnd[s];
            inTrade[s] = outTrade[o];
            inPrice[s] = outPrice[o];
            inPenalty[s] = outPenalty[o];
        }
    }

    /**
     * The proposals of the peer at local position {@code i}, as a message of round {@code round}.
     */
    public Proposals proposals(int i, int round) {
        int from = offset[i], to = offset[i + 1];
        return new Proposals(
                NegotiationMessage.VERSION,
                round,
                peers[i],
                Arrays.copyOfRange(partner, from, to),
                Arrays.copyOfRange(commodity, from, to),
                Arrays.copyOfRange(outTrade, from, to),
                Arrays.copyOfRange(outPrice, from, to),
                Arrays.copyOfRange(outPenalty, from, to));
    }

    /** The inbox of the peer at local position {@code i}, as a message for round {@code round}. */
    public Inbox inbox(int i, int round) {
        int from = offset[i], to = offset[i + 1];
        return new Inbox(
                NegotiationMessage.VERSION,
                round,
                peers[i],
                Arrays.copyOfRange(partner, from, to),
                Arrays.copyOfRange(commodity, from, to),
                Arrays.copyOfRange(inTrade, from, to),
                Arrays.copyOfRange(inPrice, from, to),
                Arrays.copyOfRange(inPenalty, from, to));
    }

    /**
     * Writes a peer's proposals into its outbox entries; throws if this board does not hold the
     * peer or its links differ.
     */
    public void post(Proposals p) {
        int i = checkedIndex(p.peer(), p.partners(), p.commodities(), "proposals");
        System.arraycopy(p.trades(), 0, outTrade, offset[i], p.size());
        System.arraycopy(p.prices(), 0, outPrice, offset[i], p.size());
        System.arraycopy(p.penalties(), 0, outPenalty, offset[i], p.size());
    }

    /**
     * Writes an inbox into the peer's inbox entries; throws if this board does not hold the peer or
     * its links differ.
     */
    public void receive(Inbox m) {
        int i = checkedIndex(m.peer(), m.partners(), m.commodities(), "inbox");
        System.arraycopy(m.trades(), 0, inTrade, offset[i], m.size());
        System.arraycopy(m.prices(), 0, inPrice, offset[i], m.size());
        System.arraycopy(m.penalties(), 0, inPenalty, offset[i], m.size());
    }

    private int checkedIndex(int peer, int[] partners, int[] commodities, String what) {
        int i = indexOf(peer);
        if (i < 0) {
            throw new IllegalArgumentException(
                    what + " for peer " + peer + ", which this board does not hold");
        }
        int from = offset[i], to = offset[i + 1];
        if (!Arrays.equals(partners, 0, partners.length, partner, from, to)
                || !Arrays.equals(commodities, 0, commodities.length, commodity, from, to)) {
            throw new IllegalArgumentException(
                    what
                            + " for peer "
                            + peer
                            + " lists partners "
                            + Arrays.toString(partners)
                            + " but its links are with "
                            + Arrays.toString(Arrays.copyOfRange(partner, from, to)));
        }
        return i;
    }
}
