package org.gridbazaar.mechanism.realtime;

import static org.gridbazaar.mechanism.realtime.RealtimeFixtures.SOLVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.mechanism.Clearing;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.junit.jupiter.api.Test;

class RealTimeLoopTest {

    private static final double KW = 1e-5;
    private static final double DOLLARS = 1e-6;

    /**
     * A street of linear-cost peers for one hour: PV of 5 kW at 0.02 $/kWh and a load of 2 kW firm
     * plus 6 kW worth 0.25 $/kWh. Its curve is the step function 8 kW below 0.02 $/kWh, 3 kW up to
     * 0.25 and -3 kW above. Against an LSE selling at 0.10 + 0.05 $/kWh it buys 3 kW at 0.15.
     */
    private static Community street() {
        Market m =
                Market.builder("street")
                        .producer("PV", 0, 5, QuadraticCost.linear(0.02))
                        .consumer("L", -8, -2, QuadraticCost.linear(0.25))
                        .build();
        return new Community(
                "street",
                MultiPeriodMarket.repeated(m, Horizon.hourly(1)),
                Map.of("PV", "F2", "L", "F3"),
                20);
    }

    @Test
    void linearCostPeersBidTheirStepFunctionAndBuyAtTheRetailPrice() {
        RealTimeDay day =
                RealTimeLoop.run(
                        List.of(street()),
                        new LseSupply(new double[] {0.10}, 0.05, 100),
                        RealtimeFixtures.feeder(),
                        RealtimeFixtures.options());
        PeriodOutcome p = day.periods().get(0);
        CommunityPeriod c = p.community("street");
        // the curve at the grid prices (0, 0.05, ..., 0.5, plus 0.10 and 0.15) is the step function
        for (int k = 0; k < c.curve().size(); k++) {
            double price = c.curve().price(k);
            if (price == 0.25) { // the flexible load is indifferent at its own value: any point of
                // the step
                assertTrue(
                        Math.abs(c.curve().quantityKw(k)) <= 3 + KW,
                        "net import at 0.25 $/kWh: " + c.curve().quantityKw(k));
                continue;
            }
            double expected = price < 0.02 ? 8 : price < 0.25 ? 3 : -3;
            assertEquals(
                    expected, c.curve().quantityKw(k), KW, "net import at " + price + " $/kWh");
        }
        assertEquals(0.15, p.price(), 1e-12);
        assertEquals(3, c.awardKw(), KW);
        assertEquals(3, c.priceTakingKw(), KW);
        assertEquals(0.45, c.paymentDollars(), 1e-5);
        assertEquals(5, c.memberPowerKw().get("PV"), KW);
        assertEquals(-8, c.memberPowerKw().get("L"), KW);
    }

    /**
     * With a substation limit of 2 kW the street's 3 kW at the retail price do not fit: the price
     * rises to where its curve falls to 2 kW. The members' step at 0.25 $/kWh is sampled at 0.20
     * and 0.30 (a grid price on the step itself would be an indifferent load), so the curve is a
     * slope there and the price lands inside (0.20, 0.30); the award is the limit, exactly.
     */
    @Test
    void aBindingSubstationLimitRaisesThePriceToWhereTheCurveMeetsIt() {
        RealTimeLoop.Options o =
                new RealTimeLoop.Options(
                        1,
                        new double[] {0, 0.1, 0.2, 0.3, 0.4},
                        SOLVER,
                        RealtimeFixtures.options().solverOptions(),
                        RealtimeFixtures.options().powerFlow(),
                        true,
                        0);
        RealTimeDay day =
                RealTimeLoop.run(
                        List.of(street()),
                        new LseSupply(new double[] {0.10}, 0.05, 2),
                        RealtimeFixtures.feeder(),
                        o);
        PeriodOutcome p = day.periods().get(0);
        assertTrue(p.price() > 0.2 && p.price() < 0.3, "price " + p.price());
        assertEquals(
                0.2 + 0.1 / 6,
                p.price(),
                1e-9,
                "on the sampled slope from 3 kW at 0.2 to -3 kW at 0.3");
        assertEquals(2, p.community("street").awardKw(), KW);
        assertEquals(
                -7,
                p.community("street").memberPowerKw().get("L"),
                KW,
                "the load gives up 1 kW to meet the award");
        // exact re-clearing at that price (below 0.25) would keep the whole load: the curve's error
        // is the step's sampling
        assertEquals(3, p.community("street").priceTakingKw(), KW);
        assertEquals(-1, p.community("street").curveErrorKw(), KW);
    }

    /**
     * The same street with further clearings per curve where it bends (refinement halves the
     * intervals around the members' steps, at 0.02 and 0.25 $/kWh): the congested price moves from
     * the grid's slope (0.2167 $/kWh) towards the members' step at 0.25, the true congested price,
     * and more clearings never move it back; the award stays the limit.
     */
    @Test
    void refiningTheCurveMovesTheCongestedPriceTowardsTheMembersStep() {
        double previous = 0.2 + 0.1 / 6;
        for (int clearings : new int[] {6, 12}) {
            RealTimeLoop.Options o =
                    new RealTimeLoop.Options(
                            1,
                            new double[] {0, 0.1, 0.2, 0.3, 0.4},
                            SOLVER,
                            RealtimeFixtures.options().solverOptions(),
                            RealtimeFixtures.options().powerFlow(),
                            true,
                            clearings);
            PeriodOutcome p =
                    RealTimeLoop.run(
                                    List.of(street()),
                                    new LseSupply(new double[] {0.10}, 0.05, 2),
                                    RealtimeFixtures.feeder(),
                                    o)
                            .periods()
                            .get(0);
            assertTrue(
                    p.price() > previous && p.price() <= 0.25 + 1e-9,
                    clearings + " clearings: price " + p.price());
            assertEquals(2, p.community("street").awardKw(), KW);
            previous = p.price();
        }
        assertTrue(previous > 0.24, "12 further clearings: price " + previous);
    }

    private static final double[] PV = {0, 0, 6, 9, 8, 2, 0, 0};
    private static final double[] WHOLESALE = {0.04, 0.03, 0.05, 0.06, 0.06, 0.09, 0.14, 0.10};

    private static RealTimeDay twoHouseholds() {
        Community a = RealtimeFixtures.household("a", "F2", 3, PV);
        Community b =
                RealtimeFixtures.household("b", "F3", 4, new double[] {0, 0, 1, 2, 1, 0, 0, 0});
        return RealTimeLoop.run(
                List.of(a, b),
                new LseSupply(WHOLESALE, 0.05, 30),
                RealtimeFixtures.feeder(),
                RealtimeFixtures.options());
    }

    @Test
    void moneyBalancesAndTheFeederCarriesTheClearedPower() {
        RealTimeDay day = twoHouseholds();
        double paid = day.cost("a") + day.cost("b");
        assertEquals(
                day.lseRevenue(), paid, DOLLARS, "what communities pay is what the LSE receives");
        for (PeriodOutcome p : day.periods()) {
            double tol = Clearing.defaultToleranceKw(p.aggregate(), p.lseCurve());
            assertEquals(
                    p.clearing().quantityKw(),
                    p.lseSupplyKw(),
                    Math.max(tol, 1e-9),
                    "period " + p.period());
            assertTrue(p.lseSupplyKw() <= 30 + tol, "substation limit in period " + p.period());
            // each community's members balance with its award
            for (CommunityPeriod c : p.communities()) {
                double net =
                        c.memberPowerKw().values().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(
                        -c.awardKw(),
                        net,
                        KW,
                        "period " + p.period() + " community " + c.community());
                assertEquals(p.price() * c.awardKw(), c.paymentDollars(), DOLLARS);
            }
            // the substation delivers the communities' power and the losses
            assertTrue(p.powerFlow().converged());
            assertEquals(
                    p.lseSupplyKw() + p.lossesKw(),
                    p.powerFlow().rootSupplyKw(),
                    1e-6,
                    "period " + p.period());
            assertTrue(p.lossesKw() >= 0);
        }
        assertTrue(day.lossesKwh() > 0);
    }

    @Test
    void storageEnergyCarriesOverExactlyFromOnePeriodToTheNext() {
        RealTimeDay day = twoHouseholds();
        for (String name : List.of("a", "b")) {
            double before = 5;
            double moved = 0;
            for (PeriodOutcome p : day.periods()) {
                CommunityPeriod c = p.community(name);
                double battery = c.memberPowerKw().get(name + "-battery"); // discharge - charge, kW
                double after = c.storageKwh().get(name + "-battery");
                double expected =
                        before + 0.95 * Math.max(-battery, 0) - Math.max(battery, 0) / 0.95;
                assertEquals(expected, after, 1e-5, name + " battery in period " + p.period());
                moved += Math.abs(battery);
                before = after;
            }
            assertTrue(before >= 5 - 1e-6, name + " ends the day with its target, got " + before);
            assertTrue(
                    moved > 1, name + " battery should move energy over the day, moved " + moved);
        }
    }

    @Test
    void whereTheClearingLandsOnAnLsePriceTheCurveIsExact() {
        RealTimeDay day = twoHouseholds();
        int onLsePrice = 0;
        for (PeriodOutcome p : day.periods()) {
            if (p.price() == WHOLESALE[p.period()] || p.price() == WHOLESALE[p.period()] + 0.05) {
                onLsePrice++;
                for (CommunityPeriod c : p.communities()) {
                    if (p.clearing().kind() != Clearing.Kind.STEP) {
                        assertEquals(
                                0,
                                c.curveErrorKw(),
                                1e-4,
                                "period " + p.period() + " " + c.community());
                    }
                }
            }
        }
        assertTrue(onLsePrice > 0);
    }

    @Test
    void misfitInputIsRefusedWithEveryReason() {
        Community a = RealtimeFixtures.household("a", "F2", 3, PV);
        Community wrongBus = RealtimeFixtures.household("b", "X9", 3, new double[] {0, 1});
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                RealTimeLoop.run(
                                        List.of(a, wrongBus, a),
                                        new LseSupply(WHOLESALE, 0.05, 30),
                                        RealtimeFixtures.feeder(),
                                        RealtimeFixtures.options()));
        assertTrue(e.getMessage().contains("community a is given twice"), e.getMessage());
        assertTrue(
                e.getMessage().contains("community b has 2 periods but the LSE prices 8"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("member b-load is on bus X9, which the feeder does not have"),
                e.getMessage());
        IllegalArgumentException m =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Community("c", a.day(), Map.of("a-load", "F2"), -1));
        assertTrue(m.getMessage().contains("member a-pv has no feeder bus"), m.getMessage());
        assertTrue(m.getMessage().contains("connection limit -1.0 kW"), m.getMessage());
    }

    @Test
    void demandAboveTheLimitAtEveryPriceStopsTheLoopNamingThePeriod() {
        Market firm =
                Market.builder("firm").consumer("L", -8, -8, QuadraticCost.linear(0.3)).build();
        Community c =
                new Community(
                        "firm",
                        MultiPeriodMarket.repeated(firm, Horizon.hourly(1)),
                        Map.of("L", "F2"),
                        20);
        // prices from 0.01: at 0 every cost of this market is 0, and the interior point reports a
        // numerical error
        RealTimeLoop.Options o = RealTimeLoop.Options.of(SOLVER, 0.01, 0.5, 5);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                RealTimeLoop.run(
                                        List.of(c),
                                        new LseSupply(new double[] {0.10}, 0.05, 1),
                                        RealtimeFixtures.feeder(),
                                        o));
        assertTrue(
                e.getMessage().contains("period 0")
                        && e.getMessage().contains("exceeds the substation limit 1.0 kW"),
                e.getMessage());
    }
}
