package org.gridbazaar.solver.structured.internal;

/**
 * The arcs an interior-point run works on: all of the problem's at first, fewer once {@link
 * ArcPruning} has set aside arcs that are clearly empty at the optimum. Per arc its tail, head and
 * cost ($/kW), and its index among the problem's arcs. Immutable: narrowing makes a new set, so an
 * iterate kept aside ({@link BreakdownRecovery}) keeps the arcs it belongs to.
 */
final class ArcSet {

    /** Number of arcs. */
    final int m;

    /** Per arc: tail and head node. */
    final int[] tail, head;

    /** Per arc: cost, $/kW. */
    final double[] w;

    /** Per arc: its index among the problem's arcs; {@code null} when these are all of them. */
    final int[] index;

    private ArcSet(int[] tail, int[] head, double[] w, int[] index) {
        this.m = tail.length;
        this.tail = tail;
        this.head = head;
        this.w = w;
        this.index = index;
    }

    /** All of the problem's arcs, in its order. */
    static ArcSet all(IpmProblem p) {
        return new ArcSet(p.arcTail, p.arcHead, p.arcCost, null);
    }

    /** Whether these are all of the problem's arcs. */
    boolean complete() {
        return index == null;
    }

    /** The arcs at positions {@code keep} (increasing) of this set. */
    ArcSet keep(int[] keep) {
        int[] nt = new int[keep.length], nh = new int[keep.length], idx = new int[keep.length];
        double[] nw = new double[keep.length];
        for (int c = 0; c < keep.length; c++) {
            int t = keep[c];
            nt[c] = tail[t];
            nh[c] = head[t];
            nw[c] = w[t];
            idx[c] = index == null ? t : index[t];
        }
        return new ArcSet(nt, nh, nw, idx);
    }

    /** The entries of a per-arc vector at positions {@code keep}. */
    static double[] select(double[] v, int[] keep) {
        double[] out = new double[keep.length];
        for (int c = 0; c < keep.length; c++) {
            out[c] = v[keep[c]];
        }
        return out;
    }
}
