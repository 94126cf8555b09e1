package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.HorizonClosedForms;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code consensus} on markets over time (the horizon path with each end of a trade keeping its own
 * price): closed forms, seeded horizons against {@code structured-ipm} (objective 1e-4 relative,
 * certified gap), and the reduction to admm's iteration at {@code beta = 1/2}.
 */
class ConsensusOverTimeTest {

    @Test
    void aLosslessBatteryArbitragesTwoPeriods() {
        MultiPeriodResult r =
                MultiPeriodClearing.clear(
                        HorizonClosedForms.arbitrage(10, 50, 1),
                        new ConsensusSolver(),
                        HorizonClosedFormTest.OPTIONS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(-1800, r.objective(), 1e-4 * 1800);
        assertEquals(10, r.storage("B").orElseThrow().energyKwh(0), 1e-2);
    }

    @Test
    void aRampLimitedGeneratorFollowsItsLimits() {
        MultiPeriodResult r =
                MultiPeriodClearing.clear(
                        HorizonClosedForms.rampLimited(),
                        new ConsensusSolver(),
                        HorizonClosedFormTest.OPTIONS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(-16000, r.objective(), 1e-4 * 16000);
    }

    @Test
    void anUnreachableTargetIsInfeasible() {
        MultiPeriodResult r =
                MultiPeriodClearing.clear(
                        HorizonClosedForms.unreachableTarget(),
                        new ConsensusSolver(),
                        HorizonClosedFormTest.OPTIONS);
        assertEquals(Status.INFEASIBLE, r.status(), r.message());
    }

    /** The seeded horizon of {@code seed}: 2 to 8 peers, up to 6 periods, every kind of link. */
    private static MultiPeriodMarket horizon(long seed) {
        return RandomHorizons.generate(
                seed, RandomHorizons.Spec.full().withPeers(2, 8).withMaxPeriods(6));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 4, 6, 8, 9, 12})
    void seededHorizonsAgreeWithStructuredIpm(long seed) {
        MultiPeriodMarket m = horizon(seed);
        MarketProblem p = new MultiPeriodFormulation().formulate(m).problem();
        ProblemSolution ref = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, ref.status(), ref.message());
        double fr = p.objective(ref.x(), ref.privateVariables(), ref.f());
        ProblemSolution sol = new ConsensusSolver().solve(p, HorizonClosedFormTest.OPTIONS);
        String ctx = m + ": " + sol.message();
        assertEquals(Status.OPTIMAL, sol.status(), ctx);
        double fc = p.objective(sol.x(), sol.privateVariables(), sol.f());
        assertEquals(fr, fc, 1e-4 * Math.max(1, Math.abs(fr)), "objective, " + ctx);
        assertTrue(sol.dualityGap() <= 1e-6 * Math.max(1, Math.abs(fc)), "gap, " + ctx);
    }

    /**
     * With {@code beta = 1/2}, {@code eta = 1} and {@code gamma = rho} the two ends' prices agree
     * from the first update on, so consensus runs admm's rounds but for the first (each end at its
     * own opening price): about as many rounds, and the same optimum.
     */
    @Test
    void atBetaOneHalfConsensusRunsAdmmsRounds() {
        MarketProblem p = new MultiPeriodFormulation().formulate(horizon(4)).problem();
        AdmmOptions half = AdmmOptions.DEFAULTS.withConsensusWeight(0.5);
        ProblemSolution c = new ConsensusSolver(half).solve(p, HorizonClosedFormTest.OPTIONS);
        ProblemSolution a = new AdmmSolver(half).solve(p, HorizonClosedFormTest.OPTIONS);
        assertEquals(Status.OPTIMAL, c.status(), c.message());
        assertEquals(Status.OPTIMAL, a.status(), a.message());
        assertTrue(
                Math.abs(a.iterations() - c.iterations()) <= 0.2 * a.iterations() + 5,
                c.message() + " / " + a.message());
        double fa = p.objective(a.x(), a.privateVariables(), a.f());
        assertEquals(
                fa,
                p.objective(c.x(), c.privateVariables(), c.f()),
                1e-4 * Math.max(1, Math.abs(fa)));
    }

    /**
     * The two ends open at their own prices and their disagreement enters the dual residual: a
     * consensus run is not admm's run (other rounds) and still ends certified at the optimum.
     */
    @Test
    void theEndsStartApartAndAgreeAtTheEnd() {
        MarketProblem p = new MultiPeriodFormulation().formulate(horizon(6)).problem();
        ProblemSolution c = new ConsensusSolver().solve(p, HorizonClosedFormTest.OPTIONS);
        ProblemSolution a = new AdmmSolver().solve(p, HorizonClosedFormTest.OPTIONS);
        assertEquals(Status.OPTIMAL, c.status(), c.message());
        assertNotEquals(
                a.history().get(0).primalResidual(),
                c.history().get(0).primalResidual(),
                "the first round's proposals are made at other prices");
        double fa = p.objective(a.x(), a.privateVariables(), a.f());
        assertEquals(
                fa,
                p.objective(c.x(), c.privateVariables(), c.f()),
                1e-4 * Math.max(1, Math.abs(fa)));
    }
}
