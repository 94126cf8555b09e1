package org.gridbazaar.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.cli.internal.OutputFiles;

/**
 * Line plots of quantities over the periods of a day (prices in $/kWh, powers in kW, energies in
 * kWh), one polyline per series with a step at each period, in the style of the transactive papers'
 * figures: prices and dispatch over the day. Each series is a {@code <g class="series">} with
 * {@code data-series} naming it, so tests can read the plot.
 */
public final class DayLinePlot {

    /** One line of a plot: its name, one value per period, and whether it is drawn dashed. */
    public record Series(String name, double[] values, boolean dashed) {
        /** Copies the values. */
        public Series {
            values = values.clone();
        }

        /** A solid line. */
        public static Series of(String name, double[] values) {
            return new Series(name, values, false);
        }
    }

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf"
    };
    private static final String INK = "#222222";
    private static final double WIDTH = 980,
            HEIGHT = 520,
            LEFT = 80,
            RIGHT = 210,
            TOP = 60,
            BOTTOM = 50;

    private DayLinePlot() {}

    /**
     * The SVG text of a plot of {@code series} (all of one length, the periods) under {@code title}
     * and {@code subtitle}; {@code unit} labels the value axis and {@code decimals} is the number
     * of fraction digits of its ticks.
     *
     * @throws IllegalArgumentException when there is no series or their lengths differ
     */
    public static String plot(
            String title, String subtitle, String unit, int decimals, List<Series> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a plot needs at least one series");
        }
        int n = series.get(0).values().length;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            if (s.values().length != n) {
                throw new IllegalArgumentException(
                        "series " + s.name() + " has " + s.values().length + " values, not " + n);
            }
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        lo = Math.min(lo, 0);
        if (hi - lo < 1e-12) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step =
                raw / mag <= 1
                        ? mag
                        : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
        double min = Math.floor(lo / step) * step, max = Math.ceil(hi / step) * step;
        double pw = WIDTH - LEFT - RIGHT, ph = HEIGHT - TOP - BOTTOM;
        SvgWriter w = SvgWriter.plot(WIDTH, HEIGHT, LEFT, title, subtitle);
        w.valueAxis(LEFT, TOP, pw, ph, min, max, step, "%,." + decimals + "f", unit);
        w.periodAxis(LEFT, TOP, pw, ph, n, Math.max(1, (int) Math.ceil(n / 24.0)), "period (h)");
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String color = PALETTE[k % PALETTE.length];
            StringBuilder points = new StringBuilder();
            for (int t = 0; t < n; t++) {
                double v = s.values()[t];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double y = TOP + ph * (max - v) / (max - min);
                points.append(
                        String.format(
                                Locale.ROOT,
                                "%.2f,%.2f %.2f,%.2f ",
                                LEFT + pw * t / n,
                                y,
                                LEFT + pw * (t + 1) / n,
                                y));
            }
            w.start("g", "class", "series", "data-series", s.name());
            w.empty(
                    "polyline",
                    "points",
                    points.toString().trim(),
                    "fill",
                    "none",
                    "stroke",
                    color,
                    "stroke-width",
                    2,
                    "stroke-dasharray",
                    s.dashed() ? "6,4" : null);
            double ly = TOP + 6 + 18 * k, lx = WIDTH - RIGHT + 20;
            w.empty(
                    "line",
                    "x1",
                    lx,
                    "y1",
                    ly + 6,
                    "x2",
                    lx + 18,
                    "y2",
                    ly + 6,
                    "stroke",
                    color,
                    "stroke-width",
                    2,
                    "stroke-dasharray",
                    s.dashed() ? "6,4" : null);
            w.element("text", s.name(), "x", lx + 24, "y", ly + 10, "font-size", 12, "fill", INK);
            w.end("g");
        }
        return w.finish();
    }

    /** Writes {@link #plot} to {@code file}, replacing it all at once. */
    public static void write(
            Path file,
            String title,
            String subtitle,
            String unit,
            int decimals,
            List<Series> series)
            throws IOException {
        OutputFiles.writeText(file, plot(title, subtitle, unit, decimals, series));
    }
}
