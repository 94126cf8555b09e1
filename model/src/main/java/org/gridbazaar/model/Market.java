package org.gridbazaar.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gridbazaar.grid.PowerFactor;

/**
 * An immutable peer-to-peer market at one time step: peers, who may trade with whom, product
 * preferences, and optionally a radial network with loss and congestion penalties.
 *
 * <p>Built only through {@link #builder(String)}, whose {@link Builder#build()} validates
 * everything and reports every violation at once ({@link InvalidMarketException}). The market
 * minimises the sum of all peers' costs plus all penalties and preference costs, subject to every
 * peer's bounds, the trading rules and reciprocity {@code P_ij + P_ji = 0} (and {@code H_ij + H_ji = 0}).
 * Change a market for a new solve with {@link #toBuilder()}.
 *
 * <p>Each peer may carry a {@link PowerFactor} ({@link #powerFactor(PeerId)}, unity unless given),
 * which only the AC power flow uses to derive the peer's reactive power from its active power; the
 * market clearing itself is in active power and ignores it.
 */
public final class Market {

    private final String name;
    private final String description;
    private final List<Peer> peers;
    private final Map<PeerId, Integer> index;
    private final Trading trading;
    private final List<Preference> preferences;
    private final Network network;
    private final ResistancePenalty resistancePenalty;
    private final CongestionPenalty congestionPenalty;
    private final Map<PeerId, PowerFactor> powerFactors;

    private Market(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.peers = List.copyOf(b.peers);
        Map<PeerId, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < peers.size(); i++) {
            idx.put(peers.get(i).id(), i);
        }
        this.index = Collections.unmodifiableMap(idx);
        this.trading = b.trading;
        this.preferences = List.copyOf(b.preferences);
        this.network = b.network;
        this.resistancePenalty = b.resistancePenalty;
        this.congestionPenalty = b.congestionPenalty;
        Map<PeerId, PowerFactor> pf = new LinkedHashMap<>();
        for (Peer p : peers) {
            PowerFactor f = b.powerFactors.get(p.id());
            if (f != null && !isUnity(f)) {
                pf.put(p.id(), f);
            }
        }
        this.powerFactors = Collections.unmodifiableMap(pf);
    }

    /** Unity in either sense: no reactive power. */
    private static boolean isUnity(PowerFactor f) {
        return f.value() == 1.0;
    }

    /** A builder for a market called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder pre-filled with this market, for a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name).description(description).trading(trading);
        b.peers.addAll(peers);
        b.preferences.addAll(preferences);
        b.network = network;
        b.resistancePenalty = resistancePenalty;
        b.congestionPenalty = congestionPenalty;
        b.powerFactors.putAll(powerFactors);
        return b;
    }

    /** The market's name. */
    public String name() {
        return name;
    }

    /** Free-text description, possibly empty. */
    public String description() {
        return description;
    }

    /** The peers in declaration order. */
    public List<Peer> peers() {
        return peers;
    }

    /** The peer with this id. */
    public Optional<Peer> peer(PeerId id) {
        Integer i = index.get(id);
        return i == null ? Optional.empty() : Optional.of(peers.get(i));
    }

    /** The position of a peer in {@link #peers()}, or -1. */
    public int indexOf(PeerId id) {
        return index.getOrDefault(id, -1);
    }

    /** Who may trade with whom. */
    public Trading trading() {
        return trading;
    }

    /** Product-differentiation preferences. */
    public List<Preference> preferences() {
        return preferences;
    }

    /** The network, if the market is grid-aware. */
    public Optional<Network> network() {
        return Optional.ofNullable(network);
    }

    /** The resistance-based loss penalty, if any. */
    public Optional<ResistancePenalty> resistancePenalty() {
        return Optional.ofNullable(resistancePenalty);
    }

    /** The congestion penalty, if any. */
    public Optional<CongestionPenalty> congestionPenalty() {
        return Optional.ofNullable(congestionPenalty);
    }

    /**
     * The power factor of peer {@code id}: the one given through {@link Builder#powerFactor(String, PowerFactor)},
     * or {@link PowerFactor#UNITY} (no reactive power) when none was given, a unity one was given, or
     * the market has no such peer. Sign convention: see {@link PowerFactor} (lagging = reactive power
     * with the sign of active power).
     */
    public PowerFactor powerFactor(PeerId id) {
        return powerFactors.getOrDefault(id, PowerFactor.UNITY);
    }

    /**
     * The peers whose power factor is not unity, with their power factors, in peer declaration
     * order (unmodifiable). Every other peer has {@link PowerFactor#UNITY}; a factor of 1 given in
     * either sense is unity and not listed.
     */
    public Map<PeerId, PowerFactor> powerFactors() {
        return powerFactors;
    }

    /** Whether any peer has a heat side. */
    public boolean hasHeat() {
        return peers.stream().anyMatch(p -> p.heat() != null);
    }

    /**
     * Whether peers {@code i} and {@code j} may trade under the trading rule (roles included).
     * Pairs are unordered.
     */
    public boolean mayTrade(PeerId i, PeerId j) {
        if (i.equals(j)) {
            return false;
        }
        Optional<Peer> pi = peer(i);
        Optional<Peer> pj = peer(j);
        if (pi.isEmpty() || pj.isEmpty() || !pi.get().role().canTradeWith(pj.get().role())) {
            return false;
        }
        if (trading instanceof Trading.Pairs pairs) {
            return allowedPairs().contains(new PeerPair(i, j));
        }
        return true;
    }

    private volatile Set<PeerPair> allowedPairsCache;

    private Set<PeerPair> allowedPairs() {
        Set<PeerPair> s = allowedPairsCache;
        if (s == null && trading instanceof Trading.Pairs pairs) {
            s = Set.copyOf(pairs.asSet());
            allowedPairsCache = s;
        }
        return s;
    }

    /**
     * The preference cost {@code peer} pays per kW on trades with {@code partner} ($/kW), 0 if none.
     */
    public double preferenceCost(PeerId peer, PeerId partner) {
        for (Preference p : preferences) {
            if (p.peer().equals(peer) && p.partner().equals(partner)) {
                return p.cost();
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "Market[" + name + ", " + peers.size() + " peers" + (network != null ? ", " + network.lines().size() + " lines" : "") + "]";
    }

    /**
     * Declares a market. Every method returns this builder; {@link #build()} validates the whole
     * market and either returns it or throws {@link InvalidMarketException} listing every problem.
     */
    public static final class Builder {
        private String name;
        private String description = "";
        private final List<Peer> peers = new ArrayList<>();
        private Trading trading = Trading.oppositeRoles();
        private final List<Preference> preferences = new ArrayList<>();
        private Network network;
        private ResistancePenalty resistancePenalty;
        private CongestionPenalty congestionPenalty;
        private final Map<PeerId, PowerFactor> powerFactors = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Renames the market. */
        public Builder name(String newName) {
            this.name = newName;
            return this;
        }

        /** Free-text description. */
        public Builder description(String text) {
            this.description = text == null ? "" : text;
            return this;
        }

        /** Adds a peer. */
        public Builder peer(Peer peer) {
            peers.add(Objects.requireNonNull(peer, "peer"));
            return this;
        }

        /** Replaces the peer with the same id (it must exist), keeping its position. */
        public Builder replacePeer(Peer peer) {
            for (int i = 0; i < peers.size(); i++) {
                if (peers.get(i).id().equals(peer.id())) {
                    peers.set(i, peer);
                    return this;
                }
            }
            throw new IllegalArgumentException("no peer " + peer.id() + " to replace");
        }

        /** Adds a producer selling between {@code min} and {@code max} kW ({@code 0 <= min <= max}). */
        public Builder producer(String id, double min, double max, QuadraticCost cost) {
            return peer(Peer.of(id, Role.PRODUCER, min, max, cost));
        }

        /** Adds a consumer buying: {@code min <= max <= 0} kW (negative is withdrawal). */
        public Builder consumer(String id, double min, double max, QuadraticCost cost) {
            return peer(Peer.of(id, Role.CONSUMER, min, max, cost));
        }

        /** Adds a prosumer with net injection between {@code min} and {@code max} kW. */
        public Builder prosumer(String id, double min, double max, QuadraticCost cost) {
            return peer(Peer.of(id, Role.PROSUMER, min, max, cost));
        }

        /** Sets the trading rule (default: {@link Trading#oppositeRoles()}). */
        public Builder trading(Trading rule) {
            this.trading = Objects.requireNonNull(rule, "trading");
            return this;
        }

        /** Allows trades only on the given pairs. */
        public Builder tradingPairs(List<PeerPair> pairs) {
            return trading(Trading.pairs(pairs));
        }

        /** {@code peer} pays {@code cost} $/kW on its trades with {@code partner}. */
        public Builder preference(String peer, String partner, double cost) {
            preferences.add(new Preference(PeerId.of(peer), PeerId.of(partner), cost));
            return this;
        }

        /** Adds a preference. */
        public Builder preference(Preference p) {
            preferences.add(Objects.requireNonNull(p, "preference"));
            return this;
        }

        /** Sets (or with {@code null} removes) the network. */
        public Builder network(Network net) {
            this.network = net;
            return this;
        }

        /** Sets (or with {@code null} removes) the resistance-based loss penalty. */
        public Builder resistancePenalty(ResistancePenalty penalty) {
            this.resistancePenalty = penalty;
            return this;
        }

        /** Sets (or with {@code null} removes) the congestion penalty. */
        public Builder congestionPenalty(CongestionPenalty penalty) {
            this.congestionPenalty = penalty;
            return this;
        }

        /**
         * Gives peer {@code peerId} the power factor {@code pf} (or with {@code null} removes it, back to
         * unity), replacing any earlier one. The peer may be added before or after; {@link #build()}
         * reports an id that is not a peer of the market. Only the AC power flow uses it: the peer's
         * reactive power is {@code pf.reactiveKvar(P)} for its active power {@code P} (kW), so lagging
         * means reactive power with the sign of active power (see {@link PowerFactor}).
         */
        public Builder powerFactor(String peerId, PowerFactor pf) {
            PeerId id = PeerId.of(peerId);
            if (pf == null) {
                powerFactors.remove(id);
            } else {
                powerFactors.put(id, pf);
            }
            return this;
        }

        /**
         * Validates the market and returns it.
         *
         * @throws InvalidMarketException listing every violation, each naming the peer, line, bus or field
         */
        public Market build() {
            List<String> v = new ArrayList<>();
            if (name == null || name.isBlank()) {
                v.add("market name must not be blank");
            }
            if (peers.isEmpty()) {
                v.add("a market needs at least one peer");
            }
            Map<PeerId, Peer> byId = new HashMap<>();
            for (Peer p : peers) {
                if (byId.putIfAbsent(p.id(), p) != null) {
                    v.add("peer " + p.id() + ": duplicate peer id");
                }
                checkPeer(p, v);
            }
            Set<String> buses = null;
            if (network != null) {
                v.addAll(network.problems());
                buses = network.buses();
                for (Peer p : peers) {
                    if (p.bus() == null) {
                        v.add("peer " + p.id() + ": has no bus; with a network every peer is placed on a bus");
                    } else if (!buses.contains(p.bus())) {
                        v.add("peer " + p.id() + ": bus " + p.bus() + " is not a bus of the network (buses are the root and the ends of the lines)");
                    }
                }
            }
            if (trading instanceof Trading.Pairs pairs) {
                Set<PeerPair> seen = new HashSet<>();
                for (PeerPair pair : pairs.pairs()) {
                    Peer a = byId.get(pair.first());
                    Peer b = byId.get(pair.second());
                    if (a == null) {
                        v.add("trading pair " + pair + ": unknown peer " + pair.first());
                    }
                    if (b == null) {
                        v.add("trading pair " + pair + ": unknown peer " + pair.second());
                    }
                    if (pair.first().equals(pair.second())) {
                        v.add("trading pair " + pair + ": a peer cannot trade with itself");
                    } else if (a != null && b != null && !a.role().canTradeWith(b.role())) {
                        v.add("trading pair " + pair + ": a " + a.role().caseName() + " and a " + b.role().caseName() + " cannot trade (one must be able to sell and the other to buy)");
                    }
                    if (!seen.add(pair)) {
                        v.add("trading pair " + pair + ": listed twice");
                    }
                }
            }
            checkPreferences(byId, v);
            checkPenalties(byId, v);
            for (PeerId id : powerFactors.keySet()) {
                if (!byId.containsKey(id)) {
                    v.add("power factor of peer " + id + ": unknown peer " + id + "; Maybe the peer id is misspelt or the peer was not added");
                }
            }
            if (!v.isEmpty()) {
                throw new InvalidMarketException(v);
            }
            return new Market(this);
        }

        private static void checkPeer(Peer p, List<String> v) {
            checkSide(p, "power", p.power(), v);
            if (p.heat() != null) {
                checkSide(p, "heat", p.heat(), v);
            }
            if (p.chpRegion() != null) {
                if (p.heat() == null) {
                    v.add("peer " + p.id() + ": chpRegion needs a heat side; Maybe add \"heat\" bounds and cost to the peer");
                }
                for (String problem : p.chpRegion().problems()) {
                    v.add("peer " + p.id() + ": chpRegion " + problem);
                }
            }
        }

        private static void checkSide(Peer p, String side, Injection inj, List<String> v) {
            String where = "peer " + p.id() + ": " + side;
            if (inj.min() > inj.max()) {
                v.add(where + " min (" + inj.min() + ") is greater than max (" + inj.max() + ")");
            }
            switch (p.role()) {
                case PRODUCER -> {
                    if (inj.min() < 0) {
                        v.add(where + " min (" + inj.min() + ") is negative; producers only sell (0 <= min <= max). Maybe the peer is a prosumer");
                    }
                }
                case CONSUMER -> {
                    if (inj.max() > 0) {
                        v.add(where + " max (" + inj.max() + ") is positive; consumers use negative power (min <= max <= 0). Maybe the peer is a prosumer");
                    }
                }
                case PROSUMER -> { }
            }
            if (inj.cost().a() < 0) {
                v.add(where + " cost a (" + inj.cost().a() + ") is negative; the cost 0.5*a*x^2 + b*x + c must be convex (a >= 0)");
            }
        }

        private void checkPreferences(Map<PeerId, Peer> byId, List<String> v) {
            Map<PeerPair, Double> sums = new HashMap<>();
            Set<List<PeerId>> seen = new HashSet<>();
            for (Preference pref : preferences) {
                String where = "preference of peer " + pref.peer() + " for " + pref.partner();
                Peer a = byId.get(pref.peer());
                Peer b = byId.get(pref.partner());
                if (a == null) {
                    v.add(where + ": unknown peer " + pref.peer());
                }
                if (b == null) {
                    v.add(where + ": unknown partner " + pref.partner());
                }
                if (!seen.add(List.of(pref.peer(), pref.partner()))) {
                    v.add(where + ": listed twice (at most one entry per peer and partner)");
                }
                if (a == null || b == null) {
                    continue;
                }
                if (pref.peer().equals(pref.partner())) {
                    v.add(where + ": a peer cannot have a preference for itself");
                    continue;
                }
                boolean allowed = a.role().canTradeWith(b.role())
                        && (!(trading instanceof Trading.Pairs pairs) || pairs.asSet().contains(new PeerPair(a.id(), b.id())));
                if (!allowed) {
                    v.add(where + ": the two cannot trade under the trading rule, so the preference can never apply");
                }
                if (a.role() == Role.PROSUMER && b.role() == Role.PROSUMER) {
                    sums.merge(new PeerPair(a.id(), b.id()), pref.cost(), Double::sum);
                }
            }
            sums.forEach((pair, sum) -> {
                if (sum < 0) {
                    v.add("preferences between prosumers " + pair.first() + " and " + pair.second()
                            + " add up to " + sum + " < 0 $/kW; the market would not be convex (trading back and forth would earn money)");
                }
            });
        }

        private void checkPenalties(Map<PeerId, Peer> byId, List<String> v) {
            if (resistancePenalty != null) {
                if (network == null) {
                    v.add("penalties.resistance: needs a network (path resistances come from its lines)");
                }
                checkRate("penalties.resistance alpha", resistancePenalty.alpha(), resistancePenalty.sortedPerPeer(), byId, v);
            }
            if (congestionPenalty != null) {
                if (network == null) {
                    v.add("penalties.congestion: needs a network (penalized lines are lines of it)");
                }
                checkRate("penalties.congestion beta", congestionPenalty.beta(), congestionPenalty.sortedPerPeer(), byId, v);
                if (network != null) {
                    Set<String> ids = new HashSet<>();
                    network.lines().forEach(l -> ids.add(l.id()));
                    Set<String> listed = new HashSet<>();
                    for (String line : congestionPenalty.lines()) {
                        if (!ids.contains(line)) {
                            v.add("penalties.congestion lines: unknown line " + line);
                        }
                        if (!listed.add(line)) {
                            v.add("penalties.congestion lines: line " + line + " listed twice");
                        }
                    }
                }
            }
        }

        private static void checkRate(String what, double value, Map<PeerId, Double> perPeer, Map<PeerId, Peer> byId, List<String> v) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                v.add(what + " must be a finite number >= 0, got " + value);
            }
            perPeer.forEach((peer, x) -> {
                if (!byId.containsKey(peer)) {
                    v.add(what + " perPeer: unknown peer " + peer);
                }
                if (x == null || !(x >= 0) || !Double.isFinite(x)) {
                    v.add(what + " perPeer " + peer + " must be a finite number >= 0, got " + x);
                }
            });
        }
    }
}
