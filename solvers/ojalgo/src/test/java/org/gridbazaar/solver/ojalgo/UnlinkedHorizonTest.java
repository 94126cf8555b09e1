package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Markets over time whose periods are not linked (no storage, ramps or windows; 2 to 8 peers, 2 to
 * 6 periods, networks and heat): {@code ojalgo-qp} answers {@code OPTIMAL} at {@code
 * structured-ipm}'s objective to 1e-6 relative. Given as one QP without proximal iterations,
 * ojAlgo's active-set method called a point optimal that misses the optimality conditions (up to a
 * relative primal residual of 1.8) on 16 of seeds 1001 to 1150; the acceptance check caught it and
 * answered {@code NUMERICAL_ERROR}. These are those 16 seeds.
 */
class UnlinkedHorizonTest {

    private static final RandomHorizons.Spec UNLINKED =
            new RandomHorizons.Spec(2, 8, 6, false, true, true, true);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1018, 1024, 1037, 1039, 1051, 1059, 1085, 1129, 1142, 1145})
    void unlinkedHorizonsAgreeWithTheDefaultSolver(long seed) {
        MultiPeriodMarket m = RandomHorizons.generate(seed, UNLINKED);
        MultiPeriodResult reference =
                MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        MultiPeriodResult r =
                MultiPeriodClearing.clear(m, new OjAlgoSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, reference.status(), reference.message());
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(
                reference.objective(),
                r.objective(),
                1e-6 * Math.max(1, Math.abs(reference.objective())),
                r.message());
    }
}
