package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.Role;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.Solvers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded CHP study case ({@code cases/chp-study.json}, documented in {@code
 * docs/cases/chp-study.md}) clears with the default solver, and the result is checked at the level
 * a user sees it.
 *
 * <p>The cli module has no test dependency on the testkit, so the KKT conditions are checked here
 * with plain assertions. The case has no preferences and no penalties and every producer may trade
 * with every consumer, so an optimum is certified by one power price {@code pi_p} and one heat
 * price {@code pi_h} (the node duals of every peer) such that every trade is priced at them (arc
 * reduced costs are zero) and every peer's own problem is optimal at them: a peer strictly inside
 * its bounds has marginal cost equal to the price, one at a bound has it on the right side, and a
 * CHP unit's price-minus-marginal-cost vector {@code (pi_h - mcH, pi_p - mcP)} is a non-negative
 * combination of the outward normals of its active polygon edges and bounds.
 */
class ChpStudyCaseTest {

    static final String RESOURCE = "/org/gridbazaar/cli/cases/chp-study.json";

    /**
     * Relative tolerance for quantities (times the largest bound, kW) and prices (times the largest
     * b, $/kW).
     */
    static final double TOL = 1e-6;

    static Market market;
    static MarketResult result;
    static double qTol;
    static double pTol;

    @BeforeAll
    static void solve() throws IOException {
        try (InputStream in = ChpStudyCaseTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is on the class path");
            market =
                    CaseReader.read(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            "chp-study.json");
        }
        assertEquals("structured-ipm", Solvers.defaultSolver().name());
        result = MarketClearing.clear(market);
        double scale = 1, priceScale = 1;
        for (Peer p : market.peers()) {
            for (Injection side : sides(p)) {
                scale = Math.max(scale, Math.max(Math.abs(side.min()), Math.abs(side.max())));
                priceScale = Math.max(priceScale, Math.abs(side.cost().b()));
            }
        }
        qTol = TOL * scale;
        pTol = TOL * priceScale;
    }

    @Test
    void caseHasTheSeedsConfiguration() {
        assertEquals(20, market.peers().size());
        for (int i = 1; i <= 11; i++) {
            Peer c = market.peer(PeerId.of("C" + i)).orElseThrow();
            assertEquals(Role.CONSUMER, c.role());
            assertTrue(c.heat() != null, c.id() + " needs heat");
        }
        for (int i = 12; i <= 15; i++) {
            Peer chp = market.peer(PeerId.of("CHP" + i)).orElseThrow();
            assertEquals(
                    4,
                    chp.region().orElseThrow().vertices().size(),
                    chp.id() + " has an A-B-C-D region");
        }
        for (int i = 16; i <= 20; i++) {
            Peer g = market.peer(PeerId.of("G" + i)).orElseThrow();
            assertEquals(Role.PRODUCER, g.role());
            assertTrue(g.heat() == null, g.id() + " is power only");
        }
    }

    @Test
    void clearsOptimallyWithHeatAndPowerTrades() {
        assertEquals(Status.OPTIMAL, result.status(), result.solver().toString());
        assertFalse(result.trades().isEmpty(), "power trades");
        assertFalse(result.heatTrades().isEmpty(), "heat trades");
        assertEquals(market.peers().size(), result.peers().size());
    }

    @Test
    void tradesAreReciprocalAndBalanceEveryPeer() {
        Map<PeerId, double[]> sums = new HashMap<>();
        for (List<Trade> trades : List.of(result.trades(), result.heatTrades())) {
            int c = trades == result.trades() ? 0 : 1;
            Set<Set<PeerId>> pairs = new HashSet<>();
            for (Trade t : trades) {
                assertTrue(t.quantity() > 0, "positive quantity " + t);
                assertTrue(
                        pairs.add(Set.of(t.seller(), t.buyer())),
                        "each pair listed once, in one direction: " + t);
                Peer s = market.peer(t.seller()).orElseThrow(),
                        b = market.peer(t.buyer()).orElseThrow();
                assertTrue(
                        s.role().canSell() && b.role().canBuy() && market.mayTrade(s.id(), b.id()),
                        "allowed pair " + t);
                if (c == 1) {
                    assertTrue(
                            s.heat() != null && b.heat() != null,
                            "heat trade between peers with heat: " + t);
                }
                // P_ij = -P_ji: what the seller injects the buyer withdraws
                sums.computeIfAbsent(t.seller(), k -> new double[2])[c] += t.quantity();
                sums.computeIfAbsent(t.buyer(), k -> new double[2])[c] -= t.quantity();
            }
        }
        double totalPower = 0, totalHeat = 0;
        for (Peer p : market.peers()) {
            PeerOutcome o = outcome(p);
            double[] s = sums.getOrDefault(p.id(), new double[2]);
            assertEquals(o.power(), s[0], qTol, "power of " + p.id() + " is the sum of its trades");
            assertBetween(o.power(), p.power(), p.id() + " power");
            totalPower += o.power();
            if (p.heat() != null) {
                assertEquals(
                        o.heat(),
                        s[1],
                        qTol,
                        "heat of " + p.id() + " is the sum of its heat trades");
                assertBetween(o.heat(), p.heat(), p.id() + " heat");
                totalHeat += o.heat();
            }
        }
        assertEquals(0, totalPower, qTol, "power balances");
        assertEquals(0, totalHeat, qTol, "heat balances");
    }

    @Test
    void everyChpSetPointIsInsideItsPolygonAndOneIsOnItsBoundary() {
        int onBoundary = 0;
        for (Peer p : market.peers()) {
            if (p.chpRegion() == null) {
                continue;
            }
            PeerOutcome o = outcome(p);
            double minSlack = Double.POSITIVE_INFINITY;
            for (double[] row : p.chpRegion().halfPlanes()) {
                double slack = row[2] - row[0] * o.heat() - row[1] * o.power();
                assertTrue(
                        slack >= -qTol,
                        p.id()
                                + " ("
                                + o.heat()
                                + ", "
                                + o.power()
                                + ") outside an edge by "
                                + -slack
                                + " kW");
                minSlack = Math.min(minSlack, slack);
            }
            if (minSlack <= qTol) {
                onBoundary++;
            }
        }
        assertTrue(onBoundary >= 1, "at least one CHP unit on an edge or vertex of its region");
    }

    @Test
    void heatAndPowerPricesSatisfyKkt() {
        double powerPrice = uniformPrice(result.trades(), "power");
        double heatPrice = uniformPrice(result.heatTrades(), "heat");
        assertTrue(
                powerPrice > 0 && heatPrice > 0,
                "positive prices: power " + powerPrice + ", heat " + heatPrice);
        for (Peer p : market.peers()) {
            PeerOutcome o = outcome(p);
            if (p.chpRegion() != null) {
                assertChpStationary(p, o, heatPrice, powerPrice);
                continue;
            }
            assertSideStationary(p.id() + " power", o.power(), p.power(), powerPrice);
            if (p.heat() != null) {
                assertSideStationary(p.id() + " heat", o.heat(), p.heat(), heatPrice);
            }
        }
    }

    @Test
    void resultMatchesTheDocumentedFigures() {
        // docs/cases/chp-study.md prints these to two decimals
        assertEquals(43.59, uniformPrice(result.trades(), "power"), 0.005);
        assertEquals(17.61, uniformPrice(result.heatTrades(), "heat"), 0.005);
        double[][] chp = {{222.86, 238.50}, {438.05, 552.60}, {432.72, 614.67}, {455.16, 487.77}};
        for (int i = 0; i < 4; i++) {
            PeerOutcome o = outcome(market.peer(PeerId.of("CHP" + (12 + i))).orElseThrow());
            assertEquals(chp[i][0], o.heat(), 0.005, "heat of CHP" + (12 + i));
            assertEquals(chp[i][1], o.power(), 0.005, "power of CHP" + (12 + i));
        }
        assertEquals(-144734.28, result.objective(), 0.005);
    }

    // ---------------------------------------------------------------- helpers

    private static PeerOutcome outcome(Peer p) {
        return result.peer(p.id()).orElseThrow();
    }

    private static List<Injection> sides(Peer p) {
        return p.heat() == null ? List.of(p.power()) : List.of(p.power(), p.heat());
    }

    private static void assertBetween(double x, Injection side, String what) {
        assertTrue(
                x >= side.min() - qTol && x <= side.max() + qTol,
                what + " " + x + " within [" + side.min() + ", " + side.max() + "]");
    }

    /**
     * The one price all trades of a commodity clear at (no preferences or penalties in this case).
     */
    private static double uniformPrice(List<Trade> trades, String what) {
        double price = trades.get(0).price();
        for (Trade t : trades) {
            assertEquals(price, t.price(), pTol, what + " trades clear at one price: " + t);
        }
        return price;
    }

    /**
     * Stationarity of one side without a polygon: {@code mc = pi} inside, {@code mc >= pi} at min,
     * {@code mc <= pi} at max.
     */
    private static void assertSideStationary(String what, double x, Injection side, double price) {
        double mc = side.cost().marginal(x);
        boolean atMin = x <= side.min() + qTol, atMax = x >= side.max() - qTol;
        if (atMin && atMax) {
            return; // fixed
        }
        if (atMin) {
            assertTrue(
                    mc >= price - pTol,
                    what + " at its minimum: marginal cost " + mc + " >= price " + price);
        } else if (atMax) {
            assertTrue(
                    mc <= price + pTol,
                    what + " at its maximum: marginal cost " + mc + " <= price " + price);
        } else {
            assertEquals(
                    price,
                    mc,
                    pTol,
                    what + " strictly inside its bounds: marginal cost equals price");
        }
    }

    /**
     * {@code g = (pi_h - mcH, pi_p - mcP)} must be a non-negative combination of the outward
     * normals of the active constraints (polygon edges with zero slack, and bounds at which the
     * set-point sits): checked exactly by trying every single active normal and every pair (two
     * suffice in the plane).
     */
    private static void assertChpStationary(
            Peer p, PeerOutcome o, double heatPrice, double powerPrice) {
        double[] g = {
            heatPrice - p.heat().cost().marginal(o.heat()),
            powerPrice - p.power().cost().marginal(o.power())
        };
        List<double[]> normals = new ArrayList<>();
        for (double[] row : p.chpRegion().halfPlanes()) {
            if (row[2] - row[0] * o.heat() - row[1] * o.power() <= qTol) {
                normals.add(new double[] {row[0], row[1]});
            }
        }
        if (o.heat() <= p.heat().min() + qTol) {
            normals.add(new double[] {-1, 0});
        }
        if (o.heat() >= p.heat().max() - qTol) {
            normals.add(new double[] {1, 0});
        }
        if (o.power() <= p.power().min() + qTol) {
            normals.add(new double[] {0, -1});
        }
        if (o.power() >= p.power().max() - qTol) {
            normals.add(new double[] {0, 1});
        }
        double best = Math.hypot(g[0], g[1]);
        for (int i = 0; i < normals.size(); i++) {
            double[] n = normals.get(i);
            double lambda = Math.max(0, g[0] * n[0] + g[1] * n[1]);
            best = Math.min(best, Math.hypot(g[0] - lambda * n[0], g[1] - lambda * n[1]));
            for (int j = i + 1; j < normals.size(); j++) {
                double[] m = normals.get(j);
                double det = n[0] * m[1] - n[1] * m[0];
                if (Math.abs(det) < 1e-9) {
                    continue;
                }
                double l1 = (g[0] * m[1] - g[1] * m[0]) / det,
                        l2 = (n[0] * g[1] - n[1] * g[0]) / det;
                if (l1 >= 0 && l2 >= 0) {
                    best = 0;
                }
            }
        }
        assertTrue(
                best <= pTol,
                p.id()
                        + ": price minus marginal cost "
                        + g[0]
                        + ", "
                        + g[1]
                        + " $/kW is not explained by its "
                        + normals.size()
                        + " active constraints (residual "
                        + best
                        + ")");
        if (normals.isEmpty()) {
            assertEquals(
                    0,
                    Math.hypot(g[0], g[1]),
                    pTol,
                    p.id() + " strictly inside: marginal costs equal prices");
        }
    }
}
