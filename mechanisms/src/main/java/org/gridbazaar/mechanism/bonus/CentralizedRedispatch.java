package org.gridbazaar.mechanism.bonus;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * The centralized re-dispatch the bonus loop is compared with: in period {@code t}, the same agents
 * with the same schedules, look-ahead windows and constraints (their contributions helpful only),
 * re-scheduled together to maximise the sum of their profits subject to the real-time balance
 * <pre>
 *   sum_a s * (p_a,t - P_a,t) + r = |I_t|,   0 <= r <= |I_t|
 * </pre>
 * where {@code r} (kW) is left to the grid at {@code dt * ceiling} $ per kW. Its multiplier
 * {@code mu} ($/kWh, the marginal value of one more kW covered) is the bonus at which the agents'
 * own answers, summed, cover the imbalance: each agent's window problem at bonus {@code mu} is its
 * part of this problem's Lagrangian. As the agents' total contribution never falls as the bonus
 * rises, a loop that first covers the imbalance at level {@code b_k} has
 * {@code b_(k-1) <= mu <= b_k}, and one that stops at the ceiling uncovered has {@code mu} equal to
 * the ceiling.
 */
final class CentralizedRedispatch {

    private CentralizedRedispatch() {
    }

    /** The multiplier {@code mu} of the real-time balance in period {@code t}, $/kWh. */
    static double multiplier(List<AgentModel> agents, int t, int e, double s, double need, double ceiling, double[] lambda,
                             double dt, double tolerance) {
        SeparableQp.Builder b = SeparableQp.builder();
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
        int r = b.variable(0, need, 0, dt * ceiling);
        vars.add(r);
        coefs.add(1.0);
        int balance = b.row(vars.stream().mapToInt(Integer::intValue).toArray(), coefs.stream().mapToDouble(Double::doubleValue).toArray(),
                true, need - constant, Long.MAX_VALUE);
        SeparableQpSolver.Outcome o = new SeparableQpSolver(b.build())
                .solve(tolerance, 500, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        if (o.stop != SeparableQpSolver.Stop.CONVERGED) {
            throw new IllegalStateException("centralized re-dispatch in period " + t + ": stopped with " + o.stop + " " + o.detail);
        }
        return -o.pi[balance] / dt;
    }
}
