package org.gridbazaar.solver.structured.internal;

import java.util.Arrays;
import org.gridbazaar.formulation.MarketProblem;

/**
 * A {@link MarketProblem} as the bounded convex quadratic program the block interior point solves:
 * <pre>
 *   minimise  sum_j 0.5 q_j u_j^2 + c_j u_j   subject to   A u (= or <=) b,   l <= u <= h
 * </pre>
 * Variables {@code u} are the arcs (trades, {@code [0, inf)}), then the nodes (the peers' net
 * injections per commodity and period), then the private variables (storage charge, discharge,
 * energy, device power). Rows are one balance row per node, {@code x_k - (N f)_k = 0}, then the
 * peers' side rows, then the coupling rows. Rows are numbered by their <em>position</em> in an
 * elimination order chosen for a small envelope: period by period, and within a period the
 * balance rows of nodes no row of the next period reaches, the rows of one period, the balance
 * rows of nodes the next period's rows reach, and the rows linking the period to the previous
 * one; rows spanning three periods or more (energy windows) come last.
 */
final class StandardForm {

    final int vars, rows;
    final int arcs, nodes, privates;
    final double[] lo, hi, q, c;
    final int[] colStart, colRow;
    final double[] colVal;
    final double[] b;
    final boolean[] inequality;
    /** Position of each node's balance row, each side row, each coupling row. */
    final int[] balanceRow, sideRow, couplingRow;
    /** Envelope of the row-space matrix: first column of each row. */
    final int[] first;
    final double constant;
    private final MarketProblem problem;

    private StandardForm(MarketProblem problem, int arcs, int nodes, int privates, double[] lo, double[] hi, double[] q,
                         double[] c, int[] colStart, int[] colRow, double[] colVal, double[] b, boolean[] inequality,
                         int[] balanceRow, int[] sideRow, int[] couplingRow, double constant) {
        this.problem = problem;
        this.arcs = arcs;
        this.nodes = nodes;
        this.privates = privates;
        this.vars = lo.length;
        this.rows = b.length;
        this.lo = lo;
        this.hi = hi;
        this.q = q;
        this.c = c;
        this.colStart = colStart;
        this.colRow = colRow;
        this.colVal = colVal;
        this.b = b;
        this.inequality = inequality;
        this.balanceRow = balanceRow;
        this.sideRow = sideRow;
        this.couplingRow = couplingRow;
        this.constant = constant;
        this.first = envelope();
    }

    /** The standard form of {@code p}. */
    static StandardForm of(MarketProblem p) {
        int m = p.arcCount(), n = p.nodeCount(), z = p.variableCount();
        int sides = p.sideConstraintCount(), couplings = p.couplingConstraintCount();
        int rowCount = n + sides + couplings;
        int[] period = p.nodePeriod();
        // rows' periods, spans and order keys
        int[] rowFirst = new int[rowCount], rowLast = new int[rowCount];
        for (int k = 0; k < n; k++) {
            rowFirst[k] = rowLast[k] = period[k];
        }
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
            rowFirst[n + r] = lo;
            rowLast[n + r] = hi;
            if (hi - lo == 1) {
                for (int k : p.sideNodes(r)) {
                    if (period[k] == lo) {
                        linked[k] = true;
                    }
                }
            }
        }
        for (int r = 0; r < couplings; r++) {
            int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
            for (int k : p.couplingNodes(r)) {
                lo = Math.min(lo, period[k]);
                hi = Math.max(hi, period[k]);
            }
            rowFirst[n + sides + r] = lo;
            rowLast[n + sides + r] = hi;
        }
        long[] keys = new long[rowCount];
        for (int r = 0; r < rowCount; r++) {
            int span = rowLast[r] - rowFirst[r];
            long sub;
            if (r < n) {
                sub = linked[r] ? 2 : 0;
            } else {
                sub = span == 0 ? 1 : 3;
            }
            long border = span >= 2 ? 1 : 0;
            keys[r] = (border << 62) | ((long) rowLast[r] << 34) | (sub << 31) | r;
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int[] position = new int[rowCount];
        for (int pos = 0; pos < rowCount; pos++) {
            position[(int) (sorted[pos] & 0x7fffffffL)] = pos;
        }
        int[] balanceRow = Arrays.copyOfRange(position, 0, n);
        int[] sideRow = Arrays.copyOfRange(position, n, n + sides);
        int[] couplingRow = Arrays.copyOfRange(position, n + sides, rowCount);

        int vars = m + n + z;
        double[] lo = new double[vars], hi = new double[vars], q = new double[vars], c = new double[vars];
        double constant = 0;
        Arrays.fill(hi, 0, m, Double.POSITIVE_INFINITY);
        double[] w = p.arcCost();
        System.arraycopy(w, 0, c, 0, m);
        double[] na = p.quadratic(), nb = p.linear(), nc = p.constant(), nlo = p.lower(), nhi = p.upper();
        for (int k = 0; k < n; k++) {
            lo[m + k] = nlo[k];
            hi[m + k] = nhi[k];
            q[m + k] = na[k];
            c[m + k] = nb[k];
            constant += nc[k];
        }
        double[] va = p.variableQuadratic(), vb = p.variableLinear(), vc = p.variableConstant(), vlo = p.variableLower(),
                vhi = p.variableUpper();
        for (int v = 0; v < z; v++) {
            lo[m + n + v] = vlo[v];
            hi[m + n + v] = vhi[v];
            q[m + n + v] = va[v];
            c[m + n + v] = vb[v];
            constant += vc[v];
        }
        // columns: count, then fill
        int[] count = new int[vars + 1];
        int[] tail = p.tail(), head = p.head();
        for (int a = 0; a < m; a++) {
            count[a + 1] = 2;
        }
        for (int k = 0; k < n; k++) {
            count[m + k + 1] = 1;
        }
        for (int r = 0; r < sides; r++) {
            for (int k : p.sideNodes(r)) {
                count[m + k + 1]++;
            }
            for (int v : p.sideVariables(r)) {
                count[m + n + v + 1]++;
            }
        }
        for (int r = 0; r < couplings; r++) {
            for (int k : p.couplingNodes(r)) {
                count[m + k + 1]++;
            }
        }
        for (int j = 0; j < vars; j++) {
            count[j + 1] += count[j];
        }
        int[] colStart = count.clone();
        int[] fill = Arrays.copyOf(count, vars);
        int[] colRow = new int[colStart[vars]];
        double[] colVal = new double[colStart[vars]];
        for (int a = 0; a < m; a++) {
            // x_k - (N f)_k = 0: the seller's row gets -f, the buyer's +f
            colRow[fill[a]] = balanceRow[tail[a]];
            colVal[fill[a]++] = -1;
            colRow[fill[a]] = balanceRow[head[a]];
            colVal[fill[a]++] = 1;
        }
        for (int k = 0; k < n; k++) {
            colRow[fill[m + k]] = balanceRow[k];
            colVal[fill[m + k]++] = 1;
        }
        double[] b = new double[rowCount];
        boolean[] inequality = new boolean[rowCount];
        for (int r = 0; r < sides; r++) {
            int pos = sideRow[r];
            int[] sn = p.sideNodes(r);
            double[] sc = p.sideCoefficients(r);
            for (int i = 0; i < sn.length; i++) {
                colRow[fill[m + sn[i]]] = pos;
                colVal[fill[m + sn[i]]++] = sc[i];
            }
            int[] sv = p.sideVariables(r);
            double[] svc = p.sideVariableCoefficients(r);
            for (int i = 0; i < sv.length; i++) {
                colRow[fill[m + n + sv[i]]] = pos;
                colVal[fill[m + n + sv[i]]++] = svc[i];
            }
            b[pos] = p.sideRhs(r);
            inequality[pos] = !p.sideIsEquality(r);
        }
        for (int r = 0; r < couplings; r++) {
            int pos = couplingRow[r];
            int[] cn = p.couplingNodes(r);
            double[] cc = p.couplingCoefficients(r);
            for (int i = 0; i < cn.length; i++) {
                colRow[fill[m + cn[i]]] = pos;
                colVal[fill[m + cn[i]]++] = cc[i];
            }
            b[pos] = p.couplingRhs(r);
            inequality[pos] = true;
        }
        return new StandardForm(p, m, n, z, lo, hi, q, c, colStart, colRow, colVal, b, inequality, balanceRow, sideRow,
                couplingRow, constant);
    }

    /**
     * The elastic (phase-one) problem: the same rows and bounds, no costs, and for every row an
     * elastic variable {@code v >= 0} of cost 1 per unit that may absorb a violation
     * ({@code +v} and {@code -v} for an equality row, {@code -v} for a {@code <=} row). Always
     * feasible and bounded; its optimum is zero exactly when the problem is feasible.
     */
    StandardForm elastic() {
        int extra = 0;
        for (int r = 0; r < rows; r++) {
            extra += inequality[r] ? 1 : 2;
        }
        int total = vars + extra;
        double[] lo2 = Arrays.copyOf(lo, total), hi2 = Arrays.copyOf(hi, total);
        double[] q2 = new double[total], c2 = new double[total];
        int[] start2 = Arrays.copyOf(colStart, total + 1);
        int nnz = colStart[vars];
        int[] row2 = Arrays.copyOf(colRow, nnz + extra);
        double[] val2 = Arrays.copyOf(colVal, nnz + extra);
        int j = vars;
        for (int r = 0; r < rows; r++) {
            for (int sign = inequality[r] ? -1 : 1; sign >= -1; sign -= 2) {
                lo2[j] = 0;
                hi2[j] = Double.POSITIVE_INFINITY;
                c2[j] = 1;
                row2[nnz] = r;
                val2[nnz] = sign;
                start2[j + 1] = ++nnz;
                j++;
            }
        }
        return new StandardForm(problem, arcs, nodes, privates, lo2, hi2, q2, c2, start2, row2, val2, b, inequality,
                balanceRow, sideRow, couplingRow, 0);
    }

    /** What row {@code pos} stands for, in the market's terms. */
    String rowLabel(int pos) {
        for (int k = 0; k < balanceRow.length; k++) {
            if (balanceRow[k] == pos) {
                var key = problem.nodeKey(k);
                return "balance of peer " + problem.peerLabel(key.peer()) + "'s " + (key.commodity() == MarketProblem.POWER ? "power" : "heat")
                        + " in period " + key.period();
            }
        }
        for (int r = 0; r < sideRow.length; r++) {
            if (sideRow[r] == pos) {
                String name = problem.sideName(r);
                return "row " + (name.isEmpty() ? "#" + r : name) + " of peer " + problem.peerLabel(problem.sidePeer(r));
            }
        }
        for (int r = 0; r < couplingRow.length; r++) {
            if (couplingRow[r] == pos) {
                return "coupling row " + problem.couplingLabel(r);
            }
        }
        return "elastic row " + pos;
    }

    private int[] envelope() {
        int[] f = new int[rows];
        for (int i = 0; i < rows; i++) {
            f[i] = i;
        }
        for (int j = 0; j < vars; j++) {
            int min = Integer.MAX_VALUE;
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                min = Math.min(min, colRow[p]);
            }
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                f[colRow[p]] = Math.min(f[colRow[p]], min);
            }
        }
        return f;
    }
}
