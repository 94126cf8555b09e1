package org.gridbazaar.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.architecture.Comparison;
import org.gridbazaar.cli.internal.OutputFiles;

/**
 * The comparison of market designs as a picture: per design a bar of its total cost ($) and a bar
 * of how evenly its gains are shared (Jain's index, 0 to 1). Bars carry {@code data-design}, {@code
 * data-cost} and {@code data-fairness} so that the picture can be checked by parsing it.
 */
public final class ArchitecturesPlot {

    private static final double WIDTH = 760;
    private static final double ROW = 34;
    private static final double LEFT = 110;
    private static final double BAR = 260;
    private static final double GAP = 60;
    private static final String INK = "#222222";

    private ArchitecturesPlot() {}

    /** The SVG text of {@code rows}. */
    public static String svg(String title, List<Comparison.Row> rows) {
        double height = 90 + ROW * rows.size() + 30;
        SvgWriter w = new SvgWriter(WIDTH, height, "font-family", "sans-serif");
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
                height,
                "fill",
                "#ffffff");
        w.element(
                "text",
                title,
                "class",
                "plot-title",
                "x",
                12.0,
                "y",
                24.0,
                "font-size",
                16,
                "fill",
                INK);
        w.element(
                "text",
                "total cost, $ (lower is better)",
                "x",
                LEFT,
                "y",
                62.0,
                "font-size",
                12,
                "fill",
                INK);
        w.element(
                "text",
                "gains shared evenly: Jain's index (1 = equal gains)",
                "x",
                LEFT + BAR + GAP,
                "y",
                62.0,
                "font-size",
                12,
                "fill",
                INK);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Comparison.Row r : rows) {
            if (Double.isFinite(r.totalCost())) {
                lo = Math.min(lo, r.totalCost());
                hi = Math.max(hi, r.totalCost());
            }
        }
        // bars start at a base below the cheapest design so that differences show
        double base =
                Double.isFinite(lo) ? lo - 0.1 * Math.max(hi - lo, Math.abs(lo) * 0.01 + 1e-9) : 0;
        double span = Double.isFinite(hi) ? Math.max(hi - base, 1e-9) : 1;
        for (int i = 0; i < rows.size(); i++) {
            Comparison.Row r = rows.get(i);
            double y = 76 + ROW * i;
            w.element(
                    "text",
                    r.architecture().label(),
                    "x",
                    12.0,
                    "y",
                    y + 17,
                    "font-size",
                    12,
                    "fill",
                    INK);
            double cost = Double.isFinite(r.totalCost()) ? r.totalCost() : base;
            w.withTooltip(
                    "rect",
                    String.format(
                            Locale.ROOT,
                            "%s: total cost %,.2f $",
                            r.architecture().label(),
                            r.totalCost()),
                    "class",
                    "cost-bar",
                    "data-design",
                    r.architecture().label(),
                    "data-cost",
                    String.valueOf(r.totalCost()),
                    "x",
                    LEFT,
                    "y",
                    y + 4,
                    "width",
                    Math.max(1, BAR * (cost - base) / span),
                    "height",
                    ROW - 10,
                    "fill",
                    "#4a78b5");
            w.element(
                    "text",
                    String.format(Locale.ROOT, "%,.0f", r.totalCost()),
                    "x",
                    LEFT + 4,
                    "y",
                    y + 18,
                    "font-size",
                    11,
                    "fill",
                    "#ffffff");
            double fair = Double.isFinite(r.fairness()) ? r.fairness() : 0;
            w.withTooltip(
                    "rect",
                    String.format(
                            Locale.ROOT,
                            "%s: Jain's index %.3f",
                            r.architecture().label(),
                            r.fairness()),
                    "class",
                    "fairness-bar",
                    "data-design",
                    r.architecture().label(),
                    "data-fairness",
                    String.valueOf(r.fairness()),
                    "x",
                    LEFT + BAR + GAP,
                    "y",
                    y + 4,
                    "width",
                    Math.max(1, BAR * fair),
                    "height",
                    ROW - 10,
                    "fill",
                    "#d08a2c");
            w.element(
                    "text",
                    String.format(Locale.ROOT, "%.3f", r.fairness()),
                    "x",
                    LEFT + BAR + GAP + 4,
                    "y",
                    y + 18,
                    "font-size",
                    11,
                    "fill",
                    "#ffffff");
        }
        return w.finish();
    }

    /** Writes {@link #svg} to {@code file}, replacing it all at once. */
    public static void write(Path file, String title, List<Comparison.Row> rows)
            throws IOException {
        OutputFiles.writeText(file, svg(title, rows));
    }
}
