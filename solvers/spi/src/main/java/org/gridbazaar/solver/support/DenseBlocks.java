package org.gridbazaar.solver.support;

/**
 * Dense Cholesky of small symmetric positive semidefinite blocks, row-major {@code s x s}, and the
 * triangular solves with its factor. A pivot that is not positive (a direction the block does not
 * determine, at rounding level) is replaced by a huge one, as in {@link EnvelopeCholesky}.
 */
final class DenseBlocks {

    private DenseBlocks() {}

    /**
     * Factors {@code a = L L'} in place (the lower triangle holds {@code L}; the upper is left as
     * it was).
     */
    static void cholesky(double[] a, int s) {
        for (int i = 0; i < s; i++) {
            int oi = i * s;
            for (int j = 0; j < i; j++) {
                int oj = j * s;
                double v = a[oi + j];
                for (int t = 0; t < j; t++) {
                    v -= a[oi + t] * a[oj + t];
                }
                a[oi + j] = v / a[oj + j];
            }
            double original = a[oi + i];
            double d = original;
            for (int t = 0; t < i; t++) {
                d -= a[oi + t] * a[oi + t];
            }
            if (!(d > 1e-14 * Math.abs(original)) || !(d > 1e-300)) {
                d = 1e128;
            }
            a[oi + i] = Math.sqrt(d);
        }
    }

    /** {@code y = L^-1 y}. */
    static void forward(double[] l, int s, double[] y) {
        for (int i = 0; i < s; i++) {
            int oi = i * s;
            double v = y[i];
            for (int t = 0; t < i; t++) {
                v -= l[oi + t] * y[t];
            }
            y[i] = v / l[oi + i];
        }
    }

    /** {@code y = L'^-1 y}. */
    static void backward(double[] l, int s, double[] y) {
        for (int i = s - 1; i >= 0; i--) {
            double v = y[i] / l[i * s + i];
            y[i] = v;
            for (int t = 0; t < i; t++) {
                y[t] -= l[i * s + t] * v;
            }
        }
    }

    /** {@code W = L^-1 W} for {@code W} row-major {@code s x k}. */
    static void forwardColumns(double[] l, int s, double[] w, int k) {
        for (int i = 0; i < s; i++) {
            int oi = i * s;
            for (int t = 0; t < i; t++) {
                double lit = l[oi + t];
                if (lit != 0) {
                    for (int c = 0; c < k; c++) {
                        w[i * k + c] -= lit * w[t * k + c];
                    }
                }
            }
            double inv = 1 / l[oi + i];
            for (int c = 0; c < k; c++) {
                w[i * k + c] *= inv;
            }
        }
    }
}
