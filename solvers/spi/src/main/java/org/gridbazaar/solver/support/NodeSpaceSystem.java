package org.gridbazaar.solver.support;

import java.util.Arrays;

/**
 * The row-space Newton system {@code K y = r}, {@code K = A W^-1 A' + D}, of a {@link
 * SeparableQpSolver} run, solved without forming {@code K}: the node-space reduction with per-block
 * elimination and preconditioned conjugate gradients.
 *
 * <p>Structure, found once from the problem's columns: an <em>arc</em> is a column with exactly two
 * entries {@code +a} and {@code -a} in two rows and nothing else (a trade between two balance
 * rows); the rows that arcs touch are the <em>nodes</em>. Every other column ties its rows
 * together, and the rows fall into <em>blocks</em>, the connected components of that relation: for
 * a market over time, one block per peer with storage, ramps or energy windows (its balance rows
 * over the periods, its {@code net}, {@code energy}, ramp and window rows), one per single node
 * elsewhere (a lossless storage unit's energy, {@code +1} in one period's energy row and {@code -1}
 * in the next, is an arc too, and its energy rows are nodes). So {@code K = L + sum_b K_b}, with
 * {@code L} the arcs' weighted Laplacian on the nodes and {@code K_b} a small dense block.
 *
 * <p>Each block's rows that are not nodes are eliminated exactly (a dense Cholesky of the block's
 * own rows), leaving on its nodes the Schur complement {@code G_b = K_NN - K_NS K_SS^-1 K_SN}: a
 * dense coupling of one peer's balance rows across its periods. What remains is {@code M = L +
 * blockdiag(G_b)}, of the size of the nodes (peers x periods plus storage energy rows, not trades),
 * solved by conjugate gradients preconditioned by a spanning forest of arcs and blocks ({@link
 * ForestPreconditioner}: the Laplacian of the forest's arcs plus the chosen blocks' {@code G},
 * exactly solvable in linear time; Resende and Veiga's maximum-spanning-tree preconditioner of
 * interior-point network flow methods, 1993, extended to blocks). A product with {@code M} is one
 * pass over the arcs plus the blocks; memory is linear in arcs and in the blocks' sizes squared.
 * Where arcs and blocks form cycles (peers with storage trading in several periods, a degenerate
 * optimal face whose trades all carry flow), the forest leaves them out and the conjugate gradients
 * pay for them in iterations.
 *
 * <p>Not applicable (the caller keeps its envelope factorization) when there are no arcs, or a
 * block has more than {@link #MAX_BLOCK_ROWS} rows (a row coupling many peers, such as a line
 * limit).
 */
final class NodeSpaceSystem {

    /**
     * Largest block (rows of one connected component of the non-arc columns) the reduction takes.
     */
    static final int MAX_BLOCK_ROWS = 600;

    private final int m, n, arcCount;

    /** Per position: its node index, or -1. */
    private final int[] nodeOf;

    /** Per node: its position. */
    private final int[] nodeRow;

    /** Per arc: column, tail and head nodes, and the square of its coefficient. */
    private final int[] arcCol, arcTail, arcHead;

    private final double[] arcScale;

    /**
     * Per block: its rows (eliminated rows first, then its nodes), how many are eliminated, its
     * columns.
     */
    private final int[][] blockRows, blockCols;

    private final int[] blockEliminated;

    /** Per position: its block and its index within it. */
    private final int[] blockOf, localOf;

    /**
     * Per block: the Cholesky factor of its eliminated rows, {@code W = L^-1 K_SN}, and {@code G}.
     */
    private final double[][] chol, cross, schur;

    /** Per node: the diagonal of {@code G} (its block's entry). */
    private final double[] nodeDiag;

    private final int[] colStart, colRow;
    private final double[] colVal;
    private final boolean[] fixed;
    private final ForestPreconditioner forest;
    private final double[] arcWeight;

    /** The arcs of the products (not negligible), their count, and the diagonal of {@code M}. */
    private final int[] keptTail, keptHead;

    private final double[] keptWeight, diagM;
    private int keptArcs;
    private final double[] r, z, p, q, xN, bN;

    /** The blocks with more than one node, and their nodes in the order of their {@code G}. */
    private final int[] multiBlock;

    private final int[][] multiNodes;

    /**
     * Per node: its {@code G} when its block has it alone, else 0 (the products' diagonal part).
     */
    private final double[] selfDiag;

    private long cgIterations;
    private int solves;
    private int lastIterations;

    private NodeSpaceSystem(
            SeparableQp sf,
            boolean[] fixed,
            boolean[] isArc,
            int[] nodeOf,
            int n,
            int[] blockOf,
            int blocks) {
        this.m = sf.rows;
        this.n = n;
        this.nodeOf = nodeOf;
        this.fixed = fixed;
        this.colStart = sf.colStart;
        this.colRow = sf.colRow;
        this.colVal = sf.colVal;
        nodeRow = new int[n];
        for (int pos = 0; pos < m; pos++) {
            if (nodeOf[pos] >= 0) {
                nodeRow[nodeOf[pos]] = pos;
            }
        }
        int arcs = 0;
        for (int j = 0; j < sf.vars; j++) {
            if (isArc[j]) {
                arcs++;
            }
        }
        arcCount = arcs;
        arcCol = new int[arcs];
        arcTail = new int[arcs];
        arcHead = new int[arcs];
        arcScale = new double[arcs];
        int a = 0;
        for (int j = 0; j < sf.vars; j++) {
            if (isArc[j]) {
                int p0 = sf.colStart[j];
                arcCol[a] = j;
                arcTail[a] = nodeOf[sf.colRow[p0]];
                arcHead[a] = nodeOf[sf.colRow[p0 + 1]];
                arcScale[a] = sf.colVal[p0] * sf.colVal[p0];
                a++;
            }
        }
        this.blockOf = blockOf;
        localOf = new int[m];
        int[] size = new int[blocks], eliminated = new int[blocks], cols = new int[blocks];
        for (int pos = 0; pos < m; pos++) {
            size[blockOf[pos]]++;
            if (nodeOf[pos] < 0) {
                eliminated[blockOf[pos]]++;
            }
        }
        for (int j = 0; j < sf.vars; j++) {
            if (!isArc[j] && !fixed[j] && sf.colStart[j + 1] > sf.colStart[j]) {
                cols[blockOf[sf.colRow[sf.colStart[j]]]]++;
            }
        }
        blockRows = new int[blocks][];
        blockCols = new int[blocks][];
        blockEliminated = eliminated;
        int[] fillS = new int[blocks], fillN = new int[blocks], fillC = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            blockRows[b] = new int[size[b]];
            blockCols[b] = new int[cols[b]];
            fillN[b] = eliminated[b];
        }
        for (int pos = 0; pos < m; pos++) {
            int b = blockOf[pos];
            int at = nodeOf[pos] < 0 ? fillS[b]++ : fillN[b]++;
            blockRows[b][at] = pos;
            localOf[pos] = at;
        }
        for (int j = 0; j < sf.vars; j++) {
            if (!isArc[j] && !fixed[j] && sf.colStart[j + 1] > sf.colStart[j]) {
                int b = blockOf[sf.colRow[sf.colStart[j]]];
                blockCols[b][fillC[b]++] = j;
            }
        }
        chol = new double[blocks][];
        cross = new double[blocks][];
        schur = new double[blocks][];
        for (int b = 0; b < blocks; b++) {
            int s = eliminated[b], k = size[b] - s;
            chol[b] = new double[s * s];
            cross[b] = new double[s * k];
            schur[b] = new double[k * k];
        }
        nodeDiag = new double[n];
        arcWeight = new double[arcs];
        keptTail = new int[arcs];
        keptHead = new int[arcs];
        keptWeight = new double[arcs];
        diagM = new double[n];
        int[][] nodeBlocks = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            int s = eliminated[b];
            nodeBlocks[b] = new int[size[b] - s];
            for (int i = s; i < size[b]; i++) {
                nodeBlocks[b][i - s] = nodeOf[blockRows[b][i]];
            }
        }
        forest = new ForestPreconditioner(n, arcTail, arcHead, nodeBlocks, schur);
        int multi = 0;
        for (int[] nb : nodeBlocks) {
            if (nb.length > 1) {
                multi++;
            }
        }
        multiBlock = new int[multi];
        multiNodes = new int[multi][];
        multi = 0;
        for (int b = 0; b < blocks; b++) {
            if (nodeBlocks[b].length > 1) {
                multiBlock[multi] = b;
                multiNodes[multi++] = nodeBlocks[b];
            }
        }
        selfDiag = new double[n];
        r = new double[n];
        z = new double[n];
        p = new double[n];
        q = new double[n];
        xN = new double[n];
        bN = new double[n];
    }

    /**
     * The system of {@code sf} ({@code fixed}: the variables the run holds constant, which take no
     * part in it), or {@code null} when the reduction does not apply (see the class documentation).
     */
    static NodeSpaceSystem of(SeparableQp sf, boolean[] fixed) {
        int m = sf.rows;
        boolean[] isArc = new boolean[sf.vars];
        int[] nodeOf = new int[m];
        Arrays.fill(nodeOf, -1);
        int n = 0;
        for (int j = 0; j < sf.vars; j++) {
            int p0 = sf.colStart[j];
            if (!fixed[j]
                    && sf.colStart[j + 1] - p0 == 2
                    && sf.colRow[p0] != sf.colRow[p0 + 1]
                    && sf.colVal[p0] == -sf.colVal[p0 + 1]
                    && sf.colVal[p0] != 0) {
                isArc[j] = true;
                for (int p = p0; p < p0 + 2; p++) {
                    if (nodeOf[sf.colRow[p]] < 0) {
                        nodeOf[sf.colRow[p]] = n++;
                    }
                }
            }
        }
        if (n == 0) {
            return null;
        }
        // renumber the nodes in position order, so that neighbouring rows stay close in memory
        n = 0;
        for (int pos = 0; pos < m; pos++) {
            if (nodeOf[pos] >= 0) {
                nodeOf[pos] = n++;
            }
        }
        int[] uf = new int[m];
        for (int pos = 0; pos < m; pos++) {
            uf[pos] = pos;
        }
        for (int j = 0; j < sf.vars; j++) {
            if (isArc[j] || fixed[j]) {
                continue;
            }
            int p0 = sf.colStart[j];
            for (int p = p0 + 1; p < sf.colStart[j + 1]; p++) {
                int x = find(uf, sf.colRow[p0]), y = find(uf, sf.colRow[p]);
                if (x != y) {
                    uf[Math.max(x, y)] = Math.min(x, y);
                }
            }
        }
        int[] blockOf = new int[m];
        int[] rootBlock = new int[m];
        Arrays.fill(rootBlock, -1);
        int blocks = 0;
        int[] size = new int[m];
        for (int pos = 0; pos < m; pos++) {
            int root = find(uf, pos);
            if (rootBlock[root] < 0) {
                rootBlock[root] = blocks++;
            }
            blockOf[pos] = rootBlock[root];
            if (++size[blockOf[pos]] > MAX_BLOCK_ROWS) {
                return null;
            }
        }
        return new NodeSpaceSystem(sf, fixed, isArc, nodeOf, n, blockOf, blocks);
    }

    private static int find(int[] uf, int k) {
        while (uf[k] != k) {
            uf[k] = uf[uf[k]];
            k = uf[k];
        }
        return k;
    }

    /** Number of nodes of the reduced system. */
    int nodeCount() {
        return n;
    }

    /** Conjugate-gradient iterations over all solves so far, and the number of solves. */
    long cgIterations() {
        return cgIterations;
    }

    int solves() {
        return solves;
    }

    int lastIterations() {
        return lastIterations;
    }

    /**
     * Flops of one conjugate-gradient iteration, about: the arcs twice, the nodes, the blocks'
     * squares.
     */
    double iterationWork() {
        if (iterationWork == 0) {
            double w = 4.0 * arcCount + 12.0 * n;
            for (int b = 0; b < blockRows.length; b++) {
                int k = blockRows[b].length - blockEliminated[b];
                w += 2.0 * k * k;
            }
            iterationWork = w;
        }
        return iterationWork;
    }

    private double iterationWork;

    /**
     * Sets {@code K = A diag(wInv) A' + diag(rowD)} (by position; {@code wInv} of fixed variables
     * is ignored): eliminates every block's own rows and prepares the preconditioner.
     */
    void factor(double[] wInv, double[] rowD) {
        for (int a = 0; a < arcCount; a++) {
            arcWeight[a] = wInv[arcCol[a]] * arcScale[a];
        }
        for (int b = 0; b < blockRows.length; b++) {
            factorBlock(b, wInv, rowD);
        }
        forest.factor(arcWeight, nodeDiag);
        System.arraycopy(nodeDiag, 0, selfDiag, 0, n);
        for (int[] nodes : multiNodes) {
            for (int k : nodes) {
                selfDiag[k] = 0;
            }
        }
        // the product skips arcs negligible against both their ends' diagonals
        double[] d = diagM;
        System.arraycopy(nodeDiag, 0, d, 0, n);
        for (int a = 0; a < arcCount; a++) {
            d[arcTail[a]] += arcWeight[a];
            d[arcHead[a]] += arcWeight[a];
        }
        int kept = 0;
        for (int a = 0; a < arcCount; a++) {
            double w = arcWeight[a];
            if (w > NEGLIGIBLE * Math.min(d[arcTail[a]], d[arcHead[a]])) {
                keptTail[kept] = arcTail[a];
                keptHead[kept] = arcHead[a];
                keptWeight[kept++] = w;
            }
        }
        keptArcs = kept;
    }

    /**
     * An arc whose weight is below this share of both its ends' diagonals is left out of the
     * products: it changes no row by more than this relative to the row's diagonal, far below the
     * conjugate gradients' tolerance. Near the optimum most arcs are such (empty trades beside
     * peers whose trades carry flow), and the products get cheaper by that much.
     */
    static final double NEGLIGIBLE = 1e-14;

    private void factorBlock(int b, double[] wInv, double[] rowD) {
        int[] rows = blockRows[b];
        int size = rows.length, s = blockEliminated[b], k = size - s;
        if (size == 1) {
            // a node that only arcs and its own diagonal terms touch: the common case, no dense
            // work
            double d = rowD[rows[0]];
            for (int j : blockCols[b]) {
                double v = colVal[colStart[j]];
                d += v * v * wInv[j];
            }
            if (k == 1) {
                schur[b][0] = d;
                nodeDiag[nodeOf[rows[0]]] = d;
            } else {
                chol[b][0] = d > 1e-300 ? Math.sqrt(d) : 1e64;
            }
            return;
        }
        double[] kb = new double[size * size];
        for (int j : blockCols[b]) {
            double w = wInv[j];
            for (int p = colStart[j]; p < colStart[j + 1]; p++) {
                int li = localOf[colRow[p]];
                double vi = colVal[p] * w;
                for (int t = colStart[j]; t < colStart[j + 1]; t++) {
                    kb[li * size + localOf[colRow[t]]] += vi * colVal[t];
                }
            }
        }
        for (int i = 0; i < size; i++) {
            kb[i * size + i] += rowD[rows[i]];
        }
        double[] l = chol[b];
        for (int i = 0; i < s; i++) {
            System.arraycopy(kb, i * size, l, i * s, s);
        }
        DenseBlocks.cholesky(l, s);
        // W = L^-1 K_SN (s x k), column by column
        double[] w = cross[b];
        for (int i = 0; i < s; i++) {
            System.arraycopy(kb, i * size + s, w, i * k, k);
        }
        DenseBlocks.forwardColumns(l, s, w, k);
        double[] g = schur[b];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kb[(s + i) * size + s + j];
                for (int t = 0; t < s; t++) {
                    v -= w[t * k + i] * w[t * k + j];
                }
                g[i * k + j] = v;
                g[j * k + i] = v;
            }
            nodeDiag[nodeOf[rows[s + i]]] = g[i * k + i];
        }
    }

    /**
     * Solves {@code K y = rhs} (by position) into {@code y} to a relative residual {@code tol} of
     * the reduced system; {@code false} when the conjugate gradients do not get there in {@code
     * maxIterations}.
     */
    boolean solve(double[] rhs, double[] y, double[] start, double tol, int maxIterations) {
        // eliminate each block's own rows: b_N = r_N - W' L^-1 r_S
        for (int k = 0; k < n; k++) {
            bN[k] = rhs[nodeRow[k]];
        }
        double[] ys = new double[maxEliminated()];
        for (int b = 0; b < blockRows.length; b++) {
            int[] rows = blockRows[b];
            int s = blockEliminated[b], k = rows.length - s;
            if (s == 0) {
                continue;
            }
            for (int i = 0; i < s; i++) {
                ys[i] = rhs[rows[i]];
            }
            DenseBlocks.forward(chol[b], s, ys);
            double[] w = cross[b];
            for (int t = 0; t < s; t++) {
                double v = ys[t];
                if (v != 0) {
                    for (int i = 0; i < k; i++) {
                        bN[nodeOf[rows[s + i]]] -= w[t * k + i] * v;
                    }
                }
            }
        }
        if (start != null) {
            for (int k = 0; k < n; k++) {
                xN[k] = start[nodeRow[k]];
            }
        }
        boolean ok = cg(bN, xN, start != null, tol, maxIterations);
        for (int k = 0; k < n; k++) {
            y[nodeRow[k]] = xN[k];
        }
        // back-substitute: y_S = L^-T (L^-1 r_S - W y_N)
        for (int b = 0; b < blockRows.length; b++) {
            int[] rows = blockRows[b];
            int s = blockEliminated[b], k = rows.length - s;
            if (s == 0) {
                continue;
            }
            for (int i = 0; i < s; i++) {
                ys[i] = rhs[rows[i]];
            }
            DenseBlocks.forward(chol[b], s, ys);
            double[] w = cross[b];
            for (int t = 0; t < s; t++) {
                double v = ys[t];
                for (int i = 0; i < k; i++) {
                    v -= w[t * k + i] * xN[nodeOf[rows[s + i]]];
                }
                ys[t] = v;
            }
            DenseBlocks.backward(chol[b], s, ys);
            for (int i = 0; i < s; i++) {
                y[rows[i]] = ys[i];
            }
        }
        return ok;
    }

    private int maxEliminatedCache = -1;

    private int maxEliminated() {
        if (maxEliminatedCache < 0) {
            int max = 1;
            for (int s : blockEliminated) {
                max = Math.max(max, s);
            }
            maxEliminatedCache = max;
        }
        return maxEliminatedCache;
    }

    /** {@code out = M v}: the arcs' Laplacian, then every block's {@code G}. */
    private void multiply(double[] v, double[] out) {
        double[] self = selfDiag;
        for (int k = 0; k < n; k++) {
            out[k] = self[k] * v[k];
        }
        int[] kt = keptTail, kh = keptHead;
        double[] kw = keptWeight;
        for (int a = 0; a < keptArcs; a++) {
            int t = kt[a], h = kh[a];
            double d = kw[a] * (v[t] - v[h]);
            out[t] += d;
            out[h] -= d;
        }
        for (int i = 0; i < multiBlock.length; i++) {
            int[] nodes = multiNodes[i];
            double[] g = schur[multiBlock[i]];
            int k = nodes.length;
            for (int r = 0; r < k; r++) {
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += g[r * k + c] * v[nodes[c]];
                }
                out[nodes[r]] += sum;
            }
        }
    }

    private boolean cg(double[] b, double[] x, boolean warm, double tol, int maxIterations) {
        solves++;
        System.arraycopy(b, 0, r, 0, n);
        if (warm) {
            multiply(x, q);
            for (int k = 0; k < n; k++) {
                r[k] -= q[k];
            }
            if (dot(r, r) > dot(b, b)) {
                // a start worse than zero
                Arrays.fill(x, 0);
                System.arraycopy(b, 0, r, 0, n);
            }
        } else {
            Arrays.fill(x, 0);
        }
        double bnorm = Math.sqrt(dot(b, b));
        double stop = tol * bnorm;
        lastIterations = 0;
        if (Math.sqrt(dot(r, r)) <= stop) {
            return true;
        }
        precondition(r, z);
        System.arraycopy(z, 0, p, 0, n);
        double rz = dot(r, z);
        for (int it = 1; it <= maxIterations; it++) {
            multiply(p, q);
            double pq = dot(p, q);
            if (!(pq > 0)) {
                lastIterations = it;
                cgIterations += it;
                return false;
            }
            double alpha = rz / pq;
            double rr = 0;
            for (int k = 0; k < n; k++) {
                x[k] += alpha * p[k];
                r[k] -= alpha * q[k];
                rr += r[k] * r[k];
            }
            if (Math.sqrt(rr) <= stop) {
                lastIterations = it;
                cgIterations += it;
                return true;
            }
            precondition(r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int k = 0; k < n; k++) {
                p[k] = z[k] + beta * p[k];
            }
        }
        lastIterations = maxIterations;
        cgIterations += maxIterations;
        return false;
    }

    /** {@code z = P^-1 r}. */
    private void precondition(double[] rr, double[] zz) {
        forest.apply(rr, zz);
    }

    private double dot(double[] u, double[] v) {
        double s0 = 0, s1 = 0;
        int k = 0;
        for (; k + 1 < n; k += 2) {
            s0 += u[k] * v[k];
            s1 += u[k + 1] * v[k + 1];
        }
        for (; k < n; k++) {
            s0 += u[k] * v[k];
        }
        return s0 + s1;
    }
}
