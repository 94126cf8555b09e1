package org.gridbazaar.horizon;

/**
 * Ramp limits of a peer's device power {@code g_t} (kW from one period to the next, whatever the
 * period length): {@code g_t - g_(t-1) <= upKw} and {@code g_(t-1) - g_t <= downKw} for {@code t >=
 * 1}, and for {@code t = 0} against {@code g_-1 = initialKw} when that is given.
 *
 * @param upKw largest rise per period, kW ({@code NaN}: no limit)
 * @param downKw largest fall per period, kW ({@code NaN}: no limit)
 * @param initialKw device power before period 0, kW ({@code NaN}: period 0 is free)
 */
public record Ramp(double upKw, double downKw, double initialKw) {

    public Ramp {
        if (!Double.isNaN(upKw) && !(upKw >= 0 && Double.isFinite(upKw))) {
            throw new IllegalArgumentException(
                    "power.ramp.upKw must be a finite number >= 0, got " + upKw);
        }
        if (!Double.isNaN(downKw) && !(downKw >= 0 && Double.isFinite(downKw))) {
            throw new IllegalArgumentException(
                    "power.ramp.downKw must be a finite number >= 0, got " + downKw);
        }
        if (Double.isInfinite(initialKw)) {
            throw new IllegalArgumentException(
                    "power.ramp.initialKw must be finite, got " + initialKw);
        }
    }

    /** Limits in both directions, no initial power. */
    public static Ramp of(double upKw, double downKw) {
        return new Ramp(upKw, downKw, Double.NaN);
    }

    /** The same limits, with the device at {@code kw} before period 0. */
    public Ramp startingAt(double kw) {
        return new Ramp(upKw, downKw, kw);
    }

    /** Whether rises are limited. */
    public boolean limitsUp() {
        return !Double.isNaN(upKw);
    }

    /** Whether falls are limited. */
    public boolean limitsDown() {
        return !Double.isNaN(downKw);
    }

    /** Whether the power before period 0 is given. */
    public boolean hasInitial() {
        return !Double.isNaN(initialKw);
    }
}
