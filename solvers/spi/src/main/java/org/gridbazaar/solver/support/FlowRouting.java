package org.gridbazaar.solver.support;

/**
 * Routes non-negative arc flows whose net injections fall in given intervals, by one {@link MaxFlow
 * maximum flow}: an exact feasibility check of a market's bounds and trading pairs (a circulation
 * with bounds), and a way to build a feasible (or strictly feasible, with shifted intervals)
 * starting point.
 *
 * <p>Conventions of {@code org.gridbazaar.formulation}: node {@code k} has net injection {@code x_k
 * = (N f)_k}, the flow on arcs out of {@code k} minus the flow on arcs into {@code k} (kW, positive
 * sells); arc {@code t} runs {@code tail[t] -> head[t]} with {@code f_t >= 0} kW; flows never cross
 * commodities (power, heat), since arcs join nodes of one commodity.
 *
 * <p>Construction: write {@code x_k = lower_k + g_k} with {@code 0 <= g_k <= upper_k - lower_k}
 * drawn from one hub per commodity; a node with {@code lower_k > 0} gets that much from the source,
 * one with {@code lower_k < 0} sends {@code -lower_k} to the sink, and each hub gets {@code -sum
 * lower} of its commodity from the source. The intervals can be met iff the maximum flow saturates
 * the source. Residual capacities at or below {@code 1e-13 * max(1, required)} kW count as
 * saturated, where {@code required} is the source's total supply.
 */
public final class FlowRouting {

    private FlowRouting() {}

    /**
     * Non-negative flows (kW) on the allowed arcs, 0 on the others, whose injections lie in {@code
     * [lower_k - tol, upper_k + tol]}; or {@code null} when none exist, decided to {@code tol}: the
     * maximum flow falls short of the requirement by more than {@code tol}, or the nodes of a
     * commodity, all at their upper ends, still inject more than {@code tol} in total.
     *
     * @param lower lowest net injection per node, kW
     * @param upper highest net injection per node, kW ({@code >= lower} for a feasible market)
     * @param commodity commodity per node ({@code 0} power, {@code 1} heat; any index {@code >= 0})
     * @param tail selling node per arc
     * @param head buying node per arc
     * @param allowed which arcs may carry flow, or {@code null} for all
     * @param tol feasibility tolerance, kW, {@code >= 0}
     * @throws IllegalArgumentException if the arrays' lengths disagree, an index is out of range or
     *     {@code tol < 0}
     */
    public static double[] route(
            double[] lower,
            double[] upper,
            int[] commodity,
            int[] tail,
            int[] head,
            boolean[] allowed,
            double tol) {
        int n = lower.length, m = tail.length;
        check(n, m, upper, commodity, head, allowed, tol);
        int commodities = 1;
        for (int c : commodity) {
            commodities = Math.max(commodities, c + 1);
        }
        double[] hubSupply = new double[commodities];
        double required = 0;
        for (int k = 0; k < n; k++) {
            if (lower[k] > 0) {
                required += lower[k];
            }
            hubSupply[commodity[k]] -= lower[k];
        }
        for (int c = 0; c < commodities; c++) {
            if (hubSupply[c] < -tol) {
                return null; // even every node at its upper end cannot absorb the must-sell
                // injections
            }
            if (hubSupply[c] > 0) {
                required += hubSupply[c];
            }
        }
        int source = n + commodities, sink = source + 1;
        MaxFlow net = new MaxFlow(sink + 1, m + 2 * n + commodities, 1e-13 * Math.max(1, required));
        for (int k = 0; k < n; k++) {
            if (upper[k] - lower[k] > 0) {
                net.addEdge(n + commodity[k], k, upper[k] - lower[k]);
            }
            if (lower[k] > 0) {
                net.addEdge(source, k, lower[k]);
            } else if (lower[k] < 0) {
                net.addEdge(k, sink, -lower[k]);
            }
        }
        for (int c = 0; c < commodities; c++) {
            if (hubSupply[c] > 0) {
                net.addEdge(source, n + c, hubSupply[c]);
            }
        }
        int[] edge = new int[m];
        for (int t = 0; t < m; t++) {
            edge[t] =
                    allowed == null || allowed[t]
                            ? net.addEdge(tail[t], head[t], Double.POSITIVE_INFINITY)
                            : -1;
        }
        double flow = net.maxFlow(source, sink);
        if (flow < required - tol) {
            return null;
        }
        double[] f = new double[m];
        for (int t = 0; t < m; t++) {
            f[t] = edge[t] < 0 ? 0 : net.flow(edge[t]);
        }
        return f;
    }

    private static void check(
            int n,
            int m,
            double[] upper,
            int[] commodity,
            int[] head,
            boolean[] allowed,
            double tol) {
        if (upper.length != n || commodity.length != n) {
            throw new IllegalArgumentException(
                    "lower, upper and commodity need one entry per node: lengths "
                            + n
                            + ", "
                            + upper.length
                            + ", "
                            + commodity.length);
        }
        if (head.length != m || (allowed != null && allowed.length != m)) {
            throw new IllegalArgumentException(
                    "tail, head and allowed need one entry per arc: lengths "
                            + m
                            + ", "
                            + head.length
                            + ", "
                            + (allowed == null ? "null" : allowed.length));
        }
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0 kW, got " + tol);
        }
        for (int k = 0; k < n; k++) {
            if (commodity[k] < 0) {
                throw new IllegalArgumentException(
                        "node " + k + ": commodity " + commodity[k] + " is negative");
            }
        }
    }
}
