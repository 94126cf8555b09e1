package org.gridbazaar.solver.support;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * Node prices and side-row multipliers of a problem with peer blocks, recovered from the KKT
 * conditions at a given primal point: for backends that return a point without multipliers
 * (JOptimizer returns only its primal solution). Conventions are {@link BlockKkt}'s.
 *
 * <p>With the point fixed, the conditions are linear in the unknowns {@code u = (y, lambda)}: node
 * prices {@code y} ($/kW, free), the multipliers of the equality rows (free) and of the {@code <=}
 * rows active at the point ({@code >= 0}; a slack row's multiplier is 0). Each variable's
 * stationarity residual ({@code a x + b - y + G'lambda} for a node, {@code alpha z + beta +
 * E'lambda} for a private variable) must be 0 strictly inside its bounds, {@code >= 0} at its lower
 * bound only and {@code <= 0} at its upper bound only (free at a variable fixed by both); each
 * arc's reduced cost {@code w + y_tail - y_head} must be 0 where it carries flow and {@code >= 0}
 * elsewhere. The sign conditions are kept as {@code <=} rows; the conditions that must be 0 get one
 * residual variable each, whose squares are minimised, plus {@value #PULL} times the squared
 * distance to a guess (in units of the price scale), which makes the answer unique where the
 * conditions leave prices free. That problem is a {@link SeparableQp} (unknowns and residuals
 * divided by the price scale), solved by {@link SeparableQpSolver}: an interior point needs no
 * strictly feasible start, so sign conditions that can only hold with equality (two empty arcs
 * between the same peers both ways at no cost force equal prices) are no obstacle.
 *
 * <p>Nothing here checks the answer: callers measure it with {@link BlockKkt} and {@link
 * DualityGap}.
 */
public final class BlockPriceRecovery {

    /** Weight of the pull toward the guess, against weight 1 on each residual (scaled units). */
    static final double PULL = 1e-9;

    private BlockPriceRecovery() {}

    /**
     * The recovered {@code {y, lambda}} ({@code y} one price per node, $/kW; {@code lambda} one
     * multiplier per side row), or {@code null} when the recovery problem does not converge.
     *
     * @param guessY prices to stay close to where the conditions leave them free, $/kW
     * @param guessLambda side-row multipliers to stay close to, one per side row
     * @param activity slack (kW, or the private variable's unit) up to which a bound or row is
     *     active and below which an arc carries no flow
     */
    public static double[][] recover(
            MarketProblem p,
            double[] x,
            double[] f,
            double[] z,
            double[] guessY,
            double[] guessLambda,
            double activity) {
        int n = p.nodeCount(), sides = p.sideConstraintCount();
        double ps = BlockKkt.priceScale(p, BlockKkt.primalScale(p));
        SeparableQp.Builder qp = SeparableQp.builder();
        for (int k = 0; k < n; k++) {
            qp.variable(
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    PULL,
                    -PULL * guessY[k] / ps);
        }
        int[] unknown = new int[sides];
        List<List<int[]>> nodeTerms = new ArrayList<>(n), varTerms = new ArrayList<>(z.length);
        for (int k = 0; k < n; k++) {
            nodeTerms.add(new ArrayList<>());
        }
        for (int v = 0; v < z.length; v++) {
            varTerms.add(new ArrayList<>());
        }
        for (int r = 0; r < sides; r++) {
            boolean eq = p.sideIsEquality(r);
            if (!eq && slack(p, r, x, z) > activity) {
                unknown[r] = -1;
                continue;
            }
            unknown[r] =
                    qp.variable(
                            eq ? Double.NEGATIVE_INFINITY : 0,
                            Double.POSITIVE_INFINITY,
                            PULL,
                            -PULL * guessLambda[r] / ps);
            int[] nodes = p.sideNodes(r), vars = p.sideVariables(r);
            for (int i = 0; i < nodes.length; i++) {
                nodeTerms.get(nodes[i]).add(new int[] {r, i});
            }
            for (int i = 0; i < vars.length; i++) {
                varTerms.get(vars[i]).add(new int[] {r, i});
            }
        }
        double[] a = p.quadratic(), b = p.linear(), lo = p.lower(), hi = p.upper();
        for (int k = 0; k < n; k++) {
            List<int[]> terms = nodeTerms.get(k);
            int[] idx = new int[terms.size() + 1];
            double[] coef = new double[idx.length];
            idx[0] = k;
            coef[0] = -1;
            for (int i = 0; i < terms.size(); i++) {
                int r = terms.get(i)[0];
                idx[i + 1] = unknown[r];
                coef[i + 1] = p.sideCoefficients(r)[terms.get(i)[1]];
            }
            condition(
                    qp,
                    idx,
                    coef,
                    (a[k] * x[k] + b[k]) / ps,
                    x[k] - lo[k] <= activity,
                    hi[k] - x[k] <= activity);
        }
        double[] va = p.variableQuadratic(), vb = p.variableLinear();
        double[] vlo = p.variableLower(), vhi = p.variableUpper();
        for (int v = 0; v < z.length; v++) {
            List<int[]> terms = varTerms.get(v);
            int[] idx = new int[terms.size()];
            double[] coef = new double[idx.length];
            for (int i = 0; i < terms.size(); i++) {
                int r = terms.get(i)[0];
                idx[i] = unknown[r];
                coef[i] = p.sideVariableCoefficients(r)[terms.get(i)[1]];
            }
            condition(
                    qp,
                    idx,
                    coef,
                    (va[v] * z[v] + vb[v]) / ps,
                    z[v] - vlo[v] <= activity,
                    vhi[v] - z[v] <= activity);
        }
        int[] tail = p.tail(), head = p.head();
        double[] w = p.arcCost();
        for (int t = 0; t < f.length; t++) {
            int[] idx = {tail[t], head[t]};
            double[] coef = {1, -1};
            condition(qp, idx, coef, w[t] / ps, f[t] <= activity, false);
        }
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(qp.build())
                        .solve(
                                1e-10,
                                200,
                                Double.POSITIVE_INFINITY,
                                SeparableQpSolver.Monitor.NONE);
        if (o.stop != SeparableQpSolver.Stop.CONVERGED) {
            return null;
        }
        double[] y = new double[n], lambda = new double[sides];
        for (int k = 0; k < n; k++) {
            y[k] = o.u[k] * ps;
        }
        for (int r = 0; r < sides; r++) {
            lambda[r] = unknown[r] >= 0 ? o.u[unknown[r]] * ps : 0;
        }
        return new double[][] {y, lambda};
    }

    /**
     * Adds the condition {@code coef . u + d}: 0 (a residual variable, cost {@code 0.5 r^2}) inside
     * the bounds, {@code >= 0} at the lower bound only, {@code <= 0} at the upper bound only,
     * nothing at both.
     */
    private static void condition(
            SeparableQp.Builder qp,
            int[] idx,
            double[] coef,
            double d,
            boolean atLower,
            boolean atUpper) {
        if (atLower && atUpper || idx.length == 0) {
            return; // free, or a constant the caller's check measures
        }
        if (atLower || atUpper) {
            // coef . u + d >= 0  <=>  -coef . u <= d ; at the upper bound the sign flips
            double s = atLower ? -1 : 1;
            double[] c = new double[coef.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = s * coef[i];
            }
            qp.row(idx, c, false, atLower ? d : -d, 0);
            return;
        }
        int r = qp.variable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0);
        int[] i2 = java.util.Arrays.copyOf(idx, idx.length + 1);
        double[] c2 = java.util.Arrays.copyOf(coef, coef.length + 1);
        i2[idx.length] = r;
        c2[coef.length] = -1;
        qp.row(i2, c2, true, -d, 0);
    }

    private static double slack(MarketProblem p, int r, double[] x, double[] z) {
        int[] nodes = p.sideNodes(r), vars = p.sideVariables(r);
        double[] g = p.sideCoefficients(r), e = p.sideVariableCoefficients(r);
        double lhs = 0;
        for (int i = 0; i < nodes.length; i++) {
            lhs += g[i] * x[nodes[i]];
        }
        for (int i = 0; i < vars.length; i++) {
            lhs += e[i] * z[vars[i]];
        }
        return p.sideRhs(r) - lhs;
    }
}
