package org.gridbazaar.model;

import java.util.ArrayList;
import java.util.Arrays;
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
 * peer's bounds, the trading rules and reciprocity {@code P_ij + P_ji = 0} (and {@code H_ij + H_ji
 * = 0}). Change a market for a new solve with {@link #toBuilder()}.
 *
 * <p>Each peer may carry a {@link PowerFactor} ({@link #powerFactor(PeerId)}, unity unless given),
 * which only the AC power flow uses to derive the peer's reactive power from its active power; the
 * market clearing itself is in active power and ignores it.
 *
 * <p><b>Numeric ranges.</b> Finite is not enough: products of finite inputs can overflow (a penalty
 * rate of {@code 1e308} times a path resistance, a cost coefficient of {@code 1e300} times a
 * price). {@link Builder#build()} therefore accepts bounds up to {@link #MAX_BOUND_KW} kW in
 * magnitude; cost coefficients {@code a}, {@code b}, {@code c}, preference costs, {@code alpha},
 * {@code beta} and every derived {@code alpha_i * R_ij} up to {@link #MAX_COST_COEFFICIENT}; power
 * factors from {@link #MIN_POWER_FACTOR}; at most {@link #MAX_TRADING_PAIRS} trading pairs; and the
 * line and voltage ranges of {@link Network}. Within them every cost, price, penalty term and
 * objective of a clearing is finite. Each value outside its range is reported with the peer, line
 * or field. The table is in {@code docs/case-format-extensions.md}, "Numeric ranges".
 *
 * <p><b>Cost of validation.</b> {@link Builder#build()} is linear or {@code n log n} in the size of
 * the declaration (peers, lines, listed pairs, preferences, per-peer rates, CHP vertices), and so
 * are {@link #mayTrade} and {@link #preferenceCost} (after one index each, built on first use).
 */
public final class Market {

    /**
     * The largest number of trading pairs a market may allow: {@value} (twenty million). An {@code
     * opposite-roles} market allows {@code producers*consumers + prosumers*(producers + consumers)
     * + prosumers*(prosumers - 1)/2} pairs, counted at {@link Builder#build()} before anything is
     * enumerated; a market with listed pairs allows as many as are listed. Clearing takes about
     * {@link #BYTES_PER_TRADING_PAIR} bytes of heap per pair (formulation, default solver and
     * result), so twenty million pairs need about 5 GB, within the default heap of a 24 GB machine
     * (a quarter of its memory); larger markets are rejected with a message that suggests listing
     * explicit pairs, before they run out of memory.
     */
    public static final long MAX_TRADING_PAIRS = 20_000_000L;

    /**
     * Heap needed to clear a market, per trading pair, bytes: {@value}, the basis of {@link
     * #MAX_TRADING_PAIRS}. Measured with the default solver on a market of 4,000 peers and
     * 1,000,000 listed pairs: it cleared with a 400 MB heap and failed with 350 MB, of which the
     * market itself (with its listed pairs) took 161 MB; so the clearing took 190 to 240 bytes per
     * pair (docs/benchmarks.md, "End to end").
     */
    public static final int BYTES_PER_TRADING_PAIR = 250;

    /**
     * The largest magnitude of a power or heat bound, kW: {@value} (a petawatt, far above any real
     * grid, so that a bound meant as "no limit" such as {@code max = 1e15} stays valid). Together
     * with {@link #MAX_COST_COEFFICIENT} it keeps every cost, price and objective a solver computes
     * far inside the range of a double: {@code 0.5*a*x^2 <= 5e41} $ per peer.
     */
    public static final double MAX_BOUND_KW = 1e15;

    /**
     * The largest magnitude of a cost coefficient and of every per-kW term, {@value}: cost
     * coefficients {@code a} ($/kW^2), {@code b} ($/kW) and {@code c} ($) of power and heat,
     * preference costs ($/kW), penalty rates {@code alpha} ($/(kW*ohm)) and {@code beta} ($/kW),
     * and the derived resistance term {@code alpha_i * R_ij} ($/kW) of every pair. A trillion
     * dollars per kW is far beyond any real price, yet products with bounds of {@link
     * #MAX_BOUND_KW} cannot overflow.
     */
    public static final double MAX_COST_COEFFICIENT = 1e12;

    /**
     * The smallest power factor a peer may have: {@value}. The reactive power is {@code |P| *
     * tan(acos(pf))}, about 100 times the active power at 0.01 and infinite as the factor
     * approaches 0, which no power flow can solve; real equipment stays above about 0.1.
     */
    public static final double MIN_POWER_FACTOR = 0.01;

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
     * The power factor of peer {@code id}: the one given through {@link Builder#powerFactor(String,
     * PowerFactor)}, or {@link PowerFactor#UNITY} (no reactive power) when none was given, a unity
     * one was given, or the market has no such peer. Sign convention: see {@link PowerFactor}
     * (lagging = reactive power with the sign of active power).
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
     * Pairs are unordered. Constant time for {@code opposite-roles}, {@code log} of the number of
     * listed pairs otherwise (their sorted index is built on the first call).
     */
    public boolean mayTrade(PeerId i, PeerId j) {
        if (i.equals(j)) {
            return false;
        }
        int a = indexOf(i), b = indexOf(j);
        if (a < 0 || b < 0 || !peers.get(a).role().canTradeWith(peers.get(b).role())) {
            return false;
        }
        if (trading instanceof Trading.Pairs) {
            return Arrays.binarySearch(allowedPairs(), unorderedKey(a, b)) >= 0;
        }
        return true;
    }

    private volatile long[] allowedPairsCache;

    /** The sorted distinct keys ({@link #unorderedKey}) of the listed pairs. */
    private long[] allowedPairs() {
        long[] s = allowedPairsCache;
        if (s == null && trading instanceof Trading.Pairs pairs) {
            s = new long[pairs.pairs().size()];
            int k = 0;
            for (PeerPair pair : pairs.pairs()) {
                s[k++] = unorderedKey(indexOf(pair.first()), indexOf(pair.second()));
            }
            Arrays.sort(s);
            s = distinct(s);
            allowedPairsCache = s;
        }
        return s;
    }

    private volatile Map<Long, Double> preferenceCache;

    /**
     * The preference cost {@code peer} pays per kW on trades with {@code partner} ($/kW), 0 if
     * none. Constant time (the index of preferences is built on the first call).
     */
    public double preferenceCost(PeerId peer, PeerId partner) {
        Map<Long, Double> m = preferenceCache;
        if (m == null) {
            m = new HashMap<>(Math.max(16, 2 * preferences.size()));
            for (Preference p : preferences) {
                m.put(mix(directedKey(indexOf(p.peer()), indexOf(p.partner()))), p.cost());
            }
            preferenceCache = m;
        }
        int a = indexOf(peer), b = indexOf(partner);
        if (a < 0 || b < 0) {
            return 0;
        }
        return m.getOrDefault(mix(directedKey(a, b)), 0.0);
    }

    @Override
    public String toString() {
        return "Market["
                + name
                + ", "
                + peers.size()
                + " peers"
                + (network != null ? ", " + network.lines().size() + " lines" : "")
                + "]";
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

        /**
         * Adds a producer selling between {@code min} and {@code max} kW ({@code 0 <= min <= max}).
         */
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
         * Gives peer {@code peerId} the power factor {@code pf} (or with {@code null} removes it,
         * back to unity), replacing any earlier one. The peer may be added before or after; {@link
         * #build()} reports an id that is not a peer of the market. Only the AC power flow uses it:
         * the peer's reactive power is {@code pf.reactiveKvar(P)} for its active power {@code P}
         * (kW), so lagging means reactive power with the sign of active power (see {@link
         * PowerFactor}).
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
         * Validates the market and returns it. Every check is linear or {@code n log n} in the size
         * of the declaration (peers, lines, listed pairs, preferences, per-peer penalties, CHP
         * vertices): the number of trading pairs of an {@code opposite-roles} market is counted,
         * never enumerated, and is checked against {@link #MAX_TRADING_PAIRS} before any work
         * proportional to it is done. The numeric ranges are those of the constants of {@link
         * Market}.
         *
         * @throws InvalidMarketException listing every violation, each naming the peer, line, bus
         *     or field
         */
        public Market build() {
            List<String> v = new ArrayList<>();
            if (name == null || name.isBlank()) {
                v.add("market name must not be blank");
            } else {
                addIfPresent(v, Ids.surrogateProblem("market name", name));
            }
            if (peers.isEmpty()) {
                v.add("a market needs at least one peer");
            }
            // PeerId is Comparable, so even ids whose hash codes collide cost log n per look-up
            Map<PeerId, Integer> indexById = new HashMap<>(Math.max(16, 2 * peers.size()));
            for (int i = 0; i < peers.size(); i++) {
                Peer p = peers.get(i);
                if (indexById.putIfAbsent(p.id(), i) != null) {
                    v.add("peer " + p.id() + ": duplicate peer id");
                }
                checkPeer(p, v);
            }
            if (network != null) {
                List<String> networkProblems = network.problems();
                v.addAll(networkProblems);
                Set<String> buses = network.buses();
                for (Peer p : peers) {
                    if (p.bus() == null) {
                        v.add(
                                "peer "
                                        + p.id()
                                        + ": has no bus; with a network every peer is placed on a bus");
                    } else if (!buses.contains(p.bus())) {
                        v.add(
                                "peer "
                                        + p.id()
                                        + ": bus "
                                        + Ids.escaped(p.bus())
                                        + " is not a bus of the network (buses are the root and the ends of the lines)");
                    }
                }
                if (networkProblems.isEmpty() && resistancePenalty != null) {
                    checkResistanceTerms(buses, v);
                }
            }
            long[] allowed = checkTrading(indexById, v);
            checkPreferences(indexById, allowed, v);
            checkPenalties(indexById, v);
            for (Map.Entry<PeerId, PowerFactor> e : powerFactors.entrySet()) {
                PeerId id = e.getKey();
                if (!indexById.containsKey(id)) {
                    v.add(
                            "power factor of peer "
                                    + id
                                    + ": unknown peer "
                                    + id
                                    + "; Maybe the peer id is misspelt or the peer was not added");
                }
                double pf = e.getValue().value();
                if (pf < MIN_POWER_FACTOR) {
                    v.add(
                            "peer "
                                    + id
                                    + ": powerFactor ("
                                    + pf
                                    + ") is below "
                                    + MIN_POWER_FACTOR
                                    + "; the reactive power would be more than "
                                    + Math.round(
                                            Math.sqrt(1 - MIN_POWER_FACTOR * MIN_POWER_FACTOR)
                                                    / MIN_POWER_FACTOR)
                                    + " times the active power. Maybe give a fraction such as 0.9, not a percentage or a phase angle");
                }
            }
            if (!v.isEmpty()) {
                throw new InvalidMarketException(v);
            }
            return new Market(this);
        }

        private static void addIfPresent(List<String> v, String problem) {
            if (problem != null) {
                v.add(problem);
            }
        }

        private static void checkPeer(Peer p, List<String> v) {
            if (p.bus() != null) {
                addIfPresent(v, Ids.surrogateProblem("peer " + p.id() + ": bus", p.bus()));
            }
            checkSide(p, "power", p.power(), v);
            if (p.heat() != null) {
                checkSide(p, "heat", p.heat(), v);
            }
            if (p.chpRegion() != null) {
                if (p.heat() == null) {
                    v.add(
                            "peer "
                                    + p.id()
                                    + ": chpRegion needs a heat side; Maybe add \"heat\" bounds and cost to the peer");
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
                        v.add(
                                where
                                        + " min ("
                                        + inj.min()
                                        + ") is negative; producers only sell (0 <= min <= max). Maybe the peer is a prosumer");
                    }
                }
                case CONSUMER -> {
                    if (inj.max() > 0) {
                        v.add(
                                where
                                        + " max ("
                                        + inj.max()
                                        + ") is positive; consumers use negative power (min <= max <= 0). Maybe the peer is a prosumer");
                    }
                }
                case PROSUMER -> {}
            }
            checkMagnitude(where + " min", inj.min(), MAX_BOUND_KW, "kW", v);
            checkMagnitude(where + " max", inj.max(), MAX_BOUND_KW, "kW", v);
            QuadraticCost c = inj.cost();
            if (c.a() < 0) {
                v.add(
                        where
                                + " cost a ("
                                + c.a()
                                + ") is negative; the cost 0.5*a*x^2 + b*x + c must be convex (a >= 0)");
            }
            checkMagnitude(where + " cost a", c.a(), MAX_COST_COEFFICIENT, "$/kW^2", v);
            checkMagnitude(where + " cost b", c.b(), MAX_COST_COEFFICIENT, "$/kW", v);
            checkMagnitude(where + " cost c", c.c(), MAX_COST_COEFFICIENT, "$", v);
        }

        /** Reports {@code |x| > limit} (and a non-finite {@code x}), naming the field. */
        static void checkMagnitude(
                String where, double x, double limit, String unit, List<String> v) {
            if (!(Math.abs(x) <= limit)) {
                v.add(
                        where
                                + " ("
                                + x
                                + ") is outside [-"
                                + limit
                                + ", "
                                + limit
                                + "] "
                                + unit
                                + "; products of such values overflow. Maybe the value is in the wrong unit (power in kW, money in $)");
            }
        }

        /**
         * Checks the trading rule; returns the sorted distinct keys ({@link #unorderedKey}) of the
         * listed pairs between known, distinct peers, or {@code null} for {@code opposite-roles}.
         */
        private long[] checkTrading(Map<PeerId, Integer> indexById, List<String> v) {
            if (!(trading instanceof Trading.Pairs pairs)) {
                long producers = 0, consumers = 0, prosumers = 0;
                for (Peer p : peers) {
                    switch (p.role()) {
                        case PRODUCER -> producers++;
                        case CONSUMER -> consumers++;
                        case PROSUMER -> prosumers++;
                    }
                }
                long count =
                        producers * consumers
                                + prosumers * (producers + consumers)
                                + prosumers * (prosumers - 1) / 2;
                if (count > MAX_TRADING_PAIRS) {
                    v.add(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "trading: opposite-roles allows %,d trading pairs among %,d peers "
                                            + "(%,d producers, %,d consumers, %,d prosumers), more than the %,d a market may have "
                                            + "(about %d bytes of memory per pair when cleared). Maybe list explicit trading pairs "
                                            + "(\"trading\": {\"pairs\": [...]}) with the partners each peer can really reach",
                                    count,
                                    peers.size(),
                                    producers,
                                    consumers,
                                    prosumers,
                                    MAX_TRADING_PAIRS,
                                    BYTES_PER_TRADING_PAIR));
                }
                return null;
            }
            List<PeerPair> list = pairs.pairs();
            if (list.size() > MAX_TRADING_PAIRS) {
                v.add(
                        String.format(
                                java.util.Locale.ROOT,
                                "trading: %,d pairs listed, more than the %,d a market may have "
                                        + "(about %d bytes of memory per pair when cleared). Maybe split the market",
                                list.size(),
                                MAX_TRADING_PAIRS,
                                BYTES_PER_TRADING_PAIR));
            }
            long[] keys = new long[list.size()];
            long[] all = new long[list.size()]; // per listed pair: its key, or -1
            int k = 0;
            for (int t = 0; t < list.size(); t++) {
                PeerPair pair = list.get(t);
                Integer a = indexById.get(pair.first());
                Integer b = indexById.get(pair.second());
                all[t] = -1;
                if (a == null) {
                    v.add("trading pair " + pair + ": unknown peer " + pair.first());
                }
                if (b == null) {
                    v.add("trading pair " + pair + ": unknown peer " + pair.second());
                }
                if (pair.first().equals(pair.second())) {
                    v.add("trading pair " + pair + ": a peer cannot trade with itself");
                } else if (a != null && b != null) {
                    Role ra = peers.get(a).role(), rb = peers.get(b).role();
                    if (!ra.canTradeWith(rb)) {
                        v.add(
                                "trading pair "
                                        + pair
                                        + ": a "
                                        + ra.caseName()
                                        + " and a "
                                        + rb.caseName()
                                        + " cannot trade (one must be able to sell and the other to buy)");
                    }
                    all[t] = unorderedKey(a, b);
                    keys[k++] = all[t];
                }
            }
            keys = Arrays.copyOf(keys, k);
            Arrays.sort(keys);
            Set<Long> repeated = repeatedKeys(keys);
            if (!repeated.isEmpty()) {
                Set<Long> reported = new HashSet<>();
                for (int t = 0; t < list.size(); t++) {
                    if (all[t] >= 0) {
                        Long key = mix(all[t]);
                        if (repeated.contains(key) && !reported.add(key)) {
                            v.add("trading pair " + list.get(t) + ": listed twice");
                        }
                    }
                }
            }
            return distinct(keys);
        }

        private void checkPreferences(
                Map<PeerId, Integer> indexById, long[] allowedPairs, List<String> v) {
            int m = preferences.size();
            int[] peerIndex = new int[m], partnerIndex = new int[m];
            long[] keys = new long[m];
            int k = 0;
            for (int t = 0; t < m; t++) {
                Preference pref = preferences.get(t);
                Integer a = indexById.get(pref.peer());
                Integer b = indexById.get(pref.partner());
                peerIndex[t] = a == null ? -1 : a;
                partnerIndex[t] = b == null ? -1 : b;
                if (a != null && b != null) {
                    keys[k++] = directedKey(a, b);
                }
            }
            keys = Arrays.copyOf(keys, k);
            Arrays.sort(keys);
            Set<Long> repeated = repeatedKeys(keys);
            Set<Long> reported = new HashSet<>();
            Map<Long, double[]> sums = new LinkedHashMap<>();
            for (int t = 0; t < m; t++) {
                Preference pref = preferences.get(t);
                int ia = peerIndex[t], ib = partnerIndex[t];
                if (ia < 0) {
                    v.add(where(pref) + ": unknown peer " + pref.peer());
                }
                if (ib < 0) {
                    v.add(where(pref) + ": unknown partner " + pref.partner());
                }
                if (!(Math.abs(pref.cost()) <= MAX_COST_COEFFICIENT)) {
                    checkMagnitude(
                            where(pref) + ": cost", pref.cost(), MAX_COST_COEFFICIENT, "$/kW", v);
                }
                if (ia < 0 || ib < 0) {
                    continue;
                }
                if (!repeated.isEmpty()) {
                    Long key = mix(directedKey(ia, ib));
                    if (repeated.contains(key) && !reported.add(key)) {
                        v.add(
                                where(pref)
                                        + ": listed twice (at most one entry per peer and partner)");
                    }
                }
                if (ia == ib) {
                    v.add(where(pref) + ": a peer cannot have a preference for itself");
                    continue;
                }
                Role ra = peers.get(ia).role(), rb = peers.get(ib).role();
                boolean allowed =
                        ra.canTradeWith(rb)
                                && (allowedPairs == null
                                        || Arrays.binarySearch(allowedPairs, unorderedKey(ia, ib))
                                                >= 0);
                if (!allowed) {
                    v.add(
                            where(pref)
                                    + ": the two cannot trade under the trading rule, so the preference can never apply");
                }
                if (ra == Role.PROSUMER && rb == Role.PROSUMER) {
                    sums.computeIfAbsent(mix(unorderedKey(ia, ib)), x -> new double[1])[0] +=
                            pref.cost();
                }
            }
            sums.forEach(
                    (mixed, sum) -> {
                        if (sum[0] < 0) {
                            long key = unmix(mixed);
                            PeerId lo = peers.get((int) (key >>> 32)).id(),
                                    hi = peers.get((int) key).id();
                            PeerId first = lo.compareTo(hi) <= 0 ? lo : hi,
                                    second = first == lo ? hi : lo;
                            v.add(
                                    "preferences between prosumers "
                                            + first
                                            + " and "
                                            + second
                                            + " add up to "
                                            + sum[0]
                                            + " < 0 $/kW; the market would not be convex (trading back and forth would earn money)");
                        }
                    });
        }

        private static String where(Preference pref) {
            return "preference of peer " + pref.peer() + " for " + pref.partner();
        }

        private void checkPenalties(Map<PeerId, Integer> byId, List<String> v) {
            if (resistancePenalty != null) {
                if (network == null) {
                    v.add(
                            "penalties.resistance: needs a network (path resistances come from its lines)");
                }
                checkRate(
                        "penalties.resistance alpha",
                        "$/(kW*ohm)",
                        resistancePenalty.alpha(),
                        resistancePenalty.sortedPerPeer(),
                        byId,
                        v);
            }
            if (congestionPenalty != null) {
                if (network == null) {
                    v.add(
                            "penalties.congestion: needs a network (penalized lines are lines of it)");
                }
                checkRate(
                        "penalties.congestion beta",
                        "$/kW",
                        congestionPenalty.beta(),
                        congestionPenalty.sortedPerPeer(),
                        byId,
                        v);
                if (network != null) {
                    Set<String> ids = new HashSet<>();
                    network.lines().forEach(l -> ids.add(l.id()));
                    Set<String> listed = new HashSet<>();
                    for (String line : congestionPenalty.lines()) {
                        if (!ids.contains(line)) {
                            v.add("penalties.congestion lines: unknown line " + Ids.escaped(line));
                        }
                        if (!listed.add(line)) {
                            v.add(
                                    "penalties.congestion lines: line "
                                            + Ids.escaped(line)
                                            + " listed twice");
                        }
                    }
                }
            }
        }

        private static void checkRate(
                String what,
                String unit,
                double value,
                Map<PeerId, Double> perPeer,
                Map<PeerId, Integer> byId,
                List<String> v) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                v.add(what + " must be a finite number >= 0, got " + value);
            } else {
                checkMagnitude(what, value, MAX_COST_COEFFICIENT, unit, v);
            }
            perPeer.forEach(
                    (peer, x) -> {
                        if (!byId.containsKey(peer)) {
                            v.add(what + " perPeer: unknown peer " + peer);
                        }
                        if (x == null || !(x >= 0) || !Double.isFinite(x)) {
                            v.add(
                                    what
                                            + " perPeer "
                                            + peer
                                            + " must be a finite number >= 0, got "
                                            + x);
                        } else {
                            checkMagnitude(
                                    what + " perPeer " + peer, x, MAX_COST_COEFFICIENT, unit, v);
                        }
                    });
        }

        /**
         * The derived per-kW term {@code alpha_i * R_ij} must stay within {@link
         * #MAX_COST_COEFFICIENT} for every partner {@code j}. Checked in O(n log n) on the upper
         * bound {@code R_ij <= R_i0 + max_k R_k0} (resistances to the root bus), so that no pair is
         * enumerated.
         */
        private void checkResistanceTerms(Set<String> buses, List<String> v) {
            org.gridbazaar.grid.RadialFeeder feeder = org.gridbazaar.grid.RadialFeeder.of(network);
            double farthest = 0;
            for (Peer p : peers) {
                if (p.bus() != null && buses.contains(p.bus())) {
                    farthest = Math.max(farthest, feeder.resistanceToRoot(feeder.bus(p.bus())));
                }
            }
            for (Peer p : peers) {
                double alpha = resistancePenalty.alphaOf(p.id());
                if (p.bus() == null
                        || !buses.contains(p.bus())
                        || !(alpha >= 0 && alpha <= MAX_COST_COEFFICIENT)) {
                    continue; // reported elsewhere
                }
                double bound = feeder.resistanceToRoot(feeder.bus(p.bus())) + farthest;
                double term = alpha * bound;
                if (!(term <= MAX_COST_COEFFICIENT)) {
                    v.add(
                            "peer "
                                    + p.id()
                                    + ": penalties.resistance alpha ("
                                    + alpha
                                    + " $/(kW*ohm)) times the path resistance to its "
                                    + "farthest possible partner (up to "
                                    + bound
                                    + " ohm) is "
                                    + term
                                    + " $/kW, outside [0, "
                                    + MAX_COST_COEFFICIENT
                                    + "] $/kW. Maybe alpha is in the wrong unit ($ per kW and ohm)");
                }
            }
        }
    }

    /**
     * The key of the unordered pair of peer indices {@code {i, j}}: smaller index in the high half.
     */
    static long unorderedKey(int i, int j) {
        return i <= j ? ((long) i << 32) | j : ((long) j << 32) | i;
    }

    /** The key of the ordered pair (peer {@code i}, partner {@code j}). */
    static long directedKey(int i, int j) {
        return ((long) i << 32) | j;
    }

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final long UNMIX = inverse(MIX);

    /**
     * A bijective scrambling of a pair key, for hash sets: {@link Long#hashCode()} of a raw key is
     * {@code i ^ j}, which collides for most pairs of small indices.
     */
    static Long mix(long key) {
        return key * MIX;
    }

    static long unmix(long mixed) {
        return mixed * UNMIX;
    }

    /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
    private static long inverse(long odd) {
        long x = odd;
        for (int k = 0; k < 5; k++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** The keys that occur more than once in the sorted array, {@link #mix mixed}. */
    static Set<Long> repeatedKeys(long[] sorted) {
        Set<Long> out = new HashSet<>();
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == sorted[k - 1]) {
                out.add(mix(sorted[k]));
            }
        }
        return out;
    }

    /** The sorted array without repeats. */
    static long[] distinct(long[] sorted) {
        int m = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (m == 0 || sorted[k] != sorted[m - 1]) {
                sorted[m++] = sorted[k];
            }
        }
        return Arrays.copyOf(sorted, m);
    }
}
