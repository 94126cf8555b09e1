package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.admm.transport.HorizonCheck;
import org.gridbazaar.solver.admm.transport.HorizonCheckResult;
import org.gridbazaar.solver.admm.transport.HorizonCopies;
import org.gridbazaar.solver.admm.transport.HorizonPrices;
import org.gridbazaar.solver.admm.transport.HorizonReport;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.NegotiationMessage;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * One peer's agent of a market over time in the horizon negotiation ({@link HorizonNegotiation}):
 * its block (nodes per commodity and period, private variables, local rows) and its copies of the
 * trades (arcs) it is an end of. It is built from its {@link HorizonSpec} alone (its own part of
 * the problem and, per arc, the cost its own side pays and the arc's cap) and answers messages:
 * {@link HorizonPrices} with {@link HorizonCopies}, {@link HorizonCheck} with {@link
 * HorizonCheckResult}.
 *
 * <p>Local variables, in order: its nodes {@code x_k}, its private variables {@code z_v}, then one
 * copy {@code t_a >= 0} per arc it is an end of. Rows: one balance row per node, {@code x_k -
 * sum_(a out of k) t_a + sum_(a into k) t_a = 0} (order key: the node's period), and its side rows
 * (order key: the latest period they touch, after that period's balance rows; rows spanning more
 * than two periods last).
 */
public final class HorizonPeer {

    /** How the peer stands on an arc: it sells (tail), buys (head), or owns both ends. */
    static final int SELLS = 1, BUYS = -1, BOTH = 0;

    /** The peer (index in the market). */
    public final int peer;

    final int[] nodes, vars, sides, arcs, side;

    /**
     * Per arc: the peer's own per-kW terms on it ($/kW; both sides' for an arc it owns both ends
     * of).
     */
    final double[] ownCost;

    final double constant;
    private final BlockQp qp;
    private final int nx, nz;
    private final int[] sideNodeCounts;
    private final double tol;

    /** The last round's solution. */
    double[] u, pi;

    SeparableQpSolver.Outcome last;

    /**
     * The outcomes of the last lower bound (the block without proximal terms) and of the last
     * completion (private variables for fixed nodes): guesses for the next.
     */
    private SeparableQpSolver.Outcome lastBound, lastCompletion;

    /**
     * The spec of peer {@code peer}'s agent: its own block of {@code p}, its arcs with their caps
     * {@code cap} (kW, by arc), local solves to {@code localTol}.
     */
    public static HorizonSpec spec(MarketProblem p, int peer, double[] cap, double localTol) {
        // every MarketProblem accessor returns a copy: read each array once, not per element (per
        // element made the set-up quadratic in arcs: hours at 1,000 peers x 20 x 24 periods)
        int[] tail = p.tail(), head = p.head(), nodePeriod = p.nodePeriod();
        double[] sellerCost = p.sellerCost(), buyerCost = p.buyerCost();
        double[] lower = p.lower(), upper = p.upper(), quadratic = p.quadratic();
        double[] linear = p.linear(), constant = p.constant();
        double[] vLower = p.variableLower(), vUpper = p.variableUpper();
        double[] vQuadratic = p.variableQuadratic(), vLinear = p.variableLinear();
        double[] vConstant = p.variableConstant();
        int[] nodes = p.nodesOfPeer(peer);
        int[] vars = p.variablesOfPeer(peer);
        int nx = nodes.length;
        int nz = vars.length;
        int[] nodeLocal = new int[p.nodeCount()];
        Arrays.fill(nodeLocal, -1);
        for (int i = 0; i < nx; i++) {
            nodeLocal[nodes[i]] = i;
        }
        List<Integer> arcList = new ArrayList<>();
        for (int a = 0; a < p.arcCount(); a++) {
            if (nodeLocal[tail[a]] >= 0 || nodeLocal[head[a]] >= 0) {
                arcList.add(a);
            }
        }
        int[] arcs = arcList.stream().mapToInt(Integer::intValue).toArray();
        int[] side = new int[arcs.length];
        double[] ownCost = new double[arcs.length];
        List<Integer> sideList = new ArrayList<>();
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            if (p.sidePeer(r) == peer) {
                sideList.add(r);
            }
        }
        int[] sides = sideList.stream().mapToInt(Integer::intValue).toArray();
        int n = nx + nz + arcs.length;
        double[] lo = new double[n], hi = new double[n], q = new double[n], c = new double[n];
        double k0 = 0;
        for (int i = 0; i < nx; i++) {
            int k = nodes[i];
            lo[i] = lower[k];
            hi[i] = upper[k];
            q[i] = quadratic[k];
            c[i] = linear[k];
            k0 += constant[k];
        }
        int[] vLocal = new int[p.variableCount()];
        for (int i = 0; i < nz; i++) {
            int v = vars[i];
            vLocal[v] = nx + i;
            lo[nx + i] = vLower[v];
            hi[nx + i] = vUpper[v];
            q[nx + i] = vQuadratic[v];
            c[nx + i] = vLinear[v];
            k0 += vConstant[v];
        }
        // balance rows: one per node, in node order
        List<List<Integer>> rowVars = new ArrayList<>();
        List<List<Double>> rowCoefs = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            rowVars.add(new ArrayList<>(List.of(i)));
            rowCoefs.add(new ArrayList<>(List.of(1.0)));
        }
        for (int l = 0; l < arcs.length; l++) {
            int a = arcs[l], j = nx + nz + l;
            int tl = nodeLocal[tail[a]], hl = nodeLocal[head[a]];
            side[l] = tl >= 0 && hl >= 0 ? BOTH : tl >= 0 ? SELLS : BUYS;
            ownCost[l] =
                    side[l] == BOTH
                            ? sellerCost[a] + buyerCost[a]
                            : side[l] == SELLS ? sellerCost[a] : buyerCost[a];
            lo[j] = 0;
            hi[j] = cap[a];
            if (tl >= 0) {
                rowVars.get(tl).add(j);
                rowCoefs.get(tl).add(-1.0);
            }
            if (hl >= 0) {
                rowVars.get(hl).add(j);
                rowCoefs.get(hl).add(1.0);
            }
        }
        int rows = nx + sides.length;
        int[][] rv = new int[rows][];
        double[][] rc = new double[rows][];
        double[] rhs = new double[rows];
        boolean[] eq = new boolean[rows];
        long[] keys = new long[rows];
        int periods = Math.max(1, p.periodCount());
        for (int i = 0; i < nx; i++) {
            rv[i] = rowVars.get(i).stream().mapToInt(Integer::intValue).toArray();
            rc[i] = rowCoefs.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            eq[i] = true;
            keys[i] = 4L * nodePeriod[nodes[i]];
        }
        int[] nodeCounts = new int[sides.length];
        for (int s = 0; s < sides.length; s++) {
            int r = sides[s];
            int[] sn = p.sideNodes(r), sv = p.sideVariables(r);
            double[] cn = p.sideCoefficients(r), cv = p.sideVariableCoefficients(r);
            int[] vs = new int[sn.length + sv.length];
            double[] cs = new double[vs.length];
            int minP = Integer.MAX_VALUE, maxP = Integer.MIN_VALUE;
            for (int i = 0; i < sn.length; i++) {
                vs[i] = nodeLocal[sn[i]];
                cs[i] = cn[i];
                minP = Math.min(minP, nodePeriod[sn[i]]);
                maxP = Math.max(maxP, nodePeriod[sn[i]]);
            }
            for (int i = 0; i < sv.length; i++) {
                vs[sn.length + i] = vLocal[sv[i]];
                cs[sn.length + i] = cv[i];
                minP = Math.min(minP, p.variablePeriod(sv[i]));
                maxP = Math.max(maxP, p.variablePeriod(sv[i]));
            }
            rv[nx + s] = vs;
            rc[nx + s] = cs;
            rhs[nx + s] = p.sideRhs(r);
            eq[nx + s] = p.sideIsEquality(r);
            keys[nx + s] = vs.length == 0 ? 0 : maxP - minP <= 1 ? 4L * maxP + 1 : 4L * periods + 1;
            nodeCounts[s] = sn.length;
        }
        return new HorizonSpec(
                NegotiationMessage.VERSION,
                peer,
                nodes,
                vars,
                sides,
                arcs,
                side,
                ownCost,
                k0,
                lo,
                hi,
                q,
                c,
                rv,
                rc,
                rhs,
                eq,
                keys,
                nodeCounts,
                localTol);
    }

    /** The agent of {@code spec}. */
    public HorizonPeer(HorizonSpec spec) {
        peer = spec.peer();
        nodes = spec.nodes().clone();
        vars = spec.variables().clone();
        sides = spec.sideRows().clone();
        arcs = spec.arcs().clone();
        side = spec.roles().clone();
        ownCost = spec.ownCosts().clone();
        constant = spec.constant();
        sideNodeCounts = spec.sideNodeCounts().clone();
        tol = spec.localTolerance();
        nx = nodes.length;
        nz = vars.length;
        qp = new BlockQp(nx + nz + arcs.length);
        System.arraycopy(spec.lower(), 0, qp.lo, 0, qp.lo.length);
        System.arraycopy(spec.upper(), 0, qp.hi, 0, qp.hi.length);
        System.arraycopy(spec.quadratic(), 0, qp.q, 0, qp.q.length);
        System.arraycopy(spec.linear(), 0, qp.c, 0, qp.c.length);
        for (int r = 0; r < spec.rowRhs().length; r++) {
            qp.row(
                    spec.rowVariables()[r].clone(),
                    spec.rowCoefficients()[r].clone(),
                    spec.rowEquality()[r],
                    spec.rowRhs()[r],
                    spec.rowKeys()[r]);
        }
    }

    private void requireArcs(int[] given, String what) {
        if (!Arrays.equals(given, arcs)) {
            throw new IllegalArgumentException(
                    what
                            + " for peer "
                            + peer
                            + " lists arcs "
                            + Arrays.toString(given)
                            + " but its arcs are "
                            + Arrays.toString(arcs));
        }
    }

    /**
     * One round: the peer's best response to the round's prices, consensus values and penalties on
     * its arcs; in round 1, when its local solver does not converge, also the shortfall of its own
     * block (see {@link HorizonCopies#shortfall()}).
     */
    public HorizonCopies respond(HorizonPrices m) {
        requireArcs(m.arcs(), "horizon prices");
        boolean ok = respond(m.prices(), m.penalties(), m.consensus(), tol);
        double[] copies = new double[arcs.length];
        for (int l = 0; l < copies.length; l++) {
            copies[l] = copy(l);
        }
        double shortfall = ok || m.round() != 1 ? 0 : infeasibility(tol);
        return new HorizonCopies(
                NegotiationMessage.VERSION, m.round(), peer, arcs.clone(), copies, ok, shortfall);
    }

    /**
     * The peer's part of a certificate: its cheapest private variables at its set-points, its
     * violation there, and its lower bound at the prices.
     */
    public HorizonCheckResult check(HorizonCheck m) {
        requireArcs(m.arcs(), "horizon check");
        if (m.setPoints().length != nx) {
            throw new IllegalArgumentException(
                    "horizon check for peer "
                            + peer
                            + ": "
                            + m.setPoints().length
                            + " set-points for "
                            + nx
                            + " nodes");
        }
        double[] z = new double[nz];
        double violation = complete(m.setPoints(), z, tol);
        double bound = lowerBound(m.prices(), tol);
        return new HorizonCheckResult(
                NegotiationMessage.VERSION, m.round(), peer, z, violation, bound);
    }

    /** The node prices and row multipliers of the last round. */
    public HorizonReport report(int round) {
        double[] y = new double[nx], sd = new double[sides.length];
        if (pi != null) {
            for (int i = 0; i < nx; i++) {
                y[i] = -pi[i];
            }
            for (int s = 0; s < sides.length; s++) {
                sd[s] = pi[nx + s];
            }
        }
        return new HorizonReport(NegotiationMessage.VERSION, round, peer, y, sd);
    }

    /**
     * One round: the peer's best response to prices {@code lambda} (buyer pays, seller receives,
     * $/kW) and consensus trades {@code m} with penalties {@code rho}, per own arc. Returns whether
     * the local solver converged.
     */
    private boolean respond(double[] lambda, double[] rho, double[] m, double tol) {
        for (int l = 0; l < arcs.length; l++) {
            int j = nx + nz + l;
            if (side[l] == BOTH) {
                qp.q[j] = 0;
                qp.c[j] = ownCost[l];
            } else {
                qp.q[j] = rho[l];
                qp.c[j] = ownCost[l] - side[l] * lambda[l] - rho[l] * m[l];
            }
        }
        last = qp.solveFrom(last, tol, 200);
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
    private double lowerBound(double[] lambda, double tol) {
        for (int l = 0; l < arcs.length; l++) {
            int j = nx + nz + l;
            qp.q[j] = 0;
            qp.c[j] = side[l] == BOTH ? ownCost[l] : ownCost[l] - side[l] * lambda[l];
        }
        // the same block without the proximal terms at other prices: the last bound's active set
        // is a guess
        SeparableQpSolver.Outcome o = qp.solveFrom(lastBound, tol, 200);
        lastBound = o;
        return qp.dualFunction(o.pi) + constant;
    }

    /**
     * The peer's part of a candidate point: with its nodes fixed at {@code x} (by own node), its
     * cheapest private variables subject to its rows, written into {@code z} (by own variable).
     * Returns the largest relative violation of its bounds and rows at that point (bounds relative
     * to their magnitude, rows to their terms, each at least 1).
     */
    private double complete(double[] x, double[] z, double tol) {
        int rowsWithVars = 0;
        for (int s = 0; s < sides.length; s++) {
            if (qp.rowVars.get(nx + s).length > sideNodeCounts[s]) {
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
                    int[] rv = qp.rowVars.get(nx + s);
                    double[] rc = qp.rowCoefs.get(nx + s);
                    int nn = sideNodeCounts[s];
                    if (rv.length == nn) {
                        continue;
                    }
                    double known = 0;
                    int[] vs = new int[rv.length - nn];
                    double[] cs = new double[vs.length];
                    for (int i = 0; i < rv.length; i++) {
                        if (i < nn) {
                            known += rc[i] * x[rv[i]];
                        } else {
                            vs[i - nn] = rv[i] - nx;
                            cs[i - nn] = rc[i];
                        }
                    }
                    zq.row(
                            vs,
                            cs,
                            qp.equality.get(nx + s),
                            qp.rhs.get(nx + s) - known,
                            qp.keys.get(nx + s));
                }
                // the same rows as at the last attempt, other right-hand sides: its active set is
                // a guess
                SeparableQpSolver.Outcome o = zq.solveFrom(lastCompletion, tol, 200);
                lastCompletion = o;
                zl = zq.clamp(o.u);
            }
        }
        System.arraycopy(zl, 0, z, 0, nz);
        // violation of the peer's bounds and side rows at (x, z); balance holds by construction
        double[] full = new double[qp.lo.length];
        for (int i = 0; i < nx; i++) {
            full[i] = x[i];
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
