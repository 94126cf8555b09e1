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
 * Built-in synthetic microgrids in the shape of the paper's study (its data are not published):
 * a day of 24 hourly periods, wind and PV as one renewable agent, a flexible demand, a battery, a
 * dispatchable generator and an electric-vehicle fleet; and a scaled family for timing. Every
 * number is documented in {@code docs/bonus-mechanism.md}.
 */
public final class BonusCases {

    /** Periods of the built-in day. */
    public static final int HOURS = 24;

    private BonusCases() {
    }

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
        0, 0, 0, -5000, -1500, 0, 0, -2000, 0, 1000, 0, 0};

    /** Base consumption of the flexible demand per hour, kW. */
    static double baseDemand(int t) {
        return t < 6 ? 5000 : t < 17 ? 9000 : t < 22 ? 12000 : 7000;
    }

    /**
     * The paper-shaped microgrid: renewable {@code res} (wind and PV), flexible demand
     * {@code demand} (50% to 150% of its base each hour, the day's base energy over the day),
     * battery {@code ess} (4 MWh, 1 MW, 95% each way), generator {@code dg} (0 to 5 MW,
     * {@code 0.5*1e-5*g^2 + 0.09*g} $/h, ramps 2 MW/h), fleet {@code ev} of 800 vehicles (60 kWh and
     * 7.4 kW each, away 10 h to 17 h driving 12 kWh each, 80% at departure, back to half by midnight).
     */
    public static Microgrid paperShaped() {
        Horizon day = Horizon.hourly(HOURS);
        double[] forecast = new double[HOURS], real = new double[HOURS], base = new double[HOURS];
        double[] buy = new double[HOURS], sell = new double[HOURS], lo = new double[HOURS], hi = new double[HOURS];
        double energy = 0;
        for (int t = 0; t < HOURS; t++) {
            forecast[t] = wind(t) + pv(t);
            real[t] = forecast[t] + DEVIATION[t];
            base[t] = baseDemand(t);
            lo[t] = 0.5 * base[t];
            hi[t] = 1.5 * base[t];
            energy += base[t];
            buy[t] = buyPrice(t);
            sell[t] = sellPrice(t);
        }
        int vehicles = 800;
        Storage fleet = ElectricVehicle.on(day).battery(60.0 * vehicles, 30.0 * vehicles).chargerKw(7.4 * vehicles)
                .trip(10, 17, 12.0 * vehicles).departure(9, 48.0 * vehicles).departure(23, 30.0 * vehicles).build();
        Storage battery = Storage.builder(4000, 2000).powerKw(1000, 1000).efficiencies(0.95, 0.95).target(HOURS - 1, 2000).build();
        return Microgrid.builder("paper-shaped", day)
                .renewable(new RenewableAgent("res", Series.of(forecast), Series.of(real)))
                .agent(new FlexibleDemand("demand", Series.of(lo), Series.of(hi), List.of(new DemandWindow(0, HOURS - 1, energy))))
                .agent(StorageAgent.battery("ess", battery))
                .agent(new DispatchableGenerator("dg", Series.constant(0), Series.constant(5000), QuadraticCost.of(1e-5, 0.09, 0),
                        Ramp.of(2000, 2000)))
                .agent(StorageAgent.fleet("ev", fleet))
                .dayAheadTariff(new GridTariff(Series.of(buy), Series.of(sell)))
                .exchangeLimitKw(50_000)
                .build();
    }

    /**
     * A microgrid of {@code agents} flexible agents (a quarter each of demands, batteries,
     * generators and vehicle fleets, each a fraction of the paper-shaped ones drawn from
     * {@code seed}) and the paper-shaped renewable deviation scaled to their number: for timing.
     */
    public static Microgrid scaled(int agents, long seed) {
        if (agents < 4) {
            throw new IllegalArgumentException("a scaled microgrid needs at least 4 agents, got " + agents);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Horizon day = Horizon.hourly(HOURS);
        double share = 4.0 / agents;
        double[] forecast = new double[HOURS], real = new double[HOURS], buy = new double[HOURS], sell = new double[HOURS];
        for (int t = 0; t < HOURS; t++) {
            forecast[t] = wind(t) + pv(t);
            real[t] = forecast[t] + DEVIATION[t];
            buy[t] = buyPrice(t);
            sell[t] = sellPrice(t);
        }
        Microgrid.Builder b = Microgrid.builder("scaled-" + agents, day)
                .renewable(new RenewableAgent("res", Series.of(forecast), Series.of(real)))
                .dayAheadTariff(new GridTariff(Series.of(buy), Series.of(sell)))
                .exchangeLimitKw(100_000);
        for (int i = 0; i < agents; i++) {
            double f = share * (0.5 + random.nextDouble());
            switch (i % 4) {
                case 0 -> {
                    // base before its window (fixed), 50% to 150% of base inside it, the window's base energy over it
                    int from = random.nextInt(6);
                    double[] lo = new double[HOURS], hi = new double[HOURS];
                    double energy = 0;
                    for (int t = 0; t < HOURS; t++) {
                        double base = f * baseDemand(t);
                        lo[t] = t < from ? base : 0.5 * base;
                        hi[t] = t < from ? base : 1.5 * base;
                        energy += t < from ? 0 : base;
                    }
                    b.agent(new FlexibleDemand("demand-" + i, Series.of(lo), Series.of(hi), List.of(new DemandWindow(from, HOURS - 1, energy))));
                }
                case 1 -> b.agent(StorageAgent.battery("ess-" + i, Storage.builder(4000 * f, 2000 * f).powerKw(1000 * f, 1000 * f)
                        .efficiencies(0.95, 0.95).target(HOURS - 1, 2000 * f).build()));
                case 2 -> b.agent(new DispatchableGenerator("dg-" + i, Series.constant(0), Series.constant(5000 * f),
                        QuadraticCost.of(1e-5 / f, 0.08 + 0.02 * random.nextDouble(), 0), Ramp.of(2000 * f, 2000 * f)));
                default -> {
                    double v = 800 * f;
                    int leave = 8 + random.nextInt(3);
                    b.agent(StorageAgent.fleet("ev-" + i, ElectricVehicle.on(day).battery(60 * v, 30 * v).chargerKw(7.4 * v)
                            .trip(leave, leave + 7, 12 * v).departure(leave - 1, 48 * v).departure(HOURS - 1, 30 * v).build()));
                }
            }
        }
        return b.build();
    }
}
