package org.gridbazaar.solver.joptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prices this backend recovers from the KKT conditions (JOptimizer returns none) against the
 * multipliers of the structured interior-point solver. Prices are compared where they are unique:
 * at nodes strictly inside their bounds ({@code y = a x + b}) and at every node joined to one of
 * those by arcs carrying flow ({@code y_head = y_tail + w}). Elsewhere optimal prices form an
 * interval and the two solvers may pick different points of it; that case is pinned separately.
 */
class RecoveredPricesTest {

    private static final double PRICE_TOLERANCE = 1e-6;

    static java.util.stream.Stream<Arguments> markets() {
        return java.util.stream.Stream.of(
                Arguments.of(21L, RandomMarkets.Spec.basic(12).withPreferences(true)),
                Arguments.of(22L, RandomMarkets.Spec.basic(14).withNetwork(4, true, false)),
                Arguments.of(
                        23L,
                        RandomMarkets.Spec.basic(10)
                                .withExplicitPairs(true)
                                .withFixedShare(0.3)
                                .withPreferences(true)),
                Arguments.of(24L, RandomMarkets.Spec.basic(10).withHeat(0.6, 0.7)));
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("markets")
    void uniquePricesMatchTheStructuredSolver(long seed, RandomMarkets.Spec spec) {
        MarketProblem p = JOptimizerSolverTest.problem(seed, spec);
        ProblemSolution mine = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution ref = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, mine.status(), mine.message());
        assertEquals(Status.OPTIMAL, ref.status(), ref.message());
        KktChecker.assertKkt(p, mine, 1e-6);
        boolean[] unique = uniquelyPriced(p, mine);
        double tol = PRICE_TOLERANCE * KktChecker.priceScale(p);
        int compared = 0;
        for (int k = 0; k < p.nodeCount(); k++) {
            if (unique[k]) {
                assertEquals(
                        ref.y()[k],
                        mine.y()[k],
                        tol,
                        "price of node " + k + " ($/kW), seed " + seed);
                compared++;
            }
        }
        assertTrue(
                compared >= p.nodeCount() / 2,
                "only " + compared + " of " + p.nodeCount() + " prices are unique");
    }

    @Test
    void aPriceThatIsNotUniqueIsTheCentreOfItsInterval() {
        // G serves C's fixed 100 kW at 0.02 * 100 + 10 = 12 $/kW. C2 buys nothing: its marginal
        // cost at 0
        // is 5 $/kW, so any price in [5, 12] (at least C2's marginal cost at its upper bound, at
        // most G's
        // price on the idle arc G -> C2) is optimal for it. The recovery returns the centre, 8.5
        // $/kW.
        MarketProblem.Builder b = MarketProblem.builder("interval-price");
        int g = b.node(b.peer("G"), MarketProblem.POWER, 0.02, 10, 0, 0, 500);
        int c = b.node(b.peer("C"), MarketProblem.POWER, 0, 60, 0, -100, -100);
        int c2 = b.node(b.peer("C2"), MarketProblem.POWER, 0.05, 5, 0, -100, 0);
        b.arc(g, c, 0, 0);
        b.arc(g, c2, 0, 0);
        MarketProblem p = b.build();
        ProblemSolution s = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        double tol = 1e-6 * KktChecker.priceScale(p);
        assertEquals(0, s.x()[c2], 1e-6 * 500, "C2 buys nothing (kW)");
        assertEquals(12, s.y()[g], tol, "G's marginal cost ($/kW)");
        assertEquals(12, s.y()[c], tol, "C pays G's price on the trade ($/kW)");
        assertEquals(8.5, s.y()[c2], tol, "C2: the centre of [5, 12] ($/kW)");
        ProblemSolution ref = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertTrue(
                ref.y()[c2] > 5 - tol && ref.y()[c2] < 12 + tol,
                "the structured solver picks a point of [5, 12] too: " + ref.y()[c2]);
    }

    @Test
    void chpPeerOnItsPolygonEdgeGetsPricesInTheConeOfThatEdge() {
        // A CHP unit may not make more power than heat (p - h <= 0). Alone, the power market would
        // take
        // 400 kW (the CHP's maximum) and the heat market about 167 kW, so the edge binds: with p =
        // h = q,
        // (40 - 0.05 q - 0.02 q - 10) + (15 - 0.05 q - 0.01 q - 5) = 0 gives q = 307.7 kW, inside
        // every
        // bound; the CHP's power price exceeds its marginal cost by 8.46 $/kW and its heat price
        // falls
        // short of it by the same amount (the edge's multiplier times its unit normal).
        MarketProblem.Builder b = MarketProblem.builder("chp-edge");
        int chp = b.peer("CHP"), pc = b.peer("power consumer"), hc = b.peer("heat consumer");
        int chpP = b.node(chp, MarketProblem.POWER, 0.02, 10, 0, 0, 400);
        int chpH = b.node(chp, MarketProblem.HEAT, 0.01, 5, 0, 0, 400);
        int pcP = b.node(pc, MarketProblem.POWER, 0.05, 40, 0, -400, 0);
        int hcH = b.node(hc, MarketProblem.HEAT, 0.05, 15, 0, -400, 0);
        b.arc(chpP, pcP, 0, 0);
        b.arc(chpH, hcH, 0, 0);
        double r = Math.sqrt(0.5);
        b.sideConstraint(new int[] {chpP, chpH}, new double[] {r, -r}, 0);
        MarketProblem p = b.build();
        ProblemSolution mine = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution ref = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, mine.status(), mine.message());
        KktChecker.assertKkt(p, mine, 1e-6);
        double[] x = mine.x(), y = mine.y();
        double q = 40 / 0.13;
        assertEquals(q, x[chpP], 1e-6 * 400, "CHP power on the edge");
        assertEquals(q, x[chpH], 1e-6 * 400, "CHP heat on the edge");
        double lambda = y[chpP] - (0.02 * x[chpP] + 10);
        assertEquals(30 - 0.07 * q, lambda, 1e-6 * 40, "power sells above the CHP's marginal cost");
        assertEquals(
                -lambda,
                y[chpH] - (0.01 * x[chpH] + 5),
                1e-6 * 40,
                "heat below it by the same multiplier");
        for (int k = 0; k < p.nodeCount(); k++) {
            assertEquals(ref.y()[k], y[k], 1e-6 * 40, "price of node " + k + " vs structured-ipm");
        }
    }

    /**
     * Nodes whose optimal price is unique: strictly inside their bounds (and outside any active
     * side constraint), or joined to such a node by arcs that carry flow.
     */
    private static boolean[] uniquelyPriced(MarketProblem p, ProblemSolution s) {
        int n = p.nodeCount();
        double[] x = s.x(), f = s.f(), lo = p.lower(), hi = p.upper();
        double act = 1e-6 * p.injectionScale();
        boolean[] sided = new boolean[p.peerCount()];
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            sided[p.sidePeer(r)] = true;
        }
        int[] peer = p.nodePeer(), tail = p.tail(), head = p.head();
        boolean[] unique = new boolean[n];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < n; k++) {
            if (!sided[peer[k]] && x[k] - lo[k] > act && hi[k] - x[k] > act) {
                unique[k] = true;
                queue.add(k);
            }
        }
        while (!queue.isEmpty()) {
            int k = queue.poll();
            for (int t = 0; t < p.arcCount(); t++) {
                if (f[t] > act && (tail[t] == k || head[t] == k)) {
                    int other = tail[t] == k ? head[t] : tail[t];
                    if (!unique[other]) {
                        unique[other] = true;
                        queue.add(other);
                    }
                }
            }
        }
        return unique;
    }
}
