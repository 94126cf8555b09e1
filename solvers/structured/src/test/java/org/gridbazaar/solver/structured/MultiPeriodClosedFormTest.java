package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntFunction;
import org.gridbazaar.horizon.ElectricVehicle;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.StorageOutcome;
import org.junit.jupiter.api.Test;

/**
 * Markets over time whose optimum is worked out by hand (in each test's comment). Linear costs are
 * chosen so that the optimum is unique; each test checks the objective (relative 1e-6), the
 * trajectories it names (1e-6 kW or kWh), and, through {@link MultiPeriodChecks}, the spec's energy
 * balance on the returned storage outcomes and the feasibility of every period's trades.
 */
class MultiPeriodClosedFormTest {

    private static final double OBJ = 1e-6;
    private static final double KW = 1e-6;

    private static MultiPeriodResult clear(double p0, double p1, double eta) {
        return solved(org.gridbazaar.testkit.HorizonClosedForms.arbitrage(p0, p1, eta));
    }

    /** Clears with structured-ipm, asserts OPTIMAL and a consistent result. */
    private static MultiPeriodResult solved(MultiPeriodMarket m) {
        return MultiPeriodChecks.solvedOptimal(m, KW);
    }

    private static void assertObjective(double expected, MultiPeriodResult r) {
        assertEquals(
                expected,
                r.objective(),
                OBJ * Math.max(1, Math.abs(expected)),
                "objective of " + r);
    }

    /** A grid producer G at {@code price[t]} $/kWh, up to 100 kW, and the given peers. */
    private static IntFunction<Market> grid(double[] price, IntFunction<Market.Builder> rest) {
        return t -> rest.apply(t).producer("G", 0, 100, QuadraticCost.linear(price[t])).build();
    }

    @Test
    void losslessBatteryArbitragesTwoPeriods() {
        MultiPeriodResult r = clear(10, 50, 1);
        // charge 10 kWh at 10 $/kWh, serve the 10 kW load in period 1 from it; the load pays 100
        // $/kWh twice
        assertObjective(10 * 20 - 2000, r);
        assertEquals(10, r.storage("B").orElseThrow().energyKwh(0), KW);
        assertEquals(0, r.storage("B").orElseThrow().energyKwh(1), KW);
    }

    @Test
    void lossyBatteryDoesNotArbitrageASpreadBelowItsRoundTripLoss() {
        // round trip 0.8 * 0.8 = 0.64: a kWh bought at 10 saves 0.64 * 14 = 8.96 < 10, so the
        // battery stays idle
        MultiPeriodResult r = clear(10, 14, 0.8);
        assertObjective(10 * 10 + 10 * 14 - 2000, r);
        StorageOutcome b = r.storage("B").orElseThrow();
        assertArrayEquals(new double[] {0, 0}, b.energyKwh(), KW);
    }

    @Test
    void lossyBatteryArbitragesALargerSpreadWithExactEnergyAccounting() {
        // efficiencies 0.9 each: a kW charged at 10 $/kWh returns 0.81 kW in period 1, saving
        // 0.81 * 50 = 40.5 > 10, so charge the full 10 kW: E_0 = 0.9 * 10 = 9 kWh (below the 10 kWh
        // capacity); discharge d_1 = 0.9 * 9 = 8.1 kW, E_1 = 0. Grid: 20 kW at 10, then 10 - 8.1 =
        // 1.9 kW at 50.
        // objective = 200 + 95 - 2000 (the load's 100 $/kWh on 10 kW, twice) = -1705
        MultiPeriodResult r = clear(10, 50, 0.9);
        assertObjective(-1705, r);
        StorageOutcome b = r.storage("B").orElseThrow();
        assertArrayEquals(new double[] {10, 0}, b.chargeKw(), KW);
        assertArrayEquals(new double[] {0, 8.1}, b.dischargeKw(), KW);
        assertArrayEquals(new double[] {9, 0}, b.energyKwh(), KW);
        assertEquals(20, r.period(0).power("G"), KW);
        assertEquals(1.9, r.period(1).power("G"), KW);
        assertEquals(-10, r.period(0).power("B"), KW);
        assertEquals(8.1, r.period(1).power("B"), KW);
    }

    @Test
    void electricVehicleReachesItsDepartureTargetChargingInTheCheapestPluggedInPeriods() {
        // prices 30 10 20 40 5 15; the car (40 kWh, 10 kWh at the start, 10 kW charger) is away in
        // periods 3..4 driving 8 kWh (4 per period) and must hold 30 kWh when it leaves (end of
        // period 2).
        // It needs 20 kWh in periods 0..2: 10 kW in period 1 (10 $/kWh) and 10 kW in period 2 (20
        // $/kWh),
        // none in period 0 (30); period 4 (5 $/kWh) is cheapest but the car is away; nothing asks
        // for
        // energy after it returns. E = 10, 20, 30, 26, 22, 22; objective = 100 + 200 = 300.
        double[] price = {30, 10, 20, 40, 5, 15};
        Horizon h = Horizon.hourly(6);
        Storage ev =
                ElectricVehicle.on(h)
                        .battery(40, 10)
                        .chargerKw(10)
                        .trip(3, 4, 8)
                        .departure(2, 30)
                        .build();
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("ev", h)
                        .periods(
                                grid(
                                        price,
                                        t ->
                                                Market.builder("ev")
                                                        .prosumer(
                                                                "EV",
                                                                0,
                                                                0,
                                                                QuadraticCost.linear(0))))
                        .storage("EV", ev)
                        .build();
        MultiPeriodResult r = solved(m);
        assertObjective(300, r);
        StorageOutcome s = r.storage("EV").orElseThrow();
        assertArrayEquals(new double[] {0, 10, 10, 0, 0, 0}, s.chargeKw(), KW);
        assertArrayEquals(new double[] {10, 20, 30, 26, 22, 22}, s.energyKwh(), KW);
        assertEquals(10, r.period(1).traded("G", "EV"), KW);
    }

    @Test
    void shiftableLoadMovesItsEnergyIntoTheCheapestPeriods() {
        // prices 40 10 30 20; load S takes at most 8 kW and exactly 12 kWh over the four periods
        // (cost 0):
        // 8 kWh in period 1 (10 $/kWh) and 4 kWh in period 3 (20 $/kWh); objective = 80 + 80 = 160.
        double[] price = {40, 10, 30, 20};
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("shift", Horizon.hourly(4))
                        .periods(
                                grid(
                                        price,
                                        t ->
                                                Market.builder("shift")
                                                        .consumer(
                                                                "S",
                                                                -8,
                                                                0,
                                                                QuadraticCost.linear(0))))
                        .energyWindow("S", EnergyWindow.of(0, 3, -12, -12))
                        .build();
        MultiPeriodResult r = solved(m);
        assertObjective(160, r);
        double[] s = new double[4];
        for (int t = 0; t < 4; t++) {
            s[t] = r.period(t).power("S");
        }
        assertArrayEquals(new double[] {0, -8, 0, -4}, s, KW);
    }

    @Test
    void rampLimitedCheapGeneratorLeavesTheRestToTheExpensiveOne() {
        // demand 40 60 80 20 (the load values it at 100 $/kWh). C costs 10, ramps up 20 and down 30
        // kW per
        // period from 10 kW before period 0; E costs 50. Cheap energy is maximised: C_0 <= 10 + 20
        // = 30,
        // C_1 <= 50, C_3 <= 20 (the demand) forces C_2 <= C_3 + 30 = 50, so C = 30 50 50 20 (each
        // at its own
        // limit, hence unique) and E = 10 10 30 0.
        // objective = 10 * 150 + 50 * 50 - 100 * 200 = 1500 + 2500 - 20000 = -16000
        MultiPeriodResult r = solved(org.gridbazaar.testkit.HorizonClosedForms.rampLimited());
        assertObjective(-16000, r);
        double[] c = new double[4], e = new double[4];
        for (int t = 0; t < 4; t++) {
            c[t] = r.period(t).power("C");
            e[t] = r.period(t).power("E");
        }
        assertArrayEquals(new double[] {30, 50, 50, 20}, c, KW);
        assertArrayEquals(new double[] {10, 10, 30, 0}, e, KW);
    }

    @Test
    void rampLimitsAreKilowattsPerPeriodWhateverThePeriodLength() {
        // dt = 0.5 h. C (10 $/kWh) starts at 0 kW and rises at most 10 kW per period (not per hour:
        // per hour it would be 5 kW per half-hour period); E costs 50; the load takes a fixed 20 kW
        // valued at 100 $/kWh. C = 10, 20, 20 and E = 10, 0, 0.
        // objective = 0.5 * [(100 + 500 - 2000) + (200 - 2000) + (200 - 2000)] = 0.5 * (-5000) =
        // -2500
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("half-hour-ramp", Horizon.of(3, 0.5))
                        .periods(
                                t ->
                                        Market.builder("half-hour-ramp")
                                                .producer("C", 0, 100, QuadraticCost.linear(10))
                                                .producer("E", 0, 100, QuadraticCost.linear(50))
                                                .consumer("L", -20, -20, QuadraticCost.linear(100))
                                                .build())
                        .ramp("C", Ramp.of(10, 10).startingAt(0))
                        .build();
        MultiPeriodResult r = solved(m);
        assertObjective(-2500, r);
        double[] c = new double[3];
        for (int t = 0; t < 3; t++) {
            c[t] = r.period(t).power("C");
        }
        assertArrayEquals(new double[] {10, 20, 20}, c, KW);
    }

    @Test
    void standingLossDecaysEnergyPerHourOverQuarterHourPeriods() {
        // dt = 0.25 h, loss 20 %/h: r = 0.8^0.25 kept per period. 8 kWh idle decays to 8 * 0.8 =
        // 6.4 kWh by
        // the end of period 3, whose target is 8 kWh. A kWh charged in period t arrives as r^(3-t)
        // kWh, so
        // its cost per kWh delivered is price_t / r^(3-t) = 11.8, 44.7, 21.1, 30: charge in period
        // 0 only,
        // dt * c_0 = 1.6 / r^3 = 1.6 / 0.8^0.75 kWh, costing 10 $/kWh.
        double r4 = 0.8, r3 = Math.pow(0.8, 0.75), r1 = Math.pow(0.8, 0.25);
        double charged = (8 - 8 * r4) / r3;
        double[] price = {10, 40, 20, 30};
        Storage s =
                Storage.builder(10, 8).powerKw(20, 0).standingLossPerHour(0.2).target(3, 8).build();
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("decay", Horizon.of(4, 0.25))
                        .periods(
                                grid(
                                        price,
                                        t ->
                                                Market.builder("decay")
                                                        .prosumer(
                                                                "B",
                                                                0,
                                                                0,
                                                                QuadraticCost.linear(0))))
                        .storage("B", s)
                        .build();
        MultiPeriodResult r = solved(m);
        assertObjective(10 * charged, r);
        StorageOutcome b = r.storage("B").orElseThrow();
        assertArrayEquals(new double[] {charged / 0.25, 0, 0, 0}, b.chargeKw(), KW);
        double e0 = 8 * r1 + charged;
        assertArrayEquals(new double[] {e0, e0 * r1, e0 * r1 * r1, 8}, b.energyKwh(), KW);
    }

    @Test
    void storageTargetForcesChargingUpToTheChargeLimit() {
        // empty 10 kWh battery, 5 kW charger, must hold 6 kWh at the end of period 1; prices 20
        // then 30:
        // 5 kW in period 0 (the limit), the missing 1 kW in period 1; objective = 100 + 30 = 130.
        double[] price = {20, 30};
        Storage s = Storage.builder(10, 0).powerKw(5, 0).target(1, 6).build();
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("target", Horizon.hourly(2))
                        .periods(
                                grid(
                                        price,
                                        t ->
                                                Market.builder("target")
                                                        .prosumer(
                                                                "B",
                                                                0,
                                                                0,
                                                                QuadraticCost.linear(0))))
                        .storage("B", s)
                        .build();
        MultiPeriodResult r = solved(m);
        assertObjective(130, r);
        StorageOutcome b = r.storage("B").orElseThrow();
        assertArrayEquals(new double[] {5, 1}, b.chargeKw(), KW);
        assertArrayEquals(new double[] {5, 6}, b.energyKwh(), KW);
    }

    @Test
    void halfHourPeriodsWeighTheObjectiveByDtAndPriceInDollarsPerKwh() {
        // dt = 0.5 h. G costs 0.5 * 0.2 g^2 + b_t g $/h with b = 10, 20; the load takes a fixed 10
        // kW
        // valued at 100 $/kWh. Price = marginal cost 0.2 * 10 + b_t = 12, 22 $/kWh (not 6, 11: the
        // multiplier divided by dt). Period objectives: 0.5 * (0.1 * 100 + 10 b_t - 1000) = -445,
        // -395.
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("half-hours", Horizon.of(2, 0.5))
                        .periods(
                                t ->
                                        Market.builder("half-hours")
                                                .producer(
                                                        "G",
                                                        0,
                                                        100,
                                                        QuadraticCost.of(0.2, 10 + 10 * t, 0))
                                                .consumer("L", -10, -10, QuadraticCost.linear(100))
                                                .build())
                        .build();
        MultiPeriodResult r = solved(m);
        assertObjective(-840, r);
        double[] objective = {-445, -395}, price = {12, 22};
        for (int t = 0; t < 2; t++) {
            assertEquals(objective[t], r.period(t).objective(), OBJ * 445);
            assertEquals(price[t], r.period(t).peerPrice("G"), 1e-6 * price[t]);
            assertEquals(price[t], r.period(t).tradePrice("G", "L").orElseThrow(), 1e-6 * price[t]);
        }
    }
}
