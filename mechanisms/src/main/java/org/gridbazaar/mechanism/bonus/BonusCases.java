package org.gridbazaar.mechanism.bonus;

import java.util.List;
import java.util.SplittableRandom;
import org.gridbazaar.horizon.ElectricVehicle;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.QuadraticCost;

/**
 * Built-in synthetic microgrids in the shape of the paper's study (its data are not published): a
 * day of 24 hourly periods, wind and PV as one renewable agent, a flexible demand, a battery, a
 * dispatchable generator and an electric-vehicle fleet; and a scaled family for timing. Every
 * number is documented in {@code docs/bonus-mechanism.md}.
 */
public final class BonusCases {

    /** Periods of the built-in day. */
    public static final int HOURS = 24;

    private BonusCases() {}

    /** The grid's buy price per hour, $/kWh: night 0.08, day 0.12, evening peak 0.18, late 0.10. */
    static double buyPrice(int t) {
        return t < 7 ? 0.08 : t < 17 ? 0.12 : t < 22 ? 0.18 : 0.10;
    }

    /** The grid's sell price: 60% of its buy price, $/kWh. */
    static double sellPrice(int t) {
        return 0.6 * buyPrice(t);
    }

    /** Forecast wind output per hour, kW. */
    static double wind(int t) {
        return 6000 + 2000 * Math.cos(2 * Math.PI * (t - 3) / 24.0);
    }

    /** Forecast PV output per hour, kW: a half sine from 6 h to 18 h, 8 MW at noon. */
    static double pv(int t) {
        return t > 6 && t < 18 ? 8000 * Math.sin(Math.PI * (t - 6) / 12.0) : 0;
    }

    /** Real minus forecast renewable output per hour, kW, in the shape of the paper's Fig. 3. */
    static final double[] DEVIATION = {
        0, 0, 0, 0, 800, 0, -1500, -1200, 1500, 7000, 0, 0,
        0, 0, 0, -5000, -1500, 0, 0, -2000, 0, 1000, 0, 0
    };

    /** Base consumption of the flexible demand per hour, kW. */
    static double baseDemand(int t) {
        return t < 6 ? 5000 : t < 17 ? 9000 : t < 22 ? 12000 : 7000;
    }

    /**
     * The paper-shaped microgrid: renewable {@code res} (wind and PV), flexible demand {@code
     * demand} (50% to 150% of its base each hour, the day's base energy over the day), battery
     * {@code ess} (4 MWh, 1 MW, 95% each way), generator {@code dg} (0 to 5 MW, {@code 0.5*1e-5*g^2
     * + 0.09*g} $/h, ramps 2 MW/h), fleet {@code ev} of 800 vehicles (60 kWh and 7.4 kW each, away
     * 10 h to 17 h driving 12 kWh each, 80% at departure, back to half by midnight).
     */
    public static Microgrid paperShaped() {
        Microgrid.Builder b = base("paper-shaped");
        return b.agent(demand("demand", 1))
                .agent(battery("ess", 1))
                .agent(generator("dg", 1))
                .agent(fleet("ev", 1))
                .build();
    }

    /**
     * A microgrid of {@code agents} flexible agents for timing: a quarter each of demands,
     * batteries, generators and vehicle fleets, each a scaled copy of the paper-shaped agent of its
     * kind (every power, energy and ramp times a weight {@code f}, the quadratic cost coefficient
     * divided by it), the weights of a kind drawn from {@code seed} in {@code [0.5, 1.5]} and
     * normalised to sum to 1, with the paper-shaped renewable agent and tariffs. So the agents of a
     * kind together are the paper-shaped one, and {@link #dayAheadOfScaled} clears the day ahead
     * exactly from the paper-shaped market.
     */
    public static Microgrid scaled(int agents, long seed) {
        if (agents < 4) {
            throw new IllegalArgumentException(
                    "a scaled microgrid needs at least 4 agents, got " + agents);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[agents], sum = new double[4];
        for (int i = 0; i < agents; i++) {
            w[i] = 0.5 + random.nextDouble();
            sum[i % 4] += w[i];
        }
        Microgrid.Builder b = base("scaled-" + agents);
        for (int i = 0; i < agents; i++) {
            double f = w[i] / sum[i % 4];
            switch (i % 4) {
                case 0 -> b.agent(demand("demand-" + i, f));
                case 1 -> b.agent(battery("ess-" + i, f));
                case 2 -> b.agent(generator("dg-" + i, f));
                default -> b.agent(fleet("ev-" + i, f));
            }
        }
        return b.build();
    }

    /**
     * The day-ahead schedule of a {@link #scaled} microgrid, from one clearing of the paper-shaped
     * market: the prices are the same and each agent's schedule is its weight times the schedule of
     * the paper-shaped agent of its kind. Exact: each agent's problem at the paper-shaped prices is
     * the paper-shaped agent's scaled by its weight (bounds and energies times {@code f}, marginal
     * costs unchanged), so the scaled schedules are each agent's best answer, and the agents of a
     * kind together supply what the paper-shaped agent did, so every period balances. {@link
     * DayAheadSchedule#result()} is the paper-shaped market's result.
     */
    public static DayAheadSchedule dayAheadOfScaled(Microgrid scaled) {
        Microgrid paper = paperShaped();
        DayAheadSchedule template = DayAheadSchedule.clear(paper);
        java.util.Map<String, double[][]> schedules = new java.util.LinkedHashMap<>();
        for (FlexibleAgent a : scaled.agents()) {
            double f;
            String kind;
            if (a instanceof FlexibleDemand d) {
                kind = "demand";
                f = d.maxKw().at(0) / (1.5 * baseDemand(0));
            } else if (a instanceof StorageAgent s && !s.vehicle()) {
                kind = "ess";
                f = s.unit().capacityKwh() / 4000;
            } else if (a instanceof DispatchableGenerator g) {
                kind = "dg";
                f = g.maxKw().at(0) / 5000;
            } else {
                kind = "ev";
                f = ((StorageAgent) a).unit().capacityKwh() / (60.0 * VEHICLES);
            }
            double[][] x = template.schedule(kind);
            for (double[] row : x) {
                for (int t = 0; t < row.length; t++) {
                    row[t] *= f;
                }
            }
            schedules.put(a.id(), x);
        }
        double[] imports = new double[HOURS];
        for (int t = 0; t < HOURS; t++) {
            imports[t] = template.gridImportKw(t);
        }
        return DayAheadSchedule.of(template.prices(), imports, schedules, template.result());
    }

    /** Vehicles in the paper-shaped fleet. */
    private static final int VEHICLES = 800;

    private static Microgrid.Builder base(String name) {
        double[] forecast = new double[HOURS],
                real = new double[HOURS],
                buy = new double[HOURS],
                sell = new double[HOURS];
        for (int t = 0; t < HOURS; t++) {
            forecast[t] = wind(t) + pv(t);
            real[t] = forecast[t] + DEVIATION[t];
            buy[t] = buyPrice(t);
            sell[t] = sellPrice(t);
        }
        return Microgrid.builder(name, Horizon.hourly(HOURS))
                .renewable(new RenewableAgent("res", Series.of(forecast), Series.of(real)))
                .dayAheadTariff(new GridTariff(Series.of(buy), Series.of(sell)))
                .exchangeLimitKw(50_000);
    }

    private static FlexibleDemand demand(String id, double f) {
        double[] lo = new double[HOURS], hi = new double[HOURS];
        double energy = 0;
        for (int t = 0; t < HOURS; t++) {
            lo[t] = 0.5 * f * baseDemand(t);
            hi[t] = 1.5 * f * baseDemand(t);
            energy += f * baseDemand(t);
        }
        return new FlexibleDemand(
                id, Series.of(lo), Series.of(hi), List.of(new DemandWindow(0, HOURS - 1, energy)));
    }

    private static StorageAgent battery(String id, double f) {
        return StorageAgent.battery(
                id,
                Storage.builder(4000 * f, 2000 * f)
                        .powerKw(1000 * f, 1000 * f)
                        .efficiencies(0.95, 0.95)
                        .target(HOURS - 1, 2000 * f)
                        .build());
    }

    private static DispatchableGenerator generator(String id, double f) {
        return new DispatchableGenerator(
                id,
                Series.constant(0),
                Series.constant(5000 * f),
                QuadraticCost.of(1e-5 / f, 0.09, 0),
                Ramp.of(2000 * f, 2000 * f));
    }

    private static StorageAgent fleet(String id, double f) {
        double v = VEHICLES * f;
        return StorageAgent.fleet(
                id,
                ElectricVehicle.on(Horizon.hourly(HOURS))
                        .battery(60.0 * v, 30.0 * v)
                        .chargerKw(7.4 * v)
                        .trip(10, 17, 12.0 * v)
                        .departure(9, 48.0 * v)
                        .departure(HOURS - 1, 30.0 * v)
                        .build());
    }
}
