package org.gridbazaar.mechanism.bonus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The scaled microgrids' day ahead from the paper-shaped clearing is the clearing of the scaled market itself. */
class BonusCasesTest {

    @Test
    void scaledDayAheadFromThePaperShapedClearingIsTheScaledMarketsOwn() {
        Microgrid scaled = BonusCases.scaled(8, 11);
        DayAheadSchedule direct = DayAheadSchedule.clear(scaled), fromTemplate = BonusCases.dayAheadOfScaled(scaled);
        for (int t = 0; t < scaled.periods(); t++) {
            assertEquals(direct.price(t), fromTemplate.price(t), 1e-6, "price of period " + t);
        }
        // the schedules may differ where the market is indifferent (the demand between hours of one price), the value not
        double objective = direct.result().objective();
        assertEquals(objective, fromTemplate.result().objective(), 1e-6 * Math.abs(objective), "the day's cost");
        // each agent's scaled schedule is feasible and its own best answer: the loop starts from it
        // with nothing to gain without a bonus, and keeps every property
        BonusOptions options = BonusOptions.DEFAULTS;
        BonusChecks.all(scaled, fromTemplate, options, BonusMechanism.run(scaled, fromTemplate, options));
    }
}
