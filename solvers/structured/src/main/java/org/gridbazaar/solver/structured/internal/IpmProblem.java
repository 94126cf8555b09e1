package org.gridbazaar.solver.structured.internal;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * The canonical market problem as the interior point reads it, in flat arrays: per node its cost
 * {@code 0.5 a x^2 + b x} ({@code a} in $/kW^2, {@code b} in $/kW) and bounds {@code lo <= x <= hi}
 * (kW), per side row {@code g'x <= h} its nodes, coefficients and right-hand side (the peers' own
 * rows first, then the coupling rows such as line limits), per peer its nodes and own side rows,
 * and the problem's arcs (tail, head, cost {@code w} in $/kW). Read-only once built; the arcs a run
 * works on are an {@link ArcSet}, which arc pruning narrows.
 */
final class IpmProblem {

    /** Nodes, and side rows (the peers' own plus the coupling rows). */
    final int n, r;

    /** Per node: cost curvature ($/kW^2), linear cost ($/kW), bounds (kW). */
    final double[] a, b, lo, hi;

    /** Per side row: right-hand side (kW, or the row's own unit). */
    final double[] h;

    /** Per node: whether its bounds are equal (the node is fixed and has no bound pairs). */
    final boolean[] fixed;

    /** Per node: whether it is in a peer's side row (its set-point is then judged by the row). */
    final boolean[] sided;

    /** Per side row: its nodes and their coefficients. */
    final int[][] sideNodes;

    final double[][] sideCoef;

    /** Per peer: its nodes, and the indices of its own side rows. */
    final int[][] peerNodes, peerSides;

    /** Indices (into the side rows) of the coupling rows, which follow the peers' own rows. */
    final int[] coupling;

    /** The problem's arcs: tail, head and cost ($/kW per kW carried). */
    final int arcCount;

    final double[] arcCost;
    final int[] arcTail, arcHead;

    IpmProblem(MarketProblem p) {
        n = p.nodeCount();
        arcCount = p.arcCount();
        int local = p.sideConstraintCount();
        r = local + p.couplingConstraintCount();
        a = p.quadratic();
        b = p.linear();
        lo = p.lower();
        hi = p.upper();
        arcCost = p.arcCost();
        arcTail = p.tail();
        arcHead = p.head();
        fixed = new boolean[n];
        for (int k = 0; k < n; k++) {
            fixed[k] = lo[k] == hi[k];
        }
        sideNodes = new int[r][];
        sideCoef = new double[r][];
        h = new double[r];
        int peers = p.peerCount();
        List<List<Integer>> sidesOf = new ArrayList<>();
        for (int q = 0; q < peers; q++) {
            sidesOf.add(new ArrayList<>());
        }
        for (int s = 0; s < local; s++) {
            sideNodes[s] = p.sideNodes(s);
            sideCoef[s] = p.sideCoefficients(s);
            h[s] = p.sideRhs(s);
            sidesOf.get(p.sidePeer(s)).add(s);
        }
        coupling = new int[r - local];
        for (int c = 0; c < coupling.length; c++) {
            int s = local + c;
            sideNodes[s] = p.couplingNodes(c);
            sideCoef[s] = p.couplingCoefficients(c);
            h[s] = p.couplingRhs(c);
            coupling[c] = s;
        }
        sided = new boolean[n];
        for (int s = 0; s < local; s++) {
            for (int k : sideNodes[s]) {
                sided[k] = true;
            }
        }
        peerNodes = new int[peers][];
        peerSides = new int[peers][];
        for (int q = 0; q < peers; q++) {
            peerNodes[q] = p.nodesOfPeer(q);
            peerSides[q] = sidesOf.get(q).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The peers' own side rows (the coupling rows follow them). */
    int localRows() {
        return r - coupling.length;
    }

    /** {@code g_s' x} of side row {@code s}. */
    double dotSide(int s, double[] x) {
        double v = 0;
        for (int i = 0; i < sideNodes[s].length; i++) {
            v += sideCoef[s][i] * x[sideNodes[s][i]];
        }
        return v;
    }

    /**
     * The larger of {@code max} and {@code v}, NaN once either is: {@link Math#max}'s result, with
     * one predictable comparison instead of its handling of signed zeros, which costs a dependent
     * chain of branches in the passes over the arcs.
     */
    static double maxNaN(double max, double v) {
        return v > max || v != v ? v : max;
    }
}
