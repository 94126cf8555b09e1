package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * The case format lets a solver leave out trades below its tolerance; the distributed solvers do so
 * per trade: a flow below {@code eps} times the most its arc can carry (here the smaller of the
 * seller's maximum and the buyer's largest purchase) is returned as 0 whenever the point still
 * certifies. Negotiated trades otherwise keep thousands of crumbs of a few 1e-5 kW.
 */
class TradesBelowToleranceTest {

    @Test
    void noReturnedTradeIsBelowTheToleranceOfItsArc() {
        double eps = 1e-6;
        MarketProblem pr = Markets.allPairsWithPreferences(30, 30, 1);
        double[] lo = pr.lower(), hi = pr.upper();
        int[] tail = pr.tail(), head = pr.head();
        for (MarketSolver s : new MarketSolver[] {new AdmmSolver(), new ConsensusSolver()}) {
            ProblemSolution sol = s.solve(pr, SolverOptions.DEFAULTS.withTolerance(eps));
            assertEquals(Status.OPTIMAL, sol.status(), s.name() + ": " + sol.message());
            double[] f = sol.f();
            int made = 0;
            for (int t = 0; t < f.length; t++) {
                double limit = Math.min(hi[tail[t]], -lo[head[t]]);
                int arc = t;
                assertTrue(
                        f[t] == 0 || f[t] >= eps * limit,
                        () ->
                                s.name()
                                        + ": arc "
                                        + arc
                                        + " carries "
                                        + f[arc]
                                        + " kW, below "
                                        + eps
                                        + " of its limit "
                                        + limit
                                        + " kW");
                made += f[t] > 0 ? 1 : 0;
            }
            assertTrue(made > 0, s.name() + " trades");
        }
    }
}
