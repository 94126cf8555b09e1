package org.gridbazaar.solver.admm.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.gridbazaar.solver.admm.internal.PeerAgent;

/**
 * Runs the agents of some peers on one board: builds each from its {@link AgentSpec}, runs their
 * updates for a round (in parallel over agents on a fork-join pool, or in the calling thread), and
 * answers the platform's questions about them. The in-process transport hosts every peer on the
 * market's routed board; a node of a cluster hosts its share on a local board and moves the numbers
 * in and out as messages. Work per round is linear in the number of links.
 */
public final class AgentHost implements AutoCloseable {

    /**
     * Below this many link ends a round runs in the calling thread: a fork-join barrier would cost
     * more than the work.
     */
    public static final int PARALLEL_THRESHOLD = 8192;

    private final PeerAgent[] agents;
    private final ProposalBoard board;
    private final ForkJoinPool pool;
    private final boolean ownPool;

    /**
     * A host of one agent per spec, writing {@code board} ({@code board.peerAt(i) ==
     * specs.get(i).peer()}); each agent writes its opening proposals.
     *
     * @param threads 1 for the calling thread only, {@code k > 1} for a pool of {@code k} threads
     *     (closed by {@link #close()}), 0 for the common fork-join pool; boards with fewer than
     *     {@value #PARALLEL_THRESHOLD} entries always run in the calling thread
     */
    public AgentHost(List<AgentSpec> specs, ProposalBoard board, int threads) {
        if (board.peerCount() != specs.size()) {
            throw new IllegalArgumentException(
                    "the board holds "
                            + board.peerCount()
                            + " peers but "
                            + specs.size()
                            + " agents were given");
        }
        this.board = board;
        agents = new PeerAgent[specs.size()];
        for (int i = 0; i < agents.length; i++) {
            if (board.peerAt(i) != specs.get(i).peer()) {
                throw new IllegalArgumentException(
                        "board position "
                                + i
                                + " holds peer "
                                + board.peerAt(i)
                                + " but agent "
                                + i
                                + " is peer "
                                + specs.get(i).peer());
            }
            agents[i] = PeerAgent.of(specs.get(i), board, i);
        }
        if (threads == 1 || board.size() < PARALLEL_THRESHOLD) {
            pool = null;
            ownPool = false;
        } else if (threads > 1) {
            pool = new ForkJoinPool(threads);
            ownPool = true;
        } else {
            pool = ForkJoinPool.commonPool();
            ownPool = false;
        }
    }

    /** The board the agents write. */
    public ProposalBoard board() {
        return board;
    }

    /** Runs {@code body} for {@code 0..n-1}, in parallel unless single-threaded. */
    public void forEach(int n, IntConsumer body) {
        if (pool == null) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        }
    }

    /** Every hosted agent updates from its inbox entries and writes its outbox entries. */
    public void update(RoundStart round) {
        forEach(agents.length, i -> agents[i].update(round));
    }

    /** Delivers every entry's other end into its inbox (routed boards only). */
    public void deliverAll() {
        forEach(agents.length, board::deliverTo);
    }

    /** The lowest hosted peer whose last local problem had no solution, or -1. */
    public int firstInfeasiblePeer() {
        for (PeerAgent a : agents) {
            if (a.locallyInfeasible()) {
                return a.peer();
            }
        }
        return -1;
    }

    /**
     * Per hosted agent (board order), its mismatch support (see {@link
     * Transport#mismatchSupports}).
     */
    public double[] mismatchSupports(boolean weighted, double volumeBound) {
        double[] h = new double[agents.length];
        forEach(h.length, a -> h[a] = agents[a].mismatchSupport(weighted, volumeBound));
        return h;
    }

    /** The report of the agent at board position {@code i} after round {@code round}. */
    public PeerReport report(int i, int round) {
        PeerAgent a = agents[i];
        return new PeerReport(
                NegotiationMessage.VERSION,
                round,
                a.peer(),
                a.aggregates(),
                a.nodePrices(),
                a.locallyInfeasible());
    }

    /** Every hosted agent's report, in board order. */
    public List<PeerReport> reports(int round) {
        List<PeerReport> out = new ArrayList<>(agents.length);
        for (int i = 0; i < agents.length; i++) {
            out.add(report(i, round));
        }
        return out;
    }

    @Override
    public void close() {
        if (ownPool) {
            pool.shutdown();
        }
    }
}
