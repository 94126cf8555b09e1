package org.gridbazaar.solver.admm.transport;

import java.util.List;

/**
 * Some peers' agents did not answer within the transport's time-out (their process stopped, or the
 * network between them and the platform is cut). The negotiation cannot go on without them: every
 * partner of theirs waits for their proposals.
 */
public final class PeerUnresponsiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The peers that did not answer (indices in the market), in increasing order. */
    private final transient List<Integer> peers;

    private final int round;

    /**
     * An exception for {@code peers} that did not answer in round {@code round}.
     *
     * @param detail where they ran and how long the platform waited
     */
    public PeerUnresponsiveException(List<Integer> peers, int round, String detail) {
        super(
                peers.size()
                        + " peer"
                        + (peers.size() == 1 ? "" : "s")
                        + " did not answer in round "
                        + round
                        + ": "
                        + detail);
        this.peers = List.copyOf(peers);
        this.round = round;
    }

    /** The peers that did not answer, in increasing order. */
    public List<Integer> peers() {
        return peers;
    }

    /** The round they did not answer (0: while starting). */
    public int round() {
        return round;
    }
}
