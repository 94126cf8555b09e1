package org.gridbazaar.mechanism.bonus;

/**
 * How the control unit runs the bonus loop.
 *
 * @param lookAheadPeriods {@code T}: each agent re-schedules over {@code [t, t + T]} (clipped at
 *     the end of the day), {@code >= 0}
 * @param stepFraction the bonus step as a fraction of the period's ceiling, in {@code (0, 1]}: the
 *     bonus is raised through {@code 0, step, 2 step, ...} up to the ceiling
 * @param ceiling what bounds the bonus
 * @param reluctance each agent's cost of re-scheduling, as the marginal cost (a fraction of the
 *     day's mean spread) of moving its power by its whole range in one period; in {@code [1e-9,
 *     1]}, small. It makes every answer unique (the agents' problems strictly convex) and keeps an
 *     agent on its schedule among equally profitable ones
 * @param centralized whether to solve, per period, the centralized re-dispatch of the same agents
 *     and report the multiplier of its real-time balance
 * @param tolerance relative tolerance of the agents' quadratic programs
 */
public record BonusOptions(
        int lookAheadPeriods,
        double stepFraction,
        Ceiling ceiling,
        double reluctance,
        boolean centralized,
        double tolerance) {

    /**
     * Look-ahead 6 periods, steps of 2% of the ceiling, the paper's spread ceiling, reluctance
     * 1e-3, centralized comparison on.
     */
    public static final BonusOptions DEFAULTS =
            new BonusOptions(6, 0.02, Ceiling.SPREAD, 1e-3, true, 1e-9);

    public BonusOptions {
        if (lookAheadPeriods < 0) {
            throw new IllegalArgumentException(
                    "lookAheadPeriods must be >= 0, got " + lookAheadPeriods);
        }
        if (!(stepFraction > 0 && stepFraction <= 1)) {
            throw new IllegalArgumentException(
                    "stepFraction must be in (0, 1], got " + stepFraction);
        }
        if (ceiling == null) {
            throw new IllegalArgumentException("ceiling must be given (SPREAD or AVOIDED_COST)");
        }
        if (!(reluctance >= 1e-9 && reluctance <= 1)) {
            throw new IllegalArgumentException(
                    "reluctance must be in [1e-9, 1], got "
                            + reluctance
                            + "; it keeps every agent's answer unique, so it cannot be zero");
        }
        if (!(tolerance > 0 && tolerance < 1e-3)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1e-3), got " + tolerance);
        }
    }

    /** The same options with look-ahead {@code periods}. */
    public BonusOptions withLookAhead(int periods) {
        return new BonusOptions(periods, stepFraction, ceiling, reluctance, centralized, tolerance);
    }

    /** The same options with bonus steps of {@code fraction} of the ceiling. */
    public BonusOptions withStepFraction(double fraction) {
        return new BonusOptions(
                lookAheadPeriods, fraction, ceiling, reluctance, centralized, tolerance);
    }

    /** The same options with another ceiling. */
    public BonusOptions withCeiling(Ceiling rule) {
        return new BonusOptions(
                lookAheadPeriods, stepFraction, rule, reluctance, centralized, tolerance);
    }

    /** The same options with another reluctance. */
    public BonusOptions withReluctance(double value) {
        return new BonusOptions(
                lookAheadPeriods, stepFraction, ceiling, value, centralized, tolerance);
    }

    /** The same options with the centralized comparison on or off. */
    public BonusOptions withCentralized(boolean on) {
        return new BonusOptions(lookAheadPeriods, stepFraction, ceiling, reluctance, on, tolerance);
    }

    /** What bounds the bonus of a period, $/kWh. */
    public enum Ceiling {
        /**
         * The spread between the grid's real-time buy and sell prices, as in the paper. When the
         * day-ahead price lies strictly between them, a bonus near the spread costs the renewable
         * agent more than settling with the grid would.
         */
        SPREAD,
        /**
         * What one kWh of imbalance costs the renewable agent at the grid, beyond the day-ahead
         * price: {@code buy_t - lambda_t} when short, {@code lambda_t - sell_t} when long. Never
         * above the spread; equal to it when the day-ahead price sits at the other grid price.
         */
        AVOIDED_COST
    }
}
