package org.gridbazaar.solver.structured.internal;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.SeparableQp;

/**
 * A {@link MarketProblem} as a {@link SeparableQp}, with the map between them.
 *
 * <p>Variables are the arcs (trades, {@code [0, inf)}), then the nodes (the peers' net injections
 * per commodity and period), then the private variables (storage charge, discharge, energy, device
 * power). Rows are one balance row per node, {@code x_k - (N f)_k = 0}, then the peers' side rows,
 * then the coupling rows. They are eliminated period by period, and within a period: the balance
 * rows of nodes no row of the next period reaches, the rows of one period, the balance rows of
 * nodes the next period's rows reach, then the rows linking the period to the previous one; rows
 * spanning three periods or more (energy windows) come last. That order keeps the factor's envelope
 * about two periods wide.
 */
final class StandardForm {

    final SeparableQp qp;
    final int arcs, nodes, privates;

    /** Row index of each node's balance row, each side row, each coupling row. */
    final int[] balanceRow, sideRow, couplingRow;

    /** The constant part of the objective ($). */
    final double constant;

    private final MarketProblem problem;

    private StandardForm(
            MarketProblem problem,
            SeparableQp qp,
            int[] balanceRow,
            int[] sideRow,
            int[] couplingRow,
            double constant) {
        this.problem = problem;
        this.qp = qp;
        this.arcs = problem.arcCount();
        this.nodes = problem.nodeCount();
        this.privates = problem.variableCount();
        this.balanceRow = balanceRow;
        this.sideRow = sideRow;
        this.couplingRow = couplingRow;
        this.constant = constant;
    }

    /** The standard form of {@code p}. */
    static StandardForm of(MarketProblem p) {
        int m = p.arcCount(), n = p.nodeCount(), z = p.variableCount();
        int sides = p.sideConstraintCount(), couplings = p.couplingConstraintCount();
        int[] period = p.nodePeriod();
        int[] sideFirst = new int[sides], sideLast = new int[sides];
        boolean[] linked = new boolean[n];
        for (int r = 0; r < sides; r++) {
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            for (int k : p.sideNodes(r)) {
                lo = Math.min(lo, period[k]);
                hi = Math.max(hi, period[k]);
            }
            for (int v : p.sideVariables(r)) {
                lo = Math.min(lo, p.variablePeriod(v));
                hi = Math.max(hi, p.variablePeriod(v));
            }
            sideFirst[r] = lo;
            sideLast[r] = hi;
            if (hi - lo == 1) {
                for (int k : p.sideNodes(r)) {
                    if (period[k] == lo) {
                        linked[k] = true;
                    }
                }
            }
        }
        SeparableQp.Builder b = SeparableQp.builder();
        double[] w = p.arcCost();
        for (int a = 0; a < m; a++) {
            b.variable(0, Double.POSITIVE_INFINITY, 0, w[a]);
        }
        double[] na = p.quadratic(),
                nb = p.linear(),
                nc = p.constant(),
                nlo = p.lower(),
                nhi = p.upper();
        double constant = 0;
        for (int k = 0; k < n; k++) {
            b.variable(nlo[k], nhi[k], na[k], nb[k]);
            constant += nc[k];
        }
        double[] va = p.variableQuadratic(),
                vb = p.variableLinear(),
                vc = p.variableConstant(),
                vlo = p.variableLower(),
                vhi = p.variableUpper();
        for (int v = 0; v < z; v++) {
            b.variable(vlo[v], vhi[v], va[v], vb[v]);
            constant += vc[v];
        }
        // balance rows: x_k - sum_(tail = k) f + sum_(head = k) f = 0
        int[] outCount = new int[n];
        int[] tail = p.tail(), head = p.head();
        for (int a = 0; a < m; a++) {
            outCount[tail[a]]++;
            outCount[head[a]]++;
        }
        int[][] rowVars = new int[n][];
        double[][] rowCoefs = new double[n][];
        int[] fill = new int[n];
        for (int k = 0; k < n; k++) {
            rowVars[k] = new int[outCount[k] + 1];
            rowCoefs[k] = new double[outCount[k] + 1];
            rowVars[k][0] = m + k;
            rowCoefs[k][0] = 1;
            fill[k] = 1;
        }
        for (int a = 0; a < m; a++) {
            rowVars[tail[a]][fill[tail[a]]] = a;
            rowCoefs[tail[a]][fill[tail[a]]++] = -1;
            rowVars[head[a]][fill[head[a]]] = a;
            rowCoefs[head[a]][fill[head[a]]++] = 1;
        }
        int[] balanceRow = new int[n];
        for (int k = 0; k < n; k++) {
            balanceRow[k] =
                    b.row(
                            rowVars[k],
                            rowCoefs[k],
                            true,
                            0,
                            key(period[k], period[k], linked[k] ? 2 : 0));
            rowVars[k] = null;
            rowCoefs[k] = null;
        }
        int[] sideRow = new int[sides];
        for (int r = 0; r < sides; r++) {
            int[] sn = p.sideNodes(r), sv = p.sideVariables(r);
            double[] sc = p.sideCoefficients(r), svc = p.sideVariableCoefficients(r);
            int[] vars = new int[sn.length + sv.length];
            double[] coefs = new double[vars.length];
            for (int i = 0; i < sn.length; i++) {
                vars[i] = m + sn[i];
                coefs[i] = sc[i];
            }
            for (int i = 0; i < sv.length; i++) {
                vars[sn.length + i] = m + n + sv[i];
                coefs[sn.length + i] = svc[i];
            }
            sideRow[r] =
                    b.row(
                            vars,
                            coefs,
                            p.sideIsEquality(r),
                            p.sideRhs(r),
                            key(sideFirst[r], sideLast[r], sideLast[r] == sideFirst[r] ? 1 : 3));
        }
        int[] couplingRow = new int[couplings];
        for (int r = 0; r < couplings; r++) {
            int[] cn = p.couplingNodes(r);
            double[] cc = p.couplingCoefficients(r);
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            int[] vars = new int[cn.length];
            for (int i = 0; i < cn.length; i++) {
                vars[i] = m + cn[i];
                lo = Math.min(lo, period[cn[i]]);
                hi = Math.max(hi, period[cn[i]]);
            }
            couplingRow[r] =
                    b.row(vars, cc, false, p.couplingRhs(r), key(lo, hi, hi == lo ? 1 : 3));
        }
        return new StandardForm(p, b.build(), balanceRow, sideRow, couplingRow, constant);
    }

    /**
     * The elimination key of a row over periods {@code first .. last} with sub-order {@code sub}
     * within its period.
     */
    private static long key(int first, int last, int sub) {
        long border = last - first >= 2 ? 1 : 0;
        return (border << 62) | ((long) last << 2) | sub;
    }

    /** What row {@code row} stands for, in the market's terms. */
    String rowLabel(int row) {
        for (int k = 0; k < balanceRow.length; k++) {
            if (balanceRow[k] == row) {
                var key = problem.nodeKey(k);
                return "balance of peer "
                        + problem.peerLabel(key.peer())
                        + "'s "
                        + (key.commodity() == MarketProblem.POWER ? "power" : "heat")
                        + " in period "
                        + key.period();
            }
        }
        for (int r = 0; r < sideRow.length; r++) {
            if (sideRow[r] == row) {
                String name = problem.sideName(r);
                return "row "
                        + (name.isEmpty() ? "#" + r : name)
                        + " of peer "
                        + problem.peerLabel(problem.sidePeer(r));
            }
        }
        for (int r = 0; r < couplingRow.length; r++) {
            if (couplingRow[r] == row) {
                return "coupling row " + problem.couplingLabel(r);
            }
        }
        return "row " + row;
    }
}
