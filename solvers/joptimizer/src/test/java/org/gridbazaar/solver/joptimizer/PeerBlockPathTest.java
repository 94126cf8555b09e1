package org.gridbazaar.solver.joptimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.HorizonClosedForms;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code joptimizer} on problems with peer blocks (markets over time with storage, ramps and energy
 * windows, and CHP regions over several periods): closed forms, rows that leave no strictly
 * feasible point until they are read as bounds or equalities, and seeded random horizons against
 * the default solver, with the KKT conditions checked independently by {@link KktChecker}.
 */
class PeerBlockPathTest {

    private static MarketProblem problem(MultiPeriodMarket m) {
        return new MultiPeriodFormulation().formulate(m).problem();
    }

    private static double objective(MarketProblem p, ProblemSolution s) {
        return p.objective(s.x(), s.privateVariables(), s.f());
    }

    private static ProblemSolution optimal(MarketProblem p) {
        ProblemSolution s = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        KktChecker.assertKkt(p, s, JOptimizerSolver.ACCEPT_TOLERANCE);
        return s;
    }

    @Test
    void aLosslessBatteryArbitragesAndALossyOneDoesNot() {
        MarketProblem lossless = problem(HorizonClosedForms.arbitrage(10, 50, 1));
        assertEquals(-1800, objective(lossless, optimal(lossless)), 1e-6);
        MarketProblem lossy = problem(HorizonClosedForms.arbitrage(10, 14, 0.8));
        assertEquals(-1760, objective(lossy, optimal(lossy)), 1e-6);
    }

    @Test
    void aRampLimitedGeneratorFollowsItsLimits() {
        MarketProblem p = problem(HorizonClosedForms.rampLimited());
        assertEquals(-16000, objective(p, optimal(p)), 1e-6 * 16000);
    }

    /**
     * Prices 40 10 30 20 $/kWh; load S takes at most 8 kW and exactly 12 kWh over four hours: 8 kWh
     * at 10 and 4 kWh at 20, 160 $. The exact window is two {@code <=} rows with no point strictly
     * between them; JOptimizer gets one equality instead.
     */
    @Test
    void anExactEnergyWindowMovesTheLoadIntoTheCheapestHours() {
        double[] price = {40, 10, 30, 20};
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("shift", Horizon.hourly(4))
                        .periods(
                                t ->
                                        Market.builder("shift")
                                                .consumer("S", -8, 0, QuadraticCost.linear(0))
                                                .producer(
                                                        "G", 0, 100, QuadraticCost.linear(price[t]))
                                                .build())
                        .energyWindow("S", EnergyWindow.of(0, 3, -12, -12))
                        .build();
        MarketProblem p = problem(m);
        ProblemSolution s = optimal(p);
        assertEquals(160, objective(p, s), 1e-6 * 160);
    }

    /**
     * An empty 10 kWh battery charging at most 8 kW must be full after two hours, at prices 20 and
     * 30: 8 kW in hour 0, 2 kW in hour 1 (220 $). The target pins the energy of hour 1 to the
     * capacity; read as a bound, it fixes that variable instead of leaving JOptimizer no interior.
     */
    @Test
    void aTargetAtTheCapacityIsMetExactly() {
        MarketProblem p = problem(fillUp(8));
        assertEquals(220, objective(p, optimal(p)), 1e-6 * 220);
    }

    /**
     * The same with a 5 kW charger: only charging 5 kW in both hours meets the target, so the
     * market has one feasible point and no strictly feasible one, which JOptimizer's interior point
     * needs. The answer says so instead of a wrong optimum.
     */
    @Test
    void aMarketWithOneFeasiblePointIsNotCalledOptimalAndSaysWhy() {
        MarketProblem p = problem(fillUp(5));
        ProblemSolution s = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.NUMERICAL_ERROR, s.status(), s.message());
        assertTrue(s.message().contains("no strictly feasible point"), s.message());
        assertEquals(
                Status.OPTIMAL,
                new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS).status(),
                "the default solver clears it");
    }

    private static MultiPeriodMarket fillUp(double chargeKw) {
        double[] price = {20, 30};
        return MultiPeriodMarket.builder("full", Horizon.hourly(2))
                .periods(
                        t ->
                                Market.builder("full")
                                        .prosumer("B", 0, 0, QuadraticCost.linear(0))
                                        .producer("G", 0, 100, QuadraticCost.linear(price[t]))
                                        .build())
                .storage("B", Storage.builder(10, 0).powerKw(chargeKw, 0).target(1, 10).build())
                .build();
    }

    /**
     * A generator that may not ramp at all (0 kW both ways) from 30 kW, costing 10 $/kWh; loads of
     * up to 40, 50 and 60 kW valued at 100 $/kWh; the rest from E at 50 $/kWh: C stays at 30 kW, E
     * gives 10, 20 and 30 kW, objective 900 + 3000 - 15000 = -11100 $. The two ramp rows of each
     * period are one equality for JOptimizer.
     */
    @Test
    void aGeneratorThatMayNotRampStaysAtItsInitialPower() {
        double[] demand = {40, 50, 60};
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("stuck", Horizon.hourly(3))
                        .periods(
                                t ->
                                        Market.builder("stuck")
                                                .producer("C", 0, 100, QuadraticCost.linear(10))
                                                .producer("E", 0, 100, QuadraticCost.linear(50))
                                                .consumer(
                                                        "L",
                                                        -demand[t],
                                                        0,
                                                        QuadraticCost.linear(100))
                                                .build())
                        .ramp("C", Ramp.of(0, 0).startingAt(30))
                        .build();
        MarketProblem p = problem(m);
        assertEquals(-11100, objective(p, optimal(p)), 1e-6 * 11100);
    }

    @Test
    void anUnreachableTargetIsNotCalledOptimal() {
        MarketProblem p = problem(HorizonClosedForms.unreachableTarget());
        ProblemSolution s = new JOptimizerSolver().solve(p, SolverOptions.DEFAULTS);
        assertNotEquals(Status.OPTIMAL, s.status(), s.message());
    }

    /**
     * Seeded horizons with storage (losses, targets, electric vehicles), ramps, energy windows,
     * radial networks with penalties and CHP regions, against the default solver to 1e-6 relative.
     * A scan of seeds 1 to 200 of this spec (2026-12-07) gave {@code OPTIMAL} on 198, 193 of them
     * within 1e-9 and all within 3.7e-7 (seeds 16 and 176 reach the 500-iteration limit at points
     * that meet the acceptance); seeds 103 and 197 end {@code ITERATION_LIMIT} (500 iterations).
     * Seed 66 missed the dual tolerance (3.5e-6) at JOptimizer's usual gap and is why a point that
     * misses it is solved once more to a smaller gap.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 4, 5, 9, 11, 15, 16, 17, 21, 29, 35, 40, 66})
    void seededHorizonsAgreeWithTheDefaultSolverAndMeetTheKktConditions(long seed) {
        MarketProblem p =
                problem(
                        RandomHorizons.generate(
                                seed,
                                RandomHorizons.Spec.full().withPeers(3, 8).withMaxPeriods(5)));
        ProblemSolution reference = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, reference.status(), reference.message());
        assertTrue(new JOptimizerSolver().supports(p).supported());
        ProblemSolution s = optimal(p);
        double ref = objective(p, reference);
        assertEquals(ref, objective(p, s), 1e-6 * Math.max(1, Math.abs(ref)), s.message());
    }

    @Test
    void aProblemAboveTheSizeLimitIsRefusedCountingItsPrivateVariables() {
        MarketProblem p = problem(HorizonClosedForms.arbitrage(10, 50, 1));
        JOptimizerSolver small = new JOptimizerSolver(p.nodeCount() + p.arcCount());
        assertTrue(!small.supports(p).supported(), "private variables counted");
        assertTrue(
                small.supports(p).reason().contains("private variables"),
                small.supports(p).reason());
    }
}
