package org.gridbazaar.solver.joptimizer.internal;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.FlowRouting;

/**
 * A strictly feasible point for an interior-point method, found by routing flows: every free node
 * strictly inside its bounds (its interval shrunk by a share {@code theta} of its width), every arc
 * carrying at least a small {@code epsilon > 0}, fixed nodes exactly at their value, and peers with
 * side constraints in a small box around the centre of their own feasible polygon. Shares from a
 * central {@code theta = 0.25} down to {@code 1e-4} are tried in turn.
 *
 * <p>Why: JOptimizer's own phase one solves a second problem as large as the first; a flow routing
 * costs one maximum flow, and tells when no strictly interior point exists at all.
 */
public final class StartingPoint {

    private static final double[] SHARES = {0.25, 0.05, 0.01, 1e-3, 1e-4};

    private StartingPoint() {}

    /** Flows (kW) of a strictly feasible point, or {@code null} when none was found. */
    public static double[] find(MarketProblem problem, ScaledQp qp) {
        int n = problem.nodeCount(), m = problem.arcCount();
        double[] lo = problem.lower(), hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head();
        boolean[] isolated = qp.isolated();
        int[] degree = new int[n], net = new int[n];
        for (int t = 0; t < m; t++) {
            degree[tail[t]]++;
            degree[head[t]]++;
            net[tail[t]]++;
            net[head[t]]--;
        }
        boolean[] sided = new boolean[problem.peerCount()];
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            sided[problem.sidePeer(s)] = true;
        }
        for (double theta : SHARES) {
            double[] lower = new double[n], upper = new double[n];
            for (int k = 0; k < n; k++) {
                if (!isolated[k]) { // a node without arcs stays at 0, with no flow to route
                    double width = hi[k] - lo[k];
                    lower[k] = lo[k] + theta * width;
                    upper[k] = hi[k] - theta * width;
                }
            }
            // first with the peers' boxes only (their side constraints often hold strictly as
            // well),
            // then with peers under side constraints held near the centre of their own polygon
            double[] f = route(problem, qp, theta, lower, upper, degree, net);
            if (f != null) {
                return f;
            }
            if (problem.sideConstraintCount() == 0) {
                continue;
            }
            boolean centred = true;
            for (int p = 0; p < problem.peerCount() && centred; p++) {
                if (sided[p]) {
                    centred = centreOfPeer(problem, p, isolated, theta, lower, upper);
                }
            }
            f = centred ? route(problem, qp, theta, lower, upper, degree, net) : null;
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /**
     * Flows with every arc carrying at least {@code epsilon} (a share {@code theta} of the smallest
     * per-arc room of any node) and injections within the intervals, or {@code null} if they cannot
     * be routed or the point is not strictly feasible.
     */
    private static double[] route(
            MarketProblem problem,
            ScaledQp qp,
            double theta,
            double[] lower,
            double[] upper,
            int[] degree,
            int[] net) {
        int n = problem.nodeCount(), m = problem.arcCount();
        double scale = qp.scale();
        double epsilon = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            if (degree[k] > 0) {
                double room = Math.max(Math.abs(lower[k]), Math.abs(upper[k]));
                epsilon = Math.min(epsilon, theta * room / degree[k]);
            }
        }
        if (!(epsilon > 1e-12 * scale)) {
            epsilon = theta * 1e-3 * scale / Math.max(1, m);
        }
        double[] shiftedLo = new double[n], shiftedHi = new double[n];
        for (int k = 0; k < n; k++) {
            shiftedLo[k] = lower[k] - epsilon * net[k];
            shiftedHi[k] = upper[k] - epsilon * net[k];
        }
        double[] f =
                FlowRouting.route(
                        shiftedLo,
                        shiftedHi,
                        problem.nodeCommodity(),
                        problem.tail(),
                        problem.head(),
                        null,
                        1e-12 * scale);
        if (f == null) {
            return null;
        }
        for (int t = 0; t < m; t++) {
            f[t] += epsilon;
        }
        return qp.maxInequality(qp.point(f)) < 0 ? f : null;
    }

    /**
     * Narrows the intervals of a peer with side constraints to a box inside its polygon, around the
     * polygon's centre; false when the polygon has no interior at this share.
     */
    private static boolean centreOfPeer(
            MarketProblem problem,
            int p,
            boolean[] isolated,
            double theta,
            double[] lower,
            double[] upper) {
        int[] nodes = problem.nodesOfPeer(p);
        if (nodes.length > 2) {
            return false;
        }
        List<double[]> region = SideGeometry.localRegion(problem, p, nodes, isolated, 0);
        if (region.isEmpty()) {
            return false;
        }
        double[] c = Plane.centroid(region);
        double[] lo = problem.lower(), hi = problem.upper();
        boolean[] moves = new boolean[2];
        for (int i = 0; i < nodes.length; i++) {
            moves[i] = !isolated[nodes[i]] && lo[nodes[i]] < hi[nodes[i]];
        }
        // the largest half-width r such that the box c +- r (in the moving coordinates) stays
        // inside
        double r = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nodes.length; i++) {
            if (moves[i]) {
                r = Math.min(r, Math.min(c[i] - lo[nodes[i]], hi[nodes[i]] - c[i]));
            }
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            if (problem.sidePeer(s) != p) {
                continue;
            }
            double[] g =
                    SideGeometry.local(problem.sideNodes(s), problem.sideCoefficients(s), nodes);
            double reach = (moves[0] ? Math.abs(g[0]) : 0) + (moves[1] ? Math.abs(g[1]) : 0);
            double room = problem.sideRhs(s) - g[0] * c[0] - g[1] * c[1];
            if (reach > 0) {
                r = Math.min(r, room / reach);
            } else if (room <= 0) {
                return false;
            }
        }
        if (!(r > 0)) {
            return false;
        }
        double half = Double.isInfinite(r) ? 0 : theta * r;
        for (int i = 0; i < nodes.length; i++) {
            int k = nodes[i];
            if (isolated[k]) {
                continue;
            }
            lower[k] = moves[i] ? c[i] - half : lo[k];
            upper[k] = moves[i] ? c[i] + half : hi[k];
        }
        return true;
    }
}
