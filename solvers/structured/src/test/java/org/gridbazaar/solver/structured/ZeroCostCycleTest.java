package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Trade;
import org.junit.jupiter.api.Test;

/**
 * Markets over time in which two prosumers trade both ways at no cost (a zero-cost cycle: the trade
 * {@code i -> j} and its reverse {@code j -> i}, both free), cleared by the default solver's block
 * path. Raising both trades of such a pair changes nothing but the interior point's barrier, and on
 * the bonus mechanism's day-ahead market of seed 114 the trades grew along those cycles to 4e14 kW,
 * where the balances round to 0.125 kW, so that the independent KKT check answered {@code
 * NUMERICAL_ERROR}. Each test asserts {@code OPTIMAL}, feasible trades (every period's balance,
 * bounds and storage, by {@link MultiPeriodChecks}, and non-negative trades no larger than what the
 * market can supply, each pair's net {@code P_ij + P_ji = 0} holding by the trades' construction)
 * and, where it is known in closed form, the objective (relative 1e-6).
 */
class ZeroCostCycleTest {

    private static final double KW = 1e-6;

    /** Clears with structured-ipm, asserts OPTIMAL and a consistent result. */
    private static MultiPeriodResult solved(MultiPeriodMarket m) {
        return MultiPeriodChecks.solvedOptimal(m, KW);
    }

    /** Every trade non-negative and at most {@code supply} kW. */
    private static void assertTradesWithin(MultiPeriodResult r, double supply) {
        for (int t = 0; t < r.periodCount(); t++) {
            MarketResult period = r.period(t);
            for (Trade tr : period.trades()) {
                assertTrue(
                        tr.quantity() >= 0 && tr.quantity() <= supply,
                        "period " + t + ": " + tr + " outside [0, " + supply + "] kW");
            }
        }
    }

    /**
     * Three hours; producer G (0.05 x^2 + 10 x, up to 100 kW) serves a fixed load L of 10, 30 and
     * 20 kW through a pool P (a prosumer fixed at 0 kW); two lossless batteries S1 and S2 (50 kWh,
     * empty, 50 kW) trade with the pool both ways at no cost. G's marginal cost rises with its
     * output, so the batteries level it: g = 20 kW in every hour (marginal cost 12 $/kWh), 10 kWh
     * stored in hour 0 and returned in hour 1, the split between the batteries arbitrary.
     * Objective: 3 x (0.05 x 400 + 10 x 20) = 660 $.
     */
    @Test
    void aPoolWithTwoBatteriesTradingBothWaysAtNoCostClearsAtItsClosedForm() {
        double[] load = {10, 30, 20};
        Horizon h = Horizon.hourly(load.length);
        List<PeerPair> pairs =
                List.of(
                        PeerPair.of("P", "G"),
                        PeerPair.of("P", "L"),
                        PeerPair.of("P", "S1"),
                        PeerPair.of("P", "S2"));
        Storage battery = Storage.builder(50, 0).powerKw(50, 50).build();
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("pool-batteries", h)
                        .periods(
                                t ->
                                        Market.builder("pool-batteries-" + t)
                                                .prosumer("P", 0, 0, QuadraticCost.of(0, 0, 0))
                                                .producer("G", 0, 100, QuadraticCost.of(0.1, 10, 0))
                                                .consumer(
                                                        "L",
                                                        -load[t],
                                                        -load[t],
                                                        QuadraticCost.of(0, 0, 0))
                                                .prosumer("S1", 0, 0, QuadraticCost.of(0, 0, 0))
                                                .prosumer("S2", 0, 0, QuadraticCost.of(0, 0, 0))
                                                .tradingPairs(pairs)
                                                .build())
                        .storage("S1", battery)
                        .storage("S2", battery)
                        .build();
        MultiPeriodResult r = solved(m);
        assertEquals(660, r.objective(), 1e-6 * 660, "objective of " + r);
        for (int t = 0; t < load.length; t++) {
            assertEquals(20, r.period(t).power("G"), KW, "G in hour " + t);
        }
        assertTradesWithin(r, 100 + 2 * 50);
    }

    /**
     * The bonus mechanism's day-ahead market of seed 114 ({@code BonusPropertyTest.random} in the
     * mechanisms module, cleared as {@code DayAheadSchedule.market} builds it), written out: seven
     * hours; a pool prosumer fixed at 0 kW through which every agent trades (zero-cost cycles with
     * the battery and the vehicle fleet, which may buy and sell); a renewable source fixed at its
     * forecast; grid purchase and sale up to 100,000 kW at the tariff; a flexible demand whose
     * energy over the day is fixed; a battery with losses, a throughput cost and an end target; a
     * dispatchable generator with a ramp; a vehicle fleet away in hours 3 and 4. Before its Newton
     * directions stopped raising both trades of a pair, the interior point answered {@code
     * NUMERICAL_ERROR} here.
     */
    @Test
    void theBonusDayAheadMarketOfSeed114ClearsWithBoundedFeasibleTrades() {
        MultiPeriodResult r = solved(seed114DayAhead());
        // what the market can supply in an hour: the grid (100,000 kW), the renewable (at most
        // 1,500 kW), the generator (600 kW) and both storage units discharging (200.4 and 200 kW)
        assertTradesWithin(r, 100_000 + 1500 + 600 + 200.5 + 200);
    }

    /** The market of {@link #theBonusDayAheadMarketOfSeed114ClearsWithBoundedFeasibleTrades}. */
    static MultiPeriodMarket seed114DayAhead() {
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
