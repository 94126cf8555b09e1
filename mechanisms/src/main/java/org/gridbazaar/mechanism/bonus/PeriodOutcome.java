package org.gridbazaar.mechanism.bonus;

/**
 * One period of the bonus loop. Imbalance is the microgrid's real-time surplus, kW: the renewable
 * agent's real minus forecast output plus the agents' changes of net injection from their day-ahead
 * schedules; negative when short.
 *
 * @param period period index
 * @param imbalanceBeforeKw imbalance with every agent on the schedule it held entering the period,
 *     kW
 * @param imbalanceAfterKw imbalance after the agents' accepted re-schedules, kW (settled with the
 *     grid)
 * @param bonus the final bonus {@code b_t}, $/kWh (0 when there was no imbalance)
 * @param ceiling the bonus ceiling of the period, $/kWh
 * @param steps bonus levels offered (including 0; 0 when there was no imbalance)
 * @param multiplierLow the low end of the interval of multipliers of the real-time balance in the
 *     centralized re-dispatch of the same agents, $/kWh ({@code NaN} when not computed or no
 *     imbalance); see {@code CentralizedRedispatch}
 * @param multiplierHigh its high end, $/kWh (equal to the low end unless the agents' total
 *     contribution bends exactly at the imbalance)
 * @param renewableCostWithout the renewable agent's real-time cost without coordination, $
 * @param renewableCostWith its real-time cost with the mechanism (bonuses, energy bought from the
 *     agents, settlement of what remains), $
 */
public record PeriodOutcome(
        int period,
        double imbalanceBeforeKw,
        double imbalanceAfterKw,
        double bonus,
        double ceiling,
        int steps,
        double multiplierLow,
        double multiplierHigh,
        double renewableCostWithout,
        double renewableCostWith) {}
