package org.gridbazaar.solver.support;

/**
 * The connected components of a market's trading graph: nodes joined by arcs (trades, whatever
 * their direction), found by union-find with path halving in time about linear in nodes plus arcs.
 * For the rules that hold per component: a component's balance rows sum to its nodes' injections
 * (trades cancel inside it), so what it can supply, withdraw or fix is decided per component.
 */
public final class TradingComponents {

    private TradingComponents() {}

    /**
     * Per node {@code 0 .. nodes - 1}: its component's representative node, the same for every node
     * of a component (a node without arcs is its own). {@code tail[t]} and {@code head[t]} are the
     * nodes of arc {@code t}.
     */
    public static int[] of(int nodes, int[] tail, int[] head) {
        int[] root = new int[nodes];
        for (int k = 0; k < nodes; k++) {
            root[k] = k;
        }
        for (int t = 0; t < tail.length; t++) {
            int u = find(root, tail[t]), v = find(root, head[t]);
            if (u != v) {
                root[u] = v;
            }
        }
        for (int k = 0; k < nodes; k++) {
            root[k] = find(root, k);
        }
        return root;
    }

    private static int find(int[] root, int k) {
        while (root[k] != k) {
            root[k] = root[root[k]];
            k = root[k];
        }
        return k;
    }
}
