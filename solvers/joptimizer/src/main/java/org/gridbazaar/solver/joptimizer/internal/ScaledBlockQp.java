package org.gridbazaar.solver.joptimizer.internal;

import cern.colt.matrix.DoubleMatrix1D;
import cern.colt.matrix.impl.DenseDoubleMatrix1D;
import cern.colt.matrix.impl.SparseDoubleMatrix2D;
import com.joptimizer.optimizers.OptimizationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.DualityGap;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * A {@link MarketProblem} with peer blocks (a market over time: storage, ramps, energy windows) as
 * the convex QP JOptimizer takes, in scaled units: {@link ScaledQp}'s mapping with the private
 * variables and the side rows' equalities added.
 *
 * <p>Variables {@code v = (x_free / S, f / S, z_free / S)}: the injections of the nodes that can
 * move (not fixed, {@code lo < hi}, and with at least one arc), every arc flow, and the private
 * variables that can move ({@code lo < hi}: device power and storage charge and discharge in kW,
 * stored energy in kWh), all divided by the quantity scale {@code S} ({@link
 * ScaledQp#quantityScale}). The objective is divided by {@code S P} ({@code P} the price scale,
 * $/kW: {@link ScaledQp#priceScale} widened by the private variables' {@code |beta|} and {@code
 * alpha S}). Fixed nodes and private variables sit at their one value, nodes without arcs at 0; all
 * enter as constants. JOptimizer needs a strictly feasible interior for its inequalities, which a
 * fixed variable would not have.
 *
 * <p>Equalities: one balance row per node with arcs (except one row of each connected group of arcs
 * whose nodes are all constant: those rows sum to zero), then every side equality row ({@code net},
 * {@code energy}) with a variable in it. Inequalities: both finite bounds of each variable, {@code
 * 0 <= f_t <= U_t} and every side {@code <=} row (ramps, windows) with a variable in it. Rows on
 * constants only are checked, not passed on ({@link #violatedConstantRows}). {@code U_t} is {@link
 * DualityGap#flowBounds} plus a tenth of {@code S}: some optimal flow has no cycle and none exceeds
 * it, and without it cycles of arcs whose costs sum to zero make the optimal face unbounded.
 */
public final class ScaledBlockQp {

    private final MarketProblem problem;
    private final double scale, priceScale;
    private final int n, m, nz, freeNodes, dim;
    private final int[] nodeVar, privateVar; // index in v, or -1 for a constant
    private final double[] nodeConstant, privateConstant;
    private final LinearRows equalities = new LinearRows(), inequalities = new LinearRows();
    private final List<String> violated = new ArrayList<>();

    /** Builds the scaled QP of {@code problem}, which has peer blocks. */
    public ScaledBlockQp(MarketProblem problem) {
        this.problem = problem;
        this.n = problem.nodeCount();
        this.m = problem.arcCount();
        this.nz = problem.variableCount();
        this.scale = ScaledQp.quantityScale(problem);
        double ps = ScaledQp.priceScale(problem, scale);
        double[] va = problem.variableQuadratic(), vb = problem.variableLinear();
        for (int v = 0; v < nz; v++) {
            ps = Math.max(ps, Math.max(Math.abs(vb[v]), va[v] * scale));
        }
        this.priceScale = ps;
        double[] lo = problem.lower().clone(), hi = problem.upper().clone();
        double[] vlo = problem.variableLower().clone(), vhi = problem.variableUpper().clone();
        boolean[] asBound = new boolean[problem.sideConstraintCount()];
        for (int r = 0; r < asBound.length; r++) {
            asBound[r] = tightenBound(r, lo, hi, vlo, vhi);
        }
        int[] tail = problem.tail(), head = problem.head();
        boolean[] traded = new boolean[n];
        for (int t = 0; t < m; t++) {
            traded[tail[t]] = true;
            traded[head[t]] = true;
        }
        nodeVar = new int[n];
        nodeConstant = new double[n];
        int next = 0;
        for (int k = 0; k < n; k++) {
            if (!traded[k]) {
                nodeVar[k] = -1;
                if (lo[k] > 0 || hi[k] < 0) {
                    violated.add(
                            "peer "
                                    + problem.peerLabel(problem.nodePeer()[k])
                                    + " has no trading partner, so its net power in "
                                    + problem.nodeKey(k)
                                    + " is 0, outside its bounds ["
                                    + lo[k]
                                    + ", "
                                    + hi[k]
                                    + "]");
                }
            } else if (lo[k] >= hi[k]) {
                nodeVar[k] = -1;
                nodeConstant[k] = 0.5 * (lo[k] + hi[k]);
                checkFixed(
                        lo[k], hi[k], "net power in " + problem.nodeKey(k), problem.nodePeer()[k]);
            } else {
                nodeVar[k] = next++;
            }
        }
        freeNodes = next;
        next += m;
        privateVar = new int[nz];
        privateConstant = new double[nz];
        for (int v = 0; v < nz; v++) {
            if (vlo[v] >= vhi[v]) {
                privateVar[v] = -1;
                privateConstant[v] = 0.5 * (vlo[v] + vhi[v]);
                checkFixed(vlo[v], vhi[v], problem.variableName(v), problem.variablePeer(v));
            } else {
                privateVar[v] = next++;
            }
        }
        dim = next;
        equalities.addBalance(n, tail, head, traded, nodeVar, nodeConstant, freeNodes, scale);
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            if (!asBound[r]) {
                side(r);
            }
        }
        pairOpposites();
        for (int k = 0; k < n; k++) {
            bounds(nodeVar[k], lo[k], hi[k]);
        }
        for (int v = 0; v < nz; v++) {
            bounds(privateVar[v], vlo[v], vhi[v]);
        }
        double[] most = DualityGap.flowBounds(problem.lower(), problem.upper(), tail, head);
        for (int t = 0; t < m; t++) {
            inequalities.add(new int[] {freeNodes + t}, new double[] {-1}, 0);
            if (Double.isFinite(most[t])) {
                inequalities.add(
                        new int[] {freeNodes + t},
                        new double[] {1},
                        (most[t] + 0.1 * scale) / scale);
            }
        }
    }

    /**
     * Whether side row {@code r} is a {@code <=} row on one node or one private variable (a ramp
     * from a fixed initial power, a storage target), and if so tightens that bound by it: a bound
     * that the row pins to the other one (a target at the capacity) then fixes the variable, which
     * as a row would leave JOptimizer no strictly feasible point.
     */
    private boolean tightenBound(int r, double[] lo, double[] hi, double[] vlo, double[] vhi) {
        int[] nodes = problem.sideNodes(r), vars = problem.sideVariables(r);
        if (problem.sideIsEquality(r) || nodes.length + vars.length != 1) {
            return false;
        }
        double g =
                nodes.length == 1
                        ? problem.sideCoefficients(r)[0]
                        : problem.sideVariableCoefficients(r)[0];
        if (g == 0) {
            return false;
        }
        double bound = problem.sideRhs(r) / g;
        double[] l = nodes.length == 1 ? lo : vlo, h = nodes.length == 1 ? hi : vhi;
        int j = nodes.length == 1 ? nodes[0] : vars[0];
        if (g > 0) {
            h[j] = Math.min(h[j], bound);
        } else {
            l[j] = Math.max(l[j], bound);
        }
        return true;
    }

    private void checkFixed(double lo, double hi, String what, int peer) {
        if (lo > hi + 1e-9 * Math.max(scale, Math.max(Math.abs(lo), Math.abs(hi)))) {
            violated.add(
                    String.format(
                            Locale.ROOT,
                            "peer %s: its bounds and rows on %s alone ask for at least %.6g and at"
                                    + " most %.6g",
                            problem.peerLabel(peer),
                            what,
                            lo,
                            hi));
        }
    }

    /**
     * Turns each pair of {@code <=} rows that are one row's two sides ({@code a.v <= h} and {@code
     * -a.v <= -h}: a ramp limit of 0 kW both ways, an energy window whose minimum is its maximum)
     * into one equality, which has the strictly feasible points the pair has not.
     */
    private void pairOpposites() {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        boolean[] gone = new boolean[inequalities.size()];
        for (int j = 0; j < inequalities.size(); j++) {
            int[] idx = inequalities.indices(j);
            double[] val = inequalities.values(j);
            double h = inequalities.rhs(j);
            Integer other = seen.get(key(idx, val, -1));
            if (other != null
                    && !gone[other]
                    && Math.abs(h + inequalities.rhs(other)) <= 1e-12 * Math.max(1, Math.abs(h))) {
                gone[j] = true;
                gone[other] = true;
                equalities.add(idx, val, h);
                continue;
            }
            seen.putIfAbsent(key(idx, val, 1), j);
        }
        for (int j = inequalities.size() - 1; j >= 0; j--) {
            if (gone[j]) {
                inequalities.remove(j);
            }
        }
    }

    private static String key(int[] idx, double[] val, double sign) {
        Integer[] order = new Integer[idx.length];
        for (int i = 0; i < idx.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(idx[a], idx[b]));
        StringBuilder sb = new StringBuilder();
        for (int i : order) {
            sb.append(idx[i]).append(':').append(sign * val[i] + 0.0).append(',');
        }
        return sb.toString();
    }

    private void side(int r) {
        int[] nodes = problem.sideNodes(r), vars = problem.sideVariables(r);
        double[] g = problem.sideCoefficients(r), e = problem.sideVariableCoefficients(r);
        double rhs = problem.sideRhs(r), size = Math.abs(rhs);
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            int j = nodeVar[nodes[i]];
            if (j >= 0) {
                idx.add(j);
                val.add(g[i]);
            } else {
                rhs -= g[i] * nodeConstant[nodes[i]];
                size += Math.abs(g[i] * nodeConstant[nodes[i]]);
            }
        }
        for (int i = 0; i < vars.length; i++) {
            int j = privateVar[vars[i]];
            if (j >= 0) {
                idx.add(j);
                val.add(e[i]);
            } else {
                rhs -= e[i] * privateConstant[vars[i]];
                size += Math.abs(e[i] * privateConstant[vars[i]]);
            }
        }
        boolean eq = problem.sideIsEquality(r);
        if (idx.isEmpty()) {
            double eps = 1e-9 * Math.max(size, scale);
            if (eq ? Math.abs(rhs) > eps : rhs < -eps) {
                violated.add(
                        String.format(
                                Locale.ROOT,
                                "peer %s: row %s is violated by %.6g by values its bounds fix",
                                problem.peerLabel(problem.sidePeer(r)),
                                problem.sideName(r),
                                eq ? Math.abs(rhs) : -rhs));
            }
            return;
        }
        (eq ? equalities : inequalities)
                .add(
                        idx.stream().mapToInt(Integer::intValue).toArray(),
                        val.stream().mapToDouble(Double::doubleValue).toArray(),
                        rhs / scale);
    }

    private void bounds(int j, double lo, double hi) {
        if (j < 0) {
            return;
        }
        if (Double.isFinite(hi)) {
            inequalities.add(new int[] {j}, new double[] {1}, hi / scale);
        }
        if (Double.isFinite(lo)) {
            inequalities.add(new int[] {j}, new double[] {-1}, -lo / scale);
        }
    }

    /**
     * Rows on constants only that those constants violate, one line each (the market is then
     * infeasible).
     */
    public List<String> violatedConstantRows() {
        return List.copyOf(violated);
    }

    /** Number of variables. */
    public int dimension() {
        return dim;
    }

    /** The quantity scale {@code S} the variables are divided by, kW. */
    public double scale() {
        return scale;
    }

    /**
     * A request for JOptimizer with this QP, a strictly feasible start (or {@code null}: JOptimizer
     * then finds one by its own phase one) and tolerances.
     */
    public OptimizationRequest request(
            double[] start, double gapTolerance, double feasibilityTolerance, int maxIterations) {
        double[] a = problem.quadratic(), b = problem.linear(), w = problem.arcCost();
        double[] va = problem.variableQuadratic(), vb = problem.variableLinear();
        SparseDoubleMatrix2D hessian = new SparseDoubleMatrix2D(dim, dim);
        DoubleMatrix1D linear = new DenseDoubleMatrix1D(dim);
        for (int k = 0; k < n; k++) {
            if (nodeVar[k] >= 0) {
                hessian.setQuick(nodeVar[k], nodeVar[k], a[k] * scale / priceScale);
                linear.setQuick(nodeVar[k], b[k] / priceScale);
            }
        }
        for (int t = 0; t < m; t++) {
            linear.setQuick(freeNodes + t, w[t] / priceScale);
        }
        for (int v = 0; v < nz; v++) {
            if (privateVar[v] >= 0) {
                hessian.setQuick(privateVar[v], privateVar[v], va[v] * scale / priceScale);
                linear.setQuick(privateVar[v], vb[v] / priceScale);
            }
        }
        return LinearRows.request(
                hessian,
                linear,
                equalities,
                inequalities,
                start,
                gapTolerance,
                feasibilityTolerance,
                maxIterations);
    }

    /**
     * A point of this QP (scaled units) whose inequalities all have a slack of at least {@code s},
     * with {@code s} as large as it can be up to 1 (the scale {@code S}), found by the linear
     * program {@code max s} over the equalities and {@code a.v + s <= h} for every inequality,
     * solved by {@link SeparableQpSolver}; or {@code null} when that program ends without a point
     * whose least slack is positive (then no strictly feasible point was found). It only places
     * JOptimizer's start, which JOptimizer's own phase one otherwise finds less reliably: the
     * solution is JOptimizer's.
     */
    public double[] strictlyFeasiblePoint() {
        if (dim == 0) {
            return new double[0];
        }
        SeparableQp.Builder b = SeparableQp.builder();
        for (int j = 0; j < dim; j++) {
            b.variable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0);
        }
        int slack = b.variable(0, 1, 0, -1);
        for (int r = 0; r < equalities.size(); r++) {
            b.row(equalities.indices(r), equalities.values(r), true, equalities.rhs(r), 0);
        }
        for (int r = 0; r < inequalities.size(); r++) {
            int[] idx =
                    java.util.Arrays.copyOf(
                            inequalities.indices(r), inequalities.indices(r).length + 1);
            double[] val = java.util.Arrays.copyOf(inequalities.values(r), idx.length);
            idx[idx.length - 1] = slack;
            val[idx.length - 1] = 1;
            b.row(idx, val, false, inequalities.rhs(r), 0);
        }
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(b.build())
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        if (o.u == null) {
            return null;
        }
        double[] v = java.util.Arrays.copyOf(o.u, dim);
        return inequalities.largestResidual(v) < 0 ? v : null;
    }

    /** The largest {@code |A v - b|} of the equality rows at {@code v}, in kW (or kWh). */
    public double equalityResidual(DoubleMatrix1D v) {
        return equalities.largestAbsResidual(v) * scale;
    }

    /** Node injections (kW) at scaled point {@code v}. */
    public double[] injections(double[] v) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = nodeVar[k] >= 0 ? v[nodeVar[k]] * scale : nodeConstant[k];
        }
        return x;
    }

    /** Arc flows (kW) at scaled point {@code v}. */
    public double[] flows(double[] v) {
        double[] f = new double[m];
        for (int t = 0; t < m; t++) {
            f[t] = v[freeNodes + t] * scale;
        }
        return f;
    }

    /** Private variables (their units) at scaled point {@code v}. */
    public double[] privateVariables(double[] v) {
        double[] z = new double[nz];
        for (int j = 0; j < nz; j++) {
            z[j] = privateVar[j] >= 0 ? v[privateVar[j]] * scale : privateConstant[j];
        }
        return z;
    }
}
