package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.gridbazaar.formulation.FormulatedMultiPeriodMarket;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.BlockSolve;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomHorizons;
import org.gridbazaar.testkit.RandomMarkets;
import org.gridbazaar.testkit.ResultChecker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A horizon whose periods are not linked is the periods cleared one by one, and the row-space
 * interior point that solves linked horizons ({@link BlockSolve}) agrees with the default method on
 * single-period markets with every feature.
 */
class MultiPeriodEquivalenceTest {

    private static final double OBJ = 1e-6;

    /** Set-points: relative to the market's largest bound. */
    private static final double SETPOINT = 1e-5;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    /**
     * Random unlinked horizons (RandomHorizons without links; strictly convex costs, so set-points
     * are unique): each period's objective is dt times the single-period objective, set-points
     * agree, and the horizon objective is their sum.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unlinkedHorizonIsItsPeriodsClearedAlone(long seed) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed,
                        RandomHorizons.Spec.full()
                                .withLinked(false)
                                .withLinearCosts(false)
                                .withPeers(2, 16)
                                .withMaxPeriods(5));
        StructuredIpmSolver solver = new StructuredIpmSolver();
        MultiPeriodResult r =
                org.gridbazaar.solver.MultiPeriodClearing.clear(m, solver, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, r.status(), m + ": " + r.message());
        double dt = m.hoursPerPeriod(), sum = 0;
        for (int t = 0; t < m.periodCount(); t++) {
            Market mt = m.period(t);
            MarketResult alone = MarketClearing.clear(mt, solver, SolverOptions.DEFAULTS);
            assertEquals(
                    Status.OPTIMAL, alone.status(), m + " period " + t + ": " + alone.message());
            MarketResult rt = r.period(t);
            double scale = Math.max(1, Math.abs(alone.objective()));
            assertEquals(
                    dt * alone.objective(),
                    rt.objective(),
                    OBJ * dt * scale,
                    m + " period " + t + " objective");
            double kw = SETPOINT * boundScale(mt);
            for (Peer p : mt.peers()) {
                String id = p.id().value();
                assertEquals(
                        alone.power(id), rt.power(id), kw, m + " period " + t + " power of " + id);
                if (p.heat() != null) {
                    assertEquals(
                            alone.peer(p.id()).orElseThrow().heat(),
                            rt.peer(p.id()).orElseThrow().heat(),
                            kw,
                            m + " period " + t + " heat of " + id);
                }
            }
            ResultChecker.assertConsistent(mt, rt, 1e-6);
            sum += dt * alone.objective();
        }
        assertEquals(
                sum, r.objective(), OBJ * Math.max(1, Math.abs(sum)), m + " horizon objective");
        MultiPeriodChecks.assertConsistent(m, r, 1e-6 * boundScale(m.period(0)));
    }

    /**
     * Links that cannot bind (a window of +-1e7 kWh and a ramp of 1e7 kW on every peer, an idle
     * storage unit with zero charge and discharge limits on every prosumer) send the horizon to the
     * block path but do not change the optimum: same objective (relative 1e-6) and set-points as
     * the unlinked horizon, which the node-space interior point solves.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("looseLinkSeeds")
    void linksThatCannotBindLeaveTheOptimumUnchanged(long seed) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed,
                        RandomHorizons.Spec.full()
                                .withLinked(false)
                                .withLinearCosts(false)
                                .withPeers(2, 16)
                                .withMaxPeriods(6));
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(m.name(), m.horizon()).periods(m.periods());
        for (Peer p : m.peers()) {
            String id = p.id().value();
            b.energyWindow(
                    id, org.gridbazaar.horizon.EnergyWindow.of(0, m.periodCount() - 1, -1e7, 1e7));
            b.ramp(id, org.gridbazaar.horizon.Ramp.of(1e7, 1e7));
            if (p.role() == org.gridbazaar.model.Role.PROSUMER) {
                b.storage(id, org.gridbazaar.horizon.Storage.builder(10, 5).build());
            }
        }
        MultiPeriodMarket linked = b.build();
        StructuredIpmSolver solver = new StructuredIpmSolver();
        MultiPeriodResult free =
                org.gridbazaar.solver.MultiPeriodClearing.clear(m, solver, SolverOptions.DEFAULTS);
        MultiPeriodResult r =
                org.gridbazaar.solver.MultiPeriodClearing.clear(
                        linked, solver, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, free.status(), m + ": " + free.message());
        assertEquals(Status.OPTIMAL, r.status(), linked + ": " + r.message());
        assertEquals(
                free.objective(),
                r.objective(),
                OBJ * Math.max(1, Math.abs(free.objective())),
                m + " objective");
        for (int t = 0; t < m.periodCount(); t++) {
            double kw = SETPOINT * boundScale(m.period(t));
            for (Peer p : m.peers()) {
                String id = p.id().value();
                assertEquals(
                        free.period(t).power(id),
                        r.period(t).power(id),
                        kw,
                        m + " period " + t + " power of " + id);
            }
        }
        MultiPeriodChecks.assertConsistent(linked, r, 1e-6 * boundScale(m.period(0)));
    }

    /**
     * The block path forced on single-period markets with heat, CHP, a network with both penalties,
     * preferences, fixed demands and linear costs: same objective as the default structured-ipm
     * (relative 1e-6), and its own multipliers pass the direct KKT check.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void blockPathAgreesWithTheDefaultMethodOnSinglePeriodMarkets(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomMarkets.Spec spec =
                RandomMarkets.Spec.full(4 + rnd.nextInt(20))
                        .withExplicitPairs(rnd.nextDouble() < 0.3);
        Market market = RandomMarkets.generate(seed, spec);
        MarketProblem p = new P2PFormulation().formulate(market).problem();
        ProblemSolution reference = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution block =
                BlockSolve.solve(
                        p,
                        "block",
                        SolverOptions.DEFAULT_TOLERANCE,
                        SolverOptions.DEFAULT_MAX_ITERATIONS,
                        Double.POSITIVE_INFINITY,
                        (k, pr, du) -> false,
                        System.nanoTime());
        assertEquals(Status.OPTIMAL, reference.status(), market + ": " + reference.message());
        assertEquals(Status.OPTIMAL, block.status(), market + ": " + block.message());
        double expected = p.objective(reference.x(), reference.f());
        double got = p.objective(block.x(), block.privateVariables(), block.f());
        assertEquals(expected, got, OBJ * Math.max(1, Math.abs(expected)), market.description());
        KktChecker.assertKkt(p, block, KktChecker.DEFAULT_TOLERANCE);
    }

    static LongStream looseLinkSeeds() {
        return seeds();
    }

    static LongStream lineLimitSeeds() {
        return seeds();
    }

    /**
     * The same with hard line limits (coupling rows): both methods agree on the status and the
     * optimum.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("lineLimitSeeds")
    void blockPathAgreesWithTheDefaultMethodWithLineLimits(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Market market = RandomMarkets.generate(seed, RandomMarkets.Spec.full(4 + rnd.nextInt(20)));
        MarketProblem p = P2PFormulation.withLineLimits().formulate(market).problem();
        ProblemSolution reference = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution block =
                BlockSolve.solve(
                        p,
                        "block",
                        SolverOptions.DEFAULT_TOLERANCE,
                        SolverOptions.DEFAULT_MAX_ITERATIONS,
                        Double.POSITIVE_INFINITY,
                        (k, pr, du) -> false,
                        System.nanoTime());
        assertEquals(
                reference.status(),
                block.status(),
                market + ": " + reference.message() + " / " + block.message());
        if (reference.status() == Status.OPTIMAL) {
            double expected = p.objective(reference.x(), reference.f());
            double got = p.objective(block.x(), block.privateVariables(), block.f());
            assertEquals(
                    expected, got, OBJ * Math.max(1, Math.abs(expected)), market.description());
            KktChecker.assertKkt(p, block, KktChecker.DEFAULT_TOLERANCE);
        }
    }

    /**
     * The stacked problem of an unlinked horizon: its objective at structured-ipm's solution is the
     * dt-weighted sum of the periods' own problems' objectives at {@code periodSolution}, and the
     * solution passes the KKT check.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void formulatedUnlinkedHorizonHasTheStackedPeriodsObjective(long seed) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed,
                        RandomHorizons.Spec.full()
                                .withLinked(false)
                                .withPeers(2, 10)
                                .withMaxPeriods(4));
        FormulatedMultiPeriodMarket fm = new MultiPeriodFormulation().formulate(m);
        ProblemSolution s = new StructuredIpmSolver().solve(fm.problem(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), m + ": " + s.message());
        KktChecker.assertKkt(fm.problem(), s, KktChecker.DEFAULT_TOLERANCE);
        double sum = 0;
        for (int t = 0; t < m.periodCount(); t++) {
            MarketProblem q = fm.period(t).problem();
            ProblemSolution st = fm.periodSolution(s, t);
            sum += m.hoursPerPeriod() * q.objective(st.x(), st.f());
        }
        double obj = fm.problem().objective(s.x(), s.privateVariables(), s.f());
        assertEquals(sum, obj, OBJ * Math.max(1, Math.abs(sum)), m.toString());
    }

    private static double boundScale(Market m) {
        double s = 1;
        for (Peer p : m.peers()) {
            s = Math.max(s, Math.max(Math.abs(p.power().min()), Math.abs(p.power().max())));
            if (p.heat() != null) {
                s = Math.max(s, Math.max(Math.abs(p.heat().min()), Math.abs(p.heat().max())));
            }
        }
        return s;
    }
}
