package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * One peer of a market over time in the horizon negotiation ({@link HorizonNegotiation}): its block
 * (nodes per commodity and period, private variables, local rows) and its copies of the trades
 * (arcs) it is an end of. It reads only its own part of the problem and, per arc, the cost its own
 * side pays and the arc's cap; everything else comes from its partners (their copies, the prices).
 *
 * <p>Local variables, in order: its nodes {@code x_k}, its private variables {@code z_v}, then one
 * copy {@code t_a >= 0} per arc it is an end of. Rows: one balance row per node, {@code x_k -
 * sum_(a out of k) t_a + sum_(a into k) t_a = 0} (order key: the node's period), and its side rows
 * (order key: the latest period they touch, after that period's balance rows; rows spanning more
 * than two periods last).
 */
final class HorizonPeer {

    /** How the peer stands on an arc: it sells (tail), buys (head), or owns both ends. */
    static final int SELLS = 1, BUYS = -1, BOTH = 0;

    final int peer;
    final int[] nodes, vars, sides, arcs, side;

    /**
     * Per arc: the peer's own per-kW terms on it ($/kW; both sides' for an arc it owns both ends
     * of).
     */
    final double[] ownCost;

    final double constant;
    private final BlockQp qp;
    private final int nx, nz;

    /** The last round's solution. */
    double[] u, pi;

    SeparableQpSolver.Outcome last;

    HorizonPeer(MarketProblem p, int peer, double[] cap) {
        this.peer = peer;
        this.nodes = p.nodesOfPeer(peer);
        this.vars = p.variablesOfPeer(peer);
        nx = nodes.length;
        nz = vars.length;
        int[] nodeLocal = new int[p.nodeCount()];
        Arrays.fill(nodeLocal, -1);
        for (int i = 0; i < nx; i++) {
            nodeLocal[nodes[i]] = i;
        }
        List<Integer> arcList = new ArrayList<>();
        for (int a = 0; a < p.arcCount(); a++) {
            if (nodeLocal[p.tail()[a]] >= 0 || nodeLocal[p.head()[a]] >= 0) {
                arcList.add(a);
            }
        }
        arcs = arcList.stream().mapToInt(Integer::intValue).toArray();
        side = new int[arcs.length];
        ownCost = new double[arcs.length];
        List<Integer> sideList = new ArrayList<>();
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            if (p.sidePeer(r) == peer) {
                sideList.add(r);
            }
        }
        sides = sideList.stream().mapToInt(Integer::intValue).toArray();
        qp = new BlockQp(nx + nz + arcs.length);
        double k0 = 0;
        for (int i = 0; i < nx; i++) {
            int k = nodes[i];
            qp.lo[i] = p.lower()[k];
            qp.hi[i] = p.upper()[k];
            qp.q[i] = p.quadratic()[k];
            qp.c[i] = p.linear()[k];
            k0 += p.constant()[k];
        }
        int[] vLocal = new int[p.variableCount()];
        for (int i = 0; i < nz; i++) {
            int v = vars[i];
            vLocal[v] = nx + i;
            qp.lo[nx + i] = p.variableLower()[v];
            qp.hi[nx + i] = p.variableUpper()[v];
            qp.q[nx + i] = p.variableQuadratic()[v];
            qp.c[nx + i] = p.variableLinear()[v];
            k0 += p.variableConstant()[v];
        }
        constant = k0;
        // balance rows: one per node, in node order
        List<List<Integer>> rowVars = new ArrayList<>();
        List<List<Double>> rowCoefs = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            rowVars.add(new ArrayList<>(List.of(i)));
            rowCoefs.add(new ArrayList<>(List.of(1.0)));
        }
        for (int l = 0; l < arcs.length; l++) {
            int a = arcs[l], j = nx + nz + l;
            int tl = nodeLocal[p.tail()[a]], hl = nodeLocal[p.head()[a]];
            side[l] = tl >= 0 && hl >= 0 ? BOTH : tl >= 0 ? SELLS : BUYS;
            ownCost[l] =
                    side[l] == BOTH
                            ? p.sellerCost()[a] + p.buyerCost()[a]
                            : side[l] == SELLS ? p.sellerCost()[a] : p.buyerCost()[a];
            qp.lo[j] = 0;
            qp.hi[j] = cap[a];
            if (tl >= 0) {
                rowVars.get(tl).add(j);
                rowCoefs.get(tl).add(-1.0);
            }
            if (hl >= 0) {
                rowVars.get(hl).add(j);
                rowCoefs.get(hl).add(1.0);
            }
        }
        int periods = Math.max(1, p.periodCount());
        for (int i = 0; i < nx; i++) {
            qp.row(
                    rowVars.get(i).stream().mapToInt(Integer::intValue).toArray(),
                    rowCoefs.get(i).stream().mapToDouble(Double::doubleValue).toArray(),
                    true,
                    0,
                    4L * p.nodePeriod()[nodes[i]]);
        }
        for (int r : sides) {
            int[] sn = p.sideNodes(r), sv = p.sideVariables(r);
            double[] cn = p.sideCoefficients(r), cv = p.sideVariableCoefficients(r);
            int[] vs = new int[sn.length + sv.length];
            double[] cs = new double[vs.length];
            int minP = Integer.MAX_VALUE, maxP = Integer.MIN_VALUE;
            for (int i = 0; i < sn.length; i++) {
                vs[i] = nodeLocal[sn[i]];
                cs[i] = cn[i];
                minP = Math.min(minP, p.nodePeriod()[sn[i]]);
                maxP = Math.max(maxP, p.nodePeriod()[sn[i]]);
            }
            for (int i = 0; i < sv.length; i++) {
                vs[sn.length + i] = vLocal[sv[i]];
                cs[sn.length + i] = cv[i];
                minP = Math.min(minP, p.variablePeriod(sv[i]));
                maxP = Math.max(maxP, p.variablePeriod(sv[i]));
            }
            long key = vs.length == 0 ? 0 : maxP - minP <= 1 ? 4L * maxP + 1 : 4L * periods + 1;
            qp.row(vs, cs, p.sideIsEquality(r), p.sideRhs(r), key);
        }
    }

    /** Number of local variables before the arc copies. */
    int arcOffset() {
        return nx + nz;
    }

    /**
     * One round: the peer's best response to prices {@code lambda} (buyer pays, seller receives,
     * $/kW) and consensus trades {@code m} with penalties {@code rho}, all by global arc index.
     * Returns whether the local solver converged.
     */
    boolean respond(double[] lambda, double[] rho, double[] m, double tol) {
        for (int l = 0; l < arcs.length; l++) {
            int a = arcs[l], j = nx + nz + l;
            if (side[l] == BOTH) {
                qp.q[j] = 0;
                qp.c[j] = ownCost[l];
            } else {
                qp.q[j] = rho[a];
                qp.c[j] = ownCost[l] - side[l] * lambda[a] - rho[a] * m[a];
            }
        }
        last = qp.solve(tol, 200);
        u = qp.clamp(last.u);
        pi = last.pi;
        return last.stop == SeparableQpSolver.Stop.CONVERGED;
    }

    /**
     * The least total violation of the peer's rows within its bounds and its trades' caps (the
     * optimum of its elastic problem), relative to the largest magnitude among its bounds and
     * right-hand sides (at least 1): zero when its block is feasible.
     */
    double infeasibility(double tol) {
        org.gridbazaar.solver.support.SeparableQp e = qp.build().elastic();
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(e)
                        .solve(tol, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        double scale = 1;
        for (int j = 0; j < qp.lo.length; j++) {
            scale = Math.max(scale, Math.max(finite(qp.lo[j]), finite(qp.hi[j])));
        }
        for (double r : qp.rhs) {
            scale = Math.max(scale, Math.abs(r));
        }
        return e.objective(o.u) / scale;
    }

    /** This peer's copy of its {@code l}-th arc from the last round. */
    double copy(int l) {
        return u[nx + nz + l];
    }

    /**
     * A lower bound on the least value of the peer's own problem at prices {@code lambda} (no
     * proximal terms; copies within their caps): the dual function at the multipliers its local
     * solver finds, a bound by weak duality whatever their accuracy. Includes the constants.
     */
    double lowerBound(double[] lambda, double tol) {
        for (int l = 0; l < arcs.length; l++) {
            int a = arcs[l], j = nx + nz + l;
            qp.q[j] = 0;
            qp.c[j] = side[l] == BOTH ? ownCost[l] : ownCost[l] - side[l] * lambda[a];
        }
        SeparableQpSolver.Outcome o = qp.solve(tol, 200);
        return qp.dualFunction(o.pi) + constant;
    }

    /**
     * Node prices {@code y_k = -pi_k} of the last round's balance rows, into {@code y} by global
     * node.
     */
    void nodePrices(double[] y) {
        for (int i = 0; i < nx; i++) {
            y[nodes[i]] = -pi[i];
        }
    }

    /** The last round's side-row multipliers, into {@code out} by global side row. */
    void sideDuals(double[] out) {
        for (int s = 0; s < sides.length; s++) {
            out[sides[s]] = pi[nx + s];
        }
    }

    /**
     * The peer's part of a candidate point: with its nodes fixed at {@code x} (by global node), its
     * cheapest private variables subject to its rows, written into {@code z} (by global variable).
     * Returns the largest relative violation of its bounds and rows at that point (bounds relative
     * to their magnitude, rows to their terms, each at least 1).
     */
    double complete(MarketProblem p, double[] x, double[] z, double tol) {
        int rowsWithVars = 0;
        for (int r : sides) {
            if (p.sideVariables(r).length > 0) {
                rowsWithVars++;
            }
        }
        double[] zl = new double[nz];
        if (nz > 0) {
            BlockQp zq = new BlockQp(nz);
            for (int i = 0; i < nz; i++) {
                zq.lo[i] = qp.lo[nx + i];
                zq.hi[i] = qp.hi[nx + i];
                zq.q[i] = qp.q[nx + i];
                zq.c[i] = qp.c[nx + i];
            }
            if (rowsWithVars == 0) {
                zl = zq.clamp(new double[nz]);
                for (int i = 0; i < nz; i++) {
                    double target =
                            zq.q[i] > 0
                                    ? -zq.c[i] / zq.q[i]
                                    : zq.c[i] > 0
                                            ? Double.NEGATIVE_INFINITY
                                            : zq.c[i] < 0 ? Double.POSITIVE_INFINITY : 0;
                    zl[i] = Math.min(Math.max(target, zq.lo[i]), zq.hi[i]);
                }
            } else {
                for (int s = 0; s < sides.length; s++) {
                    int r = sides[s];
                    int[] sv = p.sideVariables(r);
                    if (sv.length == 0) {
                        continue;
                    }
                    int[] rv = qp.rowVars.get(nx + s);
                    double[] rc = qp.rowCoefs.get(nx + s);
                    int nn = p.sideNodes(r).length;
                    double known = 0;
                    int[] vs = new int[rv.length - nn];
                    double[] cs = new double[vs.length];
                    for (int i = 0; i < rv.length; i++) {
                        if (i < nn) {
                            known += rc[i] * x[nodes[rv[i]]];
                        } else {
                            vs[i - nn] = rv[i] - nx;
                            cs[i - nn] = rc[i];
                        }
                    }
                    zq.row(vs, cs, p.sideIsEquality(r), p.sideRhs(r) - known, qp.keys.get(nx + s));
                }
                SeparableQpSolver.Outcome o = zq.solve(tol, 200);
                zl = zq.clamp(o.u);
            }
        }
        for (int i = 0; i < nz; i++) {
            z[vars[i]] = zl[i];
        }
        // violation of the peer's bounds and side rows at (x, z); balance holds by construction
        double[] full = new double[qp.lo.length];
        for (int i = 0; i < nx; i++) {
            full[i] = x[nodes[i]];
        }
        System.arraycopy(zl, 0, full, nx, nz);
        double worst = 0;
        for (int i = 0; i < nx + nz; i++) {
            double v = Math.max(qp.lo[i] - full[i], full[i] - qp.hi[i]);
            if (v > 0) {
                worst =
                        Math.max(
                                worst,
                                v / Math.max(1, Math.max(finite(qp.lo[i]), finite(qp.hi[i]))));
            }
        }
        for (int s = 0; s < sides.length; s++) {
            int[] rv = qp.rowVars.get(nx + s);
            double[] rc = qp.rowCoefs.get(nx + s);
            double b = qp.rhs.get(nx + s), sum = 0, scale = Math.max(1, Math.abs(b));
            for (int i = 0; i < rv.length; i++) {
                double term = rc[i] * full[rv[i]];
                sum += term;
                scale = Math.max(scale, Math.abs(term));
            }
            double v = sum - b;
            if (!qp.equality.get(nx + s)) {
                v = Math.max(0, v);
            }
            worst = Math.max(worst, Math.abs(v) / scale);
        }
        return worst;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }
}
