package org.gridbazaar.mechanism.bonus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.junit.jupiter.api.Test;

/**
 * Closed forms of the bonus loop and the paper-shaped day checked against the clearings it comes
 * from.
 */
class BonusMechanismTest {

    private static final double KW = 1e-6, DOLLARS = 1e-6, PRICE = 1e-7;

    /**
     * One battery, one period short by 200 kW and the next long by 200 kW, both at the grid's buy
     * price 0.20 $/kWh: cycling costs the battery 2 x 0.012 $/kWh of throughput, so it answers with
     * nothing up to a bonus of 0.024 and with its whole 400 kW above. With steps of 0.01 the loop
     * offers 0, 0.01, 0.02, 0.03; at 0.03 the answer over-covers twice, so half of it is taken (the
     * battery must end the day as it began): 200 kW discharged now and charged back next period, 6
     * $ of bonus, and the centralized multiplier is the battery's marginal cost 0.024.
     */
    @Test
    void oneStorageAgentCoversOnePeriodOfShortageAtTheFirstStepAboveItsCyclingCost() {
        Microgrid mg =
                Microgrid.builder("one-battery", Horizon.hourly(2))
                        .renewable(
                                new RenewableAgent(
                                        "res", Series.constant(500), Series.of(300, 700)))
                        .agent(
                                new FlexibleDemand(
                                        "load",
                                        Series.constant(1000),
                                        Series.constant(1000),
                                        List.of()))
                        .agent(
                                StorageAgent.battery(
                                        "ess",
                                        Storage.builder(1000, 500)
                                                .powerKw(400, 400)
                                                .throughputCost(0.012)
                                                .target(1, 500)
                                                .build()))
                        .dayAheadTariff(
                                new GridTariff(Series.constant(0.20), Series.constant(0.10)))
                        .exchangeLimitKw(10_000)
                        .build();
        DayAheadSchedule da = DayAheadSchedule.clear(mg);
        assertEquals(
                0.20,
                da.price(0),
                PRICE,
                "the microgrid imports, so its price is the grid's buy price");
        assertEquals(0.20, da.price(1), PRICE);
        assertEquals(500, da.gridImportKw(0), KW);
        BonusOptions options =
                new BonusOptions(1, 0.1, BonusOptions.Ceiling.SPREAD, 1e-6, true, 1e-10);
        BonusOutcome o = BonusMechanism.run(mg, da, options);

        PeriodOutcome p0 = o.periods().get(0), p1 = o.periods().get(1);
        assertEquals(-200, p0.imbalanceBeforeKw(), KW);
        assertEquals(0, p0.imbalanceAfterKw(), KW);
        assertEquals(0.03, p0.bonus(), PRICE);
        assertEquals(4, p0.steps());
        assertEquals(0.10, p0.ceiling(), PRICE);
        assertEquals(0.024, p0.multiplierLow(), 1e-6);
        assertEquals(0.024, p0.multiplierHigh(), 1e-6);
        assertEquals(
                0,
                p1.imbalanceBeforeKw(),
                KW,
                "the battery's recharge meets the renewable surplus");
        assertEquals(0, p1.bonus(), PRICE);

        assertArrayEquals(new double[] {0, 0}, o.dayAheadKw("ess"), KW);
        assertArrayEquals(new double[] {200, -200}, o.realTimeKw("ess"), KW);
        AgentPeriod ess0 =
                o.agentPeriods().stream()
                        .filter(a -> a.agent().equals("ess") && a.period() == 0)
                        .findFirst()
                        .orElseThrow();
        assertEquals(200, ess0.contributionKw(), KW);
        assertEquals(6, ess0.bonusPaid(), DOLLARS);
        assertEquals(
                6 - 2 * 0.012 * 200,
                ess0.profitChange(),
                DOLLARS,
                "bonus minus throughput; energy sold and bought back at one price");
        assertEquals(6, o.bonusesPaid(), DOLLARS);
        assertEquals(
                0.20 * 200 - 0.10 * 200,
                o.renewableCostWithout(),
                DOLLARS,
                "short bought at 0.20, surplus sold at 0.10");
        assertEquals(
                6,
                o.renewableCostWith(),
                DOLLARS,
                "only the bonus: the battery's energy is bought and sold at the day-ahead price");
    }

    @Test
    void withoutDeviationNothingMovesAndNoBonusIsPaid() {
        Microgrid paper = BonusCases.paperShaped();
        Microgrid exact = rebuild(paper, paper.renewable().forecastKw());
        BonusOutcome o = BonusMechanism.run(exact, DayAheadSchedule.clear(exact));
        for (PeriodOutcome p : o.periods()) {
            assertEquals(0, p.imbalanceBeforeKw(), 1e-3, "period " + p.period());
            assertEquals(0, p.bonus(), 0);
        }
        for (String agent : o.agents()) {
            assertArrayEquals(o.dayAheadKw(agent), o.realTimeKw(agent), 1e-3);
        }
        assertEquals(0, o.bonusesPaid(), 0);
    }

    /**
     * The paper-shaped day: every number of the outcome checked against the schedules and prices it
     * comes from.
     */
    @Test
    void paperShapedDayIsConsistentWithItsSchedulesAndPrices() {
        Microgrid mg = BonusCases.paperShaped();
        DayAheadSchedule da = DayAheadSchedule.clear(mg);
        BonusOptions options = BonusOptions.DEFAULTS;
        BonusOutcome o = BonusMechanism.run(mg, da, options);
        BonusChecks.all(mg, da, options, o);
        // the mechanism works: most of the imbalance is absorbed and the renewable agent pays less
        double before =
                o.periods().stream().mapToDouble(p -> Math.abs(p.imbalanceBeforeKw())).sum();
        double after = o.periods().stream().mapToDouble(p -> Math.abs(p.imbalanceAfterKw())).sum();
        assertTrue(after < 0.5 * before, "absorbed " + (before - after) + " of " + before + " kW");
        assertTrue(
                o.renewableCostWith() < o.renewableCostWithout(),
                o.renewableCostWith() + " vs " + o.renewableCostWithout());
        // the demand is asked to consume more in hour 9 (renewable surplus), as in the paper's Fig.
        // 4
        AgentPeriod demand9 =
                o.agentPeriods().stream()
                        .filter(a -> a.agent().equals("demand") && a.period() == 9)
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                demand9.changeKw() < -1000,
                "demand's injection change in hour 9: " + demand9.changeKw());
    }

    @Test
    void invalidMicrogridNamesEveryProblem() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Microgrid.builder("bad", Horizon.hourly(3))
                                        .renewable(
                                                new RenewableAgent(
                                                        "res",
                                                        Series.of(1, 2),
                                                        Series.constant(-1)))
                                        .agent(
                                                new FlexibleDemand(
                                                        "d",
                                                        Series.constant(5),
                                                        Series.constant(4),
                                                        List.of()))
                                        .agent(
                                                new FlexibleDemand(
                                                        "e",
                                                        Series.constant(0),
                                                        Series.constant(4),
                                                        List.of(new DemandWindow(0, 2, 100))))
                                        .dayAheadTariff(
                                                new GridTariff(
                                                        Series.constant(0.1), Series.constant(0.2)))
                                        .exchangeLimitKw(0)
                                        .build());
        String m = e.getMessage();
        for (String expected :
                List.of(
                        "exchangeLimitKw",
                        "sellPrice (0.2) must be finite and at most buyPrice (0.1)",
                        "renewable res: forecastKw has 2 values but the day has 3",
                        "renewable res: realTimeKw must be a finite number >= 0",
                        "agent d: minKw (5.0) is above maxKw (4.0)",
                        "agent e: window 0..2 asks 100.0 kWh but its bounds allow only [0.0, 12.0]")) {
            assertTrue(m.contains(expected), "missing «" + expected + "» in:\n" + m);
        }
    }

    static Microgrid rebuild(Microgrid mg, Series realTimeKw) {
        Microgrid.Builder b =
                Microgrid.builder(mg.name(), mg.horizon())
                        .renewable(
                                new RenewableAgent(
                                        mg.renewable().id(),
                                        mg.renewable().forecastKw(),
                                        realTimeKw))
                        .dayAheadTariff(mg.dayAheadTariff())
                        .realTimeTariff(mg.realTimeTariff())
                        .exchangeLimitKw(mg.exchangeLimitKw());
        mg.agents().forEach(b::agent);
        return b.build();
    }

    static void assertArrayEquals(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, "index " + i);
        }
    }
}
