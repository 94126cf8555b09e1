package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.Progress;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AdmmSolverTest {

    private static final SolverOptions OPTS = SolverOptions.DEFAULTS.withTolerance(1e-4).withMaxIterations(5000);

    static List<MarketSolver> solvers() {
        return List.of(new AdmmSolver(), new ConsensusSolver());
    }

    @Test
    void twoPeerMarketClearsAtMarginalCost() {
        double ap = 0.2, bp = 1, ac = 0.3, bc = 5;
        MarketProblem pr = Markets.twoPeers(ap, bp, 20, ac, bc, 20);
        double p = (bc - bp) / (ap + ac);
        double price = ap * p + bp;
        for (MarketSolver s : solvers()) {
            ProblemSolution sol = s.solve(pr, OPTS);
            assertEquals(Status.OPTIMAL, sol.status(), s.name() + ": " + sol.message());
            assertEquals(p, sol.x()[0], 1e-3 * 20, s.name() + " producer output");
            assertEquals(-p, sol.x()[1], 1e-3 * 20, s.name() + " consumer intake");
            assertEquals(p, sol.f()[0], 1e-3 * 20, s.name() + " trade");
            assertEquals(price, sol.arcPrices()[0], 1e-3 * price, s.name() + " trade price (buyer pays, seller receives)");
            assertEquals(price, sol.y()[0], 1e-3 * price, s.name() + " producer price");
            assertEquals(price, sol.y()[1], 1e-3 * price, s.name() + " consumer price");
        }
    }

    @Test
    void twoPeerMarketAtProducerLimitClearsAtConsumerMarginalValue() {
        double ap = 0.2, bp = 1, ac = 0.3, bc = 5, pMax = 5;
        MarketProblem pr = Markets.twoPeers(ap, bp, pMax, ac, bc, 20);
        double price = bc - ac * pMax; // the consumer is inside its bounds, so its marginal value sets the price
        for (MarketSolver s : solvers()) {
            ProblemSolution sol = s.solve(pr, OPTS);
            assertEquals(Status.OPTIMAL, sol.status(), s.name() + ": " + sol.message());
            assertEquals(pMax, sol.x()[0], 1e-3 * 20, s.name());
            assertEquals(price, sol.arcPrices()[0], 1e-3 * price, s.name());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fourteenPeerMarketAgreesWithSinglePriceClearing(long seed) {
        MarketProblem pr = Markets.allPairs(7, 7, seed);
        double[] ref = Markets.singlePriceClearing(pr);
        double[] xr = Arrays.copyOfRange(ref, 1, ref.length);
        double fr = pr.objective(xr, new double[pr.arcCount()]);
        // the objective is evaluated at the agents' own aggregates, so 1e-4 relative on it needs tighter residuals
        AdmmOptions tight = AdmmOptions.DEFAULTS.withMinRelativeTolerance(1e-7);
        SolverOptions opts = OPTS.withTolerance(1e-7);
        for (MarketSolver s : List.of(new AdmmSolver(tight), new ConsensusSolver(tight))) {
            ProblemSolution sol = s.solve(pr, opts);
            String ctx = s.name() + " seed " + seed;
            assertEquals(Status.OPTIMAL, sol.status(), ctx + ": " + sol.message());
            double f = pr.objective(sol.x(), sol.f());
            assertEquals(fr, f, 1e-4 * Math.abs(fr), ctx + " objective");
            double[] lo = pr.lower(), hi = pr.upper();
            for (int k = 0; k < xr.length; k++) {
                assertEquals(xr[k], sol.x()[k], 1e-3 * (hi[k] - lo[k]), ctx + " node " + k);
            }
            for (double price : sol.arcPrices()) {
                assertEquals(ref[0], price, 1e-3 * ref[0], ctx + " bilateral price = the single clearing price");
            }
        }
    }

    @Test
    void fourteenPeerMarketConvergesWithinSixtyIterationsByDefault() {
        StringBuilder report = new StringBuilder();
        for (long seed = 1; seed <= 5; seed++) {
            MarketProblem pr = Markets.allPairs(7, 7, seed);
            for (MarketSolver s : solvers()) {
                ProblemSolution sol = s.solve(pr, SolverOptions.DEFAULTS);
                report.append(s.name()).append(" seed ").append(seed).append(": ").append(sol.iterations()).append(" iterations\n");
                assertEquals(Status.OPTIMAL, sol.status(), sol.message());
                assertTrue(sol.iterations() <= 60, s.name() + " seed " + seed + " took " + sol.iterations() + " iterations");
            }
        }
        System.out.print(report);
    }

    @Test
    void stoppingOnTheIterationLimitIsNeverOptimal() {
        MarketProblem pr = Markets.allPairs(7, 7, 1);
        ProblemSolution sol = new AdmmSolver().solve(pr, OPTS.withMaxIterations(3));
        assertEquals(Status.ITERATION_LIMIT, sol.status());
        assertEquals(3, sol.iterations());
        assertEquals(3, sol.history().size());
        assertTrue(sol.primalResidual() > 0 && sol.message().contains("iteration limit"), sol.message());
    }

    @Test
    void progressIsReportedAndCanStopTheSolver() {
        AtomicInteger calls = new AtomicInteger();
        Progress stopAfterFive = new Progress() {
            @Override
            public void iteration(int iteration, double primalResidual, double dualResidual) {
                calls.incrementAndGet();
            }

            @Override
            public boolean stopRequested() {
                return calls.get() >= 5;
            }
        };
        ProblemSolution sol = new AdmmSolver().solve(Markets.allPairs(7, 7, 2), OPTS.withProgress(stopAfterFive));
        assertEquals(Status.ITERATION_LIMIT, sol.status());
        assertEquals(5, calls.get());
    }

    @Test
    void aPeerThatCannotMeetItsOwnBoundsMakesTheMarketInfeasible() {
        MarketProblem.Builder b = MarketProblem.builder("stuck");
        int p = b.peer("P1"), c = b.peer("C1"), q = b.peer("P2");
        int np = b.node(p, MarketProblem.POWER, 0.1, 1, 0, 0, 10);
        int nc = b.node(c, MarketProblem.POWER, 0.1, 5, 0, -10, 0);
        b.node(q, MarketProblem.POWER, 0.1, 1, 0, 2, 10); // must sell but has no buyer
        b.arc(np, nc, 0, 0);
        ProblemSolution sol = new AdmmSolver().solve(b.build(), OPTS);
        assertEquals(Status.INFEASIBLE, sol.status());
        assertTrue(sol.message().contains("P2"), sol.message());
    }

    @Test
    void aJointlyInfeasibleMarketIsNeverReportedOptimal() {
        // the producer must sell at least 15 kW, the consumer takes at most 10
        MarketProblem.Builder b = MarketProblem.builder("too much");
        int p = b.peer("P1"), c = b.peer("C1");
        int np = b.node(p, MarketProblem.POWER, 0.1, 1, 0, 15, 20);
        int nc = b.node(c, MarketProblem.POWER, 0.1, 5, 0, -10, 0);
        b.arc(np, nc, 0, 0);
        ProblemSolution sol = new AdmmSolver().solve(b.build(), OPTS.withMaxIterations(400));
        assertNotEquals(Status.OPTIMAL, sol.status(), sol.message());
        assertTrue(sol.message().contains("infeasible"), sol.message());
    }

    @Test
    void solversAreFoundByName() {
        assertEquals(AdmmSolver.class, Solvers.require("admm").getClass());
        assertEquals(ConsensusSolver.class, Solvers.require("consensus").getClass());
    }

    @Test
    void warmStartFromTheSolutionConvergesAtOnce() {
        MarketProblem pr = Markets.allPairs(7, 7, 3);
        AdmmSolver s = new AdmmSolver();
        ProblemSolution cold = s.solve(pr, OPTS);
        ProblemSolution warm = s.solve(pr, OPTS, cold);
        assertEquals(Status.OPTIMAL, warm.status(), warm.message());
        assertTrue(warm.iterations() < cold.iterations(), warm.iterations() + " vs " + cold.iterations());
    }
}
