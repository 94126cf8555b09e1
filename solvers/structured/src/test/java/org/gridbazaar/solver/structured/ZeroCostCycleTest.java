package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
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

    static MultiPeriodMarket seed114DayAhead() {
        return org.gridbazaar.testkit.BonusDayAheadMarkets.seed114();
    }
}
