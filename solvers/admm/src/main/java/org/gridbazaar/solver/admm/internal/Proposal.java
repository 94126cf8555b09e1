package org.gridbazaar.solver.admm.internal;

/**
 * The only thing agents exchange: on channel {@code channel} (one per partner and commodity), peer
 * {@code from} proposes to peer {@code to} the signed trade {@code trade} (kW, from its own point of
 * view: positive sells) and states its bilateral price {@code price} ($/kW, what the buyer pays and
 * the seller receives).
 */
public record Proposal(int from, int to, int commodity, int channel, double trade, double price) {
}
