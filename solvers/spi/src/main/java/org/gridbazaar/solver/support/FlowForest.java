package org.gridbazaar.solver.support;

/**
 * Makes a flow sparse without changing what it does at the nodes: the cycles of its support are
 * cancelled until at most {@code nodes - 1} arcs carry flow. Conventions of {@code
 * org.gridbazaar.formulation}: arc {@code t} runs {@code tail[t] -> head[t]} with a non-negative
 * flow in kW, and a node's net injection is what leaves it minus what enters it. Shared by the
 * solvers that return a forest of trades (the interior point's crossover, the distributed solvers'
 * certified points).
 */
public final class FlowForest {

    private FlowForest() {}

    /**
     * Cancels cycles in the support of a flow until it is a forest (at most {@code nodes - 1}
     * positive arcs), keeping every node's net injection. Cost-neutral when every arc of the
     * support has zero reduced cost, as at an optimum whose trades all have zero reduced cost:
     * around any cycle the arc costs telescope to differences of node prices, which sum to zero.
     * Each positive arc in turn joins the forest, or closes a cycle with its forest path; flow is
     * then shifted around the cycle until the arc or a forest arc against the cycle's direction
     * empties.
     */
    public static double[] of(double[] flow, int[] tail, int[] head, int nodes) {
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
