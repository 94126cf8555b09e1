package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every solver that accepts a market over time agrees with the others, on the class path the
 * command line uses (all solvers present): on horizons without links, each solver's horizon
 * objective equals the sum of its own single-period clearings (period objectives times the period
 * length) and the default solver's horizon objective, to 1e-6 relative for the exact solvers and
 * 1e-4 for {@code admm} and {@code consensus}; on linked horizons, {@code ojalgo-qp} and {@code
 * joptimizer} agree with {@code structured-ipm} to 1e-6, {@code admm} and {@code consensus} to
 * 1e-4. Solvers that refuse a market say so ({@code supports}) and are skipped for it.
 */
class MultiPeriodSolversAgreeTest {

    private static final List<String> EXACT = List.of("ojalgo-qp", "joptimizer");

    private static final List<String> DISTRIBUTED = List.of("admm", "consensus");

    /**
     * How close to the default solver's objective: 1e-4 for the distributed solvers (run at 1e-6).
     */
    private static double tolerance(String solver) {
        return DISTRIBUTED.contains(solver) ? 1e-4 : 1e-6;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void horizonsWithoutLinksAgreeWithTheirPeriodsForEverySolver(long seed) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed,
                        RandomHorizons.Spec.full()
                                .withLinked(false)
                                .withPeers(3, 8)
                                .withMaxPeriods(3));
        MultiPeriodResult reference =
                MultiPeriodClearing.clear(
                        m, Solvers.require("structured-ipm"), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, reference.status(), m + ": " + reference.message());
        int exactCompared = 0;
        for (String name : List.of("ojalgo-qp", "joptimizer", "admm", "consensus")) {
            MarketSolver solver = Solvers.require(name);
            SolverOptions options =
                    SolverOptions.DEFAULTS.withTolerance(
                            DISTRIBUTED.contains(name) ? 1e-6 : solver.defaultTolerance());
            MultiPeriodResult r;
            try {
                r = MultiPeriodClearing.clear(m, solver, options);
            } catch (org.gridbazaar.solver.UnsupportedProblemException refused) {
                continue;
            }
            assertEquals(Status.OPTIMAL, r.status(), name + " on " + m + ": " + r.message());
            double scale = Math.max(1, Math.abs(reference.objective()));
            assertEquals(
                    reference.objective(),
                    r.objective(),
                    tolerance(name) * scale,
                    name + " against structured-ipm on " + m);
            if (EXACT.contains(name)) {
                exactCompared++;
                double sum = 0;
                boolean all = true;
                for (int t = 0; t < m.periodCount(); t++) {
                    Market period = m.period(t);
                    MarketResult single = MarketClearing.clear(period, solver, options);
                    all &= single.status() == Status.OPTIMAL;
                    sum += m.hoursPerPeriod() * single.objective();
                }
                if (all) {
                    assertEquals(
                            sum,
                            r.objective(),
                            tolerance(name) * scale,
                            name + ": horizon against its periods on " + m);
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                exactCompared >= 1, "no exact cross-check accepted " + m);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void theDistributedSolversAgreeWithTheDefaultSolverOnLinkedHorizons(long seed) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed, RandomHorizons.Spec.full().withPeers(3, 7).withMaxPeriods(4));
        MultiPeriodResult reference =
                MultiPeriodClearing.clear(
                        m, Solvers.require("structured-ipm"), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, reference.status(), m + ": " + reference.message());
        for (String name : DISTRIBUTED) {
            MultiPeriodResult r =
                    MultiPeriodClearing.clear(
                            m, Solvers.require(name), SolverOptions.DEFAULTS.withTolerance(1e-6));
            assertEquals(Status.OPTIMAL, r.status(), name + " on " + m + ": " + r.message());
            assertEquals(
                    reference.objective(),
                    r.objective(),
                    1e-4 * Math.max(1, Math.abs(reference.objective())),
                    name + " on " + m);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 23, 25, 27, 29, 31, 33, 35})
    void theExactSolversAgreeWithTheDefaultSolverOnLinkedHorizons(long seed) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed, RandomHorizons.Spec.full().withPeers(3, 8).withMaxPeriods(5));
        MultiPeriodResult reference =
                MultiPeriodClearing.clear(
                        m, Solvers.require("structured-ipm"), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, reference.status(), m + ": " + reference.message());
        for (String name : EXACT) {
            MultiPeriodResult r =
                    MultiPeriodClearing.clear(m, Solvers.require(name), SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, r.status(), name + " on " + m + ": " + r.message());
            assertEquals(
                    reference.objective(),
                    r.objective(),
                    1e-6 * Math.max(1, Math.abs(reference.objective())),
                    name + " on " + m);
        }
    }
}
