package org.gridbazaar.solver.structured.internal;

import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;

/**
 * The acceptance test of a returned point: its own KKT residuals, each measured on the scale of its
 * own node or arc rather than on the extremes of the whole market.
 *
 * <p>Why: both methods stop on residuals relative to market-wide scales (the largest bound, the
 * largest price), and one huge or stiff peer makes those scales blind to errors everywhere else; a
 * point whose prices contradict each other by 40 $/kW once passed as optimal beside a bound of
 * {@code 1e15} kW. This test looks at each condition where it lives: Scales ({@link #scales}): a
 * node's quantity scale is what it injects, or its range, or the volume the point trades, whichever
 * is smaller but not below its injection; its price scale is {@code max(|b_k|, a_k q_k)}.
 *
 * <ul>
 *   <li>balance and bounds of node {@code k}, kW, relative to its quantity scale or the mean traded
 *       per node, whichever is larger;
 *   <li>stationarity of node {@code k} ({@code a x + b - y}: zero strictly inside the bounds,
 *       non-negative at the lower, non-positive at the upper), $/kW, relative to the node's price
 *       scale; nodes in side constraints (CHP regions) are not measured here (their multipliers are
 *       not part of the point), their constraints are;
 *   <li>arcs: a reduced cost {@code w + y_tail - y_head} not below zero, relative to the larger
 *       price scale of its ends and {@code |w|}, and complementarity {@code f |rc|} relative to
 *       that times the larger quantity scale of its ends (trades are not unique, so a small flow on
 *       an arc with a small reduced cost is no error in any set-point or price);
 *   <li>side and coupling constraints, kW, relative to their right-hand side and their nodes'
 *       coefficients times quantity scales.
 * </ul>
 *
 * A node's sign condition is measured as the distance to a point that meets it: the smaller of its
 * stationarity residual and its distance to a bound (relative) plus what remains there. So a
 * set-point 1e-4 kW inside a bound with a residual 5e-5 $/kW fails where it would pass as "at the
 * bound". Quantity scales have a floor of a millionth of the traded volume ({@link
 * #quantityFloor}), price scales one of {@code 1e-12} of the market's, so exact zeros compare (1
 * $/kWh in a market without any cost, {@link #priceFloor}).
 */
public final class Certificate {

    private Certificate() {}

    /**
     * {@code null} when every residual of the point is within {@code tol} of its scale, else a
     * sentence naming the worst one: where, how large, its limit.
     *
     * @param couplingDuals multipliers of the coupling constraints (may be empty when there are
     *     none)
     */
    public static String failure(
            MarketProblem p,
            double[] x,
            double[] f,
            double[] y,
            double[] couplingDuals,
            double tol) {
        int n = p.nodeCount(), m = p.arcCount();
        double[] a = p.quadratic(), b = p.linear(), lo = p.lower(), hi = p.upper(), w = p.arcCost();
        int[] tail = p.tail(), head = p.head();
        double[] qs = new double[n], ps = new double[n];
        scales(a, b, lo, hi, x, qs, ps);
        double qMax = 0, pMax = 0;
        for (int k = 0; k < n; k++) {
            qMax = Math.max(qMax, qs[k]);
            pMax = Math.max(pMax, ps[k]);
        }
        for (double wt : w) {
            pMax = Math.max(pMax, Math.abs(wt));
        }
        double qFloor = quantityFloor(x, qMax), pFloor = priceFloor(pMax);
        boolean[] sided = new boolean[n];
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            for (int k : p.sideNodes(s)) {
                sided[k] = true;
            }
        }
        double[] yNode = y.clone();
        for (int c = 0; c < p.couplingConstraintCount() && c < couplingDuals.length; c++) {
            int[] nodes = p.couplingNodes(c);
            double[] g = p.couplingCoefficients(c);
            for (int i = 0; i < nodes.length; i++) {
                yNode[nodes[i]] -= g[i] * couplingDuals[c];
            }
        }
        Worst worst = new Worst();
        double[] nf = p.injections(f);
        double volume = 0;
        for (double v : x) {
            volume += Math.max(0, v);
        }
        // quantities are compared with the mean traded per node at least: a crossover leaves dust
        // of that relative size at small peers (1e-6 kW at a peer fixed at zero in a market
        // trading 23,000 kW), which moves nothing; a wrong set-point shows in its price anyway
        double rowFloor = Math.max(qFloor, volume / Math.max(1, n));
        for (int k = 0; k < n; k++) {
            // the mean-trade floor never exceeds what the node can reach: a consumer fixed at
            // -0.001 kW and left at 0 beside 10,000 kW of trades is wrong, not dust
            double reach = Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
            double q =
                    reach > 0
                            ? Math.max(qs[k], Math.min(rowFloor, reach))
                            : Math.max(qs[k], rowFloor);
            double pk = Math.max(ps[k], pFloor);
            worst.offer(
                    Math.abs(x[k] - nf[k]) / q, Kind.BALANCE, k, Math.abs(x[k] - nf[k]), tol * q);
            double below = lo[k] - x[k], above = x[k] - hi[k];
            worst.offer(
                    Math.max(below, above) / q, Kind.BOUNDS, k, Math.max(below, above), tol * q);
            if (sided[k] || lo[k] == hi[k]) {
                continue;
            }
            double r = a[k] * x[k] + b[k] - yNode[k];
            // distance to a KKT point: the residual itself, or the way to a bound plus what is left
            // there, measured on the node's own scale: with the mean-trade floor, a 0.002 kW peer's
            // whole range looked like no distance beside 450,000 kW trades and a set-point at the
            // wrong bound passed
            double own = Math.max(qs[k], qFloor);
            // at a bound the residual is the one the bound would leave: a stiff peer whose
            // set-point
            // is tiny against its range is not "at" its bound unless its price says so there
            double rLo = a[k] * lo[k] + b[k] - yNode[k], rHi = a[k] * hi[k] + b[k] - yNode[k];
            double pkOwn = Math.max(pk, Math.max(Math.abs(yNode[k]), pFloor));
            double rel =
                    Math.min(
                            Math.abs(r) / pkOwn,
                            Math.min(
                                    Math.max(0, x[k] - lo[k]) / own + Math.max(0, -rLo) / pkOwn,
                                    Math.max(0, hi[k] - x[k]) / own + Math.max(0, rHi) / pkOwn));
            worst.offer(rel, Kind.STATIONARITY, k, Math.abs(r), tol * pkOwn);
        }
        for (int t = 0; t < m; t++) {
            // the prices at the trade's ends count too, as in the nodes' own check: two fixed peers
            // without costs (a coordinator fixed at 0 kW relaying to a fixed demand) have price
            // scales of 0, and their trade's reduced cost is a difference of prices set elsewhere
            double pt =
                    Math.max(
                            Math.max(Math.abs(w[t]), pFloor),
                            Math.max(
                                    Math.max(ps[tail[t]], ps[head[t]]),
                                    Math.max(Math.abs(y[tail[t]]), Math.abs(y[head[t]]))));
            double rc = w[t] + y[tail[t]] - y[head[t]];
            double q = Math.max(Math.max(qs[tail[t]], qs[head[t]]), qFloor);
            // trades are not unique: a reduced cost not below zero, and complementarity as a
            // product
            worst.offer(Math.max(0, -rc) / pt, Kind.REDUCED_COST, t, -rc, tol * pt);
            worst.offer(
                    Math.max(0, f[t]) * Math.abs(rc) / (q * pt),
                    Kind.COMPLEMENTARITY,
                    t,
                    f[t] * Math.abs(rc),
                    tol * q * pt);
            worst.offer(-f[t] / q, Kind.FLOW, t, -f[t], tol * q);
        }
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            side(
                    p.sideNodes(s),
                    p.sideCoefficients(s),
                    p.sideRhs(s),
                    x,
                    qs,
                    qFloor,
                    tol,
                    Kind.SIDE,
                    s,
                    worst);
        }
        for (int c = 0; c < p.couplingConstraintCount(); c++) {
            side(
                    p.couplingNodes(c),
                    p.couplingCoefficients(c),
                    p.couplingRhs(c),
                    x,
                    qs,
                    qFloor,
                    tol,
                    Kind.COUPLING,
                    c,
                    worst);
        }
        if (!(worst.relative > tol)) {
            return null;
        }
        int i = worst.index;
        String where =
                switch (worst.kind) {
                    case BALANCE ->
                            "balance of "
                                    + node(p, i)
                                    + " (x = "
                                    + x[i]
                                    + " kW, trades "
                                    + nf[i]
                                    + " kW)";
                    case BOUNDS ->
                            "bounds of "
                                    + node(p, i)
                                    + " (x = "
                                    + x[i]
                                    + " kW outside ["
                                    + lo[i]
                                    + ", "
                                    + hi[i]
                                    + "])";
                    case STATIONARITY ->
                            "stationarity of "
                                    + node(p, i)
                                    + " (a x + b - y = "
                                    + (a[i] * x[i] + b[i] - yNode[i])
                                    + " $/kW at x = "
                                    + x[i]
                                    + " kW in ["
                                    + lo[i]
                                    + ", "
                                    + hi[i]
                                    + "])";
                    case REDUCED_COST ->
                            "reduced cost of the trade "
                                    + node(p, tail[i])
                                    + " -> "
                                    + node(p, head[i])
                                    + " ("
                                    + (w[i] + y[tail[i]] - y[head[i]])
                                    + " $/kW with flow "
                                    + f[i]
                                    + " kW)";
                    case COMPLEMENTARITY ->
                            "complementarity of the trade "
                                    + node(p, tail[i])
                                    + " -> "
                                    + node(p, head[i])
                                    + " (flow "
                                    + f[i]
                                    + " kW at reduced cost "
                                    + (w[i] + y[tail[i]] - y[head[i]])
                                    + " $/kW)";
                    case FLOW ->
                            "flow of the trade "
                                    + node(p, tail[i])
                                    + " -> "
                                    + node(p, head[i])
                                    + " ("
                                    + f[i]
                                    + " kW)";
                    case SIDE -> "side constraint " + i + " of peer " + p.peerLabel(p.sidePeer(i));
                    case COUPLING -> "coupling constraint " + p.couplingLabel(i);
                };
        String unit =
                worst.kind == Kind.STATIONARITY || worst.kind == Kind.REDUCED_COST
                        ? "$/kW"
                        : worst.kind == Kind.COMPLEMENTARITY ? "$" : "kW";
        return String.format(
                Locale.ROOT,
                "%s: residual %.3g %s, %.3g times its limit %.3g %s",
                where,
                worst.value,
                unit,
                worst.relative / tol,
                worst.limit,
                unit);
    }

    private enum Kind {
        BALANCE,
        BOUNDS,
        STATIONARITY,
        REDUCED_COST,
        COMPLEMENTARITY,
        FLOW,
        SIDE,
        COUPLING
    }

    /**
     * Each node's quantity scale {@code max(|x_k|, min(hi_k - lo_k, V))}, with {@code V} the volume
     * the point trades (the sum of its positive injections), and price scale {@code max(|b_k|, a_k
     * |x_k|)}: the terms of its own marginal cost at the point (the stationarity test also takes
     * the node's price), so that neither a slack bound of 1e15 kW nor a stiff peer's range sets
     * anyone's tolerance: a peer with {@code a = 1000} on a 1e6 kW range producing 1e-4 kW is
     * priced at its marginal cost, not at 1e9 $/kW.
     */
    static void scales(
            double[] a, double[] b, double[] lo, double[] hi, double[] x, double[] q, double[] p) {
        double volume = 0;
        for (double v : x) {
            volume += Math.max(0, v);
        }
        for (int k = 0; k < x.length; k++) {
            q[k] = Math.max(Math.abs(x[k]), Math.min(hi[k] - lo[k], volume));
            p[k] = Math.max(Math.abs(b[k]), a[k] * Math.abs(x[k]));
        }
    }

    /**
     * A side or coupling row, relative to its right-hand side and the terms and scales of its
     * nodes.
     */
    /**
     * The smallest quantity scale, kW: a millionth of the traded volume (or 1e-12 of the largest
     * scale when nothing trades), so that a peer fixed at zero compares its crossover dust with the
     * market it sits in rather than with nothing; in a market without any quantity scale ({@code
     * qMax == 0} and nothing traded: every set-point 0, say every peer's bounds 0 kW, where the
     * only feasible point trades nothing) 1 kW, since there is no quantity in the market to be
     * relative to (a floor of {@code 1e-12 * Double.MIN_NORMAL} gave limits that underflow, and the
     * interior point ran some 136 iterations on such markets with side constraints).
     */
    static double quantityFloor(double[] x, double qMax) {
        double volume = 0;
        for (double v : x) {
            volume += Math.max(0, v);
        }
        return qMax > 0 || volume > 0 ? Math.max(1e-6 * volume, 1e-12 * qMax) : 1;
    }

    /**
     * The smallest price scale, $/kWh: {@code 1e-12} of the market's largest price term {@code
     * pMax}, so that exact zeros compare; in a market without any cost ({@code pMax == 0}: every
     * {@code a}, {@code b} and trade cost zero, say a community at a grid price of 0, where every
     * feasible point is optimal and every price 0) the unit price, 1 $/kWh, since there is no price
     * in the market to be relative to (a floor of {@code 1e-12 * Double.MIN_NORMAL} left limits
     * that underflow to 0 and failed prices of 1e-308 $/kWh).
     */
    static double priceFloor(double pMax) {
        return pMax > 0 ? 1e-12 * pMax : 1;
    }

    private static void side(
            int[] nodes,
            double[] g,
            double rhs,
            double[] x,
            double[] qs,
            double qFloor,
            double tol,
            Kind kind,
            int index,
            Worst worst) {
        double lhs = 0, scale = Math.abs(rhs);
        for (int i = 0; i < nodes.length; i++) {
            lhs += g[i] * x[nodes[i]];
            scale = Math.max(scale, Math.abs(g[i]) * Math.max(Math.abs(x[nodes[i]]), qs[nodes[i]]));
        }
        scale = Math.max(scale, qFloor);
        worst.offer((lhs - rhs) / scale, kind, index, lhs - rhs, tol * scale);
    }

    private static String node(MarketProblem p, int k) {
        return "peer "
                + p.peerLabel(p.nodePeer()[k])
                + (p.nodeCommodity()[k] == MarketProblem.POWER ? " power" : " heat");
    }

    /**
     * The largest relative residual seen, with where it is (messages are built once, at the end).
     */
    private static final class Worst {
        double relative = 0, value, limit;
        Kind kind = Kind.BALANCE;
        int index;

        void offer(double rel, Kind k, int i, double v, double lim) {
            if (rel > relative || rel != rel) {
                relative = rel != rel ? Double.POSITIVE_INFINITY : rel;
                kind = k;
                index = i;
                value = v;
                limit = lim;
            }
        }
    }
}
