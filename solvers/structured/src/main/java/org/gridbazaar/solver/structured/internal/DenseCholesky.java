package org.gridbazaar.solver.structured.internal;

/**
 * Cholesky factorization {@code K = L L'} of a dense symmetric positive definite matrix stored
 * row-major in {@link #data} (only the lower triangle is read), in place, with no pivoting.
 *
 * <p>Up to {@value #BLOCKED_FROM} rows it computes column by column with every sum subtracted term
 * by term in the order of the library routine it replaced (EJML's inner Cholesky and triangular
 * solves): near the end of an interior-point run the reduced matrix holds entries 1e17 apart, and
 * the order of these sums decides whether the last iterations stay finite (a different order turned
 * runs the tests hold as converging into breakdowns). Above, the factorization runs by column
 * blocks of {@value #BLOCK} (right-looking): the block's columns are factored, then the rows below
 * are solved against them and the trailing matrix updated, so each update reads row segments that
 * stay in cache. Times on the 2-core machine of {@code docs/benchmarks.md} (2026-12-07, JIT C2;
 * EJML's {@code chol} in brackets): n = 1,000 about 98 ms (118), n = 2,000 about 0.57 s (0.45).
 */
final class DenseCholesky {

    /** Size from which the blocked order is used. */
    static final int BLOCKED_FROM = 1000;

    /** Columns per block of the blocked order. */
    static final int BLOCK = 64;

    private final int n;

    /**
     * The matrix, row-major {@code n x n}; its lower triangle becomes {@code L} by {@link
     * #factor()}.
     */
    final double[] data;

    DenseCholesky(int n) {
        this.n = n;
        this.data = new double[n * n];
    }

    /**
     * Factors in place; {@code false} when a pivot is not positive (the matrix is not numerically
     * positive definite).
     */
    boolean factor() {
        return n > BLOCKED_FROM ? factorBlocked() : factorByColumns();
    }

    /**
     * Column by column, as the routine it replaced: {@code L[j][i] = (A[i][j] - sum_k L[i][k]
     * L[j][k]) / L[i][i]}, the sum subtracted term by term in order, {@code A} read from the upper
     * triangle and {@code L} written to the lower.
     */
    private boolean factorByColumns() {
        double[] v = data;
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            double inverse = 0;
            for (int j = i; j < n; j++) {
                int oj = j * n;
                double sum = v[oi + j];
                for (int k = 0; k < i; k++) {
                    sum -= v[oi + k] * v[oj + k];
                }
                if (i == j) {
                    if (!(sum > 0) || !Double.isFinite(sum)) {
                        return false;
                    }
                    double d = Math.sqrt(sum);
                    v[oi + i] = d;
                    inverse = 1 / d;
                } else {
                    v[oj + i] = sum * inverse;
                }
            }
        }
        return true;
    }

    /**
     * Crout on rows and columns {@code from .. to-1}, with the columns before {@code first} already
     * subtracted (their contributions are in the entries), so that sums run over {@code first ..
     * j-1} only.
     */
    private boolean factorRange(int from, int to, int first) {
        double[] v = data;
        for (int i = from; i < to; i++) {
            int oi = i * n;
            for (int j = from; j < i; j++) {
                int oj = j * n;
                v[oi + j] = (v[oi + j] - dot(v, oi + first, oj + first, j - first)) / v[oj + j];
            }
            double d = v[oi + i] - dot(v, oi + first, oi + first, i - first);
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            v[oi + i] = Math.sqrt(d);
        }
        return true;
    }

    private boolean factorBlocked() {
        double[] v = data;
        for (int kb = 0; kb < n; kb += BLOCK) {
            int ke = Math.min(kb + BLOCK, n);
            if (!factorRange(kb, ke, kb)) {
                return false;
            }
            // the rows below the block, against its columns
            for (int i = ke; i < n; i++) {
                int oi = i * n;
                for (int j = kb; j < ke; j++) {
                    int oj = j * n;
                    v[oi + j] = (v[oi + j] - dot(v, oi + kb, oj + kb, j - kb)) / v[oj + j];
                }
            }
            // the trailing matrix, lower triangle
            int len = ke - kb;
            for (int i = ke; i < n; i++) {
                int oi = i * n;
                for (int j = ke; j <= i; j++) {
                    v[oi + j] -= dot(v, oi + kb, j * n + kb, len);
                }
            }
        }
        return true;
    }

    /**
     * Solves {@code L L' x = rhs} into {@code x} ({@code rhs} is left as it was), each sum
     * subtracted term by term.
     */
    void solve(double[] rhs, double[] x) {
        double[] v = data;
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            double sum = rhs[i];
            for (int k = 0; k < i; k++) {
                sum -= v[oi + k] * x[k];
            }
            x[i] = sum / v[oi + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = x[i];
            for (int j = i + 1; j < n; j++) {
                sum -= v[j * n + i] * x[j];
            }
            x[i] = sum / v[i * n + i];
        }
    }

    /** {@code sum v[a+k] * v[b+k]} for {@code k < len}, in order. */
    private static double dot(double[] v, int a, int b, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += v[a + k] * v[b + k];
        }
        return s;
    }
}
