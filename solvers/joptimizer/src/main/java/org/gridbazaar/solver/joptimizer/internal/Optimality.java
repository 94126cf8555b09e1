package org.gridbazaar.solver.joptimizer.internal;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * The optimality measures this backend reports and decides its status on, computed from the
 * point and prices alone (JOptimizer's own residuals are in its scaled units and not exposed).
 */
public final class Optimality {

    private Optimality() {
    }

    /** Max of {@code |x - N f|}, bound violations, {@code -f} and side-constraint violations, kW. */
    public static double primalResidual(MarketProblem p, double[] x, double[] f) {
        double[] nf = p.injections(f), lo = p.lower(), hi = p.upper();
        double r = 0;
        for (int k = 0; k < x.length; k++) {
            r = Math.max(r, Math.max(Math.abs(x[k] - nf[k]), Math.max(lo[k] - x[k], x[k] - hi[k])));
        }
        for (double ft : f) {
            r = Math.max(r, -ft);
        }
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            int[] nodes = p.sideNodes(s);
            double[] g = p.sideCoefficients(s);
            double lhs = 0;
            for (int i = 0; i < nodes.length; i++) {
                lhs += g[i] * x[nodes[i]];
            }
            r = Math.max(r, lhs - p.sideRhs(s));
        }
        return r;
    }

    /**
     * Max dual violation, $/kW: per node the violation of its stationarity condition (see
     * {@link PriceRecovery}), per peer with side constraints the distance of {@code y - mc} to the cone of
     * its active constraints' normals, per arc a negative reduced cost {@code w + y_tail - y_head}
     * and, on arcs carrying more than {@code act} kW, its absolute value.
     */
    public static double dualResidual(MarketProblem p, double[] x, double[] f, double[] y, double act) {
        double[] a = p.quadratic(), b = p.linear(), lo = p.lower(), hi = p.upper(), w = p.arcCost();
        int[] tail = p.tail(), head = p.head();
        boolean[] sided = new boolean[p.peerCount()];
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            sided[p.sidePeer(s)] = true;
        }
        double r = 0;
        for (int q = 0; q < p.peerCount(); q++) {
            int[] nodes = p.nodesOfPeer(q);
            if (sided[q] && nodes.length <= 2) {
                List<double[]> gens = SideGeometry.activeNormals(p, q, nodes, x, lo, hi, act);
                double[] d = new double[2];
                for (int i = 0; i < nodes.length; i++) {
                    int k = nodes[i];
                    d[i] = y[k] - (a[k] * x[k] + b[k]);
                }
                r = Math.max(r, new Plane.Cone(gens).distance(d));
                continue;
            }
            if (sided[q]) {
                return Double.POSITIVE_INFINITY; // not measured: more than two nodes under one side constraint
            }
            for (int k : nodes) {
                double g = a[k] * x[k] + b[k] - y[k];
                boolean atLo = x[k] - lo[k] <= act, atHi = hi[k] - x[k] <= act;
                r = Math.max(r, atLo && atHi ? 0 : atLo ? -g : atHi ? g : Math.abs(g));
            }
        }
        for (int t = 0; t < f.length; t++) {
            double rc = w[t] + y[tail[t]] - y[head[t]];
            r = Math.max(r, f[t] > act ? Math.abs(rc) : -rc);
        }
        return r;
    }

    /**
     * The duality gap, $: objective at {@code (x, f)} minus the Lagrangian dual function at {@code y},
     * {@code sum_k min over [lo_k, hi_k] of (0.5 a_k s^2 + (b_k - y_k) s + c_k)} (the arc terms vanish
     * when every reduced cost is non-negative, which {@link #dualResidual} measures). {@code NaN} for
     * problems with side constraints, whose per-peer minimum this does not compute.
     */
    public static double dualityGap(MarketProblem p, double[] x, double[] f, double[] y) {
        if (p.sideConstraintCount() > 0) {
            return Double.NaN;
        }
        double[] a = p.quadratic(), b = p.linear(), c = p.constant(), lo = p.lower(), hi = p.upper();
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
        return p.objective(x, f) - dual;
    }
}
