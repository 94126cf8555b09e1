package org.gridbazaar.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.io.internal.JsonOut;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Trade;

/**
 * Writes a clearing result as a result file ({@code p2p-market-result/1}, see
 * the project's case-format specification ({@code case-format.md})) with exactly the specification's fields,
 * plus a line's {@code shadowPrice} (an extension, see {@code docs/case-format-extensions.md}) where the
 * result has one.
 *
 * <p>Without a solution (the objective is {@code NaN}, e.g. status {@code INFEASIBLE}) the
 * {@code objective} is {@code null} and {@code peers}, {@code trades} and {@code heatTrades} are
 * empty, and no {@code network} is written. A peer's {@code heat} is written only for peers with a
 * heat side; {@code network} only when the result has one, with {@code loadingPercent} only for
 * lines with a capacity and {@code shadowPrice} ($/kW) only for lines whose {@link LineFlow#shadowPrice()}
 * is not {@code NaN} (capacities enforced as hard constraints), so a result without shadow prices is
 * written exactly as before the extension. Any other non-finite number is written as {@code null}.
 */
public final class ResultWriter {

    /** The value of {@code format} in every result file. */
    public static final String FORMAT = "p2p-market-result/1";

    private ResultWriter() {
    }

    /** The result file text of {@code result}. */
    public static String write(MarketResult result) {
        ObjectNode root = JsonOut.object();
        root.put("format", FORMAT);
        root.put("case", result.caseName());
        root.put("status", result.status().name());
        boolean solved = !Double.isNaN(result.objective());
        root.set("objective", JsonOut.number(result.objective()));
        ArrayNode peers = root.putArray("peers");
        ArrayNode trades = root.putArray("trades");
        ArrayNode heatTrades = root.putArray("heatTrades");
        if (solved) {
            for (PeerOutcome p : result.peers()) {
                ObjectNode o = peers.addObject();
                o.put("id", p.id().value());
                o.set("power", JsonOut.number(p.power()));
                if (p.hasHeat()) {
                    o.set("heat", JsonOut.number(p.heat()));
                }
                o.set("price", JsonOut.number(p.price()));
            }
            trades(trades, result.trades(), "power");
            trades(heatTrades, result.heatTrades(), "heat");
            result.network().ifPresent(n -> root.set("network", network(n)));
        }
        root.set("solver", solver(result.solver()));
        return JsonOut.print(root);
    }

    /** Writes the result file of {@code result} to {@code file} (UTF-8), replacing it if it exists. */
    public static void write(MarketResult result, Path file) {
        try {
            Files.writeString(file, write(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void trades(ArrayNode out, List<Trade> trades, String quantityKey) {
        for (Trade t : trades) {
            ObjectNode o = out.addObject();
            o.put("seller", t.seller().value());
            o.put("buyer", t.buyer().value());
            o.set(quantityKey, JsonOut.number(t.quantity()));
            o.set("price", JsonOut.number(t.price()));
        }
    }

    private static ObjectNode network(NetworkOutcome n) {
        ObjectNode o = JsonOut.object();
        ArrayNode flows = o.putArray("lineFlows");
        for (LineFlow f : n.lineFlows()) {
            ObjectNode line = flows.addObject();
            line.put("id", f.lineId());
            line.set("flowKw", JsonOut.number(f.flowKw()));
            if (!Double.isNaN(f.loadingPercent())) {
                line.set("loadingPercent", JsonOut.number(f.loadingPercent()));
            }
            if (f.hasShadowPrice()) {
                line.set("shadowPrice", JsonOut.number(f.shadowPrice()));
            }
        }
        o.set("lossesKw", JsonOut.number(n.lossesKw()));
        ArrayNode congested = o.putArray("congestedLines");
        n.congestedLines().forEach(congested::add);
        ArrayNode penalized = o.putArray("penalizedLines");
        n.penalizedLines().forEach(penalized::add);
        return o;
    }

    private static ObjectNode solver(SolverStats s) {
        ObjectNode o = JsonOut.object();
        if (s == null) {
            o.putNull("name");
            o.putNull("iterations");
            o.putNull("seconds");
            o.putNull("primalResidual");
            o.putNull("dualResidual");
            return o;
        }
        o.put("name", s.solver());
        o.put("iterations", s.iterations());
        o.set("seconds", JsonOut.number(s.seconds()));
        o.set("primalResidual", JsonOut.number(s.primalResidual()));
        o.set("dualResidual", JsonOut.number(s.dualResidual()));
        return o;
    }
}
