package org.gridbazaar.mechanism.bonus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bonus mechanism did over the day: per period the imbalance before and after and the
 * bonus ({@link PeriodOutcome}), per agent and period its change of schedule and the bonus it
 * received ({@link AgentPeriod}), each agent's day-ahead and real-time net injection (kW), and the
 * renewable agent's real-time cost with and without coordination ($). Immutable.
 */
public final class BonusOutcome {

    private final String microgrid;
    private final double hoursPerPeriod;
    private final double[] prices;
    private final List<PeriodOutcome> periods;
    private final List<AgentPeriod> agentPeriods;
    private final Map<String, double[]> dayAheadKw, realTimeKw;

    BonusOutcome(
            String microgrid,
            double hoursPerPeriod,
            double[] prices,
            List<PeriodOutcome> periods,
            List<AgentPeriod> agentPeriods,
            Map<String, double[]> dayAheadKw,
            Map<String, double[]> realTimeKw) {
        this.microgrid = microgrid;
        this.hoursPerPeriod = hoursPerPeriod;
        this.prices = prices.clone();
        this.periods = List.copyOf(periods);
        this.agentPeriods = List.copyOf(agentPeriods);
        this.dayAheadKw = copy(dayAheadKw);
        this.realTimeKw = copy(realTimeKw);
    }

    private static Map<String, double[]> copy(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** The microgrid's name. */
    public String microgrid() {
        return microgrid;
    }

    /** Hours per period. */
    public double hoursPerPeriod() {
        return hoursPerPeriod;
    }

    /** The day-ahead prices {@code lambda_t} at which the agents value energy, $/kWh (a copy). */
    public double[] prices() {
        return prices.clone();
    }

    /** One outcome per period, in order. */
    public List<PeriodOutcome> periods() {
        return periods;
    }

    /**
     * One outcome per agent and period, agents in the microgrid's order, periods in order within
     * each.
     */
    public List<AgentPeriod> agentPeriods() {
        return agentPeriods;
    }

    /** The agents' ids, in the microgrid's order. */
    public List<String> agents() {
        return List.copyOf(dayAheadKw.keySet());
    }

    /** The agent's day-ahead net injection per period, kW (a copy). */
    public double[] dayAheadKw(String agent) {
        return known(dayAheadKw, agent).clone();
    }

    /** The agent's real-time net injection per period, kW, as executed (a copy). */
    public double[] realTimeKw(String agent) {
        return known(realTimeKw, agent).clone();
    }

    private static double[] known(Map<String, double[]> m, String agent) {
        double[] x = m.get(agent);
        if (x == null) {
            throw new IllegalArgumentException(
                    "agent " + agent + ": unknown; the agents are " + m.keySet());
        }
        return x;
    }

    /** The bonuses paid by the renewable agent over the day, $. */
    public double bonusesPaid() {
        return periods.stream()
                .mapToDouble(p -> p.bonus() * hoursPerPeriod * contributed(p.period()))
                .sum();
    }

    private double contributed(int period) {
        return agentPeriods.stream()
                .filter(a -> a.period() == period)
                .mapToDouble(AgentPeriod::contributionKw)
                .sum();
    }

    /** The bonuses received by {@code agent} over the day, $. */
    public double bonusesReceived(String agent) {
        known(dayAheadKw, agent);
        return agentPeriods.stream()
                .filter(a -> a.agent().equals(agent))
                .mapToDouble(AgentPeriod::bonusPaid)
                .sum();
    }

    /** The renewable agent's real-time cost over the day without coordination, $. */
    public double renewableCostWithout() {
        return periods.stream().mapToDouble(PeriodOutcome::renewableCostWithout).sum();
    }

    /** The renewable agent's real-time cost over the day with the mechanism, $. */
    public double renewableCostWith() {
        return periods.stream().mapToDouble(PeriodOutcome::renewableCostWith).sum();
    }
}
