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
     * {@link org.gridbazaar.solver.support.FlowForest#of}: the same injections on a forest of arcs.
     */
    public static double[] toForest(double[] flow, int[] tail, int[] head, int nodes) {
        return org.gridbazaar.solver.support.FlowForest.of(flow, tail, head, nodes);
    }
}
