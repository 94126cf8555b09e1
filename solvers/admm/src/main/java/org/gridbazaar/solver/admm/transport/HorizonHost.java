package org.gridbazaar.solver.admm.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.gridbazaar.solver.admm.internal.HorizonPeer;

/**
 * Runs the agents of some peers of a market over time: builds each from its {@link HorizonSpec} and
 * answers messages addressed to them, one local solve over the horizon per agent and round (in
 * parallel over agents on the common fork-join pool, or in the calling thread). The in-process
 * transport hosts every peer; a node of a cluster hosts its share. An agent keeps no state between
 * rounds that its answer depends on: its copies are a function of its spec and the round's prices,
 * so a repeated or re-sent round gives the same answer.
 */
public final class HorizonHost implements HorizonTransport {

    private final HorizonPeer[] agents;
    private final Map<Integer, Integer> index = new HashMap<>();
    private final boolean parallel;

    /** A host of one agent per spec; runs them in parallel when {@code parallel}. */
    public HorizonHost(List<HorizonSpec> specs, boolean parallel) {
        agents = new HorizonPeer[specs.size()];
        for (int i = 0; i < agents.length; i++) {
            HorizonSpec s = specs.get(i);
            if (index.put(s.peer(), i) != null) {
                throw new IllegalArgumentException(
                        "peer " + s.peer() + " appears twice among the hosted agents");
            }
            agents[i] = new HorizonPeer(s);
        }
        this.parallel = parallel && agents.length > 1;
    }

    /** The hosted peers, in the order of the specs. */
    public int[] peers() {
        int[] out = new int[agents.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = agents[i].peer;
        }
        return out;
    }

    private HorizonPeer agent(int peer) {
        Integer i = index.get(peer);
        if (i == null) {
            throw new IllegalArgumentException(
                    "a message for peer " + peer + ", which this host does not hold");
        }
        return agents[i];
    }

    private void forEach(int n, IntConsumer body) {
        IntStream range = IntStream.range(0, n);
        (parallel ? range.parallel() : range).forEach(body);
    }

    @Override
    public List<HorizonCopies> round(List<HorizonPrices> prices) {
        HorizonCopies[] out = new HorizonCopies[prices.size()];
        forEach(out.length, i -> out[i] = agent(prices.get(i).peer()).respond(prices.get(i)));
        return List.of(out);
    }

    @Override
    public List<HorizonCheckResult> check(List<HorizonCheck> checks) {
        HorizonCheckResult[] out = new HorizonCheckResult[checks.size()];
        forEach(out.length, i -> out[i] = agent(checks.get(i).peer()).check(checks.get(i)));
        return List.of(out);
    }

    @Override
    public List<HorizonReport> reports(int round) {
        List<HorizonReport> out = new ArrayList<>(agents.length);
        for (HorizonPeer a : agents) {
            out.add(a.report(round));
        }
        return out;
    }

    @Override
    public void close() {
        // agents hold no threads or files
    }
}
