package org.gridbazaar.solver.cluster.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.gridbazaar.architecture.coordination.CoordinationTransport;
import org.gridbazaar.architecture.coordination.MemberAnswer;
import org.gridbazaar.architecture.coordination.MemberSpec;
import org.gridbazaar.architecture.coordination.MemberUnresponsiveException;
import org.gridbazaar.architecture.coordination.PriceAnnouncement;
import org.gridbazaar.architecture.coordination.SetPoint;
import org.gridbazaar.architecture.coordination.Settlement;
import org.gridbazaar.solver.cluster.ClusterSettings;
import org.gridbazaar.solver.cluster.coordination.CoordinationProtocol.Command;

/**
 * A {@link CoordinationTransport} whose members' agents run on {@link CoordinationNode}s of a Pekko
 * cluster: the members are split in contiguous blocks over the given nodes, and each synchronous
 * round is one request and one answer per node that hosts an addressed member. The coordinators
 * stay in the platform's process (this object's); they see members' answers and set-points, never a
 * member's cost or bounds. A node that does not answer within {@link
 * ClusterSettings#roundTimeout()} is asked again, up to {@link ClusterSettings#attempts()} times;
 * then its members are reported by id ({@link MemberUnresponsiveException}).
 */
public final class PekkoCoordination implements CoordinationTransport {

    /** What runs moved: requests and answers exchanged with nodes, and the time spent waiting. */
    public static final class Statistics {
        private final AtomicLong requests = new AtomicLong(), waitNanos = new AtomicLong();

        /** Requests sent to nodes and answers expected back (re-sends included). */
        public long messages() {
            return requests.get();
        }

        /** Wall time spent waiting for the nodes' answers, s. */
        public double waitSeconds() {
            return waitNanos.get() * 1e-9;
        }

        private final java.util.Set<ActorRef<Command>> lost =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** The nodes that stopped answering in any run so far. */
        public java.util.Set<ActorRef<Command>> lostNodes() {
            return java.util.Set.copyOf(lost);
        }
    }

    private final ActorSystem<?> system;
    private final List<ActorRef<Command>> nodes;
    private final ClusterSettings settings;
    private final Statistics stats;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, Integer> nodeOf = new HashMap<>();
    private final List<List<String>> membersOf = new ArrayList<>();

    /** Per node, the sequence number of its last request. */
    private final int[] sequence;

    private PekkoCoordination(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            Statistics stats,
            List<MemberSpec> members) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(
                    "no nodes to host the members' agents; maybe start some with `gridbazaar node --join HOST:PORT`");
        }
        this.system = system;
        this.nodes = List.copyOf(nodes);
        this.settings = settings;
        this.stats = stats;
        int n = members.size(), m = this.nodes.size();
        sequence = new int[m];
        List<List<MemberSpec>> specs = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            int from = (int) ((long) n * j / m), to = (int) ((long) n * (j + 1) / m);
            specs.add(List.copyOf(members.subList(from, to)));
            List<String> ids = new ArrayList<>();
            for (MemberSpec s : members.subList(from, to)) {
                if (nodeOf.put(s.member(), j) != null) {
                    throw new IllegalArgumentException(
                            "member "
                                    + s.member()
                                    + " is specified twice; each member has one agent");
                }
                ids.add(s.member());
            }
            membersOf.add(ids);
        }
        List<Integer> all = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            all.add(j);
        }
        List<CoordinationProtocol.Hosted> opened =
                askAll(
                        0,
                        all,
                        settings.startTimeout(),
                        j -> reply -> new CoordinationProtocol.Host(session, specs.get(j), reply),
                        j -> membersOf.get(j));
        for (int j = 0; j < m; j++) {
            if (!opened.get(j).members().equals(membersOf.get(j))) {
                throw new IllegalStateException(
                        "node "
                                + opened.get(j).node()
                                + " hosts "
                                + opened.get(j).members()
                                + ", not the members sent to it; maybe it runs another GridBazaar version");
            }
        }
    }

    /**
     * A factory of transports over {@code nodes}, asking through {@code system} (a member of their
     * cluster); {@code stats} (or {@code null}) accumulates what every run moved.
     */
    public static Factory factory(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            Statistics stats) {
        Statistics s = stats == null ? new Statistics() : stats;
        return members -> new PekkoCoordination(system, nodes, settings, s, members);
    }

    @Override
    public List<MemberAnswer> round(List<PriceAnnouncement> announcements) {
        int round = announcements.isEmpty() ? 0 : announcements.get(0).round();
        return exchange(
                round,
                announcements,
                PriceAnnouncement::member,
                (j, part) ->
                        reply -> new CoordinationProtocol.Round(session, sequence[j], part, reply),
                CoordinationProtocol.Answered::answers);
    }

    @Override
    public List<SetPoint> settle(List<Settlement> settlements) {
        return exchange(
                -1,
                settlements,
                Settlement::member,
                (j, part) ->
                        reply -> new CoordinationProtocol.Settle(session, sequence[j], part, reply),
                CoordinationProtocol.Settled::setPoints);
    }

    /**
     * Sends each node the requests for its members (in their order), waits for every answer and
     * puts the answers back in the order of {@code requests}.
     */
    private <Q, A, R> List<A> exchange(
            int round,
            List<Q> requests,
            Function<Q, String> member,
            BiFunction<Integer, List<Q>, Function<ActorRef<R>, Command>> request,
            Function<R, List<A>> answers) {
        int m = nodes.size();
        List<List<Q>> parts = new ArrayList<>();
        List<List<Integer>> positions = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            parts.add(new ArrayList<>());
            positions.add(new ArrayList<>());
        }
        for (int q = 0; q < requests.size(); q++) {
            Integer j = nodeOf.get(member.apply(requests.get(q)));
            if (j == null) {
                throw new IllegalArgumentException(
                        "member "
                                + member.apply(requests.get(q))
                                + " has no agent in this clearing");
            }
            parts.get(j).add(requests.get(q));
            positions.get(j).add(q);
        }
        List<Integer> asked = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (!parts.get(j).isEmpty()) {
                asked.add(j);
                sequence[j]++;
            }
        }
        List<R> replies =
                askAll(
                        round,
                        asked,
                        settings.roundTimeout(),
                        j -> request.apply(j, parts.get(j)),
                        j -> parts.get(j).stream().map(member).toList());
        List<A> out = new ArrayList<>(Collections.nCopies(requests.size(), null));
        for (int j : asked) {
            List<A> got = answers.apply(replies.get(j));
            if (got.size() != parts.get(j).size()) {
                throw new IllegalStateException(
                        got.size()
                                + " answers to "
                                + parts.get(j).size()
                                + " requests from a node");
            }
            for (int k = 0; k < got.size(); k++) {
                out.set(positions.get(j).get(k), got.get(k));
            }
        }
        return out;
    }

    /**
     * Sends one request to each of {@code asked} (built by {@code request.apply(node)}), waits for
     * all answers, re-sends to those that did not answer in time, and throws naming the members of
     * those that never did. Answers are indexed by node.
     */
    private <R> List<R> askAll(
            int round,
            List<Integer> asked,
            Duration timeout,
            Function<Integer, Function<ActorRef<R>, Command>> request,
            Function<Integer, List<String>> membersAsked) {
        List<R> answers = new ArrayList<>(Collections.nCopies(nodes.size(), null));
        List<Integer> pending = new ArrayList<>(asked);
        String lastError = "";
        long t0 = System.nanoTime();
        for (int attempt = 1; attempt <= settings.attempts() && !pending.isEmpty(); attempt++) {
            List<CompletableFuture<R>> calls = new ArrayList<>();
            for (int j : pending) {
                calls.add(
                        AskPattern.ask(
                                        nodes.get(j),
                                        request.apply(j)::apply,
                                        timeout,
                                        system.scheduler())
                                .toCompletableFuture());
                stats.requests.addAndGet(2);
            }
            List<Integer> still = new ArrayList<>();
            for (int q = 0; q < calls.size(); q++) {
                try {
                    answers.set(pending.get(q), calls.get(q).get());
                } catch (ExecutionException e) {
                    still.add(pending.get(q));
                    lastError =
                            String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(
                            "interrupted while waiting for round " + round, e);
                }
            }
            pending = still;
        }
        stats.waitNanos.addAndGet(System.nanoTime() - t0);
        if (!pending.isEmpty()) {
            List<String> lost = new ArrayList<>();
            List<String> where = new ArrayList<>();
            for (int j : pending) {
                stats.lost.add(nodes.get(j));
                lost.addAll(membersAsked.apply(j));
                where.add(nodes.get(j).path().address().toString());
            }
            throw new MemberUnresponsiveException(
                    lost,
                    round,
                    "node"
                            + (where.size() == 1 ? " " : "s ")
                            + String.join(", ", where)
                            + " did not answer "
                            + settings.attempts()
                            + " time(s) within "
                            + timeout.toMillis()
                            + " ms ("
                            + lastError
                            + ")");
        }
        return answers;
    }

    @Override
    public void close() {
        for (ActorRef<Command> node : nodes) {
            node.tell(new CoordinationProtocol.Release(session));
        }
    }
}
