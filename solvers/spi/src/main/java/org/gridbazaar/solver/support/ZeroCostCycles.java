package org.gridbazaar.solver.support;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The zero-cost cycles of two variables in a {@link SeparableQp}, which {@link SeparableQpSolver}
 * keeps its steps from growing: pairs of variables {@code a, b}, both on {@code [0, inf)} without
 * curvature, with opposite columns of two entries and opposite linear costs, as a trade's two
 * directions between two peers whose terms cancel (kW one way, kW back, each in {@code [0, inf)}
 * kW; no preference terms, so 0 $/kW both ways). Raising both by the same amount changes no row and
 * no cost: the problem is flat along {@code v = e_a + e_b} and its optimal set unbounded there, and
 * only the barrier acts on that direction, pulling outward without limit (see {@link #hold}).
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

    /**
     * The pairs of {@code qp} (its fixed variables, {@code fixed}, take no part), among the columns
     * of two entries (a trade's, in the balance rows of its two nodes), matched by a hash table on
     * their rows: a few ints per candidate, so that markets with millions of trades stay cheap.
     */
    static ZeroCostCycles of(SeparableQp qp, boolean[] fixed) {
        int[] candidates = new int[qp.vars];
        int count = 0;
        for (int j = 0; j < qp.vars; j++) {
            if (!fixed[j]
                    && qp.lo[j] == 0
                    && qp.hi[j] == Double.POSITIVE_INFINITY
                    && qp.q[j] == 0
                    && qp.colStart[j + 1] - qp.colStart[j] == 2
                    && qp.colRow[qp.colStart[j]] != qp.colRow[qp.colStart[j] + 1]) {
                candidates[count++] = j;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(2, 2 * count)) << 1;
        long[] keys = new long[capacity];
        int[] head = new int[capacity];
        Arrays.fill(head, -1);
        boolean[] used = new boolean[capacity];
        int[] next = new int[count];
        IntStream.Builder pairs = IntStream.builder();
        for (int i = 0; i < count; i++) {
            int j = candidates[i];
            int p = qp.colStart[j];
            long key =
                    (long) Math.min(qp.colRow[p], qp.colRow[p + 1]) * qp.rows
                            + Math.max(qp.colRow[p], qp.colRow[p + 1]);
            int slot = (int) (mix(key) & (capacity - 1));
            while (used[slot] && keys[slot] != key) {
                slot = (slot + 1) & (capacity - 1);
            }
            if (!used[slot]) {
                used[slot] = true;
                keys[slot] = key;
            }
            // a waiting candidate on the same two rows with the opposite column and cost
            int before = -1, match = -1;
            for (int at = head[slot]; at >= 0; before = at, at = next[at]) {
                if (opposite(qp, candidates[at], j)) {
                    match = at;
                    break;
                }
            }
            if (match >= 0) {
                if (before < 0) {
                    head[slot] = next[match];
                } else {
                    next[before] = next[match];
                }
                pairs.add(candidates[match]).add(j);
            } else {
                next[i] = head[slot];
                head[slot] = i;
            }
        }
        return new ZeroCostCycles(pairs.build().toArray());
    }

    /**
     * Whether columns {@code k} and {@code j} (two entries each, same rows) are opposite, as are
     * their costs.
     */
    private static boolean opposite(SeparableQp qp, int k, int j) {
        if (qp.c[k] != -qp.c[j]) {
            return false;
        }
        int pk = qp.colStart[k], pj = qp.colStart[j];
        boolean same = qp.colRow[pk] == qp.colRow[pj];
        return qp.colVal[pk] == -qp.colVal[same ? pj : pj + 1]
                && qp.colVal[pk + 1] == -qp.colVal[same ? pj + 1 : pj];
    }

    /** A 64-bit mix (the finalizer of MurmurHash3) of a table key. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
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
     * does not depend on {@code u_a, u_b}). Along the pair it is most of the Newton direction: dual
     * feasibility drives {@code zl_a + zl_b} to 0 while centring asks each product {@code u zl} to
     * stay near the barrier parameter {@code mu}, so that both variables rise by about {@code mu /
     * zl} per iteration. On the bonus mechanism's day-ahead market of seed 114 (rows of 1e3 kW,
     * {@code mu} up to 1e13 on the way) the trades grew threefold per iteration to 4e14 kW, where a
     * row's rounding (4e14 x 2^-52 = 0.06 kW) exceeds every tolerance. With the rise dropped, the
     * solver takes the bound multipliers' steps from the complementarity equations at the held
     * step, so that {@code zl} follows {@code mu / u} with {@code u} bounded and the pair's dual
     * residual {@code -(zl_a + zl_b)} falls with the barrier parameter; the row multipliers' step
     * is Newton's.
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
}
