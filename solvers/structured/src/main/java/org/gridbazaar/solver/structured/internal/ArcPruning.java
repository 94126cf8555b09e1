package org.gridbazaar.solver.structured.internal;

/**
 * Sets aside, on the interior point's iterative path, arcs that are clearly empty at the optimum,
 * so that every later product and pass over the arcs is cheaper by as much. Once the iterates are
 * near the central path (residuals below {@value #RESIDUAL} of their scales, complementarity per
 * pair below {@value #MU} of their product), an arc whose multiplier is large ({@value
 * #REDUCED_COST} of the price scale or more) while its flow is the pruning ratio times smaller in
 * scaled terms is set to zero and leaves the run, in batches of at least a fifth of the arcs left,
 * checked every other iteration. At the end ({@link #restore}) the set-aside arcs come back with
 * zero flow and their reduced cost as multiplier; one whose reduced cost is below {@value #KEEP} of
 * the pruning threshold may be an arc that should have carried flow, and the run is then repeated
 * without pruning ({@link #rejects}). One instance per run.
 */
final class ArcPruning {

    /**
     * Arc pruning starts when the primal and dual residuals are below this fraction of their
     * scales.
     */
    static final double RESIDUAL = 1e-2;

    /** ... and complementarity per pair is below this fraction of the product of the scales. */
    static final double MU = 1e-4;

    /** An arc is set aside when its multiplier is at least this fraction of the price scale ... */
    static final double REDUCED_COST = 1e-3;

    /**
     * A run that set arcs aside is repeated without pruning when one of them ends with a reduced
     * cost below this fraction of {@link #REDUCED_COST} times the price scale.
     */
    static final double KEEP = 0.1;

    /** ... and its scaled multiplier is at least this many times its scaled flow (the default). */
    static final double DEFAULT_RATIO = 1e4;

    private final boolean enabled;
    private final double ratio, scaleX, scaleB;
    private int nextCheck, pruned;

    /**
     * Pruning for a run with these scales: {@code enabled} false never sets an arc aside; {@code
     * ratio} is how many times its scaled flow an arc's scaled multiplier must be.
     */
    ArcPruning(boolean enabled, double ratio, Scales scales) {
        this.enabled = enabled;
        this.ratio = ratio;
        this.scaleX = scales.quantity();
        this.scaleB = scales.price();
    }

    /**
     * The arcs to keep (positions among {@code it}'s arcs) at the start of iteration {@code iter},
     * or {@code null} to keep them all: the check is due, the previous iterate's residuals {@code
     * previous} are near the central path and at least a fifth of the arcs look clearly empty.
     */
    int[] due(int iter, Residuals previous, Iterate it) {
        if (enabled
                && iter >= nextCheck
                && previous.mu <= MU * scaleX * scaleB
                && previous.primal <= RESIDUAL * scaleX
                && previous.dual <= RESIDUAL * scaleB) {
            nextCheck = iter + 2;
            int[] keep = arcsToKeep(it.f, it.zf, it.arcs.m);
            if (keep != null) {
                pruned += it.arcs.m - keep.length;
            }
            return keep;
        }
        return null;
    }

    /** Arcs set aside so far. */
    int pruned() {
        return pruned;
    }

    /**
     * The arcs to keep (indices into the current ones), or {@code null} when fewer than a fifth of
     * them look clearly empty: multiplier at least {@link #REDUCED_COST} of the price scale and at
     * least the pruning ratio times the flow, both scaled.
     */
    private int[] arcsToKeep(double[] f, double[] zf, int m) {
        int[] keep = new int[m];
        int kept = 0;
        for (int t = 0; t < m; t++) {
            double zeta = zf[t] / scaleB;
            if (!(zeta >= REDUCED_COST && zeta >= ratio * f[t] / scaleX)) {
                keep[kept++] = t;
            }
        }
        return m - kept >= Math.max(1, m / 5) ? java.util.Arrays.copyOf(keep, kept) : null;
    }

    /**
     * Puts {@code it}, whose arcs are a strict subset of the problem's, back on all of them: the
     * set-aside arcs carry nothing and their multiplier is their reduced cost {@code w + y_tail -
     * y_head} where positive, else 0. Returns the lowest such reduced cost ($/kW).
     */
    static double restore(IpmProblem p, Iterate it) {
        int arcCount = p.arcCount, m = it.arcs.m;
        int[] arcIndex = it.arcs.index;
        double[] f = it.f, zf = it.zf, y = it.y;
        double[] fAll = new double[arcCount], zfAll = new double[arcCount];
        boolean[] kept = new boolean[arcCount];
        for (int t = 0; t < m; t++) {
            fAll[arcIndex[t]] = f[t];
            zfAll[arcIndex[t]] = zf[t];
            kept[arcIndex[t]] = true;
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (int t = 0; t < arcCount; t++) {
            if (!kept[t]) {
                double reduced = p.arcCost[t] + y[p.arcTail[t]] - y[p.arcHead[t]];
                lowest = Math.min(lowest, reduced);
                zfAll[t] = Math.max(reduced, 0);
            }
        }
        it.f = fAll;
        it.zf = zfAll;
        it.arcs = ArcSet.all(p);
        return lowest;
    }

    /**
     * Whether a converged run must be repeated without pruning, given the {@linkplain #restore
     * lowest reduced cost} of its set-aside arcs. An arc set aside that should carry flow ends with
     * a negative reduced cost, but only as negative as its effect on the optimum, which can hide
     * within the tolerance while moving set-points visibly; an arc rightly set aside keeps a
     * reduced cost of about the size it had when it left. So any that ended far below that size
     * means the run is repeated without pruning.
     */
    boolean rejects(double lowest) {
        return lowest < KEEP * REDUCED_COST * scaleB;
    }
}
