package org.gridbazaar.solver.cluster.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gridbazaar.architecture.coordination.CoordinationTransport;
import org.gridbazaar.solver.cluster.ClusterNodes;
import org.gridbazaar.solver.cluster.LocalCluster;
import org.gridbazaar.solver.cluster.coordination.CoordinationProtocol.Command;

/**
 * Price coordination on a {@link LocalCluster}: the node processes it starts each run a {@link
 * CoordinationNode} (next to their {@code PeerNode}), found here through the receptionist; {@link
 * #transports()} clears through them; {@link #close()} stops the processes and the platform. What
 * {@code gridbazaar solve CASE --solver price-coordination --cluster local:N} runs on.
 */
public final class CoordinationCluster implements AutoCloseable {

    private final LocalCluster cluster;
    private final List<ActorRef<Command>> nodes;
    private final PekkoCoordination.Statistics stats = new PekkoCoordination.Statistics();

    private CoordinationCluster(LocalCluster cluster, List<ActorRef<Command>> nodes) {
        this.cluster = cluster;
        this.nodes = nodes;
    }

    /**
     * Starts a platform and {@code count} node processes from {@code nodeCommand} (see {@link
     * LocalCluster#start}) and waits until each runs a coordination node.
     *
     * @throws IllegalStateException when they did not register within the discovery time-out (they
     *     are stopped)
     */
    public static CoordinationCluster start(int count, Function<String, List<String>> nodeCommand) {
        LocalCluster cluster = LocalCluster.start(count, nodeCommand);
        try {
            return new CoordinationCluster(
                    cluster,
                    awaitNodes(cluster.platform(), count, cluster.settings().discoveryTimeout()));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** A transport over every node. */
    public CoordinationTransport.Factory transports() {
        return PekkoCoordination.factory(cluster.platform(), nodes, cluster.settings(), stats);
    }

    /**
     * A transport over the nodes that have not stopped answering in any run so far.
     *
     * @throws IllegalStateException when none is left
     */
    public CoordinationTransport.Factory transportsOfSurvivors() {
        List<ActorRef<Command>> alive = new ArrayList<>(nodes);
        alive.removeAll(stats.lostNodes());
        if (alive.isEmpty()) {
            throw new IllegalStateException(
                    "no node is left to re-clear on: all " + nodes.size() + " stopped answering");
        }
        return PekkoCoordination.factory(cluster.platform(), alive, cluster.settings(), stats);
    }

    /** The coordination nodes, ordered by address. */
    public List<ActorRef<Command>> nodes() {
        return nodes;
    }

    /** What the runs so far moved. */
    public PekkoCoordination.Statistics statistics() {
        return stats;
    }

    /**
     * Kills node process {@code i} at once (as a crash would); the {@code i}-th started process.
     */
    public void kill(int i) {
        cluster.kill(i);
    }

    @Override
    public void close() {
        cluster.close();
    }

    /**
     * The coordination nodes registered with the receptionist of {@code system}'s cluster once
     * there are at least {@code count} (ordered by address, so that every run splits the members
     * the same way), waiting up to {@code timeout}.
     *
     * @throws IllegalStateException when fewer registered in time
     */
    public static List<ActorRef<Command>> awaitNodes(
            ActorSystem<?> system, int count, Duration timeout) {
        return ClusterNodes.awaitServices(
                system, CoordinationNode.SERVICE, count, timeout, "coordination nodes");
    }
}
