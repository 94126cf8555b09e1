package org.gridbazaar.result;

/**
 * The flow on a line implied by the peers' net injections.
 *
 * @param lineId         the line
 * @param flowKw         active power flow, kW, positive from the line's {@code from} bus to its {@code to} bus
 * @param loadingPercent {@code 100*|flow|/capacity}, or {@code NaN} for a line without capacity
 */
public record LineFlow(String lineId, double flowKw, double loadingPercent) {
}
