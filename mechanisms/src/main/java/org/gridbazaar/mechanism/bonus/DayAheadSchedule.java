package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;

/**
 * The microgrid's day-ahead schedule: the multi-period market of its agents cleared over the day
 * ({@link MultiPeriodClearing}), with the renewable agent fixed at its forecast and the main grid
 * as two peers, one selling to the microgrid at the day-ahead buy price and one buying from it at
 * the sell price. Every peer trades only with a pool peer ({@value #POOL}, fixed at zero power), so
 * the market has one price per period, {@link #price(int)}: the price at which each agent's
 * day-ahead schedule is its own best answer, and the price {@code lambda_t} at which the agents
 * value energy in real time (the paper's "real-time price of power exchange with the main grid",
 * forecast to equal the day-ahead one as in its study).
 */
public final class DayAheadSchedule {

    /** The pool peer's id. */
    public static final String POOL = "mcu-pool";

    /** The peer selling grid energy to the microgrid. */
    public static final String GRID_BUY = "grid-buy";

    /** The peer buying the microgrid's energy. */
    public static final String GRID_SELL = "grid-sell";

    private final double[] prices, gridImportKw;
    private final Map<String, double[][]> schedules;
    private final MultiPeriodResult result;

    private DayAheadSchedule(
            double[] prices,
            double[] gridImportKw,
            Map<String, double[][]> schedules,
            MultiPeriodResult result) {
        this.prices = prices;
        this.gridImportKw = gridImportKw;
        this.schedules = schedules;
        this.result = result;
    }

    /**
     * A schedule given directly (prices and imports per period, schedule arrays per agent), for
     * {@link BonusCases}.
     */
    static DayAheadSchedule of(
            double[] prices,
            double[] gridImportKw,
            Map<String, double[][]> schedules,
            MultiPeriodResult result) {
        return new DayAheadSchedule(
                prices.clone(), gridImportKw.clone(), new LinkedHashMap<>(schedules), result);
    }

    /** Clears the day ahead with the default solver and options. */
    public static DayAheadSchedule clear(Microgrid microgrid) {
        return clear(microgrid, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
    }

    /**
     * Clears the day ahead with {@code solver}.
     *
     * @throws IllegalStateException if the solver does not answer {@code OPTIMAL}
     */
    public static DayAheadSchedule clear(
            Microgrid microgrid, MarketSolver solver, SolverOptions options) {
        MultiPeriodMarket market = market(microgrid);
        MultiPeriodResult r = MultiPeriodClearing.clear(market, solver, options);
        if (r.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "microgrid "
                            + microgrid.name()
                            + ": the day-ahead market did not clear: solver "
                            + solver.name()
                            + " answered "
                            + r.status()
                            + " ("
                            + r.message()
                            + ")");
        }
        int n = microgrid.periods();
        double[] prices = new double[n], imports = new double[n];
        for (int t = 0; t < n; t++) {
            prices[t] = poolPrice(microgrid, r, t);
            imports[t] = r.period(t).power(GRID_BUY) + r.period(t).power(GRID_SELL);
        }
        Map<String, double[][]> schedules = new LinkedHashMap<>();
        for (FlexibleAgent a : microgrid.agents()) {
            if (a instanceof StorageAgent) {
                StorageOutcome s = r.storage(a.id()).orElseThrow();
                schedules.put(a.id(), new double[][] {s.chargeKw(), s.dischargeKw()});
            } else {
                double[] x = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] =
                            a instanceof FlexibleDemand
                                    ? -r.period(t).power(a.id())
                                    : r.period(t).power(a.id());
                }
                schedules.put(a.id(), new double[][] {x});
            }
        }
        return new DayAheadSchedule(prices, imports, schedules, r);
    }

    /**
     * The price of period {@code t}: the multiplier of the reciprocity of any trade with the pool
     * (without preferences, every trade with the pool has the same one).
     */
    private static double poolPrice(Microgrid microgrid, MultiPeriodResult r, int t) {
        List<String> ids =
                new ArrayList<>(List.of(microgrid.renewable().id(), GRID_BUY, GRID_SELL));
        microgrid.agents().forEach(a -> ids.add(a.id()));
        for (String id : ids) {
            OptionalDouble p = r.period(t).tradePrice(id, POOL);
            if (p.isEmpty()) {
                p = r.period(t).tradePrice(POOL, id);
            }
            if (p.isPresent()) {
                return p.getAsDouble();
            }
        }
        throw new IllegalStateException(
                "microgrid "
                        + microgrid.name()
                        + ": nothing is traded in period "
                        + t
                        + " of the day-ahead market, so it has no price; Maybe give the renewable agent a forecast or the demand a minimum");
    }

    /** The day-ahead multi-period market of {@code microgrid}. */
    public static MultiPeriodMarket market(Microgrid microgrid) {
        double limit = microgrid.exchangeLimitKw();
        GridTariff tariff = microgrid.dayAheadTariff();
        RenewableAgent res = microgrid.renewable();
        List<PeerPair> pairs = new ArrayList<>();
        pairs.add(PeerPair.of(POOL, res.id()));
        pairs.add(PeerPair.of(POOL, GRID_BUY));
        pairs.add(PeerPair.of(POOL, GRID_SELL));
        for (FlexibleAgent a : microgrid.agents()) {
            pairs.add(PeerPair.of(POOL, a.id()));
        }
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(microgrid.name() + "-day-ahead", microgrid.horizon())
                        .periods(
                                t -> {
                                    Market.Builder m =
                                            Market.builder(microgrid.name() + "-" + t)
                                                    .prosumer(POOL, 0, 0, QuadraticCost.of(0, 0, 0))
                                                    .producer(
                                                            res.id(),
                                                            res.forecastKw().at(t),
                                                            res.forecastKw().at(t),
                                                            QuadraticCost.of(0, 0, 0))
                                                    .producer(
                                                            GRID_BUY,
                                                            0,
                                                            limit,
                                                            QuadraticCost.linear(
                                                                    tariff.buyPrice().at(t)))
                                                    .consumer(
                                                            GRID_SELL,
                                                            -limit,
                                                            0,
                                                            QuadraticCost.linear(
                                                                    tariff.sellPrice().at(t)));
                                    for (FlexibleAgent a : microgrid.agents()) {
                                        if (a instanceof FlexibleDemand d) {
                                            m.consumer(
                                                    d.id(),
                                                    -d.maxKw().at(t),
                                                    -d.minKw().at(t),
                                                    QuadraticCost.of(0, 0, 0));
                                        } else if (a instanceof DispatchableGenerator g) {
                                            m.producer(
                                                    g.id(),
                                                    g.minKw().at(t),
                                                    g.maxKw().at(t),
                                                    g.cost());
                                        } else {
                                            m.prosumer(a.id(), 0, 0, QuadraticCost.of(0, 0, 0));
                                        }
                                    }
                                    return m.tradingPairs(pairs).build();
                                });
        for (FlexibleAgent a : microgrid.agents()) {
            if (a instanceof FlexibleDemand d) {
                for (DemandWindow w : d.windows()) {
                    b.energyWindow(
                            d.id(),
                            EnergyWindow.of(w.from(), w.to(), -w.energyKwh(), -w.energyKwh()));
                }
            } else if (a instanceof DispatchableGenerator g) {
                if (g.ramp().limitsUp() || g.ramp().limitsDown()) {
                    b.ramp(g.id(), g.ramp());
                }
            } else if (a instanceof StorageAgent s) {
                b.storage(s.id(), s.unit());
            }
        }
        return b.build();
    }

    /** The day-ahead price of period {@code t}, $/kWh. */
    public double price(int t) {
        return prices[t];
    }

    /** The day-ahead prices, $/kWh, one per period (a copy). */
    public double[] prices() {
        return prices.clone();
    }

    /** The microgrid's import from the grid in period {@code t}, kW (negative when it exports). */
    public double gridImportKw(int t) {
        return gridImportKw[t];
    }

    /** Number of periods. */
    public int periods() {
        return prices.length;
    }

    /** The market's result, as the solver returned it. */
    public MultiPeriodResult result() {
        return result;
    }

    /** The agent's schedule arrays (consumption; output; charge and discharge), kW; copies. */
    double[][] schedule(String agentId) {
        double[][] s = schedules.get(agentId);
        if (s == null) {
            throw new IllegalArgumentException(
                    "agent " + agentId + ": not in the day-ahead schedule");
        }
        return AgentModel.copy(s);
    }
}
