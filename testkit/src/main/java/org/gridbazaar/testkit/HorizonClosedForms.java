package org.gridbazaar.testkit;

import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;

/**
 * Markets over time whose optimum is worked out by hand, shared by every solver's tests. Each
 * method states its optimum; powers in kW, prices in $/kWh, hourly periods.
 */
public final class HorizonClosedForms {

    private HorizonClosedForms() {}

    /**
     * Two hours: producer G (up to 100 kW at {@code p0}, then {@code p1} $/kWh), a load L fixed at
     * 10 kW valuing energy at 100 $/kWh, and prosumer B with no device power and an empty 10 kWh
     * battery (10 kW each way, efficiency {@code eta} each way). Lossless and {@code p0 = 10},
     * {@code p1 = 50}: the battery buys hour 2's 10 kWh in hour 1, objective {@code 10 * 20 - 2000
     * = -1800} $, energy 10 then 0 kWh. With {@code eta = 0.8}, {@code p0 = 10}, {@code p1 = 14}:
     * the spread is below the round-trip loss, no arbitrage, objective {@code 10 * 10 + 10 * 14 -
     * 2000 = -1760} $.
     */
    public static MultiPeriodMarket arbitrage(double p0, double p1, double eta) {
        Storage battery = Storage.builder(10, 0).powerKw(10, 10).efficiencies(eta, eta).build();
        return MultiPeriodMarket.builder("arbitrage", Horizon.hourly(2))
                .periods(
                        t ->
                                Market.builder("arbitrage")
                                        .producer(
                                                "G", 0, 100, QuadraticCost.linear(t == 0 ? p0 : p1))
                                        .consumer("L", -10, -10, QuadraticCost.linear(100))
                                        .prosumer("B", 0, 0, QuadraticCost.linear(0))
                                        .build())
                .storage("B", battery)
                .build();
    }

    /** The demand of {@link #rampLimited()} per hour, kW. */
    public static final double[] RAMP_DEMAND = {40, 60, 80, 20};

    /**
     * Four hours of fixed demand {@link #RAMP_DEMAND} (valued at 100 $/kWh), a cheap generator C
     * (10 $/kWh) ramping up 20 and down 30 kW per hour from 10 kW, and an expensive one E (50
     * $/kWh). Cheap energy is maximised: C = 30, 50, 50, 20 (each at its own limit, so unique), E =
     * 10, 10, 30, 0; objective {@code 10 * 150 + 50 * 50 - 100 * 200 = -16000} $.
     */
    public static MultiPeriodMarket rampLimited() {
        return MultiPeriodMarket.builder("ramp", Horizon.hourly(4))
                .periods(
                        t ->
                                Market.builder("ramp")
                                        .producer("C", 0, 100, QuadraticCost.linear(10))
                                        .producer("E", 0, 100, QuadraticCost.linear(50))
                                        .consumer(
                                                "L",
                                                -RAMP_DEMAND[t],
                                                -RAMP_DEMAND[t],
                                                QuadraticCost.linear(100))
                                        .build())
                .ramp("C", Ramp.of(20, 30).startingAt(10))
                .build();
    }

    /**
     * Two hours: a grid producer and prosumer Battery7, an empty 10 kWh battery charging at most 2
     * kW, asked to hold 8 kWh at the end of hour 2, which is at most 4: infeasible, and the reason
     * should name Battery7.
     */
    public static MultiPeriodMarket unreachableTarget() {
        Storage s = Storage.builder(10, 0).powerKw(2, 2).target(1, 8).build();
        return MultiPeriodMarket.builder("target", Horizon.hourly(2))
                .periods(
                        t ->
                                Market.builder("target")
                                        .producer("Grid", 0, 100, QuadraticCost.linear(10))
                                        .prosumer("Battery7", 0, 0, QuadraticCost.linear(0))
                                        .build())
                .storage("Battery7", s)
                .build();
    }
}
