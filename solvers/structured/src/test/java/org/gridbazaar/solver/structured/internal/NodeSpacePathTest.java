package org.gridbazaar.solver.structured.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.support.SeparableQpSolver;
import org.gridbazaar.solver.support.SeparableQpSolver.LinearAlgebra;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block path with its Newton systems solved in the node space (conjugate gradients on the
 * trades' Laplacian plus per-peer blocks) reaches the same optimum as with the envelope
 * factorization, on random linked horizons ({@link RandomHorizons}: lossy storage, electric
 * vehicles, ramps, energy windows, networks, heat): status {@code OPTIMAL}, the KKT conditions at
 * the checker's default tolerance, and objectives within 1e-7 relative; and the node space really
 * carries the run (it is not the envelope fall-back) whenever the problem has trades.
 */
class NodeSpacePathTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nodeSpaceReachesTheEnvelopesOptimum(long seed) {
        MultiPeriodMarket m = RandomHorizons.generate(seed);
        MarketProblem p = new MultiPeriodFormulation().formulate(m).problem();
        String where = m + " (RandomHorizons.generate(" + seed + "L))";
        long start = System.nanoTime();
        ProblemSolution envelope =
                BlockSolve.solve(
                        p,
                        "structured-ipm",
                        1e-9,
                        200,
                        Double.POSITIVE_INFINITY,
                        (k, pr, du) -> false,
                        start,
                        LinearAlgebra.ENVELOPE);
        ProblemSolution node =
                BlockSolve.solve(
                        p,
                        "structured-ipm",
                        1e-9,
                        200,
                        Double.POSITIVE_INFINITY,
                        (k, pr, du) -> false,
                        start,
                        LinearAlgebra.NODE_SPACE);
        assertEquals(envelope.status(), node.status(), where + ": " + node.message());
        if (node.status() != Status.OPTIMAL) {
            return;
        }
        KktChecker.assertKkt(p, node, KktChecker.DEFAULT_TOLERANCE);
        double a = p.objective(envelope.x(), envelope.privateVariables(), envelope.f());
        double b = p.objective(node.x(), node.privateVariables(), node.f());
        assertEquals(a, b, 1e-7 * Math.max(1, Math.abs(a)), where + ": objectives");
        StandardForm sf = StandardForm.of(p);
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(sf.qp, LinearAlgebra.NODE_SPACE)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        if (p.arcCount() > 0) {
            assertTrue(o.cgIterations > 0, where + ": the conjugate gradients ran");
        }
        assertEquals(SeparableQpSolver.Stop.CONVERGED, o.stop, where);
    }
}
