package org.gridbazaar.solver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nodes that host peers of a market over time from their own case ({@code node --peers CASE --ids
 * ...}): three actor systems in one JVM (a platform, a node without a case, a system with nodes
 * holding cases). The agents built on such a node give the in-process result bit for bit, and the
 * platform sends that node no spec; a peer named by two nodes, a case whose public data differ, and
 * a peer nobody hosts are refused with messages naming them.
 */
class OwnPeersClusterTest {

    private static ActorTestKit platform, open, owners;

    @BeforeAll
    static void start() {
        List<ActorTestKit> kits = TestClusters.start(2, node -> {});
        platform = kits.get(0);
        open = kits.get(1);
        owners = kits.get(2);
    }

    @AfterAll
    static void stop() {
        TestClusters.stop(List.of(platform, open, owners));
    }

    private static MarketProblem horizon(long seed) {
        return new MultiPeriodFormulation()
                .formulate(
                        RandomHorizons.generate(
                                seed,
                                RandomHorizons.Spec.full()
                                        .withPeers(4, 6)
                                        .withMaxPeriods(4)
                                        .withLinked(true)))
                .problem();
    }

    private static ClusterSettings settings() {
        return ClusterSettings.from(platform.system().settings().config())
                .withRoundTimeout(Duration.ofSeconds(10));
    }

    /** A link that records the kinds of request its node receives. */
    private static Behavior<Command> spy(ActorRef<Command> node, Set<String> seen) {
        return Behaviors.receiveMessage(
                m -> {
                    seen.add(m.getClass().getSimpleName());
                    node.tell(m);
                    return Behaviors.same();
                });
    }

    private static ActorRef<Command> ownNode(MarketProblem market, String... ids) {
        return owners.spawn(PeerNode.create(OwnPeers.of(market, List.of(ids))));
    }

    @Test
    void peersBuiltFromTheNodesOwnCaseClearAsInProcess() {
        MarketProblem p = horizon(2);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ActorRef<Command> owner =
                platform.spawn(spy(ownNode(p, p.peerLabel(0), p.peerLabel(2)), seen));
        List<ActorRef<Command>> nodes = List.of(open.spawn(PeerNode.create()), owner);
        ProblemSolution a = new AdmmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution b =
                new AdmmSolver(
                                AdmmOptions.DEFAULTS,
                                null,
                                PekkoHorizonTransport.factory(
                                        platform.system(), nodes, settings(), null, false))
                        .solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, a.status(), a.message());
        assertEquals(a.status(), b.status(), b.message());
        assertEquals(a.iterations(), b.iterations(), "rounds");
        assertArrayEquals(a.x(), b.x(), 0.0, "set-points bit for bit");
        assertArrayEquals(a.f(), b.f(), 0.0, "trades bit for bit");
        assertArrayEquals(a.privateVariables(), b.privateVariables(), 0.0, "storage");
        assertTrue(seen.contains("HostOwnHorizon"), "started from its own case: " + seen);
        assertFalse(seen.contains("HostHorizon"), "no spec sent to it: " + seen);
    }

    /** The refusal's message: a status without a point, not an exception. */
    private static String refused(MarketProblem p, List<ActorRef<Command>> nodes) {
        ProblemSolution s =
                new AdmmSolver(
                                AdmmOptions.DEFAULTS,
                                null,
                                PekkoHorizonTransport.factory(
                                        platform.system(), nodes, settings(), null, false))
                        .solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
        assertFalse(s.hasPoint(), s.message());
        return s.message();
    }

    @Test
    void aPeerHostedTwiceADifferentCaseAndAPeerNobodyHostsAreRefused() {
        MarketProblem p = horizon(2);
        String a = p.peerLabel(0), b = p.peerLabel(1), c = p.peerLabel(2);
        String twice =
                refused(
                        p,
                        List.of(open.spawn(PeerNode.create()), ownNode(p, a, b), ownNode(p, b, c)));
        assertTrue(twice.contains("peer " + b + " is hosted twice"), twice);
        MarketProblem other = horizon(12);
        String differs =
                refused(
                        p,
                        List.of(open.spawn(PeerNode.create()), ownNode(other, other.peerLabel(0))));
        assertTrue(differs.contains("public data") && differs.contains("differ"), differs);
        String nobody = refused(p, List.of(ownNode(p, a)));
        assertTrue(nobody.contains("hosted by no node") && nobody.contains(b), nobody);
    }

    @Test
    void idsNotInTheCaseAreNamed() {
        MarketProblem p = horizon(2);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OwnPeers.of(p, List.of(p.peerLabel(0), "ZZ", p.peerLabel(0))));
        assertTrue(e.getMessage().contains("ZZ") && e.getMessage().contains("not in the case"));
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    }
}
