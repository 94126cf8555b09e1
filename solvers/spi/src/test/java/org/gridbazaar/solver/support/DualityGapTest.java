package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.junit.jupiter.api.Test;

/**
 * {@link DualityGap} on the two-peer markets of {@link TinyMarkets}, whose optimum is known in
 * closed form: zero at the optimum, and the hand-computed value when the point or the multipliers
 * move away from it.
 */
class DualityGapTest {

    /** Tolerance on gaps, $. */
    private static final double USD = 1e-9;

    private static final double[] NONE = {};

    @Test
    void theGapVanishesAtTheClosedFormOptimum() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double q = TinyMarkets.Q, price = TinyMarkets.PRICE;
        DualityGap g = gap(p, new double[] {q, -q}, q, new double[] {price, price}, NONE);
        assertEquals(0, g.gap(), USD, g.toString());
        double optimum = 0.01 * q * q + 10 * q + 0.025 * q * q - 30 * q;
        assertEquals(optimum, g.objective(), USD);
        assertEquals(optimum, g.bound(), USD);
    }

    @Test
    void aFeasiblePointOffTheOptimumHasTheGapOfItsExtraCost() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double q = TinyMarkets.Q + 10, price = TinyMarkets.PRICE;
        DualityGap g = gap(p, new double[] {q, -q}, q, new double[] {price, price}, NONE);
        // 0.5 (0.02 + 0.05) d^2 with d = 10 kW: exactly what the point costs above the optimum
        assertEquals(3.5, g.gap(), USD, g.toString());
        assertTrue(g.largest().contains("node 1 of C"), g.largest());
    }

    @Test
    void pricesOffTheOptimumLowerTheBoundByTheirQuadraticExcess() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double q = TinyMarkets.Q, e = 0.5, price = TinyMarkets.PRICE + e;
        DualityGap g = gap(p, new double[] {q, -q}, q, new double[] {price, price}, NONE);
        // G would sell e / 0.02 more, C buy e / 0.05 less: e^2 / (2 0.02) + e^2 / (2 0.05)
        assertEquals(35 * e * e, g.gap(), USD, g.toString());
    }

    @Test
    void aReducedCostOffZeroOnAFlowingArcCountsAgainstItsFlowOrItsRoom() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double q = TinyMarkets.Q, e = 0.5, price = TinyMarkets.PRICE;
        DualityGap up = gap(p, new double[] {q, -q}, q, new double[] {price + e, price}, NONE);
        // reduced cost e on the flow q, and G's excess e^2 / (2 0.02)
        assertEquals(e * q + 25 * e * e, up.gap(), USD, up.toString());
        DualityGap down = gap(p, new double[] {q, -q}, q, new double[] {price - e, price}, NONE);
        // a negative reduced cost: the arc's flow could grow to what C can take, 1000 kW
        assertEquals(25 * e * e + e * (1000 - q), down.gap(), USD, down.toString());
    }

    @Test
    void aBindingRowWithItsMultiplierClosesTheGap() {
        MarketProblem p = TinyMarkets.cappedSeller(100);
        double[] x = {100, -100};
        // both prices are C's marginal cost 30 - 0.05 * 100; the row carries 25 - (0.02 * 100 + 10)
        DualityGap g = gap(p, x, 100, new double[] {25, 25}, new double[] {13});
        assertEquals(0, g.gap(), USD, g.toString());
    }

    @Test
    void aNegativeMultiplierOfAnInequalityRowIsProjectedOnZero() {
        MarketProblem p = TinyMarkets.cappedSeller(100);
        DualityGap g =
                gap(p, new double[] {100, -100}, 100, new double[] {25, 25}, new double[] {-1});
        // with no multiplier G would sell (25 - 10) / 0.02 = 750 kW: excess 0.5 0.02 650^2
        assertEquals(4225, g.gap(), 1e-6, g.toString());
    }

    @Test
    void aSlackRowWithAMultiplierAddsItsComplementarity() {
        MarketProblem p = TinyMarkets.cappedSeller(500);
        double q = TinyMarkets.Q, price = TinyMarkets.PRICE;
        DualityGap g =
                gap(p, new double[] {q, -q}, q, new double[] {price, price}, new double[] {1});
        // 1 $/kW times the slack 500 - q, and G shifted by 1 / 0.02 = 50 kW: 0.5 0.02 50^2
        assertEquals(500 - q + 25, g.gap(), USD, g.toString());
        assertTrue(g.largest().contains("complementarity of row"), g.largest());
    }

    @Test
    void aPrivateVariableAndAnEqualityRowEnterWithTheirMultiplier() {
        // G's node injects what its private unit u produces: x_G - u = 0; u costs 0.5 0.02 u^2 + 10
        // u on [0, 1000] and G's node nothing, so the optimum is the two-peer one with the row's
        // multiplier equal to the price
        MarketProblem.Builder b = MarketProblem.builder("private unit");
        int g = b.peer("G"), c = b.peer("C");
        int xg = b.node(g, MarketProblem.POWER, 0, 0, 0, 0, 1000);
        int xc = b.node(c, MarketProblem.POWER, 0.05, 30, 0, -1000, 0);
        int u = b.variable(g, "unit", 0, 0.02, 10, 0, 0, 1000);
        b.localRow(
                g,
                "unit",
                new int[] {xg},
                new double[] {1},
                new int[] {u},
                new double[] {-1},
                true,
                0);
        b.arc(xg, xc, 0, 0);
        MarketProblem p = b.build();
        double q = TinyMarkets.Q, price = TinyMarkets.PRICE;
        double[] x = {q, -q}, f = {q}, z = {q}, y = {price, price};
        DualityGap at = DualityGap.measure(p, x, f, z, y, new double[] {price}, null);
        assertEquals(0, at.gap(), USD, at.toString());
        double e = 0.5;
        DualityGap off = DualityGap.measure(p, x, f, z, y, new double[] {price + e}, null);
        // the unit would produce e / 0.02 more: 0.5 0.02 (e / 0.02)^2; G's node, at no cost with
        // the
        // coefficient +e, would inject nothing: e q
        assertEquals(25 * e * e + e * q, off.gap(), USD, off.toString());
    }

    @Test
    void theRelativeGapIsOnTheObjectivesOwnScale() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double q = TinyMarkets.Q + 10, price = TinyMarkets.PRICE;
        DualityGap g = gap(p, new double[] {q, -q}, q, new double[] {price, price}, NONE);
        double seller = 0.01 * q * q + 10 * q, buyer = 0.025 * q * q - 30 * q;
        assertEquals(Math.abs(seller) + Math.abs(buyer), g.scale(), 1e-9 * g.scale());
        assertEquals(3.5 / g.scale(), g.relative(), 1e-12);
    }

    @Test
    void noMultipliersBoundTheObjectiveAboveTheOptimum() {
        MarketProblem p = TinyMarkets.cappedSeller(200);
        // the cap binds: both prices 30 - 0.05 * 200 = 20, the row's multiplier 20 - 14 = 6
        double optimum = 0.01 * 200 * 200 + 10 * 200 + 0.025 * 200 * 200 - 30 * 200;
        assertEquals(
                0,
                gap(p, new double[] {200, -200}, 200, new double[] {20, 20}, new double[] {6})
                        .gap(),
                USD);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            double[] y = {40 * random.nextDouble(), 40 * random.nextDouble()};
            double[] lambda = {20 * random.nextDouble() - 5};
            // any point will do for the bound; take one that is feasible
            double q = 200 * random.nextDouble();
            DualityGap g = gap(p, new double[] {q, -q}, q, y, lambda);
            assertTrue(
                    g.bound() <= optimum + 1e-9 * Math.abs(optimum),
                    "seed 7, draw " + i + ": " + g + " above the optimum " + optimum);
            assertTrue(g.gap() >= g.objective() - optimum - 1e-9 * Math.abs(optimum), g.toString());
        }
    }

    private static DualityGap gap(
            MarketProblem p, double[] x, double f, double[] y, double[] lambda) {
        return DualityGap.measure(p, x, new double[] {f}, new double[0], y, lambda, null);
    }
}
