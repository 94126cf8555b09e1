package org.gridbazaar.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.io.internal.AtomicFiles;
import org.gridbazaar.io.internal.JsonOut;
import org.gridbazaar.result.AcOutcome;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Trade;

/**
 * Writes a clearing result as a result file ({@code p2p-market-result/1}, see the project's
 * case-format specification ({@code case-format.md})) with the specification's fields, in its
 * order, followed in each object by the optional fields of {@code docs/case-format-extensions.md}
 * that carry information: a peer's {@code heatPrice} ($/kW thermal, peers with heat) and {@code
 * cost} ($, its own cost {@link PeerOutcome#cost()}), a power trade's {@code congestionCharge}
 * ($/kW, what the buyer pays on top of the price when line limits were enforced, {@link
 * Trade#congestionCharge()}), a line's {@code shadowPrice}, and the network's {@code ac} (the AC
 * power flow of the set-points, {@link NetworkOutcome#acPowerFlow()}).
 *
 * <p>Without a solution (the objective is {@code NaN}, e.g. status {@code INFEASIBLE}) the {@code
 * objective} is {@code null} and {@code peers}, {@code trades} and {@code heatTrades} are empty,
 * and no {@code network} is written. A peer's {@code heat} is written only for peers with a heat
 * side; {@code network} only when the result has one, with {@code loadingPercent} only for lines
 * with a capacity and {@code shadowPrice} ($/kW) only for lines whose {@link
 * LineFlow#shadowPrice()} is not {@code NaN} (capacities enforced as hard constraints), so a result
 * without shadow prices is written exactly as before the extension. Any other non-finite number is
 * written as {@code null}.
 *
 * <p>A {@link MultiPeriodResult} is written as a version-2 result ({@code p2p-market-result/2}, the
 * project's {@code case-format-v2.md}): {@code format}, {@code case}, {@code status}, {@code
 * objective} ($, the horizon's), {@code periods} (per period {@code period} then exactly what a
 * version-1 result holds for it, written by the same code: {@code peers} with the net power {@code
 * P_t} in kW, {@code trades}, {@code heatTrades} and, with a network, {@code network}; prices in
 * $/kWh as the result holds them), {@code storage} (per unit {@code id}, {@code chargeKw}, {@code
 * dischargeKw} (both {@code >= 0}, kW) and {@code energyKwh} ({@code E_t} at the end of each
 * period), one value per period) and {@code solver}. Without a solution ({@code NaN} objective,
 * e.g. {@code INFEASIBLE}) {@code objective} is {@code null}, {@code periods} and {@code storage}
 * are empty, and a {@code reason} follows the objective: the termination's detail ({@link
 * MultiPeriodResult#message()}), or a sentence naming the status when that is empty. Version 1
 * writes no reason (the command line prints the detail instead); version 2 requires one.
 */
public final class ResultWriter {

    /** The value of {@code format} in a version-1 result file (of a single-period case). */
    public static final String FORMAT = "p2p-market-result/1";

    /** The value of {@code format} in a version-2 result file (of a market over time). */
    public static final String FORMAT_V2 = "p2p-market-result/2";

    private ResultWriter() {}

    /**
     * The result file text of {@code result}; for large results prefer {@link #write(MarketResult,
     * Path)}, which streams.
     */
    public static String write(MarketResult result) {
        return text(out -> write(result, out));
    }

    /**
     * Writes the result file of {@code result} to {@code file} (UTF-8), streaming it, replacing the
     * file if it exists. The file is replaced all at once: the text goes to a temporary file in the
     * same directory that is then renamed over {@code file}, so an interrupted write leaves the
     * previous file intact and never half a result.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(MarketResult result, Path file) {
        toFile(file, out -> write(result, out));
    }

    /**
     * Streams the result file of {@code result} to {@code out} as UTF-8; {@code out} is flushed,
     * not closed.
     *
     * @throws UncheckedIOException if writing to {@code out} fails
     */
    public static void write(MarketResult result, OutputStream out) {
        toStream(out, json -> write(result, json));
    }

    /**
     * The result file text of {@code result} followed by the {@code communities} extension of
     * {@code docs/architectures.md} (each community's price in $/kWh and its grid import and export
     * in kW), written after {@code solver} when {@code communities} is not empty.
     */
    public static String write(MarketResult result, List<CommunityOutcome> communities) {
        return text(out -> write(result, communities, out));
    }

    /**
     * Writes {@link #write(MarketResult, List)} to {@code file}, replacing it all at once as {@link
     * #write(MarketResult, Path)} does.
     */
    public static void write(MarketResult result, List<CommunityOutcome> communities, Path file) {
        toFile(file, out -> write(result, communities, out));
    }

    /**
     * The version-2 result file text of {@code result}; for large results prefer {@link
     * #write(MultiPeriodResult, Path)}, which streams.
     */
    public static String write(MultiPeriodResult result) {
        return text(out -> write(result, out));
    }

    /**
     * Writes the version-2 result file of {@code result} to {@code file} (UTF-8), streaming it and
     * replacing the file all at once as {@link #write(MarketResult, Path)} does.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(MultiPeriodResult result, Path file) {
        toFile(file, out -> write(result, out));
    }

    /**
     * Streams the version-2 result file of {@code result} to {@code out} as UTF-8; {@code out} is
     * flushed, not closed.
     *
     * @throws UncheckedIOException if writing to {@code out} fails
     */
    public static void write(MultiPeriodResult result, OutputStream out) {
        toStream(out, json -> write(result, json));
    }

    /** What {@code body} writes, as text. */
    private static String text(java.util.function.Consumer<JsonOut> body) {
        StringWriter text = new StringWriter();
        try (JsonOut out = JsonOut.to(text)) {
            body.accept(out);
        }
        return text.toString();
    }

    /** Streams what {@code body} writes into {@code file}, replacing it all at once. */
    private static void toFile(Path file, java.util.function.Consumer<JsonOut> body) {
        try {
            AtomicFiles.write(file, stream -> toStream(stream, body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(
                    "cannot write " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Streams what {@code body} writes to {@code out}, flushed, not closed. */
    private static void toStream(OutputStream out, java.util.function.Consumer<JsonOut> body) {
        try (JsonOut json = JsonOut.to(out)) {
            body.accept(json);
        }
    }

    /**
     * The version-2 result file text of {@code result} followed by the {@code communities}
     * extension of {@code docs/architectures.md}: per community its {@code id} and, one value per
     * period, its {@code price} ($/kWh), {@code importKw} and {@code exportKw} (kW), written after
     * {@code solver} when {@code byPeriod} (period by period, the same communities in the same
     * order in each) is not empty.
     */
    public static String write(MultiPeriodResult result, List<List<CommunityOutcome>> byPeriod) {
        return text(out -> write(result, byPeriod, out));
    }

    /** Writes {@link #write(MultiPeriodResult, List)} to {@code file}, replacing it all at once. */
    public static void write(
            MultiPeriodResult result, List<List<CommunityOutcome>> byPeriod, Path file) {
        toFile(file, out -> write(result, byPeriod, out));
    }

    private static void write(MultiPeriodResult result, JsonOut out) {
        write(result, List.of(), out);
    }

    private static void write(
            MultiPeriodResult result, List<List<CommunityOutcome>> byPeriod, JsonOut out) {
        boolean solved = !Double.isNaN(result.objective());
        out.startObject();
        out.field("format", FORMAT_V2);
        out.field("case", result.caseName());
        out.field("status", result.status().name());
        out.field("objective", result.objective());
        if (!solved) {
            out.field("reason", reason(result));
        }
        out.field("periods").startArray();
        if (solved) {
            for (int t = 0; t < result.periodCount(); t++) {
                out.startObject();
                out.field("period").number((long) t);
                periodSections(out, result.period(t), true, result.hoursPerPeriod());
                out.end();
            }
        }
        out.end();
        out.field("storage").startArray();
        if (solved) {
            for (StorageOutcome s : result.storage()) {
                out.startObject();
                out.field("id", s.id().value());
                series(out, "chargeKw", s.chargeKw());
                series(out, "dischargeKw", s.dischargeKw());
                series(out, "energyKwh", s.energyKwh());
                out.end();
            }
        }
        out.end();
        solver(out, result.solver());
        if (!byPeriod.isEmpty() && !byPeriod.get(0).isEmpty()) {
            // an extension (docs/architectures.md): what each community got in each period
            out.field("communities").startArray();
            for (int c = 0; c < byPeriod.get(0).size(); c++) {
                int k = c;
                out.startObject();
                out.field("id", byPeriod.get(0).get(c).id());
                series(
                        out,
                        "price",
                        byPeriod.stream().mapToDouble(p -> p.get(k).price()).toArray());
                series(
                        out,
                        "importKw",
                        byPeriod.stream().mapToDouble(p -> p.get(k).importKw()).toArray());
                series(
                        out,
                        "exportKw",
                        byPeriod.stream().mapToDouble(p -> p.get(k).exportKw()).toArray());
                out.end();
            }
            out.end();
        }
        out.end();
    }

    /**
     * Why a result has no solution: the termination's detail, or what its status says when that is
     * empty.
     */
    static String reason(MultiPeriodResult result) {
        if (!result.message().isEmpty()) {
            return result.message();
        }
        return switch (result.status()) {
            case INFEASIBLE -> "the market has no feasible clearing over the horizon";
            case UNBOUNDED -> "the objective is unbounded below";
            case ITERATION_LIMIT -> "the solver stopped on a limit without a solution";
            case NUMERICAL_ERROR -> "the solver failed numerically without a solution";
            case OPTIMAL -> "no objective was given";
        };
    }

    private static void series(JsonOut out, String key, double[] values) {
        out.field(key).startArray();
        for (double v : values) {
            out.number(v);
        }
        out.end();
    }

    private static void write(MarketResult result, JsonOut out) {
        write(result, List.of(), out);
    }

    private static void write(
            MarketResult result, List<CommunityOutcome> communities, JsonOut out) {
        out.startObject();
        out.field("format", FORMAT);
        out.field("case", result.caseName());
        out.field("status", result.status().name());
        out.field("objective", result.objective());
        if (Double.isNaN(result.objective()) && !result.message().isEmpty()) {
            // an extension (docs/case-format-extensions.md): why there is no solution
            out.field("reason", result.message());
        }
        periodSections(out, result, !Double.isNaN(result.objective()), 1);
        solver(out, result.solver());
        if (!communities.isEmpty()) {
            // an extension (docs/architectures.md): what each community got
            out.field("communities").startArray();
            for (CommunityOutcome c : communities) {
                out.startObject();
                out.field("id", c.id());
                out.field("price", c.price());
                out.field("importKw", c.importKw());
                out.field("exportKw", c.exportKw());
                out.end();
            }
            out.end();
        }
        out.end();
    }

    /**
     * The sections a version-1 result holds for its one period, and a version-2 result for each
     * period: {@code peers}, {@code trades}, {@code heatTrades} and, with a solution and a network,
     * {@code network}. Without a solution the three lists are empty. A peer's {@code cost} is its
     * cost rate ($/h) times {@code hours}, the length of the period: $ spent in the period.
     */
    private static void periodSections(
            JsonOut out, MarketResult result, boolean solved, double hours) {
        out.field("peers").startArray();
        if (solved) {
            for (PeerOutcome p : result.peers()) {
                out.startObject();
                out.field("id", p.id().value());
                out.field("power", p.power());
                if (p.hasHeat()) {
                    out.field("heat", p.heat());
                }
                out.field("price", p.price());
                // extensions after the specification's fields: what the command line prints as well
                if (p.hasHeat() && !Double.isNaN(p.heatPrice())) {
                    out.field("heatPrice", p.heatPrice());
                }
                if (!Double.isNaN(p.cost())) {
                    out.field("cost", hours * p.cost());
                }
                out.end();
            }
        }
        out.end();
        trades(out, "trades", solved ? result.trades() : List.of(), "power");
        trades(out, "heatTrades", solved ? result.heatTrades() : List.of(), "heat");
        if (solved) {
            result.network().ifPresent(n -> network(out, n));
        }
    }

    private static void trades(JsonOut out, String key, List<Trade> trades, String quantityKey) {
        out.field(key).startArray();
        for (Trade t : trades) {
            out.startObject();
            out.field("seller", t.seller().value());
            out.field("buyer", t.buyer().value());
            out.field(quantityKey, t.quantity());
            out.field("price", t.price());
            if (t.hasCongestionCharge()) {
                out.field("congestionCharge", t.congestionCharge());
            }
            out.end();
        }
        out.end();
    }

    private static void network(JsonOut out, NetworkOutcome n) {
        out.field("network").startObject();
        out.field("lineFlows").startArray();
        for (LineFlow f : n.lineFlows()) {
            out.startObject();
            out.field("id", f.lineId());
            out.field("flowKw", f.flowKw());
            if (!Double.isNaN(f.loadingPercent())) {
                out.field("loadingPercent", f.loadingPercent());
            }
            if (f.hasShadowPrice()) {
                out.field("shadowPrice", f.shadowPrice());
            }
            out.end();
        }
        out.end();
        out.field("lossesKw", n.lossesKw());
        out.field("congestedLines").startArray();
        n.congestedLines().forEach(out::string);
        out.end();
        out.field("penalizedLines").startArray();
        n.penalizedLines().forEach(out::string);
        out.end();
        n.acPowerFlow().ifPresent(ac -> ac(out, ac));
        out.end();
    }

    /**
     * The {@code ac} extension: what the AC power flow of the set-points found. A sweep that did
     * not converge has no losses or voltages to state (its last iterate is not a power flow), so
     * only {@code converged} is written then.
     */
    private static void ac(JsonOut out, AcOutcome ac) {
        out.field("ac").startObject();
        out.field("converged").bool(ac.converged());
        if (ac.converged()) {
            out.field("lossesKw", ac.lossesKw());
            out.field("lossesKvar", ac.lossesKvar());
            out.field("minVoltagePu", ac.minVoltagePu());
            out.field("minVoltageBus", ac.minVoltageBus());
            out.field("maxVoltagePu", ac.maxVoltagePu());
            if (ac.maxVoltageBus() != null) {
                out.field("maxVoltageBus", ac.maxVoltageBus());
            }
            out.field("voltageViolations").startArray();
            ac.voltageViolations().forEach(out::string);
            out.end();
        }
        out.end();
    }

    private static void solver(JsonOut out, SolverStats s) {
        out.field("solver").startObject();
        if (s == null) {
            out.field("name").nullValue();
            out.field("iterations").nullValue();
            out.field("seconds").nullValue();
            out.field("primalResidual").nullValue();
            out.field("dualResidual").nullValue();
        } else {
            out.field("name", s.solver());
            out.field("iterations").number((long) s.iterations());
            out.field("seconds", s.seconds());
            out.field("primalResidual", s.primalResidual());
            out.field("dualResidual", s.dualResidual());
        }
        out.end();
    }
}
