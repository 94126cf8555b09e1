package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.StorageTarget;

/**
 * A microgrid of independent agents over a day (the paper's section 2.1): flexible agents, one
 * renewable agent, and the main grid's day-ahead and real-time tariffs. Immutable; build with
 * {@link #builder(String, Horizon)}, whose {@code build()} reports every problem at once.
 *
 * <p>Units: power kW (an agent's net injection, positive when it supplies), energy kWh, prices
 * $/kWh, periods of {@link Horizon#hoursPerPeriod()} hours.
 */
public final class Microgrid {

    /** Ids the day-ahead market uses for its own peers; agents may not take them. */
    static final Set<String> RESERVED =
            Set.of(DayAheadSchedule.POOL, DayAheadSchedule.GRID_BUY, DayAheadSchedule.GRID_SELL);

    private final String name;
    private final Horizon horizon;
    private final List<FlexibleAgent> agents;
    private final RenewableAgent renewable;
    private final GridTariff dayAhead, realTime;
    private final double exchangeLimitKw;

    private Microgrid(Builder b) {
        name = b.name;
        horizon = b.horizon;
        agents = List.copyOf(b.agents);
        renewable = b.renewable;
        dayAhead = b.dayAhead;
        realTime = b.realTime == null ? b.dayAhead : b.realTime;
        exchangeLimitKw = b.exchangeLimitKw;
    }

    /** A builder for a microgrid named {@code name} over {@code horizon}. */
    public static Builder builder(String name, Horizon horizon) {
        return new Builder(name, horizon);
    }

    /** The microgrid's name. */
    public String name() {
        return name;
    }

    /** The day. */
    public Horizon horizon() {
        return horizon;
    }

    /** Number of periods. */
    public int periods() {
        return horizon.periods();
    }

    /** The flexible agents, in the order added. */
    public List<FlexibleAgent> agents() {
        return agents;
    }

    /** The renewable agent. */
    public RenewableAgent renewable() {
        return renewable;
    }

    /** The grid's day-ahead tariff. */
    public GridTariff dayAheadTariff() {
        return dayAhead;
    }

    /** The grid's real-time tariff (the day-ahead one when none was given). */
    public GridTariff realTimeTariff() {
        return realTime;
    }

    /** The largest exchange with the grid in either direction, kW. */
    public double exchangeLimitKw() {
        return exchangeLimitKw;
    }

    /** Builds a {@link Microgrid}. */
    public static final class Builder {
        private final String name;
        private final Horizon horizon;
        private final List<FlexibleAgent> agents = new ArrayList<>();
        private RenewableAgent renewable;
        private GridTariff dayAhead, realTime;
        private double exchangeLimitKw = Double.NaN;

        private Builder(String name, Horizon horizon) {
            this.name = name;
            this.horizon = Objects.requireNonNull(horizon, "horizon");
        }

        /** Adds a flexible agent. */
        public Builder agent(FlexibleAgent agent) {
            agents.add(Objects.requireNonNull(agent, "agent"));
            return this;
        }

        /** Sets the renewable agent. */
        public Builder renewable(RenewableAgent agent) {
            this.renewable = Objects.requireNonNull(agent, "renewable");
            return this;
        }

        /** The grid's day-ahead tariff. */
        public Builder dayAheadTariff(GridTariff tariff) {
            this.dayAhead = Objects.requireNonNull(tariff, "dayAheadTariff");
            return this;
        }

        /** The grid's real-time tariff (default: the day-ahead one, as in the paper's study). */
        public Builder realTimeTariff(GridTariff tariff) {
            this.realTime = Objects.requireNonNull(tariff, "realTimeTariff");
            return this;
        }

        /** The largest exchange with the grid in either direction, kW. */
        public Builder exchangeLimitKw(double kw) {
            this.exchangeLimitKw = kw;
            return this;
        }

        /**
         * Validates and returns the microgrid.
         *
         * @throws IllegalArgumentException listing every problem, one line each, naming the agent
         *     and field
         */
        public Microgrid build() {
            int n = horizon.periods();
            List<String> v = new ArrayList<>();
            if (name == null || name.isBlank()) {
                v.add("microgrid name must not be blank");
            }
            if (!(exchangeLimitKw > 0) || !Double.isFinite(exchangeLimitKw)) {
                v.add("exchangeLimitKw must be a finite number > 0, got " + exchangeLimitKw);
            }
            tariff(v, "dayAheadTariff", dayAhead, n);
            if (realTime != null) {
                tariff(v, "realTimeTariff", realTime, n);
            }
            Set<String> ids = new HashSet<>();
            if (renewable == null) {
                v.add("renewable: missing; Maybe add the renewable agent with renewable(...)");
            } else {
                ids.add(renewable.id());
                nonNegative(
                        v,
                        "renewable " + renewable.id() + ": forecastKw",
                        renewable.forecastKw(),
                        n);
                nonNegative(
                        v,
                        "renewable " + renewable.id() + ": realTimeKw",
                        renewable.realTimeKw(),
                        n);
            }
            if (agents.isEmpty()) {
                v.add("agents: none; the mechanism needs at least one flexible agent");
            }
            for (FlexibleAgent a : agents) {
                String p = "agent " + a.id() + ": ";
                if (a.id().isBlank() || RESERVED.contains(a.id())) {
                    v.add(p + "the id is blank or reserved (" + RESERVED + ")");
                }
                if (!ids.add(a.id())) {
                    v.add(p + "duplicate id");
                }
                if (a instanceof FlexibleDemand d) {
                    demand(v, p, d, n, horizon.hoursPerPeriod());
                } else if (a instanceof DispatchableGenerator g) {
                    nonNegative(v, p + "minKw", g.minKw(), n);
                    nonNegative(v, p + "maxKw", g.maxKw(), n);
                    for (int t = 0; t < n && g.minKw().fits(n) && g.maxKw().fits(n); t++) {
                        if (g.minKw().at(t) > g.maxKw().at(t)) {
                            v.add(
                                    p
                                            + "minKw ("
                                            + g.minKw().at(t)
                                            + ") is above maxKw ("
                                            + g.maxKw().at(t)
                                            + ") in period "
                                            + t);
                            break;
                        }
                    }
                } else if (a instanceof StorageAgent s) {
                    fits(v, p + "unit.chargeKw", s.unit().chargeKw(), n);
                    fits(v, p + "unit.dischargeKw", s.unit().dischargeKw(), n);
                    fits(v, p + "unit.usageKwh", s.unit().usageKwh(), n);
                    for (StorageTarget target : s.unit().targets()) {
                        if (target.period() < 0 || target.period() >= n) {
                            v.add(
                                    p
                                            + "unit.targets: period "
                                            + target.period()
                                            + " is not a period of the day (0 .. "
                                            + (n - 1)
                                            + ")");
                        }
                    }
                }
            }
            if (!v.isEmpty()) {
                throw new IllegalArgumentException(
                        "microgrid " + name + ":\n  " + String.join("\n  ", v));
            }
            return new Microgrid(this);
        }

        private static void demand(List<String> v, String p, FlexibleDemand d, int n, double dt) {
            nonNegative(v, p + "minKw", d.minKw(), n);
            nonNegative(v, p + "maxKw", d.maxKw(), n);
            if (!d.minKw().fits(n) || !d.maxKw().fits(n)) {
                return;
            }
            for (int t = 0; t < n; t++) {
                if (d.minKw().at(t) > d.maxKw().at(t)) {
                    v.add(
                            p
                                    + "minKw ("
                                    + d.minKw().at(t)
                                    + ") is above maxKw ("
                                    + d.maxKw().at(t)
                                    + ") in period "
                                    + t);
                    return;
                }
            }
            boolean[] covered = new boolean[n];
            for (DemandWindow w : d.windows()) {
                if (w.to() >= n) {
                    v.add(
                            p
                                    + "window "
                                    + w.from()
                                    + ".."
                                    + w.to()
                                    + " ends after the last period ("
                                    + (n - 1)
                                    + ")");
                    continue;
                }
                double lo = 0, hi = 0;
                for (int t = w.from(); t <= w.to(); t++) {
                    if (covered[t]) {
                        v.add(
                                p
                                        + "window "
                                        + w.from()
                                        + ".."
                                        + w.to()
                                        + " overlaps another window in period "
                                        + t);
                        break;
                    }
                    covered[t] = true;
                    lo += dt * d.minKw().at(t);
                    hi += dt * d.maxKw().at(t);
                }
                if (w.energyKwh() < lo - 1e-9 * hi || w.energyKwh() > hi + 1e-9 * hi) {
                    v.add(
                            p
                                    + "window "
                                    + w.from()
                                    + ".."
                                    + w.to()
                                    + " asks "
                                    + w.energyKwh()
                                    + " kWh but its bounds allow only ["
                                    + lo
                                    + ", "
                                    + hi
                                    + "] kWh");
                }
            }
        }

        private static void tariff(List<String> v, String field, GridTariff tariff, int n) {
            if (tariff == null) {
                v.add(field + ": missing");
                return;
            }
            if (!fits(v, field + ".buyPrice", tariff.buyPrice(), n)
                    | !fits(v, field + ".sellPrice", tariff.sellPrice(), n)) {
                return;
            }
            for (int t = 0; t < n; t++) {
                double buy = tariff.buyPrice().at(t), sell = tariff.sellPrice().at(t);
                if (!Double.isFinite(buy) || !Double.isFinite(sell) || sell > buy) {
                    v.add(
                            field
                                    + ": in period "
                                    + t
                                    + " sellPrice ("
                                    + sell
                                    + ") must be finite and at most buyPrice ("
                                    + buy
                                    + ")");
                    return;
                }
            }
        }

        private static boolean fits(List<String> v, String field, Series s, int n) {
            if (!s.fits(n)) {
                v.add(field + " has " + s.length() + " values but the day has " + n + " periods");
                return false;
            }
            return true;
        }

        private static void nonNegative(List<String> v, String field, Series s, int n) {
            if (!fits(v, field, s, n)) {
                return;
            }
            for (int t = 0; t < n; t++) {
                if (!(s.at(t) >= 0) || !Double.isFinite(s.at(t))) {
                    v.add(
                            field
                                    + " must be a finite number >= 0, got "
                                    + s.at(t)
                                    + " in period "
                                    + t);
                    return;
                }
            }
        }
    }
}
