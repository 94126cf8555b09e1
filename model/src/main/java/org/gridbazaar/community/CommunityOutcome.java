package org.gridbazaar.community;

import java.util.Objects;

/**
 * What a clearing gave one community in one period: its price and its exchange with the grid.
 *
 * @param id the community's id
 * @param price the community price, $/kWh (the price of the members' trades with the manager;
 *     {@code NaN} when no member trades with it)
 * @param importKw power bought from the grid, kW, {@code >= 0}
 * @param exportKw power sold to the grid, kW, {@code >= 0}
 */
public record CommunityOutcome(String id, double price, double importKw, double exportKw) {

    public CommunityOutcome {
        Objects.requireNonNull(id, "community id");
    }
}
