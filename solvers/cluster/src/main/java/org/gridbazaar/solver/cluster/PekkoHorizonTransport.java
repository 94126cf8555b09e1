package org.gridbazaar.solver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.gridbazaar.solver.admm.transport.HorizonCheck;
import org.gridbazaar.solver.admm.transport.HorizonCheckResult;
import org.gridbazaar.solver.admm.transport.HorizonCopies;
import org.gridbazaar.solver.admm.transport.HorizonPrices;
import org.gridbazaar.solver.admm.transport.HorizonReport;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.PeerUnresponsiveException;
import org.gridbazaar.solver.cluster.internal.CborCodec;
import org.gridbazaar.solver.cluster.internal.NodeProtocol;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * A {@link HorizonTransport} whose agents of a market over time run on {@link PeerNode}s of a Pekko
 * cluster: the peers are split in contiguous blocks over the given nodes, and each synchronous
 * round is one request ({@link HorizonPrices} of the node's peers) and one answer ({@link
 * HorizonCopies}) per node; certificates and reports likewise. The platform sees prices, consensus
 * trades, penalties, copies and each peer's certificate terms, never a peer's costs, bounds or
 * rows. Time-outs, re-sends and lost nodes as in {@link PekkoTransport}; in addition, with a
 * positive {@link ClusterSettings#rejoinTimeout()}, the peers of a node that stopped answering are
 * handed to a new node that registers within that time (a restarted process), and the negotiation
 * goes on from where it was, as if nothing had happened.
 */
public final class PekkoHorizonTransport implements HorizonTransport {

    /** Rejoins tried for one request before its lost peers are given up. */
    private static final int MAX_REJOINS = 3;

    private final ActorSystem<?> system;
    private final NodeRequests requests;
    private final List<HorizonSpec> specs;
    private final String session = UUID.randomUUID().toString();
    private final PekkoTransport.Statistics stats;
    private final CborCodec sizer;
    private final int peers;

    private PekkoHorizonTransport(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            List<HorizonSpec> agents,
            PekkoTransport.Statistics stats,
            boolean countBytes) {
        this.system = system;
        this.requests = new NodeRequests(system, nodes, settings, stats, agents.size());
        this.specs = List.copyOf(agents);
        this.stats = stats;
        this.sizer = countBytes ? new CborCodec() : null;
        this.peers = agents.size();
        for (int i = 0; i < peers; i++) {
            if (agents.get(i).peer() != i) {
                throw new IllegalArgumentException(
                        "agent " + i + " is peer " + agents.get(i).peer() + "; need peers 0..n-1");
            }
        }
        requests.<NodeProtocol.HostedHorizon>askAll(
                0,
                settings.startTimeout(),
                j -> reply -> new NodeProtocol.HostHorizon(session, mine(agents, j), reply));
    }

    /**
     * A factory of transports over {@code nodes}, asking through {@code system} (a member of their
     * cluster). {@code stats} (or {@code null}) accumulates what every run moved; with {@code
     * countBytes} each round's payload is encoded once more to measure it.
     */
    public static HorizonTransport.Factory factory(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            PekkoTransport.Statistics stats,
            boolean countBytes) {
        return agents ->
                new PekkoHorizonTransport(
                        system,
                        nodes,
                        settings,
                        agents,
                        stats == null ? new PekkoTransport.Statistics() : stats,
                        countBytes);
    }

    private <T> List<T> mine(List<T> all, int node) {
        int[] ps = requests.peersOf(node);
        List<T> out = new ArrayList<>(ps.length);
        for (int i : ps) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * Asks every node, and when some stop answering and {@link ClusterSettings#rejoinTimeout()} is
     * positive, waits for new nodes to take over their peers and asks again.
     */
    private <R, T> List<T> gather(
            int k,
            Duration timeout,
            Function<Integer, Function<ActorRef<R>, Command>> request,
            Function<R, List<T>> items) {
        for (int rejoins = 0; ; rejoins++) {
            try {
                return gatherOnce(k, timeout, request, items);
            } catch (PeerUnresponsiveException e) {
                if (requests.settings().rejoinTimeout().isZero()
                        || rejoins >= MAX_REJOINS
                        || !rejoin(requests.lastFailed())) {
                    throw e;
                }
            }
        }
    }

    /**
     * Hands the peers of the nodes at {@code failed} to new nodes (registered since, not in use),
     * waiting up to the rejoin time-out for each; false when none came or one did not start them.
     * The agents start from their specs; the state they continue from is the platform's last
     * prices, consensus trades and penalties, re-sent with the request (an agent over time keeps
     * nothing else between rounds).
     */
    private boolean rejoin(List<Integer> failed) {
        java.util.Set<ActorRef<Command>> known = new java.util.HashSet<>(requests.nodes());
        known.addAll(stats.lostNodes());
        for (int j : failed) {
            java.util.Optional<ActorRef<Command>> node =
                    ClusterNodes.awaitNewNode(system, known, requests.settings().rejoinTimeout());
            if (node.isEmpty()) {
                return false;
            }
            try {
                AskPattern.<Command, NodeProtocol.HostedHorizon>ask(
                                node.get(),
                                reply ->
                                        new NodeProtocol.HostHorizon(
                                                session, mine(specs, j), reply),
                                requests.settings().startTimeout(),
                                system.scheduler())
                        .toCompletableFuture()
                        .get();
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            stats.countMessages(2);
            stats.countRejoin();
            known.add(node.get());
            requests.replace(j, node.get());
        }
        return true;
    }

    private <R, T> List<T> gatherOnce(
            int k,
            Duration timeout,
            Function<Integer, Function<ActorRef<R>, Command>> request,
            Function<R, List<T>> items) {
        List<T> out = new ArrayList<>(java.util.Collections.nCopies(peers, null));
        List<R> answers = requests.askAll(k, timeout, request);
        for (int j = 0; j < answers.size(); j++) {
            int[] ps = requests.peersOf(j);
            List<T> got = items.apply(answers.get(j));
            if (got.size() != ps.length) {
                throw new IllegalStateException(
                        "node "
                                + requests.nodes().get(j).path().address()
                                + " answered for "
                                + got.size()
                                + " peers but hosts "
                                + ps.length);
            }
            for (int q = 0; q < ps.length; q++) {
                out.set(ps[q], got.get(q));
            }
        }
        return out;
    }

    @Override
    public List<HorizonCopies> round(List<HorizonPrices> prices) {
        int k = prices.isEmpty() ? 0 : prices.get(0).round();
        long t0 = System.nanoTime();
        List<NodeProtocol.HorizonStepped> raw = new ArrayList<>();
        List<HorizonCopies> out =
                gather(
                        k,
                        requests.settings().roundTimeout(),
                        j ->
                                reply ->
                                        new NodeProtocol.HorizonStep(
                                                session, k, mine(prices, j), reply),
                        (NodeProtocol.HorizonStepped s) -> {
                            raw.add(s);
                            return s.copies();
                        });
        stats.countRound(System.nanoTime() - t0);
        if (sizer != null) {
            for (int j = 0; j < raw.size(); j++) {
                stats.countBytes(
                        sizer.encode(mine(prices, j)).length
                                + sizer.encode(raw.get(j).copies()).length);
            }
        }
        return out;
    }

    @Override
    public List<HorizonCheckResult> check(List<HorizonCheck> checks) {
        int k = checks.isEmpty() ? 0 : checks.get(0).round();
        return gather(
                k,
                requests.settings().roundTimeout(),
                j -> reply -> new NodeProtocol.HorizonChecks(session, k, mine(checks, j), reply),
                NodeProtocol.HorizonChecked::results);
    }

    @Override
    public List<HorizonReport> reports(int round) {
        return gather(
                round,
                requests.settings().roundTimeout(),
                j -> reply -> new NodeProtocol.HorizonReportRequest(session, round, reply),
                NodeProtocol.HorizonReported::reports);
    }

    @Override
    public void close() {
        for (ActorRef<Command> n : requests.nodes()) {
            n.tell(new NodeProtocol.Release(session));
        }
    }
}
