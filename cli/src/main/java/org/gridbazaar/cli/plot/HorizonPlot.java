package org.gridbazaar.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Peer;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.StorageOutcome;

/**
 * SVG pictures of a market cleared over time.
 *
 * <ul>
 *   <li>{@link #traded}: each period's net power {@code P_t} (kW) of the peers as stacked bars,
 *       sellers ({@code P_t > 0}) above the axis and buyers below, one colour per peer and a
 *       legend. The {@value #MAX_PEERS_SHOWN} peers with the most energy traded over the horizon
 *       ({@code sum dt |P_t|}) get their own colour, the rest are summed into one "others" series.
 *       In every period the bars above and below the axis have the same height (what the sellers
 *       sell, the buyers buy).
 *   <li>{@link #storage}: each storage unit's energy (kWh) at the period boundaries, from its
 *       initial energy at hour 0 to {@code E_t} at the end of period {@code t}, one line per unit,
 *       and its capacity as a dashed line of the same colour; at most {@value #MAX_STORAGE_SHOWN}
 *       units, the count of the others written under the title.
 * </ul>
 *
 * Elements carry {@code class} and {@code data-*} attributes ({@code data-peer}, {@code
 * data-period}, {@code data-kw}, {@code data-kwh}) and the plot area is the {@code rect} of class
 * {@code plot-area}, so that tests can check what is drawn where. A result without a solution gives
 * a picture that says so.
 */
public final class HorizonPlot {

    /** Peers drawn with their own colour in the traded plot; the rest are "others". */
    public static final int MAX_PEERS_SHOWN = 12;

    /** Storage units drawn at most. */
    public static final int MAX_STORAGE_SHOWN = 20;

    /** Id of the series that sums the peers not shown on their own. */
    public static final String OTHERS = "others";

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#393b79", "#637939", "#ad494a", "#7b4173", "#3182bd", "#e6550d", "#31a354",
        "#756bb1", "#636363", "#843c39", "#5254a3"
    };
    private static final String OTHERS_COLOR = "#b0b0b0";
    private static final String INK = "#222222";
    private static final double WIDTH = 980,
            HEIGHT = 520,
            LEFT = 80,
            RIGHT = 190,
            TOP = 60,
            BOTTOM = 50;

    private HorizonPlot() {}

    /** The traded-power plot of {@code result}, a clearing of {@code market}, as SVG text. */
    public static String traded(MultiPeriodMarket market, MultiPeriodResult result) {
        SvgWriter w =
                start(
                        "Traded power per period, kW: " + market.name(),
                        "sellers above the axis, buyers below; " + result.status());
        int periods = result.periodCount();
        if (periods == 0) {
            return emptyArea(w, "no solution: " + result.status());
        }
        double dt = result.hoursPerPeriod();
        List<Peer> peers = market.peers();
        double[][] p = new double[peers.size()][periods];
        double[] energy = new double[peers.size()];
        for (int t = 0; t < periods; t++) {
            MarketResult r = result.period(t);
            for (int i = 0; i < peers.size(); i++) {
                p[i][t] = r.power(peers.get(i).id().value());
                energy[i] += Math.abs(p[i][t]) * dt;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            if (energy[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -energy[i]).thenComparing(i -> i));
        List<String> ids = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        double[] others = new double[periods];
        double[] othersUp = new double[periods], othersDown = new double[periods];
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            if (k < MAX_PEERS_SHOWN) {
                ids.add(peers.get(i).id().value());
                series.add(p[i]);
            } else {
                for (int t = 0; t < periods; t++) {
                    others[t] += p[i][t];
                    othersUp[t] += Math.max(0, p[i][t]);
                    othersDown[t] += Math.min(0, p[i][t]);
                }
            }
        }
        boolean hasOthers = order.size() > MAX_PEERS_SHOWN;
        double hi = 0, lo = 0;
        for (int t = 0; t < periods; t++) {
            double up = hasOthers ? othersUp[t] : 0, down = hasOthers ? othersDown[t] : 0;
            for (double[] s : series) {
                up += Math.max(0, s[t]);
                down += Math.min(0, s[t]);
            }
            hi = Math.max(hi, up);
            lo = Math.min(lo, down);
        }
        Axis y = Axis.of(lo, hi);
        Frame f = new Frame(periods, y);
        f.draw(w, "kW", periods);
        double slot = f.plotWidth / periods, bar = 0.8 * slot;
        double[] up = new double[periods], down = new double[periods];
        for (int k = 0; k <= series.size(); k++) {
            boolean isOthers = k == series.size();
            if (isOthers && !hasOthers) {
                break;
            }
            String id = isOthers ? OTHERS : ids.get(k);
            String color = isOthers ? OTHERS_COLOR : PALETTE[k % PALETTE.length];
            w.start("g", "class", "series", "data-peer", id, "fill", color);
            for (int t = 0; t < periods; t++) {
                double x = f.x(t) + (slot - bar) / 2;
                double[] parts =
                        isOthers
                                ? new double[] {othersUp[t], othersDown[t]}
                                : new double[] {series.get(k)[t]};
                for (double v : parts) {
                    if (Math.abs(v) < 1e-9) {
                        continue;
                    }
                    double base = v > 0 ? up[t] : down[t];
                    double top = base + v;
                    if (v > 0) {
                        up[t] = top;
                    } else {
                        down[t] = top;
                    }
                    double y0 = f.y(Math.max(base, top)), y1 = f.y(Math.min(base, top));
                    w.withTooltip(
                            "rect",
                            String.format(Locale.ROOT, "%s, period %d: %.2f kW", id, t, v),
                            "class",
                            "bar",
                            "data-peer",
                            id,
                            "data-period",
                            t,
                            "data-kw",
                            String.format(Locale.ROOT, "%.6f", v),
                            "x",
                            x,
                            "y",
                            y0,
                            "width",
                            bar,
                            "height",
                            y1 - y0);
                }
            }
            w.end("g");
        }
        w.empty(
                "line",
                "class",
                "zero-axis",
                "x1",
                LEFT,
                "y1",
                f.y(0),
                "x2",
                LEFT + f.plotWidth,
                "y2",
                f.y(0),
                "stroke",
                INK,
                "stroke-width",
                1.2);
        List<String> legend = new ArrayList<>(ids);
        if (hasOthers) {
            legend.add(OTHERS + " (" + (order.size() - MAX_PEERS_SHOWN) + " peers)");
        }
        legend(w, legend, hasOthers, false);
        return w.finish();
    }

    /** The storage plot of {@code result}, a clearing of {@code market}, as SVG text. */
    public static String storage(MultiPeriodMarket market, MultiPeriodResult result) {
        List<StorageOutcome> units = result.storage();
        int shown = Math.min(units.size(), MAX_STORAGE_SHOWN);
        String more =
                units.size() > shown ? "; " + (units.size() - shown) + " more units not drawn" : "";
        SvgWriter w =
                start(
                        "Stored energy, kWh: " + market.name(),
                        "at the end of each period (hour 0: initial energy); dashed: capacity; "
                                + result.status()
                                + more);
        int periods = result.periodCount();
        if (units.isEmpty() || periods == 0) {
            return emptyArea(
                    w, periods == 0 ? "no solution: " + result.status() : "no storage units");
        }
        double hi = 0;
        for (int k = 0; k < shown; k++) {
            Storage s = market.storage(units.get(k).id()).orElseThrow();
            hi = Math.max(hi, s.capacityKwh());
        }
        Axis y = Axis.of(0, hi);
        Frame f = new Frame(periods, y);
        f.draw(w, "kWh", periods);
        double dt = result.hoursPerPeriod();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < shown; k++) {
            StorageOutcome u = units.get(k);
            String id = u.id().value();
            ids.add(id);
            Storage s = market.storage(u.id()).orElseThrow();
            String color = PALETTE[k % PALETTE.length];
            w.start("g", "class", "series", "data-peer", id, "stroke", color, "fill", "none");
            w.empty(
                    "line",
                    "class",
                    "capacity",
                    "data-peer",
                    id,
                    "data-kwh",
                    s.capacityKwh(),
                    "x1",
                    f.x(0),
                    "y1",
                    f.y(s.capacityKwh()),
                    "x2",
                    f.x(periods),
                    "y2",
                    f.y(s.capacityKwh()),
                    "stroke-width",
                    1,
                    "stroke-dasharray",
                    "6 4");
            StringBuilder points = new StringBuilder();
            points.append(SvgWriter.num(f.x(0)))
                    .append(',')
                    .append(SvgWriter.num(f.y(s.initialKwh())));
            for (int t = 0; t < periods; t++) {
                points.append(' ')
                        .append(SvgWriter.num(f.x(t + 1)))
                        .append(',')
                        .append(SvgWriter.num(f.y(u.energyKwh(t))));
            }
            w.withTooltip(
                    "polyline",
                    String.format(
                            Locale.ROOT,
                            "%s: %.1f kWh initial, %.1f kWh at the end (capacity %.1f kWh, %.2f h per period)",
                            id,
                            s.initialKwh(),
                            u.energyKwh(periods - 1),
                            s.capacityKwh(),
                            dt),
                    "class",
                    "energy",
                    "data-peer",
                    id,
                    "points",
                    points.toString(),
                    "stroke-width",
                    2);
            w.end("g");
        }
        legend(w, ids, false, true);
        return w.finish();
    }

    /** Writes {@link #traded} to {@code file}, replacing it all at once. */
    public static void writeTraded(Path file, MultiPeriodMarket market, MultiPeriodResult result)
            throws IOException {
        OutputFiles.writeText(file, traded(market, result));
    }

    /** Writes {@link #storage} to {@code file}, replacing it all at once. */
    public static void writeStorage(Path file, MultiPeriodMarket market, MultiPeriodResult result)
            throws IOException {
        OutputFiles.writeText(file, storage(market, result));
    }

    private static SvgWriter start(String title, String subtitle) {
        return SvgWriter.plot(WIDTH, HEIGHT, LEFT, title, subtitle);
    }

    private static String emptyArea(SvgWriter w, String why) {
        w.empty(
                "rect",
                "class",
                "plot-area",
                "x",
                LEFT,
                "y",
                TOP,
                "width",
                WIDTH - LEFT - RIGHT,
                "height",
                HEIGHT - TOP - BOTTOM,
                "fill",
                "none",
                "stroke",
                "#cccccc");
        w.element(
                "text",
                why,
                "class",
                "empty",
                "x",
                LEFT + 20,
                "y",
                TOP + 30,
                "font-size",
                14,
                "fill",
                INK);
        return w.finish();
    }

    private static void legend(
            SvgWriter w, List<String> labels, boolean lastIsOthers, boolean lines) {
        double x = WIDTH - RIGHT + 20, y = TOP + 6;
        w.start("g", "class", "legend");
        for (int k = 0; k < labels.size(); k++) {
            boolean others = lastIsOthers && k == labels.size() - 1;
            String color = others ? OTHERS_COLOR : PALETTE[k % PALETTE.length];
            String peer = others ? OTHERS : labels.get(k);
            w.start("g", "class", "legend-entry", "data-peer", peer);
            if (lines) {
                w.empty(
                        "line",
                        "x1",
                        x,
                        "y1",
                        y + 6,
                        "x2",
                        x + 18,
                        "y2",
                        y + 6,
                        "stroke",
                        color,
                        "stroke-width",
                        2);
            } else {
                w.empty("rect", "x", x, "y", y, "width", 12.0, "height", 12.0, "fill", color);
            }
            w.element(
                    "text", labels.get(k), "x", x + 24, "y", y + 10, "font-size", 12, "fill", INK);
            w.end("g");
            y += 18;
        }
        w.end("g");
    }

    /** A value axis with round ticks covering {@code [min, max]}. */
    private record Axis(double min, double max, double step) {
        static Axis of(double lo, double hi) {
            if (hi - lo < 1e-9) {
                hi = lo + 1;
            }
            double raw = (hi - lo) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double step =
                    raw / mag <= 1
                            ? mag
                            : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
            return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
        }
    }

    /** The plot area: periods along x, the axis along y. */
    private static final class Frame {
        final double plotWidth = WIDTH - LEFT - RIGHT, plotHeight = HEIGHT - TOP - BOTTOM;
        final int periods;
        final Axis axis;

        Frame(int periods, Axis axis) {
            this.periods = periods;
            this.axis = axis;
        }

        /** x of the start of period {@code t} ({@code t = periods}: the end of the horizon). */
        double x(double t) {
            return LEFT + plotWidth * t / periods;
        }

        double y(double v) {
            return TOP + plotHeight * (axis.max() - v) / (axis.max() - axis.min());
        }

        void draw(SvgWriter w, String unit, int count) {
            w.valueAxis(
                    LEFT,
                    TOP,
                    plotWidth,
                    plotHeight,
                    axis.min(),
                    axis.max(),
                    axis.step(),
                    "%,.0f",
                    unit);
            w.periodAxis(
                    LEFT,
                    TOP,
                    plotWidth,
                    plotHeight,
                    count,
                    Math.max(1, (int) Math.ceil(count / 24.0)),
                    "period");
        }
    }
}
