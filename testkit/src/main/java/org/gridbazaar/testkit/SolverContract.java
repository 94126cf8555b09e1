package org.gridbazaar.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Stream;
import org.gridbazaar.formulation.FormulatedMarket;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.Progress;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite every {@link MarketSolver} runs (after MathOptInterface's one shared suite
 * with per-solver tolerances): a solver's test class extends this and implements {@link #solver()}.
 * Cases whose set-points and prices are known in closed form, infeasible markets, and seeded random
 * markets, each solved both through {@link MarketClearing} (checked with {@link ResultChecker}) and
 * directly (checked with {@link KktChecker}). Trades are not unique, so they are never compared
 * exactly; only their feasibility and prices are checked.
 *
 * <p>Override the tolerances for approximate solvers (ADMM), {@link #options()} for the options
 * every solve uses, and {@link #reference()} to cross-check random markets against another solver.
 */
public abstract class SolverContract {

    /** For the test classes that extend this contract. */
    protected SolverContract() {}

    /** The solver under test. */
    protected abstract MarketSolver solver();

    /**
     * A reference solver for the random cross-checks, or {@code null} (the default) to skip them.
     */
    protected MarketSolver reference() {
        return null;
    }

    /** Relative tolerance on objectives ($), default 1e-6. */
    protected double objectiveTolerance() {
        return 1e-6;
    }

    /**
     * Tolerance on set-points relative to the largest bound (kW), and on prices relative to the
     * price scale; default 1e-6.
     */
    protected double setPointTolerance() {
        return 1e-6;
    }

    /** Relative tolerance of the KKT and result checks, default 1e-6. */
    protected double kktTolerance() {
        return 1e-6;
    }

    /**
     * Seeds of {@link #randomMarkets()} this solver is excluded from (MathOptInterface-style
     * exclusions); override with a comment saying why. Default none.
     */
    protected java.util.Set<Long> excludedRandomSeeds() {
        return java.util.Set.of();
    }

    /**
     * Whether this solver must reach {@code OPTIMAL} on every {@link HardMarkets} shape (the
     * default solver must); otherwise a non-optimal status that says it stopped ({@code
     * ITERATION_LIMIT}, {@code NUMERICAL_ERROR}) is accepted, a wrong {@code OPTIMAL} never.
     * Default false.
     */
    protected boolean solvesHardShapes() {
        return false;
    }

    /**
     * {@link HardMarkets} shapes (by name, including {@code "network-<i>"} for {@link
     * HardMarkets#networkShapes()}) this solver is excluded from, each with the reason; the test
     * reports the skip with that reason. Default none.
     */
    protected java.util.Map<String, String> excludedHardShapes() {
        return java.util.Map.of();
    }

    /** Options of every solve; default {@link SolverOptions#DEFAULTS}. */
    protected SolverOptions options() {
        return SolverOptions.DEFAULTS;
    }

    /**
     * Seeds and specs of the random markets (sizes 4 to 60). A solver that does not support a
     * market ({@link MarketSolver#supports}) skips it.
     */
    protected static Stream<Arguments> randomMarkets() {
        return Stream.of(
                Arguments.of(11L, RandomMarkets.Spec.basic(4)),
                Arguments.of(12L, RandomMarkets.Spec.basic(9).withProsumerShare(0.5)),
                Arguments.of(13L, RandomMarkets.Spec.basic(20).withPreferences(true)),
                Arguments.of(
                        14L,
                        RandomMarkets.Spec.basic(16).withExplicitPairs(true).withFixedShare(0.3)),
                Arguments.of(
                        15L,
                        RandomMarkets.Spec.basic(12)
                                .withNetwork(5, true, true)
                                .withPreferences(true)),
                Arguments.of(16L, RandomMarkets.Spec.basic(10).withHeat(0.6, 0.7)),
                Arguments.of(
                        17L,
                        RandomMarkets.Spec.basic(60).withExplicitPairs(true).withPreferences(true)),
                Arguments.of(
                        18L,
                        RandomMarkets.Spec.basic(30)
                                .withProsumerShare(0.1)
                                .withNetwork(8, true, false)));
    }

    // ---------------------------------------------------------------- closed forms

    @Test
    void twoPeerMarketClearsWhereMarginalCurvesCross() {
        // P = (b_c - b_p) / (a_p + a_c) = (30 - 10) / 0.07; price a_p P + b_p
        Market m = twoPeers(0.02, 10, 0, 500, 0.05, 30, -400, 0);
        double q = 20 / 0.07, price = 0.02 * q + 10;
        MarketResult r = clearChecked(m);
        assertClose(q, r.power("G"), "producer power");
        assertClose(-q, r.power("C"), "consumer power");
        assertClose(q, r.traded("G", "C"), "traded G -> C");
        assertPrice(price, r.tradePrice("G", "C").orElseThrow(), "trade price G -> C");
        assertPrice(price, r.peerPrice("G"), "producer marginal cost");
        assertPrice(price, r.peerPrice("C"), "consumer marginal cost");
        double expected = 0.5 * 0.02 * q * q + 10 * q + 0.5 * 0.05 * q * q - 30 * q;
        assertObjective(expected, r.objective());
    }

    @Test
    void producerAtCapacitySellsItAllAndPriceIsTheBuyersMarginalCost() {
        // unconstrained P would be 285.7 kW; the producer's max of 100 binds
        Market m = twoPeers(0.02, 10, 0, 100, 0.05, 30, -400, 0);
        MarketResult r = clearChecked(m);
        assertClose(100, r.power("G"), "producer at its max");
        assertClose(-100, r.power("C"), "consumer");
        double price = r.tradePrice("G", "C").orElseThrow();
        double producer = 0.02 * 100 + 10, consumer = 0.05 * -100 + 30;
        assertTrue(
                price >= producer - priceTol(consumer) && price <= consumer + priceTol(consumer),
                "price " + price + " between the marginal costs " + producer + " and " + consumer);
        // the consumer is strictly inside its bounds, so the price is its marginal cost
        assertPrice(consumer, price, "trade price");
    }

    @Test
    void linearCostProducerSetsThePrice() {
        // a = 0 producer at b = 20: the consumer buys until its marginal cost 0.1 x + 50 falls to
        // 20
        Market m = twoPeers(0, 20, 0, 500, 0.1, 50, -400, 0);
        MarketResult r = clearChecked(m);
        assertClose(300, r.power("G"), "producer power");
        assertClose(-300, r.power("C"), "consumer power");
        assertPrice(20, r.tradePrice("G", "C").orElseThrow(), "trade price");
    }

    @Test
    void fixedDemandIsServedExactlyAtTheSuppliersMarginalCost() {
        Market m =
                Market.builder("fixed-demand")
                        .producer("G", 0, 500, QuadraticCost.of(0.04, 12, 0))
                        .consumer("C", -150, -150, QuadraticCost.of(0, 60, 0))
                        .build();
        MarketResult r = clearChecked(m);
        assertClose(150, r.power("G"), "producer serves the fixed demand");
        assertClose(-150, r.power("C"), "fixed demand");
        assertPrice(
                0.04 * 150 + 12,
                r.tradePrice("G", "C").orElseThrow(),
                "price is the producer's marginal cost");
    }

    @Test
    void preferenceMakesConsumerBuyMostlyFromTheDearerProducerItPrefers() {
        // G1: 0.1 P + 20, G2: 0.1 P + 25; C (fixed 100 kW) gets 10 $/kW off on trades with G2.
        // y_C = 0.1 P1 + 20 = 0.1 P2 + 25 - 10, P1 + P2 = 100  =>  P1 = 25, P2 = 75, y_C = 22.5
        Market m =
                Market.builder("preference")
                        .producer("G1", 0, 300, QuadraticCost.of(0.1, 20, 0))
                        .producer("G2", 0, 300, QuadraticCost.of(0.1, 25, 0))
                        .consumer("C", -100, -100, QuadraticCost.of(0, 60, 0))
                        .preference("C", "G2", -10)
                        .build();
        MarketResult r = clearChecked(m);
        assertClose(25, r.traded("G1", "C"), "bought from the cheaper G1");
        assertClose(75, r.traded("G2", "C"), "bought from the preferred G2");
        assertPrice(
                22.5, r.tradePrice("G1", "C").orElseThrow(), "G1 -> C price: G1's marginal cost");
        assertPrice(
                32.5,
                r.tradePrice("G2", "C").orElseThrow(),
                "G2 -> C price: G2's marginal cost = y_C + 10");
        double expected = 0.05 * 625 + 20 * 25 + 0.05 * 5625 + 25 * 75 - 6000 - 10 * 75;
        assertObjective(expected, r.objective());
    }

    @Test
    void marketWithoutPreferencesClearsAtOneUniformPrice() {
        for (long seed : new long[] {101, 102, 103}) {
            Market m =
                    RandomMarkets.generate(
                            seed,
                            RandomMarkets.Spec.basic(8 + (int) (seed % 7)).withProsumerShare(0.3));
            double pi = uniformPrice(m);
            MarketResult r = clearChecked(m);
            for (Peer p : m.peers()) {
                Injection s = p.power();
                double expected = clip((pi - s.cost().b()) / s.cost().a(), s.min(), s.max());
                assertClose(
                        expected,
                        r.power(p.id().value()),
                        "seed "
                                + seed
                                + ": set-point of "
                                + p.id()
                                + " at the uniform price "
                                + pi);
                double x = r.power(p.id().value());
                double tol = setPointTolerance() * scale(m);
                if (x > s.min() + tol && x < s.max() - tol) {
                    assertPrice(
                            pi,
                            r.peerPrice(p.id().value()),
                            "seed " + seed + ": marginal cost of " + p.id());
                }
            }
            r.trades().forEach(t -> assertPrice(pi, t.price(), "seed " + seed + ": price of " + t));
        }
    }

    @Test
    void peerWithoutPartnerStaysAtZero() {
        Market m =
                Market.builder("lonely")
                        .producer("G1", 0, 300, QuadraticCost.of(0.02, 10, 0))
                        .producer("G2", 0, 300, QuadraticCost.of(0.02, 1, 0))
                        .consumer("C", -200, 0, QuadraticCost.of(0.05, 40, 0))
                        .tradingPairs(List.of(PeerPair.of("G1", "C")))
                        .build();
        MarketResult r = clearChecked(m);
        assertClose(0, r.power("G2"), "cheap G2 has no partner");
        // alone with C, G1 would sell 30 / 0.07 = 428.6 kW; C's minimum of -200 kW binds
        assertClose(200, r.power("G1"), "G1 clears with C alone");
        assertPrice(
                0.02 * 200 + 10,
                r.tradePrice("G1", "C").orElseThrow(),
                "price: G1's marginal cost");
    }

    @Test
    void peerWithoutPartnerWhoseBoundsExcludeZeroMakesTheMarketInfeasible() {
        Market m =
                Market.builder("lonely-must-run")
                        .producer("G1", 0, 300, QuadraticCost.of(0.02, 10, 0))
                        .producer("G2", 10, 300, QuadraticCost.of(0.02, 1, 0))
                        .consumer("C", -200, 0, QuadraticCost.of(0.05, 40, 0))
                        .tradingPairs(List.of(PeerPair.of("G1", "C")))
                        .build();
        assertInfeasible(m);
    }

    @Test
    void demandAboveSupplyIsInfeasibleWithoutException() {
        Market m =
                Market.builder("short")
                        .producer("G", 0, 300, QuadraticCost.of(0.02, 10, 0))
                        .consumer("C", -500, -500, QuadraticCost.of(0.05, 40, 0))
                        .build();
        assertInfeasible(m);
    }

    @Test
    void randomInfeasibleMarketsAreReportedInfeasible() {
        for (long seed : new long[] {201, 202}) {
            assertInfeasible(
                    RandomMarkets.generate(
                            seed, RandomMarkets.Spec.basic(10).withInfeasible(true)));
        }
    }

    // ---------------------------------------------------------------- random markets

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("randomMarkets")
    void randomMarketsPassKktAndAgreeWithTheReference(long seed, RandomMarkets.Spec spec) {
        assumeTrue(
                !excludedRandomSeeds().contains(seed),
                () -> solver().name() + " is excluded from random market " + seed);
        Market m = RandomMarkets.generate(seed, spec);
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        MarketSolver.Support support = solver().supports(fm.problem());
        assumeTrue(
                support.supported(),
                () -> solver().name() + " skips " + m + ": " + support.reason());
        String replay = " (replay: " + m.description() + ")";
        ProblemSolution s = solver().solve(fm.problem(), options());
        assertEquals(
                Status.OPTIMAL, s.status(), () -> "status of " + m + replay + ": " + s.message());
        try {
            KktChecker.assertKkt(fm.problem(), s, kktTolerance());
            MarketResult r = fm.result(s);
            ResultChecker.assertConsistent(m, r, kktTolerance());
            MarketSolver ref = reference();
            if (ref != null && ref.supports(fm.problem()).supported()) {
                ProblemSolution rs = ref.solve(fm.problem(), options());
                // a failing reference is not the fault of the solver under test: skip, saying why
                assumeTrue(
                        rs.status() == Status.OPTIMAL,
                        () ->
                                "reference "
                                        + ref.name()
                                        + " returned "
                                        + rs.status()
                                        + " on "
                                        + m
                                        + replay
                                        + ": "
                                        + rs.message());
                MarketResult rr = fm.result(rs);
                assertObjective(rr.objective(), r.objective());
                if (spec.zeroQuadraticShare() == 0) {
                    // with a > 0 on every node the set-points are unique
                    double tol = setPointTolerance() * fm.problem().injectionScale();
                    for (int i = 0; i < r.peers().size(); i++) {
                        PeerOutcome a = r.peers().get(i), b = rr.peers().get(i);
                        assertEquals(
                                b.power(),
                                a.power(),
                                tol,
                                "power of " + a.id() + " vs " + ref.name());
                        if (a.hasHeat()) {
                            assertEquals(
                                    b.heat(),
                                    a.heat(),
                                    tol,
                                    "heat of " + a.id() + " vs " + ref.name());
                        }
                    }
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + replay, e);
        }
    }

    @Test
    void fullFeaturedRandomMarketsClearConsistently() {
        for (long seed : new long[] {301, 302, 303}) {
            Market m = RandomMarkets.generate(seed, RandomMarkets.Spec.full(6 + (int) (seed % 5)));
            FormulatedMarket fm = new P2PFormulation().formulate(m);
            if (!solver().supports(fm.problem()).supported()) {
                continue;
            }
            MarketResult r = clearChecked(m);
            assertTrue(r.objectiveValue().isPresent(), "objective of " + m.description());
        }
    }

    // ---------------------------------------------------------------- badly scaled markets

    static Stream<HardMarkets.Shape> hardShapes() {
        return HardMarkets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hardShapes")
    void badlyScaledMarketsAreSolvedOrReportedHonestly(HardMarkets.Shape shape) {
        String why = excludedHardShapes().get(shape.name());
        assumeTrue(
                why == null,
                () -> solver().name() + " is excluded from " + shape.name() + ": " + why);
        Market m = shape.market();
        MarketResult r = MarketClearing.clear(m, solver(), options());
        if (r.status() != Status.OPTIMAL) {
            assertTrue(
                    !solvesHardShapes(),
                    () ->
                            shape.name()
                                    + ": "
                                    + solver().name()
                                    + " must solve it, returned "
                                    + r.status()
                                    + " ("
                                    + r.solver()
                                    + ")");
            assertTrue(
                    r.status() == Status.ITERATION_LIMIT || r.status() == Status.NUMERICAL_ERROR,
                    () ->
                            shape.name()
                                    + " is feasible and bounded, yet "
                                    + solver().name()
                                    + " returned "
                                    + r.status());
            return;
        }
        assertEquals(
                shape.objective(),
                r.objective(),
                objectiveTolerance() * Math.max(1, Math.abs(shape.objective())),
                () ->
                        shape.name()
                                + ": "
                                + solver().name()
                                + " said OPTIMAL at objective "
                                + r.objective()
                                + ", the optimum is "
                                + shape.objective());
        double balance = 0, volume = 0;
        for (Peer p : m.peers()) {
            String id = p.id().value();
            double x = r.power(id);
            balance += x;
            volume += Math.max(0, x);
            Double expected = shape.setPoints().get(id);
            if (expected != null) {
                double tol = setPointTolerance() * shape.scales().get(id);
                assertEquals(
                        expected,
                        x,
                        tol,
                        () ->
                                shape.name()
                                        + ": set-point of "
                                        + id
                                        + " (kW) from "
                                        + solver().name());
            }
            double slack =
                    setPointTolerance()
                            * Math.max(
                                    Math.abs(x),
                                    Math.min(p.power().max() - p.power().min(), volume));
            assertTrue(
                    x >= p.power().min() - slack && x <= p.power().max() + slack,
                    () ->
                            shape.name()
                                    + ": "
                                    + id
                                    + " at "
                                    + x
                                    + " kW outside ["
                                    + p.power().min()
                                    + ", "
                                    + p.power().max()
                                    + "]");
        }
        double imbalance = balance;
        double vol = volume;
        assertEquals(
                0,
                imbalance,
                setPointTolerance() * Math.max(vol, 1e-12),
                () ->
                        shape.name()
                                + ": injections do not balance ("
                                + imbalance
                                + " kW of "
                                + vol
                                + " kW traded)");
    }

    static Stream<Arguments> networkShapes() {
        List<Market> markets = HardMarkets.networkShapes();
        return java.util.stream.IntStream.range(0, markets.size())
                .mapToObj(i -> Arguments.of("network-" + i, markets.get(i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkShapes")
    void linearCostNetworkMarketsAreSolvedOrReportedHonestly(String name, Market m) {
        String why = excludedHardShapes().get(name);
        assumeTrue(why == null, () -> solver().name() + " is excluded from " + name + ": " + why);
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        assumeTrue(
                solver().supports(fm.problem()).supported(),
                () -> solver().name() + " does not support " + name);
        MarketResult r = MarketClearing.clear(m, solver(), options());
        if (r.status() != Status.OPTIMAL) {
            assertTrue(
                    !solvesHardShapes(),
                    () -> name + ": " + solver().name() + " must solve it, returned " + r.status());
            assertTrue(
                    r.status() == Status.ITERATION_LIMIT || r.status() == Status.NUMERICAL_ERROR,
                    () ->
                            name
                                    + " is feasible and bounded, yet "
                                    + solver().name()
                                    + " returned "
                                    + r.status());
            return;
        }
        ResultChecker.assertConsistent(m, r, kktTolerance());
        MarketSolver ref = reference();
        if (ref != null) {
            MarketResult rr = MarketClearing.clear(m, ref, SolverOptions.DEFAULTS);
            assertEquals(
                    Status.OPTIMAL, rr.status(), () -> "reference " + ref.name() + " on " + name);
            assertEquals(
                    rr.objective(),
                    r.objective(),
                    objectiveTolerance() * Math.max(1, Math.abs(rr.objective())),
                    () ->
                            name
                                    + ": "
                                    + solver().name()
                                    + " said OPTIMAL at "
                                    + r.objective()
                                    + ", reference "
                                    + rr.objective()
                                    + " ("
                                    + m.description()
                                    + ")");
        }
    }

    // ---------------------------------------------------------------- peer blocks

    @Test
    void aProblemWithPeerBlocksIsRefusedSayingWhyOrSolved() {
        // a storage peer over two periods: its net node x_t = d_t - c_t, energy e_t = e_(t-1) + c_t
        // - d_t
        MarketProblem.Builder b = MarketProblem.builder("storage-blocks");
        int g = b.peer("G"), s = b.peer("S");
        int prev = -1;
        for (int t = 0; t < 2; t++) {
            int gx = b.node(g, MarketProblem.POWER, t, 0.02, 10 + 20 * t, 0, 0, 100);
            int sx = b.node(s, MarketProblem.POWER, t, 0, 0, 0, -5, 5);
            int c = b.variable(s, "charge", t, 0, 0, 0, 0, 5),
                    d = b.variable(s, "discharge", t, 0, 0, 0, 0, 5);
            int e = b.variable(s, "energy", t, 0, 0, 0, 0, 10);
            b.arc(gx, sx, 0, 0);
            b.localRow(
                    s,
                    "net[t=" + t + "]",
                    new int[] {sx},
                    new double[] {1},
                    new int[] {d, c},
                    new double[] {-1, 1},
                    true,
                    0);
            b.localRow(
                    s,
                    "energy[t=" + t + "]",
                    new int[0],
                    new double[0],
                    prev < 0 ? new int[] {e, c, d} : new int[] {e, prev, c, d},
                    prev < 0 ? new double[] {1, -1, 1} : new double[] {1, -1, -1, 1},
                    true,
                    prev < 0 ? 2 : 0);
            prev = e;
        }
        MarketProblem p = b.build();
        MarketSolver.Support support = solver().supports(p);
        if (!support.supported()) {
            assertTrue(
                    support.reason().contains("peer blocks"), () -> "reason: " + support.reason());
            org.junit.jupiter.api.Assertions.assertThrows(
                    org.gridbazaar.solver.UnsupportedProblemException.class,
                    () -> solver().solve(p, options()));
            return;
        }
        ProblemSolution sol = solver().solve(p, options());
        assertEquals(Status.OPTIMAL, sol.status(), sol.message());
        KktChecker.assertKkt(p, sol, kktTolerance());
    }

    // ---------------------------------------------------------------- why a solver stopped

    @Test
    void aStopRequestedFromTheStartIsReportedAsAnInterrupt() {
        Market m = RandomMarkets.generate(61, RandomMarkets.Spec.basic(30).withProsumerShare(0.2));
        Progress stop =
                new Progress() {
                    @Override
                    public void iteration(
                            int iteration, double primalResidual, double dualResidual) {}

                    @Override
                    public boolean stopRequested() {
                        return true;
                    }
                };
        MarketResult r = MarketClearing.clear(m, solver(), options().withProgress(stop));
        assertEquals(
                Termination.Reason.INTERRUPTED,
                r.termination().reason(),
                () -> "termination " + r.termination());
        assertEquals(
                Status.ITERATION_LIMIT,
                r.status(),
                "the file format writes an interrupt as ITERATION_LIMIT");
    }

    @Test
    void anIterationLimitIsReportedAsSuchWithItsPoint() {
        Market m =
                RandomMarkets.generate(
                        62,
                        RandomMarkets.Spec.basic(40).withProsumerShare(0.3).withPreferences(true));
        MarketResult r = MarketClearing.clear(m, solver(), options().withMaxIterations(1));
        if (r.status() == Status.OPTIMAL) {
            ResultChecker.assertConsistent(m, r, kktTolerance());
            return;
        }
        assertEquals(
                Termination.Reason.ITERATION_LIMIT,
                r.termination().reason(),
                () -> "termination " + r.termination());
        assertTrue(
                r.termination().primal() != Termination.PointStatus.FEASIBLE
                        || r.peers().size() == m.peers().size(),
                () -> "a limited run that calls its point feasible returns it: " + r.termination());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Clears through {@link MarketClearing} and checks the result, then solves the problem directly
     * and checks KKT; returns the cleared result.
     */
    protected MarketResult clearChecked(Market m) {
        MarketResult r = MarketClearing.clear(m, solver(), options());
        assertEquals(Status.OPTIMAL, r.status(), () -> "status of " + m);
        ResultChecker.assertConsistent(m, r, kktTolerance());
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        ProblemSolution s = solver().solve(fm.problem(), options());
        KktChecker.assertKkt(fm.problem(), s, kktTolerance());
        return r;
    }

    /**
     * Asserts that both {@link MarketClearing} and a direct solve report {@code INFEASIBLE},
     * without exception.
     */
    protected void assertInfeasible(Market m) {
        MarketResult r = MarketClearing.clear(m, solver(), options());
        assertEquals(Status.INFEASIBLE, r.status(), () -> "status of " + m + " " + m.description());
        assertTrue(
                r.peers().isEmpty() && r.trades().isEmpty(),
                "an infeasible result carries no set-points or trades");
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        assertEquals(
                Status.INFEASIBLE,
                solver().solve(fm.problem(), options()).status(),
                "direct solve of " + m);
    }

    /**
     * The uniform clearing price of a market without preferences, penalties or heat, where every
     * peer has {@code a > 0}: the root of {@code sum_i clip((pi - b_i)/a_i, lo_i, hi_i) = 0}, by
     * bisection.
     */
    protected static double uniformPrice(Market m) {
        double lo = -1e6, hi = 1e6;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi), sum = 0;
            for (Peer p : m.peers()) {
                Injection s = p.power();
                sum += clip((mid - s.cost().b()) / s.cost().a(), s.min(), s.max());
            }
            if (sum > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double scale(Market m) {
        double s = 1;
        for (Peer p : m.peers()) {
            s = Math.max(s, Math.max(Math.abs(p.power().min()), Math.abs(p.power().max())));
        }
        return s;
    }

    private static Market twoPeers(
            double ap,
            double bp,
            double loP,
            double hiP,
            double ac,
            double bc,
            double loC,
            double hiC) {
        return Market.builder("two-peers")
                .producer("G", loP, hiP, QuadraticCost.of(ap, bp, 0))
                .consumer("C", loC, hiC, QuadraticCost.of(ac, bc, 0))
                .build();
    }

    private void assertClose(double expected, double actual, String what) {
        assertEquals(
                expected,
                actual,
                setPointTolerance() * Math.max(100, Math.abs(expected)),
                what + " (kW)");
    }

    private double priceTol(double price) {
        return setPointTolerance() * Math.max(10, Math.abs(price));
    }

    private void assertPrice(double expected, double actual, String what) {
        assertEquals(expected, actual, priceTol(expected), what + " ($/kW)");
    }

    private void assertObjective(double expected, double actual) {
        assertEquals(
                expected,
                actual,
                objectiveTolerance() * Math.max(1, Math.abs(expected)),
                "objective ($)");
    }
}
