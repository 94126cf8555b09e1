package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.Progress;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/**
 * A run of the interior point that stops before the tolerance says which limit stopped it (an
 * interrupt, the time limit and the iteration limit are different facts) and how far its point is
 * from the tolerance, never OPTIMAL.
 */
class StoppedRunTest {

    private static final MarketProblem PROBLEM =
            new P2PFormulation()
                    .formulate(
                            RandomMarkets.generate(
                                    7, RandomMarkets.Spec.basic(40).withHeat(0.5, 0.5)))
                    .problem();

    @Test
    void iterationLimitNamesTheLimitAndTheWorstResidual() {
        ProblemSolution s =
                new StructuredIpmSolver(LinearAlgebra.DENSE)
                        .solve(PROBLEM, SolverOptions.DEFAULTS.withMaxIterations(3));
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertTrue(s.message().contains("iteration limit of 3 reached"), s.message());
        assertTrue(s.message().contains("misses the tolerance at the"), s.message());
    }

    @Test
    void stopRequestIsReportedAsSuch() {
        Progress stopAfterTwo =
                new Progress() {
                    private int calls;

                    @Override
                    public void iteration(
                            int iteration, double primalResidual, double dualResidual) {
                        calls++;
                    }

                    @Override
                    public boolean stopRequested() {
                        return calls >= 2;
                    }
                };
        ProblemSolution s =
                new StructuredIpmSolver(LinearAlgebra.DENSE)
                        .solve(PROBLEM, SolverOptions.DEFAULTS.withProgress(stopAfterTwo));
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertTrue(s.message().startsWith("stopped on request"), s.message());
    }

    @Test
    void timeLimitIsToldApartFromTheIterationLimit() {
        ProblemSolution s =
                new StructuredIpmSolver(LinearAlgebra.DENSE)
                        .solve(PROBLEM, SolverOptions.DEFAULTS.withTimeLimitSeconds(1e-9));
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertTrue(s.message().startsWith("time limit of"), s.message());
    }
}
