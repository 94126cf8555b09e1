package org.gridbazaar.solver.support;

import java.util.Arrays;

/**
 * Dinic's maximum flow on a directed graph with real capacities (kW in this project, though nothing
 * here depends on the unit). Used for exact feasibility checks of a market (a circulation with
 * bounds, see {@link FlowRouting}) and to route flows over a chosen set of arcs, such as a
 * crossover from interior-point flows to the arcs with zero reduced cost.
 *
 * <p>Residual capacities at or below {@code eps} count as saturated: an augmenting path uses only
 * edges with residual capacity above {@code eps}, so every augmentation carries more than {@code
 * eps}. Capacities may be {@link Double#POSITIVE_INFINITY} (an uncapacitated arc). Paths are
 * searched depth-first without recursion, so long paths cannot overflow the stack.
 *
 * <p>A mutable working object: build it with {@link #addEdge}, call {@link #maxFlow} and read
 * {@link #flow}. Not thread-safe; use one instance per computation.
 */
public final class MaxFlow {

    private final int nodes;
    private final double eps;
    private int edges;
    private int[] to, next;
    private double[] cap;
    private final int[] headOf, level, iter, path;

    /**
     * An empty graph on nodes {@code 0 .. nodes-1}.
     *
     * @param nodes number of nodes, {@code >= 1}
     * @param expectedEdges edges expected (a sizing hint; the graph grows past it), {@code >= 0}
     * @param eps residual capacity at or below which an edge counts as saturated, finite and {@code
     *     >= 0}
     * @throws IllegalArgumentException on a value outside those ranges
     */
    public MaxFlow(int nodes, int expectedEdges, double eps) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        }
        if (expectedEdges < 0) {
            throw new IllegalArgumentException("expectedEdges must be >= 0, got " + expectedEdges);
        }
        if (!(eps >= 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
        this.nodes = nodes;
        this.eps = eps;
        int size = Math.max(4, 2 * expectedEdges);
        to = new int[size];
        next = new int[size];
        cap = new double[size];
        headOf = new int[nodes];
        Arrays.fill(headOf, -1);
        level = new int[nodes];
        iter = new int[nodes];
        path = new int[nodes];
    }

    /**
     * Adds an edge {@code u -> v} of capacity {@code capacity} and returns its id, for {@link
     * #flow(int)}.
     *
     * @throws IllegalArgumentException if a node is out of range or the capacity is negative or NaN
     */
    public int addEdge(int u, int v, double capacity) {
        checkNode("u", u);
        checkNode("v", v);
        if (!(capacity >= 0)) {
            throw new IllegalArgumentException(
                    "capacity of edge " + u + " -> " + v + " must be >= 0, got " + capacity);
        }
        if (edges + 2 > to.length) {
            int n = to.length * 2;
            to = Arrays.copyOf(to, n);
            next = Arrays.copyOf(next, n);
            cap = Arrays.copyOf(cap, n);
        }
        int id = edges;
        to[edges] = v;
        cap[edges] = capacity;
        next[edges] = headOf[u];
        headOf[u] = edges++;
        to[edges] = u;
        cap[edges] = 0;
        next[edges] = headOf[v];
        headOf[v] = edges++;
        return id;
    }

    /**
     * The flow on the edge that {@link #addEdge} returned {@code id} for: what its reverse residual
     * edge can send back, {@code >= 0}.
     */
    public double flow(int id) {
        if (id < 0 || id >= edges || (id & 1) != 0) {
            throw new IllegalArgumentException(
                    "no edge with id " + id + "; ids are the values addEdge returned");
        }
        return Math.max(0, cap[id ^ 1]);
    }

    /**
     * Pushes a maximum flow from {@code s} to {@code t} through the current residual graph and
     * returns its value: on a fresh graph, the maximum flow value (to within the augmentations
     * skipped at or below {@code eps}); {@link Double#POSITIVE_INFINITY}, with the graph left as it
     * is, when a path of uncapacitated edges joins {@code s} to {@code t}.
     *
     * @throws IllegalArgumentException if a node is out of range or {@code s == t}
     */
    public double maxFlow(int s, int t) {
        checkNode("s", s);
        checkNode("t", t);
        if (s == t) {
            throw new IllegalArgumentException("source and sink are both node " + s);
        }
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
                if (pushed == Double.POSITIVE_INFINITY) {
                    return pushed; // a path of uncapacitated edges only
                }
                total += pushed;
            }
        }
    }

    /**
     * One augmenting path in the level graph (iterative depth-first search with per-node cursors).
     */
    private double push(int s, int t) {
        int depth = 0;
        int u = s;
        while (true) {
            if (u == t) {
                double f = Double.POSITIVE_INFINITY;
                for (int i = 0; i < depth; i++) {
                    f = Math.min(f, cap[path[i]]);
                }
                if (f == Double.POSITIVE_INFINITY) {
                    return f;
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

    private void checkNode(String role, int k) {
        if (k < 0 || k >= nodes) {
            throw new IllegalArgumentException(
                    role + " = " + k + " is not a node of this graph (0.." + (nodes - 1) + ")");
        }
    }
}
