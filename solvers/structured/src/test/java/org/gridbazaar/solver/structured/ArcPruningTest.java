package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.solver.structured.internal.InteriorPoint;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.solver.structured.internal.SpanningForest;
import org.gridbazaar.solver.support.KktResiduals;
import org.junit.jupiter.api.Test;

/**
 * Arc pruning on the interior point's iterative path: arcs set aside as empty must not move the
 * result off the exact optimum of the spanning-forest method (objective to {@code 1e-9} relative,
 * set-points to {@code 1e-5} of the injection scale, as without pruning; the KKT conditions over
 * all arcs, pruned ones included), and a pruning that turns out wrong (an arc set aside with a
 * negative reduced cost at the end) must give exactly the run without pruning.
 */
class ArcPruningTest {

    private static final double TOL = 1e-9;
    private static final double SETPOINT_TOL = 1e-5;

    @Test
    void prunedRunsReachTheExactOptimum() {
        int pruned = 0;
        for (long seed = 1; seed <= 4; seed++) {
            MarketProblem p = problem(1200, 6, seed);
            // the spanning-forest method is exact on these markets (bounds, pairs, strictly convex
            // costs)
            SpanningForest.Outcome exact =
                    SpanningForest.solve(p, 1000, 10_000_000L, Double.POSITIVE_INFINITY, null);
            InteriorPoint.Outcome without =
                    new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                            .withArcPruning(0)
                            .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
            InteriorPoint.Outcome with =
                    new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                            .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
            String tag = "seed " + seed + ": ";
            assertTrue(
                    exact != null && without.converged && with.converged, tag + "all three finish");
            assertEquals(0, without.arcsPruned, tag);
            assertFalse(
                    with.pruningRejected,
                    tag + "the arcs set aside end with positive reduced costs");
            assertEquals(p.arcCount(), with.f.length, tag + "flows on every arc of the problem");
            pruned += with.arcsPruned;
            double ref = p.objective(exact.x, exact.f);
            assertEquals(
                    ref,
                    p.objective(with.x, with.f),
                    1e-9 * Math.abs(ref),
                    tag + "objective, pruned");
            assertEquals(
                    ref,
                    p.objective(without.x, without.f),
                    1e-9 * Math.abs(ref),
                    tag + "objective, unpruned");
            // set-points of these flat costs (a from 0.005 $/kW^2) are settled to about 1e-5 of
            // the scale at this tolerance, with or without pruning
            for (int k = 0; k < p.nodeCount(); k++) {
                assertEquals(
                        exact.x[k],
                        with.x[k],
                        SETPOINT_TOL * p.injectionScale(),
                        tag + "set-point of node " + k + ", pruned");
                assertEquals(
                        exact.x[k],
                        without.x[k],
                        SETPOINT_TOL * p.injectionScale(),
                        tag + "set-point of node " + k + ", unpruned");
            }
            // every arc, pruned or not: flow >= 0, multiplier >= 0, reduced cost = multiplier
            double worstDual = 0;
            for (int t = 0; t < p.arcCount(); t++) {
                assertTrue(with.f[t] >= 0 && with.zf[t] >= 0, tag + "arc " + t);
                double reduced = p.arcCost()[t] + with.y[p.tail()[t]] - with.y[p.head()[t]];
                worstDual = Math.max(worstDual, Math.abs(reduced - with.zf[t]));
            }
            assertTrue(
                    worstDual <= 1e-7 * p.priceScale(),
                    tag + "dual residual on the arcs " + worstDual);
            assertTrue(
                    KktResiduals.primal(p, p.injections(with.f), with.f)
                            <= 1e-6 * p.injectionScale(),
                    tag + "balance and bounds");
        }
        assertTrue(
                pruned > 0,
                "the markets are large and sparse enough for pruning to set arcs aside");
    }

    @Test
    void aWrongPruningIsRepeatedWithoutPruning() {
        boolean rejected = false;
        for (long seed = 1; seed <= 4 && !rejected; seed++) {
            MarketProblem p = problem(1200, 6, seed);
            InteriorPoint.Outcome eager =
                    new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                            .withArcPruning(1)
                            .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
            if (eager.pruningRejected) {
                rejected = true;
                InteriorPoint.Outcome without =
                        new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                                .withArcPruning(0)
                                .solve(TOL, 300, Double.POSITIVE_INFINITY, null);
                assertEquals(0, eager.arcsPruned, "the repeated run prunes nothing");
                assertArrayEquals(without.x, eager.x, "the repeated run is the unpruned run");
                assertArrayEquals(without.f, eager.f);
                assertArrayEquals(without.y, eager.y);
            }
        }
        assertTrue(rejected, "pruning at ratio 1 sets aside some arc that should carry flow");
    }

    @Test
    void theRatioIsValidated() {
        MarketProblem p = problem(40, 3, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new InteriorPoint(p).withArcPruning(-1));
        assertTrue(e.getMessage().contains("pruning ratio"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new InteriorPoint(p).withArcPruning(Double.NaN));
    }

    /** {@link PartnerMarkets} with a preference in [0, 3) $/kW on every pair. */
    private static MarketProblem problem(int peers, int partners, long seed) {
        return new P2PFormulation()
                .formulate(PartnerMarkets.generate(peers, partners, seed, 1, 0, 3))
                .problem();
    }
}
