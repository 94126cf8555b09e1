package org.gridbazaar.mechanism.bonus;

import org.gridbazaar.horizon.Ramp;

/** A {@link DispatchableGenerator}'s schedule: one array, output {@code g_tau} (kW). */
final class GeneratorModel extends AgentModel {

    private final DispatchableGenerator generator;

    GeneratorModel(DispatchableGenerator generator, int periods, double dt, double[] outputKw) {
        super(generator, periods, dt);
        this.generator = generator;
        this.plan = new double[][] {outputKw.clone()};
    }

    @Override
    double injection(double[][] x, int tau) {
        return x[0][tau];
    }

    @Override
    double operatingCost(double[][] x, int from, int to) {
        double c = 0;
        for (int tau = from; tau <= to; tau++) {
            c += dt * generator.cost().value(x[0][tau]);
        }
        return c;
    }

    @Override
    double powerRangeKw() {
        double r = 0;
        for (int tau = 0; tau < periods; tau++) {
            r = Math.max(r, generator.maxKw().at(tau) - generator.minKw().at(tau));
        }
        return r;
    }

    @Override
    Window addTo(WindowQp qp, int t, int e, double s, double[] lambda, double bonus, long keyBase) {
        Window w = new Window(t, e, 1);
        double[] g = plan[0];
        double a = generator.cost().a(), b = generator.cost().b();
        Ramp ramp = generator.ramp();
        double up = ramp.limitsUp() ? ramp.upKw() : Double.POSITIVE_INFINITY;
        double down = ramp.limitsDown() ? ramp.downKw() : Double.POSITIVE_INFINITY;
        for (int tau = t; tau <= e; tau++) {
            double lo = Math.min(generator.minKw().at(tau), g[tau]),
                    hi = Math.max(generator.maxKw().at(tau), g[tau]);
            // ramps against a power outside the window bound one variable: made bounds, widened to
            // the schedule held
            double before = tau > 0 ? g[tau - 1] : ramp.initialKw();
            if (tau == t && !Double.isNaN(before)) {
                hi = Math.min(hi, Math.max(before + up, g[tau]));
                lo = Math.max(lo, Math.min(before - down, g[tau]));
            }
            if (tau == e && e + 1 < periods) {
                lo = Math.max(lo, Math.min(g[e + 1] - up, g[tau]));
                hi = Math.min(hi, Math.max(g[e + 1] + down, g[tau]));
            }
            double linear = dt * (b - lambda[tau] - reluctance * g[tau]);
            if (tau == t) {
                linear -= dt * bonus * s;
                if (s > 0) {
                    lo = g[tau];
                } else {
                    hi = g[tau];
                }
            }
            w.vars[0][tau - t] = qp.variable(lo, hi, dt * (a + reluctance), linear);
        }
        contribution(w, new int[] {w.vars[0][0]}, new double[] {s}, -s * g[t]);
        // inside the window, each step's rise r_tau = g_tau - g_(tau-1) is a variable on [-down,
        // up]
        // (widened to what the schedule held uses): one equality row per step, where two opposite
        // inequality rows would make the interior-point method's row-space system singular
        if (ramp.limitsUp() || ramp.limitsDown()) {
            for (int tau = t + 1; tau <= e; tau++) {
                double rise = g[tau] - g[tau - 1];
                int r = qp.variable(-Math.max(down, -rise), Math.max(up, rise), 0, 0);
                qp.row(
                        new int[] {w.vars[0][tau - t], w.vars[0][tau - 1 - t], r},
                        new double[] {1, -1, -1},
                        true,
                        0,
                        keyBase + (tau - t));
            }
        }
        return w;
    }

    @Override
    double[][] read(Window w, double[] u) {
        double[][] x = copy(plan);
        for (int tau = w.t; tau <= w.e; tau++) {
            x[0][tau] =
                    clamp(
                            u[w.vars[0][tau - w.t]],
                            Math.min(generator.minKw().at(tau), plan[0][tau]),
                            Math.max(generator.maxKw().at(tau), plan[0][tau]));
        }
        return x;
    }
}
