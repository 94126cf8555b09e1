package org.gridbazaar.solver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.ConsensusSolver;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.Transport;
import org.gridbazaar.solver.cluster.internal.NodeProtocol;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;
import org.gridbazaar.testkit.HardMarkets;
import org.gridbazaar.testkit.RandomHorizons;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A platform and three nodes, four actor systems in one JVM talking over Artery TCP on 127.0.0.1
 * (so every message is CBOR-encoded): clearing through them gives the in-process result to the last
 * bit, with the same rounds, on seeded random markets and on the contract's markets of known
 * optimum; duplicated and delayed messages change nothing; a node that stops answering is reported
 * by its peers' names and the market is cleared again without them.
 */
class ThreeNodeClusterTest {

    private static final List<ActorTestKit> KITS = new ArrayList<>();
    private static ActorTestKit platform;
    private static List<ActorRef<Command>> nodes;

    @BeforeAll
    static void startCluster() {
        long t0 = System.nanoTime();
        KITS.addAll(TestClusters.start(3, node -> node.spawn(PeerNode.create(), "peer-node")));
        platform = KITS.get(0);
        System.out.printf("4 actor systems created in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
        nodes = ClusterNodes.awaitNodes(platform.system(), 3, Duration.ofSeconds(30));
        System.out.printf("cluster of 4 started in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
    }

    @AfterAll
    static void stopCluster() {
        long t0 = System.nanoTime();
        TestClusters.stop(KITS);
        System.out.printf("cluster stopped in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
    }

    private static ClusterSettings settings() {
        return ClusterSettings.from(platform.system().settings().config())
                .withRoundTimeout(Duration.ofSeconds(5));
    }

    private static MarketProblem random(long seed, RandomMarkets.Spec spec) {
        return new P2PFormulation().formulate(RandomMarkets.generate(seed, spec)).problem();
    }

    private static void assertSame(
            MarketProblem p, ProblemSolution a, ProblemSolution b, String where) {
        assertEquals(a.status(), b.status(), where);
        assertEquals(a.iterations(), b.iterations(), where + ": rounds");
        assertArrayEquals(a.x(), b.x(), 1e-9, where + ": set-points");
        assertArrayEquals(a.f(), b.f(), 1e-9, where + ": trades");
        double oa = p.objective(a.x(), a.f()), ob = p.objective(b.x(), b.f());
        assertEquals(oa, ob, 1e-9 * Math.max(1, Math.abs(oa)), where + ": objective");
        // the same doubles in the same order: bit for bit
        assertArrayEquals(a.x(), b.x(), 0.0, where + ": set-points bit for bit");
        assertArrayEquals(a.arcPrices(), b.arcPrices(), 0.0, where + ": prices bit for bit");
    }

    @Test
    void seededRandomMarketsClearAsInProcess() {
        PekkoTransport.Statistics stats = new PekkoTransport.Statistics();
        Transport.Factory cluster =
                PekkoTransport.factory(platform.system(), nodes, settings(), stats, true);
        List<MarketProblem> markets =
                List.of(
                        random(1, RandomMarkets.Spec.basic(30)),
                        random(2, RandomMarkets.Spec.full(20)),
                        random(7, RandomMarkets.Spec.basic(12).withPreferences(true)));
        for (MarketProblem p : markets) {
            for (boolean consensus : new boolean[] {false, true}) {
                MarketSolver local = consensus ? new ConsensusSolver() : new AdmmSolver();
                MarketSolver remote =
                        consensus
                                ? new ConsensusSolver(AdmmOptions.DEFAULTS, cluster)
                                : new AdmmSolver(AdmmOptions.DEFAULTS, cluster);
                ProblemSolution a = local.solve(p, SolverOptions.DEFAULTS),
                        b = remote.solve(p, SolverOptions.DEFAULTS);
                assertEquals(Status.OPTIMAL, a.status(), p.name());
                assertSame(p, a, b, p.name() + (consensus ? " consensus" : " admm"));
            }
        }
        assertTrue(stats.rounds() > 100, "rounds counted: " + stats.rounds());
        assertTrue(stats.bytes() > 1000 * stats.rounds() / 100, "bytes counted: " + stats.bytes());
    }

    @Test
    void contractMarketsWithKnownOptimaClearAsInProcess() {
        Transport.Factory cluster =
                PekkoTransport.factory(platform.system(), nodes, settings(), null, false);
        for (HardMarkets.Shape shape : HardMarkets.all()) {
            if (shape.name().equals("both-sides-huge")) {
                continue; // 3,636 rounds: the same agents, only slower through the cluster
            }
            MarketProblem p = new P2PFormulation().formulate(shape.market()).problem();
            ProblemSolution a = new AdmmSolver().solve(p, SolverOptions.DEFAULTS);
            ProblemSolution b =
                    new AdmmSolver(AdmmOptions.DEFAULTS, cluster).solve(p, SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, b.status(), shape.name());
            assertSame(p, a, b, shape.name());
            // and both are the known optimum, within the certified gap
            assertEquals(
                    shape.objective(),
                    p.objective(b.x(), b.f()),
                    1e-6 * Math.max(1, Math.abs(shape.objective())),
                    shape.name());
        }
    }

    /**
     * A link to a node that delivers every request twice, and holds back every fifth round's
     * request past the platform's time-out (so that the platform sends it again).
     */
    private static Behavior<Command> flaky(ActorRef<Command> node, Duration holdBack) {
        return Behaviors.withTimers(
                timers ->
                        Behaviors.receiveMessage(
                                m -> {
                                    if (m instanceof NodeProtocol.Step s
                                            && s.start().round() % 5 == 0
                                            && !timers.isTimerActive(s.start().round())) {
                                        timers.startSingleTimer(
                                                s.start().round(),
                                                new NodeProtocol.Release("never"),
                                                holdBack);
                                        platform.system()
                                                .scheduler()
                                                .scheduleOnce(
                                                        holdBack,
                                                        () -> node.tell(s),
                                                        platform.system().executionContext());
                                        return Behaviors.same();
                                    }
                                    if (!(m instanceof NodeProtocol.Release)) {
                                        node.tell(m);
                                        node.tell(m);
                                    }
                                    return Behaviors.same();
                                }));
    }

    @Test
    void duplicatedAndDelayedMessagesDoNotChangeTheResult() {
        List<ActorRef<Command>> links = new ArrayList<>();
        for (ActorRef<Command> n : nodes) {
            links.add(platform.spawn(flaky(n, Duration.ofMillis(400))));
        }
        Transport.Factory cluster =
                PekkoTransport.factory(
                        platform.system(),
                        links,
                        settings().withRoundTimeout(Duration.ofMillis(250)).withAttempts(3),
                        null,
                        false);
        MarketProblem p = random(4, RandomMarkets.Spec.basic(16));
        ProblemSolution a = new AdmmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution b =
                new AdmmSolver(AdmmOptions.DEFAULTS, cluster).solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, a.status());
        assertTrue(a.iterations() >= 10, "enough rounds to hold some back: " + a.iterations());
        assertSame(p, a, b, "flaky links");
    }

    /**
     * A link that forwards everything until round {@code cut}, then nothing (a network partition).
     */
    private static Behavior<Command> partitioned(
            ActorRef<Command> node, int cut, AtomicInteger dropped) {
        return Behaviors.receiveMessage(
                m -> {
                    if (m instanceof NodeProtocol.Step s && s.start().round() >= cut
                            || m instanceof NodeProtocol.HorizonStep h && h.round() >= cut) {
                        dropped.incrementAndGet();
                    } else {
                        node.tell(m);
                    }
                    return Behaviors.same();
                });
    }

    @Test
    void aNodeThatStopsAnsweringIsReportedAndTheMarketIsClearedWithoutItsPeers() {
        AtomicInteger dropped = new AtomicInteger();
        List<ActorRef<Command>> first = new ArrayList<>(nodes);
        first.set(1, platform.spawn(partitioned(nodes.get(1), 10, dropped)));
        ClusterSettings fast = settings().withRoundTimeout(Duration.ofMillis(500)).withAttempts(2);
        Transport.Factory before =
                PekkoTransport.factory(platform.system(), first, fast, null, false);
        Transport.Factory after =
                PekkoTransport.factory(
                        platform.system(), List.of(nodes.get(0), nodes.get(2)), fast, null, false);
        MarketProblem p = random(9, RandomMarkets.Spec.basic(21));
        Reclearing.Outcome o =
                Reclearing.clear(
                        p,
                        SolverOptions.DEFAULTS,
                        t -> new AdmmSolver(AdmmOptions.DEFAULTS, t),
                        before,
                        after);
        assertTrue(o.lostAny());
        // the middle node hosts peers 7..13 of 21
        assertEquals(List.of(7, 8, 9, 10, 11, 12, 13), o.lostPeers());
        assertEquals(2, dropped.get(), "asked twice, then given up");
        assertNotEquals(Status.OPTIMAL, o.first().status());
        assertFalse(o.first().hasPoint(), "nothing half-written");
        assertEquals(10, o.first().iterations());
        for (String label : o.lostLabels()) {
            assertTrue(o.first().message().contains(label), o.first().message());
        }
        assertNotNull(o.reduced());
        assertEquals(14, o.reduced().peerCount());
        // the re-clear is exactly the in-process clearing of the market without them
        ProblemSolution local =
                new AdmmSolver()
                        .solve(
                                Reclearing.without(p, new java.util.TreeSet<>(o.lostPeers())),
                                SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, local.status());
        assertSame(o.reduced(), local, o.reclear(), "re-clear");
        assertEquals(o.reclear(), o.standing());
    }

    private static MarketProblem horizon(long seed) {
        return new MultiPeriodFormulation()
                .formulate(
                        RandomHorizons.generate(
                                seed,
                                RandomHorizons.Spec.full()
                                        .withPeers(3, 8)
                                        .withMaxPeriods(6)
                                        .withLinked(true)))
                .problem();
    }

    private static void assertSameOverTime(
            MarketProblem p, ProblemSolution a, ProblemSolution b, String where) {
        assertEquals(a.status(), b.status(), where);
        assertEquals(a.iterations(), b.iterations(), where + ": rounds");
        double oa = p.objective(a.x(), a.privateVariables(), a.f()),
                ob = p.objective(b.x(), b.privateVariables(), b.f());
        assertEquals(oa, ob, 1e-9 * Math.max(1, Math.abs(oa)), where + ": objective");
        assertArrayEquals(a.x(), b.x(), 0.0, where + ": set-points bit for bit");
        assertArrayEquals(a.f(), b.f(), 0.0, where + ": trades bit for bit");
        assertArrayEquals(a.arcPrices(), b.arcPrices(), 0.0, where + ": prices bit for bit");
        assertArrayEquals(
                a.privateVariables(), b.privateVariables(), 0.0, where + ": storage bit for bit");
        assertArrayEquals(a.y(), b.y(), 0.0, where + ": node prices bit for bit");
    }

    @Test
    void seededMarketsOverTimeClearAsInProcess() {
        PekkoTransport.Statistics stats = new PekkoTransport.Statistics();
        HorizonTransport.Factory cluster =
                PekkoHorizonTransport.factory(platform.system(), nodes, settings(), stats, true);
        for (long seed : new long[] {2, 12}) {
            MarketProblem p = horizon(seed);
            ProblemSolution a = new AdmmSolver().solve(p, SolverOptions.DEFAULTS);
            ProblemSolution b =
                    new AdmmSolver(AdmmOptions.DEFAULTS, null, cluster)
                            .solve(p, SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, a.status(), p.name() + ": " + a.message());
            assertSameOverTime(p, a, b, "horizon seed " + seed);
        }
        assertTrue(stats.rounds() > 10, "rounds counted: " + stats.rounds());
        assertTrue(stats.bytes() > 0, "bytes counted");
    }

    /**
     * consensus over time on the nodes: the agents are the same as admm's (what differs, two prices
     * per trade and relaxed proposals, is the platform's), so the result is the in-process one bit
     * for bit.
     */
    @Test
    void consensusOverTimeClearsAsInProcess() {
        HorizonTransport.Factory cluster =
                PekkoHorizonTransport.factory(
                        platform.system(),
                        nodes,
                        settings(),
                        new PekkoTransport.Statistics(),
                        true);
        MarketProblem p = horizon(12);
        ProblemSolution a = new ConsensusSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution b =
                new ConsensusSolver(AdmmOptions.DEFAULTS, null, cluster)
                        .solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, a.status(), p.name() + ": " + a.message());
        assertSameOverTime(p, a, b, "consensus, horizon seed 12");
    }

    @Test
    void aNodeLostOverTimeIsReportedAndTheMarketIsClearedWithoutItsPeers() {
        AtomicInteger dropped = new AtomicInteger();
        List<ActorRef<Command>> first = new ArrayList<>(nodes);
        first.set(2, platform.spawn(partitioned(nodes.get(2), 4, dropped)));
        ClusterSettings fast = settings().withRoundTimeout(Duration.ofMillis(500)).withAttempts(2);
        MarketProblem p = horizon(9);
        Reclearing.Outcome o =
                Reclearing.clear(
                        p,
                        SolverOptions.DEFAULTS,
                        (t, h) -> new AdmmSolver(AdmmOptions.DEFAULTS, t, h),
                        null,
                        PekkoHorizonTransport.factory(platform.system(), first, fast, null, false),
                        null,
                        PekkoHorizonTransport.factory(
                                platform.system(),
                                List.of(nodes.get(0), nodes.get(1)),
                                fast,
                                null,
                                false));
        assertTrue(o.lostAny());
        int n = p.peerCount();
        List<Integer> third = new ArrayList<>();
        for (int i = 2 * n / 3; i < n; i++) {
            third.add(i);
        }
        assertEquals(third, o.lostPeers(), "the last node's block of peers");
        assertEquals(2, dropped.get(), "asked twice, then given up");
        assertNotEquals(Status.OPTIMAL, o.first().status());
        assertFalse(o.first().hasPoint(), "nothing half-written");
        assertEquals(4, o.first().iterations());
        for (String label : o.lostLabels()) {
            assertTrue(o.first().message().contains(label), o.first().message());
        }
        assertEquals(n - third.size(), o.reduced().peerCount());
        assertTrue(o.reduced().periodCount() > 1 || o.reduced().hasPeerBlocks());
        ProblemSolution local =
                new AdmmSolver()
                        .solve(
                                Reclearing.without(p, new java.util.TreeSet<>(o.lostPeers())),
                                SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, local.status(), local.message());
        assertSameOverTime(o.reduced(), local, o.reclear(), "re-clear over time");
    }

    @Test
    void aNodeThatComesBackOverTimeTakesOverItsPeersAndTheResultIsUninterrupted() {
        AtomicInteger dropped = new AtomicInteger();
        List<ActorRef<Command>> first = new ArrayList<>(nodes);
        // the link to the last node fails from round 4; the node itself, registered, is new to
        // the transport: it takes over the peers as a restarted process would
        first.set(2, platform.spawn(partitioned(nodes.get(2), 4, dropped)));
        ClusterSettings rejoining =
                settings()
                        .withRoundTimeout(Duration.ofMillis(500))
                        .withAttempts(2)
                        .withRejoinTimeout(Duration.ofSeconds(5));
        PekkoTransport.Statistics stats = new PekkoTransport.Statistics();
        MarketProblem p = horizon(12);
        ProblemSolution a = new AdmmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution b =
                new AdmmSolver(
                                AdmmOptions.DEFAULTS,
                                null,
                                PekkoHorizonTransport.factory(
                                        platform.system(), first, rejoining, stats, false))
                        .solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, a.status(), a.message());
        assertEquals(2, dropped.get(), "asked twice through the dead link");
        assertEquals(1, stats.rejoins(), "one node took over");
        assertSameOverTime(p, a, b, "after a rejoin");
    }
}
