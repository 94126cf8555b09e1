package org.gridbazaar.solver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.gridbazaar.solver.admm.transport.PeerUnresponsiveException;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * The platform's side of the requests to a set of nodes, shared by the transports: which peers each
 * node hosts (contiguous blocks of the market's peers, in the nodes' order), and one request to
 * every node with re-sends after a time-out; the peers of a node that never answers are reported
 * lost ({@link PeerUnresponsiveException}).
 */
final class NodeRequests {

    private final ActorSystem<?> system;
    private final List<ActorRef<Command>> nodes;
    private final ClusterSettings settings;
    private List<Integer> lastFailed = List.of();
    private final PekkoTransport.Statistics stats;
    private final int[][] peersOf;

    /** Requests to {@code nodes}, which host {@code peers} peers in contiguous blocks. */
    NodeRequests(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            PekkoTransport.Statistics stats,
            int peers) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(
                    "no nodes to host the agents; maybe start some with `gridbazaar node --join HOST:PORT`");
        }
        this.system = system;
        this.nodes = new ArrayList<>(nodes);
        this.settings = settings;
        this.stats = stats;
        int m = nodes.size();
        peersOf = new int[m][];
        for (int j = 0; j < m; j++) {
            int from = (int) ((long) peers * j / m), to = (int) ((long) peers * (j + 1) / m);
            peersOf[j] = new int[to - from];
            for (int i = from; i < to; i++) {
                peersOf[j][i - from] = i;
            }
        }
    }

    /** Requests to {@code nodes}, node {@code j} hosting the peers {@code peersOf[j]}. */
    NodeRequests(
            ActorSystem<?> system,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings,
            PekkoTransport.Statistics stats,
            int[][] peersOf) {
        this.system = system;
        this.nodes = new ArrayList<>(nodes);
        this.settings = settings;
        this.stats = stats;
        this.peersOf = peersOf.clone();
    }

    /** The nodes, in order. */
    List<ActorRef<Command>> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code j}'s peers are hosted by {@code node} from now on. */
    void replace(int j, ActorRef<Command> node) {
        nodes.set(j, node);
    }

    /** The positions of the nodes that did not answer the last {@link #askAll} that threw. */
    List<Integer> lastFailed() {
        return lastFailed;
    }

    /** The peers node {@code j} hosts, in increasing order. */
    int[] peersOf(int j) {
        return peersOf[j];
    }

    /** The settings. */
    ClusterSettings settings() {
        return settings;
    }

    /** The statistics the requests count into. */
    PekkoTransport.Statistics stats() {
        return stats;
    }

    /**
     * Sends one request to every node (built by {@code request.apply(node)}), waits for all
     * answers, re-sends to the nodes that did not answer in time, and throws naming the peers of
     * those that never did.
     */
    <R> List<R> askAll(
            int k, Duration timeout, Function<Integer, Function<ActorRef<R>, Command>> request) {
        int m = nodes.size();
        List<R> answers = new ArrayList<>(Collections.nCopies(m, null));
        List<Integer> pending = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            pending.add(j);
        }
        String lastError = "";
        for (int attempt = 1; attempt <= settings.attempts() && !pending.isEmpty(); attempt++) {
            List<CompletableFuture<R>> calls = new ArrayList<>();
            for (int j : pending) {
                CompletionStage<R> c =
                        AskPattern.ask(
                                nodes.get(j), request.apply(j)::apply, timeout, system.scheduler());
                calls.add(c.toCompletableFuture());
                stats.countMessages(2);
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
                    throw new IllegalStateException("interrupted while waiting for round " + k, e);
                }
            }
            pending = still;
        }
        if (!pending.isEmpty()) {
            List<Integer> lost = new ArrayList<>();
            StringBuilder where = new StringBuilder();
            for (int j : pending) {
                for (int i : peersOf[j]) {
                    lost.add(i);
                }
                where.append(where.length() == 0 ? "" : ", ").append(nodes.get(j).path().address());
            }
            lost.sort(null);
            lastFailed = List.copyOf(pending);
            for (int j : pending) {
                stats.countLost(nodes.get(j));
            }
            throw new PeerUnresponsiveException(
                    lost,
                    k,
                    "node"
                            + (pending.size() == 1 ? " " : "s ")
                            + where
                            + " did not answer "
                            + settings.attempts()
                            + " request"
                            + (settings.attempts() == 1 ? "" : "s")
                            + " within "
                            + timeout.toMillis()
                            + " ms each ("
                            + lastError
                            + ")");
        }
        return answers;
    }
}
