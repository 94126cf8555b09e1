package org.gridbazaar.solver.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * Actor systems of one test cluster in one JVM, over Artery TCP on 127.0.0.1 (every message
 * CBOR-encoded), with quicker joining and leaving than the defaults: a platform that joins itself
 * and nodes that join it. Shared by the cluster tests.
 */
public final class TestClusters {

    private TestClusters() {}

    /** The settings of every system: quiet logs, quick gossip and exits. */
    public static Config config() {
        return ConfigFactory.parseString(
                        "pekko.loglevel = WARNING\npekko.log-dead-letters = off\n"
                                + "pekko.log-dead-letters-during-shutdown = off\n"
                                + "pekko.cluster.gossip-interval = 200ms\npekko.cluster.leader-actions-interval = 200ms\n"
                                + "pekko.cluster.periodic-tasks-initial-delay = 100ms\npekko.coordinated-shutdown.phases.cluster-exiting.timeout = 1s\n")
                .withFallback(ClusterNodes.config("127.0.0.1", 0));
    }

    /**
     * A platform and {@code nodes} node systems, each given to {@code setUp} (to spawn its node
     * actor) before it joins the platform; the platform first in the list.
     */
    public static List<ActorTestKit> start(int nodes, Consumer<ActorTestKit> setUp) {
        List<ActorTestKit> kits = new ArrayList<>();
        ActorTestKit platform = ActorTestKit.create(ClusterNodes.SYSTEM_NAME, config());
        kits.add(platform);
        ClusterNodes.join(platform.system(), null);
        String seed = ClusterNodes.hostPort(platform.system());
        for (int i = 0; i < nodes; i++) {
            ActorTestKit node = ActorTestKit.create(ClusterNodes.SYSTEM_NAME, config());
            kits.add(node);
            setUp.accept(node);
            ClusterNodes.join(node.system(), seed);
        }
        return kits;
    }

    /** Stops {@code kits}, the last started first. */
    public static void stop(List<ActorTestKit> kits) {
        for (int i = kits.size() - 1; i >= 0; i--) {
            kits.get(i).shutdownTestKit();
        }
    }
}
