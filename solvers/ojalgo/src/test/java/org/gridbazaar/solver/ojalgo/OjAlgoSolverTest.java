package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.UnsupportedProblemException;
import org.gridbazaar.solver.support.KktResiduals;
import org.gridbazaar.testkit.RandomMarkets;
import org.gridbazaar.testkit.SolverContract;
import org.junit.jupiter.api.Test;

/**
 * The solver contract for ojAlgo, cross-checked against the structured interior-point solver when
 * it is present.
 */
class OjAlgoSolverTest extends SolverContract {

    @Override
    protected MarketSolver solver() {
        return new OjAlgoSolver();
    }

    /** The default solver, looked up by class so that this module builds before it exists. */
    @Override
    protected MarketSolver reference() {
        try {
            Class<?> c = Class.forName("org.gridbazaar.solver.structured.StructuredIpmSolver");
            return (MarketSolver) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * Seed 18 (30 peers, 335 arcs, resistance penalty): ojAlgo 55.0.1 reports OPTIMAL after about
     * 10 s with a point that misses the KKT conditions by about 0.05 $/kW (no prices exist that
     * make it optimal); the solver now reports NUMERICAL_ERROR there. See {@link
     * #ojAlgoPointOnSeed18IsNotClaimedOptimal}.
     */
    @Override
    protected java.util.Set<Long> excludedRandomSeeds() {
        return java.util.Set.of(18L);
    }

    @Test
    void ojAlgoPointOnSeed18IsNotClaimedOptimal() {
        Market m =
                RandomMarkets.generate(
                        18,
                        RandomMarkets.Spec.basic(30)
                                .withProsumerShare(0.1)
                                .withNetwork(8, true, false));
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        var s = solver().solve(p, options());
        if (s.status() == org.gridbazaar.result.Status.OPTIMAL) {
            org.gridbazaar.testkit.KktChecker.assertKkt(p, s, kktTolerance());
        }
    }

    @Test
    void isFoundByNameThroughServiceLoader() {
        assertTrue(
                Solvers.byName(OjAlgoSolver.NAME).isPresent(), "available: " + Solvers.available());
    }

    @Test
    void refusesProblemsAboveItsSizeLimitSayingWhy() {
        Market m = RandomMarkets.generate(5, RandomMarkets.Spec.basic(10));
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        OjAlgoSolver tiny = new OjAlgoSolver(5);
        MarketSolver.Support s = tiny.supports(p);
        assertFalse(s.supported());
        assertTrue(s.reason().contains("structured-ipm"), s.reason());
        assertThrows(UnsupportedProblemException.class, () -> tiny.solve(p, options()));
        assertTrue(solver().supports(p).supported());
    }

    @Test
    void reportsItsOwnPrimalResidual() {
        Market m = RandomMarkets.generate(6, RandomMarkets.Spec.basic(12));
        MarketProblem p = new P2PFormulation().formulate(m).problem();
        var s = solver().solve(p, options());
        assertEquals(KktResiduals.primal(p, s.x(), s.f()), s.primalResidual());
        assertTrue(
                s.primalResidual() < 1e-6 * p.injectionScale(),
                "primal residual " + s.primalResidual());
        assertEquals(OjAlgoSolver.NAME, s.solver());
    }
}
