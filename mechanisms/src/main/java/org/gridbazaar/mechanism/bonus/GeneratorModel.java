package org.gridbazaar.mechanism.bonus;

import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.solver.support.SeparableQp;

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
    Window addTo(SeparableQp.Builder qp, int t, int e, double s, double[] lambda, double bonus, long keyBase) {
        Window w = new Window(t, e, 1);
        double[] g = plan[0];
        double a = generator.cost().a(), b = generator.cost().b();
        for (int tau = t; tau <= e; tau++) {
            double lo = Math.min(generator.minKw().at(tau), g[tau]), hi = Math.max(generator.maxKw().at(tau), g[tau]);
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
        Ramp ramp = generator.ramp();
        // rows g_tau - g_(tau-1) <= up and g_(tau-1) - g_tau <= down for tau in [t, e + 1], the
        // powers outside the window fixed; each limit widened to what the current schedule uses
        for (int tau = t; tau <= Math.min(e + 1, periods - 1); tau++) {
            boolean prevFixed = tau == t, curFixed = tau == e + 1;
            double prev = tau > 0 ? g[tau - 1] : ramp.initialKw();
            if (prevFixed && Double.isNaN(prev)) {
                continue;
            }
            double rise = g[tau] - prev;
            long key = keyBase + (tau - t);
            if (ramp.limitsUp()) {
                rampRow(qp, w, t, tau, prevFixed, curFixed, prev, g[tau], 1, Math.max(ramp.upKw(), rise), key);
            }
            if (ramp.limitsDown()) {
                rampRow(qp, w, t, tau, prevFixed, curFixed, prev, g[tau], -1, Math.max(ramp.downKw(), -rise), key);
            }
        }
        return w;
    }

    /** {@code sign * (g_tau - g_(tau-1)) <= limit}, fixed powers moved to the right-hand side. */
    private static void rampRow(SeparableQp.Builder qp, Window w, int t, int tau, boolean prevFixed, boolean curFixed,
                                double prev, double cur, double sign, double limit, long key) {
        if (prevFixed && curFixed) {
            return;
        }
        if (prevFixed) {
            qp.row(new int[] {w.vars[0][tau - t]}, new double[] {sign}, false, limit + sign * prev, key);
        } else if (curFixed) {
            qp.row(new int[] {w.vars[0][tau - 1 - t]}, new double[] {-sign}, false, limit - sign * cur, key);
        } else {
            qp.row(new int[] {w.vars[0][tau - t], w.vars[0][tau - 1 - t]}, new double[] {sign, -sign}, false, limit, key);
        }
    }

    @Override
    double[][] read(Window w, double[] u) {
        double[][] x = copy(plan);
        for (int tau = w.t; tau <= w.e; tau++) {
            x[0][tau] = clamp(u[w.vars[0][tau - w.t]], Math.min(generator.minKw().at(tau), plan[0][tau]),
                    Math.max(generator.maxKw().at(tau), plan[0][tau]));
        }
        return x;
    }
}
