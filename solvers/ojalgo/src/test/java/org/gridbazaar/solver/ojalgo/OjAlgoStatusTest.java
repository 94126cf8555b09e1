package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.Progress;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.HardMarkets;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/** Statuses under limits, stop requests and tolerances: every answer says what happened. */
class OjAlgoStatusTest {

    private final OjAlgoSolver solver = new OjAlgoSolver();

    private static MarketProblem problem(Market m) {
        return new P2PFormulation().formulate(m).problem();
    }

    @Test
    void iterationLimitOnALinearCostMarketIsIterationLimitNeverUnbounded() {
        // all costs linear: ojAlgo solves it in its LP phase, which said UNBOUNDED when cut short
        MarketProblem p =
                problem(
                        RandomMarkets.generate(
                                1,
                                RandomMarkets.Spec.basic(9)
                                        .withZeroQuadraticShare(1.0)
                                        .withProsumerShare(0.3)));
        for (int limit : new int[] {1, 2, 4, 8, 16}) {
            ProblemSolution s = solver.solve(p, SolverOptions.DEFAULTS.withMaxIterations(limit));
            assertEquals(Status.ITERATION_LIMIT, s.status(), "limit " + limit + ": " + s.message());
        }
    }

    @Test
    void iterationLimitWithFixedDemandsIsIterationLimitNeverFailedOrInfeasible() {
        // fixed demands exclude the origin, so ojAlgo would need its LP phase without the routed
        // start
        for (Market m : HardMarkets.networkShapes()) {
            MarketProblem p = problem(m);
            for (int limit : new int[] {1, 2, 4}) {
                ProblemSolution s =
                        solver.solve(p, SolverOptions.DEFAULTS.withMaxIterations(limit));
                assertTrue(
                        s.status() == Status.ITERATION_LIMIT || s.status() == Status.OPTIMAL,
                        m.name() + ", limit " + limit + ": " + s.status() + " " + s.message());
            }
        }
    }

    @Test
    void iterationLimitOnChpMarketsIsIterationLimitNeverInfeasible() {
        // side constraints: the routed start may miss a CHP polygon, and then ojAlgo's LP phase
        // runs
        for (long seed = 1; seed <= 3; seed++) {
            MarketProblem p =
                    problem(
                            RandomMarkets.generate(
                                    seed, RandomMarkets.Spec.basic(10).withHeat(0.6, 0.7)));
            assertTrue(p.sideConstraintCount() > 0);
            for (int limit : new int[] {1, 2, 4}) {
                ProblemSolution s =
                        solver.solve(p, SolverOptions.DEFAULTS.withMaxIterations(limit));
                assertEquals(
                        Status.ITERATION_LIMIT,
                        s.status(),
                        "seed " + seed + ", limit " + limit + ": " + s.message());
            }
            ProblemSolution s = solver.solve(p, SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, s.status(), "seed " + seed + ": " + s.message());
        }
    }

    @Test
    void iterationLimitThatBindsIsReportedWithOjAlgosOwnCount() {
        MarketProblem p =
                problem(
                        RandomMarkets.generate(
                                12, RandomMarkets.Spec.basic(12).withProsumerShare(0.3)));
        ProblemSolution full = solver.solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, full.status(), full.message());
        assertTrue(full.iterations() > 3, "ojAlgo's own count: " + full.iterations());
        ProblemSolution cut = solver.solve(p, SolverOptions.DEFAULTS.withMaxIterations(3));
        assertEquals(Status.ITERATION_LIMIT, cut.status(), cut.message());
        assertTrue(cut.iterations() <= 3, "iterations " + cut.iterations());
        assertTrue(cut.message().contains("iteration limit of 3"), cut.message());
    }

    @Test
    void stopRequestedDuringTheSolveEndsItWithIterationLimitAndLeavesNoInterrupt() {
        MarketProblem p =
                problem(
                        RandomMarkets.generate(
                                13, RandomMarkets.Spec.basic(20).withPreferences(true)));
        ProblemSolution full = solver.solve(p, SolverOptions.DEFAULTS);
        AtomicInteger polls = new AtomicInteger();
        Progress stopSoon =
                new Progress() {
                    @Override
                    public void iteration(
                            int iteration, double primalResidual, double dualResidual) {}

                    @Override
                    public boolean stopRequested() {
                        return polls.incrementAndGet() > 5; // the first poll is before the solve
                    }
                };
        ProblemSolution s = solver.solve(p, SolverOptions.DEFAULTS.withProgress(stopSoon));
        assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
        assertTrue(s.message().contains("stopped on request"), s.message());
        assertTrue(
                s.iterations() < full.iterations(),
                s.iterations() + " iterations of " + full.iterations());
        assertFalse(Thread.interrupted(), "the interrupt used to stop ojAlgo is cleared");
    }

    @Test
    void interruptDuringTheSolveStopsItWithIterationLimitAndStaysSet() {
        MarketProblem p =
                problem(
                        RandomMarkets.generate(
                                13, RandomMarkets.Spec.basic(20).withPreferences(true)));
        ProblemSolution full = solver.solve(p, SolverOptions.DEFAULTS);
        AtomicInteger polls = new AtomicInteger();
        // a progress that never asks to stop itself; the interrupt comes from "elsewhere" mid-solve
        Progress interruptSoon =
                new Progress() {
                    @Override
                    public void iteration(
                            int iteration, double primalResidual, double dualResidual) {}

                    @Override
                    public boolean stopRequested() {
                        if (polls.incrementAndGet() == 5) {
                            Thread.currentThread().interrupt();
                        }
                        return false;
                    }
                };
        try {
            ProblemSolution s = solver.solve(p, SolverOptions.DEFAULTS.withProgress(interruptSoon));
            assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
            assertTrue(
                    s.iterations() < full.iterations(),
                    s.iterations() + " iterations of " + full.iterations());
            assertTrue(
                    Thread.currentThread().isInterrupted(),
                    "the caller's interrupt is left for it to see");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void interruptBeforeTheSolveIsIterationLimitWithoutCallingOjAlgo() {
        MarketProblem p =
                problem(
                        RandomMarkets.generate(
                                13, RandomMarkets.Spec.basic(20).withPreferences(true)));
        Thread.currentThread().interrupt();
        try {
            ProblemSolution s = solver.solve(p, SolverOptions.DEFAULTS);
            assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
            assertEquals(0, s.iterations());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void toleranceSetsOjAlgosAccuracyAndTheAcceptance() {
        assertEquals(
                10,
                OjAlgoSolver.iterativeAccuracy(SolverOptions.DEFAULT_TOLERANCE).getPrecision(),
                "the default tolerance keeps ojAlgo's default of 10 digits");
        assertEquals(4, OjAlgoSolver.iterativeAccuracy(1e-3).getPrecision());
        assertEquals(15, OjAlgoSolver.iterativeAccuracy(1e-20).getPrecision());
        // both-sides-huge: ojAlgo's point balances to about 5e-7 of the traded volume: not optimal
        // at
        // the default tolerance, optimal at 1e-5
        MarketProblem p = problem(HardMarkets.bothSidesHuge().market());
        ProblemSolution tight = solver.solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.NUMERICAL_ERROR, tight.status(), tight.message());
        assertTrue(tight.message().contains("tolerance 1.00e-07"), tight.message());
        ProblemSolution loose = solver.solve(p, SolverOptions.DEFAULTS.withTolerance(1e-5));
        assertEquals(Status.OPTIMAL, loose.status(), loose.message());
    }
}
