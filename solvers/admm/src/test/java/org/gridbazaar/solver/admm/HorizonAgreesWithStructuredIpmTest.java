package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * admm's horizon negotiation against the centralized structured-ipm on seeded random horizons (up
 * to 8 peers and 6 periods), linked (storage, ramps, windows, extra batteries, vehicles, shiftable
 * loads) and unlinked: OPTIMAL within the default iteration limit, objective within 1e-4 relative,
 * a non-negative certified gap below the tolerance, and storage reported.
 */
class HorizonAgreesWithStructuredIpmTest {

    static Stream<Arguments> horizons() {
        return Stream.of(1L, 2L, 4L, 6L, 8L, 9L, 12L)
                .flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    @ParameterizedTest(name = "seed {0}, linked {1}")
    @MethodSource("horizons")
    void agreesWithStructuredIpm(long seed, boolean linked) {
        MultiPeriodMarket m =
                RandomHorizons.generate(
                        seed,
                        RandomHorizons.Spec.full()
                                .withPeers(2, 8)
                                .withMaxPeriods(6)
                                .withLinked(linked));
        MarketProblem p = new MultiPeriodFormulation().formulate(m).problem();
        ProblemSolution ref = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, ref.status(), "reference: " + ref.message());
        double fr = p.objective(ref.x(), ref.privateVariables(), ref.f());

        ProblemSolution sol = new AdmmSolver().solve(p, HorizonClosedFormTest.OPTIONS);
        String ctx = m + ": " + sol.message();
        assertEquals(Status.OPTIMAL, sol.status(), ctx);
        double fa = p.objective(sol.x(), sol.privateVariables(), sol.f());
        assertEquals(fr, fa, 1e-4 * Math.max(1, Math.abs(fr)), "objective, " + ctx);
        assertTrue(sol.dualityGap() <= 1e-6 * Math.max(1, Math.abs(fa)), "gap, " + ctx);
        assertEquals(p.variableCount(), sol.privateVariables().length, ctx);
        // the flows are the point's: set-points are the net of the trades
        double[] nf = p.injections(sol.f());
        for (int k = 0; k < nf.length; k++) {
            assertEquals(
                    nf[k],
                    sol.x()[k],
                    1e-9 * p.injectionScale(),
                    "balance of node " + k + ", " + ctx);
        }
        if (linked) {
            MultiPeriodResult r =
                    MultiPeriodClearing.clear(m, new AdmmSolver(), HorizonClosedFormTest.OPTIONS);
            assertEquals(Status.OPTIMAL, r.status(), r.message());
            assertEquals(
                    fr,
                    r.objective(),
                    1e-4 * Math.max(1, Math.abs(fr)),
                    "result objective, " + ctx);
        }
    }
}
