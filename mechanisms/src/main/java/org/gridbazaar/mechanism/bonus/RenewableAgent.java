package org.gridbazaar.mechanism.bonus;

import java.util.Objects;
import org.gridbazaar.horizon.Series;

/**
 * The renewable agent (wind and PV): it sells its day-ahead forecast and is responsible for the
 * real-time imbalance its real output causes, so it pays the bonuses and the settlement of what
 * remains.
 *
 * @param id agent id
 * @param forecastKw day-ahead forecast of output per period, kW, {@code >= 0}
 * @param realTimeKw real output per period, kW, {@code >= 0}
 */
public record RenewableAgent(String id, Series forecastKw, Series realTimeKw) {

    public RenewableAgent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(forecastKw, "forecastKw");
        Objects.requireNonNull(realTimeKw, "realTimeKw");
    }

    /** Real minus forecast output in period {@code t}, kW: negative when the agent is short. */
    public double deviationKw(int t) {
        return realTimeKw.at(t) - forecastKw.at(t);
    }
}
