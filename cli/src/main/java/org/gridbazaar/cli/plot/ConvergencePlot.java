package org.gridbazaar.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;

/**
 * Draws a solver's residuals against iterations as SVG, on a logarithmic y axis.
 *
 * <p>One polyline per series ({@code <polyline class="series primal|dual|penalty">}): the max-norm
 * primal residual (kW), the max-norm dual residual ($/kW, or the solver's own dual measure) and,
 * when the history has any, the penalty parameter (ADMM's {@code rho}) or barrier parameter (the
 * interior point's {@code mu}) from {@link IterationRecord#penalty()}. Points that cannot be drawn
 * on a log scale (zero, negative, {@code NaN}, infinite) are skipped. A series of more than {@value
 * #MAX_POINTS} points is decimated by keeping, in each of {@code MAX_POINTS/2 - 1} buckets of
 * consecutive points, the smallest and the largest value, plus the first and last point: the
 * envelope of an oscillating residual survives, and the file stays small for thousands of
 * iterations. Decade ticks are labelled {@code 10^k} ({@code <text class="y-tick-label"
 * data-decade="k">}); a tolerance, when given, is a dashed horizontal line ({@code <line
 * class="tolerance">}, or {@code "tolerance primal"} and {@code "tolerance dual"} when the two
 * thresholds differ). Pass the absolute thresholds the solver compared the residuals with: a solver
 * that scales a relative tolerance by the problem's data stops at a different level than {@code
 * SolverOptions.tolerance()}.
 */
public final class ConvergencePlot {

    /** At most this many points are drawn per series. */
    public static final int MAX_POINTS = 800;

    private static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static final String INK = "#222222";
    private static final String TOLERANCE_COLOUR = "#2ca02c";
    private static final double WIDTH = 900, HEIGHT = 540;
    private static final double LEFT = 78, TOP = 64, RIGHT = WIDTH - 230, BOTTOM = HEIGHT - 58;

    /** Draw a marker on every point when a series has at most this many. */
    private static final int MARKERS_UP_TO = 40;

    private ConvergencePlot() {}

    /** A plotted series: what it reads from a record, its name and style. */
    enum Series {
        PRIMAL("primal", "primal residual (kW)", "#1f77b4", null, IterationRecord::primalResidual),
        DUAL("dual", "dual residual ($/kW)", "#d62728", null, IterationRecord::dualResidual),
        PENALTY("penalty", "penalty ρ / barrier μ", "#7f7f7f", "6 4", IterationRecord::penalty);

        final String cssClass;
        final String label;
        final String colour;
        final String dashes;
        final ToDoubleFunction<IterationRecord> value;

        Series(
                String cssClass,
                String label,
                String colour,
                String dashes,
                ToDoubleFunction<IterationRecord> value) {
            this.cssClass = cssClass;
            this.label = label;
            this.colour = colour;
            this.dashes = dashes;
            this.value = value;
        }
    }

    /**
     * The SVG document of {@code history} with one tolerance for both residuals.
     *
     * @param history the solver's iteration records, in order (may be empty)
     * @param title the plot title, e.g. the solver and case names
     * @param tolerance the absolute stopping threshold to draw as a dashed line (in the residuals'
     *     units), or {@code NaN} / a value {@code <= 0} for none
     */
    public static String svg(List<IterationRecord> history, String title, double tolerance) {
        return svg(history, title, tolerance, tolerance);
    }

    /**
     * The SVG document of {@code history} with separate thresholds for the primal residual (kW) and
     * the dual residual ($/kW), for solvers whose stopping rule scales a relative tolerance
     * differently for each. Equal thresholds are drawn as one line.
     *
     * @param history the solver's iteration records, in order (may be empty)
     * @param title the plot title
     * @param primalTolerance absolute primal threshold, kW, or {@code NaN} / {@code <= 0} for none
     * @param dualTolerance absolute dual threshold, $/kW, or {@code NaN} / {@code <= 0} for none
     */
    public static String svg(
            List<IterationRecord> history,
            String title,
            double primalTolerance,
            double dualTolerance) {
        return svg(history, title, primalTolerance, dualTolerance, Double.NaN, Double.NaN);
    }

    /**
     * The SVG document of {@code history} and of the residuals of the point the solver returned. A
     * solver's history need not end at that point: a spanning-forest pass or a crossover after the
     * last recorded iteration changes it, and the result reports the residuals of what it returns.
     * Those are drawn as a hollow square at the last iteration ({@code <rect class="returned
     * primal|dual">}, when positive) and printed in the legend ("returned point"), so that the plot
     * never shows a final residual other than the result's.
     *
     * @param history the solver's iteration records, in order (may be empty)
     * @param title the plot title
     * @param primalTolerance absolute primal threshold, kW, or {@code NaN} / {@code <= 0} for none
     * @param dualTolerance absolute dual threshold, $/kW, or {@code NaN} / {@code <= 0} for none
     * @param returnedPrimal primal residual of the returned point, kW, or {@code NaN} when unknown
     * @param returnedDual dual residual of the returned point, $/kW, or {@code NaN} when unknown
     */
    public static String svg(
            List<IterationRecord> history,
            String title,
            double primalTolerance,
            double dualTolerance,
            double returnedPrimal,
            double returnedDual) {
        List<IterationRecord> h = List.copyOf(history);
        List<Threshold> thresholds = new ArrayList<>();
        boolean primalOk = Double.isFinite(primalTolerance) && primalTolerance > 0;
        boolean dualOk = Double.isFinite(dualTolerance) && dualTolerance > 0;
        if (primalOk && dualOk && primalTolerance == dualTolerance) {
            thresholds.add(
                    new Threshold("tolerance", "tolerance", primalTolerance, TOLERANCE_COLOUR));
        } else {
            if (primalOk) {
                thresholds.add(
                        new Threshold(
                                "tolerance primal",
                                "primal tolerance",
                                primalTolerance,
                                Series.PRIMAL.colour));
            }
            if (dualOk) {
                thresholds.add(
                        new Threshold(
                                "tolerance dual",
                                "dual tolerance",
                                dualTolerance,
                                Series.DUAL.colour));
            }
        }
        List<Series> shown = new ArrayList<>();
        List<int[]> kept = new ArrayList<>();
        double minValue = Double.POSITIVE_INFINITY, maxValue = 0;
        for (Series s : Series.values()) {
            int[] idx = keptIndices(h, s.value, MAX_POINTS);
            if (idx.length == 0 && s == Series.PENALTY) {
                continue;
            }
            shown.add(s);
            kept.add(idx);
            for (int i : idx) {
                double v = s.value.applyAsDouble(h.get(i));
                minValue = Math.min(minValue, v);
                maxValue = Math.max(maxValue, v);
            }
        }
        for (Threshold t : thresholds) {
            minValue = Math.min(minValue, t.value());
            maxValue = Math.max(maxValue, t.value());
        }
        double[] returned = {returnedPrimal, returnedDual};
        for (double v : returned) {
            if (v > 0 && Double.isFinite(v)) {
                minValue = Math.min(minValue, v);
                maxValue = Math.max(maxValue, v);
            }
        }
        LogAxis yAxis =
                maxValue > 0
                        ? LogAxis.spanning(minValue, maxValue, BOTTOM, TOP)
                        : new LogAxis(-6, 0, BOTTOM, TOP);
        int firstIteration = h.stream().mapToInt(IterationRecord::iteration).min().orElse(1);
        int lastIteration = h.stream().mapToInt(IterationRecord::iteration).max().orElse(1);
        double x0 = firstIteration, x1 = lastIteration;
        if (x1 - x0 < 1) {
            x0 = Math.max(0, x0 - 1);
            x1 = x0 + 2;
        }

        SvgWriter w =
                new SvgWriter(WIDTH, HEIGHT, "font-family", FONT, "class", "convergence-plot");
        String name = title == null || title.isBlank() ? "Convergence" : title;
        w.element("title", name, "id", "title");
        w.empty(
                "rect",
                "class",
                "background",
                "x",
                0.0,
                "y",
                0.0,
                "width",
                WIDTH,
                "height",
                HEIGHT,
                "fill",
                "#ffffff");
        w.element(
                "text",
                name,
                "class",
                "plot-title",
                "x",
                LEFT,
                "y",
                26.0,
                "font-size",
                16,
                "font-weight",
                "bold",
                "fill",
                INK);
        w.element(
                "text",
                subtitle(h, shown, kept),
                "class",
                "plot-summary",
                "x",
                LEFT,
                "y",
                46.0,
                "font-size",
                12,
                "fill",
                "#444444");

        // grid, ticks and labels
        w.start("g", "class", "axes", "font-size", 11, "fill", INK);
        int step = Math.max(1, (int) Math.ceil((yAxis.highDecade() - yAxis.lowDecade()) / 16.0));
        boolean minor = yAxis.highDecade() - yAxis.lowDecade() <= 8;
        for (int k = yAxis.lowDecade(); k <= yAxis.highDecade(); k++) {
            double py = yAxis.y(Math.pow(10, k));
            if ((k - yAxis.lowDecade()) % step == 0) {
                w.empty(
                        "line",
                        "class",
                        "grid",
                        "x1",
                        LEFT,
                        "y1",
                        py,
                        "x2",
                        RIGHT,
                        "y2",
                        py,
                        "stroke",
                        "#d9d9d9",
                        "stroke-width",
                        1.0);
                w.empty(
                        "line",
                        "class",
                        "y-tick",
                        "x1",
                        LEFT - 6,
                        "y1",
                        py,
                        "x2",
                        LEFT,
                        "y2",
                        py,
                        "stroke",
                        INK,
                        "stroke-width",
                        1.0);
                w.start(
                        "text",
                        "class",
                        "y-tick-label",
                        "data-decade",
                        k,
                        "x",
                        LEFT - 10,
                        "y",
                        py + 4,
                        "text-anchor",
                        "end");
                w.text("10");
                w.element("tspan", (k < 0 ? "−" : "") + Math.abs(k), "dy", -6.0, "font-size", 9);
                w.end("text");
            }
            if (minor && k < yAxis.highDecade()) {
                for (int m = 2; m <= 9; m++) {
                    double my = yAxis.y(m * Math.pow(10, k));
                    w.empty(
                            "line",
                            "class",
                            "y-minor-tick",
                            "x1",
                            LEFT - 3,
                            "y1",
                            my,
                            "x2",
                            LEFT,
                            "y2",
                            my,
                            "stroke",
                            INK,
                            "stroke-width",
                            0.7);
                }
            }
        }
        double xStep = niceStep((x1 - x0) / 8);
        for (double t = Math.ceil(x0 / xStep) * xStep; t <= x1 + 1e-9; t += xStep) {
            double px = xPixel(t, x0, x1);
            w.empty(
                    "line",
                    "class",
                    "grid",
                    "x1",
                    px,
                    "y1",
                    TOP,
                    "x2",
                    px,
                    "y2",
                    BOTTOM,
                    "stroke",
                    "#eeeeee",
                    "stroke-width",
                    1.0);
            w.empty(
                    "line",
                    "class",
                    "x-tick",
                    "x1",
                    px,
                    "y1",
                    BOTTOM,
                    "x2",
                    px,
                    "y2",
                    BOTTOM + 6,
                    "stroke",
                    INK,
                    "stroke-width",
                    1.0);
            w.element(
                    "text",
                    String.format(Locale.ROOT, "%.0f", t),
                    "class",
                    "x-tick-label",
                    "x",
                    px,
                    "y",
                    BOTTOM + 20,
                    "text-anchor",
                    "middle");
        }
        w.empty(
                "rect",
                "class",
                "plot-frame",
                "x",
                LEFT,
                "y",
                TOP,
                "width",
                RIGHT - LEFT,
                "height",
                BOTTOM - TOP,
                "fill",
                "none",
                "stroke",
                INK,
                "stroke-width",
                1.0);
        w.element(
                "text",
                "iteration",
                "class",
                "axis-title",
                "x",
                (LEFT + RIGHT) / 2,
                "y",
                BOTTOM + 42,
                "text-anchor",
                "middle",
                "font-size",
                12);
        double midY = (TOP + BOTTOM) / 2;
        w.element(
                "text",
                "residual (log scale)",
                "class",
                "axis-title",
                "x",
                22.0,
                "y",
                midY,
                "text-anchor",
                "middle",
                "font-size",
                12,
                "transform",
                "rotate(-90 22 " + SvgWriter.num(midY) + ")");
        w.end("g");

        for (Threshold t : thresholds) {
            double py = yAxis.y(t.value());
            w.empty(
                    "line",
                    "class",
                    t.cssClass(),
                    "data-value",
                    Double.toString(t.value()),
                    "x1",
                    LEFT,
                    "y1",
                    py,
                    "x2",
                    RIGHT,
                    "y2",
                    py,
                    "stroke",
                    t.colour(),
                    "stroke-width",
                    1.5,
                    "stroke-dasharray",
                    "8 5");
        }

        // series
        w.start("g", "class", "series-group", "fill", "none", "stroke-linejoin", "round");
        for (int s = 0; s < shown.size(); s++) {
            Series series = shown.get(s);
            int[] idx = kept.get(s);
            if (idx.length == 0) {
                continue;
            }
            StringBuilder points = new StringBuilder(idx.length * 14);
            double[][] xy = new double[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                IterationRecord r = h.get(idx[k]);
                xy[k] =
                        new double[] {
                            xPixel(r.iteration(), x0, x1), yAxis.y(series.value.applyAsDouble(r))
                        };
                points.append(k == 0 ? "" : " ")
                        .append(SvgWriter.num(xy[k][0]))
                        .append(',')
                        .append(SvgWriter.num(xy[k][1]));
            }
            w.empty(
                    "polyline",
                    "class",
                    "series " + series.cssClass,
                    "data-series",
                    series.cssClass,
                    "points",
                    points.toString(),
                    "stroke",
                    series.colour,
                    "stroke-width",
                    series == Series.PENALTY ? 1.5 : 2.0,
                    "stroke-dasharray",
                    series.dashes);
            if (idx.length <= MARKERS_UP_TO) {
                for (double[] p : xy) {
                    marker(w, series, p[0], p[1], "point " + series.cssClass);
                }
            }
        }
        for (Series series : List.of(Series.PRIMAL, Series.DUAL)) {
            double v = returned[series.ordinal()];
            if (v > 0 && Double.isFinite(v)) {
                double px = xPixel(lastIteration, x0, x1), py = yAxis.y(v);
                w.empty(
                        "rect",
                        "class",
                        "returned " + series.cssClass,
                        "data-value",
                        Double.toString(v),
                        "x",
                        px - 6,
                        "y",
                        py - 6,
                        "width",
                        12.0,
                        "height",
                        12.0,
                        "stroke",
                        series.colour,
                        "stroke-width",
                        2.0,
                        "fill",
                        "none");
            }
        }
        w.end("g");
        for (Threshold t : thresholds) {
            // on top of the series, so that a dense series cannot hide it
            w.element(
                    "text",
                    t.label() + " " + sci(t.value()),
                    "class",
                    "tolerance-label",
                    "x",
                    RIGHT - 6,
                    "y",
                    yAxis.y(t.value()) - 5,
                    "text-anchor",
                    "end",
                    "font-size",
                    11,
                    "fill",
                    t.colour(),
                    "stroke",
                    "#ffffff",
                    "stroke-width",
                    3.0,
                    "paint-order",
                    "stroke");
        }
        if (kept.stream().allMatch(k -> k.length == 0)) {
            w.element(
                    "text",
                    h.isEmpty()
                            ? "no iterations recorded"
                            : "no positive residual to draw on a log scale",
                    "class",
                    "no-data",
                    "x",
                    (LEFT + RIGHT) / 2,
                    "y",
                    midY,
                    "text-anchor",
                    "middle",
                    "font-size",
                    13,
                    "fill",
                    "#777777");
        }

        // legend
        w.start("g", "class", "legend", "font-size", 11, "fill", INK);
        double ly = TOP + 14;
        for (int s = 0; s < shown.size(); s++) {
            Series series = shown.get(s);
            w.empty(
                    "line",
                    "x1",
                    RIGHT + 16,
                    "y1",
                    ly - 4,
                    "x2",
                    RIGHT + 44,
                    "y2",
                    ly - 4,
                    "stroke",
                    series.colour,
                    "stroke-width",
                    2.0,
                    "stroke-dasharray",
                    series.dashes);
            marker(w, series, RIGHT + 30, ly - 4, "legend-marker");
            w.element("text", series.label, "x", RIGHT + 50, "y", ly);
            int[] idx = kept.get(s);
            String last =
                    idx.length == 0
                            ? "no positive value"
                            : "last " + sci(series.value.applyAsDouble(h.get(idx[idx.length - 1])));
            w.element(
                    "text",
                    last,
                    "x",
                    RIGHT + 50,
                    "y",
                    ly + 14,
                    "fill",
                    "#555555",
                    "font-size",
                    10);
            ly += 34;
            if (series != Series.PENALTY && !Double.isNaN(returned[series.ordinal()])) {
                double v = returned[series.ordinal()];
                w.element(
                        "text",
                        "returned point "
                                + (v > 0 ? sci(v) : v == 0 ? "0 (not on a log scale)" : sci(v)),
                        "class",
                        "returned-label " + series.cssClass,
                        "x",
                        RIGHT + 50,
                        "y",
                        ly - 6,
                        "fill",
                        series.colour,
                        "font-size",
                        10);
                ly += 14;
            }
        }
        for (Threshold t : thresholds) {
            w.empty(
                    "line",
                    "x1",
                    RIGHT + 16,
                    "y1",
                    ly - 4,
                    "x2",
                    RIGHT + 44,
                    "y2",
                    ly - 4,
                    "stroke",
                    t.colour(),
                    "stroke-width",
                    1.5,
                    "stroke-dasharray",
                    "8 5");
            w.element("text", t.label(), "x", RIGHT + 50, "y", ly);
            ly += 20;
        }
        w.end("g");
        return w.finish();
    }

    /** A dashed horizontal threshold line. */
    private record Threshold(String cssClass, String label, double value, String colour) {}

    /**
     * Writes {@link #svg(List, String, double)} to {@code file} (UTF-8), replacing it all at once
     * (a stopped run leaves the previous file as it was).
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(
            Path file, List<IterationRecord> history, String title, double tolerance)
            throws IOException {
        OutputFiles.writeText(file, svg(history, title, tolerance));
    }

    /**
     * Writes {@link #svg(List, String, double, double)} to {@code file} (UTF-8), replacing it all
     * at once (a stopped run leaves the previous file as it was).
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(
            Path file,
            List<IterationRecord> history,
            String title,
            double primalTolerance,
            double dualTolerance)
            throws IOException {
        OutputFiles.writeText(file, svg(history, title, primalTolerance, dualTolerance));
    }

    /**
     * Writes {@link #svg(List, String, double, double, double, double)} to {@code file} (UTF-8),
     * replacing it all at once.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(
            Path file,
            List<IterationRecord> history,
            String title,
            double primalTolerance,
            double dualTolerance,
            double returnedPrimal,
            double returnedDual)
            throws IOException {
        OutputFiles.writeText(
                file,
                svg(history, title, primalTolerance, dualTolerance, returnedPrimal, returnedDual));
    }

    private static String subtitle(List<IterationRecord> h, List<Series> shown, List<int[]> kept) {
        StringBuilder s =
                new StringBuilder()
                        .append(h.size())
                        .append(h.size() == 1 ? " iteration" : " iterations");
        for (int i = 0; i < shown.size(); i++) {
            int valid = 0;
            for (IterationRecord r : h) {
                double v = shown.get(i).value.applyAsDouble(r);
                if (v > 0 && Double.isFinite(v)) {
                    valid++;
                }
            }
            if (kept.get(i).length < valid) {
                s.append("; series of more than ")
                        .append(MAX_POINTS)
                        .append(" points drawn as their envelope");
                break;
            }
        }
        return s.toString();
    }

    private static void marker(SvgWriter w, Series s, double cx, double cy, String cls) {
        switch (s) {
            case PRIMAL ->
                    w.empty("circle", "class", cls, "cx", cx, "cy", cy, "r", 3.2, "fill", s.colour);
            case DUAL ->
                    w.empty(
                            "rect", "class", cls, "x", cx - 3, "y", cy - 3, "width", 6.0, "height",
                            6.0, "fill", s.colour);
            default ->
                    w.empty(
                            "polygon",
                            "class",
                            cls,
                            "points",
                            SvgWriter.num(cx)
                                    + ","
                                    + SvgWriter.num(cy - 3.6)
                                    + " "
                                    + SvgWriter.num(cx + 3.4)
                                    + ","
                                    + SvgWriter.num(cy + 2.6)
                                    + " "
                                    + SvgWriter.num(cx - 3.4)
                                    + ","
                                    + SvgWriter.num(cy + 2.6),
                            "fill",
                            s.colour);
        }
    }

    private static double xPixel(double iteration, double x0, double x1) {
        return LEFT + (iteration - x0) / (x1 - x0) * (RIGHT - LEFT);
    }

    /** 1, 2 or 5 times a power of ten, at least 1, close to {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 1)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /**
     * The indices of the records to draw for one series: those with a finite value {@code > 0}, all
     * of them when there are at most {@code maxPoints}, else the first, the last, and the smallest
     * and largest value in each of {@code maxPoints/2 - 1} buckets of consecutive drawable records;
     * ascending, at most {@code maxPoints}.
     */
    static int[] keptIndices(
            List<IterationRecord> history, ToDoubleFunction<IterationRecord> value, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4, got " + maxPoints);
        }
        int[] valid = new int[history.size()];
        int count = 0;
        for (int i = 0; i < history.size(); i++) {
            double v = value.applyAsDouble(history.get(i));
            if (v > 0 && Double.isFinite(v)) {
                valid[count++] = i;
            }
        }
        if (count <= maxPoints) {
            return Arrays.copyOf(valid, count);
        }
        int buckets = maxPoints / 2 - 1;
        int[] out = new int[2 * buckets + 2];
        int m = 0;
        out[m++] = valid[0];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * count / buckets),
                    to = (int) ((long) (b + 1) * count / buckets);
            int lo = from, hi = from;
            for (int k = from; k < to; k++) {
                double v = value.applyAsDouble(history.get(valid[k]));
                if (v < value.applyAsDouble(history.get(valid[lo]))) {
                    lo = k;
                }
                if (v > value.applyAsDouble(history.get(valid[hi]))) {
                    hi = k;
                }
            }
            int first = Math.min(lo, hi), second = Math.max(lo, hi);
            if (valid[first] > out[m - 1]) {
                out[m++] = valid[first];
            }
            if (valid[second] > out[m - 1]) {
                out[m++] = valid[second];
            }
        }
        if (valid[count - 1] > out[m - 1]) {
            out[m++] = valid[count - 1];
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * A base-10 logarithmic axis from decade {@code 10^lowDecade} at pixel {@code pixelLow} to
     * {@code 10^highDecade} at {@code pixelHigh} (on screen, higher values are higher up, so {@code
     * pixelHigh < pixelLow}).
     */
    record LogAxis(int lowDecade, int highDecade, double pixelLow, double pixelHigh) {

        LogAxis {
            if (highDecade <= lowDecade) {
                throw new IllegalArgumentException(
                        "log axis needs highDecade > lowDecade, got "
                                + lowDecade
                                + ".."
                                + highDecade);
            }
        }

        /** Values closer than this (in decades) to the frame get one more decade of room. */
        static final double PAD_DECADES = 0.1;

        /**
         * The whole decades that contain {@code [min, max]} ({@code 0 < min <= max}) with at least
         * {@link #PAD_DECADES} to spare at each end.
         */
        static LogAxis spanning(double min, double max, double pixelLow, double pixelHigh) {
            int lo = (int) Math.floor(Math.log10(min) - PAD_DECADES);
            int hi = (int) Math.ceil(Math.log10(max) + PAD_DECADES);
            if (hi <= lo) {
                hi = lo + 1;
            }
            return new LogAxis(lo, hi, pixelLow, pixelHigh);
        }

        /** The pixel of {@code value > 0}. */
        double y(double value) {
            double t = (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
            return pixelLow + t * (pixelHigh - pixelLow);
        }
    }
}
