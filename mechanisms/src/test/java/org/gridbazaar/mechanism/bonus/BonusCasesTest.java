package org.gridbazaar.mechanism.bonus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The scaled microgrids' day ahead from the paper-shaped clearing is the clearing of the scaled
 * market itself.
 */
class BonusCasesTest {

    @Test
    void scaledDayAheadFromThePaperShapedClearingIsTheScaledMarketsOwn() {
        Microgrid scaled = BonusCases.scaled(8, 11);
        DayAheadSchedule direct = DayAheadSchedule.clear(scaled),
                fromTemplate = BonusCases.dayAheadOfScaled(scaled);
        for (int t = 0; t < scaled.periods(); t++) {
            assertEquals(direct.price(t), fromTemplate.price(t), 1e-6, "price of period " + t);
        }
        // the schedules may differ where the market is indifferent (the demand between hours of one
        // price), the value not
        double objective = direct.result().objective();
        assertEquals(
                objective,
                fromTemplate.result().objective(),
                1e-6 * Math.abs(objective),
                "the day's cost");
        // each agent's scaled schedule is feasible and its own best answer: the loop starts from it
        // with nothing to gain without a bonus, and keeps every property
        BonusOptions options = BonusOptions.DEFAULTS;
        BonusChecks.all(
                scaled, fromTemplate, options, BonusMechanism.run(scaled, fromTemplate, options));
    }

    /**
     * Weighted copies of the paper-shaped agents answer, together, as the paper-shaped agents: the
     * reluctance is relative to each agent's range, so every copy's problem is the original's
     * scaled, and the loop's imbalances, bonuses and payments are the paper-shaped day's.
     */
    @Test
    void weightedCopiesOfThePaperShapedAgentsRunThePaperShapedDay() {
        Microgrid paper = BonusCases.paperShaped(), scaled = BonusCases.scaled(8, 3);
        BonusOutcome a =
                BonusMechanism.run(
                        paper,
                        DayAheadSchedule.clear(paper),
                        BonusOptions.DEFAULTS.withCentralized(false));
        BonusOutcome b =
                BonusMechanism.run(
                        scaled,
                        BonusCases.dayAheadOfScaled(scaled),
                        BonusOptions.DEFAULTS.withCentralized(false));
        for (int t = 0; t < paper.periods(); t++) {
            PeriodOutcome p = a.periods().get(t), q = b.periods().get(t);
            assertEquals(
                    p.imbalanceBeforeKw(),
                    q.imbalanceBeforeKw(),
                    0.15,
                    "period " + t); // 1e-5 of the day's largest power
            assertEquals(p.imbalanceAfterKw(), q.imbalanceAfterKw(), 0.15, "period " + t);
            assertEquals(p.bonus(), q.bonus(), 1e-9, "period " + t);
        }
        assertEquals(a.bonusesPaid(), b.bonusesPaid(), 1e-2);
        assertEquals(a.renewableCostWith(), b.renewableCostWith(), 1e-2);
    }
}
