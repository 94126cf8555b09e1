/**
 * Market architectures over one population, their clearing, bills and comparison.
 *
 * <p><b>Units and signs.</b> Power in kW, positive when a participant sells (injects); energy in
 * kWh; prices, tariffs and margins in $/kWh; money in $. A single-period market is one period of
 * one hour, so a price of 70 $/kWh on 1 kW for that period is 70 $. A bill's amounts are
 * non-negative; its {@link org.gridbazaar.architecture.Bill#net()} is what the participant pays
 * minus what it receives (negative: it is paid).
 *
 * <p><b>Every architecture is a reduction to a peer-to-peer market</b> ({@link
 * org.gridbazaar.architecture.ArchitectureMarket}): the population's peers, plus agents that the
 * design introduces (a pool operator, community managers, and the grid connection as two agents:
 * {@value org.gridbazaar.architecture.ArchitectureMarket#GRID_IMPORT}, a producer whose cost is the
 * import tariff, and {@value org.gridbazaar.architecture.ArchitectureMarket#GRID_EXPORT}, a
 * consumer whose value is the export tariff), and the trading pairs the design allows. A design is
 * then cleared by any {@link org.gridbazaar.solver.MarketSolver}; its prices are the trade prices
 * of that market (the multipliers of reciprocity, see {@code org.gridbazaar.result}).
 */
package org.gridbazaar.architecture;
