/**
 * Clearing results, keyed by the user's peer and line ids.
 *
 * <h2>Sign and price conventions</h2>
 *
 * <ul>
 *   <li>A peer's {@code power} (and {@code heat}) is its net injection in kW: positive when it
 *       sells, negative when it buys.
 *   <li>A {@link org.gridbazaar.result.Trade} runs from seller to buyer with a positive quantity.
 *   <li>A trade's {@code price} ($/kW) is the multiplier of its reciprocity constraint {@code P_ij
 *       + P_ji = 0}, stated economically: what the buyer pays and the seller receives per kW,
 *       before each side's own preference and penalty terms. At the optimum the seller's marginal
 *       cost plus its own terms equals the price, and so does the buyer's marginal willingness to
 *       pay minus its own terms.
 *   <li>A peer's {@code price} is its marginal cost {@code a*P + b} at its set-point ($/kW). For a
 *       peer strictly inside its bounds it equals the price of each of its trades corrected by its
 *       own terms; in a market without preferences and penalties it is one uniform price.
 * </ul>
 */
package org.gridbazaar.result;
