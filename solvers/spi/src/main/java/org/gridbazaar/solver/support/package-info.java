/**
 * Building blocks for solver implementers, shared by the backends so that each algorithm exists
 * once: {@link org.gridbazaar.solver.support.MaxFlow} (Dinic's maximum flow on real capacities),
 * {@link org.gridbazaar.solver.support.FlowRouting} (non-negative arc flows whose net injections
 * meet given intervals: exact feasibility of a market's bounds and trading pairs, starting points,
 * crossover), {@link org.gridbazaar.solver.support.PriceRecovery} (node prices from the KKT
 * conditions at a primal point, for backends without trustworthy multipliers) and {@link
 * org.gridbazaar.solver.support.KktResiduals} (primal residual, dual residual and duality gap
 * computed from a point and prices). Peers with side constraints (CHP regions) plug in through
 * {@link org.gridbazaar.solver.support.SidePeerPrices}; backends that form dense matrices state
 * their size limit with {@link org.gridbazaar.solver.support.VariableLimit}.
 *
 * <p>Everything works on the canonical {@link org.gridbazaar.formulation.MarketProblem} with its
 * conventions (see {@code org.gridbazaar.formulation}): injections and flows in kW, a node's net
 * injection {@code x_k = (N f)_k} positive when it sells, prices {@code y} in $/kW with {@code y_k
 * = a_k x_k + b_k} strictly inside the bounds. Tolerances are absolute, in the unit stated on each
 * parameter; callers scale them (typically by {@link
 * org.gridbazaar.formulation.MarketProblem#injectionScale()} or {@link
 * org.gridbazaar.formulation.MarketProblem#priceScale()}).
 */
package org.gridbazaar.solver.support;
