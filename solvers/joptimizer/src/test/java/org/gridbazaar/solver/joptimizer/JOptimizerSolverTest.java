package org.gridbazaar.solver.joptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.UnsupportedProblemException;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomMarkets;
import org.gridbazaar.testkit.SolverContract;
import org.junit.jupiter.api.Test;

/**
 * The solver contract for JOptimizer, cross-checked against the structured interior-point solver.
 *
 * <p>Tolerances: the contract's defaults (1e-6 relative on objectives, set-points, prices and KKT).
 * They hold with margin: JOptimizer is run to a surrogate duality gap of 1e-10 in scaled units (0.1
 * times the default tolerance), which on the contract's random markets gives objectives within 2e-9
 * relative of the reference (most within 1e-11) and recovered prices meeting the KKT conditions to
 * at most 1.8e-6 $/kW, about 1e-8 of the price scale; and the solver itself reports {@code OPTIMAL}
 * only when its own residuals are within 1e-6. No random market is excluded: the largest (seed 18,
 * 30 peers and 335 arcs, 34 iterations) is the slowest, about 2 s of CPU per solve on a 2-core
 * machine; the whole class takes 3 to 14 s there depending on load.
 */
class JOptimizerSolverTest extends SolverContract {

    @Override
    protected MarketSolver solver() {
        return new JOptimizerSolver();
    }

    @Override
    protected MarketSolver reference() {
        return new StructuredIpmSolver();
    }

    @Test
    void isFoundByNameThroughServiceLoader() {
        assertTrue(
                Solvers.byName(JOptimizerSolver.NAME).isPresent(),
                "available: " + Solvers.available());
    }

    @Test
    void refusesProblemsAboveItsSizeLimitSayingWhy() {
        MarketProblem p = problem(5, RandomMarkets.Spec.basic(10));
        JOptimizerSolver tiny = new JOptimizerSolver(5);
        MarketSolver.Support s = tiny.supports(p);
        assertFalse(s.supported());
        assertTrue(
                s.reason().contains("structured-ipm") && s.reason().contains("variables"),
                s.reason());
        assertThrows(UnsupportedProblemException.class, () -> tiny.solve(p, options()));
        assertTrue(solver().supports(p).supported());
    }

    @Test
    void defaultLimitRefusesTheHundredPeerMarketTheIssueMeasuredAsHopeless() {
        // 100 peers all-pairs: 100 nodes + 2,500 arcs; JOptimizer failed there after 126 s
        MarketProblem p = problem(100, RandomMarkets.Spec.basic(100).withProsumerShare(0));
        MarketSolver.Support s = solver().supports(p);
        assertFalse(s.supported(), "a 2,600-variable market must be refused");
        assertTrue(
                s.reason().contains(String.valueOf(JOptimizerSolver.DEFAULT_MAX_VARIABLES)),
                s.reason());
    }

    @Test
    void reportsResidualsAndAGapThatItsOwnPointAndPricesBear() {
        MarketProblem p = problem(6, RandomMarkets.Spec.basic(12).withPreferences(true));
        ProblemSolution s = solver().solve(p, options());
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        assertEquals(JOptimizerSolver.NAME, s.solver());
        KktChecker.Report kkt = KktChecker.check(p, s);
        assertTrue(
                s.primalResidual() >= kkt.primal() - 1e-9 * p.injectionScale(),
                "reported primal residual " + s.primalResidual() + " vs " + kkt);
        assertTrue(
                s.primalResidual() < 1e-6 * p.injectionScale(),
                "primal residual " + s.primalResidual());
        double objective = Math.abs(p.objective(s.x(), s.f()));
        assertTrue(
                s.dualityGap() > -1e-9 * objective && s.dualityGap() < 1e-7 * objective,
                "gap " + s.dualityGap() + " $");
        assertTrue(s.iterations() > 0 && !s.history().isEmpty());
    }

    @Test
    void tradesCarryNoInteriorPointDust() {
        // an interior-point flow puts a little on every arc; the re-routing keeps only real trades
        MarketProblem p = problem(7, RandomMarkets.Spec.basic(14).withProsumerShare(0.4));
        ProblemSolution s = solver().solve(p, options());
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        double dust = 1e-6 * p.injectionScale();
        for (double f : s.f()) {
            assertTrue(f == 0 || f > dust, "flow " + f + " kW is interior-point dust");
        }
    }

    @Test
    void iterationLimitIsReportedWithTheLastPointNotOptimal() {
        MarketProblem p = problem(8, RandomMarkets.Spec.basic(12));
        ProblemSolution s = solver().solve(p, options().withMaxIterations(2));
        assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
        assertTrue(s.hasPoint());
        assertTrue(s.message().contains("iteration limit"), s.message());
    }

    @Test
    void timeLimitStopsTheRun() {
        MarketProblem p = problem(9, RandomMarkets.Spec.basic(12));
        ProblemSolution s = solver().solve(p, options().withTimeLimitSeconds(1e-9));
        assertEquals(Status.ITERATION_LIMIT, s.status(), s.message());
        assertTrue(s.message().contains("time limit"), s.message());
    }

    @Test
    void chpWhosePolygonMissesItsBoundsIsInfeasibleBeforeJOptimizerRuns() {
        // heat <= power - 150 kW, but power is at most 100 kW
        ProblemSolution s =
                solver().solve(chpMarket(-100, -50, new double[] {-1, 1}, -150), options());
        assertEquals(Status.INFEASIBLE, s.status(), s.message());
        assertTrue(s.message().contains("peer CHP"), s.message());
        assertEquals(0, s.iterations());
    }

    @Test
    void chpThatCannotServeBothFixedDemandsIsInfeasible() {
        // heat <= 0.5 power: serving 80 kW of power allows at most 40 kW of heat, but 60 kW are
        // demanded.
        // Each bound alone can be met, so only the elastic phase one sees it: 20 kW stay
        // unbalanced.
        ProblemSolution s =
                solver().solve(chpMarket(-80, -60, new double[] {-0.5, 1}, 0), options());
        assertEquals(Status.INFEASIBLE, s.status(), s.message());
        assertTrue(s.message().contains("phase-one"), s.message());
    }

    @Test
    void chpThatCanServeBothFixedDemandsClears() {
        // the same CHP with 30 kW of heat demanded: 30 <= 0.5 * 80 holds
        MarketProblem p = chpMarket(-80, -30, new double[] {-0.5, 1}, 0);
        ProblemSolution s = solver().solve(p, options());
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        KktChecker.assertKkt(p, s, kktTolerance());
    }

    /**
     * A CHP unit (power and heat in [0, 100] kW) serving one fixed power and one fixed heat demand.
     */
    private static MarketProblem chpMarket(
            double powerDemand, double heatDemand, double[] side, double rhs) {
        MarketProblem.Builder b = MarketProblem.builder("chp");
        int chp = b.peer("CHP"), pc = b.peer("PC"), hc = b.peer("HC");
        int chpP = b.node(chp, MarketProblem.POWER, 0.02, 10, 0, 0, 100);
        int chpH = b.node(chp, MarketProblem.HEAT, 0.01, 5, 0, 0, 100);
        int pcP = b.node(pc, MarketProblem.POWER, 0, 50, 0, powerDemand, powerDemand);
        int hcH = b.node(hc, MarketProblem.HEAT, 0, 30, 0, heatDemand, heatDemand);
        b.arc(chpP, pcP, 0, 0);
        b.arc(chpH, hcH, 0, 0);
        double norm = Math.hypot(side[0], side[1]);
        b.sideConstraint(
                new int[] {chpP, chpH}, new double[] {side[0] / norm, side[1] / norm}, rhs / norm);
        return b.build();
    }

    @Test
    void log4jOneIsNotOnTheClassPath() {
        // JOptimizer 5.0.0 declares log4j 1.2.17; the module's pom excludes it
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.log4j.Logger"));
    }

    static MarketProblem problem(long seed, RandomMarkets.Spec spec) {
        Market m = RandomMarkets.generate(seed, spec);
        return new P2PFormulation().formulate(m).problem();
    }
}
