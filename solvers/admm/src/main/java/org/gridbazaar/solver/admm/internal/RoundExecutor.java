package org.gridbazaar.solver.admm.internal;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs synchronous rounds in process: every agent updates from its inbox (in parallel over agents
 * on a fork-join pool, or in the calling thread when one thread is asked for); the round ends when
 * all have answered (a barrier), and the {@link Network} then delivers every outbox entry to the
 * partner's inbox. Work per round is linear in the number of links.
 */
final class RoundExecutor implements AutoCloseable {

    /** Below this many link ends a round runs in the calling thread: a fork-join barrier would cost more than the work. */
    static final int PARALLEL_THRESHOLD = 8192;

    private final Agent[] agents;
    private final Network network;
    private final ForkJoinPool pool;
    private final boolean ownPool;

    /**
     * An executor over {@code agents} (indexed by {@link Agent#peer()}) talking through {@code network}.
     *
     * @param threads 1 for the calling thread only, {@code k > 1} for a pool of {@code k} threads
     *                (closed by {@link #close()}), 0 for the common fork-join pool; markets with fewer
     *                than {@value #PARALLEL_THRESHOLD} link ends always run in the calling thread
     */
    RoundExecutor(List<? extends Agent> agents, Network network, int threads) {
        this.agents = agents.toArray(Agent[]::new);
        this.network = network;
        if (threads == 1 || network.size() < PARALLEL_THRESHOLD) {
            pool = null;
            ownPool = false;
        } else if (threads > 1) {
            pool = new ForkJoinPool(threads);
            ownPool = true;
        } else {
            pool = ForkJoinPool.commonPool();
            ownPool = false;
        }
        forEach(this.agents.length, network::deliverTo);
    }

    /** Runs {@code body} for {@code 0..n-1}, in parallel unless single-threaded. */
    void forEach(int n, IntConsumer body) {
        if (pool == null) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        }
    }

    /** Runs one round with the announced step sizes, then delivers the proposals. */
    void round(Agent.Round round) {
        forEach(agents.length, a -> agents[a].update(round));
        forEach(agents.length, network::deliverTo);
    }

    @Override
    public void close() {
        if (ownPool) {
            pool.shutdown();
        }
    }
}
