package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.junit.jupiter.api.Test;

/** Prices recovered from the KKT conditions at known optimal points, against closed forms. */
class PriceRecoveryTest {

    private static final double ACT = 1e-7, SLACK = 1e-9, PRICE_TOL = 1e-9;

    private static PriceRecovery any() {
        return PriceRecovery.anyPrices(ACT, SLACK);
    }

    private static PriceRecovery centred(MarketProblem p, SidePeerPrices sides) {
        return PriceRecovery.centredPrices(ACT, p.priceScale(), SLACK, sides);
    }

    @Test
    void twoPeerMarketClearsAtMarginalCostWithEitherChoice() {
        // 0.02 q + 10 = 30 - 0.05 q: q = 20 / 0.07 = 285.71 kW at 15.714 $/kW for both
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double q = TinyMarkets.Q, price = TinyMarkets.PRICE;
        double[] x = {q, -q}, f = {q};
        for (PriceRecovery r : List.of(any(), centred(p, null))) {
            double[] y = r.recover(p, x, f);
            assertNotNull(y, r.toString());
            assertEquals(
                    price, y[0], PRICE_TOL * price, r + ": seller's price is its marginal cost");
            assertEquals(
                    price, y[1], PRICE_TOL * price, r + ": buyer's price is its marginal cost");
        }
    }

    @Test
    void arcTermsSeparateTheNodePricesByTheirSum() {
        // seller pays 2 $/kW, buyer 3 $/kW: 0.02 q + 10 + 5 = 30 - 0.05 q, y_C = y_G + 5
        MarketProblem p = TinyMarkets.twoPeers(2, 3, false);
        double q = 15 / 0.07;
        double[] y = centred(p, null).recover(p, new double[] {q, -q}, new double[] {q});
        assertEquals(0.02 * q + 10, y[0], PRICE_TOL * 20);
        assertEquals(0.02 * q + 15, y[1], PRICE_TOL * 20);
        assertTrue(
                KktResiduals.dual(p, new double[] {q, -q}, new double[] {q}, y, ACT, null) <= 1e-8);
    }

    @Test
    void aPriceThatIsNotUniqueIsTheCentreOfItsIntervalOrAnyPointOfIt() {
        // C2 buys nothing: any price in [8, 15.714] is optimal for it (at least its marginal cost
        // at its
        // upper bound, at most G's price on the idle arc G -> C2); the centre is 11.857 $/kW
        MarketProblem p = TinyMarkets.idleSecondBuyer();
        double q = TinyMarkets.Q, price = TinyMarkets.PRICE;
        double[] x = {q, -q, 0}, f = {q, 0};
        double[] centre = centred(p, null).recover(p, x, f);
        assertArrayEquals(new double[] {price, price, 0.5 * (8 + price)}, centre, PRICE_TOL * 30);
        double[] one = any().recover(p, x, f);
        assertEquals(price, one[0], PRICE_TOL * 30);
        assertEquals(price, one[1], PRICE_TOL * 30);
        assertTrue(
                one[2] >= 8 - 1e-9 && one[2] <= price + 1e-9,
                "C2's price " + one[2] + " in [8, " + price + "]");
        assertTrue(KktResiduals.dual(p, x, f, one, ACT, null) <= 1e-8);
    }

    @Test
    void aNodeWithoutTradesIsPricedAtItsMarginalCostInTheCentre() {
        MarketProblem.Builder b = MarketProblem.builder("isolated");
        b.node(b.peer("P"), MarketProblem.POWER, 0.1, 5, 0, 0, 100);
        MarketProblem p = b.build();
        assertEquals(
                5, centred(p, null).recover(p, new double[] {0}, new double[0])[0], PRICE_TOL * 5);
    }

    @Test
    void aPointThatIsNotOptimalHasNoPrices() {
        // G sells 200 kW instead of 285.7: both ends are strictly inside their bounds, so y_G = 14
        // and
        // y_C = 20, but the flowing arc needs y_C = y_G
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        double[] x = {200, -200}, f = {200};
        assertNull(any().recover(p, x, f));
        assertNull(centred(p, null).recover(p, x, f));
    }

    @Test
    void activeSidePeersArePlacedByTheirRuleWithinWhatTheRestAllows() {
        // G capped at 200 kW by a side constraint: C pays its marginal cost 30 - 0.05 * 200 = 20
        // $/kW,
        // which the flowing arc passes on to G, 6 $/kW above G's own marginal cost 14 $/kW
        MarketProblem p = TinyMarkets.cappedSeller(200);
        double[] x = {200, -200}, f = {200};
        TinyMarkets.StubSidePeers midpoint = new TinyMarkets.StubSidePeers(true, 0);
        double[] y = centred(p, midpoint).recover(p, x, f);
        assertEquals(List.of(0), midpoint.placed, "G, placed once");
        assertArrayEquals(
                new double[] {14}, midpoint.marginalCosts.get(0), 1e-9, "G's marginal cost, $/kW");
        assertArrayEquals(
                new double[] {20}, midpoint.lowest.get(0), 1e-6, "lowest allowed: C's price");
        assertArrayEquals(
                new double[] {20}, midpoint.highest.get(0), 1e-6, "highest allowed: the same");
        assertArrayEquals(new double[] {20, 20}, y, 1e-6);

        assertNull(
                centred(p, new TinyMarkets.StubSidePeers(false, 0)).recover(p, x, f),
                "a peer that cannot be placed means no prices");
        assertArrayEquals(
                new double[] {20, 20},
                any().recover(p, x, f),
                1e-6,
                "without a rule G's node has no local condition, and the arc still ties it to C");
    }

    @Test
    void rejectsPointsOfAnotherSizeAndInvalidTolerances() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, false);
        assertThrows(
                IllegalArgumentException.class,
                () -> any().recover(p, new double[1], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> PriceRecovery.anyPrices(-1, 0));
        assertThrows(
                IllegalArgumentException.class, () -> PriceRecovery.centredPrices(0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> PriceRecovery.anyPrices(0, Double.NaN));
    }
}
