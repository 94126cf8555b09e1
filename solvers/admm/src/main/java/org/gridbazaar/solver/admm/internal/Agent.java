package org.gridbazaar.solver.admm.internal;

import java.util.List;

/**
 * A peer taking part in a negotiation: it keeps its data and state to itself and reacts only to
 * the proposals its partners send and to the step sizes the round announces.
 */
public interface Agent {

    /** The step sizes announced for one round. {@code priceStep} updates prices, {@code penalty} weighs the local proximal term. */
    record Round(int number, double priceStep, double penalty) {
    }

    /** The peer index. */
    int peer();

    /** The proposals sent before the first round (initial trades and prices). */
    List<Proposal> initialProposals();

    /** One local update given the proposals received; returns the proposals to send. */
    List<Proposal> update(Round round, List<Proposal> inbox);

    /** Whether the agent's last local problem was infeasible. */
    boolean locallyInfeasible();

    /** The agent's current aggregates per own node (kW), in the order of its nodes. */
    double[] aggregates();

    /** The agent's current internal node prices (the multiplier of each aggregate, $/kW). */
    double[] nodePrices();
}
