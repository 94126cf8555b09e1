package org.gridbazaar.solver.support;

import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;

/**
 * The duality gap of a point of a {@link MarketProblem} and its multipliers: the point's objective
 * ($) minus the Lagrangian dual function at the multipliers, which is a lower bound on the optimal
 * objective. The gap is small only when both the point and the multipliers are nearly optimal, and
 * unlike {@link BlockKkt}'s residuals it is measured in $ against the objective's own scale, so one
 * large bound (a 100,000 kW grid connection) does not make it loose. Computed in closed form in
 * time linear in the problem's size.
 *
 * <p>Conventions are {@link BlockKkt}'s: node prices {@code y} ($/kW) with Lagrangian term {@code
 * -y_k (x_k - (N f)_k)}; side row {@code r} ({@code sum_k g_rk x_k + sum_v e_rv z_v <= h_r}, or
 * {@code = h_r}) with multiplier {@code lambda_r}; coupling row {@code sum_k g_k x_k <= h} with
 * multiplier {@code mu}. Multipliers of {@code <=} rows are projected on {@code >= 0} before the
 * dual function is evaluated (any such multipliers give a valid bound). The dual function
 * separates: every node minimises {@code 0.5 a x^2 + s_k x} over {@code [lo, hi]} with {@code s_k =
 * b_k - y_k + sum_r g_rk lambda_r + sum g_k mu}, every private variable {@code 0.5 alpha z^2 + s_v
 * z} over its bounds, every arc {@code rc_t f} over {@code 0 <= f <= F_t} (next paragraph) with the
 * reduced cost {@code rc_t = w_t + y_tail - y_head}; minus {@code sum lambda_r h_r + sum mu h}. The
 * gap is returned as the sum of its parts, each non-negative at a point that meets every bound and
 * row: each variable's excess over its own minimum of the Lagrangian, each row's complementarity
 * {@code lambda_r (h_r - row_r)}, each node's {@code y_k (x_k - (N f)_k)} (zero at a balanced
 * point).
 *
 * <p>An arc's flow has no upper bound, so with a negative reduced cost the dual function would be
 * {@code -infinity}. The gap instead bounds every arc's flow by what its component of the network
 * can supply and take ({@code flowBounds}): some optimum has no flow above that, so the dual
 * function over those boxes is still a lower bound on the optimal objective, and a negative reduced
 * cost {@code rc} adds {@code |rc|} times the arc's unused room to the gap. So, for any multipliers
 * and up to rounding, {@code bound <= optimal objective}, and at a point that meets every bound,
 * row and balance, {@code gap >= objective - optimal objective >= 0}.
 *
 * @param objective the point's objective, $ (with the constant terms, which cancel in the gap)
 * @param bound the dual function at the multipliers, $: {@code objective - gap}
 * @param gap the duality gap, $ ({@code >= 0} up to rounding at a primal-feasible point)
 * @param scale the objective's scale, $: {@code max(1, |objective|, sum of |cost| of every node,
 *     arc and private variable at the point)}
 * @param largest the part that contributes most to the gap, for messages
 */
public record DualityGap(double objective, double bound, double gap, double scale, String largest) {

    /** The gap relative to the objective's scale. */
    public double relative() {
        return gap / scale;
    }

    /**
     * Measures {@code (x, f, z)} with prices {@code y}, side-row multipliers {@code lambda} and,
     * unless {@code mu} is {@code null}, the coupling multipliers {@code mu} ({@code null} leaves
     * the coupling constraints out: the bound is then the dual function of the problem without
     * them, still a lower bound, and weaker).
     */
    public static DualityGap measure(
            MarketProblem p,
            double[] x,
            double[] f,
            double[] z,
            double[] y,
            double[] lambda,
            double[] mu) {
        double[] a = p.quadratic(), b = p.linear(), c = p.constant();
        double[] lo = p.lower(), hi = p.upper();
        double[] va = p.variableQuadratic(), vb = p.variableLinear(), vc = p.variableConstant();
        double[] vlo = p.variableLower(), vhi = p.variableUpper();
        int[] tail = p.tail(), head = p.head();
        double[] w = p.arcCost();
        Parts parts = new Parts();
        double[] sx = new double[x.length], sz = new double[z.length];
        double objective = 0, scale = 0;
        for (int k = 0; k < x.length; k++) {
            double cost = 0.5 * a[k] * x[k] * x[k] + b[k] * x[k] + c[k];
            objective += cost;
            scale += Math.abs(cost);
            sx[k] = b[k] - y[k];
        }
        for (int v = 0; v < z.length; v++) {
            double cost = 0.5 * va[v] * z[v] * z[v] + vb[v] * z[v] + vc[v];
            objective += cost;
            scale += Math.abs(cost);
            sz[v] = vb[v];
        }
        for (int t = 0; t < f.length; t++) {
            objective += w[t] * f[t];
            scale += Math.abs(w[t] * f[t]);
        }
        double[] n = p.injections(f);
        for (int k = 0; k < x.length; k++) {
            parts.add(y[k] * (x[k] - n[k]), BALANCE, k);
        }
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            int[] nodes = p.sideNodes(r), vars = p.sideVariables(r);
            double[] g = p.sideCoefficients(r), e = p.sideVariableCoefficients(r);
            double l = p.sideIsEquality(r) ? lambda[r] : Math.max(0, lambda[r]);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
                sx[nodes[i]] += g[i] * l;
            }
            for (int i = 0; i < vars.length; i++) {
                lhs += e[i] * z[vars[i]];
                sz[vars[i]] += e[i] * l;
            }
            parts.add(l * (p.sideRhs(r) - lhs), ROW, r);
        }
        for (int r = 0; mu != null && r < p.couplingConstraintCount(); r++) {
            int[] nodes = p.couplingNodes(r);
            double[] g = p.couplingCoefficients(r);
            double m = Math.max(0, mu[r]);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
                sx[nodes[i]] += g[i] * m;
            }
            parts.add(m * (p.couplingRhs(r) - lhs), COUPLING, r);
        }
        for (int k = 0; k < x.length; k++) {
            parts.add(excess(a[k], sx[k], lo[k], hi[k], x[k]), NODE, k);
        }
        for (int v = 0; v < z.length; v++) {
            parts.add(excess(va[v], sz[v], vlo[v], vhi[v], z[v]), VARIABLE, v);
        }
        double[] most = flowBounds(lo, hi, tail, head);
        for (int t = 0; t < f.length; t++) {
            double rc = w[t] + y[tail[t]] - y[head[t]];
            parts.add(excess(0, rc, 0, Math.max(most[t], f[t]), f[t]), ARC, t);
        }
        scale = Math.max(1, Math.max(scale, Math.abs(objective)));
        return new DualityGap(
                objective,
                objective - parts.sum,
                parts.sum,
                scale,
                String.format(Locale.ROOT, "%s (%.3g $)", parts.where(p), parts.largest));
    }

    /**
     * A flow no arc needs to exceed at some optimum, kW: the smaller of what the nodes joined to
     * the arc's tail by arcs can inject at most and withdraw at most. Every cycle of arcs costs
     * {@code >= 0} when the problem has an optimum, so some optimal flow has no cycle, and a flow
     * without cycles carries on each arc at most the supply (and the demand) of its component. Node
     * bounds {@code lo}, {@code hi} (kW, per node) and arcs {@code tail -> head}; one bound per
     * arc.
     */
    public static double[] flowBounds(double[] lo, double[] hi, int[] tail, int[] head) {
        int[] root = TradingComponents.of(lo.length, tail, head);
        double[] supply = new double[lo.length], demand = new double[lo.length];
        for (int k = 0; k < lo.length; k++) {
            int r = root[k];
            supply[r] += Math.max(0, hi[k]);
            demand[r] += Math.max(0, -lo[k]);
        }
        double[] most = new double[tail.length];
        for (int t = 0; t < tail.length; t++) {
            int r = root[tail[t]];
            most[t] = Math.min(supply[r], demand[r]);
        }
        return most;
    }

    /**
     * How much {@code q(v) = 0.5 a v^2 + s v} at {@code v} exceeds its minimum over {@code [lo,
     * hi]} ({@code >= 0} for {@code v} in the box); an infinite bound towards which {@code q} falls
     * without end ({@code a == 0}), which {@link MarketProblem} does not allow, is replaced by
     * {@code v}.
     */
    static double excess(double a, double s, double lo, double hi, double v) {
        double m;
        if (a > 0) {
            m = Math.min(hi, Math.max(lo, -s / a));
        } else if (s > 0) {
            m = Double.isFinite(lo) ? lo : v;
        } else if (s < 0) {
            m = Double.isFinite(hi) ? hi : v;
        } else {
            return 0;
        }
        return (v - m) * (0.5 * a * (v + m) + s);
    }

    private static final int NONE = 0, BALANCE = 1, ROW = 2, COUPLING = 3, NODE = 4;
    private static final int VARIABLE = 5, ARC = 6;

    /** The running sum of the gap's parts and where the largest of them is. */
    private static final class Parts {
        double sum, largest;
        int kind = NONE, index;

        void add(double part, int at, int i) {
            sum += part;
            if (Math.abs(part) > Math.abs(largest) || Double.isNaN(part)) {
                largest = part;
                kind = at;
                index = i;
            }
        }

        String where(MarketProblem p) {
            return switch (kind) {
                case BALANCE -> "balance of node " + index;
                case ROW ->
                        "complementarity of row "
                                + p.sideName(index)
                                + " ("
                                + index
                                + ") of "
                                + p.peerLabel(p.sidePeer(index));
                case COUPLING -> "complementarity of coupling constraint " + p.couplingLabel(index);
                case NODE ->
                        "Lagrangian of node " + index + " of " + p.peerLabel(p.nodePeer()[index]);
                case VARIABLE ->
                        "Lagrangian of private variable "
                                + p.variableName(index)
                                + " of "
                                + p.peerLabel(p.variablePeer(index));
                case ARC -> "reduced cost of arc " + index;
                default -> "nowhere";
            };
        }
    }
}
