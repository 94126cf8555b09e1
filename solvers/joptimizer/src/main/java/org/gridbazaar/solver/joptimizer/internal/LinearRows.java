package org.gridbazaar.solver.joptimizer.internal;

import cern.colt.matrix.DoubleMatrix1D;
import cern.colt.matrix.impl.DenseDoubleMatrix1D;
import cern.colt.matrix.impl.SparseDoubleMatrix1D;
import cern.colt.matrix.impl.SparseDoubleMatrix2D;
import com.joptimizer.functions.ConvexMultivariateRealFunction;
import com.joptimizer.functions.LinearMultivariateRealFunction;
import com.joptimizer.functions.PSDQuadraticMultivariateRealFunction;
import com.joptimizer.optimizers.OptimizationRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparse linear rows {@code a . v (= or <=) h} over a QP's variables, in the scaled units of {@link
 * ScaledQp} and {@link ScaledBlockQp}, and their forms for JOptimizer: an equality matrix and
 * right-hand side, inequality functions {@code a . v - h <= 0}, and the request of a QP with them.
 * Mutable while a QP is built.
 */
final class LinearRows {

    private final List<int[]> idx = new ArrayList<>();
    private final List<double[]> val = new ArrayList<>();
    private final List<Double> rhs = new ArrayList<>();

    /** Adds the row {@code sum val[i] v[idx[i]]} with right-hand side {@code h}. */
    void add(int[] indices, double[] values, double h) {
        idx.add(indices);
        val.add(values);
        rhs.add(h);
    }

    int size() {
        return rhs.size();
    }

    int[] indices(int r) {
        return idx.get(r);
    }

    double[] values(int r) {
        return val.get(r);
    }

    double rhs(int r) {
        return rhs.get(r);
    }

    /** Removes row {@code r}. */
    void remove(int r) {
        idx.remove(r);
        val.remove(r);
        rhs.remove(r);
    }

    /** {@code a . v - h} of row {@code r} at {@code v}. */
    double residual(int r, double[] v) {
        int[] i = idx.get(r);
        double[] a = val.get(r);
        double s = -rhs.get(r);
        for (int j = 0; j < i.length; j++) {
            s += a[j] * v[i[j]];
        }
        return s;
    }

    /** {@code a . v - h} of row {@code r} at {@code v}. */
    double residual(int r, DoubleMatrix1D v) {
        int[] i = idx.get(r);
        double[] a = val.get(r);
        double s = -rhs.get(r);
        for (int j = 0; j < i.length; j++) {
            s += a[j] * v.getQuick(i[j]);
        }
        return s;
    }

    /** The largest {@code |a . v - h|} over the rows (0 without rows). */
    double largestAbsResidual(DoubleMatrix1D v) {
        double worst = 0;
        for (int r = 0; r < size(); r++) {
            worst = Math.max(worst, Math.abs(residual(r, v)));
        }
        return worst;
    }

    /** The largest {@code a . v - h} over the rows (negative infinity without rows). */
    double largestResidual(double[] v) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < size(); r++) {
            worst = Math.max(worst, residual(r, v));
        }
        return worst;
    }

    /** The rows as a {@code size x dim} matrix (entries of a repeated index add up). */
    SparseDoubleMatrix2D matrix(int dim) {
        SparseDoubleMatrix2D m = new SparseDoubleMatrix2D(size(), dim);
        for (int r = 0; r < size(); r++) {
            int[] i = idx.get(r);
            double[] a = val.get(r);
            for (int j = 0; j < i.length; j++) {
                m.setQuick(r, i[j], m.getQuick(r, i[j]) + a[j]);
            }
        }
        return m;
    }

    /** The right-hand sides. */
    DoubleMatrix1D rightHandSide() {
        DoubleMatrix1D h = new DenseDoubleMatrix1D(size());
        for (int r = 0; r < size(); r++) {
            h.setQuick(r, rhs.get(r));
        }
        return h;
    }

    /** The rows as JOptimizer's inequalities {@code a . v - h <= 0}. */
    ConvexMultivariateRealFunction[] inequalities(int dim) {
        ConvexMultivariateRealFunction[] fi = new ConvexMultivariateRealFunction[size()];
        for (int r = 0; r < fi.length; r++) {
            SparseDoubleMatrix1D q = new SparseDoubleMatrix1D(dim);
            int[] i = idx.get(r);
            double[] a = val.get(r);
            for (int j = 0; j < i.length; j++) {
                q.setQuick(i[j], q.getQuick(i[j]) + a[j]);
            }
            fi[r] = new LinearMultivariateRealFunction(q, -rhs.get(r));
        }
        return fi;
    }

    /**
     * JOptimizer's request to minimise {@code 0.5 v'Hv + c'v} ({@code hessian}, {@code linear})
     * subject to {@code equalities} ({@code a . v = h}) and {@code inequalities} ({@code a . v <=
     * h}), from {@code start} (strictly feasible, or {@code null}: JOptimizer's own phase one),
     * with its surrogate-gap and feasibility tolerances and iteration limit.
     */
    static OptimizationRequest request(
            SparseDoubleMatrix2D hessian,
            DoubleMatrix1D linear,
            LinearRows equalities,
            LinearRows inequalities,
            double[] start,
            double gapTolerance,
            double feasibilityTolerance,
            int maxIterations) {
        int dim = linear.size();
        OptimizationRequest or = new OptimizationRequest();
        or.setF0(new PSDQuadraticMultivariateRealFunction(hessian, linear, 0));
        if (equalities.size() > 0) {
            or.setA(equalities.matrix(dim));
            or.setB(equalities.rightHandSide());
        }
        or.setFi(inequalities.inequalities(dim));
        if (start != null) {
            or.setInitialPoint(start);
        }
        or.setTolerance(gapTolerance);
        or.setToleranceFeas(feasibilityTolerance);
        or.setMaxIteration(maxIterations);
        return or;
    }

    /**
     * Adds one balance row {@code x_k - (N f)_k = 0} per node with arcs ({@code traded}), in scaled
     * units: the node's variable {@code nodeVar[k]} (or its constant {@code constant[k]} kW,
     * divided by {@code scale}, on the right) and arc {@code t}'s flow at variable {@code firstArc
     * + t}. One row of each connected group of arcs whose nodes are all constant is left out: those
     * rows sum to zero, and JOptimizer needs equality rows of full rank.
     */
    void addBalance(
            int n,
            int[] tail,
            int[] head,
            boolean[] traded,
            int[] nodeVar,
            double[] constant,
            int firstArc,
            double scale) {
        int[] root = org.gridbazaar.solver.support.TradingComponents.of(n, tail, head);
        boolean[] hasVar = new boolean[n], dropped = new boolean[n];
        for (int k = 0; k < n; k++) {
            hasVar[root[k]] |= nodeVar[k] >= 0;
        }
        int[] degree = new int[n];
        for (int t = 0; t < tail.length; t++) {
            degree[tail[t]]++;
            degree[head[t]]++;
        }
        int[][] arcsOf = new int[n][];
        for (int k = 0; k < n; k++) {
            arcsOf[k] = new int[degree[k]];
            degree[k] = 0;
        }
        for (int t = 0; t < tail.length; t++) {
            arcsOf[tail[t]][degree[tail[t]]++] = t;
            arcsOf[head[t]][degree[head[t]]++] = t;
        }
        for (int k = 0; k < n; k++) {
            if (!traded[k]) {
                continue;
            }
            if (!hasVar[root[k]] && !dropped[root[k]]) {
                dropped[root[k]] = true;
                continue;
            }
            int size = arcsOf[k].length + (nodeVar[k] >= 0 ? 1 : 0);
            int[] i = new int[size];
            double[] a = new double[size];
            int j = 0;
            if (nodeVar[k] >= 0) {
                i[j] = nodeVar[k];
                a[j++] = 1;
            }
            for (int t : arcsOf[k]) {
                i[j] = firstArc + t;
                a[j++] = tail[t] == k ? -1 : 1;
            }
            add(i, a, nodeVar[k] >= 0 ? 0 : -constant[k] / scale);
        }
    }
}
