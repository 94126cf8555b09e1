package org.gridbazaar.solver.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * Starts the actor systems of a GridBazaar cluster and finds its nodes. Every member is an actor
 * system named {@value #SYSTEM_NAME} with Pekko's cluster provider and Artery TCP remoting; a node
 * runs one {@link PeerNode}, the platform (the process that clears a market) none. The
 * configuration is Pekko's HOCON: {@link #config(String, int)} sets the host and port on top of
 * {@code application.conf} and this module's {@code reference.conf}, so everything else (time-outs
 * in {@code gridbazaar.cluster}, frame sizes, failure detection) can be set there or by {@code -D}
 * system properties.
 */
public final class ClusterNodes {

    /**
     * The name of every member's actor system (part of its address {@code
     * pekko://gridbazaar@host:port}).
     */
    public static final String SYSTEM_NAME = "gridbazaar";

    private ClusterNodes() {}

    /**
     * The configuration of a member listening on {@code host:port} ({@code port} 0: any free port):
     * {@code -D} system properties first, then these settings, then the application's
     * configuration. Besides the cluster provider and the address it sets: the receptionist's
     * gossip every 200 ms (nodes are found within a second rather than a few), frames of up to 64
     * MiB (a node's share of a round of a large market is one message), and failure detection left
     * to the platform's round time-out (no automatic downing).
     */
    public static Config config(String host, int port) {
        return ConfigFactory.systemProperties()
                .withFallback(
                        ConfigFactory.parseString(
                                "pekko.actor.provider = cluster\n"
                                        + "pekko.remote.artery.canonical.hostname = \""
                                        + host
                                        + "\"\n"
                                        + "pekko.remote.artery.canonical.port = "
                                        + port
                                        + "\n"
                                        + "pekko.remote.artery.advanced.maximum-frame-size = 64MiB\n"
                                        + "pekko.cluster.typed.receptionist.distributed-data.gossip-interval = 200ms\n"
                                        + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n"))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    /**
     * Starts a node hosting agents, joining the cluster at {@code seed} ({@code host:port}, or
     * {@code null} to start a cluster of its own).
     */
    public static ActorSystem<Command> startNode(Config config, String seed) {
        ActorSystem<Command> system = ActorSystem.create(PeerNode.create(), SYSTEM_NAME, config);
        system.systemActorOf(
                org.gridbazaar.solver.cluster.coordination.CoordinationNode.create(),
                org.gridbazaar.solver.cluster.coordination.CoordinationNode.NAME,
                org.apache.pekko.actor.typed.Props.empty());
        join(system, seed);
        return system;
    }

    /**
     * A node started by {@link #runNode}.
     *
     * @param hostPort where it listens, {@code host:port}
     * @param whenTerminated completes when its actor system has stopped
     */
    public record RunningNode(
            String hostPort, java.util.concurrent.CompletableFuture<Void> whenTerminated) {}

    /**
     * Starts a node listening on {@code host:port} ({@code port} 0: any free port) that joins
     * {@code seed} ({@code host:port}).
     */
    public static RunningNode runNode(String host, int port, String seed) {
        return runNode(host, port, seed, null);
    }

    /**
     * Starts a node listening on {@code host:port} that joins {@code seed} and hosts the peers
     * {@code own} from its own case (or, if {@code null}, whichever peers the platform sends).
     */
    public static RunningNode runNode(String host, int port, String seed, OwnPeers own) {
        address(seed);
        ActorSystem<Command> system =
                ActorSystem.create(
                        own == null ? PeerNode.create() : PeerNode.create(own),
                        SYSTEM_NAME,
                        config(host, port));
        join(system, seed);
        return new RunningNode(
                hostPort(system),
                system.getWhenTerminated().toCompletableFuture().thenApply(done -> null));
    }

    /**
     * Starts a platform member (no agents), joining {@code seed} ({@code host:port}) or, if {@code
     * null}, starting a cluster of its own.
     */
    public static ActorSystem<Void> startPlatform(Config config, String seed) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config);
        join(system, seed);
        return system;
    }

    /** Joins {@code seed} ({@code host:port}), or the member itself when {@code null}. */
    public static void join(ActorSystem<?> system, String seed) {
        Cluster cluster = Cluster.get(system);
        Address target = seed == null ? cluster.selfMember().address() : address(seed);
        cluster.manager().tell(Join.create(target));
    }

    /** The address of the member at {@code hostPort} ({@code host:port}). */
    public static Address address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException(
                    "--join: expected HOST:PORT, got '" + hostPort + "'; maybe 127.0.0.1:2552");
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--join: port must be 1..65535, got '" + hostPort.substring(colon + 1) + "'",
                    e);
        }
        return AddressFromURIString.parse("pekko://" + SYSTEM_NAME + "@" + hostPort);
    }

    /** The {@code host:port} this member listens on. */
    public static String hostPort(ActorSystem<?> system) {
        Address a = Cluster.get(system).selfMember().address();
        return a.getHost().get() + ":" + a.getPort().get();
    }

    /**
     * The nodes registered with the cluster's receptionist once there are at least {@code count}
     * (ordered by address, so that every run splits the peers the same way), waiting up to {@code
     * timeout}.
     *
     * @throws IllegalStateException when fewer registered in time
     */
    public static List<ActorRef<Command>> awaitNodes(
            ActorSystem<?> system, int count, Duration timeout) {
        return awaitServices(system, PeerNode.SERVICE, count, timeout, "nodes");
    }

    /**
     * The actors registered under {@code key} with the cluster's receptionist once there are at
     * least {@code count} (ordered by address), waiting up to {@code timeout}; {@code what} names
     * them in the error.
     *
     * @throws IllegalStateException when fewer registered in time
     */
    public static <T> List<ActorRef<T>> awaitServices(
            ActorSystem<?> system, ServiceKey<T> key, int count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            try {
                List<ActorRef<T>> found = registered(system, key);
                seen = found.size();
                if (seen >= count) {
                    found.sort(Comparator.comparing(r -> r.path().toString()));
                    return List.copyOf(found);
                }
            } catch (ExecutionException e) {
                // the receptionist did not answer in time: try again until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        seen
                                + " of "
                                + count
                                + " "
                                + what
                                + " registered within "
                                + timeout.toSeconds()
                                + " s; maybe start more with `gridbazaar node --join "
                                + hostPort(system)
                                + "`",
                        new TimeoutException());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The actors registered under {@code key} now, by one question to the receptionist. */
    private static <T> List<ActorRef<T>> registered(ActorSystem<?> system, ServiceKey<T> key)
            throws ExecutionException, InterruptedException {
        Receptionist.Listing listing =
                AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                                system.receptionist(),
                                reply -> Receptionist.find(key, reply),
                                Duration.ofSeconds(5),
                                system.scheduler())
                        .toCompletableFuture()
                        .get();
        return new ArrayList<>(listing.getServiceInstances(key));
    }

    /**
     * Waits up to {@code timeout} for a node that is not in {@code known} to register (a node
     * restarted after a crash, or a new one), and returns it; empty when none did in time. The
     * nodes are compared by their actor path, so a restarted process on the same address and port
     * counts as new only with a new actor incarnation.
     */
    public static java.util.Optional<ActorRef<Command>> awaitNewNode(
            ActorSystem<?> system, java.util.Set<ActorRef<Command>> known, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                List<ActorRef<Command>> fresh = registered(system, PeerNode.SERVICE);
                fresh.removeAll(known);
                if (!fresh.isEmpty()) {
                    fresh.sort(Comparator.comparing(r -> r.path().toString()));
                    return java.util.Optional.of(fresh.get(0));
                }
            } catch (ExecutionException e) {
                // the receptionist did not answer in time: try again until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                return java.util.Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        }
    }
}
