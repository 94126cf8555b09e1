package org.gridbazaar.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.mechanism.bonus.AgentPeriod;
import org.gridbazaar.mechanism.bonus.BonusOutcome;
import org.gridbazaar.mechanism.bonus.PeriodOutcome;

/**
 * SVG pictures of the bonus mechanism over a day, in the manner of the figures of
 * Fattaheian-Dehkordi et al. (CIRED 2020):
 *
 * <ul>
 *   <li>{@link #imbalance}: each period's imbalance before (light) and after (dark) the bonus loop,
 *       kW, side by side, with the final bonus in each bar's tooltip;
 *   <li>{@link #bonuses}: the bonus paid to each agent per period, $, stacked (the paper's Fig. 5);
 *   <li>{@link #schedules}: each agent's change of net injection from its day-ahead schedule per
 *       period, kW, stacked above and below the axis (the paper's Figs. 4 and 5 show the same
 *       re-scheduling as day-ahead and real-time curves).
 * </ul>
 *
 * Bars carry {@code data-agent}, {@code data-period} and {@code data-kw} or {@code data-dollars}
 * attributes, the plot area is the {@code rect} of class {@code plot-area}.
 */
public final class BonusPlot {

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#393b79"
    };
    private static final String INK = "#222222";
    private static final double WIDTH = 980,
            HEIGHT = 520,
            LEFT = 90,
            RIGHT = 190,
            TOP = 60,
            BOTTOM = 50;

    /** Agents drawn with their own colour; the rest are summed as "others". */
    public static final int MAX_AGENTS_SHOWN = 10;

    private BonusPlot() {}

    /** The imbalance before and after per period, as SVG text. */
    public static String imbalance(BonusOutcome o) {
        List<PeriodOutcome> periods = o.periods();
        double lo = 0, hi = 0;
        for (PeriodOutcome p : periods) {
            lo = Math.min(lo, Math.min(p.imbalanceBeforeKw(), p.imbalanceAfterKw()));
            hi = Math.max(hi, Math.max(p.imbalanceBeforeKw(), p.imbalanceAfterKw()));
        }
        SvgWriter w =
                start(
                        "Real-time imbalance per period, kW: " + o.microgrid(),
                        "light: before the bonus loop, dark: after (settled with the grid); surplus above the axis");
        Frame f = new Frame(periods.size(), lo, hi);
        f.draw(w, "kW");
        double slot = f.plotWidth / periods.size(), bar = 0.38 * slot;
        String[] labels = {"before", "after"}, colors = {"#9ecae1", "#08519c"};
        for (int k = 0; k < 2; k++) {
            w.start("g", "class", "series", "data-series", labels[k], "fill", colors[k]);
            for (PeriodOutcome p : periods) {
                double v = k == 0 ? p.imbalanceBeforeKw() : p.imbalanceAfterKw();
                double x = f.x(p.period()) + 0.1 * slot + k * bar;
                double y0 = f.y(Math.max(0, v)), y1 = f.y(Math.min(0, v));
                w.withTooltip(
                        "rect",
                        String.format(
                                Locale.ROOT,
                                "period %d, %s: %.1f kW (bonus %.4f $/kWh)",
                                p.period(),
                                labels[k],
                                v,
                                p.bonus()),
                        "class",
                        "bar",
                        "data-series",
                        labels[k],
                        "data-period",
                        p.period(),
                        "data-kw",
                        String.format(Locale.ROOT, "%.6f", v),
                        "x",
                        x,
                        "y",
                        y0,
                        "width",
                        bar,
                        "height",
                        Math.max(0, y1 - y0));
            }
            w.end("g");
        }
        f.zero(w);
        legend(w, List.of("before", "after"), List.of(colors[0], colors[1]));
        return w.finish();
    }

    /** The bonuses paid per agent and period, stacked, as SVG text. */
    public static String bonuses(BonusOutcome o) {
        return stacked(
                o,
                "Bonuses paid to the agents per period, $: " + o.microgrid(),
                String.format(
                        Locale.ROOT,
                        "paid by the renewable agent: %.2f $ over the day",
                        o.bonusesPaid()),
                "$",
                true);
    }

    /** Each agent's change of net injection from its day-ahead schedule, stacked, as SVG text. */
    public static String schedules(BonusOutcome o) {
        return stacked(
                o,
                "Re-scheduling per period, kW: " + o.microgrid(),
                "real-time minus day-ahead net injection (more supply above the axis, more consumption below)",
                "kW",
                false);
    }

    private static String stacked(
            BonusOutcome o, String title, String subtitle, String unit, boolean money) {
        int n = o.periods().size();
        List<String> agents = o.agents();
        double[][] v = new double[agents.size()][n];
        for (AgentPeriod r : o.agentPeriods()) {
            v[agents.indexOf(r.agent())][r.period()] = money ? r.bonusPaid() : r.changeKw();
        }
        List<String> labels = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        double[] others = new double[n];
        for (int a = 0; a < agents.size(); a++) {
            if (a < MAX_AGENTS_SHOWN) {
                labels.add(agents.get(a));
                series.add(v[a]);
            } else {
                for (int t = 0; t < n; t++) {
                    others[t] += v[a][t];
                }
            }
        }
        if (agents.size() > MAX_AGENTS_SHOWN) {
            labels.add("others (" + (agents.size() - MAX_AGENTS_SHOWN) + ")");
            series.add(others);
        }
        double lo = 0, hi = 0;
        for (int t = 0; t < n; t++) {
            double up = 0, down = 0;
            for (double[] s : series) {
                up += Math.max(0, s[t]);
                down += Math.min(0, s[t]);
            }
            hi = Math.max(hi, up);
            lo = Math.min(lo, down);
        }
        SvgWriter w = start(title, subtitle);
        Frame f = new Frame(n, lo, hi);
        f.draw(w, unit);
        double slot = f.plotWidth / n, bar = 0.8 * slot;
        double[] up = new double[n], down = new double[n];
        List<String> colors = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            String color = k < MAX_AGENTS_SHOWN ? PALETTE[k % PALETTE.length] : "#b0b0b0";
            colors.add(color);
            w.start("g", "class", "series", "data-agent", labels.get(k), "fill", color);
            for (int t = 0; t < n; t++) {
                double x = series.get(k)[t];
                if (Math.abs(x) < 1e-9) {
                    continue;
                }
                double base = x > 0 ? up[t] : down[t], top = base + x;
                if (x > 0) {
                    up[t] = top;
                } else {
                    down[t] = top;
                }
                double y0 = f.y(Math.max(base, top)), y1 = f.y(Math.min(base, top));
                w.withTooltip(
                        "rect",
                        String.format(
                                Locale.ROOT, "%s, period %d: %.2f %s", labels.get(k), t, x, unit),
                        "class",
                        "bar",
                        "data-agent",
                        labels.get(k),
                        "data-period",
                        t,
                        money ? "data-dollars" : "data-kw",
                        String.format(Locale.ROOT, "%.6f", x),
                        "x",
                        f.x(t) + (slot - bar) / 2,
                        "y",
                        y0,
                        "width",
                        bar,
                        "height",
                        y1 - y0);
            }
            w.end("g");
        }
        f.zero(w);
        legend(w, labels, colors);
        return w.finish();
    }

    /**
     * Writes the three pictures as {@code PREFIX-imbalance.svg}, {@code PREFIX-bonuses.svg} and
     * {@code PREFIX-schedules.svg}.
     */
    public static List<Path> write(String prefix, BonusOutcome o) throws IOException {
        List<Path> files = files(prefix);
        OutputFiles.writeText(files.get(0), imbalance(o));
        OutputFiles.writeText(files.get(1), bonuses(o));
        OutputFiles.writeText(files.get(2), schedules(o));
        return files;
    }

    /** The files {@link #write} writes. */
    public static List<Path> files(String prefix) {
        return List.of(
                Path.of(prefix + "-imbalance.svg"),
                Path.of(prefix + "-bonuses.svg"),
                Path.of(prefix + "-schedules.svg"));
    }

    private static SvgWriter start(String title, String subtitle) {
        return SvgWriter.plot(WIDTH, HEIGHT, LEFT, title, subtitle);
    }

    private static void legend(SvgWriter w, List<String> labels, List<String> colors) {
        double x = WIDTH - RIGHT + 20, y = TOP + 6;
        w.start("g", "class", "legend");
        for (int k = 0; k < labels.size(); k++) {
            w.start("g", "class", "legend-entry", "data-agent", labels.get(k));
            w.empty("rect", "x", x, "y", y, "width", 12.0, "height", 12.0, "fill", colors.get(k));
            w.element(
                    "text", labels.get(k), "x", x + 24, "y", y + 10, "font-size", 12, "fill", INK);
            w.end("g");
            y += 18;
        }
        w.end("g");
    }

    /** The plot area: periods along x, a value axis with round ticks along y. */
    private static final class Frame {
        final double plotWidth = WIDTH - LEFT - RIGHT, plotHeight = HEIGHT - TOP - BOTTOM;
        final int periods;
        final double min, max, step;

        Frame(int periods, double lo, double hi) {
            this.periods = periods;
            if (hi - lo < 1e-9) {
                hi = lo + 1;
            }
            double raw = (hi - lo) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw)));
            step =
                    raw / mag <= 1
                            ? mag
                            : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
            min = Math.floor(lo / step) * step;
            max = Math.ceil(hi / step) * step;
        }

        double x(double t) {
            return LEFT + plotWidth * t / periods;
        }

        double y(double v) {
            return TOP + plotHeight * (max - v) / (max - min);
        }

        void draw(SvgWriter w, String unit) {
            w.valueAxis(
                    LEFT,
                    TOP,
                    plotWidth,
                    plotHeight,
                    min,
                    max,
                    step,
                    step < 1 ? "%,.2f" : "%,.0f",
                    unit);
            w.periodAxis(LEFT, TOP, plotWidth, plotHeight, periods, 1, "period");
        }

        void zero(SvgWriter w) {
            w.empty(
                    "line",
                    "class",
                    "zero-axis",
                    "x1",
                    LEFT,
                    "y1",
                    y(0),
                    "x2",
                    LEFT + plotWidth,
                    "y2",
                    y(0),
                    "stroke",
                    INK,
                    "stroke-width",
                    1.2);
        }
    }
}
