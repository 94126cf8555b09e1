package org.gridbazaar.solver.structured.internal;

import java.util.Arrays;

/**
 * Preconditioned conjugate gradients for the reduced Newton matrix {@code M = B^-1 + N C N'}
 * ({@code B^-1} the per-peer blocks, {@code C} the diagonal arc weights {@code 1/sigma}) without
 * forming it: a product with {@code M} costs one pass over the arcs, so memory and time per product
 * are linear in the number of trades.
 *
 * <p>Why a spanning tree: near the optimum the arc weights span many orders of magnitude (huge on
 * arcs carrying flow, tiny on the others), which defeats a diagonal preconditioner. The
 * preconditioner is {@code diag(B^-1) + L_T} with {@code L_T} the Laplacian of a maximum-weight
 * spanning forest of the arcs; a tree with a diagonal factorises without fill, leaves first, so it
 * is applied exactly in {@code O(n)} (Resende and Veiga's preconditioner for interior-point network
 * flow methods, 1993). The tree is a maximum spanning forest up to a factor of 9/8 in the weights:
 * arcs are bucketed by the leading bits of their weight (a counting sort, linear in the arcs)
 * rather than sorted exactly.
 */
final class TreePcg {

    private final int n, m;
    private final int[] tail, head;
    private final int[][] peerNodes;
    // per factorisation
    private double[][] blockInv;
    private double[] weight;
    private final double[] diag;
    // the forest: nodes in breadth-first order, each node's parent and the weight to it
    private final int[] order, parent;
    private final double[] parentWeight, pivot, below;

    /**
     * Per breadth-first position: {@code 1 / pivot}, {@code parentWeight / pivot} and the parent's
     * position ({@code -1} for a root). Applying the preconditioner in positions reads these in
     * order, and parents' positions only grow, so the two sweeps run through memory.
     */
    private final double[] invPivot, ratio;

    private final int[] parentPosition, position;
    private final double[] swept;
    private static final int BUCKET_SHIFT = 20;
    private final int[] sorted;
    private final int[] bucketStart = new int[(1 << (31 - BUCKET_SHIFT)) + 1];

    /** Peers whose block has more than one node (the others are folded into {@link #selfDiag}). */
    private final int[] multiPeers;

    private final double[] selfDiag;
    private final int[] uf, ufSize;
    private final int[] adjStart, adjArc;
    // the arcs grouped by tail: each arc once, with its head and weight (refreshed per
    // factorisation)
    private final int[] outStart, outHead;

    /** Arc of each grouped position ({@code null} when the arcs already come grouped by tail). */
    private final int[] outArc;

    /** Whether the arcs already come grouped by tail, so that the weights need no reordering. */
    private final boolean byTail;

    private double[] outWeight;
    // work vectors
    private final double[] r, z, p, q;
    private int lastIterations;

    TreePcg(int n, int[] tail, int[] head, int[][] peerNodes) {
        this.n = n;
        this.m = tail.length;
        this.tail = tail;
        this.head = head;
        this.peerNodes = peerNodes;
        diag = new double[n];
        order = new int[n];
        parent = new int[n];
        parentWeight = new double[n];
        pivot = new double[n];
        invPivot = new double[n];
        ratio = new double[n];
        parentPosition = new int[n];
        position = new int[n];
        swept = new double[n];
        below = new double[n];
        sorted = new int[m];
        selfDiag = new double[n];
        multiPeers =
                java.util.stream.IntStream.range(0, peerNodes.length)
                        .filter(q -> peerNodes[q].length > 1)
                        .toArray();
        uf = new int[n];
        ufSize = new int[n];
        adjStart = new int[n + 1];
        adjArc = new int[2 * n];
        outStart = new int[n + 1];
        for (int a = 0; a < m; a++) {
            outStart[tail[a] + 1]++;
        }
        for (int k = 0; k < n; k++) {
            outStart[k + 1] += outStart[k];
        }
        boolean sorted = true;
        for (int a = 1; a < m && sorted; a++) {
            sorted = tail[a - 1] <= tail[a];
        }
        byTail = sorted;
        if (byTail) {
            // the arcs are their own grouping: share the heads, no copy
            outHead = head;
            outArc = null;
            outWeight = null;
        } else {
            outHead = new int[m];
            outArc = new int[m];
            int[] fill = Arrays.copyOf(outStart, n);
            for (int a = 0; a < m; a++) {
                int e = fill[tail[a]]++;
                outHead[e] = head[a];
                outArc[e] = a;
            }
            outWeight = new double[m];
        }
        r = new double[n];
        z = new double[n];
        p = new double[n];
        q = new double[n];
    }

    /**
     * Sets the matrix: {@code blockInv[q]} the inverse block of peer {@code q} (row-major over its
     * nodes), {@code arcWeight[t] = 1/sigma_t}, and {@code shift[k]} added to the diagonal.
     */
    void factor(double[][] blockInv, double[] arcWeight, double[] shift) {
        this.blockInv = blockInv;
        this.weight = arcWeight;
        for (int q = 0; q < peerNodes.length; q++) {
            int[] nodes = peerNodes[q];
            int kk = nodes.length;
            for (int i = 0; i < kk; i++) {
                diag[nodes[i]] = blockInv[q][i * kk + i];
            }
        }
        for (int k = 0; k < n; k++) {
            diag[k] += shift[k];
            selfDiag[k] = diag[k];
        }
        if (byTail) {
            outWeight = arcWeight;
        } else {
            for (int e = 0; e < m; e++) {
                outWeight[e] = arcWeight[outArc[e]];
            }
        }
        for (int q : multiPeers) {
            for (int k : peerNodes[q]) {
                selfDiag[k] = shift[k];
            }
        }
        buildForest();
        // pivots of the forest, leaves first: below[v] = what v keeps after its subtree is
        // eliminated
        for (int i = n - 1; i >= 0; i--) {
            int v = order[i];
            double keep = diag[v] + below[v];
            int u = parent[v];
            pivot[v] = keep + (u >= 0 ? parentWeight[v] : 0);
            if (u >= 0) {
                double c = parentWeight[v];
                // c - c^2 / pivot, written without cancellation
                below[u] += c * keep / pivot[v];
            }
        }
        // the same in breadth-first positions, where a parent always comes before its children
        for (int i = 0; i < n; i++) {
            position[order[i]] = i;
        }
        for (int i = 0; i < n; i++) {
            int k = order[i];
            int u = parent[k];
            invPivot[i] = 1 / pivot[k];
            ratio[i] = u >= 0 ? parentWeight[k] * invPivot[i] : 0;
            parentPosition[i] = u >= 0 ? position[u] : -1;
        }
    }

    private void buildForest() {
        // counting sort, heaviest bucket first: positive floats order like their bit patterns
        int buckets = bucketStart.length - 1;
        Arrays.fill(bucketStart, 0);
        for (int a = 0; a < m; a++) {
            bucketStart[buckets - 1 - bucket(weight[a])]++;
        }
        for (int b = 0, sum = 0; b <= buckets; b++) {
            int c = bucketStart[b];
            bucketStart[b] = sum;
            sum += c;
        }
        for (int a = 0; a < m; a++) {
            sorted[bucketStart[buckets - 1 - bucket(weight[a])]++] = a;
        }
        for (int k = 0; k < n; k++) {
            uf[k] = k;
            ufSize[k] = 1;
        }
        int[] deg = new int[n];
        int[] chosen = new int[Math.max(0, n - 1)];
        int nc = 0;
        for (int i = 0; i < m && nc < n - 1; i++) {
            int a = sorted[i];
            int ru = find(tail[a]), rv = find(head[a]);
            if (ru != rv) {
                // union by size: finds stay short whatever order the arcs come in
                if (ufSize[ru] > ufSize[rv]) {
                    int t = ru;
                    ru = rv;
                    rv = t;
                }
                uf[ru] = rv;
                ufSize[rv] += ufSize[ru];
                chosen[nc++] = a;
                deg[tail[a]]++;
                deg[head[a]]++;
            }
        }
        adjStart[0] = 0;
        for (int k = 0; k < n; k++) {
            adjStart[k + 1] = adjStart[k] + deg[k];
        }
        int[] fill = Arrays.copyOf(adjStart, n);
        for (int i = 0; i < nc; i++) {
            int a = chosen[i];
            adjArc[fill[tail[a]]++] = a;
            adjArc[fill[head[a]]++] = a;
        }
        Arrays.fill(parent, -2);
        int qt = 0;
        for (int root = 0; root < n; root++) {
            if (parent[root] != -2) {
                continue;
            }
            parent[root] = -1;
            parentWeight[root] = 0;
            int qh = qt;
            order[qt++] = root;
            while (qh < qt) {
                int u = order[qh++];
                for (int e = adjStart[u]; e < adjStart[u + 1]; e++) {
                    int a = adjArc[e];
                    int v = tail[a] == u ? head[a] : tail[a];
                    if (parent[v] == -2) {
                        parent[v] = u;
                        parentWeight[v] = weight[a];
                        order[qt++] = v;
                    }
                }
            }
        }
        Arrays.fill(below, 0);
    }

    private static int bucket(double w) {
        return Float.floatToIntBits((float) w) >>> BUCKET_SHIFT;
    }

    private int find(int k) {
        while (uf[k] != k) {
            uf[k] = uf[uf[k]];
            k = uf[k];
        }
        return k;
    }

    /**
     * {@code out = M v}. Each arc is read once, from its tail's row: its term {@code w (v_tail -
     * v_head)} (a difference, because the weights span many orders of magnitude and a diagonal
     * summed beforehand would cancel) is summed into the tail's row and taken from the head's. Half
     * the memory traffic of a row-by-row product that stores each arc at both ends, which matters
     * here: the product is bound by memory, not arithmetic.
     */
    void multiply(double[] v, double[] out) {
        for (int k = 0; k < n; k++) {
            out[k] = selfDiag[k] * v[k];
        }
        double[] wt = outWeight;
        int[] hd = outHead;
        for (int k = 0; k < n; k++) {
            double vk = v[k];
            // two partial sums: one running sum would wait on each addition's latency
            double s0 = 0, s1 = 0;
            int e = outStart[k];
            int end = outStart[k + 1];
            for (; e + 1 < end; e += 2) {
                int h0 = hd[e], h1 = hd[e + 1];
                double d0 = wt[e] * (vk - v[h0]);
                double d1 = wt[e + 1] * (vk - v[h1]);
                s0 += d0;
                s1 += d1;
                out[h0] -= d0;
                out[h1] -= d1;
            }
            if (e < end) {
                int h0 = hd[e];
                double d0 = wt[e] * (vk - v[h0]);
                s0 += d0;
                out[h0] -= d0;
            }
            out[k] += s0 + s1;
        }
        for (int q : multiPeers) {
            PeerBlocks.product(peerNodes[q], blockInv[q], v, out, true);
        }
    }

    /** {@code out = P^-1 v} for the tree preconditioner. */
    private void precondition(double[] v, double[] out) {
        double[] s = swept;
        for (int i = 0; i < n; i++) {
            s[i] = v[order[i]];
        }
        // leaves first: each node hands its share to its parent
        for (int i = n - 1; i >= 0; i--) {
            int u = parentPosition[i];
            if (u >= 0) {
                s[u] += ratio[i] * s[i];
            }
        }
        // roots first: each node takes its parent's value
        for (int i = 0; i < n; i++) {
            int u = parentPosition[i];
            s[i] = u >= 0 ? s[i] * invPivot[i] + ratio[i] * s[u] : s[i] * invPivot[i];
        }
        for (int i = 0; i < n; i++) {
            out[order[i]] = s[i];
        }
    }

    /**
     * Solves {@code M x = b} from {@code x = start} (or zero when {@code start} is null) until the
     * residual is below {@code tol ||b||}, or below {@code absTol} when that is larger (refinement
     * passes, whose right-hand sides are small, then cost little). Returns false when the iteration
     * limit is reached first.
     */
    boolean solve(
            double[] b, double[] x, double[] start, double tol, double absTol, int maxIterations) {
        System.arraycopy(b, 0, r, 0, n);
        if (start == null) {
            Arrays.fill(x, 0);
        } else {
            System.arraycopy(start, 0, x, 0, n);
            multiply(x, q);
            for (int k = 0; k < n; k++) {
                r[k] -= q[k];
            }
        }
        double bnorm = Math.sqrt(dot(b, b));
        double stop = Math.max(tol * bnorm, absTol);
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
                return false;
            }
            double alpha = rz / pq;
            double rr0 = 0, rr1 = 0;
            int k = 0;
            for (; k + 1 < n; k += 2) {
                x[k] += alpha * p[k];
                x[k + 1] += alpha * p[k + 1];
                double r0 = r[k] - alpha * q[k], r1 = r[k + 1] - alpha * q[k + 1];
                r[k] = r0;
                r[k + 1] = r1;
                rr0 += r0 * r0;
                rr1 += r1 * r1;
            }
            for (; k < n; k++) {
                x[k] += alpha * p[k];
                double r0 = r[k] - alpha * q[k];
                r[k] = r0;
                rr0 += r0 * r0;
            }
            double rr = rr0 + rr1;
            if (Math.sqrt(rr) <= stop) {
                lastIterations = it;
                return true;
            }
            precondition(r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int j = 0; j < n; j++) {
                p[j] = z[j] + beta * p[j];
            }
        }
        lastIterations = maxIterations;
        return false;
    }

    int lastIterations() {
        return lastIterations;
    }

    private double dot(double[] u, double[] v) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += u[k] * v[k];
            s1 += u[k + 1] * v[k + 1];
            s2 += u[k + 2] * v[k + 2];
            s3 += u[k + 3] * v[k + 3];
        }
        for (; k < n; k++) {
            s0 += u[k] * v[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
