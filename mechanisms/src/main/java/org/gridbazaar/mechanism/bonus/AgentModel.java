package org.gridbazaar.mechanism.bonus;

/**
 * One agent's schedule and its re-scheduling problem over a look-ahead window, as rows and
 * variables of a {@link WindowQp}. A schedule is a set of arrays over the day (one per quantity the
 * agent decides, such as charge and discharge); they combine linearly, so a convex combination of
 * two feasible schedules is feasible.
 *
 * <p>The window problem at period {@code t} over {@code [t, e]}, in $ to minimise:
 *
 * <pre>
 *   sum_tau dt * (cost_tau(x) - lambda_tau * p_tau) + dt * w/2 * |x - X|^2 - dt * bonus * s * p_t
 * </pre>
 *
 * with {@code p} the net injection (kW), {@code X} the current schedule, {@code w} the agent's
 * reluctance ($/kW^2 h) and {@code s = +1} when the microgrid is short (more injection helps),
 * {@code -1} when it is long; subject to the resource's limits, the schedule outside the window
 * kept, and the contribution {@code s * (p_t - P_t) >= 0}.
 */
abstract class AgentModel {

    /**
     * The variables of one window problem and the contribution {@code s * (p_t - P_t)} as an affine
     * expression of them.
     */
    static final class Window {
        final int t, e;

        /** {@code vars[k][tau - t]}: the variable of quantity {@code k} in period {@code tau}. */
        final int[][] vars;

        int[] contributionVars = new int[0];
        double[] contributionCoefs = new double[0];
        double contributionConstant;

        Window(int t, int e, int quantities) {
            this.t = t;
            this.e = e;
            this.vars = new int[quantities][e - t + 1];
        }
    }

    final FlexibleAgent spec;
    final int periods;
    final double dt;

    /** The current schedule. */
    double[][] plan;

    /** Reluctance to re-schedule, $/(kW^2 h). */
    double reluctance;

    AgentModel(FlexibleAgent spec, int periods, double dt) {
        this.spec = spec;
        this.periods = periods;
        this.dt = dt;
    }

    /** Net injection of schedule {@code x} in period {@code tau}, kW. */
    abstract double injection(double[][] x, int tau);

    /** Operating cost of schedule {@code x} over periods {@code from..to}, $. */
    abstract double operatingCost(double[][] x, int from, int to);

    /** The widest range of the agent's net injection in one period, kW (scales the reluctance). */
    abstract double powerRangeKw();

    /**
     * Adds the window problem at period {@code t} over {@code [t, e]}; rows take order keys from
     * {@code keyBase}. With {@code bonus} the linear reward on the contribution, $/kWh.
     */
    abstract Window addTo(
            WindowQp qp, int t, int e, double s, double[] lambda, double bonus, long keyBase);

    /** The schedule of the solution {@code u}: the current one with the window replaced. */
    abstract double[][] read(Window w, double[] u);

    /** {@code (1 - theta) * a + theta * b}, elementwise (derived quantities recomputed). */
    double[][] combine(double[][] a, double[][] b, double theta) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = new double[a[k].length];
            for (int tau = 0; tau < a[k].length; tau++) {
                out[k][tau] =
                        theta == 1
                                ? b[k][tau]
                                : theta == 0
                                        ? a[k][tau]
                                        : (1 - theta) * a[k][tau] + theta * b[k][tau];
            }
        }
        return out;
    }

    /**
     * The profit of schedule {@code x} over {@code [t, e]} at prices {@code lambda}, without bonus,
     * $.
     */
    final double profit(double[][] x, int t, int e, double[] lambda) {
        double revenue = 0;
        for (int tau = t; tau <= e; tau++) {
            revenue += dt * lambda[tau] * injection(x, tau);
        }
        return revenue - operatingCost(x, t, e);
    }

    /** Adds the contribution's affine expression to the window. */
    static void contribution(Window w, int[] vars, double[] coefs, double constant) {
        w.contributionVars = vars;
        w.contributionCoefs = coefs;
        w.contributionConstant = constant;
    }

    /** {@code v} clamped to {@code [lo, hi]}. */
    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k].clone();
        }
        return out;
    }
}
