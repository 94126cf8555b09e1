package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.solver.structured.internal.InteriorPoint;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.solver.structured.internal.SpanningForest;
import org.gridbazaar.solver.support.KktResiduals;
import org.junit.jupiter.api.Test;

/**
 * Arc pruning on the interior point's iterative path: arcs set aside as empty must not move the
 * result off the exact optimum of the spanning-forest method (objective to {@code 1e-9}
 * relative, set-points to {@code 1e-5} of the injection scale, as without pruning; the KKT
 * conditions over all arcs, pruned ones included), and a pruning that turns out
 * wrong (an arc set aside with a negative reduced cost at the end) must give exactly the run
 * without pruning.
 */
class ArcPruningTest {

    private static final double TOL = 1e-9;
    private static final double SETPOINT_TOL = 1e-5;

    @Test
    void prunedRunsReachTheExactOptimum() {
        int pruned = 0;
        for (long seed = 1; seed <= 4; seed++) {
            MarketProblem p = problem(1200, 6, seed);
            // the spanning-forest method is exact on these markets (bounds, pairs, strictly convex costs)
            SpanningForest.Outcome exact = SpanningForest.solve(p, 1000, 10_000_000L, Double.POSITIVE_INFINITY, null);
            InteriorPoint.Outcome without = new InteriorPoint(p, LinearAlgebra.TREE_PCG).withArcPruning(0).solve(TOL, 300, Double.POSITIVE_INFINITY, null);
            InteriorPoint.Outcome with = new InteriorPoint(p, LinearAlgebra.TREE_PCG).solve(TOL, 300, Double.POSITIVE_INFINITY, null);
            String tag = "seed " + seed + ": ";
            assertTrue(exact != null && without.converged && with.converged, tag + "all three finish");
            assertEquals(0, without.arcsPruned, tag);
            assertEquals(false, with.pruningRejected, tag + "the arcs set aside end with positive reduced costs");
            assertEquals(p.arcCount(), with.f.length, tag + "flows on every arc of the problem");
            pruned += with.arcsPruned;
            double ref = p.objective(exact.x, exact.f);
            assertEquals(ref, p.objective(with.x, with.f), 1e-9 * Math.abs(ref), tag + "objective, pruned");
            assertEquals(ref, p.objective(without.x, without.f), 1e-9 * Math.abs(ref), tag + "objective, unpruned");
            // set-points of these flat costs (a from 0.005 $/kW^2) are settled to about 1e-5 of
            // the scale at this tolerance, with or without pruning
            for (int k = 0; k < p.nodeCount(); k++) {
                assertEquals(exact.x[k], with.x[k], SETPOINT_TOL * p.injectionScale(), tag + "set-point of node " + k + ", pruned");
                assertEquals(exact.x[k], without.x[k], SETPOINT_TOL * p.injectionScale(), tag + "set-point of node " + k + ", unpruned");
            }
            // every arc, pruned or not: flow >= 0, multiplier >= 0, reduced cost = multiplier
            double worstDual = 0;
            for (int t = 0; t < p.arcCount(); t++) {
                assertTrue(with.f[t] >= 0 && with.zf[t] >= 0, tag + "arc " + t);
                double reduced = p.arcCost()[t] + with.y[p.tail()[t]] - with.y[p.head()[t]];
                worstDual = Math.max(worstDual, Math.abs(reduced - with.zf[t]));
            }
            assertTrue(worstDual <= 1e-7 * p.priceScale(), tag + "dual residual on the arcs " + worstDual);
            assertTrue(KktResiduals.primal(p, p.injections(with.f), with.f) <= 1e-6 * p.injectionScale(), tag + "balance and bounds");
        }
        assertTrue(pruned > 0, "the markets are large and sparse enough for pruning to set arcs aside");
    }

    @Test
    void aWrongPruningIsRepeatedWithoutPruning() {
        boolean rejected = false;
        for (long seed = 1; seed <= 4 && !rejected; seed++) {
            MarketProblem p = problem(1200, 6, seed);
            InteriorPoint.Outcome eager = new InteriorPoint(p, LinearAlgebra.TREE_PCG).withArcPruning(1).solve(TOL, 300, Double.POSITIVE_INFINITY, null);
            if (eager.pruningRejected) {
                rejected = true;
                InteriorPoint.Outcome without = new InteriorPoint(p, LinearAlgebra.TREE_PCG).withArcPruning(0).solve(TOL, 300, Double.POSITIVE_INFINITY, null);
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InteriorPoint(p).withArcPruning(-1));
        assertTrue(e.getMessage().contains("pruning ratio"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InteriorPoint(p).withArcPruning(Double.NaN));
    }

    /** Producers and consumers in equal numbers, each producer trading with {@code partners} random consumers, with per-pair preferences. */
    private static MarketProblem problem(int peers, int partners, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Market.Builder b = Market.builder("pruning-" + seed);
        int half = peers / 2;
        for (int i = 0; i < half; i++) {
            b.producer("G" + i, 0, rnd.nextDouble(50, 300), QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(5, 50), 0));
            b.consumer("C" + i, -rnd.nextDouble(50, 300), 0, QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(30, 80), 0));
        }
        List<PeerPair> pairs = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            while (seen.size() < partners) {
                int j = rnd.nextInt(half);
                if (seen.add(j)) {
                    pairs.add(PeerPair.of("G" + i, "C" + j));
                    b.preference("G" + i, "C" + j, rnd.nextDouble(0, 3));
                }
            }
        }
        return new P2PFormulation().formulate(b.tradingPairs(pairs).build()).problem();
    }
}
