/**
 * Transactive mechanisms: monotone bid curves, their exact aggregation, and their clearing.
 *
 * <h2>Bid curves</h2>
 *
 * A {@link org.gridbazaar.mechanism.BidCurve} is quantity (kW) as a function of price ($/kWh),
 * piecewise linear between breakpoints. On a demand curve positive quantity is net demand (power
 * bought) and the curve never rises with price; on a supply curve positive quantity is power
 * offered and the curve never falls. Two breakpoints at one price are a step (a block of quantity
 * at one price), two at one quantity a flat (one quantity over a range of prices). Outside its
 * breakpoints a curve keeps its end quantities. {@code quantityAt(price)} returns the range of a
 * step, {@code priceAt(quantity)} the range of a flat. Invalid curves (NaN, unsorted prices, three
 * breakpoints at one price, quantities against the side's direction) are refused with every
 * violation listed.
 *
 * <h2>Exact aggregation</h2>
 *
 * {@code BidCurve.sum} adds curves on the union of their breakpoint prices, keeping steps as pairs
 * of breakpoints at one price: nothing is resampled, so the sum is exact up to one rounded
 * interpolation and addition per member and price. Members are added in a canonical order, so a sum
 * is commutative bit for bit and stays monotone after rounding; nested sums are associative to
 * rounding.
 *
 * <h2>Clearing and its tie rules</h2>
 *
 * {@link org.gridbazaar.mechanism.Clearing#between} crosses a demand curve with a supply curve in
 * one forward merge of their breakpoints (no iteration on prices, so it cannot loop; linear work).
 * Quantities within a stated tolerance (default 1e-9 of the curves' scale) agree, so that two
 * representations of one bid that differ only in rounding clear alike (the failure PowerMatcher's
 * and GridLAB-D's trackers record: a price that did not clear because two representations differed
 * in precision, and an infinite loop on a rounding artefact). Ties: on coinciding flats, the
 * midpoint of the range of prices (same welfare everywhere in it; splits the surplus evenly; stable
 * under perturbation); on overlapping steps, the largest quantity of the overlap (same welfare; the
 * most bids served); curves that never cross do not trade, and the result says which side was
 * short.
 *
 * <h2>A community's curve from its members</h2>
 *
 * {@link org.gridbazaar.mechanism.CommunityBidding} computes a community's net demand at period 0
 * as a function of the period-0 grid price: for each price of a grid, a grid peer (one prosumer
 * that sells to and buys from the community at that price in period 0 and at forecast prices after)
 * is added to the community's market over its look-ahead, the market is cleared, and the grid
 * peer's period-0 power is one point. {@code curve} takes one clearing per grid price and joins the
 * points linearly; {@code refinedCurve} spends further clearings where the points bend (storage and
 * linear-cost members answer with steps, which a uniform grid turns into slopes).
 */
package org.gridbazaar.mechanism;
