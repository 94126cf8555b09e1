package org.gridbazaar.result;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.gridbazaar.model.PeerId;

/**
 * The outcome of clearing a market: status, objective, set-points, trades and prices keyed by peer
 * ids. See the package documentation for signs and price conventions.
 *
 * <p>Immutable. Look-ups by peer id ({@link #peer}, {@link #power}, {@link #peerPrice}, {@link
 * #traded}, {@link #tradePrice}) take constant time: the first one builds hash indices over the
 * peers and trades (linear in their number), later ones reuse them.
 */
public final class MarketResult {

    private final String caseName;
    private final Termination termination;
    private final double objective;
    private final List<PeerOutcome> peers;
    private final List<Trade> trades;
    private final List<Trade> heatTrades;
    private final Optional<NetworkOutcome> network;
    private final SolverStats solver;

    /** Built on first look-up; a benign race builds equal copies. */
    private volatile Index index;

    /**
     * @param caseName the market's name
     * @param status why the solver stopped
     * @param objective total cost in $ (all peers' costs with constants, penalties and preference
     *     costs); {@code NaN} when there is no solution
     * @param peers set-points, in the market's peer order (empty without a solution)
     * @param trades power trades, each once from seller to buyer
     * @param heatTrades heat trades, each once from seller to buyer
     * @param network network quantities, when the market has a network and a solution
     * @param solver solver statistics
     */
    public MarketResult(
            String caseName,
            Status status,
            double objective,
            List<PeerOutcome> peers,
            List<Trade> trades,
            List<Trade> heatTrades,
            Optional<NetworkOutcome> network,
            SolverStats solver) {
        this(caseName, status, objective, peers, trades, heatTrades, network, solver, "");
    }

    /**
     * A result whose termination is implied by {@code status}, with {@code message} saying why the
     * solver stopped in words (for example what failed numerically); other parameters as above.
     */
    public MarketResult(
            String caseName,
            Status status,
            double objective,
            List<PeerOutcome> peers,
            List<Trade> trades,
            List<Trade> heatTrades,
            Optional<NetworkOutcome> network,
            SolverStats solver,
            String message) {
        this(
                caseName,
                Termination.of(Objects.requireNonNull(status, "status"), !peers.isEmpty(), message),
                objective,
                peers,
                trades,
                heatTrades,
                network,
                solver);
    }

    /**
     * A result with the full account of why the solver stopped; {@link #status()} is {@code
     * termination.status()}. Other parameters as in the other constructor.
     */
    public MarketResult(
            String caseName,
            Termination termination,
            double objective,
            List<PeerOutcome> peers,
            List<Trade> trades,
            List<Trade> heatTrades,
            Optional<NetworkOutcome> network,
            SolverStats solver) {
        this.caseName = caseName;
        this.termination = Objects.requireNonNull(termination, "termination");
        this.objective = objective;
        this.peers = List.copyOf(peers);
        this.trades = List.copyOf(trades);
        this.heatTrades = List.copyOf(heatTrades);
        this.network = Objects.requireNonNull(network, "network");
        this.solver = solver;
    }

    /** The market's name. */
    public String caseName() {
        return caseName;
    }

    /** Why the solver stopped, in the case format's terms ({@code termination().status()}). */
    public Status status() {
        return termination.status();
    }

    /** Why the solver stopped and what the returned point is. */
    public Termination termination() {
        return termination;
    }

    /**
     * Why the solver stopped, in words ({@code termination().detail()}); empty when there is
     * nothing to add.
     */
    public String message() {
        return termination.detail();
    }

    /** Total cost in $; {@code NaN} when there is no solution (see {@link #objectiveValue()}). */
    public double objective() {
        return objective;
    }

    /** Set-points, in the market's peer order (empty without a solution). */
    public List<PeerOutcome> peers() {
        return peers;
    }

    /** Power trades, each once from seller to buyer. */
    public List<Trade> trades() {
        return trades;
    }

    /** Heat trades, each once from seller to buyer. */
    public List<Trade> heatTrades() {
        return heatTrades;
    }

    /** Network quantities, when the market has a network and a solution. */
    public Optional<NetworkOutcome> network() {
        return network;
    }

    /** Solver statistics. */
    public SolverStats solver() {
        return solver;
    }

    /** The objective, absent when there is no solution. */
    public OptionalDouble objectiveValue() {
        return Double.isNaN(objective) ? OptionalDouble.empty() : OptionalDouble.of(objective);
    }

    /** The outcome of one peer. */
    public Optional<PeerOutcome> peer(PeerId id) {
        return Optional.ofNullable(index().peers.get(id));
    }

    /** A peer's net power injection, kW. */
    public double power(String id) {
        return required(id).power();
    }

    /** A peer's marginal cost at its set-point, $/kW. */
    public double peerPrice(String id) {
        return required(id).price();
    }

    /**
     * The power {@code P_ij} that {@code i} sells to {@code j} (negative when it buys), kW; 0 when
     * they do not trade.
     */
    public double traded(String i, String j) {
        Index x = index();
        PeerId a = PeerId.of(i), b = PeerId.of(j);
        return x.quantity(a, b) - x.quantity(b, a);
    }

    /** The price of the trade between {@code seller} and {@code buyer}, if they trade. */
    public OptionalDouble tradePrice(String seller, String buyer) {
        Trade t = index().first.get(new Key(PeerId.of(seller), PeerId.of(buyer)));
        return t == null ? OptionalDouble.empty() : OptionalDouble.of(t.price());
    }

    private PeerOutcome required(String id) {
        PeerOutcome p = index().peers.get(PeerId.of(id));
        if (p == null) {
            throw new IllegalArgumentException("no peer " + id + " in the result");
        }
        return p;
    }

    private Index index() {
        Index x = index;
        if (x == null) {
            x = new Index(peers, trades);
            index = x;
        }
        return x;
    }

    private record Key(PeerId seller, PeerId buyer) {}

    /** Hash indices over peers and trades. */
    private static final class Index {
        final Map<PeerId, PeerOutcome> peers;

        /** The first trade of each ordered pair, for its price. */
        final Map<Key, Trade> first;

        /** The summed quantity of each ordered pair (a pair may be listed more than once). */
        final Map<Key, Double> quantity;

        Index(List<PeerOutcome> peerList, List<Trade> tradeList) {
            peers = new HashMap<>(2 * peerList.size());
            for (PeerOutcome p : peerList) {
                peers.putIfAbsent(p.id(), p);
            }
            first = new HashMap<>(2 * tradeList.size());
            quantity = new HashMap<>(2 * tradeList.size());
            for (Trade t : tradeList) {
                Key k = new Key(t.seller(), t.buyer());
                first.putIfAbsent(k, t);
                quantity.merge(k, t.quantity(), Double::sum);
            }
        }

        double quantity(PeerId seller, PeerId buyer) {
            Double q = quantity.get(new Key(seller, buyer));
            return q == null ? 0 : q;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MarketResult)) {
            return false;
        }
        MarketResult r = (MarketResult) o;
        return Objects.equals(caseName, r.caseName)
                && termination.equals(r.termination)
                && Double.compare(objective, r.objective) == 0
                && peers.equals(r.peers)
                && trades.equals(r.trades)
                && heatTrades.equals(r.heatTrades)
                && network.equals(r.network)
                && Objects.equals(solver, r.solver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                caseName, termination, objective, peers, trades, heatTrades, network, solver);
    }

    @Override
    public String toString() {
        return "MarketResult["
                + caseName
                + ", "
                + termination.status()
                + ", objective "
                + objective
                + ", "
                + peers.size()
                + " peers, "
                + trades.size()
                + " trades, "
                + heatTrades.size()
                + " heat trades]";
    }
}
