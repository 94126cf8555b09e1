package org.gridbazaar.mechanism.bonus;

/**
 * One agent in one period of the bonus loop.
 *
 * @param agent agent id
 * @param kind what the agent schedules
 * @param period period index
 * @param changeKw its real-time net injection minus its day-ahead one in this period, kW (after the
 *     whole day, so it includes changes made at earlier periods)
 * @param contributionKw what it took of this period's imbalance, kW, {@code >= 0} (its change of
 *     injection in the helpful direction when it accepted the bonus)
 * @param bonusPaid bonus received for it, $ ({@code bonus * contribution * dt})
 * @param profitChange its profit over its look-ahead with the accepted re-schedule and bonus, minus
 *     its profit on the schedule it held, $, at the day-ahead prices
 */
public record AgentPeriod(
        String agent,
        FlexibleAgent.Kind kind,
        int period,
        double changeKw,
        double contributionKw,
        double bonusPaid,
        double profitChange) {}
