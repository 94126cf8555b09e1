package org.gridbazaar.solver.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gridbazaar.solver.admm.transport.AgentSpec;
import org.gridbazaar.solver.admm.transport.Inbox;
import org.gridbazaar.solver.admm.transport.PeerReport;
import org.gridbazaar.solver.admm.transport.ProposalBoard;
import org.gridbazaar.solver.admm.transport.Proposals;
import org.gridbazaar.solver.admm.transport.RoundStart;
import org.gridbazaar.solver.admm.transport.Transport;
import org.gridbazaar.solver.cluster.internal.NodeProtocol;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * A {@link Transport} whose agents run on {@link PeerNode}s of a Pekko cluster: the peers are split
 * in contiguous blocks over the given nodes (one batch of agents per node), and each synchronous
 * round is one request and one answer per node. The platform (this object, in the process that
 * submitted the market) keeps the routed {@link ProposalBoard}: it sends each node its peers'
 * inboxes ({@link Inbox} values), posts the {@link Proposals} that come back and delivers them; it
 * sees trades, prices and penalties, never a peer's costs or bounds. A node that does not answer a
 * request within {@link ClusterSettings#roundTimeout()} is asked again, up to {@link
 * ClusterSettings#attempts()} times; then its peers are reported lost ({@link
 * PeerUnresponsiveException}). Messages, bytes, the time spent waiting and lost nodes are counted
 * in a {@link Statistics}.
 */
public final class PekkoTransport implements Transport {

    /**
     * What a run moved: requests sent (re-sends included), CBOR bytes of the per-round payloads
     * (inboxes and proposals, measured by encoding them once more, so only when counting is on),
     * rounds, and nanoseconds spent waiting for answers.
     */
    public static final class Statistics {
        private final AtomicLong messages = new AtomicLong(),
                bytes = new AtomicLong(),
                rounds = new AtomicLong(),
                waitNanos = new AtomicLong(),
                rejoins = new AtomicLong();

        /** Times a new node took over the peers of a node that had stopped answering. */
        public long rejoins() {
            return rejoins.get();
        }

        void countRejoin() {
            rejoins.incrementAndGet();
        }

        /** Requests and answers exchanged with nodes. */
        public long messages() {
            return messages.get();
        }

        /** CBOR bytes of the inboxes and proposals of all rounds (0 unless counting bytes). */
        public long bytes() {
            return bytes.get();
        }

        /** Rounds run. */
        public long rounds() {
            return rounds.get();
        }

        /** Wall time spent waiting for the nodes' answers to rounds, s. */
        public double waitSeconds() {
            return waitNanos.get() * 1e-9;
        }

        private final java.util.Set<ActorRef<Command>> lost =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** The nodes that stopped answering in any run so far. */
        public java.util.Set<ActorRef<Command>> lostNodes() {
            return java.util.Set.copyOf(lost);
        }

        void countMessages(long n) {
            messages.addAndGet(n);
        }

        void countBytes(long n) {
            bytes.addAndGet(n);
        }

        void countRound(long waitedNanos) {
            rounds.incrementAndGet();
            waitNanos.addAndGet(waitedNanos);
        }

        void countLost(ActorRef<Command> node) {
            lost.add(node);
        }
    }

    private final NodeRequests requests;
    private final List<ActorRef<Command>> nodes;
    private final ClusterSettings settings;
    private final ProposalBoard board;
    private final String session = UUID.randomUUID().toString();

    /** Board positions of each node's peers. */
    private final int[][] peersOf;

    private final Statistics stats;
    private final org.gridbazaar.solver.cluster.internal.CborCodec sizer;
    private int round, infeasible = -1;

    private PekkoTransport(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            List<AgentSpec> agents,
            ProposalBoard board,
            Statistics stats,
            boolean countBytes) {
        this.requests = new NodeRequests(system, nodes, settings, stats, agents.size());
        this.nodes = requests.nodes();
        this.settings = settings;
        this.board = board;
        this.stats = stats;
        this.sizer = countBytes ? new org.gridbazaar.solver.cluster.internal.CborCodec() : null;
        int m = nodes.size();
        peersOf = new int[m][];
        for (int j = 0; j < m; j++) {
            peersOf[j] = requests.peersOf(j);
        }
        List<NodeProtocol.Hosted> opened =
                askAll(
                        0,
                        settings.startTimeout(),
                        j -> reply -> new NodeProtocol.Host(session, specsOf(agents, j), reply));
        for (NodeProtocol.Hosted h : opened) {
            h.proposals().forEach(board::post);
        }
        for (int p = 0; p < board.peerCount(); p++) {
            board.deliverTo(p);
        }
    }

    /**
     * A factory of transports over {@code nodes}, asking through {@code system} (a member of their
     * cluster). {@code stats} (or {@code null}) accumulates what every run moved; with {@code
     * countBytes} each round's payload is encoded once more to measure it.
     */
    public static Transport.Factory factory(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            Statistics stats,
            boolean countBytes) {
        return (agents, board) ->
                new PekkoTransport(
                        system,
                        nodes,
                        settings,
                        agents,
                        board,
                        stats == null ? new Statistics() : stats,
                        countBytes);
    }

    private List<AgentSpec> specsOf(List<AgentSpec> agents, int node) {
        List<AgentSpec> out = new ArrayList<>(peersOf[node].length);
        for (int i : peersOf[node]) {
            out.add(agents.get(i));
        }
        return out;
    }

    private <R> List<R> askAll(
            int k,
            java.time.Duration timeout,
            Function<Integer, Function<ActorRef<R>, Command>> request) {
        return requests.askAll(k, timeout, request);
    }

    @Override
    public void round(RoundStart start) {
        int k = start.round();
        List<List<Inbox>> inboxes = new ArrayList<>(nodes.size());
        for (int[] mine : peersOf) {
            List<Inbox> in = new ArrayList<>(mine.length);
            for (int i : mine) {
                in.add(board.inbox(i, k));
            }
            inboxes.add(in);
        }
        long t0 = System.nanoTime();
        List<NodeProtocol.Stepped> answers =
                askAll(
                        k,
                        settings.roundTimeout(),
                        j -> reply -> new NodeProtocol.Step(session, start, inboxes.get(j), reply));
        stats.countRound(System.nanoTime() - t0);
        infeasible = -1;
        for (NodeProtocol.Stepped s : answers) {
            s.proposals().forEach(board::post);
            if (s.infeasiblePeer() >= 0 && (infeasible < 0 || s.infeasiblePeer() < infeasible)) {
                infeasible = s.infeasiblePeer();
            }
        }
        for (int p = 0; p < board.peerCount(); p++) {
            board.deliverTo(p);
        }
        if (sizer != null) {
            for (int j = 0; j < nodes.size(); j++) {
                stats.countBytes(
                        sizer.encode(inboxes.get(j)).length
                                + sizer.encode(answers.get(j).proposals()).length);
            }
        }
        round = k;
    }

    @Override
    public int firstInfeasiblePeer() {
        return infeasible;
    }

    @Override
    public double[] mismatchSupports(boolean weighted, double volumeBound) {
        double[] out = new double[board.peerCount()];
        Arrays.fill(out, Double.NaN);
        for (NodeProtocol.SupportValues v :
                this.<NodeProtocol.SupportValues>askAll(
                        round,
                        settings.roundTimeout(),
                        j ->
                                reply ->
                                        new NodeProtocol.Supports(
                                                session, weighted, volumeBound, reply))) {
            for (int q = 0; q < v.peers().length; q++) {
                out[v.peers()[q]] = v.values()[q];
            }
        }
        return out;
    }

    @Override
    public List<PeerReport> reports() {
        PeerReport[] out = new PeerReport[board.peerCount()];
        for (NodeProtocol.Reports r :
                this.<NodeProtocol.Reports>askAll(
                        round,
                        settings.roundTimeout(),
                        j -> reply -> new NodeProtocol.Report(session, round, reply))) {
            for (PeerReport p : r.reports()) {
                out[p.peer()] = p;
            }
        }
        return List.of(out);
    }

    @Override
    public void close() {
        for (ActorRef<Command> n : nodes) {
            n.tell(new NodeProtocol.Release(session));
        }
    }
}
