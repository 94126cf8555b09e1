package org.gridbazaar.solver.joptimizer.internal;

import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.SidePeerPrices;

/**
 * The stationarity condition of a peer with side constraints (a CHP region) in the plane of its (at
 * most two) nodes, power and heat: {@code y - mc} in the cone of the normals of its active side
 * constraints and bounds ({@link SideGeometry#activeNormals}).
 *
 * <p>Why here: the shared {@code PriceRecovery} solves difference constraints between prices, and
 * this condition couples a peer's two prices. In two dimensions everything can be enumerated
 * ({@link Plane}): placement intersects the box of prices the rest of the system allows with the
 * cone at the marginal costs, prefers the part within one price scale of them (so that a direction
 * in which the prices are unbounded does not push them to the recovery's artificial bound) and
 * takes its centroid. Peers with more than two nodes are neither placed nor measured.
 */
public final class ChpPriceCone implements SidePeerPrices {

    private final double activity, slack, priceScale;

    /**
     * @param activity slack up to which a side constraint or bound counts as active, kW
     * @param slack accuracy of the recovered prices, $/kW (widens the cone when clipping)
     * @param priceScale the problem's price scale, $/kW
     */
    public ChpPriceCone(double activity, double slack, double priceScale) {
        this.activity = activity;
        this.slack = slack;
        this.priceScale = priceScale;
    }

    @Override
    public double[] place(
            MarketProblem problem,
            int peer,
            int[] nodes,
            double[] x,
            double[] marginalCost,
            double[] lowest,
            double[] highest) {
        if (nodes.length > 2) {
            return null;
        }
        List<double[]> generators =
                SideGeometry.activeNormals(
                        problem, peer, nodes, x, problem.lower(), problem.upper(), activity);
        Plane.Cone cone = new Plane.Cone(generators);
        double[] apex = new double[2], bl = new double[2], bh = new double[2];
        for (int i = 0; i < nodes.length; i++) {
            apex[i] = marginalCost[i];
            bl[i] = lowest[i];
            bh[i] = highest[i];
        }
        List<double[]> region = cone.clip(Plane.box(bl[0], bh[0], bl[1], bh[1]), apex, slack);
        if (region.isEmpty()) {
            return null;
        }
        List<double[]> near = region;
        for (int i = 0; i < 2; i++) {
            double[] e = {i == 0 ? 1 : 0, i == 1 ? 1 : 0};
            near = Plane.clip(near, e[0], e[1], apex[i] + priceScale, 0);
            near = Plane.clip(near, -e[0], -e[1], -(apex[i] - priceScale), 0);
        }
        return Arrays.copyOf(Plane.centroid(near.isEmpty() ? region : near), nodes.length);
    }

    @Override
    public double residual(MarketProblem problem, int peer, int[] nodes, double[] x, double[] y) {
        if (nodes.length > 2) {
            return Double.POSITIVE_INFINITY;
        }
        double[] a = problem.quadratic(), b = problem.linear();
        List<double[]> generators =
                SideGeometry.activeNormals(
                        problem, peer, nodes, x, problem.lower(), problem.upper(), activity);
        double[] d = new double[2];
        for (int i = 0; i < nodes.length; i++) {
            int k = nodes[i];
            d[i] = y[k] - (a[k] * x[k] + b[k]);
        }
        return new Plane.Cone(generators).distance(d);
    }

    @Override
    public String toString() {
        return "ChpPriceCone[activity="
                + activity
                + " kW, slack="
                + slack
                + " $/kW, priceScale="
                + priceScale
                + " $/kW]";
    }
}
