package org.gridbazaar.solver.joptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/**
 * The iteration count is JOptimizer's own, read from its debug log, and never exceeds the limit.
 */
class JOptimizerIterationsTest {

    private static final Pattern ITERATION = Pattern.compile("^iteration: (\\d+)$");

    /** JOptimizer's own last iteration number during {@code run}, from its debug log. */
    private static int ownCount(Runnable run) {
        Logger log = Logger.getLogger(JOptimizerSolver.LOGGER);
        Level level = log.getLevel();
        boolean parents = log.getUseParentHandlers();
        List<String> messages = new ArrayList<>();
        Handler h =
                new Handler() {
                    @Override
                    public void publish(LogRecord r) {
                        messages.add(String.valueOf(r.getMessage()));
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        h.setLevel(Level.ALL);
        log.addHandler(h);
        log.setUseParentHandlers(false);
        log.setLevel(Level.FINE);
        try {
            run.run();
        } finally {
            log.removeHandler(h);
            log.setUseParentHandlers(parents);
            log.setLevel(level);
        }
        int last = 0;
        for (String m : messages) {
            Matcher mt = ITERATION.matcher(m.trim());
            if (mt.matches()) {
                last = Math.max(last, Integer.parseInt(mt.group(1)));
            }
        }
        return last;
    }

    @Test
    void aConvergedRunReportsJOptimizersOwnIterationCount() {
        MarketProblem p = JOptimizerSolverTest.problem(8, RandomMarkets.Spec.basic(12));
        ProblemSolution[] s = new ProblemSolution[1];
        int own = ownCount(() -> s[0] = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS));
        assertEquals(Status.OPTIMAL, s[0].status(), s[0].message());
        assertTrue(own > 0, "JOptimizer logged its iterations");
        assertEquals(own, s[0].iterations());
        assertEquals(own, s[0].history().size());
    }

    @Test
    void anIterationLimitOfNReportsNIterationsAsJOptimizerCountsThem() {
        MarketProblem p = JOptimizerSolverTest.problem(8, RandomMarkets.Spec.basic(12));
        for (int n : new int[] {1, 2, 5}) {
            ProblemSolution[] s = new ProblemSolution[1];
            int own =
                    ownCount(
                            () ->
                                    s[0] =
                                            new JOptimizerSolver()
                                                    .solve(
                                                            p,
                                                            SolverOptions.DEFAULTS
                                                                    .withMaxIterations(n)));
            assertEquals(Status.ITERATION_LIMIT, s[0].status(), s[0].message());
            assertEquals(n, s[0].iterations(), s[0].message());
            assertEquals(n, own, "JOptimizer's own count");
        }
    }

    @Test
    void aLimitAtTheConvergingIterationStillReportsOptimal() {
        MarketProblem p = JOptimizerSolverTest.problem(8, RandomMarkets.Spec.basic(12));
        ProblemSolution full = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution s =
                new JOptimizerSolver()
                        .solve(p, SolverOptions.DEFAULTS.withMaxIterations(full.iterations()));
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        assertEquals(full.iterations(), s.iterations());
    }

    @Test
    void anInterruptStopsTheRunAtTheNextIteration() {
        MarketProblem p = JOptimizerSolverTest.problem(8, RandomMarkets.Spec.basic(12));
        // a progress that never asks to stop itself; the interrupt comes from elsewhere at
        // iteration 3
        org.gridbazaar.solver.Progress interruptAtThree =
                new org.gridbazaar.solver.Progress() {
                    @Override
                    public void iteration(
                            int iteration, double primalResidual, double dualResidual) {
                        if (iteration == 3) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public boolean stopRequested() {
                        return false;
                    }
                };
        try {
            ProblemSolution s =
                    new JOptimizerSolver()
                            .solve(p, SolverOptions.DEFAULTS.withProgress(interruptAtThree));
            assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
            assertEquals(3, s.iterations());
            assertTrue(s.message().contains("stop requested"), s.message());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theToleranceReachesJOptimizerAndTheAcceptance() {
        MarketProblem p = JOptimizerSolverTest.problem(8, RandomMarkets.Spec.basic(12));
        ProblemSolution tight = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        ProblemSolution loose =
                new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS.withTolerance(1e-3));
        assertEquals(Status.OPTIMAL, tight.status(), tight.message());
        // JOptimizer stops at a surrogate gap of 0.1 * tolerance: a loose tolerance ends it sooner
        assertTrue(
                loose.iterations() < tight.iterations(),
                loose.iterations() + " vs " + tight.iterations());
        // and a point is accepted at max(tolerance, ACCEPT_TOLERANCE) on each node's scale, never
        // looser
        if (loose.status() == Status.OPTIMAL) {
            double objective = p.objective(tight.x(), tight.f());
            assertEquals(objective, p.objective(loose.x(), loose.f()), 1e-3 * Math.abs(objective));
        }
    }
}
