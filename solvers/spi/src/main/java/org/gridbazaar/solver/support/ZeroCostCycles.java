package org.gridbazaar.solver.support;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The zero-cost cycles of two variables in a {@link SeparableQp}, which {@link SeparableQpSolver}
 * keeps its steps from growing: pairs of variables {@code a, b}, both on {@code [0, inf)} without
 * curvature, with opposite columns and opposite linear costs, as a trade's two directions between
 * two peers whose terms cancel (kW one way, kW back, each in {@code [0, inf)} kW; no preference
 * terms, so 0 $/kW both ways). Raising both by the same amount changes no row and no cost: the
 * problem is flat along {@code v = e_a + e_b} and its optimal set unbounded there, and only the
 * barrier acts on that direction, pulling outward without limit (see {@link #hold}).
 *
 * <p>Longer cycles of zero cost ({@code A -> B -> C -> A} among three peers that may all buy and
 * sell) are not held: raising their arcs together is also flat, and a direction may still move
 * along them. Immutable.
 */
final class ZeroCostCycles {

    /** Variables {@code 2p} and {@code 2p + 1} of pair {@code p}. */
    private final int[] pairs;

    private ZeroCostCycles(int[] pairs) {
        this.pairs = pairs;
    }

    /** The pairs of {@code qp} (its fixed variables, {@code fixed}, take no part). */
    static ZeroCostCycles of(SeparableQp qp, boolean[] fixed) {
        Map<Column, ArrayDeque<Integer>> open = new HashMap<>();
        IntStream.Builder pairs = IntStream.builder();
        for (int j = 0; j < qp.vars; j++) {
            if (fixed[j]
                    || qp.lo[j] != 0
                    || qp.hi[j] != Double.POSITIVE_INFINITY
                    || qp.q[j] != 0
                    || qp.colStart[j + 1] == qp.colStart[j]) {
                continue;
            }
            ArrayDeque<Integer> waiting = open.get(Column.of(qp, j, -1));
            Integer partner = null;
            if (waiting != null) {
                for (Iterator<Integer> it = waiting.iterator(); it.hasNext(); ) {
                    int k = it.next();
                    if (qp.c[k] == -qp.c[j]) {
                        it.remove();
                        partner = k;
                        break;
                    }
                }
            }
            if (partner != null) {
                pairs.add(partner).add(j);
            } else {
                open.computeIfAbsent(Column.of(qp, j, 1), key -> new ArrayDeque<>()).add(j);
            }
        }
        return new ZeroCostCycles(pairs.build().toArray());
    }

    /** Number of pairs. */
    int size() {
        return pairs.length / 2;
    }

    /** The variables of pair {@code p}: {@code {a, b}}. */
    int[] pair(int p) {
        return new int[] {pairs[2 * p], pairs[2 * p + 1]};
    }

    /**
     * Drops from a Newton direction the common rise of both variables of each pair: when it raises
     * both, it raises only the one that gains more, by the difference, and the other not at all.
     * The part dropped, {@code t v} with {@code t = min(du_a, du_b)}, changes no row ({@code A v =
     * 0}), no cost ({@code c_a + c_b = 0}) and no stationarity residual (without curvature, that
     * does not depend on {@code u_a, u_b}); it only raises the two complementarity products. Yet it
     * is what the Newton direction is made of there: dual feasibility drives {@code zl_a + zl_b} to
     * 0 while centring asks each product {@code u zl} to stay near the barrier parameter {@code
     * mu}, so that both variables rise by about {@code mu / zl} per iteration. On the bonus
     * mechanism's day-ahead market of seed 114 (rows of 1e3 kW, {@code mu} up to 1e13 on the way)
     * the trades grew threefold per iteration to 4e14 kW, where a row's rounding (4e14 x 2^-52 =
     * 0.06 kW) exceeds every tolerance. The multipliers' step is kept as it is.
     *
     * @param du the direction in the problem's variables, changed in place
     */
    void hold(double[] du) {
        for (int p = 0; p < pairs.length; p += 2) {
            int a = pairs[p], b = pairs[p + 1];
            double da = du[a], db = du[b];
            if (da > 0 && db > 0) {
                du[a] = da > db ? da - db : 0;
                du[b] = db > da ? db - da : 0;
            }
        }
    }

    /** A column's rows (positions, increasing) and coefficients times a sign, compared exactly. */
    private record Column(int[] rows, double[] values) {
        static Column of(SeparableQp qp, int j, double sign) {
            int from = qp.colStart[j], len = qp.colStart[j + 1] - from;
            int[] rows = Arrays.copyOfRange(qp.colRow, from, from + len);
            double[] values = new double[len];
            for (int i = 0; i < len; i++) {
                // + 0.0 makes -0.0 equal 0.0
                values[i] = sign * qp.colVal[from + i] + 0.0;
            }
            // insertion sort by row: columns are short (two entries for a trade)
            for (int i = 1; i < len; i++) {
                int r = rows[i];
                double v = values[i];
                int k = i - 1;
                while (k >= 0 && rows[k] > r) {
                    rows[k + 1] = rows[k];
                    values[k + 1] = values[k];
                    k--;
                }
                rows[k + 1] = r;
                values[k + 1] = v;
            }
            return new Column(rows, values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Column c
                    && Arrays.equals(rows, c.rows)
                    && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(rows) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(rows) + " " + Arrays.toString(values);
        }
    }
}
