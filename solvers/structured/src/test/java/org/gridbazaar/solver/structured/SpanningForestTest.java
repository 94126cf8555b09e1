package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.solver.structured.internal.SpanningForest;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spanning-forest method against the interior-point method (dense path, forced) and against
 * closed forms. Costs are strictly convex here, so set-points are unique and must agree; trades are
 * not unique, so only the forest's own properties are checked for them (feasible, at most {@code n
 * - 1} positive arcs, zero reduced cost where positive).
 */
class SpanningForestTest {

    static Stream<Arguments> markets() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 700; seed < 704; seed++) {
            out.add(Arguments.of("basic", seed, RandomMarkets.Spec.basic(60)));
            out.add(
                    Arguments.of(
                            "preferences (bonuses too), explicit pairs",
                            seed,
                            RandomMarkets.Spec.basic(60)
                                    .withPreferences(true)
                                    .withExplicitPairs(true)));
            out.add(
                    Arguments.of(
                            "fixed demands and supplies",
                            seed,
                            RandomMarkets.Spec.basic(50).withFixedShare(0.3)));
            out.add(
                    Arguments.of(
                            "three buses: many equal trade costs",
                            seed,
                            RandomMarkets.Spec.basic(80).withNetwork(3, true, false)));
            out.add(
                    Arguments.of(
                            "both penalties, preferences, half prosumers",
                            seed,
                            RandomMarkets.Spec.basic(60)
                                    .withPreferences(true)
                                    .withProsumerShare(0.5)
                                    .withNetwork(10, true, true)));
            out.add(
                    Arguments.of(
                            "heat without CHP",
                            seed,
                            RandomMarkets.Spec.basic(40).withHeat(0.5, 0)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("markets")
    void forestReachesTheInteriorPointOptimum(String what, long seed, RandomMarkets.Spec spec) {
        MarketProblem p =
                new P2PFormulation().formulate(RandomMarkets.generate(seed, spec)).problem();
        assertTrue(SpanningForest.applies(p), "the method applies to " + what);
        assertTrue(StructuredIpmSolver.prefersForest(p));
        ProblemSolution forest = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution ipm =
                new StructuredIpmSolver(LinearAlgebra.DENSE).solve(p, SolverOptions.DEFAULTS);
        assertEquals(ipm.status(), forest.status(), what + ": " + forest.message());
        if (ipm.status() != Status.OPTIMAL) {
            return;
        }
        // the solver's answer is the forest method's own (no fallback to the interior point)
        SpanningForest.Outcome own =
                SpanningForest.solve(p, 10_000, 1_000_000, Double.POSITIVE_INFINITY, null);
        assertNotNull(own, "the forest method gave up");
        assertFalse(own.passLimit);
        assertTrue(
                own.primalResidual <= 1e-9 * p.injectionScale(),
                "primal residual " + own.primalResidual);
        assertTrue(own.dualResidual <= 1e-9 * p.priceScale(), "dual residual " + own.dualResidual);
        assertEquals(own.passes, forest.iterations(), "passes");
        KktChecker.assertKkt(p, forest, 1e-9);
        double fo = p.objective(forest.x(), forest.f()), io = p.objective(ipm.x(), ipm.f());
        assertEquals(io, fo, 1e-8 * Math.max(1, Math.abs(io)), "objective");
        assertTrue(
                fo <= io + 1e-9 * Math.max(1, Math.abs(io)),
                "the exact method is at least as good: " + fo + " vs " + io);
        double[] lo = p.lower(), hi = p.upper(), x = forest.x(), xi = ipm.x();
        for (int k = 0; k < p.nodeCount(); k++) {
            assertEquals(xi[k], x[k], 1e-6 * Math.max(1, hi[k] - lo[k]), "set-point of node " + k);
        }
        assertForest(p, forest);
        assertTrue(
                forest.dualityGap() <= 1e-9 * Math.max(1, Math.abs(fo)),
                "gap " + forest.dualityGap());
    }

    /** Positive arcs form a forest and are tight: {@code y_head - y_tail = w}. */
    private static void assertForest(MarketProblem p, ProblemSolution s) {
        int n = p.nodeCount();
        int[] tail = p.tail(), head = p.head(), set = new int[n];
        for (int k = 0; k < n; k++) {
            set[k] = k;
        }
        double[] f = s.f(), y = s.y(), w = p.arcCost();
        for (int t = 0; t < f.length; t++) {
            assertTrue(f[t] >= 0, "flow " + t);
            if (f[t] > 0) {
                int a = find(set, tail[t]), b = find(set, head[t]);
                assertFalse(a == b, "positive arcs close a cycle at arc " + t);
                set[a] = b;
                assertEquals(
                        w[t],
                        y[head[t]] - y[tail[t]],
                        1e-9 * p.priceScale(),
                        "reduced cost of positive arc " + t);
            }
        }
    }

    private static int find(int[] set, int k) {
        while (set[k] != k) {
            set[k] = set[set[k]];
            k = set[k];
        }
        return k;
    }

    @Test
    void withoutTradeCostsEveryTradingPeerSeesOneUniformPrice() {
        Market.Builder b = Market.builder("uniform");
        double[][] sellers = {{0.02, 10, 200}, {0.05, 15, 150}, {0.1, 25, 100}, {0.03, 60, 300}};
        double[][] buyers = {{0.04, 70, 120}, {0.02, 45, 180}, {0.08, 30, 90}, {0.05, 5, 100}};
        for (int i = 0; i < sellers.length; i++) {
            b.producer(
                    "G" + i, 0, sellers[i][2], QuadraticCost.of(sellers[i][0], sellers[i][1], 0));
        }
        for (int j = 0; j < buyers.length; j++) {
            b.consumer("C" + j, -buyers[j][2], 0, QuadraticCost.of(buyers[j][0], buyers[j][1], 0));
        }
        MarketProblem p = new P2PFormulation().formulate(b.build()).problem();
        // closed form: the price at which total supply meets total demand, by bisection
        double[] a = p.quadratic(), lin = p.linear(), lo = p.lower(), hi = p.upper();
        double low = -1000, high = 1000;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (low + high);
            if (balance(mid, a, lin, lo, hi) > 0) {
                high = mid;
            } else {
                low = mid;
            }
        }
        double price = 0.5 * (low + high);
        ProblemSolution s = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status());
        double[] x = s.x(), y = s.y();
        for (int k = 0; k < p.nodeCount(); k++) {
            double expected = Math.min(hi[k], Math.max(lo[k], (price - lin[k]) / a[k]));
            assertEquals(expected, x[k], 1e-9, "set-point of node " + k);
            if (Math.abs(x[k]) > 1e-9) {
                assertEquals(price, y[k], 1e-9, "price of trading node " + k);
            }
        }
        // G3 (b = 60) is too dear and C3 (b = 5) values too little: neither trades
        assertEquals(0, x[3], 1e-12);
        assertEquals(0, x[7], 1e-12);
        assertForest(p, s);
    }

    private static double balance(double price, double[] a, double[] b, double[] lo, double[] hi) {
        double g = 0;
        for (int k = 0; k < a.length; k++) {
            g += Math.min(hi[k], Math.max(lo[k], (price - b[k]) / a[k]));
        }
        return g;
    }

    @Test
    void aFixedDemandThatNoPeerCanMeetAloneIsShared() {
        // C1 must take exactly 80 kW; G1 and G2 share it at equal marginal cost:
        // 0.1 x1 + 10 = 0.3 x2 + 6, x1 + x2 = 80  ->  x1 = 50, x2 = 30, price 15 $/kW
        Market m =
                Market.builder("must-take")
                        .producer("G1", 0, 60, QuadraticCost.of(0.1, 10, 0))
                        .producer("G2", 0, 60, QuadraticCost.of(0.3, 6, 0))
                        .consumer("C1", -80, -80, QuadraticCost.of(0.01, 40, 0))
                        .build();
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        SpanningForest.Outcome o =
                SpanningForest.solve(p, 1000, 10_000, Double.POSITIVE_INFINITY, null);
        assertNotNull(o);
        assertEquals(50, o.x[0], 1e-9);
        assertEquals(30, o.x[1], 1e-9);
        assertEquals(-80, o.x[2], 1e-9);
        assertEquals(15, o.y[0], 1e-9);
        assertEquals(15, o.y[1], 1e-9);
    }

    @Test
    void fixedDemandsWithoutCostsAreTheForestsToo() {
        // fixed consumers with no cost at all (a = b = 0), as in the built-in 11-bus case: the
        // method applies and agrees with the interior point; 0.1 x1 + 10 = 0.2 x2 + 5 and
        // x1 + x2 = 400  ->  x1 = 250, x2 = 150, price 35 $/kW
        Market m =
                Market.builder("fixed-without-cost")
                        .producer("G1", 0, 300, QuadraticCost.of(0.1, 10, 0))
                        .producer("G2", 0, 300, QuadraticCost.of(0.2, 5, 0))
                        .consumer("C1", -250, -250, QuadraticCost.of(0, 0, 0))
                        .consumer("C2", -150, -150, QuadraticCost.of(0, 0, 0))
                        .build();
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        assertTrue(SpanningForest.applies(p));
        SpanningForest.Outcome o =
                SpanningForest.solve(p, 1000, 10_000, Double.POSITIVE_INFINITY, null);
        assertNotNull(o);
        assertEquals(250, o.x[0], 1e-9);
        assertEquals(150, o.x[1], 1e-9);
        assertEquals(35, o.y[0], 1e-9);
        assertEquals(35, o.y[1], 1e-9);
        ProblemSolution s = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status());
        KktChecker.assertKkt(p, s, 1e-9);
        assertForest(p, s);
    }

    @Test
    void aPassLimitGivesTheCurrentPointNotAnOptimum() {
        MarketProblem p =
                new P2PFormulation()
                        .formulate(RandomMarkets.generate(11, RandomMarkets.Spec.basic(80)))
                        .problem();
        SpanningForest.Outcome o =
                SpanningForest.solve(p, 1, 10_000, Double.POSITIVE_INFINITY, null);
        assertTrue(o.passLimit);
        ProblemSolution s =
                new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS.withMaxIterations(1));
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertTrue(s.message().contains("pass limit"), s.message());
    }

    @Test
    void largeSparseMarketsGoToTheInteriorPointAndVeryDenseOnesToTheForest() {
        assertTrue(
                StructuredIpmSolver.prefersForest(bipartite(1200, 10)), "1,200 nodes, any density");
        assertFalse(
                StructuredIpmSolver.prefersForest(bipartite(1500, 10)),
                "1,500 nodes, 5 pairs per node");
        assertFalse(
                StructuredIpmSolver.prefersForest(bipartite(2000, 50)),
                "2,000 nodes, 25 pairs per node");
        assertTrue(
                StructuredIpmSolver.prefersForest(bipartite(2000, 400)),
                "2,000 nodes, 200 pairs per node");
    }

    /**
     * {@code nodes / 2} sellers each trading with {@code partners} consecutive buyers, strictly
     * convex costs.
     */
    private static MarketProblem bipartite(int nodes, int partners) {
        MarketProblem.Builder b = MarketProblem.builder("bipartite-" + nodes + "x" + partners);
        int sellers = nodes / 2;
        for (int k = 0; k < nodes; k++) {
            boolean seller = k < sellers;
            b.node(
                    b.peer("P" + k),
                    MarketProblem.POWER,
                    0.1,
                    seller ? 10 : -40,
                    0,
                    seller ? 0 : -100,
                    seller ? 100 : 0);
        }
        for (int i = 0; i < sellers; i++) {
            for (int j = 0; j < partners; j++) {
                b.arc(i, sellers + (i + j) % (nodes - sellers), 0, 0);
            }
        }
        return b.build();
    }

    @Test
    void linearCostsAndSideConstraintsAreLeftToTheInteriorPointMethod() {
        MarketProblem linear =
                new P2PFormulation()
                        .formulate(
                                RandomMarkets.generate(
                                        5,
                                        RandomMarkets.Spec.basic(20).withZeroQuadraticShare(0.5)))
                        .problem();
        assertFalse(SpanningForest.applies(linear));
        MarketProblem chp =
                new P2PFormulation()
                        .formulate(RandomMarkets.generate(5, RandomMarkets.Spec.full(20)))
                        .problem();
        assertFalse(SpanningForest.applies(chp));
    }
}
