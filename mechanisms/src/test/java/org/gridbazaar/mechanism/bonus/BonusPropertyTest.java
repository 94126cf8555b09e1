package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.gridbazaar.horizon.ElectricVehicle;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.QuadraticCost;

/**
 * The bonus loop's properties ({@link BonusChecks}) over seeded random microgrids: a flexible
 * demand, a battery, a generator and a vehicle fleet of random sizes, random tariffs and renewable
 * deviations, random look-ahead, step, ceiling rule and reluctance (down to 1e-6, where answers are
 * nearly those of linear programs). The seed is jqwik's input, printed on failure. jqwik's own run
 * seed is fixed, so every build draws the same microgrids; input 67 (drawn once by a random run
 * seed) is checked on every build as well: its centralized re-dispatch of period 5 stopped at the
 * iteration limit, {@code SeparableQpSolver}'s primal residual stalling at 1.1e-8 relative (1e-9
 * asked) while the gap vanished, until the solver's primal regularization followed its columns'
 * coefficients. Inputs 114 and 150 (found by a sweep of inputs 1 to 400) are checked as well: their
 * day-ahead markets trade with the pool both ways at no cost, and the interior point's trades grew
 * along those zero-cost cycles to 4e14 kW, where the balances round to 0.125 kW, so that the
 * independent KKT check answered {@code NUMERICAL_ERROR}, until its Newton directions stopped
 * raising both trades of such a pair ({@code ZeroCostCycles}). Input 3850 (a sweep of 3001 to 6000)
 * covers a 21.2 kW surplus at a bonus of 0 to within 3.5e-5 kW, where the agents' contribution
 * bends: the centralized re-dispatch settles that remainder with the grid, at the ceiling, which
 * the check of the final bonus against the centralized multiplier allows.
 */
class BonusPropertyTest {

    @Property(tries = 12, seed = "20261207")
    void everyRunKeepsTheMechanismsProperties(
            @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
        keepsTheMechanismsProperties(seed);
    }

    @Example
    void input67WhoseWindowQpOnceStalledKeepsTheMechanismsProperties() {
        keepsTheMechanismsProperties(67);
    }

    @Example
    void input114WithAZeroCostTradeCycleKeepsTheMechanismsProperties() {
        keepsTheMechanismsProperties(114);
    }

    @Example
    void input150WithAZeroCostTradeCycleKeepsTheMechanismsProperties() {
        keepsTheMechanismsProperties(150);
    }

    @Example
    void input3850CoveredJustShortOfTheAgentsKinkKeepsTheMechanismsProperties() {
        keepsTheMechanismsProperties(3850);
    }

    private static void keepsTheMechanismsProperties(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Microgrid mg = random(r);
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

    static Microgrid random(SplittableRandom r) {
        int n = 6 + r.nextInt(3);
        Horizon day = Horizon.hourly(n);
        double[] buy = new double[n],
                sell = new double[n],
                forecast = new double[n],
                real = new double[n];
        double[] lo = new double[n], hi = new double[n];
        double energy = 0;
        for (int t = 0; t < n; t++) {
            buy[t] = 0.08 + 0.12 * r.nextDouble();
            sell[t] = buy[t] * (0.4 + 0.5 * r.nextDouble());
            forecast[t] = 500 + 1000 * r.nextDouble();
            real[t] =
                    Math.max(
                            0, forecast[t] + (r.nextBoolean() ? 0 : 1200 * (r.nextDouble() - 0.5)));
            double base = 300 + 500 * r.nextDouble();
            lo[t] = 0.5 * base;
            hi[t] = 1.5 * base;
            energy += base;
        }
        List<DemandWindow> windows = new ArrayList<>();
        if (r.nextBoolean()) {
            windows.add(new DemandWindow(0, n - 1, energy));
        } else {
            int cut = 2 + r.nextInt(n - 3);
            windows.add(new DemandWindow(0, cut - 1, sum(lo, hi, 0, cut)));
            windows.add(new DemandWindow(cut, n - 1, sum(lo, hi, cut, n)));
        }
        double cap = 500 + 1000 * r.nextDouble(), power = 200 + 200 * r.nextDouble();
        Storage battery =
                Storage.builder(cap, cap / 2)
                        .powerKw(power, power)
                        .efficiencies(0.9 + 0.1 * r.nextDouble(), 0.9 + 0.1 * r.nextDouble())
                        .throughputCost(0.01 * r.nextDouble())
                        .target(n - 1, cap / 2)
                        .build();
        int leave = n / 2;
        Storage fleet =
                ElectricVehicle.on(day)
                        .battery(600, 300)
                        .chargerKw(200)
                        .vehicleToGridKw(r.nextBoolean() ? 100 : 0)
                        .trip(leave, leave + 1, 100)
                        .departure(leave - 1, 450)
                        .departure(n - 1, 300)
                        .build();
        return Microgrid.builder("random", day)
                .renewable(new RenewableAgent("res", Series.of(forecast), Series.of(real)))
                .agent(new FlexibleDemand("demand", Series.of(lo), Series.of(hi), windows))
                .agent(StorageAgent.battery("ess", battery))
                .agent(
                        new DispatchableGenerator(
                                "dg",
                                Series.constant(0),
                                Series.constant(600),
                                QuadraticCost.of(
                                        1e-4 + 1e-3 * r.nextDouble(),
                                        0.05 + 0.1 * r.nextDouble(),
                                        0),
                                r.nextBoolean()
                                        ? DispatchableGenerator.NO_RAMP
                                        : Ramp.of(200, 300)))
                .agent(StorageAgent.fleet("ev", fleet))
                .dayAheadTariff(new GridTariff(Series.of(buy), Series.of(sell)))
                .exchangeLimitKw(100_000)
                .build();
    }

    /** The midpoint energy of the bounds over periods {@code from..to-1}, kWh (hourly). */
    private static double sum(double[] lo, double[] hi, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += 0.5 * (lo[t] + hi[t]);
        }
        return s;
    }
}
