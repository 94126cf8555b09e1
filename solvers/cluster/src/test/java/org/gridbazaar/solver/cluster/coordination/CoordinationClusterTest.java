package org.gridbazaar.solver.cluster.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gridbazaar.architecture.Architecture;
import org.gridbazaar.architecture.ArchitectureMarket;
import org.gridbazaar.architecture.Clearing;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.architecture.coordination.MemberUnresponsiveException;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityManager;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.cluster.ClusterSettings;
import org.gridbazaar.solver.cluster.TestClusters;
import org.gridbazaar.solver.cluster.coordination.CoordinationProtocol.Command;
import org.gridbazaar.testkit.DtuExercise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A platform and three coordination nodes, four actor systems in one JVM over Artery TCP on
 * 127.0.0.1 (every message CBOR-encoded): price coordination through them gives the in-process
 * clearing bit for bit (status, objective, rounds, messages, bytes, every set-point and trade) on
 * the DTU community and on seeded populations of several communities under the pool, community and
 * local P2P designs; a node that stops answering is reported by its members' ids, and the market
 * re-cleared without them on the other nodes is the market that never had them.
 */
class CoordinationClusterTest {

    private static final List<ActorTestKit> KITS = new ArrayList<>();
    private static ActorTestKit platform;
    private static List<ActorRef<Command>> nodes;

    @BeforeAll
    static void startCluster() {
        long t0 = System.nanoTime();
        KITS.addAll(
                TestClusters.start(
                        3, node -> node.spawn(CoordinationNode.create(), CoordinationNode.NAME)));
        platform = KITS.get(0);
        nodes = CoordinationCluster.awaitNodes(platform.system(), 3, Duration.ofSeconds(30));
        System.out.printf("cluster of 4 started in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
    }

    @AfterAll
    static void stopCluster() {
        TestClusters.stop(KITS);
    }

    private static ClusterSettings settings(Duration timeout) {
        ClusterSettings s = ClusterSettings.from(platform.system().settings().config());
        return new ClusterSettings(timeout, 1, s.discoveryTimeout(), timeout, s.rejoinTimeout());
    }

    /** The 14 agents of the DTU summer-school exercise, one community, import 70, export 40. */
    static CommunityMarket dtu() {
        Market market = DtuExercise.market(true);
        return CommunityMarket.of(
                market,
                List.of(
                        new Community(
                                "dtu14", market.peers().stream().map(p -> p.id()).toList(), null)),
                GridConnection.flat(70, 40, 1));
    }

    /** Seeded: quadratic, linear and fixed peers in two or three communities with margins. */
    static CommunityMarket random(long seed) {
        Random r = new Random(seed);
        int n = 6 + r.nextInt(10);
        Market.Builder b = Market.builder("random-" + seed);
        List<PeerId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "P" + i;
            double size = 1 + 20 * r.nextDouble();
            double a = r.nextInt(4) == 0 ? 0 : 0.2 + 4 * r.nextDouble();
            switch (r.nextInt(3)) {
                case 0 ->
                        b.consumer(
                                id,
                                -size,
                                r.nextBoolean() ? -size : 0,
                                QuadraticCost.of(a, 60 + 60 * r.nextDouble(), 0));
                case 1 -> b.producer(id, 0, size, QuadraticCost.of(a, 5 + 55 * r.nextDouble(), 0));
                default ->
                        b.prosumer(
                                id,
                                -size / 2,
                                size / 2,
                                QuadraticCost.of(a, 20 + 60 * r.nextDouble(), 0));
            }
            ids.add(PeerId.of(id));
        }
        int k = 2 + r.nextInt(2);
        List<List<PeerId>> groups = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            groups.add(new ArrayList<>(List.of(ids.get(c))));
        }
        for (int i = k; i < n; i++) {
            groups.get(r.nextInt(k)).add(ids.get(i));
        }
        List<Community> communities = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double margin = r.nextBoolean() ? 0 : 3 * r.nextDouble();
            communities.add(
                    new Community(
                            "c" + c,
                            groups.get(c),
                            new CommunityManager(PeerId.of("m" + c), 0, margin)));
        }
        double im = 50 + 40 * r.nextDouble();
        return CommunityMarket.of(
                b.build(),
                communities,
                GridConnection.flat(im, 10 + (im - 10) * r.nextDouble(), 1));
    }

    private static void assertSame(Clearing a, Clearing b, String where) {
        assertEquals(a.status(), b.status(), where);
        assertEquals(a.messages(), b.messages(), where + ": rounds, messages and bytes");
        assertEquals(
                Double.doubleToLongBits(a.objective()),
                Double.doubleToLongBits(b.objective()),
                where + ": objective bit for bit");
        MarketResult ra = a.periods().get(0), rb = b.periods().get(0);
        assertEquals(ra.peers().size(), rb.peers().size(), where);
        for (int i = 0; i < ra.peers().size(); i++) {
            PeerOutcome pa = ra.peers().get(i), pb = rb.peers().get(i);
            assertEquals(pa.id(), pb.id(), where);
            assertEquals(
                    Double.doubleToLongBits(pa.power()),
                    Double.doubleToLongBits(pb.power()),
                    where + ": " + pa.id() + " bit for bit");
        }
        assertEquals(ra.trades(), rb.trades(), where + ": trades");
        assertTrue(b.bills().imbalance() < 1e-9, where + ": money balances");
    }

    @Test
    void theDtuCommunityClearsThroughThreeNodesAsInProcess() {
        PekkoCoordination.Statistics stats = new PekkoCoordination.Statistics();
        ArchitectureMarket design = ArchitectureMarket.of(dtu(), Architecture.COMMUNITY);
        Clearing local = PriceCoordination.clear(design, 1e-6, 50);
        Clearing remote =
                PriceCoordination.clear(
                        design,
                        1e-6,
                        50,
                        PekkoCoordination.factory(
                                platform.system(), nodes, settings(Duration.ofSeconds(10)), stats));
        assertSame(local, remote, "dtu14-community");
        assertEquals(Status.OPTIMAL, remote.status());
        assertEquals(-3395.5726, remote.objective(), 1e-4);
        assertEquals(75.761905, remote.importKw(0), 1e-6);
        // opening, one round and the settlement: one request and one answer to each of 3 nodes
        assertEquals(3 * 2 * (2 + remote.messages().rounds()), stats.messages());
    }

    @Test
    void seededPopulationsClearThroughThreeNodesAsInProcessUnderEveryCoordinatedDesign() {
        PekkoCoordination.Statistics stats = new PekkoCoordination.Statistics();
        int most = 0;
        for (long seed = 1; seed <= 6; seed++) {
            CommunityMarket p = random(seed);
            for (Architecture a :
                    List.of(Architecture.POOL, Architecture.COMMUNITY, Architecture.LOCAL_P2P)) {
                ArchitectureMarket design = ArchitectureMarket.of(p, a);
                String where = "seed " + seed + ", " + a.label();
                Clearing local = PriceCoordination.clear(design, 1e-9, 50);
                Clearing remote =
                        PriceCoordination.clear(
                                design,
                                1e-9,
                                50,
                                PekkoCoordination.factory(
                                        platform.system(),
                                        nodes,
                                        settings(Duration.ofSeconds(10)),
                                        stats));
                assertSame(local, remote, where);
                assertEquals(Status.OPTIMAL, remote.status(), where);
                most = Math.max(most, remote.messages().rounds());
            }
        }
        assertTrue(most > 1, "some population needs more than one round: " + most);
        System.out.printf(
                "18 clearings through 3 nodes: at most %d rounds, %d node messages, %.2f s waiting%n",
                most, stats.messages(), stats.waitSeconds());
    }

    /** A node that starts its agents but never answers a round (a process that hangs). */
    private static Behavior<Command> mute() {
        return Behaviors.receiveMessage(
                m -> {
                    if (m instanceof CoordinationProtocol.Host h) {
                        h.replyTo()
                                .tell(
                                        new CoordinationProtocol.Hosted(
                                                h.session(),
                                                "mute",
                                                h.members().stream()
                                                        .map(s -> s.member())
                                                        .toList()));
                    }
                    return Behaviors.same();
                });
    }

    @Test
    void aNodeThatStopsAnsweringIsReportedByItsMembersIdsAndTheMarketReclearedWithoutThem() {
        List<ActorRef<Command>> withMute = new ArrayList<>(nodes.subList(0, 2));
        withMute.add(platform.spawn(mute()));
        ArchitectureMarket design = ArchitectureMarket.of(dtu(), Architecture.COMMUNITY);
        MemberUnresponsiveException e =
                assertThrows(
                        MemberUnresponsiveException.class,
                        () ->
                                PriceCoordination.clear(
                                        design,
                                        1e-6,
                                        50,
                                        PekkoCoordination.factory(
                                                platform.system(),
                                                withMute,
                                                settings(Duration.ofMillis(500)),
                                                null)));
        // 14 members over 3 nodes: the last node hosts A10 ... A14
        assertEquals(List.of("A10", "A11", "A12", "A13", "A14"), e.members());
        assertEquals(1, e.round());
        assertTrue(
                e.getMessage().contains("A10") && e.getMessage().contains("round 1"),
                e.getMessage());
        // the re-clear without them on the two nodes that answer is the market that never had them
        CoordinationReclearing.Outcome o =
                CoordinationReclearing.clear(
                        design,
                        1e-6,
                        50,
                        PekkoCoordination.factory(
                                platform.system(),
                                withMute,
                                settings(Duration.ofMillis(500)),
                                null),
                        () ->
                                PekkoCoordination.factory(
                                        platform.system(),
                                        nodes.subList(0, 2),
                                        settings(Duration.ofSeconds(10)),
                                        null));
        assertTrue(o.lostAny() && o.clearing() == null, "nothing of the stopped run is kept");
        assertEquals(e.members(), o.lost().members());
        CommunityMarket rest = dtu();
        for (String m : e.members()) {
            rest = rest.withoutPeer(PeerId.of(m));
        }
        Clearing alone =
                PriceCoordination.clear(
                        ArchitectureMarket.of(rest, Architecture.COMMUNITY), 1e-6, 50);
        assertSame(alone, o.reclear(), "dtu14 without A10-A14");
        assertEquals(
                9,
                o.reclear().periods().get(0).peers().stream()
                        .filter(p -> p.id().value().startsWith("A"))
                        .count());
    }
}
