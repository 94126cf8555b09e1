package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomMarkets;
import org.gridbazaar.testkit.SolverContract;
import org.junit.jupiter.api.Test;

/**
 * The solver contract for the default solver. Its cross-check against an independent solver lives
 * in the ojAlgo module (which uses this solver as reference) and in the ADMM module; here every
 * solve is checked against KKT conditions and closed forms.
 */
class StructuredIpmSolverTest extends SolverContract {

    @Override
    protected MarketSolver solver() {
        return new StructuredIpmSolver();
    }

    @Override
    protected boolean solvesHardShapes() {
        return true;
    }

    @Test
    void isTheDefaultSolverFoundByName() {
        assertEquals("structured-ipm", Solvers.defaultSolver().name());
    }

    @Test
    void certificateIsSmallOnLargerRandomMarkets() {
        for (long seed = 100; seed < 103; seed++) {
            Market m =
                    RandomMarkets.generate(
                            seed, RandomMarkets.Spec.basic(150).withProsumerShare(0.2));
            MarketProblem p = new P2PFormulation().formulate(m).problem();
            ProblemSolution s = solver().solve(p, SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, s.status(), "seed " + seed + ": " + s.message());
            KktChecker.assertKkt(p, s, kktTolerance());
            assertTrue(
                    s.dualityGap() < 1e-6 * Math.max(1, Math.abs(p.objective(s.x(), s.f()))),
                    "gap " + s.dualityGap());
        }
    }

    @Test
    void iterationLimitIsReportedNotOptimal() {
        Market m = RandomMarkets.generate(7, RandomMarkets.Spec.basic(40));
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        ProblemSolution s = solver().solve(p, SolverOptions.DEFAULTS.withMaxIterations(2));
        assertEquals(Status.ITERATION_LIMIT, s.status());
    }
}
