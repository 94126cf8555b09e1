package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridbazaar.formulation.FormulatedMarket;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.ResultChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CHP units bounded by feasible polygons (seed section 12.6.4, eq. 12.19–12.38, Fig. 12.9): the
 * structured solver puts a CHP unit's optimum exactly on the edge or vertex of its polygon that the
 * market forces, with heat and power prices that satisfy the KKT conditions jointly.
 *
 * <p>How the set-point is forced: one CHP unit sells heat and power to one consumer that needs
 * both. The CHP's costs are {@code 0.5*0.02 P^2 + 20 P} and {@code 0.5*0.01 H^2 + 10 H}; the
 * consumer's curvatures are 0.02 (power) and 0.03 (heat), so the total cost as a function of the
 * CHP's {@code (H, P)} is {@code 0.02 |(H, P) - T|^2} plus a constant, where the consumer's linear
 * terms {@code b} place the unconstrained optimum {@code T}. The market optimum is then the
 * Euclidean projection of {@code T} onto the polygon: {@code T = M + d n} lands on the point {@code
 * M} of an edge with outward normal {@code n}, and {@code T = V + d u} with {@code u} strictly
 * inside the normal cone of vertex {@code V} lands on {@code V}. The gap between price and the
 * CHP's marginal cost is then {@code 0.04 d n} (or {@code 0.04 d u}): the polygon's scarcity rent,
 * in closed form.
 *
 * <p>Cross-check: the structured module cannot see the ojAlgo backend in its test scope, so every
 * optimum is compared with {@link PolygonReference}, an exact enumeration (interior stationary
 * point, best point of every edge) on the polygon clipped by the unit's bounds, written here and
 * sharing no code with the solver; for a multi-peer market, with uniform heat and power prices
 * found by nested bisection around that enumeration.
 */
class ChpPolygonTest {

    /**
     * The classic A-B-C-D region of seed Fig. 12.9 ({@code [heat, power]} kW): A, B, C, D
     * clockwise.
     */
    static final double[][] ABCD = {{0, 247}, {180, 215}, {104.8, 81}, {0, 98.8}};

    /** The five-vertex region of the case-format example, clockwise as listed there. */
    static final double[][] PENTAGON = {{0, 80}, {0, 400}, {180, 380}, {300, 200}, {250, 60}};

    /** A six-vertex region away from both axes, counter-clockwise (the other two are clockwise). */
    static final double[][] HEXAGON = {
        {180, 50}, {260, 180}, {200, 280}, {60, 260}, {10, 150}, {20, 60}
    };

    /**
     * Curvature of the total cost in the CHP's heat and in its power, $/kW^2 (the same, so the
     * projection is Euclidean).
     */
    static final double CURVATURE = 0.04;

    /** Distance of the unconstrained optimum from the polygon, kW. */
    static final double OFFSET = 60;

    static final double TOL = 1e-6;

    private final StructuredIpmSolver solver = new StructuredIpmSolver();

    // ---------------------------------------------------------------- edges and vertices

    static Stream<Arguments> edges() {
        List<Arguments> out = new ArrayList<>();
        for (Object[] p : polygons()) {
            double[][] poly = (double[][]) p[1];
            for (int k = 0; k < poly.length; k++) {
                out.add(Arguments.of(p[0], poly, k));
            }
        }
        return out.stream();
    }

    static List<Object[]> polygons() {
        return List.of(
                new Object[] {"ABCD", ABCD},
                new Object[] {"pentagon", PENTAGON},
                new Object[] {"hexagon", HEXAGON});
    }

    @ParameterizedTest(name = "{0} edge {2}")
    @MethodSource("edges")
    void optimumSitsInsideTheForcedEdge(String name, double[][] polygon, int edge) {
        double[] a = polygon[edge], b = polygon[(edge + 1) % polygon.length];
        double[] onEdge = {a[0] + 0.37 * (b[0] - a[0]), a[1] + 0.37 * (b[1] - a[1])};
        double[] n = outwardNormal(polygon, edge);
        double[] target = {onEdge[0] + OFFSET * n[0], onEdge[1] + OFFSET * n[1]};

        Solved s = solve(twoPeerMarket(name + "-edge-" + edge, polygon, target, null));
        s.assertOptimalAndKkt();
        double scale = scale(polygon);
        double[] hp = s.chpSetPoint("CHP");
        assertEquals(onEdge[0], hp[0], TOL * scale, "heat on edge " + edge + " of " + name);
        assertEquals(onEdge[1], hp[1], TOL * scale, "power on edge " + edge + " of " + name);
        double t = ((hp[0] - a[0]) * (b[0] - a[0]) + (hp[1] - a[1]) * (b[1] - a[1])) / dist2(a, b);
        assertTrue(t > 0.3 && t < 0.4, "strictly inside the edge, at fraction " + t);
        s.assertMatchesReference(polygon, null);
        s.assertRent(OFFSET * CURVATURE, n, hp);
    }

    @ParameterizedTest(name = "{0} vertex {2}")
    @MethodSource("edges")
    void optimumSitsOnTheForcedVertex(String name, double[][] polygon, int vertex) {
        int m = polygon.length;
        double[] v = polygon[vertex];
        double[] nIn = outwardNormal(polygon, (vertex + m - 1) % m),
                nOut = outwardNormal(polygon, vertex);
        double[] u = unit(new double[] {nIn[0] + nOut[0], nIn[1] + nOut[1]});
        double[] target = {v[0] + OFFSET * u[0], v[1] + OFFSET * u[1]};

        Solved s = solve(twoPeerMarket(name + "-vertex-" + vertex, polygon, target, null));
        s.assertOptimalAndKkt();
        double scale = scale(polygon);
        double[] hp = s.chpSetPoint("CHP");
        assertEquals(v[0], hp[0], TOL * scale, "heat at vertex " + vertex + " of " + name);
        assertEquals(v[1], hp[1], TOL * scale, "power at vertex " + vertex + " of " + name);
        s.assertMatchesReference(polygon, null);
        s.assertRent(OFFSET * CURVATURE, u, hp);
    }

    @Test
    void interiorOptimumLeavesThePolygonInactive() {
        double[] target = {60, 150}; // inside A-B-C-D
        Solved s = solve(twoPeerMarket("interior", ABCD, target, null));
        s.assertOptimalAndKkt();
        double[] hp = s.chpSetPoint("CHP");
        assertEquals(target[0], hp[0], TOL * scale(ABCD));
        assertEquals(target[1], hp[1], TOL * scale(ABCD));
        s.assertRent(0, new double[] {1, 0}, hp);
        s.assertMatchesReference(ABCD, null);
    }

    // ---------------------------------------------------------------- orientation

    @Test
    void eitherOrientationAndAnyStartingVertexGiveTheSameOptimum() {
        for (Object[] p : polygons()) {
            double[][] poly = (double[][]) p[1];
            double scale = scale(poly);
            double[] centre = centroid(poly);
            // targets outside the polygon in several directions, and one inside
            List<double[]> targets = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                double angle = 0.3 + k * 2 * Math.PI / 5;
                targets.add(
                        new double[] {
                            centre[0] + 1.2 * scale * Math.cos(angle),
                            centre[1] + 1.2 * scale * Math.sin(angle)
                        });
            }
            targets.add(centre);
            for (double[] target : targets) {
                Solved given = solve(twoPeerMarket("given", poly, target, null));
                Solved reversed = solve(twoPeerMarket("reversed", reverse(poly), target, null));
                Solved rotated = solve(twoPeerMarket("rotated", rotate(poly, 2), target, null));
                for (Solved s : List.of(given, reversed, rotated)) {
                    s.assertOptimalAndKkt();
                    s.assertMatchesReference(poly, null);
                }
                double[] a = given.chpSetPoint("CHP");
                for (Solved other : List.of(reversed, rotated)) {
                    double[] b = other.chpSetPoint("CHP");
                    String where =
                            p[0]
                                    + " target "
                                    + target[0]
                                    + ", "
                                    + target[1]
                                    + ", "
                                    + other.result.caseName();
                    assertEquals(a[0], b[0], TOL * scale, "heat, " + where);
                    assertEquals(a[1], b[1], TOL * scale, "power, " + where);
                    assertEquals(
                            given.result.objective(),
                            other.result.objective(),
                            TOL * Math.max(1, Math.abs(given.result.objective())),
                            "objective, " + where);
                }
            }
        }
    }

    // ---------------------------------------------------------------- bounds

    @Test
    void polygonCutByTheUnitsBoundsIsClippedNotRejected() {
        // power max 200 cuts A-B-C-D below its top edge A-B (215..247 kW): the new corner is where
        // P = 200 meets edge B-C, and a target up and to the right of it lands there
        double[] bounds = {0, 1000, 0, 200};
        Solved corner = solve(twoPeerMarket("cut-corner", ABCD, new double[] {200, 260}, bounds));
        corner.assertOptimalAndKkt();
        double[] hp = corner.chpSetPoint("CHP");
        double[] b = ABCD[1], c = ABCD[2];
        double hAt200 = c[0] + (200 - c[1]) / (b[1] - c[1]) * (b[0] - c[0]);
        assertEquals(200, hp[1], TOL * scale(ABCD), "power at its bound");
        assertEquals(hAt200, hp[0], TOL * scale(ABCD), "heat where P = 200 meets edge B-C");
        corner.assertMatchesReference(ABCD, bounds);

        // heat bounds [20, 150] cut both the left edge D-A and the corner B
        double[] heatCut = {20, 150, 0, 1000};
        for (double[] target :
                List.of(
                        new double[] {-40, 150},
                        new double[] {250, 300},
                        new double[] {170, 120},
                        new double[] {10, 60})) {
            Solved s = solve(twoPeerMarket("heat-cut", ABCD, target, heatCut));
            s.assertOptimalAndKkt();
            s.assertMatchesReference(ABCD, heatCut);
            double[] x = s.chpSetPoint("CHP");
            assertTrue(
                    x[0] >= 20 - TOL * 250 && x[0] <= 150 + TOL * 250,
                    "heat within its bounds: " + x[0]);
        }
    }

    @Test
    void polygonOutsideTheBoundsMakesTheMarketInfeasibleNotInvalid() {
        // A-B-C-D never produces less than 81 kW of power, nor more than 180 kW of heat
        for (double[] bounds :
                List.of(
                        new double[] {0, 1000, 0, 50},
                        new double[] {190, 300, 0, 1000},
                        new double[] {150, 300, 0, 100})) {
            Market m =
                    twoPeerMarket(
                            "empty",
                            ABCD,
                            new double[] {60, 150},
                            bounds); // valid: build() does not throw
            assertNull(
                    PolygonReference.clip(ABCD, bounds),
                    "the reference agrees the intersection is empty");
            MarketResult r = MarketClearing.clear(m, solver, SolverOptions.DEFAULTS);
            assertEquals(
                    Status.INFEASIBLE, r.status(), "bounds " + java.util.Arrays.toString(bounds));
            assertTrue(r.peers().isEmpty());
        }
    }

    @Test
    void demandThePolygonCannotMeetIsInfeasible() {
        // A-B-C-D gives at most 180 kW of heat, and at 170 kW of heat between 197.2 and 216.8 kW of
        // power
        for (double[] demand : List.of(new double[] {190, 200}, new double[] {170, 100})) {
            Market m =
                    Market.builder("demand-" + demand[0] + "-" + demand[1])
                            .peer(
                                    chp(
                                            "CHP",
                                            ABCD,
                                            0.02,
                                            20,
                                            0.01,
                                            10,
                                            new double[] {0, 1000, 0, 1000}))
                            .peer(
                                    consumer(
                                            "C1",
                                            -demand[1],
                                            -demand[1],
                                            0.02,
                                            40,
                                            -demand[0],
                                            -demand[0],
                                            0.03,
                                            20))
                            .build();
            MarketResult r = MarketClearing.clear(m, solver, SolverOptions.DEFAULTS);
            assertEquals(Status.INFEASIBLE, r.status(), m.name());
        }
        // the same unit meets a fixed demand inside its region
        Market ok =
                Market.builder("demand-inside")
                        .peer(chp("CHP", ABCD, 0.02, 20, 0.01, 10, new double[] {0, 1000, 0, 1000}))
                        .peer(consumer("C1", -205, -205, 0.02, 40, -170, -170, 0.03, 20))
                        .build();
        Solved s = solve(ok);
        s.assertOptimalAndKkt();
        assertEquals(170, s.chpSetPoint("CHP")[0], TOL * 250);
    }

    // ---------------------------------------------------------------- invalid polygons

    @Test
    void invalidPolygonsAreRejectedNamingTheVertex() {
        assertRejected(
                new double[][] {{0, 100}, {0, 250}, {150, 220}, {60, 160}, {100, 80}},
                "vertex 3",
                "non-convex");
        assertRejected(
                new double[][] {{0, 100}, {150, 220}, {150, 80}, {0, 250}},
                "edge from vertex 0",
                "vertex 2",
                "not simple");
        assertRejected(
                new double[][] {{0, 247}, {180, 215}, {180, 215}, {104.8, 81}, {0, 98.8}},
                "vertex 2",
                "repeats vertex 1");
        assertRejected(
                new double[][] {{0, 247}, {180, 215}, {104.8, 81}, {180, 215}, {0, 98.8}},
                "vertex 3",
                "repeats vertex 1");
        assertRejected(new double[][] {{0, 100}, {50, 150}, {100, 200}}, "vertex 1", "zero area");
        assertRejected(
                new double[][] {{0, 100}, {200, 100}, {100, 100}, {100, 200}},
                "vertex 1",
                "doubles back");
    }

    private static void assertRejected(double[][] polygon, String... parts) {
        InvalidMarketException e =
                assertThrows(
                        InvalidMarketException.class,
                        () -> twoPeerMarket("invalid", polygon, new double[] {50, 150}, null));
        String all = String.join("\n", e.violations());
        assertTrue(all.contains("peer CHP: chpRegion"), all);
        for (String part : parts) {
            assertTrue(all.contains(part), "'" + all + "' should mention '" + part + "'");
        }
    }

    // ---------------------------------------------------------------- a market of several peers

    /**
     * Two CHP units (A-B-C-D and the hexagon), a power-only generator and three consumers needing
     * heat and power, all pairs of opposite roles trading: heat and power each clear at one price.
     * The reference finds those two prices by nested bisection on the excess supplies, each peer
     * responding exactly (the CHPs by {@link PolygonReference}).
     */
    @Test
    void severalChpUnitsClearHeatAndPowerJointlyAtUniformPrices() {
        Market m =
                Market.builder("chp-pair")
                        .peer(chp("CHP12", ABCD, 0.03, 22, 0.02, 8, new double[] {0, 300, 0, 300}))
                        .peer(
                                chp(
                                        "CHP13",
                                        HEXAGON,
                                        0.02,
                                        25,
                                        0.04,
                                        12,
                                        new double[] {0, 300, 0, 300}))
                        .producer("G16", 0, 200, QuadraticCost.of(0.05, 30, 0))
                        .peer(consumer("C1", -250, -50, 0.06, 60, -120, -20, 0.04, 40))
                        .peer(consumer("C2", -300, -80, 0.05, 55, -150, -30, 0.05, 35))
                        .peer(consumer("C3", -200, 0, 0.08, 50, -100, 0, 0.03, 30))
                        .build();
        Solved s = solve(m);
        s.assertOptimalAndKkt();
        ResultChecker.assertConsistent(m, s.result, TOL);
        double[] prices = UniformClearing.prices(m);
        double scale = s.formulated.problem().injectionScale();
        boolean onBoundary = false;
        for (Peer p : m.peers()) {
            PeerOutcome o = s.result.peer(p.id()).orElseThrow();
            double[] ref = UniformClearing.response(p, prices[0], prices[1]);
            assertEquals(ref[1], o.power(), TOL * scale, "power of " + p.id());
            if (p.heat() != null) {
                assertEquals(ref[0], o.heat(), TOL * scale, "heat of " + p.id());
            }
            if (p.chpRegion() != null) {
                double[][] poly = polygonOf(p);
                assertTrue(
                        PolygonReference.inside(
                                poly, new double[] {o.heat(), o.power()}, TOL * scale),
                        p.id() + " inside its polygon");
                onBoundary |=
                        PolygonReference.boundaryDistance(poly, new double[] {o.heat(), o.power()})
                                <= TOL * scale;
            }
        }
        assertTrue(onBoundary, "at least one CHP sits on its polygon's boundary in this market");
        for (Trade t : s.result.trades()) {
            assertEquals(prices[1], t.price(), TOL * 100, "power trade " + t);
        }
        for (Trade t : s.result.heatTrades()) {
            assertEquals(prices[0], t.price(), TOL * 100, "heat trade " + t);
        }
        assertTrue(!s.result.heatTrades().isEmpty() && !s.result.trades().isEmpty());
        double objective = 0;
        for (Peer p : m.peers()) {
            double[] x = UniformClearing.response(p, prices[0], prices[1]);
            objective +=
                    p.power().cost().value(x[1])
                            + (p.heat() == null ? 0 : p.heat().cost().value(x[0]));
        }
        assertEquals(objective, s.result.objective(), TOL * Math.abs(objective));
    }

    // ---------------------------------------------------------------- market construction

    /**
     * One CHP unit with region {@code polygon} and one consumer of heat and power whose linear
     * terms put the unconstrained optimum of the CHP's {@code (heat, power)} at {@code target}.
     *
     * @param bounds the CHP's {@code {heatMin, heatMax, powerMin, powerMax}} kW, or {@code null}
     *     for [0, 1000] each
     */
    static Market twoPeerMarket(String name, double[][] polygon, double[] target, double[] bounds) {
        double[] bx = bounds == null ? new double[] {0, 1000, 0, 1000} : bounds;
        return Market.builder(name)
                .peer(chp("CHP", polygon, 0.02, 20, 0.01, 10, bx))
                .peer(
                        consumer(
                                "C1",
                                -1000,
                                0,
                                0.02,
                                20 + CURVATURE * target[1],
                                -1000,
                                0,
                                0.03,
                                10 + CURVATURE * target[0]))
                .build();
    }

    static Peer chp(
            String id,
            double[][] polygon,
            double ap,
            double bp,
            double ah,
            double bh,
            double[] bounds) {
        return Peer.of(id, Role.PRODUCER, bounds[2], bounds[3], QuadraticCost.of(ap, bp, 0))
                .withHeat(Injection.of(bounds[0], bounds[1], QuadraticCost.of(ah, bh, 0)))
                .withChpRegion(ChpRegion.of(polygon));
    }

    static Peer consumer(
            String id,
            double pMin,
            double pMax,
            double ap,
            double bp,
            double hMin,
            double hMax,
            double ah,
            double bh) {
        return Peer.of(id, Role.CONSUMER, pMin, pMax, QuadraticCost.of(ap, bp, 0))
                .withHeat(Injection.of(hMin, hMax, QuadraticCost.of(ah, bh, 0)));
    }

    private Solved solve(Market m) {
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        ProblemSolution s = solver.solve(fm.problem(), SolverOptions.DEFAULTS);
        return new Solved(m, fm, s, fm.result(s));
    }

    /** A solved market with the checks every solve gets. */
    record Solved(
            Market market,
            FormulatedMarket formulated,
            ProblemSolution solution,
            MarketResult result) {

        void assertOptimalAndKkt() {
            assertEquals(
                    Status.OPTIMAL, result.status(), market.name() + ": " + solution.message());
            KktChecker.assertKkt(formulated.problem(), solution, TOL);
            ResultChecker.assertConsistent(market, result, TOL);
        }

        double[] chpSetPoint(String id) {
            PeerOutcome o = result.peer(PeerId.of(id)).orElseThrow();
            return new double[] {o.heat(), o.power()};
        }

        /** Set-points and objective of the two-peer market against the exact enumeration. */
        void assertMatchesReference(double[][] polygon, double[] bounds) {
            Peer chp = market.peer(PeerId.of("CHP")).orElseThrow();
            Peer c = market.peer(PeerId.of("C1")).orElseThrow();
            // the consumer takes exactly what the CHP sells: total cost in (H, P) is separable
            double[] alpha = {
                chp.heat().cost().a() + c.heat().cost().a(),
                chp.power().cost().a() + c.power().cost().a()
            };
            double[] beta = {
                chp.heat().cost().b() - c.heat().cost().b(),
                chp.power().cost().b() - c.power().cost().b()
            };
            double[] box = bounds == null ? new double[] {0, 1000, 0, 1000} : bounds;
            double[] ref = PolygonReference.minimise(polygon, box, alpha, beta);
            assertNotNull(ref, "the reference finds the polygon and bounds intersect");
            double scale = scale(polygon);
            double[] hp = chpSetPoint("CHP");
            assertEquals(ref[0], hp[0], TOL * scale, market.name() + ": heat vs reference");
            assertEquals(ref[1], hp[1], TOL * scale, market.name() + ": power vs reference");
            double objective =
                    chp.heat().cost().value(ref[0])
                            + chp.power().cost().value(ref[1])
                            + c.heat().cost().value(-ref[0])
                            + c.power().cost().value(-ref[1]);
            assertEquals(
                    objective,
                    result.objective(),
                    TOL * Math.max(1, Math.abs(objective)),
                    market.name() + ": objective vs reference");
        }

        /**
         * The heat and power prices exceed the CHP's marginal costs by {@code rent * direction}
         * ($/kW): the multipliers of its active polygon constraints, in closed form. Prices are
         * read from the trades, and the consumer's marginal values must agree with them.
         */
        void assertRent(double rent, double[] direction, double[] hp) {
            Peer chp = market.peer(PeerId.of("CHP")).orElseThrow();
            Peer c = market.peer(PeerId.of("C1")).orElseThrow();
            double priceScale = KktChecker.priceScale(formulated.problem());
            double powerPrice = c.power().cost().marginal(-hp[1]);
            assertEquals(
                    powerPrice,
                    result.tradePrice("CHP", "C1").orElseThrow(),
                    TOL * priceScale,
                    market.name() + ": power price");
            assertEquals(
                    rent * direction[1],
                    powerPrice - chp.power().cost().marginal(hp[1]),
                    TOL * priceScale,
                    market.name() + ": power price minus CHP marginal cost");
            if (hp[0] > TOL * scale(polygonOf(chp))) {
                double heatPrice = c.heat().cost().marginal(-hp[0]);
                Trade heat =
                        result.heatTrades().stream()
                                .filter(t -> t.seller().value().equals("CHP"))
                                .findFirst()
                                .orElseThrow();
                assertEquals(
                        heatPrice, heat.price(), TOL * priceScale, market.name() + ": heat price");
                assertEquals(
                        rent * direction[0],
                        heatPrice - chp.heat().cost().marginal(hp[0]),
                        TOL * priceScale,
                        market.name() + ": heat price minus CHP marginal heat cost");
            } else {
                // no heat changes hands: the heat price is not determined, KKT alone constrains it
                assertTrue(
                        result.heatTrades().isEmpty(),
                        "no heat trade at zero heat: " + result.heatTrades());
            }
        }
    }

    // ---------------------------------------------------------------- geometry

    static double[][] polygonOf(Peer p) {
        return p.region().orElseThrow().vertices().stream()
                .map(v -> new double[] {v.heat(), v.power()})
                .toArray(double[][]::new);
    }

    static double signedArea2(double[][] poly) {
        double s = 0;
        for (int k = 0; k < poly.length; k++) {
            double[] a = poly[k], b = poly[(k + 1) % poly.length];
            s += a[0] * b[1] - b[0] * a[1];
        }
        return s;
    }

    /** Outward unit normal of the edge from vertex {@code k} to {@code k + 1}. */
    static double[] outwardNormal(double[][] poly, int k) {
        double[] a = poly[k], b = poly[(k + 1) % poly.length];
        double dh = b[0] - a[0], dp = b[1] - a[1];
        double[] n = signedArea2(poly) > 0 ? new double[] {dp, -dh} : new double[] {-dp, dh};
        return unit(n);
    }

    static double[] unit(double[] v) {
        double len = Math.hypot(v[0], v[1]);
        return new double[] {v[0] / len, v[1] / len};
    }

    static double dist2(double[] a, double[] b) {
        return (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
    }

    static double scale(double[][] poly) {
        double s = 1;
        for (double[] v : poly) {
            s = Math.max(s, Math.max(Math.abs(v[0]), Math.abs(v[1])));
        }
        return s;
    }

    static double[] centroid(double[][] poly) {
        double h = 0, p = 0;
        for (double[] v : poly) {
            h += v[0];
            p += v[1];
        }
        return new double[] {h / poly.length, p / poly.length};
    }

    static double[][] reverse(double[][] poly) {
        double[][] out = new double[poly.length][];
        for (int k = 0; k < poly.length; k++) {
            out[k] = poly[poly.length - 1 - k];
        }
        return out;
    }

    static double[][] rotate(double[][] poly, int by) {
        double[][] out = new double[poly.length][];
        for (int k = 0; k < poly.length; k++) {
            out[k] = poly[(k + by) % poly.length];
        }
        return out;
    }

    /**
     * Exact minimiser of the separable quadratic {@code 0.5 alpha_h H^2 + beta_h H + 0.5 alpha_p
     * P^2 + beta_p P} ({@code alpha > 0}) over a convex polygon clipped by a box: the minimiser is
     * the interior stationary point when it is feasible, otherwise the best of the per-edge
     * minimisers (each a clamped one-dimensional quadratic). Independent of the solver and of
     * {@code ChpRegion}.
     */
    static final class PolygonReference {

        private PolygonReference() {}

        /** The minimiser {@code {H, P}}, or {@code null} when polygon and box do not intersect. */
        static double[] minimise(double[][] polygon, double[] box, double[] alpha, double[] beta) {
            double[][] region = clip(polygon, box);
            if (region == null) {
                return null;
            }
            double[] free = {-beta[0] / alpha[0], -beta[1] / alpha[1]};
            if (inside(region, free, 0)) {
                return free;
            }
            double[] best = null;
            double bestValue = Double.POSITIVE_INFINITY;
            for (int k = 0; k < region.length; k++) {
                double[] a = region[k], b = region[(k + 1) % region.length];
                double dh = b[0] - a[0], dp = b[1] - a[1];
                double curv = alpha[0] * dh * dh + alpha[1] * dp * dp;
                double t =
                        curv == 0
                                ? 0
                                : -((alpha[0] * a[0] + beta[0]) * dh
                                                + (alpha[1] * a[1] + beta[1]) * dp)
                                        / curv;
                t = Math.max(0, Math.min(1, t));
                double[] x = {a[0] + t * dh, a[1] + t * dp};
                double value =
                        0.5 * alpha[0] * x[0] * x[0]
                                + beta[0] * x[0]
                                + 0.5 * alpha[1] * x[1] * x[1]
                                + beta[1] * x[1];
                if (value < bestValue) {
                    bestValue = value;
                    best = x;
                }
            }
            return best;
        }

        /**
         * The polygon clipped by {@code {hMin, hMax, pMin, pMax}} (Sutherland-Hodgman), or {@code
         * null} when empty.
         */
        static double[][] clip(double[][] polygon, double[] box) {
            List<double[]> poly = new ArrayList<>(List.of(polygon));
            double[][] planes = {
                {-1, 0, -box[0]}, {1, 0, box[1]}, {0, -1, -box[2]}, {0, 1, box[3]}
            };
            for (double[] pl : planes) {
                List<double[]> next = new ArrayList<>();
                for (int k = 0; k < poly.size(); k++) {
                    double[] a = poly.get(k), b = poly.get((k + 1) % poly.size());
                    double sa = pl[0] * a[0] + pl[1] * a[1] - pl[2],
                            sb = pl[0] * b[0] + pl[1] * b[1] - pl[2];
                    if (sa <= 0) {
                        next.add(a);
                    }
                    if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
                        double t = sa / (sa - sb);
                        next.add(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
                    }
                }
                poly = next;
                if (poly.size() < 3) {
                    return null;
                }
            }
            double[][] out = poly.toArray(double[][]::new);
            return Math.abs(signedArea2(out)) < 1e-12 ? null : out;
        }

        /** Whether {@code x} lies in the convex polygon, allowing {@code tol} kW outside. */
        static boolean inside(double[][] poly, double[] x, double tol) {
            double sign = Math.signum(signedArea2(poly));
            for (int k = 0; k < poly.length; k++) {
                double[] a = poly[k], b = poly[(k + 1) % poly.length];
                double len = Math.sqrt(dist2(a, b));
                if (len == 0) {
                    continue;
                }
                double cross =
                        ((b[0] - a[0]) * (x[1] - a[1]) - (b[1] - a[1]) * (x[0] - a[0])) / len;
                if (cross * sign < -tol) {
                    return false;
                }
            }
            return true;
        }

        /** Distance from a point inside the polygon to its boundary, kW. */
        static double boundaryDistance(double[][] poly, double[] x) {
            double d = Double.POSITIVE_INFINITY;
            for (int k = 0; k < poly.length; k++) {
                double[] a = poly[k], b = poly[(k + 1) % poly.length];
                double len = Math.sqrt(dist2(a, b));
                d =
                        Math.min(
                                d,
                                Math.abs(
                                                (b[0] - a[0]) * (x[1] - a[1])
                                                        - (b[1] - a[1]) * (x[0] - a[0]))
                                        / len);
            }
            return d;
        }
    }

    /**
     * Uniform-price clearing of a heat-and-power market without preferences or penalties in which
     * every pair of opposite roles trades: each peer responds to prices {@code (pi_h, pi_p)} by
     * minimising its own cost minus its revenue, and the prices are those at which responses sum to
     * zero in each commodity. The dual is concave, so nested bisection (heat price inside, power
     * price outside) finds them; every cost here is strictly convex, so responses are unique.
     */
    static final class UniformClearing {

        private UniformClearing() {}

        /** {@code {heatPrice, powerPrice}} $/kW. */
        static double[] prices(Market m) {
            double lo = -500, hi = 500;
            for (int it = 0; it < 100; it++) {
                double mid = 0.5 * (lo + hi);
                double[] excess = excess(m, heatPrice(m, mid), mid);
                if (excess[1] > 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            double pp = 0.5 * (lo + hi);
            return new double[] {heatPrice(m, pp), pp};
        }

        private static double heatPrice(Market m, double powerPrice) {
            double lo = -500, hi = 500;
            for (int it = 0; it < 100; it++) {
                double mid = 0.5 * (lo + hi);
                if (excess(m, mid, powerPrice)[0] > 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        private static double[] excess(Market m, double ph, double pp) {
            double[] s = new double[2];
            for (Peer p : m.peers()) {
                double[] x = response(p, ph, pp);
                s[0] += x[0];
                s[1] += x[1];
            }
            return s;
        }

        /**
         * A peer's best {@code {heat, power}} at prices {@code (ph, pp)}; heat 0 without a heat
         * side.
         */
        static double[] response(Peer p, double ph, double pp) {
            Injection pw = p.power(), ht = p.heat();
            if (p.chpRegion() != null) {
                return PolygonReference.minimise(
                        polygonOf(p),
                        new double[] {ht.min(), ht.max(), pw.min(), pw.max()},
                        new double[] {ht.cost().a(), pw.cost().a()},
                        new double[] {ht.cost().b() - ph, pw.cost().b() - pp});
            }
            return new double[] {ht == null ? 0 : clamp(ht, ph), clamp(pw, pp)};
        }

        private static double clamp(Injection side, double price) {
            return Math.max(
                    side.min(), Math.min(side.max(), (price - side.cost().b()) / side.cost().a()));
        }
    }
}
