/**
 * Energy communities and the grid connection: who belongs to which community, who manages it, and
 * at what tariffs the market exchanges power with the grid beyond it.
 *
 * <p>These types wrap a {@link org.gridbazaar.model.Market} (or a {@link
 * org.gridbazaar.horizon.MultiPeriodMarket}) without changing it: a {@link
 * org.gridbazaar.community.CommunityMarket} holds the market, its communities and its {@link
 * org.gridbazaar.community.GridConnection}. Units: power in kW, tariffs and margins in $/kWh (in a
 * single-period market, one period of one hour, so $/kWh and $/kW per period coincide). Signs:
 * import is power bought from the grid (kW, {@code >= 0}), export power sold to it (kW, {@code >=
 * 0}); a peer's power is positive when it sells, as everywhere in the model.
 */
package org.gridbazaar.community;
