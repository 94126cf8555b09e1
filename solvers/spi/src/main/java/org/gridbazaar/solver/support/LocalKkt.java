package org.gridbazaar.solver.support;

import org.gridbazaar.formulation.MarketProblem;

/**
 * KKT residuals of a point {@code (x, f)} and prices {@code y} of a {@link MarketProblem}, each
 * measured on the scale of the node, arc or row it belongs to rather than on the largest bound of
 * the market. Why: a market with one 1e15 kW bound, or with quantities of 1e-3 kW, makes a single
 * scale either so loose that a point 70 kW from the optimum passes (every bound within 1e-7 of 1e8
 * kW counts as active) or meaningless; per-node scales keep the check honest on both.
 *
 * <p>Scales, from the point itself and the problem's data:
 *
 * <ul>
 *   <li>node quantity scale {@code s_k = max(|x_k|, min(hi_k - lo_k, V_c))} (kW), with {@code V_c}
 *       the volume traded in the node's commodity at the point ({@code sum max(0, x)}), floored at
 *       the smallest positive such scale of the market: what the node could move, capped by what
 *       the market actually trades (a 1e15 kW bound that never binds does not count);
 *   <li>node price scale {@code p_k} ($/kW): the largest of {@code |b_k|}, {@code a_k s_k}, {@code
 *       |a_k x_k + b_k|} and, over the node's arcs, {@code |w_t|} and the same own terms of its
 *       partners; 1 when all are zero;
 *   <li>arc scales: the smaller quantity scale and the larger price scale of its two ends; a side
 *       constraint row: {@code sum_i |g_i| s_i}.
 * </ul>
 *
 * A bound is active when the node is within {@code activity * s_k} of it, an arc carries flow when
 * it is above {@code activity} times its quantity scale. The residuals are the largest ratios
 * residual / scale: dimensionless, comparable with a relative tolerance. Semantics of each residual
 * as in {@link KktResiduals}. The generic backends ({@code ojalgo-qp}, {@code joptimizer}) accept a
 * point as optimal only when these pass.
 */
public final class LocalKkt {

    private final MarketProblem problem;
    private final double[] x, f;
    private final double[] quantity, price;
    private final double activity;

    /**
     * Scales of the point {@code (x, f)} (kW) of {@code problem}.
     *
     * @param activity relative slack (of each node's quantity scale) up to which a bound is active
     */
    public LocalKkt(MarketProblem problem, double[] x, double[] f, double activity) {
        this.problem = problem;
        this.x = x;
        this.f = f;
        this.activity = activity;
        int n = problem.nodeCount();
        double[] lo = problem.lower(),
                hi = problem.upper(),
                a = problem.quadratic(),
                b = problem.linear();
        int[] commodity = problem.nodeCommodity();
        double[] volume = new double[2];
        for (int k = 0; k < n; k++) {
            volume[commodity[k]] += Math.max(0, x[k]);
        }
        quantity = new double[n];
        double floor = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            quantity[k] = Math.max(Math.abs(x[k]), Math.min(hi[k] - lo[k], volume[commodity[k]]));
            if (quantity[k] > 0) {
                floor = Math.min(floor, quantity[k]);
            }
        }
        if (floor == Double.POSITIVE_INFINITY) {
            floor = 1;
        }
        double[] own = new double[n];
        for (int k = 0; k < n; k++) {
            quantity[k] = Math.max(quantity[k], floor);
            own[k] =
                    Math.max(
                            Math.max(Math.abs(b[k]), a[k] * quantity[k]),
                            Math.abs(a[k] * x[k] + b[k]));
        }
        price = own.clone();
        int[] tail = problem.tail(), head = problem.head();
        double[] w = problem.arcCost();
        for (int t = 0; t < tail.length; t++) {
            double s = Math.max(Math.abs(w[t]), Math.max(own[tail[t]], own[head[t]]));
            price[tail[t]] = Math.max(price[tail[t]], s);
            price[head[t]] = Math.max(price[head[t]], s);
        }
        for (int k = 0; k < n; k++) {
            if (!(price[k] > 0)) {
                price[k] = 1;
            }
        }
    }

    /** Quantity scale of node {@code k}, kW. */
    public double quantityScale(int k) {
        return quantity[k];
    }

    /** Price scale of node {@code k}, $/kW. */
    public double priceScale(int k) {
        return price[k];
    }

    /** Largest relative primal residual: balance, bounds, negative flows and side constraints. */
    public double primal() {
        double[] nf = problem.injections(f), lo = problem.lower(), hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head();
        double r = 0;
        for (int k = 0; k < x.length; k++) {
            double v = Math.max(Math.abs(x[k] - nf[k]), Math.max(lo[k] - x[k], x[k] - hi[k]));
            r = Math.max(r, v / quantity[k]);
        }
        for (int t = 0; t < f.length; t++) {
            r = Math.max(r, -f[t] / Math.min(quantity[tail[t]], quantity[head[t]]));
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            int[] nodes = problem.sideNodes(s);
            double[] g = problem.sideCoefficients(s);
            double lhs = 0, scale = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
                scale += Math.abs(g[i]) * quantity[nodes[i]];
            }
            r = Math.max(r, (lhs - problem.sideRhs(s)) / scale);
        }
        return r;
    }

    /**
     * Largest relative dual residual of prices {@code y}: stationarity and sign conditions per
     * node, reduced costs per arc. Peers with side constraints are measured by {@code sidePeers}
     * (its residual relative to the largest price scale of the peer's nodes) or, when it is {@code
     * null}, their constrained nodes are not measured.
     */
    public double dual(double[] y, SidePeerPrices sidePeers) {
        double[] a = problem.quadratic(),
                b = problem.linear(),
                lo = problem.lower(),
                hi = problem.upper();
        double[] w = problem.arcCost();
        int[] tail = problem.tail(), head = problem.head();
        boolean[] sidedPeer = KktResiduals.sidedPeers(problem),
                sidedNode = KktResiduals.sidedNodes(problem);
        double r = 0;
        for (int q = 0; q < problem.peerCount(); q++) {
            int[] nodes = problem.nodesOfPeer(q);
            if (sidedPeer[q] && sidePeers != null) {
                double peer = sidePeers.residual(problem, q, nodes, x, y);
                if (peer == Double.POSITIVE_INFINITY) {
                    return peer;
                }
                double scale = 0;
                for (int k : nodes) {
                    scale = Math.max(scale, price[k]);
                }
                r = Math.max(r, peer / scale);
                continue;
            }
            for (int k : nodes) {
                if (sidedNode[k]) {
                    continue;
                }
                double g = a[k] * x[k] + b[k] - y[k];
                double act = activity * quantity[k];
                boolean atLo = x[k] - lo[k] <= act, atHi = hi[k] - x[k] <= act;
                double v = atLo && atHi ? 0 : atLo ? -g : atHi ? g : Math.abs(g);
                r = Math.max(r, v / price[k]);
            }
        }
        for (int t = 0; t < f.length; t++) {
            double rc = w[t] + y[tail[t]] - y[head[t]];
            double flowScale = Math.min(quantity[tail[t]], quantity[head[t]]);
            double v = f[t] > activity * flowScale ? Math.abs(rc) : -rc;
            r = Math.max(r, v / Math.max(price[tail[t]], price[head[t]]));
        }
        return r;
    }
}
