package org.gridbazaar.solver.support;

import org.gridbazaar.formulation.MarketProblem;

/**
 * Optimality measures of a point {@code (x, f)} (kW) and node prices {@code y} ($/kW) of a {@link
 * MarketProblem}, computed from the point and prices alone, for backends whose own residuals are in
 * other units or not exposed. Sign convention of {@code org.gridbazaar.formulation}: {@code y_k =
 * a_k x_k + b_k} strictly inside the bounds; an arc's reduced cost is {@code w_t + y_tail -
 * y_head}, non-negative at an optimum and zero on arcs that carry flow. Coupling constraints (hard
 * line limits) are not measured: backends using these measures decline problems that have them.
 */
public final class KktResiduals {

    private KktResiduals() {}

    /**
     * The primal residual, kW: the largest of {@code |x_k - (N f)_k|}, the bound violations {@code
     * lo_k - x_k} and {@code x_k - hi_k}, {@code -f_t}, and the side-constraint violations {@code
     * g_r . x - h_r}; 0 at a feasible point.
     */
    public static double primal(MarketProblem problem, double[] x, double[] f) {
        double[] nf = problem.injections(f), lo = problem.lower(), hi = problem.upper();
        double r = 0;
        for (int k = 0; k < x.length; k++) {
            r = Math.max(r, Math.max(Math.abs(x[k] - nf[k]), Math.max(lo[k] - x[k], x[k] - hi[k])));
        }
        for (double ft : f) {
            r = Math.max(r, -ft);
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            r =
                    Math.max(
                            r,
                            sideLhs(problem.sideCoefficients(s), problem.sideNodes(s), x)
                                    - problem.sideRhs(s));
        }
        return r;
    }

    /**
     * The dual residual, $/kW: the largest violation of the stationarity and sign conditions by
     * {@code y}. Per node, with {@code g = a_k x_k + b_k - y_k}: {@code |g|} strictly inside the
     * bounds, {@code -g} at the lower bound ({@code y_k <= mc_k} is required), {@code g} at the
     * upper bound, 0 when both are active. Per arc, {@code -rc} for a negative reduced cost and
     * {@code |rc|} on an arc carrying more than {@code activity} kW. A bound is active when {@code
     * x_k - lo_k <= activity} (resp. {@code hi_k - x_k}).
     *
     * <p>Peers with side constraints: with a {@link SidePeerPrices}, each such peer contributes
     * {@link SidePeerPrices#residual}; without one, the nodes that appear in a side constraint are
     * not measured (the peer's other nodes are). {@code ojalgo-qp} measures without one, with
     * {@code activity = 1e-7 * injectionScale}; {@code joptimizer} with its CHP cone and its own
     * activity tolerance.
     *
     * @param activity slack up to which a bound counts as active and below which an arc carries no
     *     flow, kW
     * @param sidePeers measures peers with side constraints, or {@code null} to skip their
     *     constrained nodes
     */
    public static double dual(
            MarketProblem problem,
            double[] x,
            double[] f,
            double[] y,
            double activity,
            SidePeerPrices sidePeers) {
        double[] a = problem.quadratic(),
                b = problem.linear(),
                lo = problem.lower(),
                hi = problem.upper();
        double[] w = problem.arcCost();
        int[] tail = problem.tail(), head = problem.head();
        boolean[] sidedPeer = sidedPeers(problem), sidedNode = sidedNodes(problem);
        double r = 0;
        for (int q = 0; q < problem.peerCount(); q++) {
            int[] nodes = problem.nodesOfPeer(q);
            if (sidedPeer[q] && sidePeers != null) {
                double peer = sidePeers.residual(problem, q, nodes, x, y);
                if (peer == Double.POSITIVE_INFINITY) {
                    return peer; // not measurable
                }
                r = Math.max(r, peer);
                continue;
            }
            for (int k : nodes) {
                if (sidedNode[k]) {
                    continue;
                }
                double g = a[k] * x[k] + b[k] - y[k];
                boolean atLo = x[k] - lo[k] <= activity, atHi = hi[k] - x[k] <= activity;
                r = Math.max(r, atLo && atHi ? 0 : atLo ? -g : atHi ? g : Math.abs(g));
            }
        }
        for (int t = 0; t < f.length; t++) {
            double rc = w[t] + y[tail[t]] - y[head[t]];
            r = Math.max(r, f[t] > activity ? Math.abs(rc) : -rc);
        }
        return r;
    }

    /**
     * The duality gap, $: the objective at {@code (x, f)} minus the Lagrangian dual function at
     * {@code y}, {@code sum_k min over [lo_k, hi_k] of (0.5 a_k s^2 + (b_k - y_k) s + c_k)} (the
     * arc terms vanish when every reduced cost is non-negative, which {@link #dual} measures).
     * {@code NaN} for problems with side constraints, whose per-peer minimum this does not compute.
     */
    public static double dualityGap(MarketProblem problem, double[] x, double[] f, double[] y) {
        if (problem.sideConstraintCount() > 0) {
            return Double.NaN;
        }
        double[] a = problem.quadratic(),
                b = problem.linear(),
                c = problem.constant(),
                lo = problem.lower(),
                hi = problem.upper();
        double dual = 0;
        for (int k = 0; k < a.length; k++) {
            double slope = b[k] - y[k];
            double s;
            if (a[k] > 0) {
                s = Math.max(lo[k], Math.min(hi[k], -slope / a[k]));
            } else {
                s = slope > 0 ? lo[k] : hi[k];
            }
            dual += 0.5 * a[k] * s * s + slope * s + c[k];
        }
        return problem.objective(x, f) - dual;
    }

    /** {@code sum_i g_i x_{nodes_i}}: the left-hand side of a side or coupling constraint, kW. */
    public static double sideLhs(double[] g, int[] nodes, double[] x) {
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            s += g[i] * x[nodes[i]];
        }
        return s;
    }

    /** Which peers have side constraints (a CHP region). */
    static boolean[] sidedPeers(MarketProblem problem) {
        boolean[] sided = new boolean[problem.peerCount()];
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            sided[problem.sidePeer(s)] = true;
        }
        return sided;
    }

    /** Which nodes appear in side constraints. */
    static boolean[] sidedNodes(MarketProblem problem) {
        boolean[] sided = new boolean[problem.nodeCount()];
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            for (int k : problem.sideNodes(s)) {
                sided[k] = true;
            }
        }
        return sided;
    }
}
