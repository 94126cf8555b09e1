package org.gridbazaar.solver.support;

import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;

/**
 * How far a point and its multipliers are from the KKT conditions of a {@link MarketProblem} with
 * peer blocks (private variables, equality rows, rows over several periods), measured directly
 * against the given multipliers in time linear in the problem's size, with no search over active
 * sets. For backends that solve the whole problem as one QP and must check what they return before
 * calling it optimal.
 *
 * <p>Conventions of {@code org.gridbazaar.formulation}: balance {@code x = N f} with node prices
 * {@code y} (Lagrangian term {@code -y_k (x_k - (N f)_k)}); side row {@code r}: {@code sum_k g_rk
 * x_k + sum_v e_rv z_v <= h_r} (or {@code = h_r}) with multiplier {@code lambda_r} ({@code >= 0} on
 * {@code <=} rows). Measured:
 *
 * <ul>
 *   <li>primal (kW, or the private variable's unit): balance, node and private-variable bounds,
 *       {@code f >= 0}, side rows;
 *   <li>dual ($/kW): the stationarity residual of every node, {@code a x + b - y + sum_r g_rk
 *       lambda_r}, and of every private variable, {@code alpha z + beta + sum_r e_rv lambda_r},
 *       against the sign its bounds allow (zero strictly inside, {@code >= 0} at the lower bound,
 *       {@code <= 0} at the upper); every arc's reduced cost {@code w + y_tail - y_head}, {@code >=
 *       0} and zero where the arc carries flow; {@code lambda_r >= 0} on {@code <=} rows and zero
 *       where the row is slack.
 * </ul>
 *
 * A bound or row is active, and an arc carries flow, above {@code activity} (relative to the primal
 * scale). Primal measures are relative to the primal scale: the largest finite bound of a node or
 * private variable (at least 1). Dual measures are relative to the price scale: {@link
 * MarketProblem#priceScale()} widened by the private variables' {@code |beta|} and {@code alpha}
 * times the primal scale. Coupling constraints are measured when their multipliers are given. Those
 * scales come from the market's largest bound, so on a market with one huge bound (a 100,000 kW
 * grid connection) these measures can pass a point well short of the optimum; {@link DualityGap}
 * measures the same point and multipliers in $ against the objective's own scale.
 *
 * @param primal the largest relative primal violation
 * @param dual the largest relative dual violation
 * @param primalKw the largest primal violation, kW (or the private variable's unit)
 * @param dualPerKw the largest dual violation, $/kW
 * @param worst where the larger relative violation occurs, for messages
 */
public record BlockKkt(
        double primal, double dual, double primalKw, double dualPerKw, String worst) {

    /**
     * Measures {@code (x, f, z)} with prices {@code y} and row multipliers {@code lambda}; coupling
     * constraints are not measured.
     */
    public static BlockKkt measure(
            MarketProblem p,
            double[] x,
            double[] f,
            double[] z,
            double[] y,
            double[] lambda,
            double activity) {
        return measure(p, x, f, z, y, lambda, null, activity);
    }

    /**
     * Measures {@code (x, f, z)} with prices {@code y}, row multipliers {@code lambda} and, unless
     * {@code mu} is {@code null}, the coupling constraints' multipliers {@code mu} ($/kW, {@code >=
     * 0}: each coupling row {@code sum_k g_k x_k <= h} enters every node's stationarity as {@code +
     * g_k mu}, and is measured for feasibility, sign and complementarity).
     */
    public static BlockKkt measure(
            MarketProblem p,
            double[] x,
            double[] f,
            double[] z,
            double[] y,
            double[] lambda,
            double[] mu,
            double activity) {
        double qs = primalScale(p), ps = priceScale(p, qs), act = activity * qs;
        double[] a = p.quadratic(), b = p.linear(), lo = p.lower(), hi = p.upper();
        double[] va = p.variableQuadratic(), vb = p.variableLinear();
        double[] vlo = p.variableLower(), vhi = p.variableUpper();
        int[] tail = p.tail(), head = p.head();
        double[] w = p.arcCost();
        Worst primal = new Worst(), dual = new Worst();
        double[] n = p.injections(f);
        for (int k = 0; k < x.length; k++) {
            primal.see(Math.abs(x[k] - n[k]), "balance of node " + k);
            primal.see(lo[k] - x[k], "lower bound of node " + k);
            primal.see(x[k] - hi[k], "upper bound of node " + k);
        }
        for (int t = 0; t < f.length; t++) {
            primal.see(-f[t], "flow of arc " + t);
        }
        for (int v = 0; v < z.length; v++) {
            primal.see(vlo[v] - z[v], "lower bound of private variable " + v);
            primal.see(z[v] - vhi[v], "upper bound of private variable " + v);
        }
        double[] sx = new double[x.length], sz = new double[z.length];
        for (int k = 0; k < x.length; k++) {
            sx[k] = a[k] * x[k] + b[k] - y[k];
        }
        for (int v = 0; v < z.length; v++) {
            sz[v] = va[v] * z[v] + vb[v];
        }
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            int[] nodes = p.sideNodes(r), vars = p.sideVariables(r);
            double[] g = p.sideCoefficients(r), e = p.sideVariableCoefficients(r);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
                sx[nodes[i]] += g[i] * lambda[r];
            }
            for (int i = 0; i < vars.length; i++) {
                lhs += e[i] * z[vars[i]];
                sz[vars[i]] += e[i] * lambda[r];
            }
            double slack = p.sideRhs(r) - lhs;
            String row = "row " + p.sideName(r) + " (" + r + ") of " + p.peerLabel(p.sidePeer(r));
            if (p.sideIsEquality(r)) {
                primal.see(Math.abs(slack), row);
            } else {
                primal.see(-slack, row);
                dual.see(-lambda[r], "sign of the multiplier of " + row);
                if (slack > act) {
                    dual.see(Math.abs(lambda[r]), "multiplier of slack " + row);
                }
            }
        }
        for (int r = 0; mu != null && r < p.couplingConstraintCount(); r++) {
            int[] nodes = p.couplingNodes(r);
            double[] g = p.couplingCoefficients(r);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
                sx[nodes[i]] += g[i] * mu[r];
            }
            double slack = p.couplingRhs(r) - lhs;
            String row = "coupling constraint " + p.couplingLabel(r);
            primal.see(-slack, row);
            dual.see(-mu[r], "sign of the multiplier of " + row);
            if (slack > act) {
                dual.see(Math.abs(mu[r]), "multiplier of slack " + row);
            }
        }
        for (int k = 0; k < x.length; k++) {
            dual.see(
                    boundedResidual(sx[k], x[k] - lo[k] <= act, hi[k] - x[k] <= act),
                    "stationarity of node " + k + " of " + p.peerLabel(p.nodePeer()[k]));
        }
        for (int v = 0; v < z.length; v++) {
            dual.see(
                    boundedResidual(sz[v], z[v] - vlo[v] <= act, vhi[v] - z[v] <= act),
                    "stationarity of private variable "
                            + p.variableName(v)
                            + " of "
                            + p.peerLabel(p.variablePeer(v)));
        }
        for (int t = 0; t < f.length; t++) {
            double rc = w[t] + y[tail[t]] - y[head[t]];
            dual.see(f[t] > act ? Math.abs(rc) : -rc, "reduced cost of arc " + t);
        }
        double rp = primal.value / qs, rd = dual.value / ps;
        return new BlockKkt(
                rp,
                rd,
                primal.value,
                dual.value,
                String.format(
                        Locale.ROOT,
                        rp >= rd ? "%s (%.3g kW)" : "%s (%.3g $/kW)",
                        rp >= rd ? primal.where : dual.where,
                        rp >= rd ? primal.value : dual.value));
    }

    /** The largest finite bound magnitude of a node or private variable, at least 1. */
    public static double primalScale(MarketProblem p) {
        double s = p.injectionScale();
        for (double v : p.variableLower()) {
            s = Double.isFinite(v) ? Math.max(s, Math.abs(v)) : s;
        }
        for (double v : p.variableUpper()) {
            s = Double.isFinite(v) ? Math.max(s, Math.abs(v)) : s;
        }
        return s;
    }

    static double priceScale(MarketProblem p, double primalScale) {
        double s = p.priceScale();
        double[] va = p.variableQuadratic(), vb = p.variableLinear();
        for (int v = 0; v < va.length; v++) {
            s = Math.max(s, Math.max(Math.abs(vb[v]), va[v] * primalScale));
        }
        return s;
    }

    /**
     * The violation of a stationarity residual {@code s} of a variable: none of its sign when the
     * variable is at its lower bound ({@code s >= 0} allowed) or upper bound ({@code s <= 0}
     * allowed), {@code |s|} strictly inside, nothing when it is at both (fixed).
     */
    private static double boundedResidual(double s, boolean atLower, boolean atUpper) {
        if (atLower && atUpper) {
            return 0;
        }
        if (atLower) {
            return Math.max(0, -s);
        }
        if (atUpper) {
            return Math.max(0, s);
        }
        return Math.abs(s);
    }

    private static final class Worst {
        double value;
        String where = "nowhere";

        void see(double v, String at) {
            if (v > value || Double.isNaN(v)) {
                value = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
                where = at;
            }
        }
    }
}
