package org.gridbazaar.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.gridbazaar.model.PeerId;

/**
 * The outcome of clearing a market: status, objective, set-points, trades and prices keyed by
 * peer ids. See the package documentation for signs and price conventions.
 *
 * @param caseName   the market's name
 * @param status     why the solver stopped
 * @param objective  total cost in $ (all peers' costs with constants, penalties and preference
 *                   costs); {@code NaN} when there is no solution
 * @param peers      set-points, in the market's peer order (empty without a solution)
 * @param trades     power trades, each once from seller to buyer
 * @param heatTrades heat trades, each once from seller to buyer
 * @param network    network quantities, when the market has a network and a solution
 * @param solver     solver statistics
 * @param message    why the solver stopped, in words (for example what failed numerically); empty
 *                   when there is nothing to add to the status
 */
public record MarketResult(String caseName, Status status, double objective, List<PeerOutcome> peers,
                           List<Trade> trades, List<Trade> heatTrades, Optional<NetworkOutcome> network,
                           SolverStats solver, String message) {

    public MarketResult {
        Objects.requireNonNull(status, "status");
        peers = List.copyOf(peers);
        trades = List.copyOf(trades);
        heatTrades = List.copyOf(heatTrades);
        Objects.requireNonNull(network, "network");
        message = message == null ? "" : message;
    }

    /** A result with no message (see {@link #message()}). */
    public MarketResult(String caseName, Status status, double objective, List<PeerOutcome> peers,
                        List<Trade> trades, List<Trade> heatTrades, Optional<NetworkOutcome> network,
                        SolverStats solver) {
        this(caseName, status, objective, peers, trades, heatTrades, network, solver, "");
    }

    /** The objective, absent when there is no solution. */
    public OptionalDouble objectiveValue() {
        return Double.isNaN(objective) ? OptionalDouble.empty() : OptionalDouble.of(objective);
    }

    /** The outcome of one peer. */
    public Optional<PeerOutcome> peer(PeerId id) {
        return peers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** A peer's net power injection, kW. */
    public double power(String id) {
        return peer(PeerId.of(id)).orElseThrow(() -> new IllegalArgumentException("no peer " + id + " in the result")).power();
    }

    /** A peer's marginal cost at its set-point, $/kW. */
    public double peerPrice(String id) {
        return peer(PeerId.of(id)).orElseThrow(() -> new IllegalArgumentException("no peer " + id + " in the result")).price();
    }

    /** The power {@code P_ij} that {@code i} sells to {@code j} (negative when it buys), kW; 0 when they do not trade. */
    public double traded(String i, String j) {
        PeerId a = PeerId.of(i), b = PeerId.of(j);
        double sum = 0;
        for (Trade t : trades) {
            if (t.seller().equals(a) && t.buyer().equals(b)) {
                sum += t.quantity();
            } else if (t.seller().equals(b) && t.buyer().equals(a)) {
                sum -= t.quantity();
            }
        }
        return sum;
    }

    /** The price of the trade between {@code seller} and {@code buyer}, if they trade. */
    public OptionalDouble tradePrice(String seller, String buyer) {
        PeerId a = PeerId.of(seller), b = PeerId.of(buyer);
        return trades.stream().filter(t -> t.seller().equals(a) && t.buyer().equals(b))
                .mapToDouble(Trade::price).findFirst();
    }
}
