package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.junit.jupiter.api.Test;

/**
 * The measures that speed the distributed solvers up ({@link AdmmOptions#sharedPenalty()}, {@link
 * AdmmOptions#priceStep()}, {@link AdmmOptions#driftThreshold()}): each must save rounds on
 * preference markets, where optimal trades concentrate on a few pairs per peer, and none may change
 * the optimum the solvers reach.
 */
class AccelerationTest {

    private static final SolverOptions OPTS =
            SolverOptions.DEFAULTS.withTolerance(1e-4).withMaxIterations(5000);
    private static final long[] SEEDS = {1, 2, 4};

    private static MarketSolver solver(boolean consensus, AdmmOptions tuning) {
        return consensus ? new ConsensusSolver(tuning) : new AdmmSolver(tuning);
    }

    /**
     * Total rounds over the seeded 30 x 30 preference markets; every run must be optimal and reach
     * the reference optimum.
     */
    private static int rounds(boolean consensus, AdmmOptions tuning) {
        int total = 0;
        for (long seed : SEEDS) {
            MarketProblem pr = Markets.allPairsWithPreferences(30, 30, seed);
            ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, ref.status(), ref.message());
            double fr = pr.objective(ref.x(), ref.f());
            ProblemSolution sol = solver(consensus, tuning).solve(pr, OPTS);
            String ctx =
                    (consensus ? "consensus" : "admm")
                            + " seed "
                            + seed
                            + " "
                            + tuning
                            + ": "
                            + sol.message();
            assertEquals(Status.OPTIMAL, sol.status(), ctx);
            assertEquals(
                    fr, pr.objective(sol.x(), sol.f()), 1e-3 * Math.abs(fr), "objective, " + ctx);
            total += sol.iterations();
        }
        return total;
    }

    private static void savesRounds(String what, UnaryOperator<AdmmOptions> without) {
        for (boolean consensus : new boolean[] {false, true}) {
            int with = rounds(consensus, AdmmOptions.DEFAULTS),
                    off = rounds(consensus, without.apply(AdmmOptions.DEFAULTS));
            String ctx =
                    (consensus ? "consensus" : "admm")
                            + ", "
                            + what
                            + ": "
                            + with
                            + " rounds with, "
                            + off
                            + " without";
            System.out.println(ctx);
            assertTrue(with < 0.9 * off, ctx);
        }
    }

    @Test
    void sharedPenaltiesSaveRounds() {
        savesRounds("shared penalty", t -> t.withSharedPenalty(false));
    }

    @Test
    void theLongerPriceStepSavesRounds() {
        savesRounds("price step 1.6 against 1", t -> t.withPriceStep(1));
    }

    @Test
    void softeningDriftingTradesSavesRounds() {
        savesRounds("drift softening", t -> t.withDriftThreshold(0));
    }

    @Test
    void withFixedPenaltiesEveryPriceStepBelowTheGoldenRatioConvergesToTheSinglePriceClearing() {
        // Glowinski's range: the guarantee of fixed penalties holds for any step in (0, (1 + sqrt
        // 5)/2)
        MarketProblem pr = Markets.allPairs(7, 7, 2);
        double[] ref = Markets.singlePriceClearing(pr);
        for (double step : new double[] {0.5, 1, 1.6}) {
            for (boolean shared : new boolean[] {false, true}) {
                AdmmOptions tuning =
                        AdmmOptions.DEFAULTS
                                .withAdaptive(false)
                                .withPriceStep(step)
                                .withSharedPenalty(shared);
                for (MarketSolver s : List.of(solver(false, tuning), solver(true, tuning))) {
                    ProblemSolution sol =
                            s.solve(
                                    pr,
                                    SolverOptions.DEFAULTS
                                            .withTolerance(1e-8)
                                            .withMaxIterations(5000));
                    String ctx =
                            s.name() + " step " + step + " shared " + shared + ": " + sol.message();
                    assertEquals(Status.OPTIMAL, sol.status(), ctx);
                    for (double price : sol.arcPrices()) {
                        assertEquals(ref[0], price, 1e-5 * ref[0], ctx);
                    }
                }
            }
        }
    }
}
