package org.gridbazaar.solver.support;

import org.gridbazaar.formulation.MarketProblem;

/**
 * The stationarity condition of a peer with side constraints (a CHP region), for {@link
 * PriceRecovery} and {@link KktResiduals}. Such a peer's condition couples its node prices: {@code
 * y - mc} must lie in the cone spanned by the normals of its active side constraints and bounds
 * ({@code mc_k = a_k x_k + b_k}, $/kW), which is not a difference constraint between two prices, so
 * a backend that handles such peers says here how.
 *
 * <p>Arrays are indexed like {@link MarketProblem#nodesOfPeer(int)}: entry {@code i} belongs to
 * node {@code nodes[i]}. Prices in $/kW with the sign convention of {@code
 * org.gridbazaar.formulation} ({@code y_k = a_k x_k + b_k} strictly inside the bounds); injections
 * in kW.
 */
public interface SidePeerPrices {

    /**
     * Prices for the nodes of {@code peer}, which has an active side constraint at {@code x},
     * within the ranges {@code [lowest_i, highest_i]} that the other conditions allow; {@code null}
     * when no prices satisfy both.
     *
     * @param marginalCost {@code a_k x_k + b_k} per node of the peer, $/kW
     * @param lowest smallest price per node allowed by the rest of the system, $/kW
     * @param highest largest price per node allowed by the rest of the system, $/kW
     */
    double[] place(
            MarketProblem problem,
            int peer,
            int[] nodes,
            double[] x,
            double[] marginalCost,
            double[] lowest,
            double[] highest);

    /**
     * How far, in $/kW, the prices {@code y} (indexed by node of the whole problem) are from
     * meeting the stationarity condition of {@code peer}, which has side constraints, at {@code x};
     * {@link Double#POSITIVE_INFINITY} when this cannot be measured.
     */
    double residual(MarketProblem problem, int peer, int[] nodes, double[] x, double[] y);
}
