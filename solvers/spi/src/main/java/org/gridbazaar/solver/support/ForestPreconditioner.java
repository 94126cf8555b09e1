package org.gridbazaar.solver.support;

import java.util.Arrays;

/**
 * The preconditioner of {@link NodeSpaceSystem}: {@code P = L_F + B}, with {@code L_F} the
 * Laplacian of a spanning forest of arcs and blocks, chosen heaviest first, and {@code B} the
 * chosen blocks' {@code G} and the other nodes' diagonals. Exactly solvable in linear time: every
 * chosen block is a super-node, and the chosen arcs join the super-nodes into a forest, so the
 * elimination of super-nodes, leaves first, changes only one diagonal entry of each parent (no
 * fill).
 *
 * <p>Choice (Kruskal's rule on arcs and blocks together): an arc is heavy by its weight; a block by
 * the largest magnitude off its diagonal, which is what {@code B} would lose if it kept only the
 * block's diagonal. Items are taken heaviest first (bucketed by the leading bits of their weight, a
 * counting sort linear in the items, so the order is exact up to a factor of 9/8); an arc joins
 * when it links two components, a block when all its nodes lie in different components. A block
 * that is not chosen keeps only its diagonal. Without blocks this is the maximum-spanning-tree
 * preconditioner of interior-point network flow methods (Resende and Veiga, 1993) used by the
 * single-period interior point.
 */
final class ForestPreconditioner {

    private final int n, m;
    private final int[] tail, head;

    /**
     * The blocks with more than one node: their nodes and their {@code G} (row-major), shared with
     * the system.
     */
    private final int[][] blockNodes;

    private final double[][] blockG;
    private final int[] multi;
    private static final int BUCKET_SHIFT = 20;
    private final int[] sorted;
    private final int[] bucketStart = new int[(1 << (31 - BUCKET_SHIFT)) + 1];
    private final int[] uf, ufSize, stamp;
    private final double[] itemWeight;
    // super-nodes of the last factor: each a chosen block or a single node
    private final int[] superOf, superStart, superNodes, superBlock;
    private int supers;
    private final int[] order, parentSuper, attachChild, attachParent;
    private final double[] parentWeight;
    private final int[] factorStart;
    private double[] factor, hcol;
    private final int[] hStart;
    private final double[] degree;
    private final int[] adjStart, adjItem, chosenArcs;
    private final double[] t, x;
    private final int[] flatNode, flatParent, flatChild;
    private final double[] flatPivot, flatH, flatWeight;

    ForestPreconditioner(int n, int[] tail, int[] head, int[][] nodeBlocks, double[][] blocks) {
        this.n = n;
        this.m = tail.length;
        this.tail = tail;
        this.head = head;
        int count = 0;
        for (int[] nb : nodeBlocks) {
            if (nb.length > 1) {
                count++;
            }
        }
        multi = new int[count];
        blockNodes = nodeBlocks;
        blockG = blocks;
        count = 0;
        for (int b = 0; b < nodeBlocks.length; b++) {
            if (nodeBlocks[b].length > 1) {
                multi[count++] = b;
            }
        }
        sorted = new int[m + multi.length];
        itemWeight = new double[m + multi.length];
        uf = new int[n];
        ufSize = new int[n];
        stamp = new int[n];
        superOf = new int[n];
        superStart = new int[n + 1];
        superNodes = new int[n];
        superBlock = new int[n];
        order = new int[n];
        parentSuper = new int[n];
        attachChild = new int[n];
        attachParent = new int[n];
        parentWeight = new double[n];
        factorStart = new int[n + 1];
        hStart = new int[n + 1];
        degree = new double[n];
        adjStart = new int[n + 1];
        adjItem = new int[2 * n];
        chosenArcs = new int[n];
        t = new double[n];
        x = new double[n];
        flatNode = new int[n];
        flatParent = new int[n];
        flatChild = new int[n];
        flatPivot = new double[n];
        flatH = new double[n];
        flatWeight = new double[n];
    }

    /**
     * Sets the arc weights and the nodes' diagonals ({@code G}'s), chooses the forest and
     * eliminates it.
     */
    void factor(double[] arcWeight, double[] diag) {
        int items = m + multi.length;
        System.arraycopy(arcWeight, 0, itemWeight, 0, m);
        for (int i = 0; i < multi.length; i++) {
            int b = multi[i];
            int k = blockNodes[b].length;
            double[] g = blockG[b];
            double w = 0;
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < r; c++) {
                    w = Math.max(w, Math.abs(g[r * k + c]));
                }
            }
            itemWeight[m + i] = w;
        }
        int buckets = bucketStart.length - 1;
        Arrays.fill(bucketStart, 0);
        for (int a = 0; a < items; a++) {
            bucketStart[buckets - 1 - bucket(itemWeight[a])]++;
        }
        for (int b = 0, sum = 0; b <= buckets; b++) {
            int c = bucketStart[b];
            bucketStart[b] = sum;
            sum += c;
        }
        for (int a = 0; a < items; a++) {
            sorted[bucketStart[buckets - 1 - bucket(itemWeight[a])]++] = a;
        }
        for (int k = 0; k < n; k++) {
            uf[k] = k;
            ufSize[k] = 1;
            superOf[k] = -1;
        }
        Arrays.fill(stamp, -1);
        supers = 0;
        int chosen = 0, joined = 0;
        int[] superSize = superStart; // counts first, offsets after
        Arrays.fill(superSize, 0);
        // the heaviest bucket, often many arcs of one weight (arcs whose weight reached the
        // interior point's cap, on a degenerate optimal face): any spanning forest of them is a
        // maximum one, and a breadth-first forest from the best-connected nodes keeps the paths
        // that close its cycles short (low stretch), which is what the conjugate gradients pay for
        int top = 0;
        if (items > 0) {
            int b0 = bucket(itemWeight[sorted[0]]);
            while (top < items && bucket(itemWeight[sorted[top]]) == b0) {
                top++;
            }
        }
        if (top > 1) {
            chosen = breadthFirstForest(top);
            joined = chosen;
        }
        for (int i = 0; i < items && joined < n - 1; i++) {
            int it = sorted[i];
            if (i < top && it < m && top > 1) {
                continue;
            }
            if (it < m) {
                int ru = find(tail[it]), rv = find(head[it]);
                if (ru != rv) {
                    union(ru, rv);
                    chosenArcs[chosen++] = it;
                    joined++;
                }
                continue;
            }
            int[] nodes = blockNodes[multi[it - m]];
            boolean apart = true;
            for (int k : nodes) {
                int root = find(k);
                if (stamp[root] == it) {
                    apart = false;
                    break;
                }
                stamp[root] = it;
            }
            if (!apart) {
                continue;
            }
            for (int k : nodes) {
                superOf[k] = supers;
            }
            superBlock[supers] = multi[it - m];
            superSize[supers++] = nodes.length;
            for (int j = 1; j < nodes.length; j++) {
                int ra = find(nodes[0]), rb = find(nodes[j]);
                if (ra != rb) {
                    union(ra, rb);
                    joined++;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            if (superOf[k] < 0) {
                superOf[k] = supers;
                superBlock[supers] = -1;
                superSize[supers++] = 1;
            }
        }
        // offsets (superStart doubles as the counts above)
        int acc = 0;
        for (int s = 0; s < supers; s++) {
            int c = superSize[s];
            superStart[s] = acc;
            acc += c;
        }
        superStart[supers] = acc;
        int[] fill = new int[supers];
        for (int k = 0; k < n; k++) {
            int s = superOf[k];
            superNodes[superStart[s] + fill[s]++] = k;
        }
        // a chosen block's nodes in its own order, so that G's rows match
        for (int s = 0; s < supers; s++) {
            if (superBlock[s] >= 0) {
                int[] nodes = blockNodes[superBlock[s]];
                System.arraycopy(nodes, 0, superNodes, superStart[s], nodes.length);
            }
        }
        // the super-node forest: adjacency by chosen arcs, breadth first from each root
        Arrays.fill(degree, 0);
        int[] deg = new int[supers];
        for (int i = 0; i < chosen; i++) {
            int a = chosenArcs[i];
            deg[superOf[tail[a]]]++;
            deg[superOf[head[a]]]++;
            degree[tail[a]] += arcWeight[a];
            degree[head[a]] += arcWeight[a];
        }
        adjStart[0] = 0;
        for (int s = 0; s < supers; s++) {
            adjStart[s + 1] = adjStart[s] + deg[s];
        }
        int[] at = Arrays.copyOf(adjStart, supers);
        for (int i = 0; i < chosen; i++) {
            int a = chosenArcs[i];
            adjItem[at[superOf[tail[a]]]++] = a;
            adjItem[at[superOf[head[a]]]++] = a;
        }
        Arrays.fill(parentSuper, 0, supers, -2);
        int qt = 0;
        for (int root = 0; root < supers; root++) {
            if (parentSuper[root] != -2) {
                continue;
            }
            parentSuper[root] = -1;
            int qh = qt;
            order[qt++] = root;
            while (qh < qt) {
                int u = order[qh++];
                for (int e = adjStart[u]; e < adjStart[u + 1]; e++) {
                    int a = adjItem[e];
                    int su = superOf[tail[a]], sv = superOf[head[a]];
                    int child = su == u ? sv : su;
                    if (parentSuper[child] == -2) {
                        parentSuper[child] = u;
                        attachChild[child] = su == u ? head[a] : tail[a];
                        attachParent[child] = su == u ? tail[a] : head[a];
                        parentWeight[child] = arcWeight[a];
                        order[qt++] = child;
                    }
                }
            }
        }
        // storage: k^2 per super-node for its factor, k for its column A^-1 e_attach
        int fs = 0;
        for (int s = 0; s < supers; s++) {
            int k = superStart[s + 1] - superStart[s];
            factorStart[s] = fs;
            fs += k * k;
        }
        factorStart[supers] = fs;
        if (factor == null || factor.length < fs) {
            factor = new double[fs];
        }
        int hs = 0;
        for (int s = 0; s < supers; s++) {
            hStart[s] = hs;
            hs += superStart[s + 1] - superStart[s];
        }
        hStart[supers] = hs;
        if (hcol == null || hcol.length < hs) {
            hcol = new double[hs];
        }
        // each super-node's matrix: its block (or diagonal) plus the forest's degree terms
        for (int s = 0; s < supers; s++) {
            int k = superStart[s + 1] - superStart[s], f0 = factorStart[s];
            if (superBlock[s] >= 0) {
                System.arraycopy(blockG[superBlock[s]], 0, factor, f0, k * k);
                for (int i = 0; i < k; i++) {
                    factor[f0 + i * k + i] += degree[superNodes[superStart[s] + i]];
                }
            } else {
                int node = superNodes[superStart[s]];
                factor[f0] = diag[node] + degree[node];
            }
        }
        // leaves first: factor, and hand the Schur term to the parent's attach node
        for (int i = supers - 1; i >= 0; i--) {
            int s = order[i];
            int k = superStart[s + 1] - superStart[s], f0 = factorStart[s];
            int p = parentSuper[s];
            if (k == 1) {
                double d = factor[f0];
                if (!(d > 1e-300)) {
                    d = 1e-300;
                }
                factor[f0] = Math.sqrt(d);
                if (p >= 0) {
                    hcol[hStart[s]] = 1 / d;
                    addDiagonal(p, attachParent[s], -parentWeight[s] * parentWeight[s] / d);
                }
                continue;
            }
            double[] a = Arrays.copyOfRange(factor, f0, f0 + k * k);
            DenseBlocks.cholesky(a, k);
            System.arraycopy(a, 0, factor, f0, k * k);
            if (p >= 0) {
                double[] h = new double[k];
                h[local(s, attachChild[s])] = 1;
                DenseBlocks.forward(a, k, h);
                DenseBlocks.backward(a, k, h);
                System.arraycopy(h, 0, hcol, hStart[s], k);
                double w = parentWeight[s];
                addDiagonal(p, attachParent[s], -w * w * h[local(s, attachChild[s])]);
            }
        }
        flatten();
    }

    /**
     * The super-nodes in elimination order, laid out for {@link #apply}: a single node's index,
     * pivot and link to its parent in arrays read in sequence, so that a solve touches the vectors
     * only where the forest's arcs lead. {@code -1} as a node marks a chosen block (the general
     * path), {@code -1} as a parent a root.
     */
    private void flatten() {
        for (int i = 0; i < supers; i++) {
            int s = order[i];
            int s0 = superStart[s], k = superStart[s + 1] - s0;
            if (k == 1) {
                double d = factor[factorStart[s]];
                flatNode[i] = superNodes[s0];
                flatPivot[i] = d * d;
                flatH[i] = parentSuper[s] >= 0 ? hcol[hStart[s]] : 0;
            } else {
                flatNode[i] = -1;
            }
            flatParent[i] = parentSuper[s] >= 0 ? attachParent[s] : -1;
            flatChild[i] = attachChild[s];
            flatWeight[i] = parentWeight[s];
        }
    }

    /**
     * Joins the arcs among the first {@code top} sorted items into breadth-first trees, each grown
     * from its component's node of most such arcs; returns the number of arcs chosen (into {@link
     * #chosenArcs}).
     */
    private int breadthFirstForest(int top) {
        int[] deg = new int[n];
        int arcsInTop = 0;
        for (int i = 0; i < top; i++) {
            int a = sorted[i];
            if (a < m) {
                deg[tail[a]]++;
                deg[head[a]]++;
                arcsInTop++;
            }
        }
        if (arcsInTop == 0) {
            return 0;
        }
        int[] start = new int[n + 1];
        for (int k = 0; k < n; k++) {
            start[k + 1] = start[k] + deg[k];
        }
        int[] adj = new int[start[n]];
        int[] at = Arrays.copyOf(start, n);
        for (int i = 0; i < top; i++) {
            int a = sorted[i];
            if (a < m) {
                adj[at[tail[a]]++] = a;
                adj[at[head[a]]++] = a;
            }
        }
        // roots: nodes by decreasing degree (counting sort)
        int maxDeg = 0;
        for (int k = 0; k < n; k++) {
            maxDeg = Math.max(maxDeg, deg[k]);
        }
        int[] byDeg = new int[maxDeg + 2];
        for (int k = 0; k < n; k++) {
            if (deg[k] > 0) {
                byDeg[maxDeg - deg[k] + 1]++;
            }
        }
        for (int d = 0; d <= maxDeg; d++) {
            byDeg[d + 1] += byDeg[d];
        }
        int[] roots = new int[byDeg[maxDeg + 1]];
        for (int k = 0; k < n; k++) {
            if (deg[k] > 0) {
                roots[byDeg[maxDeg - deg[k]]++] = k;
            }
        }
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        int chosen = 0;
        for (int root : roots) {
            if (seen[root]) {
                continue;
            }
            seen[root] = true;
            int qh = 0, qt = 0;
            queue[qt++] = root;
            while (qh < qt) {
                int u = queue[qh++];
                for (int e = start[u]; e < start[u + 1]; e++) {
                    int a = adj[e];
                    int v = tail[a] == u ? head[a] : tail[a];
                    if (!seen[v]) {
                        seen[v] = true;
                        queue[qt++] = v;
                        union(find(u), find(v));
                        chosenArcs[chosen++] = a;
                    }
                }
            }
        }
        return chosen;
    }

    private int local(int s, int node) {
        for (int i = superStart[s]; i < superStart[s + 1]; i++) {
            if (superNodes[i] == node) {
                return i - superStart[s];
            }
        }
        throw new IllegalStateException("node " + node + " is not in super-node " + s);
    }

    private void addDiagonal(int s, int node, double v) {
        int k = superStart[s + 1] - superStart[s];
        int i = k == 1 ? 0 : local(s, node);
        factor[factorStart[s] + i * k + i] += v;
    }

    private void union(int ru, int rv) {
        if (ufSize[ru] > ufSize[rv]) {
            int tmp = ru;
            ru = rv;
            rv = tmp;
        }
        uf[ru] = rv;
        ufSize[rv] += ufSize[ru];
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

    /** {@code out = P^-1 v}. */
    void apply(double[] v, double[] out) {
        System.arraycopy(v, 0, t, 0, n);
        double[] buf = x, tt = t;
        int[] node = flatNode, parent = flatParent, child = flatChild;
        double[] pivot = flatPivot, weight = flatWeight, hh = flatH;
        // leaves first: t_S = A_S^-1 r_S, then r_parent[v] += w t_S[u]
        for (int i = supers - 1; i >= 0; i--) {
            int k1 = node[i];
            if (k1 >= 0) {
                tt[k1] = tt[k1] / pivot[i];
            } else {
                int s = order[i];
                int s0 = superStart[s], k = superStart[s + 1] - s0;
                for (int j = 0; j < k; j++) {
                    buf[j] = tt[superNodes[s0 + j]];
                }
                solveDense(factorStart[s], k, buf);
                for (int j = 0; j < k; j++) {
                    tt[superNodes[s0 + j]] = buf[j];
                }
            }
            int p = parent[i];
            if (p >= 0) {
                tt[p] += weight[i] * tt[child[i]];
            }
        }
        // roots first: x_S = t_S + w x_parent[v] h_S
        for (int i = 0; i < supers; i++) {
            int k1 = node[i], p = parent[i];
            if (k1 >= 0) {
                out[k1] = p >= 0 ? tt[k1] + weight[i] * out[p] * hh[i] : tt[k1];
                continue;
            }
            int s = order[i];
            int s0 = superStart[s], k = superStart[s + 1] - s0;
            if (p >= 0) {
                double c = weight[i] * out[p];
                int h0 = hStart[s];
                for (int j = 0; j < k; j++) {
                    int nd = superNodes[s0 + j];
                    out[nd] = tt[nd] + c * hcol[h0 + j];
                }
            } else {
                for (int j = 0; j < k; j++) {
                    int nd = superNodes[s0 + j];
                    out[nd] = tt[nd];
                }
            }
        }
    }

    /** {@code y = A^-1 y} with the factor stored at {@code f0}. */
    private void solveDense(int f0, int k, double[] y) {
        double[] l = factor;
        for (int i = 0; i < k; i++) {
            int oi = f0 + i * k;
            double v = y[i];
            for (int j = 0; j < i; j++) {
                v -= l[oi + j] * y[j];
            }
            y[i] = v / l[oi + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double v = y[i] / l[f0 + i * k + i];
            y[i] = v;
            for (int j = 0; j < i; j++) {
                y[j] -= l[f0 + i * k + j] * v;
            }
        }
    }
}
