package org.gridbazaar.solver.structured.internal;

import java.util.Arrays;

/**
 * Dinic's maximum flow on a graph with real capacities. Capacities below {@code eps} count as
 * saturated. Used for the exact feasibility check of a market (a circulation with bounds) and for
 * the crossover from interior-point flows to a sparse flow on the optimal arcs.
 */
public final class MaxFlow {

    private final int nodes;
    private int edges;
    private int[] to, next, headOf;
    private double[] cap;
    private int[] level, iter, path;
    private final double eps;

    /** A graph of {@code nodes} nodes with room for {@code expectedEdges} edges; residual capacities below {@code eps} are zero. */
    public MaxFlow(int nodes, int expectedEdges, double eps) {
        this.nodes = nodes;
        this.eps = eps;
        int cap0 = Math.max(4, 2 * expectedEdges);
        to = new int[cap0];
        next = new int[cap0];
        cap = new double[cap0];
        headOf = new int[nodes];
        Arrays.fill(headOf, -1);
        level = new int[nodes];
        iter = new int[nodes];
        path = new int[nodes];
    }

    /** Adds an edge {@code u -> v} of capacity {@code c} and returns its id (for {@link #flow(int)}). */
    public int addEdge(int u, int v, double c) {
        if (edges + 2 > to.length) {
            int n = to.length * 2;
            to = Arrays.copyOf(to, n);
            next = Arrays.copyOf(next, n);
            cap = Arrays.copyOf(cap, n);
        }
        int id = edges;
        to[edges] = v;
        cap[edges] = c;
        next[edges] = headOf[u];
        headOf[u] = edges++;
        to[edges] = u;
        cap[edges] = 0;
        next[edges] = headOf[v];
        headOf[v] = edges++;
        return id;
    }

    /** The flow on edge {@code id} (the capacity of its reverse residual edge). */
    public double flow(int id) {
        return cap[id ^ 1];
    }

    /** The maximum flow value from {@code s} to {@code t}. */
    public double maxFlow(int s, int t) {
        double total = 0;
        int[] queue = new int[nodes];
        while (true) {
            Arrays.fill(level, -1);
            level[s] = 0;
            int qh = 0, qt = 0;
            queue[qt++] = s;
            while (qh < qt) {
                int u = queue[qh++];
                for (int e = headOf[u]; e >= 0; e = next[e]) {
                    if (cap[e] > eps && level[to[e]] < 0) {
                        level[to[e]] = level[u] + 1;
                        queue[qt++] = to[e];
                    }
                }
            }
            if (level[t] < 0) {
                return total;
            }
            System.arraycopy(headOf, 0, iter, 0, nodes);
            double pushed;
            while ((pushed = push(s, t)) > eps) {
                total += pushed;
            }
        }
    }

    /** One augmenting path in the level graph (iterative DFS to avoid deep recursion). */
    private double push(int s, int t) {
        int depth = 0;
        int u = s;
        while (true) {
            if (u == t) {
                double f = Double.POSITIVE_INFINITY;
                for (int i = 0; i < depth; i++) {
                    f = Math.min(f, cap[path[i]]);
                }
                for (int i = 0; i < depth; i++) {
                    cap[path[i]] -= f;
                    cap[path[i] ^ 1] += f;
                }
                return f;
            }
            boolean advanced = false;
            for (int e = iter[u]; e >= 0; e = next[e]) {
                iter[u] = e;
                int v = to[e];
                if (cap[e] > eps && level[v] == level[u] + 1) {
                    path[depth++] = e;
                    u = v;
                    advanced = true;
                    break;
                }
            }
            if (!advanced) {
                iter[u] = -1;
                level[u] = -1; // dead end
                if (depth == 0) {
                    return 0;
                }
                int e = path[--depth];
                u = to[e ^ 1];
                iter[u] = next[iter[u]];
            }
        }
    }
}
