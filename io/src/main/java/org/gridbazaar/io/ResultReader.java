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
 * all at once with their JSON paths. A line flow's optional {@code shadowPrice} (an extension, see
 * {@code docs/case-format-extensions.md}) is read into {@link ResultFile.LineFlowRow#shadowPrice()},
 * {@code NaN} when absent.
 */
public final class ResultReader {

    private final Checker check = new Checker();

    private ResultReader() {
    }

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
     * @throws CaseFormatException  listing every problem when the file is not a valid result file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ResultFile read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private ResultFile result(JsonNode node, String sourceName) {
        ObjectNode root = check.object(node, "$");
        if (root == null) {
            throw new CaseFormatException(sourceName, check.problems());
        }
        check.fields(root, "$", List.of("format", "case", "status", "objective", "peers", "trades", "heatTrades", "solver"),
                List.of("network"));
        String format = check.string(root.get("format"), "$.format");
        if (format != null && !format.equals(ResultWriter.FORMAT)) {
            check.problem("$.format", "expected \"" + ResultWriter.FORMAT + "\", got \"" + format + "\"");
        }
        String caseName = check.string(root.get("case"), "$.case", "names");
        Status status = status(root.get("status"));
        Double objective = check.numberOrNull(root.get("objective"), "$.objective");
        List<ResultFile.PeerRow> peers = new ArrayList<>();
        forEachObject(root.get("peers"), "$.peers", (o, p) -> {
            check.fields(o, p, List.of("id", "power", "price"), List.of("heat"));
            String id = check.id(o.get("id"), p + ".id");
            Double power = check.numberOrNull(o.get("power"), p + ".power");
            Double heat = o.has("heat") ? check.numberOrNull(o.get("heat"), p + ".heat") : Double.valueOf(Double.NaN);
            Double price = check.numberOrNull(o.get("price"), p + ".price");
            if (id != null && power != null && heat != null && price != null) {
                peers.add(new ResultFile.PeerRow(id, power, heat, price));
            }
        });
        List<ResultFile.TradeRow> trades = trades(root.get("trades"), "$.trades", "power");
        List<ResultFile.TradeRow> heatTrades = trades(root.get("heatTrades"), "$.heatTrades", "heat");
        Optional<ResultFile.NetworkRow> network = root.has("network") ? network(root.get("network")) : Optional.empty();
        ResultFile.SolverRow solver = solver(root.get("solver"));
        if (!check.problems().isEmpty()) {
            throw new CaseFormatException(sourceName, check.problems());
        }
        return new ResultFile(caseName, status, objective, peers, trades, heatTrades, network, solver);
    }

    private Status status(JsonNode node) {
        String s = check.string(node, "$.status");
        if (s == null) {
            return null;
        }
        try {
            return Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            check.problem("$.status", "unknown status \"" + s + "\"; expected one of " + List.of(Status.values()));
            return null;
        }
    }

    private List<ResultFile.TradeRow> trades(JsonNode node, String path, String quantityKey) {
        List<ResultFile.TradeRow> out = new ArrayList<>();
        forEachObject(node, path, (o, p) -> {
            check.fields(o, p, List.of("seller", "buyer", quantityKey, "price"), List.of());
            String seller = check.id(o.get("seller"), p + ".seller");
            String buyer = check.id(o.get("buyer"), p + ".buyer");
            Double q = check.numberOrNull(o.get(quantityKey), p + "." + quantityKey);
            Double price = check.numberOrNull(o.get("price"), p + ".price");
            if (seller != null && buyer != null && q != null && price != null) {
                out.add(new ResultFile.TradeRow(seller, buyer, q, price));
            }
        });
        return out;
    }

    private Optional<ResultFile.NetworkRow> network(JsonNode node) {
        String path = "$.network";
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return Optional.empty();
        }
        check.fields(o, path, List.of("lineFlows", "lossesKw", "congestedLines", "penalizedLines"), List.of());
        List<ResultFile.LineFlowRow> flows = new ArrayList<>();
        forEachObject(o.get("lineFlows"), path + ".lineFlows", (l, p) -> {
            check.fields(l, p, List.of("id", "flowKw"), List.of("loadingPercent", "shadowPrice"));
            String id = check.id(l.get("id"), p + ".id");
            Double flow = check.numberOrNull(l.get("flowKw"), p + ".flowKw");
            Double loading = l.has("loadingPercent") ? check.numberOrNull(l.get("loadingPercent"), p + ".loadingPercent") : Double.valueOf(Double.NaN);
            Double shadow = l.has("shadowPrice") ? check.numberOrNull(l.get("shadowPrice"), p + ".shadowPrice") : Double.valueOf(Double.NaN);
            if (id != null && flow != null && loading != null && shadow != null) {
                flows.add(new ResultFile.LineFlowRow(id, flow, loading, shadow));
            }
        });
        Double losses = check.numberOrNull(o.get("lossesKw"), path + ".lossesKw");
        List<String> congested = strings(o.get("congestedLines"), path + ".congestedLines");
        List<String> penalized = strings(o.get("penalizedLines"), path + ".penalizedLines");
        return Optional.of(new ResultFile.NetworkRow(flows, losses == null ? Double.NaN : losses, congested, penalized));
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
        check.fields(o, path, List.of("name", "iterations", "seconds", "primalResidual", "dualResidual"), List.of());
        JsonNode nameNode = o.get("name");
        String name = nameNode == null || nameNode.isNull() ? null : check.string(nameNode, path + ".name");
        JsonNode itNode = o.get("iterations");
        Integer iterations = itNode == null || itNode.isNull() ? Integer.valueOf(0) : check.integer(itNode, path + ".iterations");
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

    private void forEachObject(JsonNode node, String path, java.util.function.BiConsumer<ObjectNode, String> action) {
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
