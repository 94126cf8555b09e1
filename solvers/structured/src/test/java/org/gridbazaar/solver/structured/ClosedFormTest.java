package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

/** Closed-form checks of the structured solver that need no other solver. */
class ClosedFormTest {

    private final StructuredIpmSolver solver = new StructuredIpmSolver();

    private MarketResult clear(Market m) {
        return MarketClearing.clear(m, solver, SolverOptions.DEFAULTS);
    }

    @Test
    void twoPeerMarketClearsAtIntersectionOfMarginalCurves() {
        // producer 0.5*0.02 P^2 + 20 P, consumer 0.5*0.04 P^2 + 50 P on P < 0
        Market m =
                Market.builder("two")
                        .producer("G", 0, 1000, QuadraticCost.of(0.02, 20, 1))
                        .consumer("C", -1000, 0, QuadraticCost.of(0.04, 50, 2))
                        .build();
        MarketResult r = clear(m);
        assertEquals(Status.OPTIMAL, r.status());
        double q = (50 - 20) / (0.02 + 0.04);
        assertEquals(q, r.power("G"), 1e-6);
        assertEquals(-q, r.power("C"), 1e-6);
        double price = 0.02 * q + 20;
        assertEquals(price, r.peerPrice("G"), 1e-6);
        assertEquals(price, r.peerPrice("C"), 1e-6);
        assertEquals(price, r.tradePrice("G", "C").orElseThrow(), 1e-6);
        double objective = 0.5 * 0.02 * q * q + 20 * q + 1 + 0.5 * 0.04 * q * q - 50 * q + 2;
        assertEquals(objective, r.objective(), 1e-6 * Math.abs(objective));
    }

    @Test
    void infeasibleMarketIsAStatus() {
        Market m =
                Market.builder("short")
                        .producer("G", 0, 100, QuadraticCost.of(0.02, 20, 0))
                        .consumer("C", -300, -200, QuadraticCost.of(0.04, 50, 0))
                        .build();
        MarketResult r = clear(m);
        assertEquals(Status.INFEASIBLE, r.status());
        assertTrue(r.peers().isEmpty());
    }

    @Test
    void basicMarketClearsAtOneUniformPrice() {
        for (int seed = 1; seed <= 5; seed++) {
            Random rnd = new Random(seed);
            Market.Builder b = Market.builder("uniform-" + seed);
            int n = 10 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                double a = 0.005 + 0.1 * rnd.nextDouble();
                if (rnd.nextBoolean()) {
                    b.producer(
                            "G" + i,
                            0,
                            50 + 300 * rnd.nextDouble(),
                            QuadraticCost.of(a, 5 + 40 * rnd.nextDouble(), 0));
                } else {
                    double max = -20 * rnd.nextDouble();
                    b.consumer(
                            "C" + i,
                            max - 300 * rnd.nextDouble(),
                            max,
                            QuadraticCost.of(a, 30 + 50 * rnd.nextDouble(), 0));
                }
            }
            Market m = b.build();
            MarketResult r = clear(m);
            assertEquals(Status.OPTIMAL, r.status(), "seed " + seed);
            double pi = uniformPrice(m.peers());
            double obj = 0;
            for (Peer p : m.peers()) {
                double x = response(p, pi);
                PeerOutcome o = r.peer(p.id()).orElseThrow();
                assertEquals(x, o.power(), 1e-5 * 400, "seed " + seed + " peer " + p.id());
                obj += p.power().cost().value(x);
                if (x > p.power().min() + 1e-6 && x < p.power().max() - 1e-6) {
                    assertEquals(
                            pi,
                            o.price(),
                            1e-6 * 100,
                            "seed " + seed + " marginal price of " + p.id());
                }
            }
            assertEquals(obj, r.objective(), 1e-7 * Math.max(1, Math.abs(obj)), "seed " + seed);
            r.trades().forEach(t -> assertEquals(pi, t.price(), 1e-5, "trade price " + t));
            assertTrue(
                    r.trades().size() < m.peers().size(),
                    "crossover leaves a forest of trades, got " + r.trades().size());
        }
    }

    static double response(Peer p, double pi) {
        QuadraticCost c = p.power().cost();
        double lo = p.power().min(), hi = p.power().max();
        if (c.a() == 0) {
            return pi > c.b() ? hi : lo;
        }
        return Math.min(hi, Math.max(lo, (pi - c.b()) / c.a()));
    }

    static double uniformPrice(List<Peer> peers) {
        double lo = -1e4, hi = 1e4;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            double s = 0;
            for (Peer p : peers) {
                s += response(p, mid);
            }
            if (s > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
