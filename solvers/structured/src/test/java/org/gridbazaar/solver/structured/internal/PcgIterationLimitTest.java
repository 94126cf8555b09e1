package org.gridbazaar.solver.structured.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iterative path with its conjugate gradients cut to a few iterations per solve, so that most
 * solves stop at their limit: such solves are counted, and an iteration with one takes its
 * directions from the dense reduced system, so the run still converges to the dense path's optimum
 * with a point the certificate accepts. Without the fall-back the unconverged solves are still
 * counted, and whatever the run ends with, its point is called converged only if the certificate
 * accepts it, at the dense path's objective.
 */
class PcgIterationLimitTest {

    private static final double TOL = 1e-9;

    /** What the solver requires of a converged run's point ({@code CERTIFICATE_SLACK}). */
    private static final double ACCEPT = 1e3 * TOL;

    private static MarketProblem market(long seed) {
        return new P2PFormulation()
                .formulate(RandomMarkets.generate(seed, RandomMarkets.Spec.full(24)))
                .problem();
    }

    private static double reference(MarketProblem p) {
        InteriorPoint.Outcome o =
                new InteriorPoint(p, InteriorPoint.LinearAlgebra.DENSE)
                        .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
        assertTrue(o.converged);
        assertNull(Certificate.failure(p, o.x, o.f, o.y, o.couplingDuals, ACCEPT));
        return p.objective(o.x, o.f);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void unconvergedSolvesFallBackToTheDenseSystemAndTheRunReachesTheOptimum(long seed) {
        MarketProblem p = market(seed);
        double optimum = reference(p);
        InteriorPoint.Outcome o =
                new InteriorPoint(p, InteriorPoint.LinearAlgebra.TREE_PCG)
                        .withPcgLimit(2, true)
                        .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
        assertTrue(o.unconvergedLinearSolves > 0, "a 2-iteration cap leaves solves unconverged");
        assertTrue(o.denseFallbacks > 0, "and those iterations fall back to the dense system");
        assertTrue(o.converged, "seed " + seed);
        assertNull(Certificate.failure(p, o.x, o.f, o.y, o.couplingDuals, ACCEPT));
        assertEquals(optimum, p.objective(o.x, o.f), 1e-7 * Math.max(1, Math.abs(optimum)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void withoutTheFallBackUnconvergedSolvesAreCountedAndOnlyTheCertificateCallsAPointOptimal(
            long seed) {
        MarketProblem p = market(seed);
        double optimum = reference(p);
        InteriorPoint.Outcome o =
                new InteriorPoint(p, InteriorPoint.LinearAlgebra.TREE_PCG)
                        .withPcgLimit(2, false)
                        .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
        assertTrue(o.unconvergedLinearSolves > 0);
        assertEquals(0, o.denseFallbacks);
        // here the runs diverge (24 to 40 iterations, balances off by 0.3 to 11 kW); whatever a
        // run ends with, the certificate accepts no point away from the optimum
        boolean certified = Certificate.failure(p, o.x, o.f, o.y, o.couplingDuals, ACCEPT) == null;
        double off = Math.abs(p.objective(o.x, o.f) - optimum);
        assertTrue(
                !certified || off <= 1e-6 * Math.max(1, Math.abs(optimum)),
                "seed " + seed + ": certified " + off + " $ away from the optimum");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void withTheDefaultLimitNoSolveIsLeftUnconverged(long seed) {
        InteriorPoint.Outcome o =
                new InteriorPoint(market(seed), InteriorPoint.LinearAlgebra.TREE_PCG)
                        .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
        assertTrue(o.converged);
        assertEquals(0, o.unconvergedLinearSolves);
        assertEquals(0, o.denseFallbacks);
    }
}
