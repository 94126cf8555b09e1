package org.gridbazaar.mechanism.bonus;

import java.util.Objects;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.model.QuadraticCost;

/**
 * A dispatchable generator (the paper's equation 3): output {@code g_t} in {@code [minKw_t,
 * maxKw_t]} (kW, {@code >= 0}) at cost {@code 0.5*a*g^2 + b*g + c} ($/h), with ramp limits. Its net
 * injection is {@code g_t}.
 *
 * @param id agent id
 * @param minKw least output per period, kW
 * @param maxKw most output per period, kW
 * @param cost operating cost, $/h at {@code g} kW
 * @param ramp ramp limits ({@link #NO_RAMP} for none)
 */
public record DispatchableGenerator(
        String id, Series minKw, Series maxKw, QuadraticCost cost, Ramp ramp)
        implements FlexibleAgent {

    /** No ramp limits. */
    public static final Ramp NO_RAMP = new Ramp(Double.NaN, Double.NaN, Double.NaN);

    public DispatchableGenerator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(minKw, "minKw");
        Objects.requireNonNull(maxKw, "maxKw");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(ramp, "ramp");
    }

    @Override
    public Kind kind() {
        return Kind.GENERATOR;
    }
}
