package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Maximum flows on small graphs whose value is known by a minimum cut. */
class MaxFlowTest {

    private static final double TOL = 1e-9;

    @Test
    void textbookNetworkCarriesItsMinimumCut() {
        // the example network of Cormen et al., Introduction to Algorithms, ch. 26: maximum flow
        // 23,
        // minimum cut {s, v1, v2, v4} | {v3, t} with arcs v1->v3 (12), v4->v3 (7), v4->t (4)
        int s = 0, t = 5;
        int[][] arcs = {
            {0, 1, 16},
            {0, 2, 13},
            {1, 2, 10},
            {2, 1, 4},
            {1, 3, 12},
            {3, 2, 9},
            {2, 4, 14},
            {4, 3, 7},
            {3, 5, 20},
            {4, 5, 4}
        };
        MaxFlow mf = new MaxFlow(6, arcs.length, 0);
        int[] id = new int[arcs.length];
        for (int e = 0; e < arcs.length; e++) {
            id[e] = mf.addEdge(arcs[e][0], arcs[e][1], arcs[e][2]);
        }
        assertEquals(23, mf.maxFlow(s, t), TOL);
        double[] net = new double[6];
        for (int e = 0; e < arcs.length; e++) {
            double f = mf.flow(id[e]);
            assertTrue(
                    f >= 0 && f <= arcs[e][2] + TOL,
                    "flow " + f + " on arc " + e + " within its capacity");
            net[arcs[e][0]] += f;
            net[arcs[e][1]] -= f;
        }
        assertEquals(23, net[s], TOL, "the source sends the flow value");
        assertEquals(-23, net[t], TOL, "the sink receives it");
        for (int k = 1; k < 5; k++) {
            assertEquals(0, net[k], TOL, "conservation at node " + k);
        }
        assertEquals(12, mf.flow(id[4]), TOL, "v1 -> v3 saturated (in the minimum cut)");
        assertEquals(7, mf.flow(id[7]), TOL, "v4 -> v3 saturated");
        assertEquals(4, mf.flow(id[9]), TOL, "v4 -> t saturated");
    }

    @Test
    void disconnectedSinkGetsNothingAndASecondCallAddsNothing() {
        MaxFlow mf = new MaxFlow(4, 2, 0);
        mf.addEdge(0, 1, 5);
        mf.addEdge(2, 3, 5);
        assertEquals(0, mf.maxFlow(0, 3), 0);
        MaxFlow chain = new MaxFlow(3, 2, 0);
        chain.addEdge(0, 1, 5);
        chain.addEdge(1, 2, 3);
        assertEquals(3, chain.maxFlow(0, 2), TOL);
        assertEquals(0, chain.maxFlow(0, 2), TOL, "the residual graph has no augmenting path left");
    }

    @Test
    void uncapacitatedMiddleArcsAreLimitedBySupplyAndDemand() {
        // source -> two sellers (30, 50 kW), uncapacitated trades, two buyers -> sink (60, 10 kW)
        MaxFlow mf = new MaxFlow(6, 8, 0);
        mf.addEdge(0, 1, 30);
        mf.addEdge(0, 2, 50);
        int[] trade = {
            mf.addEdge(1, 3, Double.POSITIVE_INFINITY),
            mf.addEdge(1, 4, Double.POSITIVE_INFINITY),
            mf.addEdge(2, 3, Double.POSITIVE_INFINITY)
        };
        mf.addEdge(3, 5, 60);
        mf.addEdge(4, 5, 10);
        assertEquals(70, mf.maxFlow(0, 5), TOL);
        assertEquals(60, mf.flow(trade[0]) + mf.flow(trade[2]), TOL, "buyer 3 is served in full");
        assertEquals(10, mf.flow(trade[1]), TOL, "buyer 4 only from seller 1");
        assertEquals(Double.POSITIVE_INFINITY, uncapacitatedPath().maxFlow(0, 2));
    }

    private static MaxFlow uncapacitatedPath() {
        MaxFlow mf = new MaxFlow(3, 2, 0);
        mf.addEdge(0, 1, Double.POSITIVE_INFINITY);
        mf.addEdge(1, 2, Double.POSITIVE_INFINITY);
        return mf;
    }

    @Test
    void capacitiesAtOrBelowEpsCountAsSaturated() {
        MaxFlow mf = new MaxFlow(3, 3, 1e-6);
        mf.addEdge(0, 2, 1e-7);
        mf.addEdge(0, 1, 2);
        mf.addEdge(1, 2, 2);
        assertEquals(2, mf.maxFlow(0, 2), TOL, "the 1e-7 edge is below eps and not used");
    }

    @Test
    void longPathNeedsNoDeepRecursionAndGraphGrowsPastItsHint() {
        int n = 100_000;
        MaxFlow mf = new MaxFlow(n, 0, 0);
        int first = mf.addEdge(0, 1, 7);
        for (int k = 1; k + 1 < n; k++) {
            mf.addEdge(k, k + 1, 5 + (k % 3));
        }
        assertEquals(5, mf.maxFlow(0, n - 1), TOL);
        assertEquals(5, mf.flow(first), TOL);
    }

    @Test
    void rejectsWhatIsNotAGraph() {
        assertThrows(IllegalArgumentException.class, () -> new MaxFlow(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MaxFlow(2, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new MaxFlow(2, 1, Double.NaN));
        MaxFlow mf = new MaxFlow(2, 1, 0);
        assertThrows(
                IllegalArgumentException.class, () -> mf.addEdge(0, 2, 1), "node 2 does not exist");
        assertThrows(
                IllegalArgumentException.class, () -> mf.addEdge(0, 1, -1), "negative capacity");
        assertThrows(IllegalArgumentException.class, () -> mf.addEdge(0, 1, Double.NaN));
        int e = mf.addEdge(0, 1, 1);
        assertThrows(
                IllegalArgumentException.class, () -> mf.flow(e + 1), "a reverse edge has no id");
        assertThrows(IllegalArgumentException.class, () -> mf.maxFlow(1, 1));
    }
}
