package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.Certificate;
import org.gridbazaar.solver.structured.internal.ImpliedBounds;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.solver.structured.internal.SpanningForest;
import org.gridbazaar.testkit.HardMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The badly scaled shapes of {@link HardMarkets} through each of the solver's paths on its own, not
 * only the one the solver picks: the interior point with the dense and with the iterative linear
 * algebra, and the spanning-forest method. Each path either returns the exact optimum or does not
 * say {@code OPTIMAL} (a huge slack bound once made the forest stop at all-zero injections, and the
 * iterative path accept a point 50 kW out of balance, both as optimal).
 */
class HardShapePathsTest {

    static Stream<Arguments> shapesAndPaths() {
        return HardMarkets.all().stream()
                .flatMap(
                        s ->
                                Stream.of(
                                        Arguments.of(s, LinearAlgebra.DENSE),
                                        Arguments.of(s, LinearAlgebra.TREE_PCG)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndPaths")
    void interiorPointPathIsExactOrSaysItStopped(HardMarkets.Shape shape, LinearAlgebra algebra) {
        MarketResult r =
                MarketClearing.clear(
                        shape.market(), new StructuredIpmSolver(algebra), SolverOptions.DEFAULTS);
        if (r.status() != Status.OPTIMAL) {
            assertTrue(
                    r.status() == Status.ITERATION_LIMIT || r.status() == Status.NUMERICAL_ERROR,
                    shape + ": " + r.status());
            return;
        }
        assertOptimum(shape, r, algebra.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gridbazaar.testkit.HardMarkets#all")
    void forestPathIsExactOrGivesUp(HardMarkets.Shape shape) {
        MarketProblem p =
                ImpliedBounds.tighten(new P2PFormulation().formulate(shape.market()).problem());
        if (!SpanningForest.applies(p)) {
            return;
        }
        SpanningForest.Outcome o =
                SpanningForest.solve(p, 10_000, 1_000_000, Double.POSITIVE_INFINITY, null);
        if (o == null || Certificate.failure(p, o.x, o.f, o.y, new double[0], 1e-7) != null) {
            return; // the solver falls back to the interior point; what it may never do is accept
        }
        assertEquals(
                shape.objective(),
                p.objective(o.x, o.f),
                1e-6 * Math.max(1, Math.abs(shape.objective())),
                shape + ": the forest's certified point is not the optimum");
    }

    @Test
    void hugeSlackBoundIsReplacedByTheBoundTheBalanceImplies() {
        MarketProblem p =
                new P2PFormulation().formulate(HardMarkets.hugeSlackBound().market()).problem();
        MarketProblem t = ImpliedBounds.tighten(p);
        // G can sell at most what C and D can buy (1,400 kW); the new bound leaves a margin of that
        // size
        assertEquals(2800, t.upper()[0], 1e-9);
        assertEquals(300, t.upper()[1], 0, "G2's own bound is already small");
        assertTrue(t.injectionScale() < 1e4, "scale " + t.injectionScale());
    }

    @Test
    void ordinaryMarketsAreLeftAsTheyAre() {
        MarketProblem p =
                new P2PFormulation().formulate(HardMarkets.largePrices().market()).problem();
        MarketProblem t = ImpliedBounds.tighten(p);
        // bounds untouched; only fixed nodes' costs may become the constants they are
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.lower(), t.lower());
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.upper(), t.upper());
        double[] x = p.lower();
        assertEquals(
                p.objective(x, new double[p.arcCount()]),
                t.objective(x, new double[p.arcCount()]),
                1e-9 * Math.abs(p.objective(x, new double[p.arcCount()])));
    }

    private static void assertOptimum(HardMarkets.Shape shape, MarketResult r, String path) {
        Market m = shape.market();
        assertEquals(
                shape.objective(),
                r.objective(),
                1e-6 * Math.max(1, Math.abs(shape.objective())),
                () -> shape + " via " + path + ": OPTIMAL at objective " + r.objective());
        for (Peer peer : m.peers()) {
            String id = peer.id().value();
            Double expected = shape.setPoints().get(id);
            if (expected != null) {
                assertEquals(
                        expected,
                        r.power(id),
                        1e-6 * shape.scales().get(id),
                        () -> shape + " via " + path + ": set-point of " + id);
            }
        }
    }
}
