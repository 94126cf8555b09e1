package org.gridbazaar.mechanism.bonus;

import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;

/**
 * A {@link StorageAgent}'s schedule: charge {@code c} (array 0), discharge {@code d} (array 1),
 * both kW, and the energy {@code E} at the end of each period (array 2, kWh), always recomputed
 * from {@code c} and {@code d} by the energy balance of {@link Storage}.
 */
final class StorageModel extends AgentModel {

    private final Storage unit;
    private final double[] least;

    StorageModel(
            StorageAgent agent, int periods, double dt, double[] chargeKw, double[] dischargeKw) {
        super(agent, periods, dt);
        this.unit = agent.unit();
        this.least = new double[periods];
        for (int tau = 0; tau < periods; tau++) {
            least[tau] = unit.minKwh();
        }
        for (StorageTarget target : unit.targets()) {
            least[target.period()] = Math.max(least[target.period()], target.minKwh());
        }
        double[] c = new double[periods], d = new double[periods];
        for (int tau = 0; tau < periods; tau++) {
            c[tau] = clamp(chargeKw[tau], 0, unit.chargeKw().at(tau));
            d[tau] = clamp(dischargeKw[tau], 0, unit.dischargeKw().at(tau));
        }
        this.plan = withEnergy(c, d);
    }

    /** The schedule {@code c, d} with its energy trajectory. */
    private double[][] withEnergy(double[] c, double[] d) {
        double[] energy = new double[periods];
        double retention = unit.retention(dt), previous = unit.initialKwh();
        for (int tau = 0; tau < periods; tau++) {
            previous =
                    retention * previous
                            + dt
                                    * (unit.chargeEfficiency() * c[tau]
                                            - d[tau] / unit.dischargeEfficiency())
                            - unit.usageKwh().at(tau);
            energy[tau] = previous;
        }
        return new double[][] {c, d, energy};
    }

    @Override
    double injection(double[][] x, int tau) {
        return x[1][tau] - x[0][tau];
    }

    @Override
    double operatingCost(double[][] x, int from, int to) {
        double cost = 0;
        for (int tau = from; tau <= to; tau++) {
            cost += dt * unit.throughputCost() * (x[0][tau] + x[1][tau]);
        }
        return cost;
    }

    @Override
    double powerRangeKw() {
        double r = 0;
        for (int tau = 0; tau < periods; tau++) {
            r = Math.max(r, unit.chargeKw().at(tau) + unit.dischargeKw().at(tau));
        }
        return r;
    }

    @Override
    Window addTo(WindowQp qp, int t, int e, double s, double[] lambda, double bonus, long keyBase) {
        Window w = new Window(t, e, 3);
        double[] c = plan[0], d = plan[1], energy = plan[2];
        double q = dt * reluctance, tc = unit.throughputCost();
        double retention = unit.retention(dt),
                etaC = unit.chargeEfficiency(),
                etaD = unit.dischargeEfficiency();
        for (int tau = t; tau <= e; tau++) {
            int k = tau - t;
            double reward = tau == t ? dt * bonus * s : 0;
            w.vars[0][k] =
                    qp.variable(
                            0,
                            Math.max(unit.chargeKw().at(tau), c[tau]),
                            q,
                            dt * (tc + lambda[tau]) - q * c[tau] + reward);
            w.vars[1][k] =
                    qp.variable(
                            0,
                            Math.max(unit.dischargeKw().at(tau), d[tau]),
                            q,
                            dt * (tc - lambda[tau]) - q * d[tau] - reward);
            double lo = Math.min(least[tau], energy[tau]),
                    hi = Math.max(unit.capacityKwh(), energy[tau]);
            if (tau == e) {
                lo = hi = energy[tau]; // the schedule after the window stays as it was
            }
            w.vars[2][k] = qp.variable(lo, hi, 0, 0);
            double before = tau == 0 ? unit.initialKwh() : energy[tau - 1];
            // E_tau - retention * E_(tau-1) - dt * etaC * c_tau + dt / etaD * d_tau = -usage_tau
            if (tau == t) {
                qp.row(
                        new int[] {w.vars[2][k], w.vars[0][k], w.vars[1][k]},
                        new double[] {1, -dt * etaC, dt / etaD},
                        true,
                        retention * before - unit.usageKwh().at(tau),
                        keyBase + k);
            } else {
                qp.row(
                        new int[] {w.vars[2][k], w.vars[2][k - 1], w.vars[0][k], w.vars[1][k]},
                        new double[] {1, -retention, -dt * etaC, dt / etaD},
                        true,
                        -unit.usageKwh().at(tau),
                        keyBase + k);
            }
        }
        // contribution s * (d_t - c_t - (D_t - C_t)) >= 0, as -s d_t + s c_t <= -s (D_t - C_t)
        int[] vs = {w.vars[1][0], w.vars[0][0]};
        qp.row(vs, new double[] {-s, s}, false, -s * (d[t] - c[t]), keyBase);
        contribution(w, vs, new double[] {s, -s}, -s * (d[t] - c[t]));
        return w;
    }

    @Override
    double[][] read(Window w, double[] u) {
        double[] c = plan[0].clone(), d = plan[1].clone();
        for (int tau = w.t; tau <= w.e; tau++) {
            c[tau] =
                    clamp(
                            u[w.vars[0][tau - w.t]],
                            0,
                            Math.max(unit.chargeKw().at(tau), plan[0][tau]));
            d[tau] =
                    clamp(
                            u[w.vars[1][tau - w.t]],
                            0,
                            Math.max(unit.dischargeKw().at(tau), plan[1][tau]));
        }
        return withEnergy(c, d);
    }

    @Override
    double[][] combine(double[][] a, double[][] b, double theta) {
        double[][] x = super.combine(a, b, theta);
        return withEnergy(x[0], x[1]);
    }
}
