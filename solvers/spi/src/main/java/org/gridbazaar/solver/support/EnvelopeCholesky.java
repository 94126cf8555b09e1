package org.gridbazaar.solver.support;

/**
 * Cholesky factorization {@code K = L L'} of a symmetric positive definite matrix stored by its
 * envelope (profile): row {@code i} of the lower triangle holds the columns {@code first[i] .. i},
 * and the factor fills exactly that envelope, no more. With rows ordered period by period, the
 * envelope of a market over time is a band of about two periods' rows (storage and ramp rows reach
 * back into the previous period), plus dense rows at the end for rows that span many periods
 * (energy windows).
 *
 * <p>Work is {@code sum_i w_i^2 / 2} flops for envelope widths {@code w_i}, all of it in contiguous
 * dot products; memory {@code sum_i w_i} doubles. A pivot that is not positive (a direction the
 * matrix does not determine, at rounding level) is replaced by a huge one, which sets that
 * component of the solution to zero, the usual safeguard of interior-point methods.
 */
final class EnvelopeCholesky {

    private final int n;
    private final int[] first;
    private final int[] offset;

    /** The matrix before {@link #factor()}, its factor after. */
    final double[] values;

    private int replacedPivots;

    /** Whether a factorization costs more than {@link #PARALLEL_FLOPS}. */
    private final boolean large;

    /** An all-zero matrix with the given envelope; {@code first[i] <= i}. */
    EnvelopeCholesky(int[] first) {
        this.n = first.length;
        this.first = first.clone();
        this.offset = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (first[i] > i || first[i] < 0) {
                throw new IllegalArgumentException(
                        "envelope of row " + i + " starts at " + first[i]);
            }
            offset[i + 1] = offset[i] + (i - first[i] + 1);
        }
        this.values = new double[offset[n]];
        double flops = 0;
        for (int i = 0; i < n; i++) {
            double w = i - first[i] + 1;
            flops += w * w / 2;
        }
        this.large = flops > PARALLEL_FLOPS;
    }

    /** Number of stored entries. */
    long size() {
        return offset[n];
    }

    /** Position of entry {@code (i, j)}, {@code first[i] <= j <= i}, in {@link #values}. */
    int index(int i, int j) {
        if (j > i || j < first[i]) {
            throw new IllegalArgumentException(
                    "entry (" + i + ", " + j + ") is outside the envelope");
        }
        return offset[i] + (j - first[i]);
    }

    /** Sets every entry to zero. */
    void clear() {
        java.util.Arrays.fill(values, 0);
    }

    /** Adds {@code v} to diagonal entry {@code i}. */
    void addDiagonal(int i, double v) {
        values[offset[i + 1] - 1] += v;
    }

    /** Diagonal entry {@code i}. */
    double diagonal(int i) {
        return values[offset[i + 1] - 1];
    }

    /** Pivots replaced in the last factorization. */
    int replacedPivots() {
        return replacedPivots;
    }

    /**
     * Factors in place. Pivots below {@code tiny} times their row's original diagonal are replaced
     * (see the class documentation). A factorization of more than {@link #PARALLEL_FLOPS} flops
     * runs on two threads when the machine has two processors or more: the rows alternate between
     * them, and a row waits for the previous one only for the entries that need it, so both compute
     * at once. Every entry is computed by the same operations in the same order either way: the
     * factor is the same bit for bit.
     */
    void factor() {
        factor(large && Runtime.getRuntime().availableProcessors() >= 2);
    }

    /**
     * Flops ({@code sum_i w_i^2 / 2}) above which {@link #factor()} takes two threads, about 0.15 s
     * of one thread's work: below it (200 peers x 20 partners x 24 periods, 5.2e7 flops) the rows'
     * hand-overs between the threads cost more than they save; at 1,000 peers (6.4e9 flops) two
     * threads take a sixth off a whole solve's wall time.
     */
    static final double PARALLEL_FLOPS = 5e8;

    /** Rows factored so far, in order (rows {@code 0 .. rowsDone - 1} are final). */
    private volatile int rowsDone;

    /** {@link #factor()}, on two threads when {@code parallel}. */
    void factor(boolean parallel) {
        replacedPivots = 0;
        rowsDone = 0;
        if (!parallel) {
            replacedPivots = factorRows(0, 1);
            return;
        }
        int[] other = new int[1];
        Throwable[] failure = new Throwable[1];
        Thread helper =
                new Thread(
                        () -> {
                            try {
                                other[0] = factorRows(1, 2);
                            } catch (Throwable t) {
                                failure[0] = t;
                                rowsDone = Integer.MIN_VALUE;
                            }
                        },
                        "envelope-cholesky");
        helper.setDaemon(true);
        helper.start();
        int mine;
        try {
            mine = factorRows(0, 2);
        } catch (RuntimeException | Error e) {
            rowsDone = Integer.MIN_VALUE;
            joinQuietly(helper);
            if (failure[0] != null && !(failure[0] instanceof IllegalStateException)) {
                e.addSuppressed(failure[0]);
            }
            throw e;
        }
        joinQuietly(helper);
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        replacedPivots = mine + other[0];
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Factors rows {@code start, start + step, ...}, each entry {@code (i, j)} once row {@code j}
     * is final; returns the pivots replaced.
     */
    private int factorRows(int start, int step) {
        double[] v = values;
        int replaced = 0;
        for (int i = start; i < n; i += step) {
            int fi = first[i], oi = offset[i];
            int done = rowsDone;
            for (int j = fi; j < i; j++) {
                if (j >= done) {
                    done = awaitRow(j);
                }
                int fj = first[j], oj = offset[j];
                int k0 = Math.max(fi, fj);
                int a = oi + (k0 - fi), b = oj + (k0 - fj);
                double s = v[oi + (j - fi)] - dot(v, a, b, j - k0);
                v[oi + (j - fi)] = s / v[offset[j + 1] - 1];
            }
            int di = offset[i + 1] - 1;
            double original = v[di];
            double d = original - dot(v, oi, oi, di - oi);
            if (!(d > 1e-14 * Math.abs(original)) || !(d > 1e-300)) {
                d = 1e128;
                replaced++;
            }
            v[di] = Math.sqrt(d);
            if (i > 0) {
                awaitRow(i - 1);
            }
            rowsDone = i + 1;
        }
        return replaced;
    }

    /** Waits until row {@code j} is final; returns the rows final by then. */
    private int awaitRow(int j) {
        int done;
        while ((done = rowsDone) <= j) {
            if (done < 0) {
                throw new IllegalStateException("the other thread of the factorization failed");
            }
            Thread.onSpinWait();
        }
        return done;
    }

    /**
     * {@code sum v[a+k] * v[b+k]} for {@code k < len}, with four partial sums the processor can
     * overlap.
     */
    private static double dot(double[] v, int a, int b, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += v[a + k] * v[b + k];
            s1 += v[a + k + 1] * v[b + k + 1];
            s2 += v[a + k + 2] * v[b + k + 2];
            s3 += v[a + k + 3] * v[b + k + 3];
        }
        for (; k < len; k++) {
            s0 += v[a + k] * v[b + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Solves {@code L L' x = rhs} in place. */
    void solve(double[] x) {
        double[] v = values;
        for (int i = 0; i < n; i++) {
            int fi = first[i], oi = offset[i];
            double s = x[i];
            for (int j = fi; j < i; j++) {
                s -= v[oi + (j - fi)] * x[j];
            }
            x[i] = s / v[offset[i + 1] - 1];
        }
        for (int i = n - 1; i >= 0; i--) {
            int fi = first[i], oi = offset[i];
            double xi = x[i] / v[offset[i + 1] - 1];
            x[i] = xi;
            for (int j = fi; j < i; j++) {
                x[j] -= v[oi + (j - fi)] * xi;
            }
        }
    }
}
