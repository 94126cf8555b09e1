package org.gridbazaar.solver.joptimizer.internal;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * Node prices {@code y} ($/kW) that satisfy the KKT conditions of a {@link MarketProblem} at a given
 * primal point, for solvers that return no multipliers. Sign convention of
 * {@code org.gridbazaar.formulation}: {@code y_k = a_k x_k + b_k} strictly inside the bounds.
 *
 * <p>At a point {@code (x, f)} the conditions on {@code y} are, with {@code mc_k = a_k x_k + b_k}:
 * <ul>
 *   <li>{@code y_k = mc_k} strictly inside the bounds, {@code y_k <= mc_k} at the lower bound,
 *       {@code y_k >= mc_k} at the upper bound, nothing when both are active;</li>
 *   <li>{@code y_head - y_tail <= w_t} on every arc, with equality when {@code f_t > 0};</li>
 *   <li>for a peer with an active side constraint: {@code y - mc} in the cone of the normals of its
 *       active side constraints and bounds (two dimensions: power and heat).</li>
 * </ul>
 * Without side constraints these are difference constraints, a shortest-path problem: the largest
 * solution is {@code y_k = d(z, k)} and the smallest {@code -d(k, z)} for a zero-price reference
 * {@code z} (Bellman-Ford), and this class returns their midpoint, which is a solution too and the
 * centre of the optimal prices when they are not unique. Every price is also kept within
 * {@code mc_k +- B} for a bound {@code B} far beyond any price of the market, so that a node whose
 * price is unbounded in one direction still gets a finite one. Peers with active side constraints
 * are then placed one at a time: the box of prices the rest of the system allows them is
 * intersected with their cone, and its centre is pinned.
 *
 * <p>A constraint is active when its slack is at most {@code act} kW; an arc carries flow when
 * {@code f_t > act}. The point comes from an iterative solver, so the conditions are met to
 * {@link #SLACK} times the price scale rather than exactly (shortest paths ignore improvements below
 * that). Returns {@code null} when they are inconsistent beyond it: the point is not optimal to
 * that accuracy.
 */
public final class PriceRecovery {

    /** Relative accuracy (of the price scale) to which the recovered prices meet the conditions. */
    public static final double SLACK = 1e-7;

    private final MarketProblem problem;
    private final int n;
    private final double[] mc;
    private final List<double[]> edges = new ArrayList<>(); // {u, v, c}: y_v - y_u <= c; vertex n is z
    private final double slack;

    private PriceRecovery(MarketProblem problem, double slack) {
        this.problem = problem;
        this.n = problem.nodeCount();
        this.mc = new double[n];
        this.slack = slack;
    }

    /**
     * Prices satisfying the KKT conditions at {@code (x, f)}, or {@code null} if none exist.
     *
     * @param act        activity tolerance, kW
     * @param priceScale the problem's price scale, $/kW (sets the noise slack and the bound {@code B})
     */
    public static double[] recover(MarketProblem problem, double[] x, double[] f, double act, double priceScale) {
        PriceRecovery r = new PriceRecovery(problem, SLACK * priceScale);
        return r.run(x, f, act, priceScale);
    }

    private double[] run(double[] x, double[] f, double act, double priceScale) {
        double[] a = problem.quadratic(), b = problem.linear(), lo = problem.lower(), hi = problem.upper(), w = problem.arcCost();
        int[] tail = problem.tail(), head = problem.head();
        int peers = problem.peerCount();
        int[] degree = new int[n];
        for (int t = 0; t < tail.length; t++) {
            degree[tail[t]]++;
            degree[head[t]]++;
        }
        boolean[] sideActive = new boolean[peers];
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            if (problem.sideRhs(s) - dot(problem.sideCoefficients(s), problem.sideNodes(s), x) <= act) {
                sideActive[problem.sidePeer(s)] = true;
            }
        }
        int[] nodePeer = problem.nodePeer();
        double bound = (4 + n) * priceScale;
        for (int k = 0; k < n; k++) {
            mc[k] = a[k] * x[k] + b[k];
            edge(n, k, mc[k] + bound);
            edge(k, n, bound - mc[k]);
            if (sideActive[nodePeer[k]]) {
                continue;
            }
            boolean atLo = x[k] - lo[k] <= act, atHi = hi[k] - x[k] <= act;
            if (degree[k] == 0) {
                // no trades: the marginal cost satisfies every form of the condition
                atLo = false;
                atHi = false;
            }
            if (!atLo || atHi) {
                if (!(atLo && atHi)) {
                    edge(k, n, -mc[k]); // y_k >= mc_k
                }
            }
            if (!atHi || atLo) {
                if (!(atLo && atHi)) {
                    edge(n, k, mc[k]); // y_k <= mc_k
                }
            }
        }
        for (int t = 0; t < tail.length; t++) {
            edge(tail[t], head[t], w[t]);
            if (f[t] > act) {
                edge(head[t], tail[t], -w[t]);
            }
        }
        for (int p = 0; p < peers; p++) {
            if (sideActive[p] && !placeSidePeer(p, x, act, priceScale)) {
                return null;
            }
        }
        double[] upper = fromReference(false), lower = fromReference(true);
        if (upper == null || lower == null) {
            return null;
        }
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = 0.5 * (upper[k] + lower[k]);
        }
        return y;
    }

    /** Pins the prices of a peer with active side constraints to the centre of what is allowed; false if nothing is. */
    private boolean placeSidePeer(int p, double[] x, double act, double priceScale) {
        int[] nodes = problem.nodesOfPeer(p);
        if (nodes.length > 2) {
            return false;
        }
        double[] upper = fromReference(false), lower = fromReference(true);
        if (upper == null || lower == null) {
            return false;
        }
        double[] lo = problem.lower(), hi = problem.upper();
        List<double[]> generators = SideGeometry.activeNormals(problem, p, nodes, x, lo, hi, act);
        Plane.Cone cone = new Plane.Cone(generators);
        double[] apex = new double[2];
        double[] bl = new double[2], bh = new double[2];
        for (int i = 0; i < nodes.length; i++) {
            apex[i] = mc[nodes[i]];
            bl[i] = lower[nodes[i]];
            bh[i] = upper[nodes[i]];
        }
        List<double[]> region = cone.clip(Plane.box(bl[0], bh[0], bl[1], bh[1]), apex, slack);
        if (region.isEmpty()) {
            return false;
        }
        // prefer the part within one price scale of the marginal costs, so that a direction in which
        // the prices are unbounded does not push them to the artificial bound
        List<double[]> near = region;
        for (int i = 0; i < 2; i++) {
            double[] e = {i == 0 ? 1 : 0, i == 1 ? 1 : 0};
            near = Plane.clip(near, e[0], e[1], apex[i] + priceScale, 0);
            near = Plane.clip(near, -e[0], -e[1], -(apex[i] - priceScale), 0);
        }
        double[] c = Plane.centroid(near.isEmpty() ? region : near);
        for (int i = 0; i < nodes.length; i++) {
            edge(n, nodes[i], c[i]);
            edge(nodes[i], n, -c[i]);
        }
        return true;
    }

    /**
     * Shortest distances from the reference ({@code reversed == false}: the largest feasible prices
     * {@code d(z, k)}) or to it ({@code true}: the smallest, {@code -d(k, z)}); {@code null} on a
     * negative cycle (no feasible prices).
     */
    private double[] fromReference(boolean reversed) {
        double[] dist = new double[n + 1];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        dist[n] = 0;
        for (int pass = 0; pass <= n + 1; pass++) {
            boolean changed = false;
            for (double[] e : edges) {
                int u = (int) (reversed ? e[1] : e[0]), v = (int) (reversed ? e[0] : e[1]);
                if (dist[u] + e[2] < dist[v] - slack) {
                    dist[v] = dist[u] + e[2];
                    changed = true;
                }
            }
            if (!changed) {
                double[] y = new double[n];
                for (int k = 0; k < n; k++) {
                    y[k] = reversed ? -dist[k] : dist[k];
                }
                return y;
            }
        }
        return null;
    }

    private void edge(int u, int v, double c) {
        edges.add(new double[] {u, v, c});
    }

    private static double dot(double[] g, int[] nodes, double[] x) {
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            s += g[i] * x[nodes[i]];
        }
        return s;
    }
}
