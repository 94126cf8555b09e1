package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties over generated small block problems, shaped like one peer's block over a few periods:
 * 1 to 4 variables (one per period) with box bounds from 1e-2 to 1e4 kW, ramp rows between
 * consecutive periods (binding or not), sometimes an energy window (two rows or one equality), and
 * costs whose quadratic coefficients are 0, tiny (1e-7 to 1e-4), comparable (0.3 to 3.3) or large
 * (1 to 100) against the linear ones (from 1e-3 to 1e3) over the range. Every problem is feasible
 * by construction. The interior point must converge within its iteration limit on every one, to the
 * optimum that {@link ActiveSetReference} finds by enumerating active sets.
 */
class SmallBlockQpPropertyTest {

    // a fixed seed keeps the build deterministic; change it (or remove it locally) to explore
    @Property(tries = 400, seed = "20261207")
    void theInteriorPointConvergesToTheEnumeratedOptimum(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        ActiveSetReference.Qp p = problem(seed);
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(p.build())
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        assertEquals(
                SeparableQpSolver.Stop.CONVERGED,
                o.stop,
                () -> "seed " + seed + ": " + o.detail + " " + describe(p));
        double range = 1;
        double costScale = 1e-12;
        for (int j = 0; j < p.lo().length; j++) {
            double r = Math.max(Math.abs(p.lo()[j]), Math.abs(p.hi()[j]));
            range = Math.max(range, r);
            costScale += (Math.abs(p.c()[j]) + 0.5 * p.q()[j] * r) * r;
        }
        assertTrue(
                p.violation(o.u) <= 1e-7 * range,
                () -> "seed " + seed + ": violation " + p.violation(o.u) + " " + describe(p));
        double reference = ActiveSetReference.optimum(p, 1e-9 * range);
        assertEquals(
                reference,
                p.objective(o.u),
                1e-6 * costScale,
                () -> "seed " + seed + ": " + describe(p));
    }

    /** A feasible problem built around a random point. */
    static ActiveSetReference.Qp problem(long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(4);
        double[] ranges = {1e-2, 1, 100, 1e4};
        double scale = ranges[rnd.nextInt(ranges.length)];
        double[] lo = new double[n], hi = new double[n], q = new double[n], c = new double[n];
        double[] point = new double[n];
        double costScale = Math.pow(10, -3 + 6 * rnd.nextDouble());
        int curvature = rnd.nextInt(4); // 0: linear only, 1: tiny, 2: large, 3: comparable
        for (int j = 0; j < n; j++) {
            point[j] = scale * (2 * rnd.nextDouble() - 1);
            lo[j] = rnd.nextInt(4) == 0 ? point[j] : point[j] - scale * rnd.nextDouble();
            hi[j] = rnd.nextInt(4) == 0 ? point[j] : point[j] + scale * rnd.nextDouble();
            if (rnd.nextInt(3) == 0) {
                // most peers' ranges contain 0
                lo[j] = Math.min(lo[j], 0);
                hi[j] = Math.max(hi[j], 0);
            }
            q[j] =
                    switch (curvature) {
                        case 0 -> 0;
                        case 1 -> costScale / scale * Math.pow(10, -7 + 3 * rnd.nextDouble());
                        // the unconstrained minimiser -c/q inside the range, or near it
                        case 3 -> costScale / scale * (0.3 + 3 * rnd.nextDouble());
                        default -> costScale / scale * (1 + 99 * rnd.nextDouble());
                    };
            c[j] = costScale * (2 * rnd.nextDouble() - 1);
        }
        java.util.List<double[]> a = new java.util.ArrayList<>();
        java.util.List<Double> b = new java.util.ArrayList<>();
        java.util.List<Boolean> eq = new java.util.ArrayList<>();
        for (int t = 1; t < n; t++) {
            if (rnd.nextInt(4) == 0) {
                continue;
            }
            double step = point[t] - point[t - 1];
            double[] up = new double[n], down = new double[n];
            up[t] = 1;
            up[t - 1] = -1;
            down[t] = -1;
            down[t - 1] = 1;
            a.add(up);
            b.add(Math.max(step, 0) + slack(rnd, scale));
            eq.add(false);
            a.add(down);
            b.add(Math.max(-step, 0) + slack(rnd, scale));
            eq.add(false);
        }
        if (rnd.nextInt(3) == 0) {
            double[] sum = new double[n];
            double total = 0;
            for (int j = 0; j < n; j++) {
                sum[j] = 1;
                total += point[j];
            }
            if (rnd.nextBoolean()) {
                a.add(sum);
                b.add(total);
                eq.add(true);
            } else {
                double[] neg = new double[n];
                for (int j = 0; j < n; j++) {
                    neg[j] = -1;
                }
                a.add(sum);
                b.add(total + slack(rnd, scale));
                eq.add(false);
                a.add(neg);
                b.add(-total + slack(rnd, scale));
                eq.add(false);
            }
        }
        boolean[] equality = new boolean[eq.size()];
        for (int r = 0; r < equality.length; r++) {
            equality[r] = eq.get(r);
        }
        return new ActiveSetReference.Qp(
                lo,
                hi,
                q,
                c,
                a.toArray(new double[0][]),
                b.stream().mapToDouble(Double::doubleValue).toArray(),
                equality);
    }

    private static double slack(Random rnd, double scale) {
        return switch (rnd.nextInt(3)) {
            case 0 -> 0;
            case 1 -> 0.1 * scale * rnd.nextDouble();
            default -> 2 * scale * rnd.nextDouble();
        };
    }

    private static String describe(ActiveSetReference.Qp p) {
        return "lo "
                + java.util.Arrays.toString(p.lo())
                + " hi "
                + java.util.Arrays.toString(p.hi())
                + " q "
                + java.util.Arrays.toString(p.q())
                + " c "
                + java.util.Arrays.toString(p.c())
                + " rows "
                + java.util.Arrays.deepToString(p.a())
                + " b "
                + java.util.Arrays.toString(p.b())
                + " eq "
                + java.util.Arrays.toString(p.equality());
    }
}
