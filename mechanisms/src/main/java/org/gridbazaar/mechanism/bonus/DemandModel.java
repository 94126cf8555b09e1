package org.gridbazaar.mechanism.bonus;

/** A {@link FlexibleDemand}'s schedule: one array, consumption {@code d_tau} (kW). */
final class DemandModel extends AgentModel {

    private final FlexibleDemand demand;

    DemandModel(FlexibleDemand demand, int periods, double dt, double[] consumptionKw) {
        super(demand, periods, dt);
        this.demand = demand;
        this.plan = new double[][] {consumptionKw.clone()};
    }

    @Override
    double injection(double[][] x, int tau) {
        return -x[0][tau];
    }

    @Override
    double operatingCost(double[][] x, int from, int to) {
        return 0;
    }

    @Override
    double powerRangeKw() {
        double r = 0;
        for (int tau = 0; tau < periods; tau++) {
            r = Math.max(r, demand.maxKw().at(tau) - demand.minKw().at(tau));
        }
        return r;
    }

    @Override
    Window addTo(WindowQp qp, int t, int e, double s, double[] lambda, double bonus, long keyBase) {
        Window w = new Window(t, e, 1);
        double[] d = plan[0];
        double q = dt * reluctance;
        for (int tau = t; tau <= e; tau++) {
            double lo = Math.min(demand.minKw().at(tau), d[tau]),
                    hi = Math.max(demand.maxKw().at(tau), d[tau]);
            double linear = dt * lambda[tau] - q * d[tau];
            if (tau == t) {
                // the contribution s * (-d_t + D_t) >= 0 is a bound, its reward a linear term
                linear += dt * bonus * s;
                if (s > 0) {
                    hi = d[tau];
                } else {
                    lo = d[tau];
                }
            }
            w.vars[0][tau - t] = qp.variable(lo, hi, q, linear);
        }
        contribution(w, new int[] {w.vars[0][0]}, new double[] {-s}, s * d[t]);
        for (DemandWindow window : demand.windows()) {
            int from = Math.max(window.from(), t), to = Math.min(window.to(), e);
            if (from > to) {
                continue;
            }
            int[] vs = new int[to - from + 1];
            double[] ones = new double[vs.length];
            double kept = 0;
            for (int tau = from; tau <= to; tau++) {
                vs[tau - from] = w.vars[0][tau - t];
                ones[tau - from] = 1;
                kept += d[tau];
            }
            qp.row(vs, ones, true, kept, keyBase + (to - t));
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
                            Math.min(demand.minKw().at(tau), plan[0][tau]),
                            Math.max(demand.maxKw().at(tau), plan[0][tau]));
        }
        return x;
    }
}
