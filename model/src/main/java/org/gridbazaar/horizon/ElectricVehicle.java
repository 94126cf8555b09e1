package org.gridbazaar.horizon;

import java.util.Arrays;

/**
 * Builds the {@link Storage} of an electric vehicle on a horizon: a battery that charges (and, with
 * vehicle-to-grid, discharges) only while plugged in, uses energy while it drives, and must hold a
 * least energy when it leaves.
 *
 * <pre>{@code
 * Storage ev = ElectricVehicle.on(Horizon.hourly(24))
 *         .battery(60, 30).chargerKw(7.4)
 *         .trip(8, 17, 12)              // away in periods 8..17, driving 12 kWh in all
 *         .departure(7, 48)             // at least 48 kWh at the end of period 7
 *         .build();
 * }</pre>
 */
public final class ElectricVehicle {

    private final Horizon horizon;
    private double capacityKwh = Double.NaN, initialKwh = Double.NaN, minKwh = 0;
    private double chargerKw = 0,
            vehicleToGridKw = 0,
            chargeEfficiency = 1,
            dischargeEfficiency = 1;
    private final boolean[] away;
    private final double[] usage;
    private final java.util.List<StorageTarget> departures = new java.util.ArrayList<>();

    private ElectricVehicle(Horizon horizon) {
        this.horizon = horizon;
        this.away = new boolean[horizon.periods()];
        this.usage = new double[horizon.periods()];
    }

    /** A vehicle on {@code horizon}, plugged in throughout until trips are added. */
    public static ElectricVehicle on(Horizon horizon) {
        return new ElectricVehicle(horizon);
    }

    /** Battery capacity and energy before period 0, kWh. */
    public ElectricVehicle battery(double capacityKwh, double initialKwh) {
        this.capacityKwh = capacityKwh;
        this.initialKwh = initialKwh;
        return this;
    }

    /** Least energy the battery may hold, kWh (default 0). */
    public ElectricVehicle minKwh(double kwh) {
        this.minKwh = kwh;
        return this;
    }

    /** Charger power while plugged in, kW. */
    public ElectricVehicle chargerKw(double kw) {
        this.chargerKw = kw;
        return this;
    }

    /** Power the vehicle may give back to the grid while plugged in, kW (default 0). */
    public ElectricVehicle vehicleToGridKw(double kw) {
        this.vehicleToGridKw = kw;
        return this;
    }

    /** Charge and discharge efficiencies (default 1). */
    public ElectricVehicle efficiencies(double charge, double discharge) {
        this.chargeEfficiency = charge;
        this.dischargeEfficiency = discharge;
        return this;
    }

    /** Away in periods {@code from..to}, driving {@code drivingKwh} spread evenly over them. */
    public ElectricVehicle trip(int from, int to, double drivingKwh) {
        if (from < 0 || to < from || to >= horizon.periods()) {
            throw new IllegalArgumentException(
                    "trip periods must satisfy 0 <= from <= to < "
                            + horizon.periods()
                            + ", got "
                            + from
                            + ".."
                            + to);
        }
        for (int t = from; t <= to; t++) {
            away[t] = true;
            usage[t] += drivingKwh / (to - from + 1);
        }
        return this;
    }

    /**
     * At least {@code minKwh} at the end of period {@code period} (the last period before leaving).
     */
    public ElectricVehicle departure(int period, double minKwh) {
        departures.add(new StorageTarget(period, minKwh));
        return this;
    }

    /** The vehicle's storage unit. */
    public Storage build() {
        double[] charge = new double[away.length], discharge = new double[away.length];
        for (int t = 0; t < away.length; t++) {
            charge[t] = away[t] ? 0 : chargerKw;
            discharge[t] = away[t] ? 0 : vehicleToGridKw;
        }
        Storage.Builder b =
                Storage.builder(capacityKwh, initialKwh)
                        .minKwh(minKwh)
                        .chargeKw(Series.of(charge))
                        .dischargeKw(Series.of(discharge))
                        .usageKwh(Series.of(usage))
                        .efficiencies(chargeEfficiency, dischargeEfficiency);
        for (StorageTarget d : departures) {
            b.target(d.period(), d.minKwh());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ElectricVehicle[" + capacityKwh + " kWh, away " + Arrays.toString(away) + "]";
    }
}
