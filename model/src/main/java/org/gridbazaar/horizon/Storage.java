package org.gridbazaar.horizon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A storage unit of a prosumer: a battery, an electric vehicle, any device that holds energy from
 * one period to the next. Immutable; build with {@link #builder(double, double)} or, for an
 * electric vehicle, {@link ElectricVehicle}.
 *
 * <p>With charge {@code c_t >= 0} and discharge {@code d_t >= 0} (kW) in period {@code t} of {@code
 * dt} hours, the energy at the end of the period is
 *
 * <pre>
 *   E_t = (1 - standingLossPerHour)^dt * E_(t-1) + dt * (chargeEfficiency * c_t - d_t / dischargeEfficiency) - usageKwh_t
 * </pre>
 *
 * with {@code E_-1 = initialKwh}, and {@code minKwh <= E_t <= capacityKwh}, {@code c_t <=
 * chargeKw_t}, {@code d_t <= dischargeKw_t} in every period; each target asks {@code E_period >=
 * minKwh}. The peer's net power is its device power plus {@code d_t - c_t}. Charging costs {@code
 * throughputCost} $/kWh on {@code dt * (c_t + d_t)}.
 *
 * <p>Checks that need only the unit are made when it is built and name the field; checks against a
 * horizon (series lengths, target periods) are made by {@link MultiPeriodMarket.Builder#build()}.
 */
public final class Storage {

    private final double capacityKwh, minKwh, initialKwh;
    private final Series chargeKw, dischargeKw, usageKwh;
    private final double chargeEfficiency, dischargeEfficiency, standingLossPerHour, throughputCost;
    private final List<StorageTarget> targets;

    private Storage(Builder b) {
        capacityKwh = b.capacityKwh;
        minKwh = b.minKwh;
        initialKwh = b.initialKwh;
        chargeKw = b.chargeKw;
        dischargeKw = b.dischargeKw;
        usageKwh = b.usageKwh;
        chargeEfficiency = b.chargeEfficiency;
        dischargeEfficiency = b.dischargeEfficiency;
        standingLossPerHour = b.standingLossPerHour;
        throughputCost = b.throughputCost;
        targets = List.copyOf(b.targets);
    }

    /**
     * A builder for a unit of {@code capacityKwh} kWh holding {@code initialKwh} kWh before period
     * 0.
     */
    public static Builder builder(double capacityKwh, double initialKwh) {
        return new Builder(capacityKwh, initialKwh);
    }

    /** Usable capacity, kWh. */
    public double capacityKwh() {
        return capacityKwh;
    }

    /** Least energy the unit may hold, kWh. */
    public double minKwh() {
        return minKwh;
    }

    /** Energy before period 0, kWh. */
    public double initialKwh() {
        return initialKwh;
    }

    /** Charge limit per period, kW. */
    public Series chargeKw() {
        return chargeKw;
    }

    /** Discharge limit per period, kW. */
    public Series dischargeKw() {
        return dischargeKw;
    }

    /** Energy the device itself uses per period (an electric vehicle driving), kWh. */
    public Series usageKwh() {
        return usageKwh;
    }

    /** Fraction of charged power that is stored, in (0, 1]. */
    public double chargeEfficiency() {
        return chargeEfficiency;
    }

    /** Fraction of withdrawn energy that leaves as power, in (0, 1]. */
    public double dischargeEfficiency() {
        return dischargeEfficiency;
    }

    /** Fraction of the stored energy lost per hour, in [0, 1). */
    public double standingLossPerHour() {
        return standingLossPerHour;
    }

    /** Cost per kWh charged or discharged, $/kWh. */
    public double throughputCost() {
        return throughputCost;
    }

    /** Energy targets, in the order given. */
    public List<StorageTarget> targets() {
        return targets;
    }

    /**
     * The fraction of the energy kept over one period of {@code hours} hours: {@code (1 -
     * loss)^hours}.
     */
    public double retention(double hours) {
        return Math.pow(1 - standingLossPerHour, hours);
    }

    /**
     * What is wrong with this unit on a horizon of {@code periods} periods, one message per
     * problem, each starting with {@code prefix} (e.g. {@code "peer B7: "}).
     */
    List<String> problems(String prefix, int periods) {
        List<String> v = new ArrayList<>();
        seriesProblem(v, prefix, "chargeKw", chargeKw, periods);
        seriesProblem(v, prefix, "dischargeKw", dischargeKw, periods);
        seriesProblem(v, prefix, "usageKwh", usageKwh, periods);
        boolean[] seen = new boolean[periods];
        for (StorageTarget target : targets) {
            if (target.period() < 0 || target.period() >= periods) {
                v.add(
                        prefix
                                + "storage.targets: period "
                                + target.period()
                                + " is not a period of the horizon (0 .. "
                                + (periods - 1)
                                + ")");
            } else if (seen[target.period()]) {
                v.add(
                        prefix
                                + "storage.targets: two targets in period "
                                + target.period()
                                + " (at most one per period)");
            } else {
                seen[target.period()] = true;
            }
        }
        return v;
    }

    private static void seriesProblem(
            List<String> v, String prefix, String field, Series s, int periods) {
        if (!s.fits(periods)) {
            v.add(
                    prefix
                            + "storage."
                            + field
                            + " has "
                            + s.length()
                            + " values but the horizon has "
                            + periods
                            + " periods");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Storage s
                && capacityKwh == s.capacityKwh
                && minKwh == s.minKwh
                && initialKwh == s.initialKwh
                && chargeKw.equals(s.chargeKw)
                && dischargeKw.equals(s.dischargeKw)
                && usageKwh.equals(s.usageKwh)
                && chargeEfficiency == s.chargeEfficiency
                && dischargeEfficiency == s.dischargeEfficiency
                && standingLossPerHour == s.standingLossPerHour
                && throughputCost == s.throughputCost
                && targets.equals(s.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                capacityKwh, minKwh, initialKwh, chargeKw, dischargeKw, usageKwh, targets);
    }

    @Override
    public String toString() {
        return "Storage["
                + capacityKwh
                + " kWh, initial "
                + initialKwh
                + " kWh, charge "
                + chargeKw
                + " kW, discharge "
                + dischargeKw
                + " kW]";
    }

    /** Builds a {@link Storage}; every setter names the field of the case format it sets. */
    public static final class Builder {
        private final double capacityKwh, initialKwh;
        private double minKwh = 0;
        private Series chargeKw = Series.constant(0),
                dischargeKw = Series.constant(0),
                usageKwh = Series.constant(0);
        private double chargeEfficiency = 1,
                dischargeEfficiency = 1,
                standingLossPerHour = 0,
                throughputCost = 0;
        private final List<StorageTarget> targets = new ArrayList<>();

        private Builder(double capacityKwh, double initialKwh) {
            this.capacityKwh = capacityKwh;
            this.initialKwh = initialKwh;
        }

        /** {@code minKwh}: the least energy the unit may hold (default 0). */
        public Builder minKwh(double kwh) {
            this.minKwh = kwh;
            return this;
        }

        /** {@code chargeKw} and {@code dischargeKw}, the same in every period. */
        public Builder powerKw(double chargeKw, double dischargeKw) {
            return chargeKw(Series.constant(chargeKw)).dischargeKw(Series.constant(dischargeKw));
        }

        /** {@code chargeKw} per period. */
        public Builder chargeKw(Series kw) {
            this.chargeKw = Objects.requireNonNull(kw, "chargeKw");
            return this;
        }

        /** {@code dischargeKw} per period. */
        public Builder dischargeKw(Series kw) {
            this.dischargeKw = Objects.requireNonNull(kw, "dischargeKw");
            return this;
        }

        /** {@code usageKwh} per period (default 0). */
        public Builder usageKwh(Series kwh) {
            this.usageKwh = Objects.requireNonNull(kwh, "usageKwh");
            return this;
        }

        /** {@code chargeEfficiency} and {@code dischargeEfficiency} (default 1 each). */
        public Builder efficiencies(double charge, double discharge) {
            this.chargeEfficiency = charge;
            this.dischargeEfficiency = discharge;
            return this;
        }

        /** {@code standingLossPerHour} (default 0). */
        public Builder standingLossPerHour(double fraction) {
            this.standingLossPerHour = fraction;
            return this;
        }

        /** {@code throughputCost}, $/kWh (default 0). */
        public Builder throughputCost(double dollarsPerKwh) {
            this.throughputCost = dollarsPerKwh;
            return this;
        }

        /** A target {@code E_period >= minKwh}. */
        public Builder target(int period, double minKwh) {
            targets.add(new StorageTarget(period, minKwh));
            return this;
        }

        /**
         * Validates the unit and returns it.
         *
         * @throws IllegalArgumentException naming every field out of its range
         */
        public Storage build() {
            List<String> v = new ArrayList<>();
            if (!(capacityKwh > 0) || !Double.isFinite(capacityKwh)) {
                v.add("storage.capacityKwh must be a finite number > 0, got " + capacityKwh);
            }
            if (!(minKwh >= 0 && minKwh <= capacityKwh)) {
                v.add(
                        "storage.minKwh must be in [0, capacityKwh = "
                                + capacityKwh
                                + "], got "
                                + minKwh);
            }
            if (!(initialKwh >= minKwh && initialKwh <= capacityKwh)) {
                v.add(
                        "storage.initialKwh must be in [minKwh = "
                                + minKwh
                                + ", capacityKwh = "
                                + capacityKwh
                                + "], got "
                                + initialKwh);
            }
            nonNegative(v, "chargeKw", chargeKw);
            nonNegative(v, "dischargeKw", dischargeKw);
            nonNegative(v, "usageKwh", usageKwh);
            if (!(chargeEfficiency > 0 && chargeEfficiency <= 1)) {
                v.add("storage.chargeEfficiency must be in (0, 1], got " + chargeEfficiency);
            }
            if (!(dischargeEfficiency > 0 && dischargeEfficiency <= 1)) {
                v.add("storage.dischargeEfficiency must be in (0, 1], got " + dischargeEfficiency);
            }
            if (!(standingLossPerHour >= 0 && standingLossPerHour < 1)) {
                v.add("storage.standingLossPerHour must be in [0, 1), got " + standingLossPerHour);
            }
            if (!(throughputCost >= 0) || !Double.isFinite(throughputCost)) {
                v.add("storage.throughputCost must be a finite number >= 0, got " + throughputCost);
            }
            for (StorageTarget t : targets) {
                if (!Double.isFinite(t.minKwh()) || t.minKwh() > capacityKwh) {
                    v.add(
                            "storage.targets: minKwh of the target in period "
                                    + t.period()
                                    + " must be finite and <= capacityKwh = "
                                    + capacityKwh
                                    + ", got "
                                    + t.minKwh());
                }
            }
            if (!v.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", v));
            }
            return new Storage(this);
        }

        private static void nonNegative(List<String> v, String field, Series s) {
            int bad = s.firstNonFinite();
            if (bad >= 0) {
                v.add(
                        "storage."
                                + field
                                + (s.isConstant() ? "" : "[" + bad + "]")
                                + " must be finite, got "
                                + s.at(bad));
            } else if (s.min() < 0) {
                v.add("storage." + field + " must be >= 0, got " + s.min());
            }
        }
    }
}
