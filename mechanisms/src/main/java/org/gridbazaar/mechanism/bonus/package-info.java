/**
 * A bonus mechanism against real-time imbalance in a microgrid of independent agents
 * (Fattaheian-Dehkordi et al., "Transactive-based control algorithm for real-time energy imbalance
 * minimisation in microgrids", CIRED 2020): a day-ahead schedule from the multi-period market
 * ({@link org.gridbazaar.mechanism.bonus.DayAheadSchedule}), then, period by period, the control
 * unit's bonus raised in steps until the agents' re-schedules cover the renewable agent's imbalance
 * or the bonus reaches its ceiling ({@link org.gridbazaar.mechanism.bonus.BonusMechanism}).
 *
 * <h2>Units and signs</h2>
 *
 * Power is an agent's net injection into the microgrid, kW, positive when it supplies (a demand's
 * injection is minus its consumption, a storage unit's discharge minus charge). Imbalance is the
 * microgrid's real-time surplus, kW, negative when short. Energy kWh, prices and bonuses $/kWh,
 * money $, periods of {@code dt} hours. A bonus {@code b} is paid as {@code b * dt} $ per kW an
 * agent moves its injection in the direction that reduces the imbalance (more injection when short,
 * less when long), whatever its kind: this replaces the signs of the paper's equations 1 to 4,
 * which reward a demand for consuming more and a generator for producing more at once (see {@code
 * docs/bonus-mechanism.md}).
 */
package org.gridbazaar.mechanism.bonus;
