package org.gridbazaar.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Trade;

/**
 * Checks a {@link MarketResult} against its {@link Market}, at the level a user sees:
 *
 * <ul>
 *   <li>every trade runs from a peer that may sell to one that may buy, on a pair the trading rule
 *       allows ({@link Market#mayTrade}), with quantity {@code > 0}; heat trades only between peers
 *       with heat;
 *   <li>each peer's power (and heat) equals the sum of its signed trades and lies within its bounds
 *       (kW);
 *   <li>prices: when the seller is strictly inside its bounds (and has no CHP region), its marginal
 *       cost plus its own per-kW terms (preference, {@code alpha R}, {@code beta theta}) equals the
 *       trade's price; when the buyer is strictly inside its bounds, its marginal cost minus its
 *       own terms equals the price ($/kW).
 * </ul>
 *
 * Tolerances are relative: {@code tol} times the largest bound magnitude (kW) or times the price
 * scale (the largest of 1, {@code |b|}, {@code a} times the bound scale, and the per-kW terms).
 */
public final class ResultChecker {

    private ResultChecker() {}

    /**
     * Every violation, one line each naming the peer or trade and the amount; empty when the result
     * is consistent with the market. A result without solution gives one line.
     */
    public static List<String> violations(Market market, MarketResult result, double tol) {
        List<String> out = new ArrayList<>();
        if (!result.status().hasSolution()) {
            out.add("result has no solution (status " + result.status() + ")");
            return out;
        }
        List<Peer> peers = market.peers();
        if (result.peers().size() != peers.size()) {
            out.add(
                    "result lists "
                            + result.peers().size()
                            + " peers, the market has "
                            + peers.size());
            return out;
        }
        double scale = 1, priceScale = 1;
        for (Peer p : peers) {
            for (Injection s : sides(p)) {
                scale = Math.max(scale, Math.max(Math.abs(s.min()), Math.abs(s.max())));
            }
        }
        for (Peer p : peers) {
            for (Injection s : sides(p)) {
                priceScale =
                        Math.max(
                                priceScale, Math.max(Math.abs(s.cost().b()), s.cost().a() * scale));
            }
        }
        Terms terms = new Terms(market, result);
        priceScale = Math.max(priceScale, terms.max);
        double qTol = tol * scale, pTol = tol * priceScale;
        Map<PeerId, double[]> sums = new HashMap<>();
        checkTrades(market, result, result.trades(), false, terms, qTol, pTol, sums, out);
        checkTrades(market, result, result.heatTrades(), true, terms, qTol, pTol, sums, out);
        for (int i = 0; i < peers.size(); i++) {
            Peer p = peers.get(i);
            PeerOutcome o = result.peers().get(i);
            if (!o.id().equals(p.id())) {
                out.add("result peer " + i + " is " + o.id() + ", the market's is " + p.id());
                continue;
            }
            double[] s = sums.getOrDefault(p.id(), new double[2]);
            if (Math.abs(o.power() - s[0]) > qTol) {
                out.add(
                        "peer "
                                + p.id()
                                + ": power "
                                + o.power()
                                + " kW but its trades sum to "
                                + s[0]
                                + " kW");
            }
            bound(p, "power", o.power(), p.power(), qTol, out);
            if (p.heat() != null) {
                if (Math.abs(o.heat() - s[1]) > qTol) {
                    out.add(
                            "peer "
                                    + p.id()
                                    + ": heat "
                                    + o.heat()
                                    + " kW but its heat trades sum to "
                                    + s[1]
                                    + " kW");
                }
                bound(p, "heat", o.heat(), p.heat(), qTol, out);
            }
        }
        return out;
    }

    /** Asserts that {@link #violations} is empty, listing every violation in the message. */
    public static void assertConsistent(Market market, MarketResult result, double tol) {
        List<String> v = violations(market, result, tol);
        if (!v.isEmpty()) {
            throw new AssertionError(
                    "result of "
                            + market.name()
                            + " (solver "
                            + result.solver().solver()
                            + ") is inconsistent with the market (relative tol "
                            + tol
                            + "):\n  "
                            + String.join("\n  ", v));
        }
    }

    private static void checkTrades(
            Market market,
            MarketResult result,
            List<Trade> trades,
            boolean heat,
            Terms terms,
            double qTol,
            double pTol,
            Map<PeerId, double[]> sums,
            List<String> out) {
        String kind = heat ? "heat trade " : "trade ";
        int c = heat ? 1 : 0;
        for (Trade t : trades) {
            String where = kind + t.seller() + " -> " + t.buyer();
            Peer s = market.peer(t.seller()).orElse(null), b = market.peer(t.buyer()).orElse(null);
            if (s == null || b == null) {
                out.add(where + ": unknown peer");
                continue;
            }
            if (!s.role().canSell()) {
                out.add(where + ": seller is a " + s.role().caseName() + " and cannot sell");
            }
            if (!b.role().canBuy()) {
                out.add(where + ": buyer is a " + b.role().caseName() + " and cannot buy");
            }
            if (!market.mayTrade(s.id(), b.id())) {
                out.add(where + ": the trading rule does not allow this pair");
            }
            if (heat && (s.heat() == null || b.heat() == null)) {
                out.add(where + ": both sides of a heat trade need heat");
                continue;
            }
            if (!(t.quantity() > 0)) {
                out.add(where + ": quantity " + t.quantity() + " is not positive");
            }
            if (!Double.isFinite(t.price())) {
                out.add(where + ": price " + t.price() + " is not finite");
            }
            sums.computeIfAbsent(s.id(), k -> new double[2])[c] += t.quantity();
            sums.computeIfAbsent(b.id(), k -> new double[2])[c] -= t.quantity();
            PeerOutcome so = result.peer(s.id()).orElse(null),
                    bo = result.peer(b.id()).orElse(null);
            if (so == null || bo == null) {
                continue;
            }
            price(
                    where,
                    "seller",
                    s,
                    heat,
                    heat ? so.heat() : so.power(),
                    heat ? 0 : terms.of(s.id(), b.id()),
                    +1,
                    t.price(),
                    qTol,
                    pTol,
                    out);
            price(
                    where,
                    "buyer",
                    b,
                    heat,
                    heat ? bo.heat() : bo.power(),
                    heat ? 0 : terms.of(b.id(), s.id()),
                    -1,
                    t.price(),
                    qTol,
                    pTol,
                    out);
        }
    }

    /**
     * Seller: marginal + terms == price; buyer: marginal - terms == price; only strictly inside the
     * bounds.
     */
    private static void price(
            String where,
            String who,
            Peer p,
            boolean heat,
            double v,
            double terms,
            int sign,
            double price,
            double qTol,
            double pTol,
            List<String> out) {
        Injection side = heat ? p.heat() : p.power();
        if (p.chpRegion() != null || v <= side.min() + qTol || v >= side.max() - qTol) {
            return;
        }
        double marginal = side.cost().marginal(v);
        double expected = marginal + sign * terms;
        if (Math.abs(expected - price) > pTol) {
            out.add(
                    where
                            + ": price "
                            + price
                            + " $/kW but the "
                            + who
                            + " "
                            + p.id()
                            + " is inside its bounds with marginal cost "
                            + marginal
                            + (sign > 0 ? " + " : " - ")
                            + "its terms "
                            + terms
                            + " = "
                            + expected
                            + " $/kW");
        }
    }

    private static void bound(
            Peer p, String side, double v, Injection inj, double qTol, List<String> out) {
        if (v < inj.min() - qTol || v > inj.max() + qTol) {
            out.add(
                    "peer "
                            + p.id()
                            + ": "
                            + side
                            + " "
                            + v
                            + " kW outside ["
                            + inj.min()
                            + ", "
                            + inj.max()
                            + "]");
        }
    }

    private static List<Injection> sides(Peer p) {
        return p.heat() == null ? List.of(p.power()) : List.of(p.power(), p.heat());
    }

    /**
     * The per-kW terms each side pays on a power trade: preference, resistance and congestion
     * penalty.
     */
    static final class Terms {
        private final Market market;
        private final RadialFeeder feeder;
        private final RadialFeeder.LineSetIndicator theta;
        private final ResistancePenalty resistance;
        private final CongestionPenalty congestion;
        final double max;

        /**
         * The terms of {@code market}; with {@code "auto"} congestion lines, the lines the result
         * says the penalty used ({@code penalizedLines}), else none.
         */
        Terms(Market market, MarketResult result) {
            this.market = market;
            this.feeder = market.network().map(RadialFeeder::of).orElse(null);
            this.resistance = market.resistancePenalty().orElse(null);
            this.congestion = market.congestionPenalty().orElse(null);
            java.util.Collection<String> lines =
                    congestion == null
                            ? List.of()
                            : congestion.autoLines()
                                    ? result.network()
                                            .map(NetworkOutcome::penalizedLines)
                                            .orElse(List.of())
                                    : congestion.lines();
            this.theta = feeder != null && congestion != null ? feeder.indicator(lines) : null;
            double m = 0;
            for (var p : market.preferences()) {
                m = Math.max(m, Math.abs(p.cost()));
            }
            if (feeder != null) {
                double maxR = 0;
                for (int u = 0; u < feeder.busCount(); u++) {
                    maxR = Math.max(maxR, feeder.resistanceToRoot(u));
                }
                for (Peer p : market.peers()) {
                    double alpha = resistance == null ? 0 : resistance.alphaOf(p.id());
                    double beta = congestion == null ? 0 : congestion.betaOf(p.id());
                    m = Math.max(m, 2 * alpha * maxR + beta);
                }
            }
            this.max = m;
        }

        /** What {@code peer} pays per kW on its power trades with {@code partner}, $/kW. */
        double of(PeerId peer, PeerId partner) {
            double t = market.preferenceCost(peer, partner);
            if (feeder != null) {
                int u = feeder.bus(market.peer(peer).orElseThrow().bus());
                int v = feeder.bus(market.peer(partner).orElseThrow().bus());
                if (resistance != null) {
                    t += resistance.alphaOf(peer) * feeder.pathResistance(u, v);
                }
                if (theta != null && theta.crosses(u, v)) {
                    t += congestion.betaOf(peer);
                }
            }
            return t;
        }
    }
}
