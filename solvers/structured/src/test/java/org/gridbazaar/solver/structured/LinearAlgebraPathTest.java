package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.InteriorPoint;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The iterative path (tree-preconditioned conjugate gradients) against the dense reference on
 * seeded markets, and the choice between them. Both paths solve the same Newton systems, so they
 * reach the same optimum: objectives agree to {@code 1e-8} relative and, where costs are strictly
 * convex (so the optimum's set-points are unique), set-points to {@code 1e-6} kW.
 */
class LinearAlgebraPathTest {

    private static final double OBJECTIVE_TOL = 1e-8;
    private static final double SETPOINT_TOL = 1e-6;

    static Stream<Arguments> markets() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 300; seed < 303; seed++) {
            out.add(Arguments.of("basic", seed, RandomMarkets.Spec.basic(80), true));
            out.add(
                    Arguments.of(
                            "preferences, explicit pairs",
                            seed,
                            RandomMarkets.Spec.basic(80)
                                    .withPreferences(true)
                                    .withExplicitPairs(true),
                            true));
            out.add(
                    Arguments.of(
                            "resistance and congestion penalties",
                            seed,
                            RandomMarkets.Spec.basic(60)
                                    .withPreferences(true)
                                    .withNetwork(12, true, true),
                            true));
            out.add(
                    Arguments.of(
                            "heat and CHP, fixed demands, linear costs",
                            seed,
                            RandomMarkets.Spec.full(40),
                            false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("markets")
    void iterativePathReachesTheDenseOptimum(
            String what, long seed, RandomMarkets.Spec spec, boolean uniqueSetPoints) {
        Market m = RandomMarkets.generate(seed, spec);
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        ProblemSolution dense =
                new StructuredIpmSolver(LinearAlgebra.DENSE).solve(p, SolverOptions.DEFAULTS);
        ProblemSolution iterative =
                new StructuredIpmSolver(LinearAlgebra.TREE_PCG).solve(p, SolverOptions.DEFAULTS);
        String tag = what + ", seed " + seed + ": ";
        assertEquals(Status.OPTIMAL, dense.status(), tag + dense.message());
        assertEquals(Status.OPTIMAL, iterative.status(), tag + iterative.message());
        KktChecker.assertKkt(p, iterative, 1e-6);
        assertAgree(p, dense, iterative, uniqueSetPoints, tag);
    }

    @Test
    void iterativePathMatchesDenseOnASparsePartnerMarketItIsChosenFor() {
        Market m = partnerMarket(700, 4, 11, true);
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        assertEquals(LinearAlgebra.TREE_PCG, InteriorPoint.choose(p), "700 nodes, 1,400 arcs");
        ProblemSolution chosen = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution dense =
                new StructuredIpmSolver(LinearAlgebra.DENSE).solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, chosen.status(), chosen.message());
        assertEquals(Status.OPTIMAL, dense.status(), dense.message());
        KktChecker.assertKkt(p, chosen, 1e-6);
        assertAgree(p, dense, chosen, true, "partner market: ");
        assertTrue(
                chosen.dualityGap() <= 1e-6 * Math.abs(p.objective(chosen.x(), chosen.f())),
                "relative duality gap " + chosen.dualityGap());
    }

    @Test
    void smallAndLineLimitedMarketsUseTheDenseReference() {
        MarketProblem small =
                new P2PFormulation()
                        .formulate(RandomMarkets.generate(5, RandomMarkets.Spec.basic(40)))
                        .problem();
        assertEquals(LinearAlgebra.DENSE, InteriorPoint.choose(small));
        Market feeder =
                RandomMarkets.generate(6, RandomMarkets.Spec.basic(30).withNetwork(8, true, false));
        MarketProblem limited = P2PFormulation.withLineLimits().formulate(feeder).problem();
        assertTrue(limited.couplingConstraintCount() > 0, "the random feeder has line capacities");
        assertEquals(LinearAlgebra.DENSE, InteriorPoint.choose(limited));
        assertThrows(
                IllegalArgumentException.class,
                () -> new InteriorPoint(limited, LinearAlgebra.TREE_PCG));
    }

    @Test
    void largeSparseMarketsUseTheIterativePathAndAreSupported() {
        Market m = partnerMarket(8000, 3, 12, false);
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        assertEquals(LinearAlgebra.TREE_PCG, InteriorPoint.choose(p));
        assertTrue(
                new StructuredIpmSolver().supports(p).supported(),
                "8,000 nodes are beyond the dense limit but supported");
    }

    @Test
    void looseEarlyDirectionsSkipRefinementAndLateOnesAreRefined() {
        MarketProblem p = new P2PFormulation().formulate(partnerMarket(700, 4, 11, true)).problem();
        InteriorPoint.Outcome o =
                new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                        .solve(1e-9, 300, Double.POSITIVE_INFINITY, null);
        assertTrue(o.converged);
        assertTrue(o.refinementPassesSkipped > 0, "skipped " + o.refinementPassesSkipped);
        assertTrue(o.refinementPasses > 0, "refined " + o.refinementPasses);
        InteriorPoint.Outcome dense =
                new InteriorPoint(p, LinearAlgebra.DENSE)
                        .solve(1e-9, 300, Double.POSITIVE_INFINITY, null);
        assertEquals(0, dense.refinementPassesSkipped, "the dense path always refines");
        double objDense = p.objective(dense.x, dense.f), obj = p.objective(o.x, o.f);
        assertEquals(objDense, obj, OBJECTIVE_TOL * Math.abs(objDense));
    }

    private static void assertAgree(
            MarketProblem p,
            ProblemSolution ref,
            ProblemSolution s,
            boolean setPoints,
            String tag) {
        double objRef = p.objective(ref.x(), ref.f());
        double obj = p.objective(s.x(), s.f());
        assertEquals(objRef, obj, OBJECTIVE_TOL * Math.max(1, Math.abs(objRef)), tag + "objective");
        if (setPoints) {
            for (int k = 0; k < p.nodeCount(); k++) {
                assertEquals(
                        ref.x()[k],
                        s.x()[k],
                        SETPOINT_TOL * Math.max(1, p.injectionScale()),
                        tag + "set-point of node " + k);
            }
        }
    }

    /**
     * {@link PartnerMarkets} with preferences in [-2, 5) $/kW on about 30% of the pairs if asked.
     */
    private static Market partnerMarket(int peers, int partners, long seed, boolean preferences) {
        return PartnerMarkets.generate(peers, partners, seed, preferences ? 0.3 : 0, -2, 5);
    }
}
