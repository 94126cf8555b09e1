package org.gridbazaar.solver.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded convex quadratic program with a diagonal Hessian and sparse rows:
 *
 * <pre>
 *   minimise  sum_j 0.5 q_j u_j^2 + c_j u_j   subject to   a_r' u (= or &lt;=) b_r for every row r,   l &lt;= u &lt;= h
 * </pre>
 *
 * with {@code q_j >= 0}, bounds possibly infinite ({@code l_j == h_j} fixes a variable). Immutable;
 * build with {@link #builder()}. Solved by {@link SeparableQpSolver}.
 *
 * <p>Every row carries an order key: the solver eliminates rows in increasing key order (ties in
 * the order added), and its factor fills only the envelope that order leaves, so keys should place
 * rows that share variables close together: for a market over time, the period of the row, with
 * rows linking two periods at the end of the later one and rows spanning many periods last.
 * Internally rows are stored by their position in that order.
 */
public final class SeparableQp {

    final int vars, rows;
    final double[] lo, hi, q, c;
    final int[] colStart, colRow;
    final double[] colVal;
    final double[] b;
    final boolean[] inequality;

    /** Position of each row (by the index it was added with). */
    final int[] position;

    /** Row index at each position. */
    final int[] rowAt;

    /** Envelope of the row-space matrix: first column of each position. */
    final int[] first;

    private SeparableQp(
            double[] lo,
            double[] hi,
            double[] q,
            double[] c,
            int[] colStart,
            int[] colRow,
            double[] colVal,
            double[] b,
            boolean[] inequality,
            int[] position) {
        this.vars = lo.length;
        this.rows = b.length;
        this.lo = lo;
        this.hi = hi;
        this.q = q;
        this.c = c;
        this.colStart = colStart;
        this.colRow = colRow;
        this.colVal = colVal;
        this.b = b;
        this.inequality = inequality;
        this.position = position;
        this.rowAt = new int[rows];
        for (int r = 0; r < rows; r++) {
            rowAt[position[r]] = r;
        }
        this.first = envelope();
    }

    /** A new empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of variables. */
    public int variableCount() {
        return vars;
    }

    /** Number of rows. */
    public int rowCount() {
        return rows;
    }

    /** Entries of the row-space factor's envelope (its memory in doubles). */
    public long envelopeSize() {
        long s = 0;
        for (int i = 0; i < rows; i++) {
            s += i - first[i] + 1;
        }
        return s;
    }

    /**
     * Flops of one envelope factorization of the row-space matrix, {@code sum_i w_i^2 / 2} over the
     * envelope widths {@code w_i} ({@link EnvelopeCholesky}'s count).
     */
    public double factorFlops() {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double w = i - first[i] + 1;
            s += w * w / 2;
        }
        return s;
    }

    /**
     * The scale of the costs that the solvers divide them by: the largest magnitude of a linear
     * cost, at least 1.
     */
    double costScale() {
        double scale = 1;
        for (int j = 0; j < vars; j++) {
            scale = Math.max(scale, Math.abs(c[j]));
        }
        return scale;
    }

    /** {@code A u}, by position. */
    double[] multiply(double[] u) {
        double[] out = new double[rows];
        for (int j = 0; j < vars; j++) {
            double v = u[j];
            if (v != 0) {
                for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                    out[colRow[p]] += colVal[p] * v;
                }
            }
        }
        return out;
    }

    /** {@code A' pi}, {@code pi} by position. */
    double[] transposeMultiply(double[] pi) {
        double[] out = new double[vars];
        for (int j = 0; j < vars; j++) {
            double t = 0;
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                t += colVal[p] * pi[colRow[p]];
            }
            out[j] = t;
        }
        return out;
    }

    /** The objective at {@code u}. */
    public double objective(double[] u) {
        double s = 0;
        for (int j = 0; j < vars; j++) {
            s += (0.5 * q[j] * u[j] + c[j]) * u[j];
        }
        return s;
    }

    /**
     * The elastic (phase-one) problem: the same rows and bounds, no costs, and for every row an
     * elastic variable {@code v >= 0} of cost 1 per unit that may absorb a violation ({@code +v}
     * and {@code -v} for an equality row, {@code -v} for a {@code <=} row), added after the
     * original variables in row order. Always feasible and bounded; its optimum is zero exactly
     * when this problem is feasible.
     */
    public SeparableQp elastic() {
        int extra = 0;
        for (int r = 0; r < rows; r++) {
            extra += inequality[r] ? 1 : 2;
        }
        int total = vars + extra;
        double[] lo2 = Arrays.copyOf(lo, total), hi2 = Arrays.copyOf(hi, total);
        double[] q2 = new double[total], c2 = new double[total];
        int[] start2 = Arrays.copyOf(colStart, total + 1);
        int nnz = colStart[vars];
        int[] row2 = Arrays.copyOf(colRow, nnz + extra);
        double[] val2 = Arrays.copyOf(colVal, nnz + extra);
        int j = vars;
        for (int r = 0; r < rows; r++) {
            int pos = position[r];
            for (int sign = inequality[pos] ? -1 : 1; sign >= -1; sign -= 2) {
                lo2[j] = 0;
                hi2[j] = Double.POSITIVE_INFINITY;
                c2[j] = 1;
                row2[nnz] = pos;
                val2[nnz] = sign;
                start2[j + 1] = ++nnz;
                j++;
            }
        }
        return new SeparableQp(lo2, hi2, q2, c2, start2, row2, val2, b, inequality, position);
    }

    /**
     * The row (by the index it was added with) that elastic variable {@code j} of {@link
     * #elastic()} belongs to.
     */
    public int elasticRow(int j) {
        return rowAt[colRow[colStart[j]]];
    }

    /**
     * Each row's scale at {@code u}: the largest magnitude among its right-hand side and its terms
     * {@code a_rj u_j}, at least 1 (by row index).
     */
    public double[] rowScales(double[] u) {
        double[] s = new double[rows];
        Arrays.fill(s, 1);
        for (int j = 0; j < vars && j < u.length; j++) {
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                s[colRow[p]] = Math.max(s[colRow[p]], Math.abs(colVal[p] * u[j]));
            }
        }
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[rowAt[r]] = Math.max(s[r], Math.abs(b[r]));
        }
        return out;
    }

    private int[] envelope() {
        int[] f = new int[rows];
        for (int i = 0; i < rows; i++) {
            f[i] = i;
        }
        for (int j = 0; j < vars; j++) {
            int min = Integer.MAX_VALUE;
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                min = Math.min(min, colRow[p]);
            }
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                f[colRow[p]] = Math.min(f[colRow[p]], min);
            }
        }
        return f;
    }

    /** Builds a {@link SeparableQp}: variables and rows in any order. */
    public static final class Builder {
        private final DoubleList lo = new DoubleList(),
                hi = new DoubleList(),
                q = new DoubleList(),
                c = new DoubleList();
        private final List<int[]> rowVars = new ArrayList<>();
        private final List<double[]> rowCoefs = new ArrayList<>();
        private final DoubleList rhs = new DoubleList();
        private final List<Boolean> equality = new ArrayList<>();
        private final List<Long> keys = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a variable on {@code [lo, hi]} (infinite bounds allowed, {@code lo <= hi}) with cost
         * {@code 0.5 q u^2 + c u}, {@code q >= 0}; returns its index.
         */
        public int variable(double lower, double upper, double quadratic, double linear) {
            if (!(lower <= upper)
                    || Double.isNaN(lower)
                    || lower == Double.POSITIVE_INFINITY
                    || upper == Double.NEGATIVE_INFINITY
                    || !(quadratic >= 0)
                    || !Double.isFinite(quadratic)
                    || !Double.isFinite(linear)) {
                throw new IllegalArgumentException(
                        "variable "
                                + lo.size()
                                + ": need lo <= hi, finite q >= 0 and finite c, got ["
                                + lower
                                + ", "
                                + upper
                                + "], q "
                                + quadratic
                                + ", c "
                                + linear);
            }
            lo.add(lower);
            hi.add(upper);
            q.add(quadratic);
            c.add(linear);
            return lo.size() - 1;
        }

        /**
         * Adds the row {@code sum coefs[i] u[vars[i]] (= or <=) rhs}, eliminated in the order of
         * {@code orderKey} (see the class documentation); returns its index.
         */
        public int row(
                int[] variables, double[] coefs, boolean isEquality, double right, long orderKey) {
            if (variables.length != coefs.length) {
                throw new IllegalArgumentException(
                        "row "
                                + rhs.size()
                                + ": "
                                + variables.length
                                + " variables, "
                                + coefs.length
                                + " coefficients");
            }
            for (int i = 0; i < variables.length; i++) {
                if (variables[i] < 0 || variables[i] >= lo.size() || !Double.isFinite(coefs[i])) {
                    throw new IllegalArgumentException(
                            "row "
                                    + rhs.size()
                                    + ": unknown variable "
                                    + variables[i]
                                    + " or coefficient "
                                    + coefs[i]);
                }
            }
            if (!Double.isFinite(right)) {
                throw new IllegalArgumentException(
                        "row " + rhs.size() + ": right-hand side " + right);
            }
            rowVars.add(variables.clone());
            rowCoefs.add(coefs.clone());
            rhs.add(right);
            equality.add(isEquality);
            keys.add(orderKey);
            return rhs.size() - 1;
        }

        /** The immutable problem. */
        public SeparableQp build() {
            int nv = lo.size(), m = rhs.size();
            Integer[] order = new Integer[m];
            for (int r = 0; r < m; r++) {
                order[r] = r;
            }
            Arrays.sort(
                    order,
                    (x, y) -> {
                        int k = Long.compare(keys.get(x), keys.get(y));
                        return k != 0 ? k : Integer.compare(x, y);
                    });
            int[] position = new int[m];
            for (int p = 0; p < m; p++) {
                position[order[p]] = p;
            }
            int[] count = new int[nv + 1];
            for (int[] vs : rowVars) {
                for (int v : vs) {
                    count[v + 1]++;
                }
            }
            for (int j = 0; j < nv; j++) {
                count[j + 1] += count[j];
            }
            int[] fill = Arrays.copyOf(count, nv);
            int[] colRow = new int[count[nv]];
            double[] colVal = new double[count[nv]];
            double[] b = new double[m];
            boolean[] inequality = new boolean[m];
            for (int r = 0; r < m; r++) {
                int pos = position[r];
                int[] vs = rowVars.get(r);
                double[] cs = rowCoefs.get(r);
                for (int i = 0; i < vs.length; i++) {
                    colRow[fill[vs[i]]] = pos;
                    colVal[fill[vs[i]]++] = cs[i];
                }
                b[pos] = rhs.get(r);
                inequality[pos] = !equality.get(r);
            }
            return new SeparableQp(
                    lo.toArray(),
                    hi.toArray(),
                    q.toArray(),
                    c.toArray(),
                    count,
                    colRow,
                    colVal,
                    b,
                    inequality,
                    position);
        }
    }

    /** A growable double array. */
    private static final class DoubleList {
        private double[] data = new double[16];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        double get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
