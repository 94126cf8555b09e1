package org.gridbazaar.mechanism.bonus;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Seed67ScratchTest {
    @Test
    void seed67() {
        for (long seed : new long[] {67}) {
            SplittableRandom r = new SplittableRandom(seed);
            Microgrid mg = BonusPropertyTest.random(r);
            BonusOptions options =
                    new BonusOptions(
                            r.nextInt(5),
                            new double[] {0.05, 0.1, 0.25, 1}[r.nextInt(4)],
                            r.nextBoolean()
                                    ? BonusOptions.Ceiling.SPREAD
                                    : BonusOptions.Ceiling.AVOIDED_COST,
                            new double[] {1e-6, 1e-3, 1e-2}[r.nextInt(3)],
                            true,
                            1e-9);
            DayAheadSchedule da = DayAheadSchedule.clear(mg);
            BonusChecks.all(mg, da, options, BonusMechanism.run(mg, da, options));
        }
    }
}
