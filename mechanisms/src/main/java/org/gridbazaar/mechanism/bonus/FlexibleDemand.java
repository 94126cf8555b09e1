package org.gridbazaar.mechanism.bonus;

import java.util.List;
import java.util.Objects;
import org.gridbazaar.horizon.Series;

/**
 * A flexible demand (the paper's equation 1): consumption {@code d_t} in {@code [minKw_t, maxKw_t]}
 * (kW, {@code >= 0}; its net injection is {@code -d_t}) that must take exactly the energy of each
 * of its windows. It has no cost of its own: its profit is what it does not pay for energy, plus
 * bonuses.
 *
 * @param id agent id
 * @param minKw least consumption per period, kW
 * @param maxKw most consumption per period, kW
 * @param windows energy to take over windows of periods; windows may not overlap
 */
public record FlexibleDemand(String id, Series minKw, Series maxKw, List<DemandWindow> windows)
        implements FlexibleAgent {

    public FlexibleDemand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(minKw, "minKw");
        Objects.requireNonNull(maxKw, "maxKw");
        windows = List.copyOf(windows);
    }

    @Override
    public Kind kind() {
        return Kind.DEMAND;
    }
}
