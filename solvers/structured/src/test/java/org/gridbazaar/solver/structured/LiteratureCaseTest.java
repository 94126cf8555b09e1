package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.FormulatedMarket;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.ResultChecker;
import org.junit.jupiter.api.Test;

/**
 * A published, fully specified case reproduced as a peer-to-peer market: the three-unit economic
 * dispatch of A. J. Wood and B. F. Wollenberg, <i>Power Generation, Operation, and Control</i> (2nd
 * ed., Wiley, 1996), chapter 3, Example 3A and Example 3B. No published P2P case with its full data
 * was found; a P2P market in which every producer may sell to one consumer with a fixed demand and
 * no preferences is exactly an economic dispatch, so it must clear at the book's system lambda.
 *
 * <p>Data (book): heat-rate curves {@code H1 = 510 + 7.2 P + 0.00142 P^2} (150..600 MW), {@code H2
 * = 310 + 7.85 P + 0.00194 P^2} (100..400 MW), {@code H3 = 78 + 7.97 P + 0.00482 P^2} (50..200 MW),
 * in MBtu/h; fuel prices 1.1, 1.0, 1.0 per MBtu (Example 3A) and 0.9, 1.0, 1.0 (Example 3B); load
 * 850 MW. The cost {@code F_i = fuel_i * H_i(P)} becomes {@code QuadraticCost.of(2 * fuel * q, fuel
 * * l, fuel * k)} for {@code H = k + l P + q P^2} (GridBazaar's cost is {@code 0.5 a x^2 + b x +
 * c}).
 *
 * <p>Units are a scale choice: MW are read as kW and the book's cost per MWh as $ per kW, so every
 * number carries over unchanged (the market is linear-quadratic, nothing depends on the scale).
 *
 * <p>Published results: Example 3A {@code lambda = 9.148}, {@code P1 = 393.2}, {@code P2 = 334.6},
 * {@code P3 = 122.2}; Example 3B {@code P1 = 600} (at its maximum), {@code P2 = 187.1}, {@code P3 =
 * 62.9}, {@code lambda = 8.576}. The closed forms below give 9.148263, 393.170, 334.604, 122.226
 * and 8.576065, 600, 187.130, 62.870, which round to every published figure.
 */
class LiteratureCaseTest {

    private static final double DEMAND = 850;
    private static final double REL = 1e-6;

    /** Heat-rate curve {@code k + l P + q P^2} (MBtu/h) and limits (MW) of units 1..3. */
    private static final double[][] UNITS = {
        {510, 7.2, 0.00142, 150, 600},
        {310, 7.85, 0.00194, 100, 400},
        {78, 7.97, 0.00482, 50, 200}
    };

    private static Market dispatch(String name, double[] fuel) {
        Market.Builder b =
                Market.builder(name)
                        .description(
                                "Wood & Wollenberg "
                                        + name
                                        + ": three thermal units, fixed load 850 (MW read as kW)");
        for (int i = 0; i < 3; i++) {
            double[] u = UNITS[i];
            b.producer(
                    "G" + (i + 1),
                    u[3],
                    u[4],
                    QuadraticCost.of(2 * fuel[i] * u[2], fuel[i] * u[1], fuel[i] * u[0]));
        }
        return b.consumer("LOAD", -DEMAND, -DEMAND, QuadraticCost.of(0, 0, 0)).build();
    }

    /** Marginal cost of unit {@code i} at {@code p}. */
    private static double marginal(double[] fuel, int i, double p) {
        return fuel[i] * (UNITS[i][1] + 2 * UNITS[i][2] * p);
    }

    /**
     * Equal-lambda dispatch with the units in {@code atMax} fixed at their maximum: lambda solves
     * {@code sum_i (lambda - b_i) / a_i = D - sum(fixed)} over the free units.
     */
    private static double lambda(double[] fuel, boolean[] atMax) {
        double rest = DEMAND, inv = 0, weighted = 0;
        for (int i = 0; i < 3; i++) {
            if (atMax[i]) {
                rest -= UNITS[i][4];
            } else {
                double a = 2 * fuel[i] * UNITS[i][2], b = fuel[i] * UNITS[i][1];
                inv += 1 / a;
                weighted += b / a;
            }
        }
        return (rest + weighted) / inv;
    }

    private static double output(double[] fuel, int i, double lambda, boolean atMax) {
        return atMax ? UNITS[i][4] : (lambda - fuel[i] * UNITS[i][1]) / (2 * fuel[i] * UNITS[i][2]);
    }

    private static double cost(double[] fuel, int i, double p) {
        double[] u = UNITS[i];
        return fuel[i] * (u[0] + u[1] * p + u[2] * p * p);
    }

    private record Cleared(MarketResult result, Market market) {}

    private static Cleared clear(Market m) {
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        ProblemSolution s = new StructuredIpmSolver().solve(fm.problem(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        KktChecker.assertKkt(fm.problem(), s, REL);
        MarketResult r = fm.result(s);
        ResultChecker.assertConsistent(m, r, REL);
        return new Cleared(r, m);
    }

    /**
     * Set-points, trades (one buyer, so they are unique), prices and objective against the closed
     * form.
     */
    private static void assertDispatch(Cleared c, double[] fuel, double lambda, double[] p) {
        MarketResult r = c.result();
        double objective = 0;
        for (int i = 0; i < 3; i++) {
            String g = "G" + (i + 1);
            assertEquals(p[i], r.power(g), REL * p[i], g + " output");
            assertEquals(
                    p[i],
                    r.traded(g, "LOAD"),
                    REL * p[i],
                    g + " sells its whole output to the load");
            assertEquals(
                    lambda,
                    r.tradePrice(g, "LOAD").orElseThrow(),
                    REL * lambda,
                    g + " trade price is the system lambda");
            assertEquals(
                    marginal(fuel, i, p[i]), r.peerPrice(g), REL * lambda, g + " marginal cost");
            objective += cost(fuel, i, p[i]);
        }
        assertEquals(-DEMAND, r.power("LOAD"), REL * DEMAND);
        assertEquals(3, r.trades().size(), "one trade per unit: " + r.trades());
        for (Trade t : r.trades()) {
            assertEquals("LOAD", t.buyer().value());
        }
        assertEquals(objective, r.objective(), REL * objective, "total cost");
    }

    @Test
    void example3AClearsAtTheEconomicDispatchLambda() {
        double[] fuel = {1.1, 1.0, 1.0};
        boolean[] none = {false, false, false};
        double lambda = lambda(fuel, none);
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            p[i] = output(fuel, i, lambda, false);
            assertTrue(
                    p[i] > UNITS[i][3] && p[i] < UNITS[i][4],
                    "closed form: unit " + (i + 1) + " strictly within its limits");
        }
        Cleared c = clear(dispatch("example-3A", fuel));
        assertDispatch(c, fuel, lambda, p);
        // the book's figures, to their printed precision
        MarketResult r = c.result();
        assertEquals(9.148, r.tradePrice("G1", "LOAD").orElseThrow(), 0.0005, "published lambda");
        assertEquals(393.2, r.power("G1"), 0.05, "published P1");
        assertEquals(334.6, r.power("G2"), 0.05, "published P2");
        assertEquals(122.2, r.power("G3"), 0.05, "published P3");
    }

    @Test
    void example3BClearsWithUnitOneAtItsLimit() {
        double[] fuel = {0.9, 1.0, 1.0};
        // without limits unit 1 would exceed 600 MW: the book then fixes it at 600
        double free = lambda(fuel, new boolean[] {false, false, false});
        assertTrue(
                output(fuel, 0, free, false) > UNITS[0][4],
                "unconstrained unit 1 output " + output(fuel, 0, free, false));
        boolean[] atMax = {true, false, false};
        double lambda = lambda(fuel, atMax);
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            p[i] = output(fuel, i, lambda, atMax[i]);
        }
        assertTrue(
                marginal(fuel, 0, UNITS[0][4]) < lambda,
                "unit 1 at its maximum earns more than its marginal cost");
        assertTrue(
                p[1] > UNITS[1][3]
                        && p[1] < UNITS[1][4]
                        && p[2] > UNITS[2][3]
                        && p[2] < UNITS[2][4]);

        Cleared c = clear(dispatch("example-3B", fuel));
        assertDispatch(c, fuel, lambda, p);
        MarketResult r = c.result();
        assertEquals(600, r.power("G1"), REL * 600, "published P1 (at its maximum)");
        assertEquals(187.1, r.power("G2"), 0.05, "published P2");
        assertEquals(62.9, r.power("G3"), 0.05, "published P3");
        assertEquals(8.576, r.tradePrice("G2", "LOAD").orElseThrow(), 0.0005, "published lambda");
        assertEquals(
                8.576,
                r.tradePrice("G1", "LOAD").orElseThrow(),
                0.0005,
                "unit 1 is paid the same uniform price");
    }
}
