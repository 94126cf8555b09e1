package org.gridbazaar.solver.admm.internal;

/**
 * One agent's local problem (one instance per agent, reused every round with the responses' new
 * data), solved exactly without a generic QP solver:
 *
 * <pre>
 *   minimise  sum_k (0.5 a_k x_k^2 + b_k x_k) + sum_k sum_{j of k} h_kj(t_kj)
 *   subject to x_k = sum_{j of k} t_kj,  lo_k &lt;= x_k &lt;= hi_k,  sign bounds on t_kj,
 *              G x &lt;= g                      (the peer's side constraints, e.g. the CHP polygon)
 * </pre>
 *
 * with {@code h_kj} as in {@link TradeResponse}. Without side constraints each node is a 1-D search
 * on its price. With side constraints on two nodes (power and heat) the reduced objective {@code
 * V_0(x_0) + V_1(x_1)} is separable and strictly convex, and its minimiser over the polygon is
 * among: the box minimiser; the minimiser on each constraint line (a 1-D convex search on the line,
 * bisection on the derivative {@code V_k'(x) = a_k x + b_k - nu_k(x)}); each vertex of two
 * constraint lines. The feasible candidate of least cost is the optimum.
 */
final class LocalProblem {

    /** Result: aggregates (kW), node prices ($/kW) and trades per node (kW). */
    record Solution(double[] x, double[] nu, double[][] trades) {}

    private final double[] a, b, lo, hi;
    private final double[][] g;
    private final double[] rhs;
    private final TradeResponse[] resp;
    private final double[] reach;

    LocalProblem(
            double[] a,
            double[] b,
            double[] lo,
            double[] hi,
            double[][] g,
            double[] rhs,
            TradeResponse[] resp) {
        this(a, b, lo, hi, g, rhs, resp, null);
    }

    /**
     * A local problem whose root searches scale their tolerance by {@code reach} per node (kW;
     * {@code null}: the bounds).
     */
    LocalProblem(
            double[] a,
            double[] b,
            double[] lo,
            double[] hi,
            double[][] g,
            double[] rhs,
            TradeResponse[] resp,
            double[] reach) {
        this.reach = reach;
        this.a = a;
        this.b = b;
        this.lo = lo;
        this.hi = hi;
        this.g = g;
        this.rhs = rhs;
        this.resp = resp;
    }

    /** The optimum, or {@code null} if the local problem is infeasible. */
    Solution solve() {
        int n = a.length;
        for (int k = 0; k < n; k++) {
            if (!(lo[k] <= hi[k])) {
                return null;
            }
        }
        double[] x = new double[n];
        double[] nu = new double[n];
        boolean ok = true;
        for (int k = 0; k < n; k++) {
            double[] r =
                    resp[k].solveAggregate(
                            a[k],
                            b[k],
                            lo[k],
                            hi[k],
                            reach == null ? Double.POSITIVE_INFINITY : reach[k]);
            if (r == null) {
                ok = false;
                break;
            }
            nu[k] = r[0];
            x[k] = r[1];
        }
        if (ok && feasible(x, -1, -1)) {
            return finish(x, nu);
        }
        if (g.length == 0 || n != 2) {
            return null;
        }
        return polygon();
    }

    private Solution finish(double[] x, double[] nu) {
        double[][] t = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            t[k] = resp[k].trades(nu[k]);
        }
        return new Solution(x, nu, t);
    }

    private double tol(int r) {
        return 1e-9
                * Math.max(
                        1,
                        Math.abs(rhs[r])
                                + Math.abs(g[r][0]) * scale(0)
                                + Math.abs(g[r][1]) * scale(1));
    }

    private double scale(int k) {
        return Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
    }

    private boolean feasible(double[] x, int skip1, int skip2) {
        for (int r = 0; r < g.length; r++) {
            if (r == skip1 || r == skip2) {
                continue;
            }
            double s = 0;
            for (int k = 0; k < x.length; k++) {
                s += g[r][k] * x[k];
            }
            if (s > rhs[r] + tol(r)) {
                return false;
            }
        }
        return true;
    }

    /** Domain of node k: its bounds intersected with what its trades can reach. */
    private double domLo(int k) {
        return Math.max(lo[k], resp[k].minTotal());
    }

    private double domHi(int k) {
        return Math.min(hi[k], resp[k].maxTotal());
    }

    /** Node k's price at aggregate x ({@code nu_k(x)}, the inverse of its trade response). */
    private double nuAt(int k, double x) {
        if (resp[k].size() == 0) {
            return a[k] * x + b[k];
        }
        return resp[k].inverse(x);
    }

    /** {@code V_k(x)}. */
    private double value(int k, double x) {
        double v = 0.5 * a[k] * x * x + b[k] * x;
        if (resp[k].size() == 0) {
            return v;
        }
        return v + resp[k].tradeCost(resp[k].trades(nuAt(k, x)));
    }

    private double slope(int k, double x) {
        return a[k] * x + b[k] - nuAt(k, x);
    }

    private Solution polygon() {
        double l0 = domLo(0), h0 = domHi(0), l1 = domLo(1), h1 = domHi(1);
        if (l0 > h0 || l1 > h1) {
            return null;
        }
        double best = Double.POSITIVE_INFINITY;
        double[] bestX = null;
        for (int r = 0; r < g.length; r++) {
            double[] x = onLine(r, l0, h0, l1, h1);
            if (x != null && feasible(x, r, -1)) {
                double v = value(0, x[0]) + value(1, x[1]);
                if (v < best) {
                    best = v;
                    bestX = x;
                }
            }
        }
        for (int r = 0; r < g.length; r++) {
            for (int s = r + 1; s < g.length; s++) {
                double det = g[r][0] * g[s][1] - g[r][1] * g[s][0];
                if (Math.abs(det) < 1e-14 * (1 + Math.abs(g[r][0] * g[s][1]))) {
                    continue;
                }
                double x0 = (rhs[r] * g[s][1] - g[r][1] * rhs[s]) / det;
                double x1 = (g[r][0] * rhs[s] - rhs[r] * g[s][0]) / det;
                double e0 = 1e-9 * Math.max(1, scale(0)), e1 = 1e-9 * Math.max(1, scale(1));
                if (x0 < l0 - e0 || x0 > h0 + e0 || x1 < l1 - e1 || x1 > h1 + e1) {
                    continue;
                }
                double[] x = {Math.min(h0, Math.max(l0, x0)), Math.min(h1, Math.max(l1, x1))};
                if (feasible(x, r, s)) {
                    double v = value(0, x[0]) + value(1, x[1]);
                    if (v < best) {
                        best = v;
                        bestX = x;
                    }
                }
            }
        }
        if (bestX == null) {
            return null;
        }
        return finish(bestX, new double[] {nuAt(0, bestX[0]), nuAt(1, bestX[1])});
    }

    /**
     * The minimiser of {@code V_0 + V_1} on line {@code r} within the domain box, or {@code null}.
     */
    private double[] onLine(int r, double l0, double h0, double l1, double h1) {
        double g0 = g[r][0], g1 = g[r][1], h = rhs[r];
        boolean param0 = Math.abs(g1) >= Math.abs(g0);
        if (g0 == 0 && g1 == 0) {
            return null;
        }
        // parametrise by the node with the smaller coefficient: x_p = s, x_q = (h - g_p s) / g_q
        int p = param0 ? 0 : 1, q = 1 - p;
        double gp = param0 ? g0 : g1, gq = param0 ? g1 : g0;
        double lp = p == 0 ? l0 : l1,
                hp = p == 0 ? h0 : h1,
                lq = q == 0 ? l0 : l1,
                hq = q == 0 ? h0 : h1;
        double c = -gp / gq, d = h / gq;
        double sLo = lp, sHi = hp;
        if (c > 0) {
            sLo = Math.max(sLo, (lq - d) / c);
            sHi = Math.min(sHi, (hq - d) / c);
        } else if (c < 0) {
            sLo = Math.max(sLo, (hq - d) / c);
            sHi = Math.min(sHi, (lq - d) / c);
        } else if (d < lq || d > hq) {
            return null;
        }
        if (sLo > sHi) {
            return null;
        }
        double s;
        if (derivative(p, q, c, d, sLo) >= 0) {
            s = sLo;
        } else if (derivative(p, q, c, d, sHi) <= 0) {
            s = sHi;
        } else {
            double a1 = sLo, b1 = sHi;
            for (int it = 0;
                    it < 200 && b1 - a1 > 1e-13 * Math.max(1, Math.abs(a1) + Math.abs(b1));
                    it++) {
                double mid = 0.5 * (a1 + b1);
                if (derivative(p, q, c, d, mid) > 0) {
                    b1 = mid;
                } else {
                    a1 = mid;
                }
            }
            s = 0.5 * (a1 + b1);
        }
        double xq = Math.min(hq, Math.max(lq, c * s + d));
        double[] x = new double[2];
        x[p] = s;
        x[q] = xq;
        return x;
    }

    private double derivative(int p, int q, double c, double d, double s) {
        return slope(p, s) + c * slope(q, c * s + d);
    }
}
