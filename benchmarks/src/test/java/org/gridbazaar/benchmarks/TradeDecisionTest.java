package org.gridbazaar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;
import org.gridbazaar.testkit.KktChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trades decided to the certificate's activity instead of the tolerance ({@link
 * SeparableQpSolver#decidingFirstTo}, which the default solver's block path uses for its trades) on
 * the benchmarks' markets over time, whose trade costs (distances along a feeder) leave degenerate
 * optimal faces: the run stops earlier there, at the same objective, and the default solver's
 * answer is still {@code OPTIMAL} and meets the KKT conditions. Small markets on which the decision
 * was measured to matter (2026-12-07): on most small markets it changes nothing.
 */
class TradeDecisionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"40x10@6", "150x20@12"})
    void tradesDecidedLooselyStopEarlierAtTheSameOptimum(String spec) {
        MarketProblem p =
                new MultiPeriodFormulation().formulate(BenchmarkHorizons.named(spec)).problem();
        SeparableQp qp = StructuredIpmSolver.blockProblem(p);
        SeparableQpSolver.Outcome strict =
                new SeparableQpSolver(qp)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        SeparableQpSolver.Outcome loose =
                new SeparableQpSolver(qp)
                        .decidingFirstTo(p.arcCount(), 1e-7)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, strict.stop, spec);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, loose.stop, spec);
        assertTrue(
                loose.iterations < strict.iterations,
                spec + ": " + loose.iterations + " iterations, strictly " + strict.iterations);
        double optimum = qp.objective(strict.u);
        assertEquals(optimum, qp.objective(loose.u), 1e-9 * Math.abs(optimum), spec);

        ProblemSolution s = Solvers.defaultSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), spec + ": " + s.message());
        KktChecker.assertKkt(p, s, KktChecker.DEFAULT_TOLERANCE);
        assertEquals(
                optimum,
                p.objective(s.x(), s.privateVariables(), s.f()),
                1e-9 * Math.abs(optimum),
                spec + ": the default solver's objective");
    }

    @Test
    void refusesCountsOutsideTheProblemAndDecisionsThatAreNotPositive() {
        SeparableQp qp =
                StructuredIpmSolver.blockProblem(
                        new MultiPeriodFormulation()
                                .formulate(BenchmarkHorizons.named("20x5@2"))
                                .problem());
        SeparableQpSolver solver = new SeparableQpSolver(qp);
        int n = qp.variableCount();
        assertThrows(IllegalArgumentException.class, () -> solver.decidingFirstTo(-1, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> solver.decidingFirstTo(n + 1, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> solver.decidingFirstTo(n, 0));
        assertThrows(IllegalArgumentException.class, () -> solver.decidingFirstTo(n, Double.NaN));
    }
}
