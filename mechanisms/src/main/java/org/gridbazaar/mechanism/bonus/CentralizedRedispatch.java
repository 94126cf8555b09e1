package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.List;

/**
 * The centralized re-dispatch the bonus loop is compared with: in period {@code t}, the same agents
 * with the same schedules, look-ahead windows and constraints (their contributions helpful only),
 * re-scheduled together to maximise the sum of their profits subject to the real-time balance
 *
 * <pre>
 *   sum_a s * (p_a,t - P_a,t) + r = |I_t|,   r >= 0
 * </pre>
 *
 * where {@code r} (kW) is left to the grid at {@code dt * ceiling} $ per kW. Its multiplier {@code
 * mu} ($/kWh, the marginal value of one more kW covered) is the bonus at which the agents' own
 * answers, summed, cover the imbalance: each agent's window problem at bonus {@code mu} is its part
 * of this problem's Lagrangian. As the agents' total contribution never falls as the bonus rises, a
 * loop that first covers the imbalance at level {@code b_k} has {@code b_(k-1) <= mu <= b_k}, and
 * one that stops at the ceiling uncovered has {@code mu} equal to the ceiling.
 *
 * <p>The multiplier is an interval where the agents' total contribution has a kink exactly at
 * {@code |I_t|}, which is common: an imbalance left by an agent's own earlier re-schedule is undone
 * exactly by that agent returning to its day-ahead schedule, where its costs bend (charging and
 * discharging losses). An interior-point method returns a point inside that interval, so the
 * interval's ends are found as the multipliers at {@code |I_t|} less and more a millionth ({@link
 * #multipliers}).
 */
final class CentralizedRedispatch {

    private CentralizedRedispatch() {}

    /**
     * The interval of multipliers of the real-time balance in period {@code t}, $/kWh: the
     * multipliers with {@code |I_t|} less and more {@code 1e-6 |I_t|} (at least 1e-6 kW).
     */
    static double[] multipliers(
            List<AgentModel> agents,
            int t,
            int e,
            double s,
            double need,
            double ceiling,
            double[] lambda,
            double dt,
            double tolerance) {
        double delta = 1e-6 * Math.max(need, 1);
        return new double[] {
            multiplier(agents, t, e, s, Math.max(0, need - delta), ceiling, lambda, dt, tolerance),
            multiplier(agents, t, e, s, need + delta, ceiling, lambda, dt, tolerance)
        };
    }

    /** The multiplier {@code mu} of the real-time balance in period {@code t}, $/kWh. */
    static double multiplier(
            List<AgentModel> agents,
            int t,
            int e,
            double s,
            double need,
            double ceiling,
            double[] lambda,
            double dt,
            double tolerance) {
        WindowQp b = new WindowQp();
        List<Integer> vars = new ArrayList<>();
        List<Double> coefs = new ArrayList<>();
        double constant = 0;
        long block = e - t + 2;
        for (int a = 0; a < agents.size(); a++) {
            AgentModel.Window w = agents.get(a).addTo(b, t, e, s, lambda, 0, a * block);
            for (int k = 0; k < w.contributionVars.length; k++) {
                vars.add(w.contributionVars[k]);
                coefs.add(w.contributionCoefs[k]);
            }
            constant += w.contributionConstant;
        }
        int r = b.variable(0, Double.POSITIVE_INFINITY, 0, dt * ceiling);
        vars.add(r);
        coefs.add(1.0);
        int balance =
                b.row(
                        vars.stream().mapToInt(Integer::intValue).toArray(),
                        coefs.stream().mapToDouble(Double::doubleValue).toArray(),
                        true,
                        need - constant,
                        agents.size() * block + 1);
        WindowQp.Solution o = b.solve(tolerance);
        if (!o.converged()) {
            throw new IllegalStateException(
                    "centralized re-dispatch in period "
                            + t
                            + ": stopped with "
                            + o.stop()
                            + " "
                            + o.detail());
        }
        return -o.pi()[balance] / dt;
    }
}
