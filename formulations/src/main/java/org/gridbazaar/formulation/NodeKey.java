package org.gridbazaar.formulation;

/**
 * The typed address of a node of a {@link MarketProblem}: one commodity of one peer in one period.
 * Solvers work on dense node indices; {@link MarketProblem#node(NodeKey)} maps a key to its index
 * in constant time and {@link MarketProblem#nodeKey(int)} maps back.
 *
 * @param peer the peer's index ({@code 0 .. peerCount()-1})
 * @param commodity {@link MarketProblem#POWER} or {@link MarketProblem#HEAT}
 * @param period the period ({@code 0} in a single-period market)
 */
public record NodeKey(int peer, int commodity, int period) {}
