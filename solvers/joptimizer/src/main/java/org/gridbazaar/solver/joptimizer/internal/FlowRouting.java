package org.gridbazaar.solver.joptimizer.internal;

import java.util.Arrays;

/**
 * Routes non-negative arc flows whose net injections {@code (N f)_k} (outflow minus inflow, kW)
 * fall in given intervals, by one maximum flow (Dinic's algorithm on doubles).
 *
 * <p>Why: JOptimizer's primal-dual method needs a strictly feasible starting point, and this
 * backend must tell an infeasible market from a numerical failure before calling it. Both are
 * questions about flows with interval injections: write {@code x_k = lower_k + g_k} with
 * {@code 0 <= g_k <= upper_k - lower_k} drawn from one hub per commodity; a node with
 * {@code lower_k > 0} gets that much from the source, one with {@code lower_k < 0} sends
 * {@code -lower_k} to the sink, the hub gets {@code -sum lower} from the source. The intervals can
 * be met iff the maximum flow saturates the source.
 */
public final class FlowRouting {

    private FlowRouting() {
    }

    /**
     * Non-negative flows on the allowed arcs (0 on the others) whose injections lie in
     * {@code [lower_k - tol, upper_k + tol]}, or {@code null} when the maximum flow falls short of
     * the requirement by more than {@code tol} (kW).
     *
     * @param allowed which arcs may carry flow, or {@code null} for all
     */
    public static double[] route(double[] lower, double[] upper, int[] commodity, int[] tail, int[] head,
                                 boolean[] allowed, double tol) {
        int n = lower.length, m = tail.length;
        int commodities = 1;
        for (int c : commodity) {
            commodities = Math.max(commodities, c + 1);
        }
        int source = n + commodities, sink = source + 1;
        Network net = new Network(sink + 1, m + 2 * n + commodities);
        double[] hubSupply = new double[commodities];
        double required = 0;
        for (int k = 0; k < n; k++) {
            if (upper[k] - lower[k] > 0) {
                net.add(n + commodity[k], k, upper[k] - lower[k]);
            }
            if (lower[k] > 0) {
                net.add(source, k, lower[k]);
                required += lower[k];
            } else if (lower[k] < 0) {
                net.add(k, sink, -lower[k]);
            }
            hubSupply[commodity[k]] -= lower[k];
        }
        for (int c = 0; c < commodities; c++) {
            if (hubSupply[c] < -tol) {
                return null; // even every node at its upper end cannot absorb the must-sell injections
            }
            if (hubSupply[c] > 0) {
                net.add(source, n + c, hubSupply[c]);
                required += hubSupply[c];
            }
        }
        int[] edge = new int[m];
        Arrays.fill(edge, -1);
        for (int t = 0; t < m; t++) {
            if (allowed == null || allowed[t]) {
                edge[t] = net.add(tail[t], head[t], Double.POSITIVE_INFINITY);
            }
        }
        double flow = net.maxFlow(source, sink, 1e-13 * Math.max(1, required));
        if (flow < required - tol) {
            return null;
        }
        double[] f = new double[m];
        for (int t = 0; t < m; t++) {
            f[t] = edge[t] < 0 ? 0 : net.flow(edge[t]);
        }
        return f;
    }

    /** A residual network in compressed edge lists; edge {@code e ^ 1} is the reverse of {@code e}. */
    private static final class Network {
        private final int[] first, next, to;
        private final double[] cap;
        private final int[] level, cursor;
        private int edges;

        Network(int vertices, int expectedEdges) {
            first = new int[vertices];
            Arrays.fill(first, -1);
            next = new int[2 * expectedEdges];
            to = new int[2 * expectedEdges];
            cap = new double[2 * expectedEdges];
            level = new int[vertices];
            cursor = new int[vertices];
        }

        int add(int u, int v, double capacity) {
            int e = edges;
            link(u, v, capacity);
            link(v, u, 0);
            return e;
        }

        private void link(int u, int v, double capacity) {
            to[edges] = v;
            cap[edges] = capacity;
            next[edges] = first[u];
            first[u] = edges++;
        }

        /** The flow on forward edge {@code e}: what its reverse edge can send back. */
        double flow(int e) {
            return Math.max(0, cap[e ^ 1]);
        }

        double maxFlow(int s, int t, double eps) {
            double total = 0;
            int[] queue = new int[level.length];
            while (true) {
                Arrays.fill(level, -1);
                level[s] = 0;
                int qh = 0, qt = 0;
                queue[qt++] = s;
                while (qh < qt) {
                    int u = queue[qh++];
                    for (int e = first[u]; e >= 0; e = next[e]) {
                        if (cap[e] > eps && level[to[e]] < 0) {
                            level[to[e]] = level[u] + 1;
                            queue[qt++] = to[e];
                        }
                    }
                }
                if (level[t] < 0) {
                    return total;
                }
                System.arraycopy(first, 0, cursor, 0, first.length);
                double pushed;
                while ((pushed = push(s, t, Double.POSITIVE_INFINITY, eps)) > eps) {
                    total += pushed;
                }
            }
        }

        /** One augmenting path in the level graph (depth-first, with per-vertex cursors). */
        private double push(int u, int t, double limit, double eps) {
            if (u == t) {
                return limit;
            }
            for (; cursor[u] >= 0; cursor[u] = next[cursor[u]]) {
                int e = cursor[u], v = to[e];
                if (cap[e] > eps && level[v] == level[u] + 1) {
                    double got = push(v, t, Math.min(limit, cap[e]), eps);
                    if (got > eps) {
                        cap[e] -= got;
                        cap[e ^ 1] += got;
                        return got;
                    }
                }
            }
            return 0;
        }
    }
}
