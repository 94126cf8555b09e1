package org.gridbazaar.solver.support;

import java.util.Arrays;
import org.gridbazaar.formulation.MarketProblem;

/**
 * Node prices {@code y} ($/kW) that satisfy the KKT conditions of a {@link MarketProblem} at a
 * given primal point, for a backend that returns no multipliers (or untrustworthy ones). Sign
 * convention of {@code org.gridbazaar.formulation}: {@code y_k = a_k x_k + b_k} strictly inside the
 * bounds, and a trade's price is {@code y_tail + sellerCost = y_head - buyerCost}.
 *
 * <p>At a point {@code (x, f)} (kW) the conditions on {@code y} are, with {@code mc_k = a_k x_k +
 * b_k}:
 *
 * <ul>
 *   <li>{@code y_k = mc_k} strictly inside the bounds, {@code y_k <= mc_k} at the lower bound,
 *       {@code y_k >= mc_k} at the upper bound, nothing when both are active;
 *   <li>{@code y_head - y_tail <= w_t} on every arc, with equality when {@code f_t > activity};
 *   <li>for a peer with an active side constraint: see {@link SidePeerPrices}.
 * </ul>
 *
 * A constraint is active when its slack is at most {@code activity} kW. Without side constraints
 * these are difference constraints {@code y_v - y_u <= c} between the prices and a zero-price
 * reference {@code z}, solved by Bellman-Ford shortest paths. The point comes from an iterative
 * solver, so the conditions are met to {@code slack} ($/kW) rather than exactly: relaxations that
 * improve a distance by {@code slack} or less are skipped. {@link #recover} returns {@code null}
 * when the conditions are inconsistent beyond that (a negative cycle): the point is not optimal to
 * that accuracy.
 *
 * <p>Two choices among the prices that satisfy the conditions (they are not unique when a node sits
 * at a bound or trades nothing):
 *
 * <ul>
 *   <li>{@link #anyPrices}: shortest distances {@code d} from a virtual source joined to every
 *       vertex by a zero-weight edge, relative to the reference, {@code y_k = d_k - d_z}. One
 *       solution, the cheapest to compute. Used by {@code ojalgo-qp} when ojAlgo's own multipliers
 *       miss stationarity.
 *   <li>{@link #centredPrices}: the midpoint of the largest solution {@code d(z, k)} and the
 *       smallest {@code -d(k, z)}, the centre of the optimal prices where they form an interval.
 *       Every price is also kept within {@code mc_k +- (4 + n) * priceScale}, a bound far beyond
 *       any price of the market, so that a price unbounded in one direction still gets a finite
 *       centre; a node without arcs is priced at its marginal cost. Used by {@code joptimizer}.
 * </ul>
 *
 * Peers with an active side constraint are handled by a {@link SidePeerPrices} when one is given:
 * after the difference constraints are set, each such peer in turn is placed by it within the price
 * ranges the rest of the system allows, and its prices are pinned there. Without one, the nodes of
 * an active side constraint get no local condition (their prices are tied to the others only
 * through their arcs), a relaxation that is exact only for peers whose side multipliers vanish.
 *
 * <p>The backends' parameters differ and are kept as they were when this code was shared: {@code
 * ojalgo-qp} uses {@code anyPrices(1e-7 * injectionScale, 1e-9 * max(1, max|b|))} (a weaker price
 * scale than {@link MarketProblem#priceScale()}) without a {@link SidePeerPrices}; {@code
 * joptimizer} uses {@code centredPrices(act, priceScale, 1e-7 * priceScale, cone)} with its own
 * activity tolerance and its two-dimensional CHP cone. Immutable and thread-safe (a given {@link
 * SidePeerPrices} must be too).
 */
public final class PriceRecovery {

    private final boolean centred;
    private final double activity;
    private final double priceScale;
    private final double slack;
    private final SidePeerPrices sidePeers;

    private PriceRecovery(
            boolean centred,
            double activity,
            double priceScale,
            double slack,
            SidePeerPrices sidePeers) {
        if (!(activity >= 0 && activity < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "activity must be finite and >= 0 kW, got " + activity);
        }
        if (!(priceScale > 0 && priceScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "priceScale must be finite and > 0 $/kW, got " + priceScale);
        }
        if (!(slack >= 0 && slack < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("slack must be finite and >= 0 $/kW, got " + slack);
        }
        this.centred = centred;
        this.activity = activity;
        this.priceScale = priceScale;
        this.slack = slack;
        this.sidePeers = sidePeers;
    }

    /**
     * One solution of the conditions: shortest distances from a virtual source (see the class
     * documentation); nodes of active side constraints get no local condition.
     *
     * @param activity slack up to which a bound, side constraint or arc counts as active, kW,
     *     {@code >= 0}
     * @param slack accuracy to which the conditions are met, $/kW, {@code >= 0}
     */
    public static PriceRecovery anyPrices(double activity, double slack) {
        return new PriceRecovery(false, activity, 1, slack, null);
    }

    /**
     * The centre of the solutions of the conditions (see the class documentation).
     *
     * @param activity slack up to which a bound, side constraint or arc counts as active, kW,
     *     {@code >= 0}
     * @param priceScale the problem's price scale, $/kW, {@code > 0}: sets the bound {@code (4 + n)
     *     * priceScale}
     * @param slack accuracy to which the conditions are met, $/kW, {@code >= 0}
     * @param sidePeers places peers with an active side constraint, or {@code null} to leave the
     *     nodes of active side constraints without a local condition
     */
    public static PriceRecovery centredPrices(
            double activity, double priceScale, double slack, SidePeerPrices sidePeers) {
        return new PriceRecovery(true, activity, priceScale, slack, sidePeers);
    }

    /** The activity tolerance, kW. */
    public double activity() {
        return activity;
    }

    /** The accuracy to which recovered prices meet the conditions, $/kW. */
    public double slack() {
        return slack;
    }

    /**
     * Prices ($/kW, one per node) satisfying the KKT conditions at {@code (x, f)} to {@link
     * #slack()}, or {@code null} if none exist.
     *
     * @param x net injection per node, kW
     * @param f flow per arc, kW
     * @throws IllegalArgumentException if {@code x} or {@code f} does not match the problem's size
     */
    public double[] recover(MarketProblem problem, double[] x, double[] f) {
        if (x.length != problem.nodeCount() || f.length != problem.arcCount()) {
            throw new IllegalArgumentException(
                    "the point has "
                            + x.length
                            + " injections and "
                            + f.length
                            + " flows; the problem has "
                            + problem.nodeCount()
                            + " nodes and "
                            + problem.arcCount()
                            + " arcs");
        }
        return new Constraints(problem).solve(x, f);
    }

    @Override
    public String toString() {
        return (centred ? "centredPrices" : "anyPrices")
                + "[activity="
                + activity
                + " kW, slack="
                + slack
                + " $/kW"
                + (centred ? ", priceScale=" + priceScale + " $/kW" : "")
                + (sidePeers != null ? ", " + sidePeers : "")
                + "]";
    }

    /**
     * The difference constraints of one recovery: edge {@code u -> v} of weight {@code c} means
     * {@code y_v - y_u <= c}; vertex {@code n} is the reference.
     */
    private final class Constraints {
        private final MarketProblem problem;
        private final int n;
        private int[] from = new int[16], to = new int[16];
        private double[] weight = new double[16];
        private int edges;

        Constraints(MarketProblem problem) {
            this.problem = problem;
            this.n = problem.nodeCount();
        }

        double[] solve(double[] x, double[] f) {
            double[] a = problem.quadratic(),
                    b = problem.linear(),
                    lo = problem.lower(),
                    hi = problem.upper();
            double[] w = problem.arcCost();
            int[] tail = problem.tail(), head = problem.head(), nodePeer = problem.nodePeer();
            boolean[] nodeSideActive = new boolean[n],
                    peerSideActive = new boolean[problem.peerCount()];
            for (int s = 0; s < problem.sideConstraintCount(); s++) {
                int[] nodes = problem.sideNodes(s);
                if (problem.sideRhs(s) - KktResiduals.sideLhs(problem.sideCoefficients(s), nodes, x)
                        <= activity) {
                    peerSideActive[problem.sidePeer(s)] = true;
                    for (int k : nodes) {
                        nodeSideActive[k] = true;
                    }
                }
            }
            int[] degree = new int[n];
            for (int t = 0; t < tail.length; t++) {
                degree[tail[t]]++;
                degree[head[t]]++;
            }
            double[] mc = new double[n];
            double bound = (4 + n) * priceScale;
            for (int k = 0; k < n; k++) {
                mc[k] = a[k] * x[k] + b[k];
                if (centred) {
                    edge(n, k, mc[k] + bound);
                    edge(k, n, bound - mc[k]);
                }
                if (sidePeers != null ? peerSideActive[nodePeer[k]] : nodeSideActive[k]) {
                    continue;
                }
                boolean atLo = x[k] - lo[k] <= activity, atHi = hi[k] - x[k] <= activity;
                if (centred && degree[k] == 0) {
                    // no trades: the marginal cost satisfies every form of the condition
                    atLo = false;
                    atHi = false;
                }
                if (!atHi) {
                    edge(n, k, mc[k]); // y_k <= mc_k
                }
                if (!atLo) {
                    edge(k, n, -mc[k]); // y_k >= mc_k
                }
            }
            for (int t = 0; t < tail.length; t++) {
                edge(tail[t], head[t], w[t]); // y_head - y_tail <= w_t
                if (f[t] > activity) {
                    edge(head[t], tail[t], -w[t]); // y_head - y_tail >= w_t
                }
            }
            if (sidePeers != null) {
                for (int p = 0; p < peerSideActive.length; p++) {
                    if (peerSideActive[p] && !place(p, x, mc)) {
                        return null;
                    }
                }
            }
            if (!centred) {
                return fromVirtualSource();
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

        /**
         * Pins the prices of a peer with active side constraints where {@link SidePeerPrices} puts
         * them; false if nowhere.
         */
        private boolean place(int p, double[] x, double[] mc) {
            double[] upper = fromReference(false), lower = fromReference(true);
            if (upper == null || lower == null) {
                return false;
            }
            int[] nodes = problem.nodesOfPeer(p);
            double[] own = new double[nodes.length],
                    lowest = new double[nodes.length],
                    highest = new double[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                own[i] = mc[nodes[i]];
                lowest[i] = lower[nodes[i]];
                highest[i] = upper[nodes[i]];
            }
            double[] y = sidePeers.place(problem, p, nodes, x, own, lowest, highest);
            if (y == null) {
                return false;
            }
            for (int i = 0; i < nodes.length; i++) {
                edge(n, nodes[i], y[i]);
                edge(nodes[i], n, -y[i]);
            }
            return true;
        }

        /**
         * Shortest distances from the reference ({@code reversed == false}: the largest feasible
         * prices {@code d(z, k)}) or to it ({@code true}: the smallest, {@code -d(k, z)}); {@code
         * null} on a negative cycle (no feasible prices).
         */
        private double[] fromReference(boolean reversed) {
            double[] dist = new double[n + 1];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            dist[n] = 0;
            if (!relax(dist, reversed)) {
                return null;
            }
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                y[k] = reversed ? -dist[k] : dist[k];
            }
            return y;
        }

        /**
         * Distances from a virtual source with zero-weight edges to every vertex, relative to the
         * reference; {@code null} on a negative cycle.
         */
        private double[] fromVirtualSource() {
            double[] dist = new double[n + 1];
            if (!relax(dist, false)) {
                return null;
            }
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                y[k] = dist[k] - dist[n];
            }
            return y;
        }

        /**
         * Bellman-Ford from the given distances; false when still changing after {@code n + 2}
         * passes.
         */
        private boolean relax(double[] dist, boolean reversed) {
            int[] us = reversed ? to : from, vs = reversed ? from : to;
            for (int pass = 0; pass <= n + 1; pass++) {
                boolean changed = false;
                for (int e = 0; e < edges; e++) {
                    int u = us[e], v = vs[e];
                    if (dist[u] + weight[e] < dist[v] - slack) {
                        dist[v] = dist[u] + weight[e];
                        changed = true;
                    }
                }
                if (!changed) {
                    return true;
                }
            }
            return false;
        }

        private void edge(int u, int v, double c) {
            if (edges == from.length) {
                from = Arrays.copyOf(from, 2 * edges);
                to = Arrays.copyOf(to, 2 * edges);
                weight = Arrays.copyOf(weight, 2 * edges);
            }
            from[edges] = u;
            to[edges] = v;
            weight[edges++] = c;
        }
    }
}
