package org.gridbazaar.horizon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.Role;

/**
 * A market over a horizon: one single-period {@link Market} per period and what links the periods,
 * each peer's {@link Storage}, {@link Ramp} limits and {@link EnergyWindow}s. Immutable.
 *
 * <p>Every period is a complete market: its peers' bounds and costs are those of the period, and
 * everything a single-period market holds (trading rule, preferences, network, penalties) applies
 * within the period. The periods must have the same peers in the same order, with the same roles,
 * buses and sides (power, heat). A peer's {@code power} block in a period bounds and prices its
 * <em>device</em> power {@code g_t}; with storage its net power is {@code P_t = g_t + d_t - c_t},
 * which is what it trades. Costs are rates in $ per hour, so the horizon's objective weights each
 * period by {@link Horizon#hoursPerPeriod()}.
 *
 * <pre>{@code
 * MultiPeriodMarket m = MultiPeriodMarket.builder("day", Horizon.hourly(24))
 *         .periods(t -> marketAt(t))
 *         .storage("B7", Storage.builder(13.5, 6).powerKw(5, 5).efficiencies(0.95, 0.95).build())
 *         .ramp("G1", Ramp.of(50, 80).startingAt(120))
 *         .energyWindow("L3", EnergyWindow.of(8, 16, -30, -30))
 *         .build();
 * }</pre>
 */
public final class MultiPeriodMarket {

    private final String name;
    private final Horizon horizon;
    private final List<Market> periods;
    private final Map<PeerId, Storage> storage;
    private final Map<PeerId, Ramp> ramps;
    private final Map<PeerId, List<EnergyWindow>> windows;

    private MultiPeriodMarket(Builder b) {
        name = b.name;
        horizon = b.horizon;
        periods = List.copyOf(b.periods);
        storage = Collections.unmodifiableMap(new LinkedHashMap<>(b.storage));
        ramps = Collections.unmodifiableMap(new LinkedHashMap<>(b.ramps));
        Map<PeerId, List<EnergyWindow>> w = new LinkedHashMap<>();
        b.windows.forEach((k, v) -> w.put(k, List.copyOf(v)));
        windows = Collections.unmodifiableMap(w);
    }

    /** A builder for a market named {@code name} over {@code horizon}. */
    public static Builder builder(String name, Horizon horizon) {
        return new Builder(name, horizon);
    }

    /**
     * The same single-period market in every period of {@code horizon}, with nothing linking them.
     */
    public static MultiPeriodMarket repeated(Market market, Horizon horizon) {
        return builder(market.name(), horizon).periods(t -> market).build();
    }

    /** The market's name. */
    public String name() {
        return name;
    }

    /** The horizon. */
    public Horizon horizon() {
        return horizon;
    }

    /** Number of periods. */
    public int periodCount() {
        return horizon.periods();
    }

    /** Hours per period, {@code dt}. */
    public double hoursPerPeriod() {
        return horizon.hoursPerPeriod();
    }

    /** The single-period market of period {@code t}. */
    public Market period(int t) {
        return periods.get(t);
    }

    /** Every period's market, in order. */
    public List<Market> periods() {
        return periods;
    }

    /** The peers (those of period 0; every period has the same). */
    public List<Peer> peers() {
        return periods.get(0).peers();
    }

    /** Storage units by peer, in the order they were added. */
    public Map<PeerId, Storage> storage() {
        return storage;
    }

    /** The storage unit of a peer, if it has one. */
    public Optional<Storage> storage(PeerId id) {
        return Optional.ofNullable(storage.get(id));
    }

    /** Ramp limits by peer. */
    public Map<PeerId, Ramp> ramps() {
        return ramps;
    }

    /** Energy windows by peer. */
    public Map<PeerId, List<EnergyWindow>> energyWindows() {
        return windows;
    }

    /** Whether anything links the periods (storage, ramps or energy windows). */
    public boolean isLinked() {
        return !storage.isEmpty() || !ramps.isEmpty() || !windows.isEmpty();
    }

    /**
     * A copy with the period markets replaced by {@code f(t)} and the links kept (validated again).
     */
    public MultiPeriodMarket withPeriods(IntFunction<Market> f) {
        Builder b = new Builder(name, horizon).periods(f);
        storage.forEach((id, s) -> b.storage(id.value(), s));
        ramps.forEach((id, r) -> b.ramp(id.value(), r));
        windows.forEach((id, list) -> list.forEach(w -> b.energyWindow(id.value(), w)));
        return b.build();
    }

    @Override
    public String toString() {
        return "MultiPeriodMarket["
                + name
                + ", "
                + horizon.periods()
                + " x "
                + horizon.hoursPerPeriod()
                + " h, "
                + peers().size()
                + " peers, "
                + storage.size()
                + " storage units]";
    }

    /** Builds a {@link MultiPeriodMarket}; {@link #build()} validates everything at once. */
    public static final class Builder {
        private String name;
        private final Horizon horizon;
        private final List<Market> periods = new ArrayList<>();
        private final Map<PeerId, Storage> storage = new LinkedHashMap<>();
        private final Map<PeerId, Ramp> ramps = new LinkedHashMap<>();
        private final Map<PeerId, List<EnergyWindow>> windows = new LinkedHashMap<>();
        private final List<String> early = new ArrayList<>();

        private Builder(String name, Horizon horizon) {
            this.name = name;
            this.horizon = Objects.requireNonNull(horizon, "horizon");
        }

        /** The market of every period: {@code f(t)} for {@code t = 0 .. periods-1}. */
        public Builder periods(IntFunction<Market> f) {
            periods.clear();
            for (int t = 0; t < horizon.periods(); t++) {
                periods.add(Objects.requireNonNull(f.apply(t), "market of period " + t));
            }
            return this;
        }

        /** The markets of the periods, one per period in order. */
        public Builder periods(List<Market> markets) {
            periods.clear();
            periods.addAll(markets);
            return this;
        }

        /** Gives peer {@code id} a storage unit (it must be a prosumer). */
        public Builder storage(String id, Storage unit) {
            if (storage.put(new PeerId(id), Objects.requireNonNull(unit, "storage")) != null) {
                early.add("peer " + id + ": two storage units (at most one per peer)");
            }
            return this;
        }

        /** Gives peer {@code id} ramp limits. */
        public Builder ramp(String id, Ramp ramp) {
            if (ramps.put(new PeerId(id), Objects.requireNonNull(ramp, "ramp")) != null) {
                early.add("peer " + id + ": two ramp limits (at most one per peer)");
            }
            return this;
        }

        /** Adds an energy window to peer {@code id}. */
        public Builder energyWindow(String id, EnergyWindow window) {
            windows.computeIfAbsent(new PeerId(id), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(window, "window"));
            return this;
        }

        /**
         * Validates and returns the market.
         *
         * @throws InvalidMarketException listing every violation, each naming the period, peer or
         *     field
         */
        public MultiPeriodMarket build() {
            List<String> v = new ArrayList<>(early);
            if (name == null || name.isBlank()) {
                v.add("market name must not be blank");
            }
            if (periods.size() != horizon.periods()) {
                v.add(
                        "the horizon has "
                                + horizon.periods()
                                + " periods but "
                                + periods.size()
                                + " period markets were given");
                throw new InvalidMarketException(v);
            }
            Market first = periods.get(0);
            List<Peer> peers = first.peers();
            for (int t = 1; t < periods.size(); t++) {
                List<Peer> other = periods.get(t).peers();
                if (other.size() != peers.size()) {
                    v.add(
                            "period "
                                    + t
                                    + " has "
                                    + other.size()
                                    + " peers, period 0 has "
                                    + peers.size());
                    continue;
                }
                for (int i = 0; i < peers.size(); i++) {
                    Peer a = peers.get(i), b = other.get(i);
                    if (!a.id().equals(b.id())) {
                        v.add(
                                "period "
                                        + t
                                        + ": peer "
                                        + i
                                        + " is "
                                        + b.id()
                                        + ", in period 0 it is "
                                        + a.id());
                    } else if (a.role() != b.role()
                            || !Objects.equals(a.bus(), b.bus())
                            || (a.heat() == null) != (b.heat() == null)) {
                        v.add(
                                "peer "
                                        + a.id()
                                        + ": its role, bus or heat side differs between period 0 and period "
                                        + t);
                    }
                }
            }
            for (Map.Entry<PeerId, Storage> e : storage.entrySet()) {
                Optional<Peer> p = first.peer(e.getKey());
                String prefix = "peer " + e.getKey() + ": ";
                if (p.isEmpty()) {
                    v.add(prefix + "storage for an unknown peer");
                    continue;
                }
                if (p.get().role() != Role.PROSUMER) {
                    v.add(
                            prefix
                                    + "storage is only allowed on a prosumer (its role is "
                                    + p.get().role().name().toLowerCase(java.util.Locale.ROOT)
                                    + ")");
                }
                v.addAll(e.getValue().problems(prefix, horizon.periods()));
            }
            for (PeerId id : ramps.keySet()) {
                if (first.peer(id).isEmpty()) {
                    v.add("peer " + id + ": ramp limits for an unknown peer");
                }
            }
            for (Map.Entry<PeerId, List<EnergyWindow>> e : windows.entrySet()) {
                if (first.peer(e.getKey()).isEmpty()) {
                    v.add("peer " + e.getKey() + ": energy window for an unknown peer");
                }
                for (EnergyWindow w : e.getValue()) {
                    if (w.to() >= horizon.periods()) {
                        v.add(
                                "peer "
                                        + e.getKey()
                                        + ": power.energy window "
                                        + w.from()
                                        + ".."
                                        + w.to()
                                        + " ends after the last period ("
                                        + (horizon.periods() - 1)
                                        + ")");
                    }
                }
            }
            if (!v.isEmpty()) {
                throw new InvalidMarketException(v);
            }
            return new MultiPeriodMarket(this);
        }
    }
}
