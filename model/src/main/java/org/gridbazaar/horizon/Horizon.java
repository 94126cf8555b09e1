package org.gridbazaar.horizon;

/**
 * The time axis of a market over time: {@code periods} periods of {@code hoursPerPeriod} hours
 * each, numbered {@code 0 .. periods-1}.
 *
 * <p>Costs are rates ($ per hour at a power in kW), so a period contributes {@code hoursPerPeriod}
 * times its cost to the horizon's objective, and energy in a period is {@code hoursPerPeriod} times
 * power (kWh).
 *
 * @param periods number of periods, at least 1
 * @param hoursPerPeriod length of one period in hours ({@code dt}), finite and positive
 */
public record Horizon(int periods, double hoursPerPeriod) {

    /** The most periods a horizon may have (a year of 5-minute periods, with room). */
    public static final int MAX_PERIODS = 200_000;

    public Horizon {
        if (periods < 1 || periods > MAX_PERIODS) {
            throw new IllegalArgumentException(
                    "horizon.periods must be between 1 and " + MAX_PERIODS + ", got " + periods);
        }
        if (!(hoursPerPeriod > 0) || !Double.isFinite(hoursPerPeriod)) {
            throw new IllegalArgumentException(
                    "horizon.hoursPerPeriod must be a finite number > 0, got " + hoursPerPeriod);
        }
    }

    /** {@code periods} periods of {@code hoursPerPeriod} hours. */
    public static Horizon of(int periods, double hoursPerPeriod) {
        return new Horizon(periods, hoursPerPeriod);
    }

    /** {@code periods} periods of one hour. */
    public static Horizon hourly(int periods) {
        return new Horizon(periods, 1.0);
    }

    /** Total length in hours. */
    public double hours() {
        return periods * hoursPerPeriod;
    }
}
