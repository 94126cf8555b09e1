package org.gridbazaar.solver.structured.internal;

/**
 * A Newton direction of the interior point, one entry per variable of the {@link Iterate}:
 * set-point steps {@code dx} (kW), price steps {@code dy} ($/kW), bound multiplier steps {@code
 * dzl}, {@code dzu} ($/kW), flow steps {@code df} (kW) and arc multiplier steps {@code dzf} ($/kW)
 * over the run's arcs, side-row slack and multiplier steps {@code dsg}, {@code dzg}.
 */
final class Direction {

    final double[] dx, dy, dzl, dzu, df, dzf, dsg, dzg;

    /** A zero direction for {@code n} nodes, {@code m} arcs and {@code r} side rows. */
    Direction(int n, int m, int r) {
        dx = new double[n];
        dy = new double[n];
        dzl = new double[n];
        dzu = new double[n];
        df = new double[m];
        dzf = new double[m];
        dsg = new double[r];
        dzg = new double[r];
    }

    /** Adds {@code c} to this direction, entry by entry. */
    void add(Direction c) {
        add(dx, c.dx);
        add(dy, c.dy);
        add(dzl, c.dzl);
        add(dzu, c.dzu);
        add(df, c.df);
        add(dzf, c.dzf);
        add(dsg, c.dsg);
        add(dzg, c.dzg);
    }

    private static void add(double[] target, double[] v) {
        for (int i = 0; i < target.length; i++) {
            target[i] += v[i];
        }
    }
}
