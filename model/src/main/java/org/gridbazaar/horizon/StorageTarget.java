package org.gridbazaar.horizon;

/**
 * A lower bound on a storage unit's energy at the end of one period: {@code E_period >= minKwh}.
 *
 * @param period the period, {@code 0 .. periods-1}
 * @param minKwh the least energy at the end of that period, kWh
 */
public record StorageTarget(int period, double minKwh) {}
