package org.gridbazaar.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridbazaar.io.internal.Checker;
import org.gridbazaar.io.internal.JsonText;
import org.gridbazaar.io.internal.Paths;
import org.gridbazaar.result.Status;

/**
 * Reads a result file ({@code p2p-market-result/1}) as written by {@link ResultWriter}, as strictly
 * as {@link CaseReader} reads cases: unknown fields, wrong types and missing fields are reported
 * all at once with their JSON paths. The optional fields of {@code docs/case-format-extensions.md}
 * are read where they are allowed and are {@code NaN} when absent: a peer's {@code heatPrice} and
 * {@code cost} ({@link ResultFile.PeerRow}), a power trade's {@code congestionCharge} ({@link
 * ResultFile.TradeRow#congestionCharge()}), a line flow's {@code shadowPrice} ({@link
 * ResultFile.LineFlowRow#shadowPrice()}), and the network's {@code ac} ({@link
 * ResultFile.NetworkRow#acPowerFlow()}, empty when absent).
 *
 * <p>{@link #readMultiPeriod(String)} reads a version-2 result ({@code p2p-market-result/2}, as
 * {@link ResultWriter#write(org.gridbazaar.result.MultiPeriodResult)} writes it) into a {@link
 * MultiPeriodResultFile}, as strictly: each period's sections are read by the same code as a
 * version-1 result's, with paths such as {@code $.periods[2].trades[0].price}; the entries of
 * {@code periods} must be numbered in order, and each storage array must have one value per period.
 * Each reader, given the other version, reports one problem naming the other reader.
 */
public final class ResultReader {

    private final Checker check = new Checker();

    private ResultReader() {}

    /**
     * Reads result file text.
     *
     * @throws CaseFormatException listing every problem when the text is not a valid result file
     */
    public static ResultFile read(String json) {
        return read(json, "result");
    }

    /**
     * Reads result file text from {@code sourceName}, used in messages.
     *
     * @throws CaseFormatException listing every problem when the text is not a valid result file
     */
    public static ResultFile read(String json, String sourceName) {
        return new ResultReader().result(JsonText.parse(json, sourceName), sourceName);
    }

    /**
     * Reads the result file at {@code file} (UTF-8).
     *
     * @throws CaseFormatException listing every problem when the file is not a valid result file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ResultFile read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads version-2 result file text ({@code p2p-market-result/2}, of a market over time).
     *
     * @throws CaseFormatException listing every problem when the text is not a valid version-2
     *     result file
     */
    public static MultiPeriodResultFile readMultiPeriod(String json) {
        return readMultiPeriod(json, "result");
    }

    /**
     * Reads version-2 result file text from {@code sourceName}, used in messages.
     *
     * @throws CaseFormatException listing every problem when the text is not a valid version-2
     *     result file
     */
    public static MultiPeriodResultFile readMultiPeriod(String json, String sourceName) {
        return new ResultReader().multiPeriod(JsonText.parse(json, sourceName), sourceName);
    }

    /**
     * Reads the version-2 result file at {@code file} (UTF-8).
     *
     * @throws CaseFormatException listing every problem when the file is not a valid version-2
     *     result file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static MultiPeriodResultFile readMultiPeriod(Path file) {
        try {
            return readMultiPeriod(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code communities} extension of a version-1 result ({@code docs/architectures.md}): each
     * community's price ($/kWh) and grid import and export (kW); empty when the result has none.
     * The rest of the result is checked as {@link #read(String, String)} checks it.
     *
     * @throws CaseFormatException if the text is not a valid result, listing every problem
     */
    public static List<org.gridbazaar.community.CommunityOutcome> communities(
            String json, String sourceName) {
        ResultReader reader = new ResultReader();
        JsonNode root = JsonText.parse(json, sourceName);
        reader.result(root, sourceName);
        return root.has("communities") ? reader.communities(root.get("communities")) : List.of();
    }

    /**
     * The {@code communities} extension of a version-2 result ({@code docs/architectures.md}),
     * period by period: each period's communities with their price ($/kWh), import and export (kW);
     * empty when the result has none. The rest of the result is checked as {@link
     * #readMultiPeriod(String, String)} checks it.
     *
     * @throws CaseFormatException if the text is not a valid version-2 result, listing every
     *     problem
     */
    public static List<List<org.gridbazaar.community.CommunityOutcome>> communitiesOverTime(
            String json, String sourceName) {
        ResultReader reader = new ResultReader();
        JsonNode root = JsonText.parse(json, sourceName);
        MultiPeriodResultFile file = reader.multiPeriod(root, sourceName);
        return root.has("communities")
                ? reader.communitiesOverTime(root.get("communities"), file.periods().size())
                : List.of();
    }

    /** The version-2 {@code communities} array, period by period; problems go to the checker. */
    private List<List<org.gridbazaar.community.CommunityOutcome>> communitiesOverTime(
            JsonNode node, int periods) {
        List<List<org.gridbazaar.community.CommunityOutcome>> out = new java.util.ArrayList<>();
        for (int t = 0; t < periods; t++) {
            out.add(new java.util.ArrayList<>());
        }
        forEachObject(
                node,
                "$.communities",
                (o, p) -> {
                    check.fields(o, p, List.of("id", "price", "importKw", "exportKw"), List.of());
                    String id = check.string(o.get("id"), p + ".id");
                    double[] price = numbers(o.get("price"), p + ".price", periods);
                    double[] in = numbers(o.get("importKw"), p + ".importKw", periods);
                    double[] ex = numbers(o.get("exportKw"), p + ".exportKw", periods);
                    if (id != null && price != null && in != null && ex != null) {
                        for (int t = 0; t < periods; t++) {
                            out.get(t)
                                    .add(
                                            new org.gridbazaar.community.CommunityOutcome(
                                                    id, price[t], in[t], ex[t]));
                        }
                    }
                });
        return out;
    }

    /** The {@code communities} array at {@code $.communities}; problems go to the checker. */
    private List<org.gridbazaar.community.CommunityOutcome> communities(JsonNode node) {
        List<org.gridbazaar.community.CommunityOutcome> out = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode array = check.array(node, "$.communities");
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            String p = "$.communities[" + i + "]";
            ObjectNode o = check.object(array.get(i), p);
            if (o == null) {
                continue;
            }
            check.fields(o, p, List.of("id", "price", "importKw", "exportKw"), List.of());
            String id = check.string(o.get("id"), p + ".id");
            Double price = check.numberOrNull(o.get("price"), p + ".price");
            Double in = check.number(o.get("importKw"), p + ".importKw");
            Double ex = check.number(o.get("exportKw"), p + ".exportKw");
            if (id != null && in != null && ex != null) {
                out.add(
                        new org.gridbazaar.community.CommunityOutcome(
                                id, price == null ? Double.NaN : price, in, ex));
            }
        }
        return out;
    }

    /**
     * The root object, with its {@code format} checked against {@code expected}; a result of the
     * other version is the only problem reported.
     */
    private ObjectNode root(
            JsonNode node, String sourceName, String expected, String other, String otherReader) {
        ObjectNode root = check.object(node, "$");
        if (root == null) {
            throw new CaseFormatException(sourceName, check.problems());
        }
        if (root.has("format") && other.equals(root.get("format").textValue())) {
            throw new CaseFormatException(
                    sourceName,
                    List.of(
                            "$.format: expected \""
                                    + expected
                                    + "\", got \""
                                    + other
                                    + "\"; Maybe read it with ResultReader."
                                    + otherReader));
        }
        String format = check.string(root.get("format"), "$.format");
        if (format != null && !format.equals(expected)) {
            check.problem("$.format", "expected \"" + expected + "\", got \"" + format + "\"");
        }
        return root;
    }

    private ResultFile result(JsonNode node, String sourceName) {
        ObjectNode root =
                root(
                        node,
                        sourceName,
                        ResultWriter.FORMAT,
                        ResultWriter.FORMAT_V2,
                        "readMultiPeriod");
        check.fields(
                root,
                "$",
                List.of(
                        "format",
                        "case",
                        "status",
                        "objective",
                        "peers",
                        "trades",
                        "heatTrades",
                        "solver"),
                List.of("network", "reason", "communities"));
        if (root.has("communities")) {
            communities(root.get("communities"));
        }
        String caseName = check.string(root.get("case"), "$.case", "names");
        if (root.has("reason")) {
            check.string(root.get("reason"), "$.reason");
        }
        Status status = status(root.get("status"));
        Double objective = check.numberOrNull(root.get("objective"), "$.objective");
        Sections sections = sections(root, "$");
        ResultFile.SolverRow solver = solver(root.get("solver"));
        if (!check.problems().isEmpty()) {
            throw new CaseFormatException(sourceName, check.problems());
        }
        return new ResultFile(
                caseName,
                status,
                objective,
                sections.peers,
                sections.trades,
                sections.heatTrades,
                sections.network,
                solver);
    }

    private MultiPeriodResultFile multiPeriod(JsonNode node, String sourceName) {
        ObjectNode root =
                root(node, sourceName, ResultWriter.FORMAT_V2, ResultWriter.FORMAT, "read");
        check.fields(
                root,
                "$",
                List.of("format", "case", "status", "objective", "periods", "storage", "solver"),
                List.of("reason", "communities"));
        String caseName = check.string(root.get("case"), "$.case", "names");
        Status status = status(root.get("status"));
        Double objective = check.numberOrNull(root.get("objective"), "$.objective");
        String reason = root.has("reason") ? check.string(root.get("reason"), "$.reason") : "";
        List<MultiPeriodResultFile.PeriodRow> periods = new ArrayList<>();
        forEachObject(
                root.get("periods"),
                "$.periods",
                (o, p) -> {
                    check.fields(
                            o,
                            p,
                            List.of("period", "peers", "trades", "heatTrades"),
                            List.of("network"));
                    Integer t = check.integer(o.get("period"), p + ".period");
                    if (t != null && t != periods.size()) {
                        check.problem(
                                p + ".period",
                                "expected period "
                                        + periods.size()
                                        + " (one entry per period, in order), got "
                                        + t);
                    }
                    Sections sections = sections(o, p);
                    periods.add(
                            new MultiPeriodResultFile.PeriodRow(
                                    t == null ? -1 : t,
                                    sections.peers,
                                    sections.trades,
                                    sections.heatTrades,
                                    sections.network));
                });
        List<MultiPeriodResultFile.StorageRow> storage = new ArrayList<>();
        forEachObject(
                root.get("storage"),
                "$.storage",
                (o, p) -> {
                    check.fields(
                            o, p, List.of("id", "chargeKw", "dischargeKw", "energyKwh"), List.of());
                    String id = check.id(o.get("id"), p + ".id");
                    double[] charge = numbers(o.get("chargeKw"), p + ".chargeKw", periods.size());
                    double[] discharge =
                            numbers(o.get("dischargeKw"), p + ".dischargeKw", periods.size());
                    double[] energy = numbers(o.get("energyKwh"), p + ".energyKwh", periods.size());
                    if (id != null && charge != null && discharge != null && energy != null) {
                        storage.add(
                                new MultiPeriodResultFile.StorageRow(
                                        id, charge, discharge, energy));
                    }
                });
        if (root.has("communities")) {
            communitiesOverTime(root.get("communities"), periods.size());
        }
        ResultFile.SolverRow solver = solver(root.get("solver"));
        if (!check.problems().isEmpty()) {
            throw new CaseFormatException(sourceName, check.problems());
        }
        return new MultiPeriodResultFile(
                caseName,
                status,
                objective,
                reason == null ? "" : reason,
                periods,
                storage,
                solver);
    }

    /**
     * An array of exactly {@code length} numbers (or {@code null}s, read as {@code NaN}), or {@code
     * null} with a problem.
     */
    private double[] numbers(JsonNode node, String path, int length) {
        if (node == null) {
            return null;
        }
        ArrayNode array = check.array(node, path);
        if (array == null) {
            return null;
        }
        if (array.size() != length) {
            check.problem(
                    path,
                    "has " + array.size() + " values but the result has " + length + " periods");
            return null;
        }
        double[] out = new double[length];
        boolean ok = true;
        for (int i = 0; i < length; i++) {
            Double v = check.numberOrNull(array.get(i), Paths.index(path, i));
            if (v == null) {
                ok = false;
            } else {
                out[i] = v;
            }
        }
        return ok ? out : null;
    }

    /**
     * What a result holds for one period: {@code peers}, {@code trades}, {@code heatTrades}, {@code
     * network}.
     */
    private record Sections(
            List<ResultFile.PeerRow> peers,
            List<ResultFile.TradeRow> trades,
            List<ResultFile.TradeRow> heatTrades,
            Optional<ResultFile.NetworkRow> network) {}

    /**
     * The period sections of the object {@code o} at {@code path} (the root of a version-1 result,
     * a period of a version-2 one).
     */
    private Sections sections(ObjectNode o, String path) {
        List<ResultFile.PeerRow> peers = new ArrayList<>();
        forEachObject(
                o.get("peers"),
                path + ".peers",
                (po, p) -> {
                    check.fields(
                            po,
                            p,
                            List.of("id", "power", "price"),
                            List.of("heat", "heatPrice", "cost"));
                    String id = check.id(po.get("id"), p + ".id");
                    Double power = check.numberOrNull(po.get("power"), p + ".power");
                    Double heat = optionalNumber(po, "heat", p);
                    Double price = check.numberOrNull(po.get("price"), p + ".price");
                    Double heatPrice = optionalNumber(po, "heatPrice", p);
                    Double cost = optionalNumber(po, "cost", p);
                    if (po.has("heatPrice") && !po.has("heat")) {
                        check.problem(
                                p + ".heatPrice",
                                "a heat price needs the peer's heat; Maybe the peer's \"heat\" is missing");
                    }
                    if (id != null
                            && power != null
                            && heat != null
                            && price != null
                            && heatPrice != null
                            && cost != null) {
                        peers.add(new ResultFile.PeerRow(id, power, heat, price, heatPrice, cost));
                    }
                });
        List<ResultFile.TradeRow> trades = trades(o.get("trades"), path + ".trades", "power");
        List<ResultFile.TradeRow> heatTrades =
                trades(o.get("heatTrades"), path + ".heatTrades", "heat");
        Optional<ResultFile.NetworkRow> network =
                o.has("network") ? network(o.get("network"), path + ".network") : Optional.empty();
        return new Sections(peers, trades, heatTrades, network);
    }

    /**
     * The optional number {@code key} of {@code o}: {@code NaN} when absent or {@code null}, Java
     * {@code null} with a problem when wrong.
     */
    private Double optionalNumber(ObjectNode o, String key, String path) {
        return o.has(key)
                ? check.numberOrNull(o.get(key), path + "." + key)
                : Double.valueOf(Double.NaN);
    }

    private Status status(JsonNode node) {
        String s = check.string(node, "$.status");
        if (s == null) {
            return null;
        }
        try {
            return Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            check.problem(
                    "$.status",
                    "unknown status \"" + s + "\"; expected one of " + List.of(Status.values()));
            return null;
        }
    }

    private List<ResultFile.TradeRow> trades(JsonNode node, String path, String quantityKey) {
        List<ResultFile.TradeRow> out = new ArrayList<>();
        forEachObject(
                node,
                path,
                (o, p) -> {
                    // heat has no network, so only power trades may carry a congestion charge
                    check.fields(
                            o,
                            p,
                            List.of("seller", "buyer", quantityKey, "price"),
                            quantityKey.equals("power") ? List.of("congestionCharge") : List.of());
                    String seller = check.id(o.get("seller"), p + ".seller");
                    String buyer = check.id(o.get("buyer"), p + ".buyer");
                    Double q = check.numberOrNull(o.get(quantityKey), p + "." + quantityKey);
                    Double price = check.numberOrNull(o.get("price"), p + ".price");
                    Double charge =
                            quantityKey.equals("power")
                                    ? optionalNumber(o, "congestionCharge", p)
                                    : Double.valueOf(Double.NaN);
                    if (seller != null
                            && buyer != null
                            && q != null
                            && price != null
                            && charge != null) {
                        out.add(new ResultFile.TradeRow(seller, buyer, q, price, charge));
                    }
                });
        return out;
    }

    private Optional<ResultFile.NetworkRow> network(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return Optional.empty();
        }
        check.fields(
                o,
                path,
                List.of("lineFlows", "lossesKw", "congestedLines", "penalizedLines"),
                List.of("ac"));
        List<ResultFile.LineFlowRow> flows = new ArrayList<>();
        forEachObject(
                o.get("lineFlows"),
                path + ".lineFlows",
                (l, p) -> {
                    check.fields(
                            l,
                            p,
                            List.of("id", "flowKw"),
                            List.of("loadingPercent", "shadowPrice"));
                    String id = check.id(l.get("id"), p + ".id");
                    Double flow = check.numberOrNull(l.get("flowKw"), p + ".flowKw");
                    Double loading =
                            l.has("loadingPercent")
                                    ? check.numberOrNull(
                                            l.get("loadingPercent"), p + ".loadingPercent")
                                    : Double.valueOf(Double.NaN);
                    Double shadow =
                            l.has("shadowPrice")
                                    ? check.numberOrNull(l.get("shadowPrice"), p + ".shadowPrice")
                                    : Double.valueOf(Double.NaN);
                    if (id != null && flow != null && loading != null && shadow != null) {
                        flows.add(new ResultFile.LineFlowRow(id, flow, loading, shadow));
                    }
                });
        Double losses = check.numberOrNull(o.get("lossesKw"), path + ".lossesKw");
        List<String> congested = strings(o.get("congestedLines"), path + ".congestedLines");
        List<String> penalized = strings(o.get("penalizedLines"), path + ".penalizedLines");
        ResultFile.AcRow ac = o.has("ac") ? ac(o.get("ac"), path + ".ac") : null;
        return Optional.of(
                new ResultFile.NetworkRow(
                        flows, losses == null ? Double.NaN : losses, congested, penalized, ac));
    }

    /**
     * The {@code ac} extension: only {@code converged} when it is false, everything else besides
     * when true.
     */
    private ResultFile.AcRow ac(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        JsonNode convergedNode = o.get("converged");
        if (convergedNode != null && !convergedNode.isBoolean()) {
            check.problem(
                    path + ".converged",
                    "expected true or false, got " + Checker.describe(convergedNode));
            return null;
        }
        if (convergedNode != null && !convergedNode.booleanValue()) {
            check.fields(o, path, List.of("converged"), List.of(), " (the sweep did not converge)");
            return new ResultFile.AcRow(
                    false, Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, null, List.of());
        }
        check.fields(
                o,
                path,
                List.of(
                        "converged",
                        "lossesKw",
                        "lossesKvar",
                        "minVoltagePu",
                        "minVoltageBus",
                        "maxVoltagePu",
                        "voltageViolations"),
                List.of("maxVoltageBus"));
        Double lossesKw = check.numberOrNull(o.get("lossesKw"), path + ".lossesKw");
        Double lossesKvar = check.numberOrNull(o.get("lossesKvar"), path + ".lossesKvar");
        Double min = check.numberOrNull(o.get("minVoltagePu"), path + ".minVoltagePu");
        String minBus = check.id(o.get("minVoltageBus"), path + ".minVoltageBus");
        Double max = check.numberOrNull(o.get("maxVoltagePu"), path + ".maxVoltagePu");
        String maxBus =
                o.has("maxVoltageBus")
                        ? check.id(o.get("maxVoltageBus"), path + ".maxVoltageBus")
                        : null;
        List<String> violations = strings(o.get("voltageViolations"), path + ".voltageViolations");
        if (convergedNode == null
                || lossesKw == null
                || lossesKvar == null
                || min == null
                || minBus == null
                || max == null) {
            return null;
        }
        return new ResultFile.AcRow(
                true, lossesKw, lossesKvar, min, minBus, max, maxBus, violations);
    }

    private ResultFile.SolverRow solver(JsonNode node) {
        String path = "$.solver";
        if (node == null) {
            return null;
        }
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(
                o,
                path,
                List.of("name", "iterations", "seconds", "primalResidual", "dualResidual"),
                List.of());
        JsonNode nameNode = o.get("name");
        String name =
                nameNode == null || nameNode.isNull()
                        ? null
                        : check.string(nameNode, path + ".name");
        JsonNode itNode = o.get("iterations");
        Integer iterations =
                itNode == null || itNode.isNull()
                        ? Integer.valueOf(0)
                        : check.integer(itNode, path + ".iterations");
        Double seconds = check.numberOrNull(o.get("seconds"), path + ".seconds");
        Double primal = check.numberOrNull(o.get("primalResidual"), path + ".primalResidual");
        Double dual = check.numberOrNull(o.get("dualResidual"), path + ".dualResidual");
        if (iterations == null || seconds == null || primal == null || dual == null) {
            return null;
        }
        return new ResultFile.SolverRow(name, iterations, seconds, primal, dual);
    }

    private List<String> strings(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        ArrayNode array = check.array(node, path);
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                String s = check.id(array.get(i), Paths.index(path, i));
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private void forEachObject(
            JsonNode node, String path, java.util.function.BiConsumer<ObjectNode, String> action) {
        if (node == null) {
            return;
        }
        ArrayNode array = check.array(node, path);
        if (array == null) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(path, i);
            ObjectNode o = check.object(array.get(i), p);
            if (o != null) {
                action.accept(o, p);
            }
        }
    }
}
