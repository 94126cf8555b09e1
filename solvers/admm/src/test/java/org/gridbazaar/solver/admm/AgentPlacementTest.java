package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.transport.AgentSpec;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.ProposalBoard;
import org.gridbazaar.solver.admm.transport.Transport;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.Test;

/**
 * A transport that cannot place the peers' agents (on a cluster: a peer hosted twice or by no node,
 * a node holding another case) refuses with an {@link IllegalArgumentException} naming them; {@code
 * admm} and {@code consensus} answer that with a status, not the exception: {@code ITERATION_LIMIT}
 * after 0 rounds, no point, the refusal's words in the message.
 */
class AgentPlacementTest {

    private static final String REFUSAL =
            "peer B1 is hosted twice, by node-1 and node-2; maybe drop it from one node's --ids";

    private static void assertNotPlaced(ProblemSolution s) {
        assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
        assertFalse(s.hasPoint(), "no point");
        assertEquals(0, s.iterations());
        assertTrue(s.message().contains(REFUSAL), s.message());
        assertTrue(s.message().startsWith("no round was run"), s.message());
        assertEquals(Termination.PointStatus.NO_POINT, s.termination().primal());
    }

    @Test
    void aTransportThatCannotPlaceTheAgentsOfAHorizonGivesAStatus() {
        MarketProblem p =
                new MultiPeriodFormulation()
                        .formulate(
                                RandomHorizons.generate(
                                        3,
                                        RandomHorizons.Spec.full()
                                                .withPeers(4, 6)
                                                .withMaxPeriods(3)
                                                .withLinked(true)))
                        .problem();
        HorizonTransport.Factory refusing =
                new HorizonTransport.Factory() {
                    @Override
                    public HorizonTransport open(List<HorizonSpec> agents) {
                        throw new IllegalArgumentException(REFUSAL);
                    }
                };
        assertNotPlaced(
                new AdmmSolver(AdmmOptions.DEFAULTS, null, refusing)
                        .solve(p, SolverOptions.DEFAULTS));
    }

    @Test
    void aTransportThatCannotPlaceTheAgentsOfOnePeriodGivesAStatus() {
        MarketProblem p = Markets.allPairs(3, 4, 7);
        Transport.Factory refusing =
                (List<AgentSpec> agents, ProposalBoard board) -> {
                    throw new IllegalArgumentException(REFUSAL);
                };
        assertNotPlaced(
                new AdmmSolver(AdmmOptions.DEFAULTS, refusing).solve(p, SolverOptions.DEFAULTS));
        assertNotPlaced(
                new ConsensusSolver(AdmmOptions.DEFAULTS, refusing)
                        .solve(p, SolverOptions.DEFAULTS));
    }
}
