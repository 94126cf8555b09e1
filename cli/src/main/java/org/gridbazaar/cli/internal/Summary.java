package org.gridbazaar.cli.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Termination;
import org.gridbazaar.result.Trade;

/**
 * The human-readable summary of a cleared market printed by {@code gridbazaar solve}: status and
 * solver statistics, a peers table, the trade matrix with sellers in rows and buyers in columns (as
 * Table 12.1 of the seed), a heat matrix when there are heat trades, and the network.
 */
public final class Summary {

    /** Above this many sellers or buyers, trades are listed instead of shown as a matrix. */
    public static final int MAX_MATRIX = 25;

    /** How many of the largest trades are listed for a large market. */
    public static final int LARGEST_TRADES = 20;

    /** Peers table rows shown at most; the rest are in the result file. */
    public static final int MAX_PEER_ROWS = 100;

    private Summary() {}

    /** The summary's lines. */
    public static List<String> lines(Market market, MarketResult result) {
        List<String> out = new ArrayList<>();
        out.add("case:      " + result.caseName() + " (" + describe(market) + ")");
        statusLines(result.termination(), result.objective(), result.solver(), out);
        if (Double.isNaN(result.objective()) || result.peers().isEmpty()) {
            return out;
        }
        out.add("");
        peers(market, result, out);
        trades(market, "power trades, kW", result.trades(), out);
        if (!result.heatTrades().isEmpty()) {
            trades(market, "heat trades, kW thermal", result.heatTrades(), out);
        }
        result.network().ifPresent(n -> network(n, out));
        acPowerFlow(result, out);
        return out;
    }

    /** AC losses and bus voltages of the set-points, as computed with the result. */
    private static void acPowerFlow(MarketResult result, List<String> out) {
        org.gridbazaar.result.AcOutcome ac =
                result.network().flatMap(n -> n.acPowerFlow()).orElse(null);
        if (ac == null) {
            return;
        }
        if (!ac.converged()) {
            out.add("  AC power flow:   did not converge (beyond the feeder's loadability?)");
            return;
        }
        out.add(
                "  AC power flow:   losses "
                        + String.format(
                                Locale.ROOT, "%.2f kW, %.2f kvar", ac.lossesKw(), ac.lossesKvar())
                        + String.format(
                                Locale.ROOT,
                                "; voltage %.4f-%.4f p.u. (min at %s)",
                                ac.minVoltagePu(),
                                ac.maxVoltagePu(),
                                ac.minVoltageBus()));
        out.add(
                String.format(
                                Locale.ROOT,
                                "  voltage violations (outside %.2f-%.2f p.u.): ",
                                org.gridbazaar.result.AcOutcome.MIN_VOLTAGE_PU,
                                org.gridbazaar.result.AcOutcome.MAX_VOLTAGE_PU)
                        + (ac.voltageViolations().isEmpty()
                                ? "none"
                                : String.join(", ", ac.voltageViolations())));
    }

    /** One line describing a market: peers by role, heat, network. */
    public static String describe(Market market) {
        Map<String, Integer> roles = new LinkedHashMap<>();
        market.peers().forEach(p -> roles.merge(p.role().caseName() + "s", 1, Integer::sum));
        StringBuilder sb = new StringBuilder(market.peers().size() + " peers");
        if (!roles.isEmpty()) {
            List<String> parts = new ArrayList<>();
            roles.forEach(
                    (role, n) ->
                            parts.add(
                                    n
                                            + " "
                                            + (n == 1
                                                    ? role.substring(0, role.length() - 1)
                                                    : role)));
            sb.append(": ").append(String.join(", ", parts));
        }
        long heat = market.peers().stream().filter(p -> p.heat() != null).count();
        if (heat > 0) {
            sb.append("; ").append(heat).append(" with heat");
        }
        market.network()
                .ifPresent(
                        n ->
                                sb.append("; network of ")
                                        .append(n.lines().size())
                                        .append(" lines, ")
                                        .append(n.buses().size())
                                        .append(" buses"));
        return sb.toString();
    }

    private static void peers(Market market, MarketResult result, List<String> out) {
        boolean heat = result.peers().stream().anyMatch(PeerOutcome::hasHeat);
        List<String> headers = new ArrayList<>(List.of("peer", "role", "power kW", "price $/kW"));
        if (heat) {
            headers.add("heat kW");
            headers.add("heat price");
        }
        TextTable t = new TextTable(headers, 2);
        int shown = 0;
        for (PeerOutcome p : result.peers()) {
            if (shown++ == MAX_PEER_ROWS) {
                break;
            }
            List<String> row =
                    new ArrayList<>(
                            List.of(
                                    p.id().value(),
                                    market.peer(p.id()).map(x -> x.role().caseName()).orElse("?"),
                                    kw(p.power()),
                                    price(p.price())));
            if (heat) {
                row.add(p.hasHeat() ? kw(p.heat()) : "");
                row.add(p.hasHeat() ? price(p.heatPrice()) : "");
            }
            t.row(row);
        }
        out.add("peers (power > 0 sells, < 0 buys):");
        out.addAll(t.lines("  "));
        if (result.peers().size() > MAX_PEER_ROWS) {
            out.add(
                    "  ... and "
                            + (result.peers().size() - MAX_PEER_ROWS)
                            + " more peers (see the result file)");
        }
    }

    private static void trades(Market market, String title, List<Trade> trades, List<String> out) {
        out.add("");
        if (trades.isEmpty()) {
            out.add(title + ": none");
            return;
        }
        Comparator<PeerId> marketOrder = Comparator.comparingInt(market::indexOf);
        Set<PeerId> sellers = new TreeSet<>(marketOrder);
        Set<PeerId> buyers = new TreeSet<>(marketOrder);
        Map<List<PeerId>, Double> amount = new LinkedHashMap<>();
        for (Trade t : trades) {
            sellers.add(t.seller());
            buyers.add(t.buyer());
            amount.merge(List.of(t.seller(), t.buyer()), t.quantity(), Double::sum);
        }
        if (sellers.size() > MAX_MATRIX || buyers.size() > MAX_MATRIX) {
            int n = Math.min(LARGEST_TRADES, trades.size());
            out.add(
                    title
                            + ": "
                            + trades.size()
                            + " trades among "
                            + sellers.size()
                            + " sellers and "
                            + buyers.size()
                            + " buyers, too many for a matrix (more than "
                            + MAX_MATRIX
                            + " sellers or buyers); the "
                            + n
                            + " largest:");
            TextTable t = new TextTable(List.of("seller", "buyer", "quantity", "price $/kW"), 2);
            trades.stream()
                    .sorted(Comparator.comparingDouble(Trade::quantity).reversed())
                    .limit(n)
                    .forEach(
                            tr ->
                                    t.row(
                                            List.of(
                                                    tr.seller().value(),
                                                    tr.buyer().value(),
                                                    kw(tr.quantity()),
                                                    price(tr.price()))));
            out.addAll(t.lines("  "));
            return;
        }
        out.add(title + " (sellers in rows, buyers in columns):");
        List<String> headers = new ArrayList<>();
        headers.add("");
        buyers.forEach(b -> headers.add(b.value()));
        TextTable t = new TextTable(headers);
        for (PeerId s : sellers) {
            List<String> row = new ArrayList<>();
            row.add(s.value());
            for (PeerId b : buyers) {
                Double q = amount.get(List.of(s, b));
                row.add(q == null ? "-" : kw(q));
            }
            t.row(row);
        }
        out.addAll(t.lines("  "));
    }

    private static void network(NetworkOutcome n, List<String> out) {
        out.add("");
        out.add("network (flow > 0 from the line's from-bus to its to-bus):");
        boolean limits = n.lineFlows().stream().anyMatch(LineFlow::hasShadowPrice);
        TextTable t =
                new TextTable(
                        limits
                                ? List.of("line", "flow kW", "loading %", "shadow $/kW")
                                : List.of("line", "flow kW", "loading %"));
        for (LineFlow f : n.lineFlows()) {
            String loading =
                    Double.isNaN(f.loadingPercent())
                            ? ""
                            : String.format(Locale.ROOT, "%.1f", f.loadingPercent());
            t.row(
                    limits
                            ? List.of(
                                    f.lineId(),
                                    kw(f.flowKw()),
                                    loading,
                                    f.hasShadowPrice() ? price(f.shadowPrice()) : "")
                            : List.of(f.lineId(), kw(f.flowKw()), loading));
        }
        out.addAll(t.lines("  "));
        out.add("  losses:          " + String.format(Locale.ROOT, "%.2f kW", n.lossesKw()));
        out.add(
                "  congested lines: "
                        + (n.congestedLines().isEmpty()
                                ? "none"
                                : String.join(", ", n.congestedLines())));
        out.add(
                "  penalized lines: "
                        + (n.penalizedLines().isEmpty()
                                ? "none"
                                : String.join(", ", n.penalizedLines())));
        if (limits) {
            out.add(
                    "  line capacities enforced as hard limits; shadow price > 0 when binding from-bus -> to-bus");
        }
    }

    /**
     * The status, the reason when it is not plain, why the solver stopped when it is not optimal,
     * the objective ($, or none) and the solver's statistics: the head of every summary.
     */
    static void statusLines(Termination t, double objective, SolverStats s, List<String> out) {
        boolean sayReason =
                t.reason() != Termination.Reason.OPTIMAL
                        && !t.reason().name().equals(t.status().name());
        out.add(
                "status:    "
                        + t.status()
                        + (sayReason
                                ? " ("
                                        + t.reason()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' ')
                                        + ")"
                                : ""));
        if (t.status() != org.gridbazaar.result.Status.OPTIMAL && !t.detail().isEmpty()) {
            out.add("why:       " + t.detail());
        }
        out.add(
                "objective: "
                        + (Double.isNaN(objective)
                                ? "none (no solution)"
                                : money(objective) + " $"));
        if (s != null) {
            out.add(
                    "solver:    "
                            + s.solver()
                            + ", "
                            + s.iterations()
                            + " iterations, "
                            + String.format(Locale.ROOT, "%.3f s", s.seconds())
                            + ", primal residual "
                            + sci(s.primalResidual())
                            + ", dual residual "
                            + sci(s.dualResidual()));
        }
    }

    private static String kw(double v) {
        return Double.isNaN(v)
                ? "n/a"
                : String.format(Locale.ROOT, "%.1f", Math.abs(v) < 0.05 ? 0.0 : v);
    }

    private static String price(double v) {
        return Double.isNaN(v)
                ? "n/a"
                : String.format(Locale.ROOT, "%.2f", Math.abs(v) < 0.005 ? 0.0 : v);
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String sci(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1e", v);
    }
}
