package org.gridbazaar.solver.admm.transport;

import java.util.List;

/**
 * Carries the messages of a negotiation over time between the platform and the peers' agents, in
 * synchronous rounds: {@link #round} returns once every agent has answered the round's {@link
 * HorizonPrices} with its {@link HorizonCopies}. Every list is in the order of the specs the
 * transport was opened with (one entry per peer, {@code specs.get(i).peer() == i}). The platform
 * sends and reads only these messages, never an agent's costs, bounds or rows.
 */
public interface HorizonTransport extends AutoCloseable {

    /** Opens a transport for a negotiation over time. */
    @FunctionalInterface
    interface Factory {

        /**
         * Starts one agent per spec ({@code agents.get(i).peer() == i}) wherever this transport
         * runs them.
         */
        HorizonTransport open(List<HorizonSpec> agents);

        /**
         * Starts the agents of {@code problem}'s peers: {@link #open(List)} unless the transport
         * needs the market's public data (its peers' ids and its arcs, for example to check that
         * nodes holding their own peers' data hold the same market).
         */
        default HorizonTransport openFor(
                org.gridbazaar.formulation.MarketProblem problem, List<HorizonSpec> agents) {
            return open(agents);
        }
    }

    /**
     * The in-process transport: one {@link HorizonHost} of every peer, its agents' local solves run
     * in parallel on the common fork-join pool when {@code parallel}, else in the calling thread.
     */
    static Factory inProcess(boolean parallel) {
        return agents -> new HorizonHost(agents, parallel);
    }

    /**
     * Runs one round: every agent solves its block at its arcs' prices, consensus values and
     * penalties, and answers with its copies (in peer order).
     *
     * @throws PeerUnresponsiveException when some agents did not answer in time
     */
    List<HorizonCopies> round(List<HorizonPrices> prices);

    /**
     * Every agent's part of a certificate at a candidate point (in peer order).
     *
     * @throws PeerUnresponsiveException when some agents did not answer in time
     */
    List<HorizonCheckResult> check(List<HorizonCheck> checks);

    /**
     * Every agent's report after round {@code round} (in peer order).
     *
     * @throws PeerUnresponsiveException when some agents did not answer in time
     */
    List<HorizonReport> reports(int round);

    /** Stops the agents this transport started. */
    @Override
    void close();
}
