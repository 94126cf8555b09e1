package org.gridbazaar.solver.structured.internal;

import org.gridbazaar.solver.support.MaxFlow;

/** Exact combinatorial checks on a market's flow structure, both by maximum flow. */
public final class FlowChecks {

    private FlowChecks() {}

    /**
     * Whether injections {@code lo <= x <= hi} and non-negative arc flows with {@code x = N f}
     * exist (side constraints ignored), decided as a circulation with bounds: node {@code k}
     * injects {@code lo_k} plus a share {@code g_k in [0, hi_k - lo_k]} drawn from a hub per
     * commodity; feasible iff the maximum flow saturates every supply.
     */
    public static boolean feasible(
            int n,
            int[] commodity,
            double[] lo,
            double[] hi,
            int[] tail,
            int[] head,
            double relTol) {
        return unmatched(n, commodity, lo, hi, tail, head, relTol) == null;
    }

    /**
     * {@code null} when {@link #feasible} holds; otherwise the nodes whose least injection or
     * withdrawal the maximum flow could not match (one witness of infeasibility: a node that must
     * sell {@code lo > 0} and found no room to sell it, or must buy {@code -lo} and found no one to
     * buy from), each with the kW left unmatched, in node order. Empty when the imbalance is a
     * commodity's alone (every node could trade, but the total least injections do not balance).
     */
    public static java.util.List<double[]> unmatched(
            int n,
            int[] commodity,
            double[] lo,
            double[] hi,
            int[] tail,
            int[] head,
            double relTol) {
        boolean zeroFeasible = true;
        for (int k = 0; k < n && zeroFeasible; k++) {
            zeroFeasible = lo[k] <= 0 && hi[k] >= 0;
        }
        if (zeroFeasible) {
            // no trade at all satisfies every bound
            return null;
        }
        int hubs = 2;
        int s = n + hubs, t = s + 1;
        MaxFlow mf = new MaxFlow(n + hubs + 2, tail.length + 3 * n + hubs, 0);
        double[] hubSupply = new double[hubs];
        int[] forced = new int[n];
        double supply = 0, scale = 1;
        for (int k = 0; k < n; k++) {
            scale = Math.max(scale, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
            if (hi[k] > lo[k]) {
                mf.addEdge(n + commodity[k], k, hi[k] - lo[k]);
            }
            if (lo[k] > 0) {
                forced[k] = mf.addEdge(s, k, lo[k]);
                supply += lo[k];
            } else if (lo[k] < 0) {
                forced[k] = mf.addEdge(k, t, -lo[k]);
            }
            hubSupply[commodity[k]] -= lo[k];
        }
        double tol = relTol * scale * Math.max(1, Math.sqrt(n));
        for (int c = 0; c < hubs; c++) {
            if (hubSupply[c] < -tol) {
                return new java.util.ArrayList<>();
            }
            if (hubSupply[c] > 0) {
                mf.addEdge(s, n + c, hubSupply[c]);
                supply += hubSupply[c];
            }
        }
        for (int a = 0; a < tail.length; a++) {
            mf.addEdge(tail[a], head[a], Double.POSITIVE_INFINITY);
        }
        double flow = mf.maxFlow(s, t);
        if (flow >= supply - tol) {
            return null;
        }
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (lo[k] != 0) {
                double left = Math.abs(lo[k]) - mf.flow(forced[k]);
                if (left > tol) {
                    out.add(new double[] {k, lo[k] > 0 ? left : -left});
                }
            }
        }
        return out;
    }

    /**
     * A flow on the given arcs only that realises injections {@code x} (as far as possible), or
     * {@code null} when it falls short of {@code x} by more than {@code tol}. Used as a crossover:
     * any such flow on arcs with zero reduced cost is optimal and usually far sparser than the
     * interior-point flow.
     */
    public static double[] realise(
            double[] x, int[] tail, int[] head, boolean[] allowed, double tol) {
        int n = x.length;
        int s = n, t = n + 1;
        MaxFlow mf = new MaxFlow(n + 2, tail.length + n, 0);
        double supply = 0, demand = 0;
        for (int k = 0; k < n; k++) {
            if (x[k] > 0) {
                mf.addEdge(s, k, x[k]);
                supply += x[k];
            } else if (x[k] < 0) {
                mf.addEdge(k, t, -x[k]);
                demand -= x[k];
            }
        }
        int[] id = new int[tail.length];
        for (int a = 0; a < tail.length; a++) {
            id[a] = allowed[a] ? mf.addEdge(tail[a], head[a], Double.POSITIVE_INFINITY) : -1;
        }
        double flow = mf.maxFlow(s, t);
        if (flow < Math.max(supply, demand) - tol) {
            return null;
        }
        double[] f = new double[tail.length];
        for (int a = 0; a < tail.length; a++) {
            f[a] = id[a] >= 0 ? mf.flow(id[a]) : 0;
        }
        return f;
    }

    /**
     * Cancels cycles in the support of a flow until it is a forest (at most {@code nodes - 1}
     * positive arcs), keeping every node's net injection. Cost-neutral when every arc of the
     * support has zero reduced cost, as after {@link #realise}: around any cycle the arc costs
     * telescope to differences of node prices, which sum to zero. Each positive arc in turn joins
     * the forest, or closes a cycle with its forest path; flow is then shifted around the cycle
     * until the arc or a forest arc against the cycle's direction empties.
     */
    public static double[] toForest(double[] flow, int[] tail, int[] head, int nodes) {
        double[] f = flow.clone();
        int m = f.length;
        java.util.List<java.util.List<Integer>> adj = new java.util.ArrayList<>(nodes);
        for (int k = 0; k < nodes; k++) {
            adj.add(new java.util.ArrayList<>());
        }
        boolean[] inForest = new boolean[m];
        int[] parentArc = new int[nodes];
        int[] parentNode = new int[nodes];
        int[] stamp = new int[nodes];
        int[] queue = new int[nodes];
        int round = 0;
        // union-find over the forest's arcs ever added: removals only split trees, so nodes in
        // different sets are certainly in different trees and need no search
        int[] set = new int[nodes];
        for (int k = 0; k < nodes; k++) {
            set[k] = k;
        }
        for (int a = 0; a < m; a++) {
            if (f[a] <= 0) {
                f[a] = 0;
                continue;
            }
            int u = tail[a], v = head[a];
            int su = find(set, u), sv = find(set, v);
            if (su != sv) {
                set[su] = sv;
                inForest[a] = true;
                adj.get(u).add(a);
                adj.get(v).add(a);
                continue;
            }
            // breadth-first search in the forest from u looking for v
            round++;
            int qh = 0, qt = 0;
            queue[qt++] = u;
            stamp[u] = round;
            parentArc[u] = -1;
            boolean found = false;
            while (qh < qt && !found) {
                int x = queue[qh++];
                for (int e : adj.get(x)) {
                    int y = tail[e] == x ? head[e] : tail[e];
                    if (stamp[y] != round) {
                        stamp[y] = round;
                        parentArc[y] = e;
                        parentNode[y] = x;
                        if (y == v) {
                            found = true;
                            break;
                        }
                        queue[qt++] = y;
                    }
                }
            }
            if (!found) {
                // u and v were split by a removal: joining them again keeps a forest
                inForest[a] = true;
                adj.get(u).add(a);
                adj.get(v).add(a);
                continue;
            }
            // cycle: decrease a (u -> v) by delta and route delta from u to v along the forest
            // path;
            // path arcs traversed tail -> head gain delta, the others lose it
            double delta = f[a];
            for (int y = v; y != u; y = parentNode[y]) {
                int e = parentArc[y];
                boolean forward = tail[e] == parentNode[y];
                if (!forward) {
                    delta = Math.min(delta, f[e]);
                }
            }
            f[a] -= delta;
            int emptied = -1;
            for (int y = v; y != u; y = parentNode[y]) {
                int e = parentArc[y];
                boolean forward = tail[e] == parentNode[y];
                f[e] += forward ? delta : -delta;
                if (!forward && f[e] <= 0 && emptied < 0) {
                    emptied = e;
                }
            }
            if (f[a] > 0 && emptied >= 0) {
                f[emptied] = 0;
                inForest[emptied] = false;
                adj.get(tail[emptied]).remove(Integer.valueOf(emptied));
                adj.get(head[emptied]).remove(Integer.valueOf(emptied));
                inForest[a] = true;
                adj.get(u).add(a);
                adj.get(v).add(a);
            } else {
                f[a] = 0;
            }
            for (int y = v; y != u; y = parentNode[y]) {
                int e = parentArc[y];
                if (f[e] < 0) {
                    f[e] = 0;
                }
            }
        }
        return f;
    }

    private static int find(int[] set, int k) {
        while (set[k] != k) {
            set[k] = set[set[k]];
            k = set[k];
        }
        return k;
    }
}
