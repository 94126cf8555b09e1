package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs one synchronous round: every agent updates in parallel (a parallel stream on a fork-join
 * pool) from the proposals addressed to it; the round ends when all have answered (a barrier),
 * and the answers are routed to their recipients for the next round.
 */
public final class RoundExecutor {

    private final List<? extends Agent> agents;
    private final ForkJoinPool pool;
    private List<List<Proposal>> inboxes;

    /** An executor over {@code agents} (indexed by {@link Agent#peer()}), on {@code pool}. */
    public RoundExecutor(List<? extends Agent> agents, ForkJoinPool pool) {
        this.agents = agents;
        this.pool = pool;
        List<Proposal> all = new ArrayList<>();
        agents.forEach(a -> all.addAll(a.initialProposals()));
        inboxes = route(all);
    }

    /** The proposals currently in transit (those of the last round), all recipients together. */
    public List<List<Proposal>> inboxes() {
        return inboxes;
    }

    /** Runs one round with the announced step sizes; returns all proposals sent. */
    public List<Proposal> round(Agent.Round round) {
        List<List<Proposal>> in = inboxes;
        List<List<Proposal>> out = pool.submit(() -> agents.parallelStream()
                .map(a -> a.update(round, in.get(a.peer())))
                .toList()).join();
        List<Proposal> all = new ArrayList<>();
        out.forEach(all::addAll);
        inboxes = route(all);
        return all;
    }

    private List<List<Proposal>> route(List<Proposal> all) {
        List<List<Proposal>> boxes = new ArrayList<>(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            boxes.add(new ArrayList<>());
        }
        for (Proposal p : all) {
            boxes.get(p.to()).add(p);
        }
        return boxes;
    }
}
