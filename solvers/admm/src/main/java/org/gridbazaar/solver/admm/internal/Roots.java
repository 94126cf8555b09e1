package org.gridbazaar.solver.admm.internal;

import java.util.function.DoubleUnaryOperator;

/**
 * Roots of continuous, nonincreasing, piecewise-linear functions with known kinks (exact up to
 * rounding).
 */
final class Roots {

    private Roots() {}

    /**
     * A root of {@code phi}, which is continuous, nonincreasing and affine between the sorted
     * {@code breaks}; {@code NaN} if it has none. On a flat zero stretch any point of it is
     * returned.
     */
    static double root(DoubleUnaryOperator phi, double[] breaks) {
        if (breaks.length == 0) {
            double v = phi.applyAsDouble(0);
            double s = phi.applyAsDouble(1) - v;
            if (v == 0) {
                return 0;
            }
            return s < 0 ? -v / s : Double.NaN;
        }
        int n = breaks.length;
        double first = phi.applyAsDouble(breaks[0]);
        if (first < 0) {
            double d = Math.max(1, Math.abs(breaks[0]));
            double slope = (first - phi.applyAsDouble(breaks[0] - d)) / d;
            return slope < 0 ? breaks[0] - first / slope : Double.NaN;
        }
        double last = phi.applyAsDouble(breaks[n - 1]);
        if (last > 0) {
            double d = Math.max(1, Math.abs(breaks[n - 1]));
            double slope = (phi.applyAsDouble(breaks[n - 1] + d) - last) / d;
            return slope < 0 ? breaks[n - 1] - last / slope : Double.NaN;
        }
        // phi(breaks[lo]) >= 0 >= phi(breaks[hi])
        int lo = 0, hi = n - 1;
        double flo = first, fhi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            double fm = phi.applyAsDouble(breaks[mid]);
            if (fm >= 0) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
                fhi = fm;
            }
        }
        if (flo == 0 || flo == fhi) {
            return breaks[lo];
        }
        if (fhi == 0) {
            return breaks[hi];
        }
        return breaks[lo] + flo * (breaks[hi] - breaks[lo]) / (flo - fhi);
    }
}
