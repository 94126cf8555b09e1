package org.gridbazaar.solver.joptimizer.internal;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * A peer's own feasible region and optimality cone in the plane of its (at most two) nodes.
 * Coordinates follow {@link MarketProblem#nodesOfPeer(int)}; a peer with one node has its second
 * coordinate pinned to 0.
 */
public final class SideGeometry {

    private SideGeometry() {}

    /**
     * The peer's feasible region: its node boxes (replaced by {@code [0, 0]} for nodes without
     * arcs, which cannot trade) cut by its side constraints. Empty when the peer alone cannot meet
     * its own constraints.
     */
    public static List<double[]> localRegion(
            MarketProblem problem, int p, int[] nodes, boolean[] isolated, double eps) {
        double[] lo = problem.lower(), hi = problem.upper();
        double[] bl = new double[2], bh = new double[2];
        for (int i = 0; i < nodes.length; i++) {
            int k = nodes[i];
            bl[i] = isolated[k] ? 0 : lo[k];
            bh[i] = isolated[k] ? 0 : hi[k];
            if (bl[i] < lo[k] || bh[i] > hi[k]) {
                return List.of();
            }
        }
        List<double[]> region = Plane.box(bl[0], bh[0], bl[1], bh[1]);
        for (int s = 0; s < problem.sideConstraintCount() && !region.isEmpty(); s++) {
            if (problem.sidePeer(s) == p) {
                double[] g = local(problem.sideNodes(s), problem.sideCoefficients(s), nodes);
                region = Plane.clip(region, g[0], g[1], problem.sideRhs(s), eps);
            }
        }
        return region;
    }

    /**
     * Generators of the cone that {@code y - (a x + b)} must lie in at {@code x}: the normal {@code
     * g_r} of each active side constraint, {@code +e_i} for a node at its upper bound, {@code -e_i}
     * for one at its lower bound.
     */
    public static List<double[]> activeNormals(
            MarketProblem problem,
            int p,
            int[] nodes,
            double[] x,
            double[] lo,
            double[] hi,
            double act) {
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            if (problem.sidePeer(s) != p) {
                continue;
            }
            int[] sn = problem.sideNodes(s);
            double[] g = problem.sideCoefficients(s);
            double lhs = 0;
            for (int i = 0; i < sn.length; i++) {
                lhs += g[i] * x[sn[i]];
            }
            if (problem.sideRhs(s) - lhs <= act) {
                out.add(local(sn, g, nodes));
            }
        }
        for (int i = 0; i < nodes.length; i++) {
            int k = nodes[i];
            if (x[k] - lo[k] <= act) {
                out.add(new double[] {i == 0 ? -1 : 0, i == 1 ? -1 : 0});
            }
            if (hi[k] - x[k] <= act) {
                out.add(new double[] {i == 0 ? 1 : 0, i == 1 ? 1 : 0});
            }
        }
        return out;
    }

    /** A side row's coefficients in the peer's local coordinates. */
    static double[] local(int[] sideNodes, double[] g, int[] nodes) {
        double[] out = new double[2];
        for (int j = 0; j < sideNodes.length; j++) {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] == sideNodes[j]) {
                    out[i] += g[j];
                }
            }
        }
        return out;
    }
}
