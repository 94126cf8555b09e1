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
import org.gridbazaar.formulation.MarketProblem;
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
 * rows. Nodes started with their own case ({@link OwnPeers}) host the peers they name, built from
 * that case: the platform sends them only the trades' caps and the local tolerance, after checking
 * that their case's public data are the market's. Time-outs, re-sends and lost nodes as in {@link
 * PekkoTransport}; in addition, with a positive {@link ClusterSettings#rejoinTimeout()}, the peers
 * of a node that stopped answering are handed to a new node that registers within that time (a
 * restarted process), and the negotiation goes on from where it was, as if nothing had happened.
 */
public final class PekkoHorizonTransport implements HorizonTransport {

    /** Rejoins tried for one request before its lost peers are given up. */
    private static final int MAX_REJOINS = 3;

    private final ActorSystem<?> system;
    private final NodeRequests requests;
    private final List<HorizonSpec> specs;

    /** Per node, whether it hosts peers of its own case. */
    private final boolean[] own;

    /** The trades' caps (kW, by arc) and the local tolerance, for nodes with their own case. */
    private final double[] caps;

    private final double localTolerance;

    /** The digest of the market's public data, or {@code null} when no node has its own case. */
    private String digest;

    private final String session = UUID.randomUUID().toString();
    private final PekkoTransport.Statistics stats;
    private final CborCodec sizer;
    private final int peers;

    private PekkoHorizonTransport(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            MarketProblem market,
            List<HorizonSpec> agents,
            PekkoTransport.Statistics stats,
            boolean countBytes) {
        this.system = system;
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
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(
                    "no nodes to host the agents; maybe start some with `gridbazaar node --join HOST:PORT`");
        }
        List<NodeProtocol.Described> described =
                new NodeRequests(system, nodes, settings, stats, peers)
                        .<NodeProtocol.Described>askAll(
                                0,
                                settings.startTimeout(),
                                j -> reply -> new NodeProtocol.Describe(session, reply));
        own = new boolean[nodes.size()];
        this.requests =
                new NodeRequests(
                        system, nodes, settings, stats, assign(market, nodes, described, own));
        caps = caps(agents, market == null ? 0 : market.arcCount());
        localTolerance = agents.isEmpty() ? 1e-9 : agents.get(0).localTolerance();
        requests.<NodeProtocol.HostedHorizon>askAll(
                0,
                settings.startTimeout(),
                j ->
                        reply ->
                                own[j]
                                        ? new NodeProtocol.HostOwnHorizon(
                                                session,
                                                requests.peersOf(j),
                                                caps,
                                                localTolerance,
                                                reply)
                                        : new NodeProtocol.HostHorizon(
                                                session, mine(agents, j), reply));
    }

    /** The caps of the trades (kW, by arc), as the specs announce them. */
    private static double[] caps(List<HorizonSpec> agents, int arcs) {
        int n = arcs;
        for (HorizonSpec h : agents) {
            for (int a : h.arcs()) {
                n = Math.max(n, a + 1);
            }
        }
        double[] caps = new double[n];
        for (HorizonSpec h : agents) {
            int first = h.nodes().length + h.variables().length;
            for (int l = 0; l < h.arcs().length; l++) {
                caps[h.arcs()[l]] = h.upper()[first + l];
            }
        }
        return caps;
    }

    /**
     * Which peers each node hosts: a node with its own case hosts the peers it names (after its
     * case's public data was found to be the platform's), the others share the rest in contiguous
     * blocks. Marks the nodes with their own case in {@code own}.
     *
     * @throws IllegalArgumentException when a node's case differs from the market in its public
     *     data, names a peer the market does not have, a peer is named by two nodes, or some peer
     *     has no node to host it
     */
    private int[][] assign(
            MarketProblem market,
            List<ActorRef<Command>> nodes,
            List<NodeProtocol.Described> described,
            boolean[] own) {
        int m = nodes.size();
        int[] hostOf = new int[peers];
        java.util.Arrays.fill(hostOf, -1);
        List<String> problems = new ArrayList<>();
        String digest = null;
        List<Integer> open = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            NodeProtocol.Described d = described.get(j);
            if (d.ownPeers().length == 0) {
                open.add(j);
                continue;
            }
            own[j] = true;
            if (market == null) {
                problems.add(
                        "node "
                                + d.node()
                                + " hosts peers of its own case, which needs the market's public data"
                                + " to check; maybe run it through AdmmSolver.solve");
                continue;
            }
            if (digest == null) {
                digest = OwnPeers.digest(market);
            }
            this.digest = digest;
            if (!digest.equals(d.digest())) {
                problems.add(
                        "node "
                                + d.node()
                                + " holds a case whose public data (peer ids, nodes, periods, trades) differ from"
                                + " the market "
                                + market.name()
                                + " (digest "
                                + d.digest()
                                + ", the market's "
                                + digest
                                + "); maybe give the node the same case as the platform");
                continue;
            }
            for (int p : d.ownPeers()) {
                if (p < 0 || p >= peers) {
                    problems.add("node " + d.node() + " names peer " + p + " of " + peers);
                } else if (hostOf[p] >= 0) {
                    problems.add(
                            "peer "
                                    + market.peerLabel(p)
                                    + " is hosted twice, by "
                                    + described.get(hostOf[p]).node()
                                    + " and "
                                    + d.node()
                                    + "; maybe drop it from one node's --ids");
                } else {
                    hostOf[p] = j;
                }
            }
        }
        List<Integer> rest = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            if (hostOf[p] < 0) {
                rest.add(p);
            }
        }
        if (!rest.isEmpty() && open.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int p : rest) {
                names.add(market == null ? String.valueOf(p) : market.peerLabel(p));
            }
            problems.add(
                    "peer"
                            + (rest.size() == 1 ? " " : "s ")
                            + String.join(", ", names)
                            + (rest.size() == 1 ? " is" : " are")
                            + " hosted by no node; maybe start a node with --peers CASE --ids "
                            + String.join(",", names)
                            + ", or one without --peers");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        for (int q = 0; q < open.size(); q++) {
            int from = (int) ((long) rest.size() * q / open.size()),
                    to = (int) ((long) rest.size() * (q + 1) / open.size());
            for (int i = from; i < to; i++) {
                hostOf[rest.get(i)] = open.get(q);
            }
        }
        int[] count = new int[m];
        for (int p = 0; p < peers; p++) {
            count[hostOf[p]]++;
        }
        int[][] out = new int[m][];
        for (int j = 0; j < m; j++) {
            out[j] = new int[count[j]];
            count[j] = 0;
        }
        for (int p = 0; p < peers; p++) {
            out[hostOf[p]][count[hostOf[p]]++] = p;
        }
        return out;
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
        PekkoTransport.Statistics counted = stats == null ? new PekkoTransport.Statistics() : stats;
        return new HorizonTransport.Factory() {
            @Override
            public HorizonTransport open(List<HorizonSpec> agents) {
                return openFor(null, agents);
            }

            @Override
            public HorizonTransport openFor(MarketProblem market, List<HorizonSpec> agents) {
                return new PekkoHorizonTransport(
                        system, nodes, settings, market, agents, counted, countBytes);
            }
        };
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
            long deadline = System.nanoTime() + requests.settings().rejoinTimeout().toNanos();
            ActorRef<Command> taker = null;
            while (taker == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.Optional<ActorRef<Command>> node =
                        ClusterNodes.awaitNewNode(system, known, Duration.ofNanos(left));
                if (node.isEmpty()) {
                    return false;
                }
                known.add(node.get());
                if (takesOver(node.get(), j)) {
                    taker = node.get();
                }
            }
            known.add(taker);
            requests.replace(j, taker);
            stats.countRejoin();
        }
        return true;
    }

    /**
     * Whether {@code node} can take over the peers of node {@code j} and has started them: a node
     * with its own case only for the same peers of the same market (their data is nowhere else), a
     * node without one for the peers of a node without one.
     */
    private boolean takesOver(ActorRef<Command> node, int j) {
        try {
            NodeProtocol.Described d =
                    AskPattern.<Command, NodeProtocol.Described>ask(
                                    node,
                                    reply -> new NodeProtocol.Describe(session, reply),
                                    requests.settings().startTimeout(),
                                    system.scheduler())
                            .toCompletableFuture()
                            .get();
            boolean same =
                    own[j]
                            ? java.util.Arrays.equals(d.ownPeers(), requests.peersOf(j))
                                    && d.digest().equals(digest)
                            : d.ownPeers().length == 0;
            if (!same) {
                return false;
            }
            AskPattern.<Command, NodeProtocol.HostedHorizon>ask(
                            node,
                            reply ->
                                    own[j]
                                            ? new NodeProtocol.HostOwnHorizon(
                                                    session,
                                                    requests.peersOf(j),
                                                    caps,
                                                    localTolerance,
                                                    reply)
                                            : new NodeProtocol.HostHorizon(
                                                    session, mine(specs, j), reply),
                            requests.settings().startTimeout(),
                            system.scheduler())
                    .toCompletableFuture()
                    .get();
            stats.countMessages(4);
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
