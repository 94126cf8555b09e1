package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small network markets with linear-cost producers, fixed demands and congestion penalties, cleared
 * at the command line's default tolerance (1e-6) against the centralized optimum. These seeds are
 * from a sweep of 2,000 such markets in which admm and consensus said OPTIMAL with the objective
 * 1.1e-4 to 1.8e-3 (relative) off: the residual tests held, but the returned point was not
 * balanced, and on markets whose costs nearly cancel a few 1e-4 kW of imbalance moved the objective
 * that far. An OPTIMAL must now be certified by a duality gap at a feasible point.
 */
class NetworkMarketsAtCliToleranceTest {

    private static final SolverOptions CLI =
            SolverOptions.DEFAULTS.withTolerance(AdmmOptions.DEFAULT_TOLERANCE);

    static Stream<Arguments> markets() {
        return Stream.of(
                Arguments.of(5L, 5, 6, false, 0.6474490655139118, 0.41235669041421585),
                Arguments.of(71L, 5, 6, true, 0.5268699544427282, 0.594954756135154),
                Arguments.of(98L, 5, 4, false, 0.5368160139617724, 0.4229967804591319),
                Arguments.of(373L, 5, 4, true, 0.6712944314363957, 0.5761735290155475),
                Arguments.of(970L, 16, 4, true, 0.5703484828606227, 0.5776180103842061),
                Arguments.of(1287L, 5, 4, true, 0.6691064678976866, 0.41036376796962626));
    }

    private static Market market(
            long seed, int peers, int buses, boolean resistance, double fixed, double linear) {
        return RandomMarkets.generate(
                seed,
                RandomMarkets.Spec.basic(peers)
                        .withNetwork(buses, resistance, true)
                        .withZeroQuadraticShare(linear)
                        .withFixedShare(fixed));
    }

    @ParameterizedTest(name = "seed {0}, {1} peers")
    @MethodSource("markets")
    void optimalMeansTheObjectiveIsWithinToleranceOfTheOptimum(
            long seed, int peers, int buses, boolean resistance, double fixed, double linear) {
        Market m = market(seed, peers, buses, resistance, fixed, linear);
        MarketResult ref =
                MarketClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, ref.status(), "reference on " + m.description());
        for (MarketSolver s : new MarketSolver[] {new AdmmSolver(), new ConsensusSolver()}) {
            MarketResult r = MarketClearing.clear(m, s, CLI);
            String ctx = s.name() + " on " + m.description();
            assertEquals(Status.OPTIMAL, r.status(), ctx);
            // the certificate: within tolerance * max(1, |objective|) of the optimum
            assertEquals(
                    ref.objective(),
                    r.objective(),
                    1e-6 * Math.max(1, Math.abs(ref.objective())) * (1 + 1e-9),
                    ctx);
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} peers")
    @MethodSource("markets")
    void optimalPointIsBalancedAndWithinBoundsAndItsGapBoundsTheError(
            long seed, int peers, int buses, boolean resistance, double fixed, double linear) {
        MarketProblem pr =
                new P2PFormulation()
                        .formulate(market(seed, peers, buses, resistance, fixed, linear))
                        .problem();
        ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
        double optimum = pr.objective(ref.x(), ref.f());
        ProblemSolution s = new AdmmSolver().solve(pr, CLI);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        double[] x = s.x(), nf = pr.injections(s.f()), lo = pr.lower(), hi = pr.upper();
        for (int k = 0; k < x.length; k++) {
            double scale = Math.max(1, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
            assertEquals(nf[k], x[k], 1e-11 * scale, "balance of node " + k);
            assertTrue(x[k] >= lo[k] && x[k] <= hi[k], "node " + k + " within its bounds");
        }
        double objective = pr.objective(x, s.f());
        double rounding = 1e-10 * Math.max(1, Math.abs(optimum));
        assertTrue(
                objective >= optimum - rounding,
                "a feasible point is never below the optimum: " + objective + " < " + optimum);
        assertTrue(
                objective - optimum <= s.dualityGap() + rounding,
                "the reported gap "
                        + s.dualityGap()
                        + " bounds the error "
                        + (objective - optimum));
    }
}
