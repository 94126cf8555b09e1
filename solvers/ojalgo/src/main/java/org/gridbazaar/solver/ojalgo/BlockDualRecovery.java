package org.gridbazaar.solver.ojalgo;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;

/**
 * Node prices and row multipliers of a problem with peer blocks recovered from the KKT conditions
 * at a given primal point, for when ojAlgo's own multipliers are stale. With the point fixed, the
 * conditions are linear in the unknowns {@code u = (y, lambda)}: node prices {@code y} ($/kW, free)
 * and the multipliers of the equality rows (free) and of the {@code <=} rows active at the point
 * ({@code >= 0}; a slack row's multiplier is 0). Each variable's stationarity residual ({@code a x
 * + b - y + G'lambda} for a node, {@code alpha z + beta + E'lambda} for a private variable) must be
 * 0 strictly inside its bounds, {@code >= 0} at its lower bound only and {@code <= 0} at its upper
 * bound only; each arc's reduced cost {@code w + y_tail - y_head} must be 0 where it carries flow
 * and {@code >= 0} elsewhere. The sign conditions are kept as constraints, and the sum of squares
 * of the residuals that must be 0, plus {@code 1e-12} times the squared distance to a guess (which
 * makes the answer unique), is minimised: a small dense QP solved by ojAlgo (only its primal
 * solution is used). Activity is decided with the tolerance the caller gives.
 */
final class BlockDualRecovery {

    private BlockDualRecovery() {}

    /**
     * The recovered {@code (y, lambda)} ({@code y} first, then one multiplier per side row), or
     * {@code null} when ojAlgo finds no such multipliers.
     *
     * @param guess prices and multipliers to stay close to where the conditions leave them free
     * @param activity slack (kW, or the private variable's unit) up to which a bound or row is
     *     active and below which an arc carries no flow
     */
    static double[][] recover(
            MarketProblem p,
            double[] x,
            double[] f,
            double[] z,
            double[] guessY,
            double[] guessLambda,
            double activity) {
        int n = p.nodeCount(), sides = p.sideConstraintCount();
        // unknown index of each side row's multiplier, -1 when it is a slack <= row
        int[] unknown = new int[sides];
        int nu = n;
        for (int r = 0; r < sides; r++) {
            unknown[r] = p.sideIsEquality(r) || slack(p, r, x, z) <= activity ? nu++ : -1;
        }
        List<double[]> targets = new ArrayList<>(); // rows of B | d, residual = B u + d, want 0
        List<double[]> nonNegative = new ArrayList<>(); // rows of B | d, want B u + d >= 0
        double[] a = p.quadratic(), b = p.linear(), lo = p.lower(), hi = p.upper();
        double[][] nodeRows = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] row = new double[nu + 1];
            row[k] = -1;
            row[nu] = a[k] * x[k] + b[k];
            nodeRows[k] = row;
        }
        double[] va = p.variableQuadratic(), vb = p.variableLinear();
        double[] vlo = p.variableLower(), vhi = p.variableUpper();
        double[][] varRows = new double[z.length][];
        for (int v = 0; v < z.length; v++) {
            double[] row = new double[nu + 1];
            row[nu] = va[v] * z[v] + vb[v];
            varRows[v] = row;
        }
        for (int r = 0; r < sides; r++) {
            if (unknown[r] < 0) {
                continue;
            }
            int[] nodes = p.sideNodes(r), vars = p.sideVariables(r);
            double[] g = p.sideCoefficients(r), e = p.sideVariableCoefficients(r);
            for (int i = 0; i < nodes.length; i++) {
                nodeRows[nodes[i]][unknown[r]] += g[i];
            }
            for (int i = 0; i < vars.length; i++) {
                varRows[vars[i]][unknown[r]] += e[i];
            }
        }
        for (int k = 0; k < n; k++) {
            classify(
                    nodeRows[k],
                    x[k] - lo[k] <= activity,
                    hi[k] - x[k] <= activity,
                    targets,
                    nonNegative);
        }
        for (int v = 0; v < z.length; v++) {
            classify(
                    varRows[v],
                    z[v] - vlo[v] <= activity,
                    vhi[v] - z[v] <= activity,
                    targets,
                    nonNegative);
        }
        int[] tail = p.tail(), head = p.head();
        double[] w = p.arcCost();
        for (int t = 0; t < f.length; t++) {
            double[] row = new double[nu + 1];
            row[tail[t]] += 1;
            row[head[t]] -= 1;
            row[nu] = w[t];
            (f[t] > activity ? targets : nonNegative).add(row);
        }
        double[] guess = new double[nu];
        System.arraycopy(guessY, 0, guess, 0, n);
        for (int r = 0; r < sides; r++) {
            if (unknown[r] >= 0) {
                guess[unknown[r]] = guessLambda[r];
            }
        }
        double reg = 1e-12;
        R064Store q = R064Store.FACTORY.make(nu, nu);
        R064Store c = R064Store.FACTORY.make(nu, 1);
        for (int i = 0; i < nu; i++) {
            q.add(i, i, reg);
            c.add(i, 0, reg * guess[i]);
        }
        for (double[] row : targets) {
            // 0.5 |B u + d|^2 = 0.5 u'B'B u + d B u + const; ojAlgo minimises 0.5 u'Qu - C'u
            for (int i = 0; i < nu; i++) {
                if (row[i] == 0) {
                    continue;
                }
                c.add(i, 0, -row[nu] * row[i]);
                for (int j = 0; j < nu; j++) {
                    if (row[j] != 0) {
                        q.add(i, j, row[i] * row[j]);
                    }
                }
            }
        }
        int signs = 0;
        for (int r = 0; r < sides; r++) {
            signs += unknown[r] >= 0 && !p.sideIsEquality(r) ? 1 : 0;
        }
        int nin = nonNegative.size() + signs;
        R064Store ain = R064Store.FACTORY.make(Math.max(1, nin), nu);
        R064Store bin = R064Store.FACTORY.make(Math.max(1, nin), 1);
        int ri = 0;
        for (double[] row : nonNegative) {
            // B u + d >= 0  <=>  -B u <= d
            for (int i = 0; i < nu; i++) {
                ain.set(ri, i, -row[i]);
            }
            bin.set(ri++, 0, row[nu]);
        }
        for (int r = 0; r < sides; r++) {
            if (unknown[r] >= 0 && !p.sideIsEquality(r)) {
                ain.set(ri++, unknown[r], -1);
            }
        }
        ConvexSolver.Builder builder = ConvexSolver.newBuilder(nu).objective(q, c);
        if (nin > 0) {
            builder.inequalities(ain, bin);
        }
        Optimisation.Result result = builder.build(new Optimisation.Options()).solve();
        if (!result.getState().isFeasible()) {
            return null;
        }
        double[] y = new double[n], lambda = new double[sides];
        for (int k = 0; k < n; k++) {
            y[k] = result.doubleValue(k);
        }
        for (int r = 0; r < sides; r++) {
            lambda[r] = unknown[r] >= 0 ? result.doubleValue(unknown[r]) : 0;
        }
        return new double[][] {y, lambda};
    }

    /** Where a variable's stationarity row goes: a target, a sign condition, or nowhere. */
    private static void classify(
            double[] row,
            boolean atLower,
            boolean atUpper,
            List<double[]> targets,
            List<double[]> nonNegative) {
        if (atLower && atUpper) {
            return;
        }
        if (atLower) {
            nonNegative.add(row);
        } else if (atUpper) {
            double[] negated = new double[row.length];
            for (int i = 0; i < row.length; i++) {
                negated[i] = -row[i];
            }
            nonNegative.add(negated);
        } else {
            targets.add(row);
        }
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
