package org.gridbazaar.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The feasible operating region of a CHP unit: a convex polygon in the (heat, power) plane, given
 * by its vertices in either orientation (seed Fig. 12.9 and eq. 12.24–12.26, where the four points
 * A, B, C, D are one such list).
 *
 * <p>The region must be a simple convex polygon with at least three non-collinear vertices;
 * collinear extra vertices on an edge are allowed. {@link #problems()} lists what is wrong, naming
 * the vertex by its zero-based index; {@link Market.Builder#build()} reports those.
 *
 * @param vertices the polygon's vertices, heat and power in kW
 */
public record ChpRegion(List<HeatPowerPoint> vertices) {

    /** The largest region on which {@link #problems()} compares every pair of edges. */
    static final int MAX_VERTICES_PAIRWISE = 64;

    public ChpRegion {
        vertices = List.copyOf(Objects.requireNonNull(vertices, "vertices"));
    }

    /** A region from {@code {heat, power}} pairs. */
    public static ChpRegion of(double[]... heatPowerPairs) {
        List<HeatPowerPoint> list = new ArrayList<>();
        for (double[] p : heatPowerPairs) {
            if (p.length != 2) {
                throw new IllegalArgumentException(
                        "a CHP vertex is a pair [heat, power], got " + p.length + " numbers");
            }
            list.add(new HeatPowerPoint(p[0], p[1]));
        }
        return new ChpRegion(list);
    }

    /**
     * What makes this list not a simple convex non-degenerate polygon, one message per problem,
     * each naming the vertex (zero-based index) and its coordinates; empty when the region is
     * valid. The checks run in stages and stop at the first stage that finds something, so that one
     * mistake is not reported several times over:
     *
     * <ol>
     *   <li>at least 3 vertices, each within {@link Market#MAX_BOUND_KW} in magnitude;
     *   <li>no vertex listed twice (anywhere in the list);
     *   <li>not all vertices on one line (the region would have zero area);
     *   <li>no vertex where the boundary doubles back along the edge it came from;
     *   <li>no two non-adjacent edges that cross or touch (the polygon is simple); this stage
     *       compares every pair of edges, so it runs only on regions of at most {@value
     *       #MAX_VERTICES_PAIRWISE} vertices: on larger ones the next stage still rejects every
     *       polygon that is not simple (as not convex or as winding around more than once), and the
     *       check stays linear;
     *   <li>every vertex turns the same way (the polygon is convex); collinear extra vertices on an
     *       edge are allowed.
     * </ol>
     *
     * Collinearity and turning are decided with a tolerance of {@code 1e-12 * max(1, s)^2} kW^2 on
     * cross products, {@code s} the largest vertex coordinate magnitude.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        int n = vertices.size();
        if (n < 3) {
            out.add("needs at least 3 vertices, got " + n);
            return out;
        }
        for (int k = 0; k < n; k++) {
            HeatPowerPoint p = vertices.get(k);
            if (!(Math.abs(p.heat()) <= Market.MAX_BOUND_KW
                    && Math.abs(p.power()) <= Market.MAX_BOUND_KW)) {
                out.add(
                        "vertex "
                                + k
                                + " "
                                + fmt(p)
                                + " is outside [-"
                                + Market.MAX_BOUND_KW
                                + ", "
                                + Market.MAX_BOUND_KW
                                + "] kW in heat or power. Maybe the values are in W, not kW");
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        double scale = 0;
        for (HeatPowerPoint v : vertices) {
            scale = Math.max(scale, Math.max(Math.abs(v.heat()), Math.abs(v.power())));
        }
        double eps = 1e-12 * Math.max(1, scale) * Math.max(1, scale);
        // repeated vertices by sorting, not by comparing every pair: n log n on any input
        Integer[] byPoint = new Integer[n];
        for (int k = 0; k < n; k++) {
            byPoint[k] = k;
        }
        // + 0.0 turns -0.0 into 0.0: the two are the same corner
        Comparator<Integer> order =
                Comparator.<Integer>comparingDouble(k -> vertices.get(k).heat() + 0.0)
                        .thenComparingDouble(k -> vertices.get(k).power() + 0.0)
                        .thenComparingInt(k -> k);
        Arrays.sort(byPoint, order);
        int[] repeats = new int[n];
        Arrays.fill(repeats, -1);
        for (int s = 1, first = byPoint[0]; s < n; s++) {
            HeatPowerPoint a = vertices.get(first), b = vertices.get(byPoint[s]);
            if (a.heat() == b.heat() && a.power() == b.power()) {
                repeats[byPoint[s]] = first;
            } else {
                first = byPoint[s];
            }
        }
        for (int k = 0; k < n; k++) {
            if (repeats[k] >= 0) {
                out.add(
                        "vertex "
                                + k
                                + " "
                                + fmt(vertices.get(k))
                                + " repeats vertex "
                                + repeats[k]
                                + "; list each corner of the region once");
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        int far = 0;
        HeatPowerPoint origin = vertices.get(0);
        for (int k = 1; k < n; k++) {
            if (dist2(origin, vertices.get(k)) > dist2(origin, vertices.get(far))) {
                far = k;
            }
        }
        double offLine = 0;
        for (int k = 0; k < n; k++) {
            offLine =
                    Math.max(offLine, Math.abs(orient(origin, vertices.get(far), vertices.get(k))));
        }
        if (offLine <= eps) {
            int k = far == 1 ? 2 : 1;
            out.add(
                    "vertex "
                            + k
                            + " "
                            + fmt(vertices.get(k))
                            + " lies on the line through vertex 0 "
                            + fmt(origin)
                            + " and vertex "
                            + far
                            + " "
                            + fmt(vertices.get(far))
                            + ", and so do all the vertices: the region has "
                            + "zero area; it needs at least three non-collinear vertices");
            return out;
        }
        for (int k = 0; k < n; k++) {
            HeatPowerPoint prev = vertices.get((k + n - 1) % n);
            HeatPowerPoint cur = vertices.get(k);
            HeatPowerPoint next = vertices.get((k + 1) % n);
            double dot =
                    (cur.heat() - prev.heat()) * (next.heat() - cur.heat())
                            + (cur.power() - prev.power()) * (next.power() - cur.power());
            if (Math.abs(orient(prev, cur, next)) <= eps && dot < 0) {
                out.add(
                        "vertex "
                                + k
                                + " "
                                + fmt(cur)
                                + " doubles back along the edge from vertex "
                                + ((k + n - 1) % n)
                                + " (the edges on either side of it overlap)");
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        String firstCrossing = null;
        int crossings = 0;
        for (int i = 0; i < (n <= MAX_VERTICES_PAIRWISE ? n : 0); i++) {
            for (int j = i + 2; j < n; j++) {
                if (i == 0 && j == n - 1) {
                    continue; // adjacent through the closing edge
                }
                HeatPowerPoint a = vertices.get(i),
                        b = vertices.get(i + 1),
                        c = vertices.get(j),
                        d = vertices.get((j + 1) % n);
                if (segmentsMeet(a, b, c, d, eps)) {
                    crossings++;
                    if (firstCrossing == null) {
                        firstCrossing =
                                "the edge from vertex "
                                        + i
                                        + " "
                                        + fmt(a)
                                        + " to vertex "
                                        + (i + 1)
                                        + " "
                                        + fmt(b)
                                        + " crosses or touches the edge from vertex "
                                        + j
                                        + " "
                                        + fmt(c)
                                        + " to vertex "
                                        + ((j + 1) % n)
                                        + " "
                                        + fmt(d);
                    }
                }
            }
        }
        if (firstCrossing != null) {
            out.add(
                    firstCrossing
                            + (crossings > 1
                                    ? " (" + crossings + " pairs of edges meet in all)"
                                    : "")
                            + ": the polygon is not simple; list the vertices in order around the region");
            return out;
        }
        double orientation = Math.signum(signedArea2());
        double turning = 0;
        for (int k = 0; k < n; k++) {
            HeatPowerPoint prev = vertices.get((k + n - 1) % n);
            HeatPowerPoint cur = vertices.get(k);
            HeatPowerPoint next = vertices.get((k + 1) % n);
            double cross = orient(prev, cur, next);
            double dot =
                    (cur.heat() - prev.heat()) * (next.heat() - cur.heat())
                            + (cur.power() - prev.power()) * (next.power() - cur.power());
            if (cross * orientation < -eps) {
                out.add(
                        "vertex "
                                + k
                                + " "
                                + fmt(cur)
                                + " makes the polygon non-convex (it turns against the orientation of the others)");
            }
            turning += Math.atan2(cross, dot);
        }
        if (out.isEmpty() && Math.abs(Math.abs(turning) - 2 * Math.PI) > 1e-6) {
            out.add(
                    "the vertices wind around more than once (the polygon is not simple); list them in order around the region");
        }
        return out;
    }

    /**
     * Twice the signed area of triangle {@code a, b, c}: positive when it turns counter-clockwise,
     * kW^2.
     */
    private static double orient(HeatPowerPoint a, HeatPowerPoint b, HeatPowerPoint c) {
        return (b.heat() - a.heat()) * (c.power() - a.power())
                - (b.power() - a.power()) * (c.heat() - a.heat());
    }

    private static double dist2(HeatPowerPoint a, HeatPowerPoint b) {
        double dh = a.heat() - b.heat(), dp = a.power() - b.power();
        return dh * dh + dp * dp;
    }

    /**
     * Whether segments {@code ab} and {@code cd} share a point (a proper crossing, a touch or an
     * overlap).
     */
    private static boolean segmentsMeet(
            HeatPowerPoint a, HeatPowerPoint b, HeatPowerPoint c, HeatPowerPoint d, double eps) {
        double d1 = orient(c, d, a),
                d2 = orient(c, d, b),
                d3 = orient(a, b, c),
                d4 = orient(a, b, d);
        if (((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps))
                && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))) {
            return true;
        }
        return (Math.abs(d1) <= eps && within(c, d, a))
                || (Math.abs(d2) <= eps && within(c, d, b))
                || (Math.abs(d3) <= eps && within(a, b, c))
                || (Math.abs(d4) <= eps && within(a, b, d));
    }

    /**
     * Whether {@code p}, known to lie on the line through {@code a} and {@code b}, lies between
     * them.
     */
    private static boolean within(HeatPowerPoint a, HeatPowerPoint b, HeatPowerPoint p) {
        double dh = b.heat() - a.heat(), dp = b.power() - a.power();
        double t =
                ((p.heat() - a.heat()) * dh + (p.power() - a.power()) * dp) / (dh * dh + dp * dp);
        return t >= 0 && t <= 1;
    }

    /** Twice the signed area (positive for counter-clockwise order in the (heat, power) plane). */
    private double signedArea2() {
        double s = 0;
        int n = vertices.size();
        for (int k = 0; k < n; k++) {
            HeatPowerPoint a = vertices.get(k);
            HeatPowerPoint b = vertices.get((k + 1) % n);
            s += a.heat() * b.power() - b.heat() * a.power();
        }
        return s;
    }

    /**
     * The region as half-planes {@code h*H + p*P <= r}, one row {@code {h, p, r}} per edge of
     * non-zero length, normalised so that {@code (h, p)} is a unit vector. Valid only when {@link
     * #problems()} is empty.
     */
    public List<double[]> halfPlanes() {
        double orientation = Math.signum(signedArea2());
        int n = vertices.size();
        List<double[]> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            HeatPowerPoint a = vertices.get(k);
            HeatPowerPoint b = vertices.get((k + 1) % n);
            double dh = (b.heat() - a.heat()) * orientation;
            double dp = (b.power() - a.power()) * orientation;
            double len = Math.hypot(dh, dp);
            if (len == 0) {
                continue;
            }
            // interior lies to the left of a counter-clockwise edge: dp*(H - aH) - dh*(P - aP) <= 0
            double h = dp / len, p = -dh / len;
            rows.add(new double[] {h, p, h * a.heat() + p * a.power()});
        }
        return rows;
    }

    private static String fmt(HeatPowerPoint p) {
        return "[" + p.heat() + ", " + p.power() + "]";
    }
}
