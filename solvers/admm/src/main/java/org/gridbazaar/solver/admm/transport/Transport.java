package org.gridbazaar.solver.admm.transport;

import java.util.List;

/**
 * Carries a negotiation's messages between the platform and the peers' agents, in synchronous
 * rounds: {@link #round(RoundStart)} returns once every agent has updated from the inbox of the
 * previous round and every new proposal has been delivered. Synchronous rounds keep the algorithm
 * exactly the one analysed (and the results independent of where agents run); an asynchronous
 * variant would let fast peers run ahead on stale proposals and change the iterates.
 *
 * <p>Contract with the {@link ProposalBoard} the transport is opened with (a routed board of every
 * peer): after {@link Factory#open} and after every {@link #round}, the board's {@code out…} arrays
 * hold every agent's latest proposals and its {@code in…} arrays what was delivered to each. The
 * platform reads only these (trades, prices, penalties) and the peers' {@link PeerReport}s, never
 * an agent's costs or bounds.
 */
public interface Transport extends AutoCloseable {

    /** Opens a transport for a negotiation. */
    @FunctionalInterface
    interface Factory {

        /**
         * Starts one agent per spec ({@code agents.get(i).peer() == i}) wherever this transport
         * runs them, and fills {@code board} with their opening proposals, delivered.
         */
        Transport open(List<AgentSpec> agents, ProposalBoard board);
    }

    /**
     * The in-process transport: agents write the board directly and a round is a barrier over them
     * (on the calling thread when {@code threads == 1} or the market is small, else on a fork-join
     * pool of {@code threads} threads, 0 for the common pool).
     */
    static Factory inProcess(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException(
                    "threads must be >= 0 (0: common pool), got " + threads);
        }
        return (agents, board) -> new InProcessTransport(agents, board, threads);
    }

    /**
     * Runs one round: every agent updates from its inbox with the announced step sizes, then every
     * proposal is delivered.
     *
     * @throws PeerUnresponsiveException when some agents did not answer in time; the board is then
     *     unchanged for them and the negotiation cannot go on
     */
    void round(RoundStart round);

    /** The lowest peer whose last local problem had no solution, or -1. */
    int firstInfeasiblePeer();

    /**
     * Per peer, its lower bound on the mismatch-weighted sum of its own feasible trades with
     * volumes up to {@code volumeBound} (kW), the mismatch times the link's price step if {@code
     * weighted}; {@code +inf} when no such trades meet its own bounds. See the infeasibility
     * certificate of the negotiation.
     */
    double[] mismatchSupports(boolean weighted, double volumeBound);

    /** Every peer's report (aggregates and node prices) after the last round, in peer order. */
    List<PeerReport> reports();

    /** Stops the agents this transport started. */
    @Override
    void close();
}
