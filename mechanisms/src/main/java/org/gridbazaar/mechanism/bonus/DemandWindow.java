package org.gridbazaar.mechanism.bonus;

/**
 * The energy a flexible demand must take over consecutive periods: {@code dt * sum(d_t for t =
 * from..to) = energyKwh}, with consumption {@code d_t >= 0} in kW.
 *
 * @param from first period of the window
 * @param to last period of the window, {@code >= from}
 * @param energyKwh energy consumed over the window, kWh, {@code >= 0}
 */
public record DemandWindow(int from, int to, double energyKwh) {

    public DemandWindow {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(
                    "demand window: needs 0 <= from <= to, got from " + from + ", to " + to);
        }
        if (!(energyKwh >= 0) || !Double.isFinite(energyKwh)) {
            throw new IllegalArgumentException(
                    "demand window "
                            + from
                            + ".."
                            + to
                            + ": energyKwh must be a finite number >= 0, got "
                            + energyKwh);
        }
    }
}
