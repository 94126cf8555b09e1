package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.LongStream;
import org.gridbazaar.formulation.FormulatedMultiPeriodMarket;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random linked horizons ({@link RandomHorizons}: storage with losses and targets, electric
 * vehicles, ramps, energy windows, per-period bounds and costs, sometimes a network and heat/CHP):
 * structured-ipm's solution of the stacked problem satisfies the KKT conditions at the checker's
 * default tolerance, and the result read back from it is consistent: storage balance per the spec,
 * limits, targets, ramps and windows on device powers, each period's trades summing to the net
 * powers, and the horizon objective equal to the period objectives plus throughput costs.
 */
class MultiPeriodKktTest {

    /** Seeds 1 to 60. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomLinkedHorizonSatisfiesKkt(long seed) {
        MultiPeriodMarket m = RandomHorizons.generate(seed);
        FormulatedMultiPeriodMarket fm = new MultiPeriodFormulation().formulate(m);
        MarketProblem p = fm.problem();
        ProblemSolution s = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        String where = m + " (RandomHorizons.generate(" + seed + "L))";
        assertEquals(Status.OPTIMAL, s.status(), where + ": " + s.message());
        KktChecker.assertKkt(p, s, KktChecker.DEFAULT_TOLERANCE);
        MultiPeriodResult r = fm.result(s);
        assertEquals(Status.OPTIMAL, r.status(), where + ": " + r.message());
        MultiPeriodChecks.assertConsistent(m, r, 1e-6 * p.injectionScale());
        double dt = m.hoursPerPeriod(), sum = 0;
        for (int t = 0; t < m.periodCount(); t++) {
            sum += r.period(t).objective();
        }
        for (Map.Entry<PeerId, Storage> e : m.storage().entrySet()) {
            StorageOutcome o = r.storage(e.getKey().value()).orElseThrow();
            for (int t = 0; t < m.periodCount(); t++) {
                sum += e.getValue().throughputCost() * dt * (o.chargeKw(t) + o.dischargeKw(t));
            }
        }
        assertEquals(
                sum,
                r.objective(),
                1e-6 * Math.max(1, Math.abs(r.objective())),
                where + ": period objectives and throughput");
    }

    /**
     * A horizon of at least 96 periods (a day of quarter hours) with storage, ramps and windows:
     * solved and checked by the KKT checker's direct block test, which works per peer on the
     * solver's own multipliers and never enumerates subsets of active rows, so it stays linear in
     * the number of periods.
     */
    @org.junit.jupiter.api.Test
    void aDayOfQuarterHoursIsSolvedAndChecked() {
        MultiPeriodMarket m = null;
        for (long seed = 1; m == null; seed++) {
            MultiPeriodMarket candidate =
                    RandomHorizons.generate(
                            seed, RandomHorizons.Spec.full().withPeers(8, 16).withMaxPeriods(100));
            if (candidate.periodCount() >= 96 && !candidate.storage().isEmpty()) {
                m = candidate;
            }
        }
        FormulatedMultiPeriodMarket fm = new MultiPeriodFormulation().formulate(m);
        ProblemSolution s = new StructuredIpmSolver().solve(fm.problem(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), m + ": " + s.message());
        KktChecker.assertKkt(fm.problem(), s, KktChecker.DEFAULT_TOLERANCE);
        MultiPeriodChecks.assertConsistent(m, fm.result(s), 1e-6 * fm.problem().injectionScale());
    }
}
