package org.gridbazaar.benchmarks;

import java.util.concurrent.TimeUnit;
import org.gridbazaar.mechanism.bonus.BonusCases;
import org.gridbazaar.mechanism.bonus.BonusMechanism;
import org.gridbazaar.mechanism.bonus.BonusOptions;
import org.gridbazaar.mechanism.bonus.BonusOutcome;
import org.gridbazaar.mechanism.bonus.DayAheadSchedule;
import org.gridbazaar.mechanism.bonus.Microgrid;
import org.gridbazaar.mechanism.bonus.PeriodOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bonus loop of {@link BonusMechanism} over a day of 24 hourly periods on {@link
 * BonusCases#scaled} microgrids ({@code agents} flexible agents, a quarter each of demands,
 * batteries, generators and vehicle fleets, weighted copies of the paper-shaped ones, seed 7), the
 * day-ahead schedule made once in setup by {@link BonusCases#dayAheadOfScaled} (exact, from one
 * clearing of the paper-shaped market; the stacked market of 1,000 agents over 24 periods takes the
 * multi-period solver far longer than the loop). {@code centralized} adds the centralized
 * re-dispatch of every period with an imbalance (two solves of all agents together, for the
 * multiplier interval). Teardown fails the trial unless the last run absorbed some imbalance and
 * never let one grow, and prints the bonus levels offered over the day.
 *
 * <p>1,000 agents take tens of seconds per operation: run with {@code -bm ss -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BonusLoopBenchmark {

    /** Flexible agents in the microgrid. */
    @Param({"100", "1000"})
    public int agents;

    /** Whether the centralized re-dispatch is solved too. */
    @Param({"false"})
    public boolean centralized;

    private Microgrid microgrid;
    private DayAheadSchedule dayAhead;
    private BonusOutcome last;

    /** Builds the microgrid and clears its day ahead once. */
    @Setup(Level.Trial)
    public void setUp() {
        microgrid = BonusCases.scaled(agents, 7);
        dayAhead = BonusCases.dayAheadOfScaled(microgrid);
    }

    /** One day of the bonus loop. */
    @Benchmark
    public BonusOutcome loop() {
        last =
                BonusMechanism.run(
                        microgrid, dayAhead, BonusOptions.DEFAULTS.withCentralized(centralized));
        return last;
    }

    /** Checks the last run and prints its size. */
    @TearDown(Level.Trial)
    public void check() {
        double before = 0, after = 0;
        int levels = 0;
        for (PeriodOutcome p : last.periods()) {
            if (Math.abs(p.imbalanceAfterKw()) > Math.abs(p.imbalanceBeforeKw()) + 1e-3) {
                throw new IllegalStateException(
                        "period " + p.period() + ": the imbalance grew: " + p);
            }
            before += Math.abs(p.imbalanceBeforeKw());
            after += Math.abs(p.imbalanceAfterKw());
            levels += p.steps();
        }
        if (!(after < before)) {
            throw new IllegalStateException(
                    "no imbalance absorbed: " + before + " kW before, " + after + " kW after");
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "%n%d agents: %d bonus levels offered over the day, %.0f of %.0f kW absorbed, %.2f $ of bonuses%n",
                agents,
                levels,
                before - after,
                before,
                last.bonusesPaid());
    }
}
