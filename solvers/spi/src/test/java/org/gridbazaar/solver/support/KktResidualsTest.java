package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.formulation.MarketProblem;
import org.junit.jupiter.api.Test;

/**
 * Primal and dual residuals and the duality gap at the two-peer closed form and perturbations of
 * it.
 */
class KktResidualsTest {

    private static final double Q = TinyMarkets.Q, PRICE = TinyMarkets.PRICE, TOL = 1e-9;

    /** {@link TinyMarkets#twoPeers} with an idle arc C -> G that costs 2 $/kW. */
    private static MarketProblem twoPeers() {
        return TinyMarkets.twoPeers(0, 0, true);
    }

    @Test
    void theClosedFormIsOptimalToRounding() {
        MarketProblem p = twoPeers();
        double[] x = {Q, -Q}, f = {Q, 0}, y = {PRICE, PRICE};
        assertEquals(0, KktResiduals.primal(p, x, f), TOL * Q);
        assertEquals(0, KktResiduals.dual(p, x, f, y, 1e-7, null), TOL * PRICE);
        assertEquals(0, KktResiduals.dualityGap(p, x, f, y), TOL * PRICE * Q);
    }

    @Test
    void primalResidualIsTheLargestViolationInKw() {
        MarketProblem p = twoPeers();
        assertEquals(
                3,
                KktResiduals.primal(p, new double[] {Q + 3, -Q}, new double[] {Q, 0}),
                TOL * Q,
                "balance off by 3 kW");
        assertEquals(
                2,
                KktResiduals.primal(p, new double[] {-2, 2}, new double[] {0, 2}),
                TOL,
                "G 2 kW below its lower bound");
        assertEquals(
                1,
                KktResiduals.primal(p, new double[] {-1, 1}, new double[] {-1, 0}),
                TOL,
                "a negative flow of 1 kW");
    }

    @Test
    void dualResidualIsTheLargestViolationInDollarsPerKw() {
        MarketProblem p = twoPeers();
        double[] x = {Q, -Q}, f = {Q, 0};
        assertEquals(
                0.5,
                KktResiduals.dual(p, x, f, new double[] {PRICE + 0.5, PRICE + 0.5}, 1e-7, null),
                1e-9,
                "both prices 0.5 $/kW above the marginal costs of interior nodes");
        assertEquals(
                0.25,
                KktResiduals.dual(p, x, f, new double[] {PRICE, PRICE + 0.25}, 1e-7, null),
                1e-9,
                "C's price and the flowing arc's reduced cost both miss by 0.25 $/kW");
        // nobody trades although G's price (10 $/kW at its lower bound) is below C's (30 at its
        // upper
        // bound): the idle arc G -> C has reduced cost 10 - 30 = -20 $/kW
        assertEquals(
                20,
                KktResiduals.dual(
                        p, new double[2], new double[2], new double[] {10, 30}, 1e-7, null),
                1e-9);
    }

    @Test
    void atABoundOnlyTheSignOfTheConditionCounts() {
        // one producer, 0.5*0.02 P^2 + 10 P on 0..100 kW, no arcs: marginal cost 10 $/kW at 0, 12
        // at 100
        MarketProblem.Builder b = MarketProblem.builder("alone");
        b.node(b.peer("P"), MarketProblem.POWER, 0.02, 10, 0, 0, 100);
        MarketProblem p = b.build();
        double[] none = new double[0];
        assertEquals(
                0,
                KktResiduals.dual(p, new double[] {0}, none, new double[] {7}, 1e-7, null),
                1e-9,
                "at the lower bound y <= 10 is required: 7 is fine");
        assertEquals(
                2,
                KktResiduals.dual(p, new double[] {0}, none, new double[] {12}, 1e-7, null),
                1e-9,
                "at the lower bound 12 is 2 $/kW too high");
        assertEquals(
                0,
                KktResiduals.dual(p, new double[] {100}, none, new double[] {15}, 1e-7, null),
                1e-9,
                "at the upper bound y >= 12 is required: 15 is fine");
        assertEquals(
                1,
                KktResiduals.dual(p, new double[] {100}, none, new double[] {11}, 1e-7, null),
                1e-9,
                "at the upper bound 11 is 1 $/kW too low");
        assertEquals(
                3,
                KktResiduals.dual(p, new double[] {50}, none, new double[] {8}, 1e-7, null),
                1e-9,
                "inside the bounds y = 11 is required");
    }

    @Test
    void theGapOfAWorsePointIsPositive() {
        MarketProblem p = twoPeers();
        double[] y = {PRICE, PRICE};
        // 0.5 * (0.02 + 0.05) * 10^2 = 3.5 $ worse when 10 kW fewer are traded
        double gap =
                KktResiduals.dualityGap(
                        p, new double[] {Q - 10, -(Q - 10)}, new double[] {Q - 10, 0}, y);
        assertEquals(3.5, gap, 1e-7);
    }

    @Test
    void sidePeersAreMeasuredByTheirRuleOrNotAtAll() {
        MarketProblem p =
                TinyMarkets.cappedSeller(
                        500); // inactive at Q, but G's node is in a side constraint
        double[] x = {Q, -Q}, f = {Q};
        double[] y = {PRICE + 4, PRICE + 4}; // C's stationarity misses by 4 $/kW
        assertEquals(
                4, KktResiduals.dual(p, x, f, y, 1e-7, null), 1e-9, "G's node is not measured");
        TinyMarkets.StubSidePeers six = new TinyMarkets.StubSidePeers(false, 6);
        assertEquals(
                6,
                KktResiduals.dual(p, x, f, y, 1e-7, six),
                1e-9,
                "G contributes what its rule says");
        assertEquals(java.util.List.of(0), six.measured, "only G is measured by the rule");
        assertEquals(
                Double.POSITIVE_INFINITY,
                KktResiduals.dual(
                        p,
                        x,
                        f,
                        y,
                        1e-7,
                        new TinyMarkets.StubSidePeers(false, Double.POSITIVE_INFINITY)));
        assertEquals(
                Double.NaN,
                KktResiduals.dualityGap(p, x, f, y),
                "not computed with side constraints");
    }
}
