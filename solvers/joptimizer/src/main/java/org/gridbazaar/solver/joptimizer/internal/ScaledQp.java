package org.gridbazaar.solver.joptimizer.internal;

import cern.colt.matrix.DoubleMatrix1D;
import cern.colt.matrix.impl.DenseDoubleMatrix1D;
import cern.colt.matrix.impl.SparseDoubleMatrix2D;
import com.joptimizer.optimizers.OptimizationRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * A {@link MarketProblem} as the convex QP JOptimizer takes, in scaled units.
 *
 * <p>Variables {@code z = (x_free / S, f / S)}: the injections of the nodes that can move (not
 * fixed, {@code lo < hi}, and with at least one arc), then every arc flow, both divided by the
 * quantity scale {@code S} (kW, {@link #quantityScale}) so that the quantities that can trade are
 * of order one. The objective is divided by {@code S P} ({@code P} the price scale, $/kW): {@code
 * 0.5 (a S / P) u^2 + (b / P) u} per free node and {@code (w / P) v} per arc. Fixed nodes sit at
 * {@code lo}, nodes without arcs at 0; both enter as constants. Equalities: one balance row {@code
 * x_k - (N f)_k = 0} per node with arcs, except one row of each connected group of arcs whose nodes
 * are all fixed (those rows sum to zero, and JOptimizer needs {@code A} of full row rank).
 * Inequalities {@code q . z + r <= 0}: both bounds of each free node, {@code 0 <= f_t <= U}, and
 * every side constraint with a free node (a side constraint on constants only is checked, not
 * passed on). {@code U} is the smaller of the total supply and demand of the arc's commodity plus a
 * tenth of {@code S}: no acyclic flow exceeds it, and some optimal flow is acyclic, so it cuts off
 * no optimum; without it, cycles of arcs whose costs sum to zero (prosumers trading both ways) make
 * the optimal face unbounded, and JOptimizer's iterates drift along them to thousands of kW at the
 * expense of accuracy.
 */
public final class ScaledQp {

    private final MarketProblem problem;
    private final double scale, priceScale;
    private final int n, m, free, dim;
    private final int[] var; // node -> variable index, -1 for a constant node
    private final double[] constant; // value of constant nodes, kW
    private final boolean[] isolated;
    private final LinearRows equalities = new LinearRows(), inequalities = new LinearRows();
    private final List<String> violatedConstantSides = new ArrayList<>();

    /** Builds the scaled QP of {@code problem}. */
    public ScaledQp(MarketProblem problem, double priceScale) {
        this.problem = problem;
        this.scale = quantityScale(problem);
        this.priceScale = priceScale;
        this.n = problem.nodeCount();
        this.m = problem.arcCount();
        double[] lo = problem.lower(), hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head();
        isolated = new boolean[n];
        Arrays.fill(isolated, true);
        for (int t = 0; t < m; t++) {
            isolated[tail[t]] = false;
            isolated[head[t]] = false;
        }
        var = new int[n];
        constant = new double[n];
        int v = 0;
        for (int k = 0; k < n; k++) {
            if (isolated[k]) {
                var[k] = -1;
                constant[k] = 0;
            } else if (lo[k] == hi[k]) {
                var[k] = -1;
                constant[k] = lo[k];
            } else {
                var[k] = v++;
            }
        }
        free = v;
        dim = free + m;
        boolean[] traded = new boolean[n];
        for (int k = 0; k < n; k++) {
            traded[k] = !isolated[k];
        }
        equalities.addBalance(n, tail, head, traded, var, constant, free, scale);
        for (int k = 0; k < n; k++) {
            if (var[k] >= 0) {
                addInequality(new int[] {var[k]}, new double[] {1}, hi[k] / scale);
                addInequality(new int[] {var[k]}, new double[] {-1}, -lo[k] / scale);
            }
        }
        double[] supply = new double[2], demand = new double[2];
        int[] commodity = problem.nodeCommodity();
        for (int k = 0; k < n; k++) {
            if (!isolated[k]) {
                supply[commodity[k]] += Math.max(0, hi[k]);
                demand[commodity[k]] += Math.max(0, -lo[k]);
            }
        }
        for (int t = 0; t < m; t++) {
            addInequality(new int[] {free + t}, new double[] {-1}, 0);
            int c = commodity[tail[t]];
            addInequality(
                    new int[] {free + t},
                    new double[] {1},
                    (Math.min(supply[c], demand[c]) + 0.1 * scale) / scale);
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            int[] nodes = problem.sideNodes(s);
            double[] g = problem.sideCoefficients(s);
            double rhs = problem.sideRhs(s);
            List<Integer> idx = new ArrayList<>();
            List<Double> val = new ArrayList<>();
            for (int i = 0; i < nodes.length; i++) {
                if (var[nodes[i]] >= 0) {
                    idx.add(var[nodes[i]]);
                    val.add(g[i]);
                } else {
                    rhs -= g[i] * constant[nodes[i]];
                }
            }
            if (idx.isEmpty()) {
                if (rhs < -1e-9 * scale) {
                    violatedConstantSides.add(
                            "peer "
                                    + problem.peerLabel(problem.sidePeer(s))
                                    + ": side constraint "
                                    + s
                                    + " is violated by its fixed injections (by "
                                    + (-rhs)
                                    + " kW)");
                }
                continue;
            }
            addInequality(
                    idx.stream().mapToInt(Integer::intValue).toArray(),
                    val.stream().mapToDouble(Double::doubleValue).toArray(),
                    rhs / scale);
        }
    }

    /**
     * The quantity scale {@code S} of a problem, kW: the largest {@code min(max(|lo_k|, |hi_k|),
     * U_c)} over the nodes with arcs, where {@code U_c} is the smaller of the total supply and
     * total demand of the node's commodity (no feasible point trades more); 1 when nothing can
     * trade. Unlike {@link MarketProblem#injectionScale()} it is neither floored at 1 kW (a market
     * of 1e-3 kW appliances is solved in its own units) nor set by a bound that can never bind (a
     * 1e15 kW producer beside a 1,000 kW consumer gives about 1,000 kW).
     */
    public static double quantityScale(MarketProblem problem) {
        int n = problem.nodeCount();
        double[] lo = problem.lower(), hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head(), commodity = problem.nodeCommodity();
        boolean[] trades = new boolean[n];
        for (int t = 0; t < tail.length; t++) {
            trades[tail[t]] = true;
            trades[head[t]] = true;
        }
        double[] supply = new double[2], demand = new double[2];
        for (int k = 0; k < n; k++) {
            if (trades[k]) {
                supply[commodity[k]] += Math.max(0, hi[k]);
                demand[commodity[k]] += Math.max(0, -lo[k]);
            }
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            if (trades[k]) {
                int c = commodity[k];
                s =
                        Math.max(
                                s,
                                Math.min(
                                        Math.max(Math.abs(lo[k]), Math.abs(hi[k])),
                                        Math.min(supply[c], demand[c])));
            }
        }
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    /**
     * The price scale that goes with {@link #quantityScale}, $/kW: the largest of {@code |b_k|},
     * {@code a_k S} and {@code |w_t|}; 1 when all are zero.
     */
    public static double priceScale(MarketProblem problem, double quantityScale) {
        double[] a = problem.quadratic(), b = problem.linear(), w = problem.arcCost();
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s = Math.max(s, Math.max(Math.abs(b[k]), a[k] * quantityScale));
        }
        for (double wt : w) {
            s = Math.max(s, Math.abs(wt));
        }
        return s > 0 ? s : 1;
    }

    /** The quantity scale {@code S} the variables are divided by, kW. */
    public double scale() {
        return scale;
    }

    private void addInequality(int[] idx, double[] val, double rhs) {
        inequalities.add(idx, val, rhs);
    }

    /** Number of variables. */
    public int dimension() {
        return dim;
    }

    /** Number of equality rows. */
    public int equalities() {
        return equalities.size();
    }

    /** Number of inequalities. */
    public int inequalities() {
        return inequalities.size();
    }

    /** Nodes without arcs (they stay at 0). */
    public boolean[] isolated() {
        return isolated.clone();
    }

    /** Side constraints on fixed injections only that those injections violate, one line each. */
    public List<String> violatedConstantSides() {
        return violatedConstantSides;
    }

    /**
     * A request for JOptimizer with this QP, an optional strictly feasible start and tolerances.
     */
    public OptimizationRequest request(
            double[] start, double gapTolerance, double feasibilityTolerance, int maxIterations) {
        double[] a = problem.quadratic(), b = problem.linear(), w = problem.arcCost();
        SparseDoubleMatrix2D hessian = new SparseDoubleMatrix2D(dim, dim);
        DoubleMatrix1D linear = new DenseDoubleMatrix1D(dim);
        for (int k = 0; k < n; k++) {
            if (var[k] >= 0) {
                hessian.setQuick(var[k], var[k], a[k] * scale / priceScale);
                linear.setQuick(var[k], b[k] / priceScale);
            }
        }
        for (int t = 0; t < m; t++) {
            linear.setQuick(free + t, w[t] / priceScale);
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

    /** The largest {@code |A z - b|} of the balance rows at {@code z}, in kW. */
    public double balanceResidual(DoubleMatrix1D z) {
        return equalities.largestAbsResidual(z) * scale;
    }

    /**
     * The largest value of {@code q . z + r} over the inequalities (negative when {@code z} is
     * strictly feasible).
     */
    public double maxInequality(double[] z) {
        return inequalities.largestResidual(z);
    }

    /** Node injections (kW) at scaled point {@code z}. */
    public double[] injections(double[] z) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = var[k] >= 0 ? z[var[k]] * scale : constant[k];
        }
        return x;
    }

    /** Arc flows (kW) at scaled point {@code z}. */
    public double[] flows(double[] z) {
        double[] f = new double[m];
        for (int t = 0; t < m; t++) {
            f[t] = z[free + t] * scale;
        }
        return f;
    }

    /** The scaled point of flows {@code f} (kW) and the injections they imply. */
    public double[] point(double[] f) {
        double[] x = problem.injections(f);
        double[] z = new double[dim];
        for (int k = 0; k < n; k++) {
            if (var[k] >= 0) {
                z[var[k]] = x[k] / scale;
            }
        }
        for (int t = 0; t < m; t++) {
            z[free + t] = f[t] / scale;
        }
        return z;
    }
}
