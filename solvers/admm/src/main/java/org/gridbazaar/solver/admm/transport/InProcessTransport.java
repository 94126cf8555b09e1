package org.gridbazaar.solver.admm.transport;

import java.util.List;

/**
 * The in-process transport: one {@link AgentHost} over the market's routed board, whose agents
 * write their proposals straight into the board; delivering a round copies each outbox entry to the
 * inbox entry at the other end of its channel. No message object is built per round.
 */
final class InProcessTransport implements Transport {

    private final AgentHost host;
    private int round;

    InProcessTransport(List<AgentSpec> agents, ProposalBoard board, int threads) {
        if (!board.routed()) {
            throw new IllegalArgumentException(
                    "the in-process transport needs a routed board of every peer");
        }
        host = new AgentHost(agents, board, threads);
        host.deliverAll();
    }

    @Override
    public void round(RoundStart start) {
        host.update(start);
        host.deliverAll();
        round = start.round();
    }

    @Override
    public int firstInfeasiblePeer() {
        return host.firstInfeasiblePeer();
    }

    @Override
    public double[] mismatchSupports(boolean weighted, double volumeBound) {
        return host.mismatchSupports(weighted, volumeBound);
    }

    @Override
    public List<PeerReport> reports() {
        return host.reports(round);
    }

    @Override
    public void close() {
        host.close();
    }
}
