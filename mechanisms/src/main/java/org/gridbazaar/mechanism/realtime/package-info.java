/**
 * The real-time loop of communities with the load-serving entity (LSE), after Theisen et al.,
 * "Community-Based Transactive Coordination Mechanism for Enabling Grid-Edge Systems", TPEC 2024.
 *
 * <p>Communities ({@link org.gridbazaar.mechanism.realtime.Community}: a market of members over the
 * day, placed on feeder buses) send bid curves of net import (kW) against price ($/kWh) in every
 * period; a third party clears their sum against the LSE's supply curve ({@link
 * org.gridbazaar.mechanism.realtime.LseSupply}: wholesale price plus delivery charges, up to the
 * substation limit); each community dispatches its award; the feeder's AC power flow, our own
 * backward/forward sweep ({@link org.gridbazaar.grid.AcPowerFlow}), not a separate distribution
 * simulator, reports voltages and losses; storage carries its energy to the next period ({@link
 * org.gridbazaar.mechanism.realtime.RealTimeLoop}). The same communities under a flat or
 * time-of-use {@link org.gridbazaar.mechanism.realtime.Tariff} give the costs to compare ({@link
 * org.gridbazaar.mechanism.realtime.TariffResponse}).
 *
 * <p><b>Signs.</b> A community's net import and award are positive when it buys from the feeder; a
 * member's power is positive when it produces; the LSE's supply is positive when it delivers into
 * the feeder. Payments are positive when paid, in $; prices in $/kWh, energies in kWh, periods of
 * {@code dt} hours.
 */
package org.gridbazaar.mechanism.realtime;
