package org.gridbazaar.mechanism.bonus;

import java.util.Objects;
import org.gridbazaar.horizon.Series;

/**
 * The main grid's prices for the microgrid's exchange: it buys from the grid at {@code buyPrice_t}
 * and sells to it at {@code sellPrice_t} ($/kWh), with {@code sellPrice_t <= buyPrice_t}; their
 * difference is the spread that bounds the bonus.
 *
 * @param buyPrice price of energy bought from the grid, $/kWh
 * @param sellPrice price of energy sold to the grid, $/kWh
 */
public record GridTariff(Series buyPrice, Series sellPrice) {

    public GridTariff {
        Objects.requireNonNull(buyPrice, "buyPrice");
        Objects.requireNonNull(sellPrice, "sellPrice");
    }

    /** The spread {@code buyPrice_t - sellPrice_t}, $/kWh. */
    public double spread(int t) {
        return buyPrice.at(t) - sellPrice.at(t);
    }
}
