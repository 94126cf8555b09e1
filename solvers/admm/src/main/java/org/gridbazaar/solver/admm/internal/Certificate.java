package org.gridbazaar.solver.admm.internal;

import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.FlowRouting;

/**
 * The optimality certificate of a negotiation: a feasible point recovered from the agreed trades
 * (its objective is an upper bound on the optimum) and a lower bound on the optimum from the
 * negotiated prices, each peer contributing the least value its own problem can take at those
 * prices (the Lagrangian dual of reciprocity, evaluated peer by peer). Why: residuals within
 * tolerance bound each trade's mismatch and each trade's stationarity error, but not the objective;
 * on linear-cost markets whose costs nearly cancel they left the objective 1e-3 off.
 *
 * <p>Lower bound. Relaxing reciprocity {@code t_ij + t_ji = 0} with the price {@code lambda_c} of
 * each channel splits the market into the peers' problems
 *
 * <pre>
 *   g_i(lambda) = min  C_i(x_i) + sum_l (c+_l max(t_l, 0) + c-_l max(-t_l, 0) - lambda_l t_l)
 *                 s.t. x_i = sum_l t_l in [lo_i, hi_i], own side constraints, t_l in [L_l, U_l]
 * </pre>
 *
 * and {@code sum_i g_i(lambda) <= optimum} for every {@code lambda} (weak duality). The trade
 * limits {@code [L_l, U_l]} hold at some optimum, so they do not change it: a trade of a peer that
 * only sells (only buys) is at most its upper bound (its lowest bound), and every optimum can be
 * made cycle-free (arcs have no capacities and linear costs), where no trade exceeds the smaller of
 * the commodity's total supply and total demand. Each peer evaluates {@code g_i} from its own data
 * and the prices on its links through its inner dual over the price {@code nu} of its aggregate:
 * {@code g_i = max_nu [min_x (C_i(x) - nu x) + sum_l min_{t in [L_l, U_l]} (h_l(t) + nu t)]}, exact
 * for a one-node peer (a concave piecewise-quadratic function of {@code nu}, maximised over its
 * kinks); for a power + heat peer with side constraints any {@code nu} gives a valid bound, and the
 * larger of two candidates is taken.
 *
 * <p>Recovered point. Every trade settles at what both ends agree to (the smaller of two offers in
 * the same direction); each peer's set-point is the sum of its settled trades, so the point is
 * balanced by construction. Settling can leave a peer short of a minimum it must trade (a fixed
 * demand, a must-run producer) or outside its heat-power polygon; those shortfalls are then routed
 * by one maximum flow on extra trades ({@link FlowRouting}), every other peer moving by at most the
 * total shortfall. Peers with side constraints are moved to their own last aggregates, which meet
 * their polygon. The extra flow goes on the trades already made where it can (raising them, or
 * lowering those that carry more than the total shortfall), so that the point stays one the
 * negotiated prices support.
 */
final class Certificate {

    private Certificate() {}

    /**
     * A recovered point.
     *
     * @param x aggregates per node, kW (within the bounds and side constraints)
     * @param f flows per arc, kW ({@code x = N f} up to rounding)
     */
    record Point(double[] x, double[] f) {}

    /**
     * Per arc, a limit on its flow that holds at some optimum (kW): see the class documentation.
     *
     * @param lo per node, the lower bound (tightened by global balance)
     * @param hi per node, the upper bound (tightened by global balance)
     */
    static double[] arcLimits(MarketProblem problem, double[] lo, double[] hi) {
        int n = problem.nodeCount();
        int[] tail = problem.tail(), head = problem.head(), com = problem.nodeCommodity();
        boolean[] sells = new boolean[n], buys = new boolean[n];
        for (int t = 0; t < tail.length; t++) {
            sells[tail[t]] = true;
            buys[head[t]] = true;
        }
        double[] supply = new double[2], demand = new double[2];
        for (int k = 0; k < n; k++) {
            supply[com[k]] += Math.max(hi[k], 0);
            demand[com[k]] += Math.max(-lo[k], 0);
        }
        double[] limit = new double[tail.length];
        for (int t = 0; t < tail.length; t++) {
            int s = tail[t], d = head[t];
            double v = Math.min(supply[com[s]], demand[com[s]]);
            double out = buys[s] ? v : Math.max(hi[s], 0);
            double in = sells[d] ? v : Math.max(-lo[d], 0);
            limit[t] = Math.min(v, Math.min(out, in));
        }
        return limit;
    }

    // ------------------------------------------------------------------ lower bound

    /**
     * A lower bound on the optimum ($) at channel prices {@code price} ($/kW), with the agents'
     * node prices {@code nodePrices} (per node, $/kW) as one candidate for each peer's inner price.
     *
     * @param limits per arc, the flow limit of {@link #arcLimits}
     */
    static double lowerBound(
            MarketProblem problem,
            List<PeerData> data,
            int[] arcChannel,
            double[] price,
            double[] nodePrices,
            double[] limits) {
        double total = 0, magnitude = 0;
        double[] c = problem.constant();
        for (double v : c) {
            total += v;
            magnitude += Math.abs(v);
        }
        for (PeerData d : data) {
            double v = peerBound(d, arcChannel, price, nodePrices, limits);
            if (!(v > Double.NEGATIVE_INFINITY)) {
                return Double.NEGATIVE_INFINITY;
            }
            total += v;
            magnitude += Math.abs(v);
        }
        // the sums above round; keep the result a lower bound
        return total - 1e-13 * magnitude * Math.max(1, data.size());
    }

    /** One node's links at the given prices: price, own per-kW terms and limits per link. */
    private record NodeLinks(
            double[] lambda, double[] cPlus, double[] cMinus, double[] lower, double[] upper) {

        /** {@code sum_l min_{t in [L_l, U_l]} (h_l(t) + nu t)}. */
        double value(double nu) {
            double s = 0;
            for (int l = 0; l < lambda.length; l++) {
                if (upper[l] > 0) {
                    s += Math.min(0, (cPlus[l] - lambda[l] + nu) * upper[l]);
                }
                if (lower[l] < 0) {
                    s += Math.min(0, (cMinus[l] + lambda[l] - nu) * -lower[l]);
                }
            }
            return s;
        }

        /** The sum of the minimising trades at {@code nu} (any minimiser where several exist). */
        double total(double nu) {
            double s = 0;
            for (int l = 0; l < lambda.length; l++) {
                if (upper[l] > 0 && cPlus[l] - lambda[l] + nu < 0) {
                    s += upper[l];
                } else if (lower[l] < 0 && cMinus[l] + lambda[l] - nu < 0) {
                    s += lower[l];
                }
            }
            return s;
        }
    }

    private static NodeLinks[] nodeLinks(
            PeerData d, int[] arcChannel, double[] price, double[] limits) {
        int nodes = d.nodes().length;
        int[] count = new int[nodes];
        for (PeerData.Link l : d.links()) {
            count[l.node()]++;
        }
        NodeLinks[] out = new NodeLinks[nodes];
        for (int k = 0; k < nodes; k++) {
            out[k] =
                    new NodeLinks(
                            new double[count[k]],
                            new double[count[k]],
                            new double[count[k]],
                            new double[count[k]],
                            new double[count[k]]);
            count[k] = 0;
        }
        for (PeerData.Link l : d.links()) {
            NodeLinks nl = out[l.node()];
            int q = count[l.node()]++;
            nl.lambda[q] = price[l.channel()];
            nl.cPlus[q] = l.cPlus();
            nl.cMinus[q] = l.cMinus();
            nl.upper[q] = l.arcOut() >= 0 ? limits[l.arcOut()] : 0;
            nl.lower[q] = l.arcIn() >= 0 ? -limits[l.arcIn()] : 0;
        }
        return out;
    }

    private static double peerBound(
            PeerData d, int[] arcChannel, double[] price, double[] nodePrices, double[] limits) {
        NodeLinks[] nl = nodeLinks(d, arcChannel, price, limits);
        int nodes = d.nodes().length;
        if (d.sideG().length == 0) {
            double s = 0;
            for (int k = 0; k < nodes; k++) {
                s +=
                        nodeBound(
                                d.a()[k],
                                d.b()[k],
                                d.lo()[k],
                                d.hi()[k],
                                nl[k],
                                nodePrices[d.nodes()[k]])[0];
            }
            return s;
        }
        // side constraints over both nodes: any inner prices give a bound; try the agent's and the
        // separable optimum's
        double[] agent = new double[nodes], separable = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            agent[k] = nodePrices[d.nodes()[k]];
            separable[k] = nodeBound(d.a()[k], d.b()[k], d.lo()[k], d.hi()[k], nl[k], agent[k])[1];
        }
        return Math.max(coupledValue(d, nl, agent), coupledValue(d, nl, separable));
    }

    private static double coupledValue(PeerData d, NodeLinks[] nl, double[] nu) {
        double v = polygonMin(d, nu);
        for (int k = 0; k < nu.length; k++) {
            v += nl[k].value(nu[k]);
        }
        return v;
    }

    /** {@code min_{x in [lo, hi]} 0.5 a x^2 + (b - nu) x}. */
    private static double boxMin(double a, double b, double lo, double hi, double nu) {
        double x = boxArgmin(a, b, lo, hi, nu);
        return 0.5 * a * x * x + (b - nu) * x;
    }

    private static double boxArgmin(double a, double b, double lo, double hi, double nu) {
        double g = b - nu;
        if (a > 0) {
            return Math.min(hi, Math.max(lo, -g / a));
        }
        return g > 0 ? lo : g < 0 ? hi : lo;
    }

    /**
     * {@code max_nu G(nu)} for one node without side constraints, {@code G(nu) = boxMin(nu) +
     * links(nu)}: concave, piecewise quadratic; returns {@code {value, argmax}}.
     */
    private static double[] nodeBound(
            double a, double b, double lo, double hi, NodeLinks links, double guess) {
        int n = links.lambda.length;
        double[] kinks = new double[2 * n + 3];
        int m = 0;
        for (int l = 0; l < n; l++) {
            if (links.upper[l] > 0) {
                kinks[m++] = links.lambda[l] - links.cPlus[l];
            }
            if (links.lower[l] < 0) {
                kinks[m++] = links.lambda[l] + links.cMinus[l];
            }
        }
        if (a > 0) {
            kinks[m++] = b + a * lo;
            kinks[m++] = b + a * hi;
        } else {
            kinks[m++] = b;
        }
        if (Double.isFinite(guess)) {
            kinks[m++] = guess;
        }
        double[] k = Arrays.copyOf(kinks, m);
        Arrays.sort(k);
        int left = 0, right = m - 1;
        while (right - left > 2) {
            int m1 = left + (right - left) / 3, m2 = right - (right - left) / 3;
            if (g(a, b, lo, hi, links, k[m1]) < g(a, b, lo, hi, links, k[m2])) {
                left = m1 + 1;
            } else {
                right = m2;
            }
        }
        double best = Double.NEGATIVE_INFINITY, arg = Double.NaN;
        for (int i = left; i <= right; i++) {
            double v = g(a, b, lo, hi, links, k[i]);
            if (v > best) {
                best = v;
                arg = k[i];
            }
        }
        if (a > 0) {
            // inside the pieces next to the best kink, G is quadratic: its stationary point nu = b
            // + a T
            int i = Arrays.binarySearch(k, arg);
            for (int j = Math.max(0, i - 1); j < Math.min(m - 1, i + 1); j++) {
                double mid = 0.5 * (k[j] + k[j + 1]);
                double nu = Math.min(k[j + 1], Math.max(k[j], b + a * links.total(mid)));
                double v = g(a, b, lo, hi, links, nu);
                if (v > best) {
                    best = v;
                    arg = nu;
                }
            }
        }
        return new double[] {best, arg};
    }

    private static double g(double a, double b, double lo, double hi, NodeLinks links, double nu) {
        return boxMin(a, b, lo, hi, nu) + links.value(nu);
    }

    /**
     * {@code min sum_k 0.5 a_k x_k^2 + (b_k - nu_k) x_k} over the peer's box and side constraints
     * (two nodes): the least value over the candidates a convex separable objective's minimiser on
     * a polygon can be (the box minimiser, the minimiser on each constraint or box line, every
     * vertex).
     */
    private static double polygonMin(PeerData d, double[] nu) {
        double[] a = d.a(), b = d.b(), lo = d.lo(), hi = d.hi();
        double[][] g = d.sideG();
        double[] rhs = d.sideRhs();
        int rows = g.length + 4;
        double[][] lg = new double[rows][];
        double[] lr = new double[rows];
        for (int r = 0; r < g.length; r++) {
            lg[r] = g[r];
            lr[r] = rhs[r];
        }
        lg[g.length] = new double[] {1, 0};
        lr[g.length] = lo[0];
        lg[g.length + 1] = new double[] {1, 0};
        lr[g.length + 1] = hi[0];
        lg[g.length + 2] = new double[] {0, 1};
        lr[g.length + 2] = lo[1];
        lg[g.length + 3] = new double[] {0, 1};
        lr[g.length + 3] = hi[1];
        double best = Double.POSITIVE_INFINITY;
        double[] x = {
            boxArgmin(a[0], b[0], lo[0], hi[0], nu[0]), boxArgmin(a[1], b[1], lo[1], hi[1], nu[1])
        };
        best = Math.min(best, candidate(d, nu, x));
        for (int r = 0; r < rows; r++) {
            double g0 = lg[r][0], g1 = lg[r][1];
            double norm = g0 * g0 + g1 * g1;
            if (norm == 0) {
                continue;
            }
            // x = p + s (-g1, g0), p = rhs g / |g|^2; the objective along the line is 0.5 al s^2 +
            // be s + const
            double p0 = lr[r] * g0 / norm, p1 = lr[r] * g1 / norm, d0 = -g1, d1 = g0;
            double al = a[0] * d0 * d0 + a[1] * d1 * d1;
            double be = (a[0] * p0 + b[0] - nu[0]) * d0 + (a[1] * p1 + b[1] - nu[1]) * d1;
            double sLo = Double.NEGATIVE_INFINITY, sHi = Double.POSITIVE_INFINITY;
            double[] range = segment(p0, d0, lo[0], hi[0], sLo, sHi);
            if (range != null) {
                range = segment(p1, d1, lo[1], hi[1], range[0], range[1]);
            }
            if (range == null) {
                continue;
            }
            for (double s :
                    new double[] {
                        range[0],
                        range[1],
                        al > 0 ? Math.min(range[1], Math.max(range[0], -be / al)) : range[0]
                    }) {
                if (Double.isFinite(s)) {
                    best =
                            Math.min(
                                    best,
                                    candidate(d, nu, new double[] {p0 + s * d0, p1 + s * d1}));
                }
            }
            for (int q = r + 1; q < rows; q++) {
                double det = g0 * lg[q][1] - g1 * lg[q][0];
                if (Math.abs(det) <= 1e-14 * (Math.abs(g0 * lg[q][1]) + Math.abs(g1 * lg[q][0]))) {
                    continue;
                }
                double v0 = (lr[r] * lg[q][1] - g1 * lr[q]) / det;
                double v1 = (g0 * lr[q] - lr[r] * lg[q][0]) / det;
                best = Math.min(best, candidate(d, nu, new double[] {v0, v1}));
            }
        }
        return best;
    }

    /**
     * The parameter range where {@code p + s dir} lies in {@code [lo, hi]}, intersected with {@code
     * [sLo, sHi]}; null if empty.
     */
    private static double[] segment(
            double p, double dir, double lo, double hi, double sLo, double sHi) {
        if (dir == 0) {
            return p >= lo - 1e-12 * Math.max(1, Math.abs(lo))
                            && p <= hi + 1e-12 * Math.max(1, Math.abs(hi))
                    ? new double[] {sLo, sHi}
                    : null;
        }
        double s1 = (lo - p) / dir, s2 = (hi - p) / dir;
        double from = Math.max(sLo, Math.min(s1, s2)), to = Math.min(sHi, Math.max(s1, s2));
        return from <= to ? new double[] {from, to} : null;
    }

    /**
     * The objective at {@code x} if {@code x} meets the peer's box and side constraints (to
     * rounding), else {@code +inf}.
     */
    private static double candidate(PeerData d, double[] nu, double[] x) {
        double[] a = d.a(), b = d.b(), lo = d.lo(), hi = d.hi();
        double scale = 0;
        for (int k = 0; k < 2; k++) {
            scale = Math.max(scale, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
        }
        double tol = 1e-12 * Math.max(1, scale);
        for (int k = 0; k < 2; k++) {
            if (!(x[k] >= lo[k] - tol && x[k] <= hi[k] + tol)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double[][] g = d.sideG();
        for (int r = 0; r < g.length; r++) {
            double s = g[r][0] * x[0] + g[r][1] * x[1];
            if (s
                    > d.sideRhs()[r]
                            + 1e-12
                                    * Math.max(
                                            1,
                                            Math.abs(d.sideRhs()[r])
                                                    + (Math.abs(g[r][0]) + Math.abs(g[r][1]))
                                                            * scale)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double v = 0;
        for (int k = 0; k < 2; k++) {
            v += 0.5 * a[k] * x[k] * x[k] + (b[k] - nu[k]) * x[k];
        }
        return v;
    }

    // ------------------------------------------------------------------ recovered point

    /**
     * The feasible point recovered from settled flows {@code settled} (kW per arc), or {@code null}
     * when the shortfalls cannot be routed.
     *
     * @param agentX per node, the agents' own last aggregates (kW; they meet each peer's
     *     constraints)
     */
    static Point recover(MarketProblem problem, double[] settled, double[] agentX) {
        int n = problem.nodeCount();
        double[] lo = problem.lower(), hi = problem.upper();
        double[] x = problem.injections(settled);
        boolean[] sided = new boolean[n];
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            for (int k : problem.nodesOfPeer(problem.sidePeer(r))) {
                sided[k] = true;
            }
        }
        double shortfall = 0, largest = 1;
        boolean violated = false, sideViolated = false;
        for (int k = 0; k < n; k++) {
            double out = Math.max(0, lo[k] - x[k]) + Math.max(0, x[k] - hi[k]);
            shortfall += out;
            violated |= out > slack(lo[k], hi[k]);
            largest = Math.max(largest, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            if (sideExcess(problem, r, x) > 1e-9 * sideScale(problem, r)) {
                sideViolated = true;
            }
        }
        double[] f = settled.clone();
        if (violated || sideViolated) {
            double[] lower = new double[n], upper = new double[n];
            for (int k = 0; k < n; k++) {
                double d = sided[k] && sideViolated ? Math.abs(agentX[k] - x[k]) : 0;
                shortfall += d;
            }
            for (int k = 0; k < n; k++) {
                if (sided[k] && sideViolated) {
                    lower[k] = agentX[k] - x[k];
                    upper[k] = lower[k];
                } else {
                    lower[k] = Math.max(lo[k] - x[k], -shortfall);
                    upper[k] = Math.min(hi[k] - x[k], shortfall);
                    if (lower[k] > upper[k]) {
                        return null;
                    }
                }
            }
            // on the trades already made first, raising them or lowering those larger than every
            // shortfall (a
            // reverse arc): a new trade would be one the prices do not support
            int m = f.length;
            int[] tail = problem.tail(), head = problem.head();
            int[] reverse = new int[m];
            int r = 0;
            for (int t = 0; t < m; t++) {
                if (f[t] >= shortfall) {
                    reverse[r++] = t;
                }
            }
            int[] tail2 = Arrays.copyOf(tail, m + r), head2 = Arrays.copyOf(head, m + r);
            boolean[] made = new boolean[m + r];
            for (int t = 0; t < m; t++) {
                made[t] = f[t] > 0;
            }
            for (int q = 0; q < r; q++) {
                tail2[m + q] = head[reverse[q]];
                head2[m + q] = tail[reverse[q]];
                made[m + q] = true;
            }
            double[] extra =
                    FlowRouting.route(
                            lower,
                            upper,
                            problem.nodeCommodity(),
                            tail2,
                            head2,
                            made,
                            1e-12 * largest);
            if (extra == null) {
                Arrays.fill(made, true);
                extra =
                        FlowRouting.route(
                                lower,
                                upper,
                                problem.nodeCommodity(),
                                tail2,
                                head2,
                                made,
                                1e-12 * largest);
            }
            if (extra == null) {
                return null;
            }
            for (int t = 0; t < m; t++) {
                f[t] += extra[t];
            }
            for (int q = 0; q < r; q++) {
                // no more than the total shortfall passes through any arc, and the trade carries at
                // least that
                f[reverse[q]] = Math.max(0, f[reverse[q]] - extra[m + q]);
            }
            x = problem.injections(f);
        }
        // rounding only: the bounds hold up to a few ulps; clip, and check the side constraints
        for (int k = 0; k < n; k++) {
            if (x[k] < lo[k] - slack(lo[k], hi[k]) || x[k] > hi[k] + slack(lo[k], hi[k])) {
                return null;
            }
            x[k] = Math.min(hi[k], Math.max(lo[k], x[k]));
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            if (sideExcess(problem, r, x) > 1e-9 * sideScale(problem, r)) {
                return null;
            }
        }
        return new Point(x, f);
    }

    /** What rounding may leave of a node's bound violation, kW. */
    private static double slack(double lo, double hi) {
        return 1e-12 * Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
    }

    private static double sideExcess(MarketProblem problem, int r, double[] x) {
        int[] nodes = problem.sideNodes(r);
        double[] g = problem.sideCoefficients(r);
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            s += g[i] * x[nodes[i]];
        }
        return s - problem.sideRhs(r);
    }

    private static double sideScale(MarketProblem problem, int r) {
        int[] nodes = problem.sideNodes(r);
        double[] g = problem.sideCoefficients(r), lo = problem.lower(), hi = problem.upper();
        double s = Math.abs(problem.sideRhs(r));
        for (int i = 0; i < nodes.length; i++) {
            s += Math.abs(g[i]) * Math.max(Math.abs(lo[nodes[i]]), Math.abs(hi[nodes[i]]));
        }
        return Math.max(1, s);
    }
}
