package org.gridbazaar.testkit;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.horizon.ElectricVehicle;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;

/**
 * Day-ahead markets of the bonus mechanism written out as markets over time, for the solver modules
 * (the mechanisms module builds them from its own random microgrids, which solver tests cannot
 * see). Quantities in kW and kWh, prices in $/kWh, hourly periods.
 */
public final class BonusDayAheadMarkets {

    private BonusDayAheadMarkets() {}

    /**
     * The day-ahead market of the bonus mechanism's seed 114 ({@code BonusPropertyTest.random} in
     * the mechanisms module, cleared as {@code DayAheadSchedule.market} builds it): seven hours; a
     * pool prosumer fixed at 0 kW through which every agent trades (zero-cost cycles with the
     * battery and the vehicle fleet, which may buy and sell); a renewable source fixed at its
     * forecast; grid purchase and sale up to 100,000 kW at the tariff; a flexible demand whose
     * energy over the day is fixed; a battery with losses, a throughput cost and an end target; a
     * dispatchable generator with a ramp; a vehicle fleet away in hours 3 and 4.
     */
    public static MultiPeriodMarket seed114() {
        double[] buy = {
            0.1276418381036929,
            0.11457107110236694,
            0.149870571213711,
            0.09801148473984049,
            0.16794319414003261,
            0.1978262922014053,
            0.19625258046363492
        };
        double[] sell = {
            0.058132794267611504,
            0.08531359836191191,
            0.08521664001352194,
            0.04871312671454508,
            0.14975060879665023,
            0.10357168325385806,
            0.1537652399151679
        };
        double[] forecast = {
            1255.1465116317502,
            881.9551658638808,
            1434.355904316249,
            1369.7823457917455,
            955.7438297550525,
            726.0056809738415,
            1094.987307821664
        };
        double[] demandMin = {
            172.9503508380774,
            189.8357449285313,
            220.27661808929284,
            293.0795339879489,
            266.15102986084554,
            209.8809642366383,
            377.09408251297214
        };
        double[] demandMax = {
            518.8510525142323,
            569.5072347855939,
            660.8298542678785,
            879.2386019638466,
            798.4530895825367,
            629.6428927099149,
            1131.2822475389164
        };
        double energy = 3458.5366489086123, limit = 100_000;
        int n = buy.length, leave = n / 2;
        Horizon day = Horizon.hourly(n);
        double cap = 1045.9522201586137, power = 200.42225679062125;
        Storage battery =
                Storage.builder(cap, cap / 2)
                        .powerKw(power, power)
                        .efficiencies(0.9972405705532364, 0.904362650418734)
                        .throughputCost(6.448837736559599E-4)
                        .target(n - 1, cap / 2)
                        .build();
        Storage fleet =
                ElectricVehicle.on(day)
                        .battery(600, 300)
                        .chargerKw(200)
                        .vehicleToGridKw(100)
                        .trip(leave, leave + 1, 100)
                        .departure(leave - 1, 450)
                        .departure(n - 1, 300)
                        .build();
        List<PeerPair> pairs = new ArrayList<>();
        for (String id : List.of("res", "grid-buy", "grid-sell", "demand", "ess", "dg", "ev")) {
            pairs.add(PeerPair.of("mcu-pool", id));
        }
        QuadraticCost dg = QuadraticCost.of(5.271694576491776E-4, 0.1128158626871602, 0);
        return MultiPeriodMarket.builder("bonus-seed-114-day-ahead", day)
                .periods(
                        t ->
                                Market.builder("bonus-seed-114-" + t)
                                        .prosumer("mcu-pool", 0, 0, QuadraticCost.of(0, 0, 0))
                                        .producer(
                                                "res",
                                                forecast[t],
                                                forecast[t],
                                                QuadraticCost.of(0, 0, 0))
                                        .producer(
                                                "grid-buy", 0, limit, QuadraticCost.linear(buy[t]))
                                        .consumer(
                                                "grid-sell",
                                                -limit,
                                                0,
                                                QuadraticCost.linear(sell[t]))
                                        .consumer(
                                                "demand",
                                                -demandMax[t],
                                                -demandMin[t],
                                                QuadraticCost.of(0, 0, 0))
                                        .prosumer("ess", 0, 0, QuadraticCost.of(0, 0, 0))
                                        .producer("dg", 0, 600, dg)
                                        .prosumer("ev", 0, 0, QuadraticCost.of(0, 0, 0))
                                        .tradingPairs(pairs)
                                        .build())
                .energyWindow("demand", EnergyWindow.of(0, n - 1, -energy, -energy))
                .ramp("dg", Ramp.of(200, 300))
                .storage("ess", battery)
                .storage("ev", fleet)
                .build();
    }
}
