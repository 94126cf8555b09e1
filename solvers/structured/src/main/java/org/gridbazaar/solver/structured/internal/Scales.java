package org.gridbazaar.solver.structured.internal;

/**
 * A problem's scales, against which the interior point's tolerances are relative.
 *
 * @param quantity the injection scale, kW: the largest bound in absolute value, at least 1
 * @param price the price scale, $/kW: the largest marginal cost a node can reach ({@code |b| + |a|
 *     max(|lo|, |hi|)}) or arc cost, at least 1
 * @param meanReach the mean over the nodes of the largest bound in absolute value, kW, at least
 *     {@code 1e-3} of the injection scale (the starting point spreads it over the arcs)
 */
record Scales(double quantity, double price, double meanReach) {

    /** The scales of {@code p} with the arcs {@code arcs}. */
    static Scales of(IpmProblem p, ArcSet arcs) {
        double[] a = p.a, b = p.b, lo = p.lo, hi = p.hi;
        int n = p.n;
        double scaleX = 1, scaleB = 1;
        for (int k = 0; k < n; k++) {
            scaleX = Math.max(scaleX, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
            scaleB =
                    Math.max(
                            scaleB,
                            Math.abs(b[k])
                                    + Math.abs(a[k]) * Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
        }
        for (int t = 0; t < arcs.m; t++) {
            scaleB = Math.max(scaleB, Math.abs(arcs.w[t]));
        }
        double meanX = 0;
        for (int k = 0; k < n; k++) {
            meanX += Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
        }
        meanX = Math.max(1e-3 * scaleX, meanX / Math.max(1, n));
        return new Scales(scaleX, scaleB, meanX);
    }
}
