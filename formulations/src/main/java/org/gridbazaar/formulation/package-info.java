/**
 * Solver-neutral market problems.
 *
 * <h2>Canonical form</h2>
 *
 * A {@link org.gridbazaar.formulation.MarketProblem} is a separable convex-cost flow problem with
 * peer-local side constraints:
 *
 * <pre>
 *   minimise   sum_k (0.5 a_k x_k^2 + b_k x_k + c_k) + sum_t w_t f_t
 *   subject to x_k = sum_{t out of k} f_t - sum_{t into k} f_t     (balance, dual y_k)
 *              lo_k &lt;= x_k &lt;= hi_k
 *              f_t &gt;= 0
 *              sum_k g_rk x_k &lt;= h_r                                (side constraints, each within one peer)
 *              sum_k G_lk x_k &lt;= H_l                                (coupling constraints, dual mu_l &gt;= 0)
 * </pre>
 *
 * <h2>Peer blocks and periods</h2>
 *
 * The same form, read per peer, is a problem of peer blocks. A node is addressed by the typed key
 * {@link org.gridbazaar.formulation.NodeKey} (peer, commodity, period); a market over time has one
 * node per peer, commodity and period, and trades (arcs) within one period. Besides its nodes, a
 * peer's block may own private variables {@code z_v} (a storage unit's charge, discharge and
 * energy, a device's power behind the meter) with separable costs {@code 0.5 alpha_v z_v^2 + beta_v
 * z_v + gamma_v} and bounds, and its side constraints may involve them and be equalities:
 *
 * <pre>
 *              sum_k g_rk x_k + sum_v e_rv z_v (&lt;= or =) h_r             (rows of one peer's block)
 * </pre>
 *
 * Storage dynamics, ramp limits and energy windows are such rows; they link a peer's periods, and
 * only coupling constraints link peers. {@link
 * org.gridbazaar.formulation.MarketProblem#hasPeerBlocks()} says whether a problem uses private
 * variables or equality rows; a solver that does not handle them refuses the problem, saying so.
 *
 * <p>Coupling constraints span several peers; the P2P formulation uses them only for hard line
 * limits (the net power injection below a line bounded by the line's capacity in each direction).
 * Their multipliers {@code mu_l} ($/kW) enter stationarity as {@code a_k x_k + b_k - y_k + sum_l
 * G_lk mu_l (+ bound and side terms) = 0}: a line's shadow price is what one more kW of capacity
 * would save. A node {@code k} is one commodity (power or heat) of one peer and {@code x_k} its net
 * injection (kW, positive sells). An arc {@code t} is a directed trade from a seller node to a
 * buyer node of the same commodity; {@code f_t} kW. The bilateral trades of the market are {@code
 * P_ij = f(i->j) - f(j->i)}, so reciprocity {@code P_ij + P_ji = 0} holds by construction and the
 * sign rules of seed eq. 12.8–12.9 are the arcs' directions. The arc cost {@code w_t = sellerCost_t
 * + buyerCost_t} collects the per-kW preference and penalty terms each side pays on {@code |P_ij|}.
 *
 * <h2>Dual sign convention</h2>
 *
 * {@code y_k} is the multiplier of balance with the Lagrangian term {@code -y_k (x_k - (Nf)_k)}: at
 * the optimum {@code y_k = a_k x_k + b_k} for a node strictly inside its bounds, so {@code y_k} is
 * the node's marginal price in $/kW. For an arc with positive flow, {@code y_head = y_tail + w_t},
 * and the trade's clearing price (the reciprocity multiplier of the original formulation, as the
 * buyer pays and the seller receives) is {@code y_tail + sellerCost_t = y_head - buyerCost_t}.
 */
package org.gridbazaar.formulation;
