package org.gridbazaar.solver.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.Transport;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * A cluster on this machine: a platform member in this process on 127.0.0.1 and {@code n} node
 * processes started from a command line (for example {@code java -cp … gridbazaar node --join
 * 127.0.0.1:PORT}), found through the receptionist; {@link #close()} stops the processes and the
 * platform. What {@code gridbazaar solve --cluster local:N} runs on.
 */
public final class LocalCluster implements AutoCloseable {

    private final ActorSystem<Void> platform;
    private final List<Process> processes;
    private final List<ActorRef<Command>> nodes;
    private final ClusterSettings settings;

    private LocalCluster(
            ActorSystem<Void> platform,
            List<Process> processes,
            List<ActorRef<Command>> nodes,
            ClusterSettings settings) {
        this.platform = platform;
        this.processes = processes;
        this.nodes = nodes;
        this.settings = settings;
    }

    /**
     * Starts the platform and {@code count} node processes, each from {@code
     * nodeCommand.apply(seed)} ({@code seed} the platform's {@code host:port}), and waits until all
     * have registered.
     *
     * @throws IllegalStateException when the nodes did not register within the discovery time-out
     *     (they are stopped)
     */
    public static LocalCluster start(int count, Function<String, List<String>> nodeCommand) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("a local cluster needs 1 to 64 nodes, got " + count);
        }
        ActorSystem<Void> platform =
                ClusterNodes.startPlatform(ClusterNodes.config("127.0.0.1", 0), null);
        List<Process> processes = new ArrayList<>();
        List<java.nio.file.Path> logs = new ArrayList<>();
        try {
            String seed = ClusterNodes.hostPort(platform);
            for (int i = 0; i < count; i++) {
                ProcessBuilder pb = new ProcessBuilder(nodeCommand.apply(seed));
                java.io.File log =
                        java.io.File.createTempFile("gridbazaar-node-" + i + "-", ".log");
                log.deleteOnExit();
                pb.redirectErrorStream(true).redirectOutput(log);
                logs.add(log.toPath());
                processes.add(pb.start());
            }
            ClusterSettings settings = ClusterSettings.from(platform.settings().config());
            List<ActorRef<Command>> nodes =
                    ClusterNodes.awaitNodes(platform, count, settings.discoveryTimeout());
            return new LocalCluster(platform, processes, nodes, settings);
        } catch (IOException | RuntimeException e) {
            processes.forEach(Process::destroyForcibly);
            platform.terminate();
            if (!logs.isEmpty() && e instanceof IllegalStateException) {
                throw new IllegalStateException(
                        e.getMessage() + "; the nodes' output is in " + logs, e);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(
                        "cannot start a node process: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * The command line of a node process of this JVM's class path: {@code java -cp CP mainClass
     * args... --join SEED}.
     */
    public static Function<String, List<String>> javaCommand(String mainClass, List<String> args) {
        String javaBin =
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        return seed -> {
            List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", cp, mainClass));
            cmd.addAll(args);
            cmd.add("--join");
            cmd.add(seed);
            return cmd;
        };
    }

    /** The nodes, ordered by address. */
    public List<ActorRef<Command>> nodes() {
        return nodes;
    }

    /** The platform member (for asking the nodes). */
    public ActorSystem<Void> platform() {
        return platform;
    }

    /** The settings read from the platform's configuration. */
    public ClusterSettings settings() {
        return settings;
    }

    /** A transport over every node. */
    public Transport.Factory transports(PekkoTransport.Statistics stats, boolean countBytes) {
        return PekkoTransport.factory(platform, nodes, settings, stats, countBytes);
    }

    /** A transport of markets over time over every node. */
    public HorizonTransport.Factory horizonTransports(
            PekkoTransport.Statistics stats, boolean countBytes) {
        return PekkoHorizonTransport.factory(platform, nodes, settings, stats, countBytes);
    }

    /** A transport of markets over time over the nodes not in {@code lost}. */
    public HorizonTransport.Factory horizonTransportsWithout(
            Set<ActorRef<Command>> lost, PekkoTransport.Statistics stats) {
        return PekkoHorizonTransport.factory(platform, alive(lost), settings, stats, false);
    }

    /** A transport over the nodes not in {@code lost}. */
    public Transport.Factory transportsWithout(
            Set<ActorRef<Command>> lost, PekkoTransport.Statistics stats) {
        return PekkoTransport.factory(platform, alive(lost), settings, stats, false);
    }

    private List<ActorRef<Command>> alive(Set<ActorRef<Command>> lost) {
        List<ActorRef<Command>> alive = new ArrayList<>(nodes);
        alive.removeAll(new HashSet<>(lost));
        if (alive.isEmpty()) {
            throw new IllegalStateException(
                    "no node is left to re-clear on: all "
                            + nodes.size()
                            + " stopped answering ("
                            + lost
                            + ")");
        }
        return alive;
    }

    /**
     * Kills node process {@code i} at once (as a crash would); the process of the {@code i}-th
     * started node, not of {@code nodes().get(i)}.
     */
    public void kill(int i) {
        processes.get(i).destroyForcibly();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        platform.terminate();
        try {
            platform.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the platform stops in the background; nothing is left to release
        }
    }
}
