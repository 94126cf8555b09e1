package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control unit's bonus loop against real-time imbalance (Fattaheian-Dehkordi et al., CIRED
 * 2020, section 2.2 and Fig. 2), period by period over the day.
 *
 * <p>In period {@code t} the imbalance is {@code I_t = (R_t - F_t) + sum_a (p_a,t - P_a,t^DA)} (kW;
 * real minus forecast renewable output plus the agents' changes from their day-ahead schedules,
 * changes made at earlier periods included). When it is not zero the control unit offers the bonus
 * {@code b = 0, step, 2 step, ...} ($/kWh, {@code step = stepFraction * ceiling}); at each level
 * every agent answers with the re-schedule over {@code [t, t + T]} that maximises its profit (its
 * window problem, {@link AgentModel}): energy valued at the day-ahead prices, its own costs, and
 * {@code b * dt} per kW it moves its period-{@code t} injection in the direction that reduces
 * {@code |I_t|} (its contribution; moves the other way are not allowed while it takes the bonus).
 * The loop stops at the first level where the contributions cover {@code |I_t|} or the bonus
 * reaches the ceiling. If the last level over-covers, the control unit takes every answer of the
 * level before in full and the same fraction of each agent's further move (pro rata at the margin,
 * the tie rule of a uniform-price auction): a convex combination of two feasible schedules, so
 * feasible, and no less profitable to the agent than the schedule it held. Every contributor is
 * paid the final bonus on what it contributed; the renewable agent pays. The remaining imbalance is
 * settled with the grid at the real-time prices (a shortage bought at the buy price, a surplus sold
 * at the sell price). Only period {@code t} is executed; the rest of each accepted re-schedule is
 * the agent's schedule from then on.
 */
public final class BonusMechanism {

    private BonusMechanism() {}

    /** Runs the loop over the day with {@link BonusOptions#DEFAULTS}. */
    public static BonusOutcome run(Microgrid microgrid, DayAheadSchedule dayAhead) {
        return run(microgrid, dayAhead, BonusOptions.DEFAULTS);
    }

    /**
     * Runs the loop over the day.
     *
     * @throws IllegalArgumentException if the schedule is not of this microgrid
     * @throws IllegalStateException if an agent's problem cannot be solved
     */
    public static BonusOutcome run(
            Microgrid microgrid, DayAheadSchedule dayAhead, BonusOptions options) {
        if (dayAhead.periods() != microgrid.periods()) {
            throw new IllegalArgumentException(
                    "microgrid "
                            + microgrid.name()
                            + ": the day-ahead schedule has "
                            + dayAhead.periods()
                            + " periods, the microgrid "
                            + microgrid.periods());
        }
        return new Run(microgrid, dayAhead, options).day();
    }

    /** One run over the day: the agents' schedules as they evolve. */
    private static final class Run {
        private final Microgrid mg;
        private final BonusOptions options;
        private final int n;
        private final double dt;
        private final double[] lambda;
        private final List<AgentModel> agents = new ArrayList<>();
        private final double[][] dayAheadKw;
        private final double[][] contribution, bonusPaid, profitChange;
        private final double scaleKw;

        Run(Microgrid mg, DayAheadSchedule da, BonusOptions options) {
            this.mg = mg;
            this.options = options;
            this.n = mg.periods();
            this.dt = mg.horizon().hoursPerPeriod();
            this.lambda = da.prices();
            double meanSpread = 0;
            for (int t = 0; t < n; t++) {
                meanSpread += mg.realTimeTariff().spread(t) / n;
            }
            double scale = 1;
            for (FlexibleAgent a : mg.agents()) {
                double[][] s = da.schedule(a.id());
                AgentModel m;
                if (a instanceof FlexibleDemand d) {
                    m = new DemandModel(d, n, dt, s[0]);
                } else if (a instanceof DispatchableGenerator g) {
                    m = new GeneratorModel(g, n, dt, s[0]);
                } else {
                    m = new StorageModel((StorageAgent) a, n, dt, s[0], s[1]);
                }
                double range = m.powerRangeKw();
                m.reluctance =
                        range > 0 ? options.reluctance() * Math.max(meanSpread, 1e-6) / range : 0;
                scale = Math.max(scale, range);
                agents.add(m);
            }
            for (int t = 0; t < n; t++) {
                scale = Math.max(scale, Math.abs(mg.renewable().deviationKw(t)));
            }
            this.scaleKw = scale;
            dayAheadKw = new double[agents.size()][n];
            for (int a = 0; a < agents.size(); a++) {
                for (int t = 0; t < n; t++) {
                    dayAheadKw[a][t] = agents.get(a).injection(agents.get(a).plan, t);
                }
            }
            contribution = new double[agents.size()][n];
            bonusPaid = new double[agents.size()][n];
            profitChange = new double[agents.size()][n];
        }

        BonusOutcome day() {
            double tolKw = 1e-7 * scaleKw;
            double[] before = new double[n],
                    after = new double[n],
                    bonus = new double[n],
                    ceiling = new double[n];
            double[] low = new double[n], high = new double[n];
            int[] steps = new int[n];
            java.util.Arrays.fill(low, Double.NaN);
            java.util.Arrays.fill(high, Double.NaN);
            for (int t = 0; t < n; t++) {
                before[t] = imbalance(t);
                double need = Math.abs(before[t]);
                if (need > tolKw) {
                    double s = before[t] < 0 ? 1 : -1;
                    ceiling[t] = ceiling(t, s);
                    int e = Math.min(n - 1, t + options.lookAheadPeriods());
                    if (options.centralized()) {
                        double[] mu =
                                CentralizedRedispatch.multipliers(
                                        agents,
                                        t,
                                        e,
                                        s,
                                        need,
                                        ceiling[t],
                                        lambda,
                                        dt,
                                        options.tolerance());
                        low[t] = mu[0];
                        high[t] = mu[1];
                    }
                    double[] outcome = loop(t, e, s, need, ceiling[t], tolKw);
                    bonus[t] = outcome[0];
                    steps[t] = (int) outcome[1];
                }
                after[t] = imbalance(t);
            }
            return outcome(before, after, bonus, ceiling, steps, low, high);
        }

        /** The imbalance of period {@code t} with the agents' current schedules, kW. */
        private double imbalance(int t) {
            double x = mg.renewable().deviationKw(t);
            for (int a = 0; a < agents.size(); a++) {
                x += agents.get(a).injection(agents.get(a).plan, t) - dayAheadKw[a][t];
            }
            return x;
        }

        private double ceiling(int t, double s) {
            GridTariff rt = mg.realTimeTariff();
            double spread = Math.max(0, rt.spread(t));
            if (options.ceiling() == BonusOptions.Ceiling.SPREAD) {
                return spread;
            }
            double avoided =
                    s > 0 ? rt.buyPrice().at(t) - lambda[t] : lambda[t] - rt.sellPrice().at(t);
            return Math.max(0, Math.min(spread, avoided));
        }

        /**
         * Raises the bonus in period {@code t}; commits the accepted schedules; returns {final
         * bonus, levels offered}.
         */
        private double[] loop(int t, int e, double s, double need, double ceiling, double tolKw) {
            int m = agents.size();
            double[][][] previous = new double[m][][];
            double[] prevContribution = new double[m];
            double prevTotal = 0;
            double[] maxContribution = new double[m];
            for (int a = 0; a < m; a++) {
                previous[a] = agents.get(a).plan;
                maxContribution[a] =
                        mostItCanMove(agents.get(a), t, e, s, 1e2 * (1 + ceiling + maxAbs(lambda)));
            }
            double step = options.stepFraction() * ceiling;
            int level = 0;
            while (true) {
                double b = ceiling == 0 ? 0 : Math.min(level * step, ceiling);
                boolean last = b >= ceiling;
                double[][][] answer = new double[m][][];
                double[] c = new double[m];
                double total = 0;
                for (int a = 0; a < m; a++) {
                    if (prevContribution[a] >= maxContribution[a] - tolKw) {
                        answer[a] =
                                previous[a]; // it already moves all it can: a higher bonus moves it
                        // no further
                        c[a] = prevContribution[a];
                    } else {
                        Response r = respond(agents.get(a), t, e, s, b);
                        answer[a] = r.schedule;
                        c[a] = r.contribution;
                    }
                    total += c[a];
                }
                level++;
                if (total >= need - tolKw || last) {
                    double theta =
                            total > need + tolKw ? (need - prevTotal) / (total - prevTotal) : 1;
                    for (int a = 0; a < m; a++) {
                        AgentModel agent = agents.get(a);
                        double[][] x = agent.combine(previous[a], answer[a], theta);
                        double taken =
                                Math.max(
                                        0,
                                        s
                                                * (agent.injection(x, t)
                                                        - agent.injection(agent.plan, t)));
                        contribution[a][t] = taken;
                        bonusPaid[a][t] = b * taken * dt;
                        profitChange[a][t] =
                                agent.profit(x, t, e, lambda)
                                        - agent.profit(agent.plan, t, e, lambda)
                                        + bonusPaid[a][t];
                        agent.plan = x;
                    }
                    return new double[] {b, level};
                }
                previous = answer;
                prevContribution = c;
                prevTotal = total;
            }
        }

        private record Response(double[][] schedule, double contribution) {}

        /**
         * The agent's answer to a bonus far above any price: all it can move, to skip it at the
         * levels after it gets there; infinite (never skipped) if that problem cannot be solved.
         */
        private double mostItCanMove(AgentModel agent, int t, int e, double s, double bonus) {
            try {
                return respond(agent, t, e, s, bonus).contribution;
            } catch (IllegalStateException unsolved) {
                return Double.POSITIVE_INFINITY;
            }
        }

        private Response respond(AgentModel agent, int t, int e, double s, double bonus) {
            WindowQp b = new WindowQp();
            AgentModel.Window w = agent.addTo(b, t, e, s, lambda, bonus, 0);
            WindowQp.Solution o = b.solve(options.tolerance());
            if (!o.converged()) {
                throw new IllegalStateException(
                        "agent "
                                + agent.spec.id()
                                + " in period "
                                + t
                                + " at bonus "
                                + bonus
                                + " $/kWh: its re-scheduling problem stopped with "
                                + o.stop()
                                + " "
                                + o.detail());
            }
            double[][] x = agent.read(w, o.u());
            return new Response(
                    x, Math.max(0, s * (agent.injection(x, t) - agent.injection(agent.plan, t))));
        }

        private static double maxAbs(double[] x) {
            double m = 0;
            for (double v : x) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }

        private BonusOutcome outcome(
                double[] before,
                double[] after,
                double[] bonus,
                double[] ceiling,
                int[] steps,
                double[] low,
                double[] high) {
            GridTariff rt = mg.realTimeTariff();
            List<PeriodOutcome> periods = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                double deviation = mg.renewable().deviationKw(t);
                double without = -gridRevenue(rt, t, deviation);
                double with = -gridRevenue(rt, t, after[t]);
                for (int a = 0; a < agents.size(); a++) {
                    double change =
                            agents.get(a).injection(agents.get(a).plan, t) - dayAheadKw[a][t];
                    with += dt * lambda[t] * change + bonusPaid[a][t];
                }
                periods.add(
                        new PeriodOutcome(
                                t,
                                before[t],
                                after[t],
                                bonus[t],
                                ceiling[t],
                                steps[t],
                                low[t],
                                high[t],
                                without,
                                with));
            }
            List<AgentPeriod> rows = new ArrayList<>();
            Map<String, double[]> da = new LinkedHashMap<>(), rtKw = new LinkedHashMap<>();
            for (int a = 0; a < agents.size(); a++) {
                AgentModel agent = agents.get(a);
                double[] x = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] = agent.injection(agent.plan, t);
                    rows.add(
                            new AgentPeriod(
                                    agent.spec.id(),
                                    agent.spec.kind(),
                                    t,
                                    x[t] - dayAheadKw[a][t],
                                    contribution[a][t],
                                    bonusPaid[a][t],
                                    profitChange[a][t]));
                }
                da.put(agent.spec.id(), dayAheadKw[a]);
                rtKw.put(agent.spec.id(), x);
            }
            return new BonusOutcome(mg.name(), dt, lambda, periods, rows, da, rtKw);
        }

        /**
         * What the grid pays the microgrid for exporting {@code kw} in period {@code t} (negative:
         * the microgrid pays), $.
         */
        private double gridRevenue(GridTariff rt, int t, double kw) {
            return dt * kw * (kw > 0 ? rt.sellPrice().at(t) : rt.buyPrice().at(t));
        }
    }
}
