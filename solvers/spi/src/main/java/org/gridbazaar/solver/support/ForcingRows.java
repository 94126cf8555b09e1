package org.gridbazaar.solver.support;

/**
 * The forcing rows of a {@link SeparableQp}, and the bounds an interior-point run uses instead of
 * the problem's there (Andersen and Andersen's presolve, 1995, without removing anything).
 *
 * <p>A row is forcing when its right-hand side equals the largest or the smallest value its
 * left-hand side can take within the variables' bounds (for an inequality row {@code a'u <= b}, the
 * smallest): every variable of the row is then held at the bound that attains it. Where rounding
 * puts the right-hand side a hair beyond that value, by at most {@value #TOLERANCE} of the row's
 * scale (5e-13 to 2e-12 relative in the bonus mechanism's re-dispatch windows, where one or two
 * units must meet a fixed demand at full capacity), the problem has no point at all: the barriers
 * of those bounds and the row's price grow without end and every start of the run breaks down
 * (steps of 1e-15). The run moves each such bound outwards by twice that excess over the variable's
 * coefficient, which gives the row room; a solver puts its answers for these variables back within
 * their own bounds, where the row misses by the excess, as the problem's own rounding does.
 */
final class ForcingRows {

    private ForcingRows() {}

    /** Relative distance (to the row's scale) within which a row is forcing. */
    static final double TOLERANCE = 1e-9;

    /**
     * Moves, in {@code lo} and {@code hi} (copies of the problem's bounds), the bounds that forcing
     * rows hold; returns the variables whose bounds moved, increasing.
     */
    static int[] relax(SeparableQp sf, boolean[] fixed, double[] lo, double[] hi) {
        int n = sf.vars, m = sf.rows;
        // per row: the fixed terms, the least and the largest activity of the others, the scale
        double[] fixedSum = new double[m], least = new double[m], most = new double[m];
        double[] scale = new double[m];
        for (int r = 0; r < m; r++) {
            scale[r] = Math.abs(sf.b[r]);
        }
        for (int j = 0; j < n; j++) {
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                int r = sf.colRow[p];
                double a = sf.colVal[p];
                if (fixed[j]) {
                    fixedSum[r] += a * sf.lo[j];
                    scale[r] = Math.max(scale[r], Math.abs(a * sf.lo[j]));
                } else if (a != 0) {
                    double atLo = a * sf.lo[j], atHi = a * sf.hi[j];
                    least[r] += Math.min(atLo, atHi);
                    most[r] += Math.max(atLo, atHi);
                    scale[r] =
                            Math.max(
                                    scale[r],
                                    Math.max(finite(Math.abs(atLo)), finite(Math.abs(atHi))));
                }
            }
        }
        // per row: +1 forcing at its largest activity, -1 at its least, 0 not forcing
        int[] side = new int[m];
        double[] excess = new double[m];
        boolean any = false;
        for (int r = 0; r < m; r++) {
            double eps = TOLERANCE * Math.max(1, scale[r]);
            double rest = sf.b[r] - fixedSum[r];
            if (Double.isFinite(least[r]) && least[r] > rest && least[r] - rest <= eps) {
                side[r] = -1;
                excess[r] = least[r] - rest;
            } else if (!sf.inequality[r]
                    && Double.isFinite(most[r])
                    && rest > most[r]
                    && rest - most[r] <= eps) {
                side[r] = 1;
                excess[r] = rest - most[r];
            }
            any |= side[r] != 0;
        }
        if (!any) {
            return new int[0];
        }
        boolean[] moved = new boolean[n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (fixed[j]) {
                continue;
            }
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                int r = sf.colRow[p];
                double a = sf.colVal[p];
                if (side[r] == 0 || a == 0) {
                    continue;
                }
                double room = 2 * excess[r] / Math.abs(a);
                // the bound that attains the row's forcing value
                if (side[r] * a > 0) {
                    hi[j] = Math.max(hi[j], sf.hi[j] + room);
                } else {
                    lo[j] = Math.min(lo[j], sf.lo[j] - room);
                }
                if (!moved[j]) {
                    moved[j] = true;
                    count++;
                }
            }
        }
        int[] out = new int[count];
        for (int j = 0, k = 0; j < n; j++) {
            if (moved[j]) {
                out[k++] = j;
            }
        }
        return out;
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
