package org.gridbazaar.testkit;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * Measures how far a {@link ProblemSolution} is from the KKT conditions of its {@link
 * MarketProblem}, in the canonical form and dual sign convention of {@code
 * org.gridbazaar.formulation} (Lagrangian term {@code -y_k (x_k - (N f)_k)}, so {@code y_k = a_k
 * x_k + b_k} at a node strictly inside its bounds):
 *
 * <ul>
 *   <li>primal: balance {@code x = N f} ({@code N} is +1 at an arc's tail, -1 at its head), {@code
 *       lo <= x <= hi}, {@code f >= 0}, side and coupling constraints {@code sum g x <= h} (kW,
 *       both reported as "side");
 *   <li>dual feasibility of arcs: reduced cost {@code rc_t = w_t + y_tail - y_head >= 0}, with
 *       {@code w = sellerCost + buyerCost} ($/kW);
 *   <li>complementarity: {@code f_t * rc_t = 0} ($);
 *   <li>stationarity per node ($/kW): {@code a x + b - y} is 0 strictly inside the bounds, {@code
 *       >= 0} at {@code lo}, {@code <= 0} at {@code hi}. For a peer with side constraints (a CHP
 *       polygon), {@code a x + b - y = -G' lambda + mu_lo - mu_hi} with non-negative multipliers of
 *       the active constraints only; they are recovered by an exact small non-negative least
 *       squares and the residual is reported.
 * </ul>
 *
 * A constraint is active when its slack is at most {@code tol * injectionScale()}.
 *
 * <p>Problems with peer blocks ({@link MarketProblem#hasPeerBlocks()}: private variables and
 * equality rows, as markets over time have) and solutions that return their side constraints'
 * multipliers are checked directly against those multipliers, in time linear in the problem's size,
 * with no search over active sets: the rows (with their private-variable terms, equalities to
 * within the tolerance), the private variables' bounds, {@code lambda_r >= 0} on {@code <=} rows
 * and their complementarity, and stationarity of every node ({@code a x + b - y + sum_r g_rk
 * lambda_r + sum_l G_lk mu_l}) and every private variable ({@code alpha z + beta + sum_r e_rv
 * lambda_r}) against the sign its bounds allow.
 *
 * <p>Stateless; every method is a pure function of its arguments.
 */
public final class KktChecker {

    /** Default relative tolerance of {@link #check(MarketProblem, ProblemSolution)}. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private KktChecker() {}

    /**
     * Maximum violations of one solution, each with where it occurs.
     *
     * @param balance max {@code |x - N f|}, kW
     * @param bounds max violation of {@code lo <= x <= hi}, kW
     * @param negativeFlow max {@code -f_t} over arcs with negative flow, kW (0 when none)
     * @param side max violation of the side constraints, kW
     * @param arcDual max {@code -rc_t} over arcs with negative reduced cost, $/kW
     * @param complementarity max {@code |f_t * rc_t|}, $
     * @param stationarity max stationarity residual of a node or peer, $/kW
     * @param injectionScale the problem's injection scale, kW
     * @param priceScale the problem's price scale, $/kW
     * @param worst for each non-zero measure, a line saying where it is largest
     */
    public record Report(
            double balance,
            double bounds,
            double negativeFlow,
            double side,
            double arcDual,
            double complementarity,
            double stationarity,
            double injectionScale,
            double priceScale,
            List<String> worst) {

        public Report {
            worst = List.copyOf(worst);
        }

        /** The largest primal violation, kW. */
        public double primal() {
            return Math.max(Math.max(balance, bounds), Math.max(negativeFlow, side));
        }

        /** The largest dual violation (arc dual feasibility and stationarity), $/kW. */
        public double dual() {
            return Math.max(arcDual, stationarity);
        }

        /**
         * The violations that exceed a relative tolerance, one line each naming the node, arc or
         * peer; empty when the solution passes.
         */
        public List<String> failures(double tol) {
            double p = tol * injectionScale,
                    d = tol * priceScale,
                    c = tol * injectionScale * priceScale;
            List<String> out = new ArrayList<>();
            for (String w : worst) {
                String kind = w.substring(0, w.indexOf(':'));
                double limit =
                        switch (kind) {
                            case "balance", "bounds", "negativeFlow", "side" -> p;
                            case "complementarity" -> c;
                            default -> d;
                        };
                double value =
                        switch (kind) {
                            case "balance" -> balance;
                            case "bounds" -> bounds;
                            case "negativeFlow" -> negativeFlow;
                            case "side" -> side;
                            case "arcDual" -> arcDual;
                            case "complementarity" -> complementarity;
                            default -> stationarity;
                        };
                if (value > limit) {
                    out.add(w + " (limit " + limit + ")");
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "KKT[balance %.3g kW, bounds %.3g kW, f<0 %.3g kW, side %.3g kW, arc dual %.3g $/kW, "
                            + "complementarity %.3g $, stationarity %.3g $/kW; scales %.3g kW, %.3g $/kW]",
                    balance,
                    bounds,
                    negativeFlow,
                    side,
                    arcDual,
                    complementarity,
                    stationarity,
                    injectionScale,
                    priceScale);
        }
    }

    /** Measures a solution with the default activity tolerance {@value #DEFAULT_TOLERANCE}. */
    public static Report check(MarketProblem problem, ProblemSolution solution) {
        return check(problem, solution, DEFAULT_TOLERANCE);
    }

    /**
     * Measures a solution; {@code tol} (relative) decides which bounds and side constraints count
     * as active.
     *
     * @throws IllegalArgumentException if the solution carries no point or has the wrong sizes
     */
    public static Report check(MarketProblem problem, ProblemSolution solution, double tol) {
        if (!solution.hasPoint()) {
            throw new IllegalArgumentException(
                    "solution of "
                            + problem.name()
                            + " has no point (status "
                            + solution.status()
                            + ")");
        }
        double[] x = solution.x(), f = solution.f(), y = solution.y();
        int n = problem.nodeCount(), m = problem.arcCount();
        if (x.length != n || f.length != m || y.length != n) {
            throw new IllegalArgumentException(
                    "solution sizes x "
                            + x.length
                            + ", f "
                            + f.length
                            + ", y "
                            + y.length
                            + " do not match problem "
                            + problem
                            + "; maybe the solver returned no multipliers");
        }
        double[] a = problem.quadratic(),
                b = problem.linear(),
                lo = problem.lower(),
                hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head();
        double[] w = problem.arcCost();
        double scale = problem.injectionScale();
        double priceScale = priceScale(problem);
        double act = tol * scale;
        Worst balance = new Worst("balance", "kW"),
                bounds = new Worst("bounds", "kW"),
                neg = new Worst("negativeFlow", "kW"),
                side = new Worst("side", "kW"),
                arcDual = new Worst("arcDual", "$/kW"),
                comp = new Worst("complementarity", "$"),
                stat = new Worst("stationarity", "$/kW");
        double[] nf = problem.injections(f);
        int[] nodePeer = problem.nodePeer(), nodeCommodity = problem.nodeCommodity();
        java.util.function.IntFunction<String> nodeName =
                k ->
                        "node "
                                + k
                                + " (peer "
                                + problem.peerLabel(nodePeer[k])
                                + " "
                                + (nodeCommodity[k] == MarketProblem.POWER ? "power" : "heat")
                                + (problem.periodCount() > 1
                                        ? " t=" + problem.nodeKey(k).period()
                                        : "")
                                + ")";
        for (int k = 0; k < n; k++) {
            balance.offer(
                    Math.abs(x[k] - nf[k]),
                    i -> nodeName.apply(i) + ": x = " + x[i] + " but N f = " + nf[i],
                    k);
            bounds.offer(
                    lo[k] - x[k],
                    i -> nodeName.apply(i) + ": x = " + x[i] + " below lo = " + lo[i],
                    k);
            bounds.offer(
                    x[k] - hi[k],
                    i -> nodeName.apply(i) + ": x = " + x[i] + " above hi = " + hi[i],
                    k);
        }
        java.util.function.IntFunction<String> arcName =
                t ->
                        "arc "
                                + t
                                + " ("
                                + nodeName.apply(tail[t])
                                + " -> "
                                + nodeName.apply(head[t])
                                + ")";
        for (int t = 0; t < m; t++) {
            neg.offer(-f[t], i -> arcName.apply(i) + ": f = " + f[i], t);
            double rc = w[t] + y[tail[t]] - y[head[t]];
            arcDual.offer(
                    -rc,
                    i -> arcName.apply(i) + ": reduced cost w + y_tail - y_head = " + rc + " < 0",
                    t);
            comp.offer(
                    Math.abs(f[t] * rc),
                    i -> arcName.apply(i) + ": f = " + f[i] + " with reduced cost " + rc,
                    t);
        }
        int sides = problem.sideConstraintCount();
        double[] lambda = solution.sideDuals();
        boolean direct = problem.hasPeerBlocks() || (sides > 0 && lambda.length == sides);
        if (direct) {
            Worst[] all = {balance, bounds, neg, side, arcDual, comp, stat};
            checkBlocks(
                    problem,
                    solution,
                    x,
                    lambda,
                    act,
                    priceScale,
                    bounds,
                    side,
                    arcDual,
                    comp,
                    stat,
                    nodeName);
            List<String> worst = new ArrayList<>();
            for (Worst wst : all) {
                if (wst.value > 0) {
                    worst.add(
                            wst.kind + ": " + wst.where + " (" + wst.value + " " + wst.unit + ")");
                }
            }
            return new Report(
                    balance.value,
                    bounds.value,
                    neg.value,
                    side.value,
                    arcDual.value,
                    comp.value,
                    stat.value,
                    scale,
                    priceScale,
                    worst);
        }
        List<List<Integer>> sidesOfPeer = new ArrayList<>();
        for (int p = 0; p < problem.peerCount(); p++) {
            sidesOfPeer.add(new ArrayList<>());
        }
        for (int r = 0; r < sides; r++) {
            int[] nodes = problem.sideNodes(r);
            double[] g = problem.sideCoefficients(r);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
            }
            side.offer(
                    lhs - problem.sideRhs(r),
                    "peer "
                            + problem.peerLabel(problem.sidePeer(r))
                            + " side constraint "
                            + r
                            + ": g x = "
                            + lhs
                            + " > h = "
                            + problem.sideRhs(r));
            sidesOfPeer.get(problem.sidePeer(r)).add(r);
        }
        // coupling constraints (line limits): feasibility, mu >= 0, complementarity; their
        // multipliers shift each node's stationarity by (G' mu)_k
        // coupling constraints (line limits): their multipliers shift each node's price by -(G'
        // mu)_k
        double[] yNode = y.clone();
        checkCouplings(problem, solution, x, priceScale, side, arcDual, comp, stat, yNode, -1);
        for (int p = 0; p < problem.peerCount(); p++) {
            int[] nodes = problem.nodesOfPeer(p);
            if (sidesOfPeer.get(p).isEmpty()) {
                for (int k : nodes) {
                    double r = a[k] * x[k] + b[k] - yNode[k];
                    boolean atLo = x[k] - lo[k] <= act, atHi = hi[k] - x[k] <= act;
                    double v =
                            atLo && atHi
                                    ? 0
                                    : atLo ? Math.max(0, -r) : atHi ? Math.max(0, r) : Math.abs(r);
                    stat.offer(
                            v,
                            i ->
                                    nodeName.apply(i)
                                            + ": a x + b - y = "
                                            + r
                                            + " at x = "
                                            + x[i]
                                            + " in ["
                                            + lo[i]
                                            + ", "
                                            + hi[i]
                                            + "]",
                            k);
                }
            } else {
                double v = peerStationarity(problem, p, nodes, sidesOfPeer.get(p), x, yNode, act);
                stat.offer(
                        v,
                        "peer "
                                + problem.peerLabel(p)
                                + ": no non-negative multipliers of its active bounds and side "
                                + "constraints explain a x + b - y (least-squares residual "
                                + v
                                + ")");
            }
        }
        List<String> worst = new ArrayList<>();
        for (Worst wst : List.of(balance, bounds, neg, side, arcDual, comp, stat)) {
            if (wst.value > 0) {
                worst.add(wst.kind + ": " + wst.where + " (" + wst.value + " " + wst.unit + ")");
            }
        }
        return new Report(
                balance.value,
                bounds.value,
                neg.value,
                side.value,
                arcDual.value,
                comp.value,
                stat.value,
                scale,
                priceScale,
                worst);
    }

    /**
     * Asserts that {@code solution} has a point that satisfies the KKT conditions of {@code
     * problem} to relative tolerance {@code tol}; the failure message names every violated
     * condition with its node, arc or peer and amount.
     */
    public static Report assertKkt(MarketProblem problem, ProblemSolution solution, double tol) {
        if (!solution.status().hasSolution() || !solution.hasPoint()) {
            throw new AssertionError(
                    "expected a solution of "
                            + problem
                            + ", got status "
                            + solution.status()
                            + " "
                            + solution.message());
        }
        Report report = check(problem, solution, tol);
        List<String> failures = report.failures(tol);
        if (!failures.isEmpty()) {
            throw new AssertionError(
                    "KKT conditions of "
                            + problem
                            + " violated by solver "
                            + solution.solver()
                            + " (relative tol "
                            + tol
                            + "):\n  "
                            + String.join("\n  ", failures)
                            + "\n  "
                            + report);
        }
        return report;
    }

    /**
     * The direct check of side rows, private variables, coupling rows and stationarity against the
     * returned multipliers (see the class documentation); linear in the problem's size.
     */
    private static void checkBlocks(
            MarketProblem problem,
            ProblemSolution solution,
            double[] x,
            double[] lambda,
            double act,
            double priceScale,
            Worst bounds,
            Worst side,
            Worst rowDual,
            Worst comp,
            Worst stat,
            java.util.function.IntFunction<String> nodeName) {
        int n = problem.nodeCount(),
                nv = problem.variableCount(),
                sides = problem.sideConstraintCount();
        double[] z = solution.privateVariables();
        if (z.length != nv) {
            stat.offer(
                    priceScale,
                    "solver "
                            + solution.solver()
                            + " returned "
                            + z.length
                            + " private variables for "
                            + nv);
            return;
        }
        if (lambda.length != sides) {
            stat.offer(
                    priceScale,
                    "solver "
                            + solution.solver()
                            + " returned "
                            + lambda.length
                            + " side multipliers for "
                            + sides
                            + " rows of the peers' blocks; the direct check needs them");
            return;
        }
        double[] a = problem.quadratic(),
                b = problem.linear(),
                lo = problem.lower(),
                hi = problem.upper();
        double[] va = problem.variableQuadratic(), vb = problem.variableLinear();
        double[] vlo = problem.variableLower(), vhi = problem.variableUpper();
        double[] y = solution.y();
        // gradient of the Lagrangian: a x + b - y + G' mu + sum_r g_r lambda_r, alpha z + beta +
        // sum_r e_r lambda_r
        double[] gx = new double[n], gz = new double[nv];
        for (int k = 0; k < n; k++) {
            gx[k] = a[k] * x[k] + b[k] - y[k];
        }
        for (int v = 0; v < nv; v++) {
            gz[v] = va[v] * z[v] + vb[v];
            bounds.offer(
                    vlo[v] - z[v],
                    i -> variableName(problem, i) + ": z = " + z[i] + " below lo = " + vlo[i],
                    v);
            bounds.offer(
                    z[v] - vhi[v],
                    i -> variableName(problem, i) + ": z = " + z[i] + " above hi = " + vhi[i],
                    v);
        }
        for (int r = 0; r < sides; r++) {
            int[] nodes = problem.sideNodes(r), vars = problem.sideVariables(r);
            double[] g = problem.sideCoefficients(r), e = problem.sideVariableCoefficients(r);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
                gx[nodes[i]] += g[i] * lambda[r];
            }
            for (int j = 0; j < vars.length; j++) {
                lhs += e[j] * z[vars[j]];
                gz[vars[j]] += e[j] * lambda[r];
            }
            double h = problem.sideRhs(r), l = lhs;
            java.util.function.IntFunction<String> row =
                    i ->
                            "peer "
                                    + problem.peerLabel(problem.sidePeer(i))
                                    + " row "
                                    + i
                                    + (problem.sideName(i).isEmpty()
                                            ? ""
                                            : " (" + problem.sideName(i) + ")");
            if (problem.sideIsEquality(r)) {
                side.offer(
                        Math.abs(lhs - h), i -> row.apply(i) + ": lhs = " + l + " but = " + h, r);
            } else {
                side.offer(lhs - h, i -> row.apply(i) + ": lhs = " + l + " > " + h, r);
                rowDual.offer(
                        -lambda[r],
                        i -> row.apply(i) + ": multiplier " + lambda[i] + " < 0 on a <= row",
                        r);
                comp.offer(
                        Math.abs(lambda[r] * (h - lhs)),
                        i -> row.apply(i) + ": multiplier " + lambda[i] + " with slack " + (h - l),
                        r);
            }
        }
        checkCouplings(problem, solution, x, priceScale, side, rowDual, comp, stat, gx, +1);
        for (int k = 0; k < n; k++) {
            stat.offer(
                    signViolation(gx[k], x[k], lo[k], hi[k], act),
                    i ->
                            nodeName.apply(i)
                                    + ": gradient of the Lagrangian "
                                    + gx[i]
                                    + " at x = "
                                    + x[i]
                                    + " in ["
                                    + lo[i]
                                    + ", "
                                    + hi[i]
                                    + "]",
                    k);
        }
        for (int v = 0; v < nv; v++) {
            stat.offer(
                    signViolation(gz[v], z[v], vlo[v], vhi[v], act),
                    i ->
                            variableName(problem, i)
                                    + ": gradient of the Lagrangian "
                                    + gz[i]
                                    + " at z = "
                                    + z[i]
                                    + " in ["
                                    + vlo[i]
                                    + ", "
                                    + vhi[i]
                                    + "]",
                    v);
        }
    }

    /**
     * Coupling constraints (line limits): feasibility, {@code mu >= 0} and complementarity; adds
     * {@code sign * G' mu} to {@code shifted} (node prices or the Lagrangian's gradient).
     */
    private static void checkCouplings(
            MarketProblem problem,
            ProblemSolution solution,
            double[] x,
            double priceScale,
            Worst side,
            Worst rowDual,
            Worst comp,
            Worst stat,
            double[] shifted,
            int sign) {
        int couplings = problem.couplingConstraintCount();
        double[] mu = solution.couplingDuals();
        if (couplings > 0 && mu.length != couplings) {
            stat.offer(
                    priceScale,
                    "solver "
                            + solution.solver()
                            + " returned "
                            + mu.length
                            + " multipliers for "
                            + couplings
                            + " coupling constraints");
        }
        for (int r = 0; r < couplings; r++) {
            int[] nodes = problem.couplingNodes(r);
            double[] g = problem.couplingCoefficients(r);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
            }
            String label = problem.couplingLabel(r);
            side.offer(
                    lhs - problem.couplingRhs(r),
                    "coupling constraint "
                            + label
                            + ": G x = "
                            + lhs
                            + " > "
                            + problem.couplingRhs(r));
            if (mu.length == couplings) {
                rowDual.offer(
                        -mu[r], "coupling constraint " + label + ": multiplier " + mu[r] + " < 0");
                comp.offer(
                        Math.abs(mu[r] * (problem.couplingRhs(r) - lhs)),
                        "coupling constraint "
                                + label
                                + ": multiplier "
                                + mu[r]
                                + " with slack "
                                + (problem.couplingRhs(r) - lhs)
                                + " kW");
                for (int i = 0; i < nodes.length; i++) {
                    shifted[nodes[i]] += sign * g[i] * mu[r];
                }
            }
        }
    }

    /**
     * How far a gradient is from what the bounds allow: 0 inside, {@code >= 0} at lo, {@code <= 0}
     * at hi.
     */
    private static double signViolation(
            double gradient, double v, double lo, double hi, double act) {
        boolean atLo = v - lo <= act, atHi = hi - v <= act;
        return atLo && atHi
                ? 0
                : atLo ? Math.max(0, -gradient) : atHi ? Math.max(0, gradient) : Math.abs(gradient);
    }

    private static String variableName(MarketProblem problem, int v) {
        return "variable "
                + v
                + " (peer "
                + problem.peerLabel(problem.variablePeer(v))
                + " "
                + problem.variableName(v)
                + " t="
                + problem.variablePeriod(v)
                + ")";
    }

    /** The price scale of a problem, $/kW ({@link MarketProblem#priceScale()}). */
    public static double priceScale(MarketProblem problem) {
        return problem.priceScale();
    }

    /**
     * Residual of {@code a x + b - y = sum_j z_j c_j, z >= 0} over the columns {@code c_j} of the
     * peer's active constraints ({@code -g_r} for a side constraint, {@code +e_k} at a lower bound,
     * {@code -e_k} at an upper bound). By Caratheodory a point of the cone is a non-negative
     * combination of at most {@code d} (number of the peer's nodes) linearly independent columns,
     * so enumerating the subsets of size up to {@code d} solves the non-negative least squares
     * exactly.
     */
    private static double peerStationarity(
            MarketProblem problem,
            int p,
            int[] nodes,
            List<Integer> sides,
            double[] x,
            double[] y,
            double act) {
        double[] a = problem.quadratic(),
                b = problem.linear(),
                lo = problem.lower(),
                hi = problem.upper();
        int d = nodes.length;
        double[] r = new double[d];
        for (int i = 0; i < d; i++) {
            int k = nodes[i];
            r[i] = a[k] * x[k] + b[k] - y[k];
        }
        List<double[]> cols = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            int k = nodes[i];
            if (x[k] - lo[k] <= act) {
                double[] c = new double[d];
                c[i] = 1;
                cols.add(c);
            }
            if (hi[k] - x[k] <= act) {
                double[] c = new double[d];
                c[i] = -1;
                cols.add(c);
            }
        }
        for (int s : sides) {
            int[] sn = problem.sideNodes(s);
            double[] g = problem.sideCoefficients(s);
            double lhs = 0;
            double[] c = new double[d];
            for (int j = 0; j < sn.length; j++) {
                lhs += g[j] * x[sn[j]];
                for (int i = 0; i < d; i++) {
                    if (nodes[i] == sn[j]) {
                        c[i] -= g[j];
                    }
                }
            }
            // side rows are normalised (unit coefficient vectors), so the slack is a distance in kW
            if (problem.sideRhs(s) - lhs <= act) {
                cols.add(c);
            }
        }
        double best = norm(r);
        int q = cols.size();
        int[] idx = new int[Math.min(d, q)];
        for (int size = 1; size <= Math.min(d, q); size++) {
            best = Math.min(best, subsets(cols, r, idx, size, 0, 0, best));
        }
        return best;
    }

    private static double subsets(
            List<double[]> cols,
            double[] r,
            int[] idx,
            int size,
            int depth,
            int from,
            double best) {
        if (depth == size) {
            return Math.min(best, fit(cols, r, idx, size));
        }
        for (int j = from; j < cols.size(); j++) {
            idx[depth] = j;
            best = subsets(cols, r, idx, size, depth + 1, j + 1, best);
        }
        return best;
    }

    /**
     * Least squares on the chosen columns; infinity when singular or when a coefficient is
     * negative.
     */
    private static double fit(List<double[]> cols, double[] r, int[] idx, int s) {
        int d = r.length;
        double[][] mtx = new double[s][s + 1];
        for (int i = 0; i < s; i++) {
            double[] ci = cols.get(idx[i]);
            for (int j = 0; j < s; j++) {
                double[] cj = cols.get(idx[j]);
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += ci[k] * cj[k];
                }
                mtx[i][j] = dot;
            }
            double rhs = 0;
            for (int k = 0; k < d; k++) {
                rhs += ci[k] * r[k];
            }
            mtx[i][s] = rhs;
        }
        for (int c = 0; c < s; c++) {
            int piv = c;
            for (int i = c + 1; i < s; i++) {
                if (Math.abs(mtx[i][c]) > Math.abs(mtx[piv][c])) {
                    piv = i;
                }
            }
            if (Math.abs(mtx[piv][c]) < 1e-12) {
                return Double.POSITIVE_INFINITY;
            }
            double[] tmp = mtx[c];
            mtx[c] = mtx[piv];
            mtx[piv] = tmp;
            for (int i = 0; i < s; i++) {
                if (i != c) {
                    double fct = mtx[i][c] / mtx[c][c];
                    for (int j = c; j <= s; j++) {
                        mtx[i][j] -= fct * mtx[c][j];
                    }
                }
            }
        }
        double[] res = r.clone();
        for (int i = 0; i < s; i++) {
            double z = mtx[i][s] / mtx[i][i];
            if (z < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double[] ci = cols.get(idx[i]);
            for (int k = 0; k < d; k++) {
                res[k] -= z * ci[k];
            }
        }
        return norm(res);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    private static final class Worst {
        final String kind, unit;
        double value;
        String where = "";

        Worst(String kind, String unit) {
            this.kind = kind;
            this.unit = unit;
        }

        /**
         * Offers {@code v}, describing it only when it is the worst so far (messages cost more than
         * checks).
         */
        void offer(double v, java.util.function.IntFunction<String> at, int i) {
            if (v > value || Double.isNaN(v)) {
                offer(v, at.apply(i));
            }
        }

        void offer(double v, String at) {
            if (v > value || Double.isNaN(v)) {
                value = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
                where = at;
            }
        }
    }
}
