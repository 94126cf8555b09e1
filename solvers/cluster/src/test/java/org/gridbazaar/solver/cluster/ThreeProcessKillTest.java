package org.gridbazaar.solver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.Progress;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/**
 * Three node JVMs on 127.0.0.1 clear a 200-peer market; one is killed (as a crash) in round 15. The
 * run is reported without a point, naming exactly the killed node's peers, and the market is
 * cleared again without them on the two others, with the same outcome as the in-process clearing of
 * that market. It runs in the default build (about 40 s on an idle two-core machine, most of it
 * starting three JVMs and waiting out the lost node's two time-outs), because it is the one test of
 * what a crashed process does.
 */
class ThreeProcessKillTest {

    @Test
    void aKilledNodeIsReportedByItsPeersAndTheMarketIsClearedWithoutThem() {
        MarketProblem p =
                new P2PFormulation()
                        .formulate(
                                RandomMarkets.generate(
                                        3, RandomMarkets.Spec.basic(200).withExplicitPairs(true)))
                        .problem();
        // a crashed node is declared lost after two unanswered requests of 3 s each
        System.setProperty("gridbazaar.cluster.round-timeout", "3s");
        com.typesafe.config.ConfigFactory.invalidateCaches();
        try (LocalCluster cluster =
                LocalCluster.start(
                        3, LocalCluster.javaCommand(NodeMain.class.getName(), List.of()))) {
            ClusterSolver solver =
                    new ClusterSolver(AdmmSolver.NAME, AdmmOptions.DEFAULTS, cluster);
            Progress killer =
                    new Progress() {
                        @Override
                        public void iteration(
                                int iteration, double primalResidual, double dualResidual) {
                            if (iteration == 15) {
                                cluster.kill(1);
                            }
                        }
                    };
            ProblemSolution first = solver.solve(p, SolverOptions.DEFAULTS.withProgress(killer));
            Reclearing.Outcome o = solver.lastOutcome();
            assertTrue(o.lostAny(), first.message());
            assertEquals(null, o.reclearFailure(), first.message());
            assertNotEquals(Status.OPTIMAL, first.status());
            assertFalse(first.hasPoint(), "nothing half-written");
            assertEquals(16, first.iterations(), "lost in the round after the kill");
            // one node's contiguous block of peers, one of the three thirds of 200
            List<Integer> lost = o.lostPeers();
            int from = lost.get(0), to = lost.get(lost.size() - 1);
            assertEquals(to - from + 1, lost.size());
            assertTrue(List.of(0, 66, 133).contains(from), "block starts at " + from);
            for (String label : o.lostLabels()) {
                assertTrue(first.message().contains(label), label);
            }
            ProblemSolution local =
                    new AdmmSolver()
                            .solve(
                                    Reclearing.without(p, new TreeSet<>(lost)),
                                    SolverOptions.DEFAULTS);
            ProblemSolution again = o.reclear();
            // whatever the market without them is (it may be infeasible: some peers lose their only
            // partners),
            // the re-clear on the surviving nodes says the same as the in-process clearing
            assertEquals(local.status(), again.status(), again.message());
            assertEquals(local.iterations(), again.iterations());
            assertEquals(local.hasPoint(), again.hasPoint());
            if (local.hasPoint()) {
                assertArrayEquals(local.x(), again.x(), 1e-9);
                assertArrayEquals(local.f(), again.f(), 1e-9);
            }
        } finally {
            System.clearProperty("gridbazaar.cluster.round-timeout");
            com.typesafe.config.ConfigFactory.invalidateCaches();
        }
    }
}
