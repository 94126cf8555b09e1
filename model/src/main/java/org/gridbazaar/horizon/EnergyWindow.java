package org.gridbazaar.horizon;

/**
 * A bound on a peer's energy over consecutive periods: {@code minKwh <= dt * sum(g_t for t =
 * from..to) <= maxKwh}, in the sign convention of the device power {@code g} (a consumer's energy
 * is negative). A shiftable load that must take exactly 30 kWh between periods 8 and 16 is {@code
 * EnergyWindow.of(8, 16, -30, -30)}.
 *
 * @param from first period of the window
 * @param to last period of the window, {@code >= from}
 * @param minKwh least energy, kWh ({@code NaN}: no lower bound)
 * @param maxKwh most energy, kWh ({@code NaN}: no upper bound)
 */
public record EnergyWindow(int from, int to, double minKwh, double maxKwh) {

    public EnergyWindow {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(
                    "power.energy: a window needs 0 <= from <= to, got from "
                            + from
                            + ", to "
                            + to);
        }
        if (Double.isNaN(minKwh) && Double.isNaN(maxKwh)) {
            throw new IllegalArgumentException(
                    "power.energy: a window needs at least one of minKwh and maxKwh");
        }
        if (Double.isInfinite(minKwh) || Double.isInfinite(maxKwh)) {
            throw new IllegalArgumentException(
                    "power.energy: minKwh and maxKwh must be finite, got "
                            + minKwh
                            + " and "
                            + maxKwh);
        }
        if (!Double.isNaN(minKwh) && !Double.isNaN(maxKwh) && minKwh > maxKwh) {
            throw new IllegalArgumentException(
                    "power.energy: minKwh (" + minKwh + ") is above maxKwh (" + maxKwh + ")");
        }
    }

    /** A window with both bounds. */
    public static EnergyWindow of(int from, int to, double minKwh, double maxKwh) {
        return new EnergyWindow(from, to, minKwh, maxKwh);
    }

    /** Whether the window has a lower bound. */
    public boolean hasMin() {
        return !Double.isNaN(minKwh);
    }

    /** Whether the window has an upper bound. */
    public boolean hasMax() {
        return !Double.isNaN(maxKwh);
    }
}
