package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ZeroCostCycles}: which pairs of variables it finds (a trade and its reverse between two
 * nodes, free of cost both ways), and what it drops from a direction (the common rise of both).
 * Rows here are node balances {@code x_k - (N f)_k = 0} in kW, as the block path writes them.
 */
class ZeroCostCyclesTest {

    /** Balance rows of nodes 0 and 1, and a trade 0 -> 1 and its reverse 1 -> 0 at the costs. */
    private static SeparableQp twoNodes(double costThere, double costBack, double curvature) {
        SeparableQp.Builder b = SeparableQp.builder();
        int there = b.variable(0, Double.POSITIVE_INFINITY, curvature, costThere);
        int back = b.variable(0, Double.POSITIVE_INFINITY, curvature, costBack);
        int x0 = b.variable(-10, 10, 1, 0), x1 = b.variable(-10, 10, 1, 0);
        b.row(new int[] {x0, there, back}, new double[] {1, -1, 1}, true, 0, 0);
        b.row(new int[] {x1, there, back}, new double[] {1, 1, -1}, true, 0, 0);
        return b.build();
    }

    private static ZeroCostCycles of(SeparableQp qp) {
        return ZeroCostCycles.of(qp, new boolean[qp.variableCount()]);
    }

    @Test
    void aTradeAndItsFreeReverseFormAPair() {
        ZeroCostCycles cycles = of(twoNodes(0, 0, 0));
        assertEquals(1, cycles.size());
        assertArrayEquals(new int[] {0, 1}, cycles.pair(0));
    }

    @Test
    void costsThatCancelAlsoFormAPair() {
        assertEquals(1, of(twoNodes(2.5, -2.5, 0)).size());
    }

    @Test
    void aCostlyCycleACurvedOneAOneWayTradeAndABoundedOneFormNone() {
        // a cycle that costs 0.1 $/kW around is not flat
        assertEquals(0, of(twoNodes(0.1, 0, 0)).size());
        // curvature bounds the optimal set
        assertEquals(0, of(twoNodes(0, 0, 1e-3)).size());
        SeparableQp.Builder oneWay = SeparableQp.builder();
        int f = oneWay.variable(0, Double.POSITIVE_INFINITY, 0, 0);
        int x0 = oneWay.variable(-10, 10, 1, 0), x1 = oneWay.variable(-10, 10, 1, 0);
        oneWay.row(new int[] {x0, f}, new double[] {1, -1}, true, 0, 0);
        oneWay.row(new int[] {x1, f}, new double[] {1, 1}, true, 0, 0);
        assertEquals(0, of(oneWay.build()).size());
        SeparableQp.Builder capped = SeparableQp.builder();
        int there = capped.variable(0, 100, 0, 0);
        int back = capped.variable(0, Double.POSITIVE_INFINITY, 0, 0);
        int y0 = capped.variable(-10, 10, 1, 0), y1 = capped.variable(-10, 10, 1, 0);
        capped.row(new int[] {y0, there, back}, new double[] {1, -1, 1}, true, 0, 0);
        capped.row(new int[] {y1, there, back}, new double[] {1, 1, -1}, true, 0, 0);
        assertEquals(0, of(capped.build()).size());
    }

    @Test
    void everyTradeMeetsAtMostOneReverse() {
        // a ring of 50 nodes, each joined to the next by a trade both ways, plus a second trade
        // 0 -> 1 that finds no reverse left: 50 pairs, each on one edge of the ring
        int nodes = 50;
        SeparableQp.Builder b = SeparableQp.builder();
        int[][] rowVars = new int[nodes][];
        double[][] rowCoefs = new double[nodes][];
        int[] x = new int[nodes];
        for (int k = 0; k < nodes; k++) {
            x[k] = b.variable(-10, 10, 1, 0);
            rowVars[k] = new int[] {x[k]};
            rowCoefs[k] = new double[] {1};
        }
        int[][] ends = new int[2 * nodes + 1][];
        for (int k = 0; k < nodes; k++) {
            ends[2 * k] = new int[] {k, (k + 1) % nodes};
            ends[2 * k + 1] = new int[] {(k + 1) % nodes, k};
        }
        ends[2 * nodes] = new int[] {0, 1};
        for (int[] e : ends) {
            int f = b.variable(0, Double.POSITIVE_INFINITY, 0, 0);
            for (int side = 0; side < 2; side++) {
                int k = e[side];
                rowVars[k] = java.util.Arrays.copyOf(rowVars[k], rowVars[k].length + 1);
                rowCoefs[k] = java.util.Arrays.copyOf(rowCoefs[k], rowCoefs[k].length + 1);
                rowVars[k][rowVars[k].length - 1] = f;
                rowCoefs[k][rowCoefs[k].length - 1] = side == 0 ? -1 : 1;
            }
        }
        for (int k = 0; k < nodes; k++) {
            b.row(rowVars[k], rowCoefs[k], true, 0, k);
        }
        ZeroCostCycles cycles = of(b.build());
        assertEquals(nodes, cycles.size());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int p = 0; p < nodes; p++) {
            int[] pair = cycles.pair(p);
            int[] one = ends[pair[0] - nodes], other = ends[pair[1] - nodes];
            assertTrue(one[0] == other[1] && one[1] == other[0], "pair " + p);
            assertTrue(seen.add(pair[0]) && seen.add(pair[1]), "a trade in two pairs");
        }
    }

    @Test
    void aFixedVariableTakesNoPart() {
        SeparableQp qp = twoNodes(0, 0, 0);
        boolean[] fixed = new boolean[qp.variableCount()];
        fixed[1] = true;
        assertEquals(0, ZeroCostCycles.of(qp, fixed).size());
    }

    @Test
    void aCommonRiseIsDroppedAndOnlyTheDifferenceKept() {
        ZeroCostCycles cycles = of(twoNodes(0, 0, 0));
        double[] du = {3, 5, 7, -7};
        cycles.hold(du);
        // the net trade 0 -> 1 changes by 3 - 5 = -2 as before; the nodes' steps are untouched
        assertArrayEquals(new double[] {0, 2, 7, -7}, du);
        double[] equal = {4e14, 4e14, 0, 0};
        cycles.hold(equal);
        assertArrayEquals(new double[] {0, 0, 0, 0}, equal);
    }

    @Test
    void aDirectionThatLowersEitherTradeIsKept() {
        ZeroCostCycles cycles = of(twoNodes(0, 0, 0));
        double[] du = {3, -1, 1, -1};
        cycles.hold(du);
        assertArrayEquals(new double[] {3, -1, 1, -1}, du);
        double[] down = {-2, -5, 0, 0};
        cycles.hold(down);
        assertArrayEquals(new double[] {-2, -5, 0, 0}, down);
    }

    /**
     * Node 0 sells (cost {@code 0.5 x0^2 - 4 x0}), node 1 buys (cost {@code 0.5 x1^2 + 2 x1}), and
     * they may trade both ways at no cost: the optimum is {@code x0 = -x1 = 3} kW (marginal costs
     * {@code -1} on both sides), objective {@code (4.5 - 12) + (4.5 - 6) = -9}, with any flows of
     * net 3 kW from node 0 to node 1. The interior point converges there with both trades bounded.
     */
    @Test
    void theSolverConvergesWithBoundedTradesOnATwoNodeCycle() {
        SeparableQp.Builder b = SeparableQp.builder();
        int there = b.variable(0, Double.POSITIVE_INFINITY, 0, 0);
        int back = b.variable(0, Double.POSITIVE_INFINITY, 0, 0);
        int x0 = b.variable(-10, 10, 1, -4), x1 = b.variable(-10, 10, 1, 2);
        b.row(new int[] {x0, there, back}, new double[] {1, -1, 1}, true, 0, 0);
        b.row(new int[] {x1, there, back}, new double[] {1, 1, -1}, true, 0, 0);
        SeparableQp qp = b.build();
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(qp)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, o.stop, o.detail);
        assertEquals(3, o.u[x0], 1e-6);
        assertEquals(-3, o.u[x1], 1e-6);
        assertEquals(-9, qp.objective(o.u), 1e-6 * 9);
        assertEquals(3, o.u[there] - o.u[back], 1e-6);
        assertTrue(
                o.u[there] >= 0 && o.u[back] >= 0 && o.u[there] + o.u[back] <= 100,
                "trades " + o.u[there] + " and " + o.u[back] + " kW for a net of 3 kW");
    }
}
