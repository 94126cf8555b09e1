package org.gridbazaar.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The feasible operating region of a CHP unit: a convex polygon in the (heat, power) plane,
 * given by its vertices in either orientation (seed Fig. 12.9 and eq. 12.24–12.26, where the
 * four points A, B, C, D are one such list).
 *
 * <p>The region must be a simple convex polygon with at least three non-collinear vertices;
 * collinear extra vertices on an edge are allowed. {@link #problems()} lists what is wrong,
 * naming the vertex by its zero-based index; {@link Market.Builder#build()} reports those.
 *
 * @param vertices the polygon's vertices, heat and power in kW
 */
public record ChpRegion(List<HeatPowerPoint> vertices) {

    public ChpRegion {
        vertices = List.copyOf(Objects.requireNonNull(vertices, "vertices"));
    }

    /** A region from {@code {heat, power}} pairs. */
    public static ChpRegion of(double[]... heatPowerPairs) {
        List<HeatPowerPoint> list = new ArrayList<>();
        for (double[] p : heatPowerPairs) {
            if (p.length != 2) {
                throw new IllegalArgumentException("a CHP vertex is a pair [heat, power], got " + p.length + " numbers");
            }
            list.add(new HeatPowerPoint(p[0], p[1]));
        }
        return new ChpRegion(list);
    }

    /**
     * What makes this list not a simple convex non-degenerate polygon, one message per problem,
     * each naming the vertex (zero-based index); empty when the region is valid.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        int n = vertices.size();
        if (n < 3) {
            out.add("needs at least 3 vertices, got " + n);
            return out;
        }
        double scale = 0;
        for (HeatPowerPoint v : vertices) {
            scale = Math.max(scale, Math.max(Math.abs(v.heat()), Math.abs(v.power())));
        }
        double eps = 1e-12 * Math.max(1, scale) * Math.max(1, scale);
        for (int k = 0; k < n; k++) {
            HeatPowerPoint a = vertices.get(k);
            HeatPowerPoint b = vertices.get((k + 1) % n);
            if (a.heat() == b.heat() && a.power() == b.power()) {
                out.add("vertex " + ((k + 1) % n) + " " + fmt(b) + " repeats vertex " + k);
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        double area2 = signedArea2();
        if (Math.abs(area2) <= eps) {
            out.add("all vertices are collinear (zero area)");
            return out;
        }
        double orientation = Math.signum(area2);
        double turning = 0;
        for (int k = 0; k < n; k++) {
            HeatPowerPoint prev = vertices.get((k + n - 1) % n);
            HeatPowerPoint cur = vertices.get(k);
            HeatPowerPoint next = vertices.get((k + 1) % n);
            double dx1 = cur.heat() - prev.heat(), dy1 = cur.power() - prev.power();
            double dx2 = next.heat() - cur.heat(), dy2 = next.power() - cur.power();
            double cross = dx1 * dy2 - dy1 * dx2;
            double dot = dx1 * dx2 + dy1 * dy2;
            if (cross * orientation < -eps) {
                out.add("vertex " + k + " " + fmt(cur) + " makes the polygon non-convex (it turns against the orientation of the others)");
            } else if (Math.abs(cross) <= eps && dot < 0) {
                out.add("vertex " + k + " " + fmt(cur) + " doubles back along the previous edge");
            }
            turning += Math.atan2(cross, dot);
        }
        if (out.isEmpty() && Math.abs(Math.abs(turning) - 2 * Math.PI) > 1e-6) {
            out.add("the vertices wind around more than once (the polygon is not simple); list them in order around the region");
        }
        return out;
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
     * non-zero length, normalised so that {@code (h, p)} is a unit vector. Valid only when
     * {@link #problems()} is empty.
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
