package org.gridbazaar.result;

import java.util.Arrays;
import java.util.Objects;
import org.gridbazaar.model.PeerId;

/**
 * One storage unit over the horizon: charge {@code c_t} and discharge {@code d_t} (kW, both {@code
 * >= 0}) and the energy {@code E_t} at the end of each period (kWh). Immutable; accessors return
 * copies.
 */
public final class StorageOutcome {

    private final PeerId id;
    private final double[] chargeKw, dischargeKw, energyKwh;

    /** A unit's trajectory; the three arrays have one value per period. */
    public StorageOutcome(PeerId id, double[] chargeKw, double[] dischargeKw, double[] energyKwh) {
        this.id = Objects.requireNonNull(id, "id");
        if (chargeKw.length != dischargeKw.length || chargeKw.length != energyKwh.length) {
            throw new IllegalArgumentException(
                    "storage of "
                            + id
                            + ": charge, discharge and energy need one value per period each");
        }
        this.chargeKw = chargeKw.clone();
        this.dischargeKw = dischargeKw.clone();
        this.energyKwh = energyKwh.clone();
    }

    /** The peer that owns the unit. */
    public PeerId id() {
        return id;
    }

    /** Number of periods. */
    public int periods() {
        return chargeKw.length;
    }

    /** Charge per period, kW. */
    public double[] chargeKw() {
        return chargeKw.clone();
    }

    /** Discharge per period, kW. */
    public double[] dischargeKw() {
        return dischargeKw.clone();
    }

    /** Energy at the end of each period, kWh. */
    public double[] energyKwh() {
        return energyKwh.clone();
    }

    /** Charge in period {@code t}, kW. */
    public double chargeKw(int t) {
        return chargeKw[t];
    }

    /** Discharge in period {@code t}, kW. */
    public double dischargeKw(int t) {
        return dischargeKw[t];
    }

    /** Energy at the end of period {@code t}, kWh. */
    public double energyKwh(int t) {
        return energyKwh[t];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageOutcome s
                && id.equals(s.id)
                && Arrays.equals(chargeKw, s.chargeKw)
                && Arrays.equals(dischargeKw, s.dischargeKw)
                && Arrays.equals(energyKwh, s.energyKwh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(chargeKw), Arrays.hashCode(energyKwh));
    }

    @Override
    public String toString() {
        return "StorageOutcome[" + id + ", energy " + Arrays.toString(energyKwh) + " kWh]";
    }
}
