package org.gridbazaar.solver.structured.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;

/**
 * An exact primal-dual active-set method for markets whose only constraints are bounds, balance and
 * the trading pairs (no side or coupling constraints), with strictly convex peer costs ({@code a_k
 * > 0}). It works on the structure the optimum has: a spanning forest of trading arcs.
 *
 * <p>On each tree of the forest the arcs are tight ({@code y_head = y_tail + w_t}), so the node
 * prices are one free level {@code theta} plus fixed offsets, and each node's injection is its best
 * response {@code x_k = clip((y_k - b_k) / a_k, lo_k, hi_k)}. The level is the root of the tree's
 * balance {@code sum_k x_k(theta + pi_k) = 0}, a monotone piecewise-linear equation solved exactly
 * by safeguarded Newton steps. The arc flows of a balanced tree are then its subtree sums. The
 * method alternates two repairs until neither applies:
 *
 * <ul>
 *   <li>dual: an arc off the forest with {@code y_head - y_tail > w_t} joins it, merging two trees
 *       (or, inside one tree, replacing the tree arc on its cycle that would empty first, as in the
 *       network simplex method);
 *   <li>primal: a tree arc whose flow is negative leaves, splitting its tree.
 * </ul>
 *
 * When neither applies, the forest's flows are feasible and the prices dual feasible with
 * complementary slackness, which is the optimality condition of the problem (to the tolerances
 * {@code 1e-10} of the price and injection scales). There is no proof that the alternation cannot
 * cycle, so it runs under a pivot budget; the caller falls back to the interior-point method when
 * it returns {@code null}.
 *
 * <p>Bookkeeping: each tree keeps its nodes in preorder (so a subtree is a contiguous range), with
 * positions, subtree sizes and parent pointers updated by every merge, split and pivot; each tree's
 * balance is kept as a linear model valid on an interval of levels, so most rebalances are exact
 * without touching the tree.
 *
 * <p>Cost: a pass over all arcs per round (one candidate arc per seller node), plus per pivot the
 * size of the part that moves and, for cycle pivots and repairs, a flow computation over the tree
 * ({@code O(tree size)}). On all-pairs markets it needs 10–35 passes and about 5–12 pivots per
 * node, far less than the interior point's tens of iterations of tens of passes over the arcs; on
 * large sparse markets, where one tree spans thousands of nodes, the per-pivot tree cost makes it
 * slower than the interior point.
 */
public final class SpanningForest {

    /** What {@link #solve} found: an optimal point with its certificate. */
    public static final class Outcome {
        /** Injections (kW), flows (kW), node prices ($/kW). */
        public double[] x, f, y;

        /** Rounds (passes over the arcs) and pivots (arcs joining or leaving the forest). */
        public int passes, pivots;

        /**
         * Largest balance or bound violation (kW), largest arc reduced-cost violation ($/kW),
         * complementarity ($).
         */
        public double primalResidual, dualResidual, gap;

        /** One record per pass. */
        public List<IterationRecord> history;

        /** Whether the run was stopped on request (then the point is not optimal). */
        public boolean stopped;

        /** Whether the run reached its pass limit (then the point is not optimal). */
        public boolean passLimit;
    }

    /** Called once per pass; returns {@code true} to stop. */
    public interface Monitor {
        /**
         * @return whether to stop
         */
        boolean pass(int pass, double primalResidual, double dualResidual);
    }

    private final int n, m;
    private final double[] a, invA, b, lo, hi, w;
    private final int[] tail, head;
    private final int[] outStart, outArc;
    private final double priceTol, flowTol, balanceTol, big;

    // forest: per tree id (ids are node indices reused as trees merge and split)
    private final int[] tree; // tree id of each node
    private final int[][] members; // nodes of each tree, in preorder from its root
    private final int[] size, root;
    // each tree's balance g(theta) = sum of its injections is modelled as linear around its level:
    // g(th) = gval + slope (th - theta) exactly for th in [pieceLo, pieceHi]
    private final double[] theta, gval, slope, pieceLo, pieceHi;
    private final double[] sumLo, sumHi; // sums of the members' bounds (kW)
    private final boolean[] flowDirty, balanced;
    private final int[] freeIds;
    private int freeCount;
    private final double[] pi; // price offsets: y_k = theta[tree[k]] + pi[k]
    private final int[][] adj; // tree arcs at each node
    private final int[][]
            adjInfo; // per tree arc at a node: (other endpoint << 1) | (1 if the node is the arc's
    // tail)
    private final int[] deg;
    private final boolean[] inTree;
    private final int[] parent, parentArc; // rooted tree pointers, kept current by every change
    private final int[] pre, subSize; // position in its tree's preorder, and subtree size
    private final boolean[] up; // whether a node's parent arc runs from the node to its parent
    private final double[]
            upFlow; // flow on a node's parent arc (in the arc's direction), valid while its tree's
    // flows are clean
    private final double[] subtree;
    private final int[] queue, stack, stamp;
    private int stampRound;
    // result of the last evaluation of a node set
    private double evG, evS, evL, evU, evLo, evHi;

    private SpanningForest(MarketProblem p) {
        n = p.nodeCount();
        m = p.arcCount();
        a = p.quadratic();
        b = p.linear();
        lo = p.lower();
        hi = p.upper();
        invA = new double[n];
        for (int k = 0; k < n; k++) {
            // a fixed node's response is its one value whatever the price: 0 * anything, clipped
            invA[k] = lo[k] == hi[k] ? 0 : 1 / a[k];
        }
        w = p.arcCost();
        tail = p.tail();
        head = p.head();
        outStart = new int[n + 1];
        for (int t = 0; t < m; t++) {
            outStart[tail[t] + 1]++;
        }
        for (int k = 0; k < n; k++) {
            outStart[k + 1] += outStart[k];
        }
        outArc = new int[m];
        int[] fill = Arrays.copyOf(outStart, n);
        for (int t = 0; t < m; t++) {
            outArc[fill[tail[t]]++] = t;
        }
        // each node's price range is its own a times its own bound, not a times the market's
        // largest
        // bound: a stiff peer on a tiny range beside a large one would otherwise set a price
        // tolerance far above the prices that matter
        double ps = 1, is = p.injectionScale();
        for (int k = 0; k < n; k++) {
            ps =
                    Math.max(
                            ps,
                            Math.max(
                                    Math.abs(b[k]),
                                    a[k] * Math.max(Math.abs(lo[k]), Math.abs(hi[k]))));
        }
        for (double wt : w) {
            ps = Math.max(ps, Math.abs(wt));
        }
        priceTol = 1e-10 * ps;
        flowTol = 1e-10 * is;
        balanceTol = 1e-12 * is;
        big = 1e6 * ps;
        tree = new int[n];
        members = new int[n][];
        size = new int[n];
        root = new int[n];
        theta = new double[n];
        gval = new double[n];
        slope = new double[n];
        pieceLo = new double[n];
        pieceHi = new double[n];
        sumLo = new double[n];
        sumHi = new double[n];
        flowDirty = new boolean[n];
        balanced = new boolean[n];
        freeIds = new int[n];
        pi = new double[n];
        adj = new int[n][];
        adjInfo = new int[n][];
        up = new boolean[n];
        upFlow = new double[n];
        deg = new int[n];
        inTree = new boolean[m];
        parent = new int[n];
        parentArc = new int[n];
        pre = new int[n];
        subSize = new int[n];
        subtree = new double[n];
        queue = new int[n];
        stack = new int[n];
        stamp = new int[n];
    }

    /**
     * Whether the method applies: no side or coupling constraints, and every node either strictly
     * convex ({@code a_k > 0}) or fixed ({@code lo_k = hi_k}, any cost), so that its best response
     * to a price is unique.
     */
    public static boolean applies(MarketProblem p) {
        if (p.sideConstraintCount() > 0 || p.couplingConstraintCount() > 0 || p.nodeCount() == 0) {
            return false;
        }
        double[] a = p.quadratic(), lo = p.lower(), hi = p.upper();
        for (int k = 0; k < a.length; k++) {
            if (Double.isInfinite(a[k]) || !(a[k] > 0 || lo[k] == hi[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Solves a problem for which {@link #applies} holds and whose feasibility is known.
     *
     * @param maxPasses pass limit: past it the current, non-optimal point is returned with {@link
     *     Outcome#passLimit} set
     * @param maxPivots pivot budget
     * @param deadline {@link System#nanoTime()} deadline, or infinity
     * @param monitor progress, or {@code null}
     * @return the optimum, or {@code null} when the budget or deadline ran out or the forest could
     *     not be balanced (the caller then uses another method)
     */
    public static Outcome solve(
            MarketProblem p, int maxPasses, long maxPivots, double deadline, Monitor monitor) {
        return new SpanningForest(p).run(maxPasses, maxPivots, deadline, monitor);
    }

    /**
     * Checks the forest's bookkeeping (preorders, positions, subtree sizes, parent pointers); run
     * through {@code assert}, so with assertions enabled (as in the tests) after every pivot.
     *
     * @return true, or throws naming what is inconsistent
     */
    private boolean validate(String where) {
        for (int id = 0; id < n; id++) {
            if (members[id] == null) {
                continue;
            }
            int[] mem = members[id];
            int sz = size[id];
            if (mem[0] != root[id] || parent[root[id]] != -1) {
                throw new IllegalStateException(
                        where + ": tree " + id + " root " + root[id] + " first " + mem[0]);
            }
            for (int i = 0; i < sz; i++) {
                int k = mem[i];
                if (pre[k] != i || tree[k] != id) {
                    throw new IllegalStateException(
                            where + ": tree " + id + " node " + k + " at " + i + " pre " + pre[k]);
                }
                if (i > 0) {
                    int pk = parent[k];
                    if (pk < 0 || pre[pk] >= i || i >= pre[pk] + subSize[pk]) {
                        throw new IllegalStateException(
                                where + ": node " + k + " not inside its parent's range");
                    }
                }
                int count = 1;
                for (int j = 0; j < deg[k]; j++) {
                    int o = adjInfo[k][j] >>> 1;
                    if (o != parent[k]) {
                        if (parent[o] != k) {
                            throw new IllegalStateException(
                                    where
                                            + ": neighbour "
                                            + o
                                            + " of "
                                            + k
                                            + " has parent "
                                            + parent[o]);
                        }
                        count += subSize[o];
                    }
                }
                if (count != subSize[k]) {
                    throw new IllegalStateException(
                            where
                                    + ": subtree size of "
                                    + k
                                    + " is "
                                    + subSize[k]
                                    + ", children give "
                                    + count);
                }
            }
        }
        return true;
    }

    private double price(int k) {
        return theta[tree[k]] + pi[k];
    }

    private double injection(int k, double level) {
        return Math.min(hi[k], Math.max(lo[k], (level + pi[k] - b[k]) * invA[k]));
    }

    private Outcome run(int maxPasses, long maxPivots, double deadline, Monitor monitor) {
        for (int k = 0; k < n; k++) {
            tree[k] = k;
            members[k] = new int[] {k};
            size[k] = 1;
            root[k] = k;
            adj[k] = new int[2];
            adjInfo[k] = new int[2];
            parent[k] = -1;
            parentArc[k] = -1;
            pre[k] = 0;
            subSize[k] = 1;
            theta[k] = b[k];
            sumLo[k] = lo[k];
            sumHi[k] = hi[k];
            balanceFully(k);
        }
        List<IterationRecord> history = new ArrayList<>();
        long pivots = 0;
        int pass = 0;
        boolean stopped = false;
        while (true) {
            pass++;
            int joined = 0;
            double violation = 0;
            for (int u = 0; u < n; u++) {
                int best = -1;
                double bestViolation = priceTol, yu = price(u);
                for (int i = outStart[u], end = outStart[u + 1]; i < end; i++) {
                    int t = outArc[i];
                    int h = head[t];
                    double v = theta[tree[h]] + pi[h] - yu - w[t];
                    if (v > bestViolation && !inTree[t]) {
                        bestViolation = v;
                        best = t;
                    }
                }
                if (best >= 0) {
                    violation = Math.max(violation, bestViolation);
                    if (!join(best)) {
                        return null;
                    }
                    assert validate("join of arc " + best);
                    joined++;
                }
            }
            int left = repairFlows();
            pivots += joined + left;
            double primal = 0;
            for (int id = 0; id < n; id++) {
                if (members[id] != null) {
                    primal = Math.max(primal, Math.abs(gval[id]));
                }
            }
            if (monitor != null && monitor.pass(pass, primal, violation)) {
                stopped = true;
            }
            history.add(new IterationRecord(pass, primal, violation, Double.NaN));
            if (joined == 0 && left == 0) {
                break;
            }
            if (stopped || pass >= maxPasses) {
                Outcome o = finish(pass, (int) Math.min(Integer.MAX_VALUE, pivots), history, true);
                o.stopped = stopped;
                o.passLimit = !stopped;
                return o;
            }
            if (pivots > maxPivots || System.nanoTime() > deadline) {
                return null;
            }
        }
        for (int id = 0; id < n; id++) {
            if (members[id] != null && !balanced[id]) {
                return null;
            }
        }
        return finish(pass, (int) Math.min(Integer.MAX_VALUE, pivots), history, false);
    }

    // ---------------------------------------------------------------- dual repair: arcs joining

    /** Arc {@code t} (violated, off the forest) joins the forest. */
    private boolean join(int t) {
        int u = tail[t], v = head[t];
        int tu = tree[u], tv = tree[v];
        if (tu != tv) {
            int keep, gone;
            double shift;
            if (size[tv] <= size[tu]) {
                keep = tu;
                gone = tv;
                shift = pi[u] + w[t] - pi[v];
            } else {
                keep = tv;
                gone = tu;
                shift = pi[v] - w[t] - pi[u];
            }
            boolean modelled = balanced[keep] && balanced[gone];
            // the gone tree's linear model in the kept tree's levels: its offsets move by shift
            double gLevel = theta[gone] - shift;
            double lo1 = Math.max(pieceLo[keep], pieceLo[gone] - shift);
            double hi1 = Math.min(pieceHi[keep], pieceHi[gone] - shift);
            double g0 = gval[keep] + gval[gone] + slope[gone] * (theta[keep] - gLevel);
            double s0 = slope[keep] + slope[gone];
            int[] g = members[gone];
            int gs = size[gone];
            for (int i = 0; i < gs; i++) {
                int k = g[i];
                pi[k] += shift;
                tree[k] = keep;
            }
            int goneEnd = keep == tu ? v : u, keepEnd = keep == tu ? u : v;
            reroot(goneEnd);
            parent[goneEnd] = keepEnd;
            parentArc[goneEnd] = t;
            up[goneEnd] = tail[t] == goneEnd;
            int ks = size[keep];
            // the gone tree, in preorder from its end of t, becomes the first subtree of the kept
            // end
            linearize(goneEnd, queue);
            insertAfter(keep, pre[keepEnd], queue, gs, ks);
            addToPath(keepEnd, gs);
            size[keep] = ks + gs;
            sumLo[keep] += sumLo[gone];
            sumHi[keep] += sumHi[gone];
            members[gone] = null;
            size[gone] = 0;
            freeIds[freeCount++] = gone;
            addTreeArc(t);
            flowDirty[keep] = true;
            if (modelled && theta[keep] >= lo1 && theta[keep] <= hi1) {
                gval[keep] = g0;
                slope[keep] = s0;
                pieceLo[keep] = lo1;
                pieceHi[keep] = hi1;
                balance(keep);
            } else {
                if (!balanced[keep]) {
                    theta[keep] = balanced[gone] ? gLevel : 0;
                }
                balanceFully(keep);
            }
            return true;
        }
        // same tree: the arc closes a cycle with its tree path; the tree arc against the cycle's
        // direction with the least flow leaves (the network simplex ratio test, on the tree's flows
        // at its current level)
        int id = tu;
        int meet = meetingPoint(u, v);
        int leaving = -1, cut = -1;
        boolean cutOnV = false;
        double least = Double.POSITIVE_INFINITY;
        // cycle: t from u to v, then the tree path from v up to the meeting point and down to u.
        // The
        // flow on a path arc is its lower end's subtree sum, a preorder range; the ranges along a
        // path are nested, so each walk sums only the largest once
        int[] mem = members[id];
        double th = theta[id];
        for (int side = 0; side < 2; side++) {
            boolean onV = side == 0;
            int k = onV ? v : u;
            int lo0 = pre[k], hi0 = lo0;
            double sum = 0;
            for (; k != meet; k = parent[k]) {
                int l = pre[k], h = l + subSize[k];
                for (int i = l; i < lo0; i++) {
                    sum += injection(mem[i], th);
                }
                for (int i = hi0; i < h; i++) {
                    sum += injection(mem[i], th);
                }
                lo0 = l;
                hi0 = h;
                // flow on k's parent arc, in the arc's direction; against the cycle when the arc
                // runs parent->k on v's side, k->parent on u's side
                double flowK = up[k] ? sum : -sum;
                if (up[k] != onV && flowK < least) {
                    least = flowK;
                    leaving = parentArc[k];
                    cut = k;
                    cutOnV = onV;
                }
            }
        }
        if (leaving < 0) {
            return false; // a cycle of negative cost with no arc against it: unbounded, not ours
        }
        // the subtree below the leaving arc (contiguous in the preorder) hangs on t from now on
        int from = pre[cut], to = from + subSize[cut], sz = size[id];
        removeTreeArc(leaving);
        int moving = cutOnV ? v : u, staying = cutOnV ? u : v;
        int cutSize = to - from;
        addToPath(parent[cut], -cutSize);
        parent[cut] = -1;
        parentArc[cut] = -1;
        reroot(moving);
        parent[moving] = staying;
        parentArc[moving] = t;
        up[moving] = tail[t] == moving;
        // the offsets of one side move so that t is tight: the moved subtree's, or (when it is the
        // larger side) the rest's the other way
        double delta = moving == v ? pi[u] + w[t] - pi[v] : pi[v] - w[t] - pi[u];
        boolean subtreeMoves = 2 * (to - from) <= sz;
        evaluateSide(mem, from, to, sz, subtreeMoves, th);
        double gRest = gval[id] - evG, sRest = Math.max(0, slope[id] - evS);
        if (subtreeMoves) {
            for (int i = from; i < to; i++) {
                pi[mem[i]] += delta;
            }
        } else {
            for (int i = 0; i < from; i++) {
                pi[mem[i]] -= delta;
            }
            for (int i = to; i < sz; i++) {
                pi[mem[i]] -= delta;
            }
        }
        evaluateSide(mem, from, to, sz, subtreeMoves, th);
        // the preorder: the cut subtree leaves its range and comes back, in preorder from its end
        // of
        // t, as the first subtree of the other end
        linearize(moving, queue);
        System.arraycopy(mem, to, mem, from, sz - to);
        int at = pre[staying] >= to ? pre[staying] - cutSize : pre[staying];
        insertAfter(id, at, queue, cutSize, sz - cutSize);
        for (int i = from; i <= at; i++) {
            pre[mem[i]] = i;
        }
        addToPath(staying, cutSize);
        gval[id] = gRest + evG;
        slope[id] = sRest + evS;
        pieceLo[id] = Math.max(pieceLo[id], evL);
        pieceHi[id] = Math.min(pieceHi[id], evU);
        addTreeArc(t);
        flowDirty[id] = true;
        balance(id);
        return true;
    }

    /** The nearest common ancestor of two nodes of one tree, climbing from both in step. */
    private int meetingPoint(int u, int v) {
        int su = ++stampRound, sv = ++stampRound;
        stamp[u] = su;
        stamp[v] = sv;
        int p = u, q = v;
        while (true) {
            if (parent[p] >= 0) {
                p = parent[p];
                if (stamp[p] == sv) {
                    return p;
                }
                stamp[p] = su;
            }
            if (parent[q] >= 0) {
                q = parent[q];
                if (stamp[q] == su) {
                    return q;
                }
                stamp[q] = sv;
            } else if (parent[p] < 0) {
                if (p == q) {
                    return p;
                }
                throw new IllegalStateException(
                        "nodes " + u + " and " + v + " are in different trees");
            }
        }
    }

    /**
     * Writes into {@code out} the preorder of the subtree of {@code start} (its children being its
     * tree neighbours other than its parent) and sets their subtree sizes; returns their number.
     */
    private int linearize(int start, int[] out) {
        int top = 0, pos = 0;
        stack[top++] = start;
        while (top > 0) {
            int k = stack[--top];
            out[pos++] = k;
            subSize[k] = 1;
            int pk = parent[k];
            int[] info = adjInfo[k];
            for (int i = 0; i < deg[k]; i++) {
                int o = info[i] >>> 1;
                if (o != pk) {
                    stack[top++] = o;
                }
            }
        }
        for (int i = pos - 1; i >= 1; i--) {
            subSize[parent[out[i]]] += subSize[out[i]];
        }
        return pos;
    }

    /**
     * Inserts {@code count} nodes of {@code nodes} after position {@code at} of tree {@code id}'s
     * preorder of {@code length} nodes.
     */
    private void insertAfter(int id, int at, int[] nodes, int count, int length) {
        ensureCapacity(id, length + count);
        int[] mem = members[id];
        System.arraycopy(mem, at + 1, mem, at + 1 + count, length - at - 1);
        System.arraycopy(nodes, 0, mem, at + 1, count);
        for (int i = at + 1; i < length + count; i++) {
            pre[mem[i]] = i;
        }
    }

    /** Adds {@code delta} to the subtree sizes of {@code k} and its ancestors. */
    private void addToPath(int k, int delta) {
        for (int a = k; a >= 0; a = parent[a]) {
            subSize[a] += delta;
        }
    }

    /**
     * Makes {@code k} the root of its tree's parent pointers (reverses the path to the old root).
     */
    private void reroot(int k) {
        int prev = -1, prevArc = -1;
        boolean prevUp = false;
        while (k >= 0) {
            int next = parent[k], nextArc = parentArc[k];
            boolean nextUp = !up[k];
            parent[k] = prev;
            parentArc[k] = prevArc;
            up[k] = prevUp;
            prev = k;
            prevArc = nextArc;
            prevUp = nextUp;
            k = next;
        }
    }

    private void ensureCapacity(int id, int need) {
        if (members[id].length < need) {
            members[id] = Arrays.copyOf(members[id], Math.max(need, 2 * members[id].length));
        }
    }

    private void addTreeArc(int t) {
        inTree[t] = true;
        addAdj(tail[t], t, (head[t] << 1) | 1);
        addAdj(head[t], t, tail[t] << 1);
    }

    private void addAdj(int k, int t, int info) {
        if (deg[k] == adj[k].length) {
            adj[k] = Arrays.copyOf(adj[k], 2 * adj[k].length);
            adjInfo[k] = Arrays.copyOf(adjInfo[k], 2 * adjInfo[k].length);
        }
        adjInfo[k][deg[k]] = info;
        adj[k][deg[k]++] = t;
    }

    private void removeTreeArc(int t) {
        inTree[t] = false;
        removeAdj(tail[t], t);
        removeAdj(head[t], t);
    }

    private void removeAdj(int k, int t) {
        int[] list = adj[k];
        for (int i = 0; i < deg[k]; i++) {
            if (list[i] == t) {
                int last = --deg[k];
                list[i] = list[last];
                adjInfo[k][i] = adjInfo[k][last];
                return;
            }
        }
        throw new IllegalStateException("arc " + t + " not at node " + k);
    }

    // ---------------------------------------------------------------- primal repair: arcs leaving

    /**
     * Splits trees at negative flows until every tree's flows are non-negative; returns the number
     * of splits.
     */
    private int repairFlows() {
        int splits = 0;
        int[] work = new int[n];
        boolean[] queued = new boolean[n];
        int top = 0;
        for (int id = 0; id < n; id++) {
            if (members[id] != null && flowDirty[id]) {
                work[top++] = id;
                queued[id] = true;
            }
        }
        while (top > 0) {
            int id = work[--top];
            queued[id] = false;
            if (members[id] == null || !balanced[id]) {
                continue;
            }
            ensureFlows(id);
            int worst = -1, child = -1;
            double most = -flowTol;
            int[] mem = members[id];
            for (int i = 1; i < size[id]; i++) {
                if (upFlow[mem[i]] < most) {
                    most = upFlow[mem[i]];
                    worst = parentArc[mem[i]];
                    child = mem[i];
                }
            }
            if (worst < 0) {
                continue;
            }
            int other = split(id, worst, child);
            assert validate("split at arc " + worst);
            splits++;
            if (!queued[id]) {
                queued[id] = true;
                work[top++] = id;
            }
            queued[other] = true;
            work[top++] = other;
        }
        return splits;
    }

    /**
     * Removes tree arc {@code t} of tree {@code id} ({@code child} is its endpoint away from the
     * root); the nodes of its smaller side form a new tree, whose id is returned.
     */
    private int split(int id, int t, int child) {
        removeTreeArc(t);
        int[] mem = members[id];
        int from = pre[child], to = from + subSize[child], sz = size[id];
        addToPath(parent[child], from - to);
        parent[child] = -1;
        parentArc[child] = -1;
        int fresh = freeIds[--freeCount];
        boolean subtreeLeaves = 2 * (to - from) <= sz;
        double th = theta[id];
        evaluateSide(mem, from, to, sz, subtreeLeaves, th);
        int count = subtreeLeaves ? to - from : sz - (to - from);
        int[] fm = new int[Math.max(2, count)];
        if (subtreeLeaves) {
            System.arraycopy(mem, from, fm, 0, count);
            System.arraycopy(mem, to, mem, from, sz - to);
            size[id] = sz - count;
            root[fresh] = child;
        } else {
            System.arraycopy(mem, 0, fm, 0, from);
            System.arraycopy(mem, to, fm, from, sz - to);
            System.arraycopy(mem, from, mem, 0, to - from);
            size[id] = to - from;
            root[fresh] = root[id];
            root[id] = child;
        }
        // both parts stay in preorder: the subtree's range is one, the rest without it the other
        for (int i = 0; i < count; i++) {
            tree[fm[i]] = fresh;
            pre[fm[i]] = i;
        }
        for (int i = subtreeLeaves ? from : 0; i < size[id]; i++) {
            pre[mem[i]] = i;
        }
        members[fresh] = fm;
        size[fresh] = count;
        theta[fresh] = th;
        gval[fresh] = evG;
        slope[fresh] = evS;
        pieceLo[fresh] = evL;
        pieceHi[fresh] = evU;
        balanced[fresh] = true;
        gval[id] -= evG;
        slope[id] = Math.max(0, slope[id] - evS);
        sumLo[fresh] = evLo;
        sumHi[fresh] = evHi;
        sumLo[id] -= evLo;
        sumHi[id] -= evHi;
        flowDirty[id] = flowDirty[fresh] = true;
        balance(id);
        balance(fresh);
        return fresh;
    }

    // ---------------------------------------------------------------- tree structure and flows

    /** Flows on the tree arcs of tree {@code id}: subtree sums of injections, leaves first. */
    private void ensureFlows(int id) {
        if (!flowDirty[id]) {
            return;
        }
        int[] mem = members[id];
        double th = theta[id];
        for (int i = 0; i < size[id]; i++) {
            subtree[mem[i]] = injection(mem[i], th);
        }
        for (int i = size[id] - 1; i >= 1; i--) {
            int k = mem[i];
            upFlow[k] = up[k] ? subtree[k] : -subtree[k];
            subtree[parent[k]] += subtree[k];
        }
        flowDirty[id] = false;
    }

    // ---------------------------------------------------------------- balance of one tree

    /**
     * The sum of injections of {@code count} nodes at level {@code th} ({@code evG}), its slope
     * ({@code evS}) and the interval of levels around {@code th} on which it is linear ({@code
     * evL}, {@code evU}).
     */
    private void evaluate(int[] nodes, int count, double th) {
        evG = 0;
        evS = 0;
        evLo = 0;
        evHi = 0;
        evL = Double.NEGATIVE_INFINITY;
        evU = Double.POSITIVE_INFINITY;
        accumulate(nodes, 0, count, th);
    }

    /**
     * {@link #evaluate} of the subtree range {@code [from, to)} of a preorder, or of the rest of
     * {@code [0, size)}.
     */
    private void evaluateSide(int[] nodes, int from, int to, int size, boolean subtree, double th) {
        if (subtree) {
            evG = 0;
            evS = 0;
            evLo = 0;
            evHi = 0;
            evL = Double.NEGATIVE_INFINITY;
            evU = Double.POSITIVE_INFINITY;
            accumulate(nodes, from, to, th);
        } else {
            evaluate(nodes, from, th);
            accumulate(nodes, to, size, th);
        }
    }

    /** Adds nodes {@code [from, to)} to the evaluation in {@code evG, evS, evL, evU}. */
    private void accumulate(int[] nodes, int from, int to, double th) {
        double g = evG, s = evS, lower = evL, upper = evU, sl = evLo, sh = evHi;
        for (int i = from; i < to; i++) {
            int k = nodes[i];
            double c = b[k] - pi[k], l = lo[k], h = hi[k];
            sl += l;
            sh += h;
            double xk = (th - c) * invA[k];
            if (xk <= l) {
                g += l;
                double up = c + a[k] * l;
                if (l < h && up < upper) {
                    upper = up;
                }
            } else if (xk >= h) {
                g += h;
                double down = c + a[k] * h;
                if (l < h && down > lower) {
                    lower = down;
                }
            } else {
                g += xk;
                s += invA[k];
                double down = c + a[k] * l, up = c + a[k] * h;
                if (down > lower) {
                    lower = down;
                }
                if (up < upper) {
                    upper = up;
                }
            }
        }
        evG = g;
        evS = s;
        evL = lower;
        evU = upper;
        evLo = sl;
        evHi = sh;
    }

    /**
     * Balances tree {@code id} from its linear model when the model's root lies on the model's
     * piece (exact, no pass over the tree), else by {@link #balanceFully}.
     */
    private void balance(int id) {
        if (!balanced[id]) {
            balanceFully(id);
            return;
        }
        double th = theta[id], g = gval[id], s = slope[id];
        if (Math.abs(g) <= balanceTol) {
            if (s == 0) {
                theta[id] = flatLevel(th, pieceLo[id], pieceHi[id]);
            }
            flowDirty[id] = true;
            return;
        }
        if (s > 0) {
            double next = th - g / s;
            if (next >= pieceLo[id] && next <= pieceHi[id]) {
                theta[id] = next;
                gval[id] = 0;
                flowDirty[id] = true;
                return;
            }
            // past the model's piece: start the full solve where the model points
            theta[id] = next;
        }
        balanceFully(id);
    }

    /** Where the balance is zero on a whole interval of levels: its middle, or its finite end. */
    private static double flatLevel(double th, double lower, double upper) {
        if (lower > Double.NEGATIVE_INFINITY && upper < Double.POSITIVE_INFINITY) {
            return 0.5 * (lower + upper);
        } else if (lower > Double.NEGATIVE_INFINITY) {
            return lower;
        } else if (upper < Double.POSITIVE_INFINITY) {
            return upper;
        }
        return th;
    }

    /**
     * Sets the level {@code theta} of tree {@code id} so that its injections balance, by
     * safeguarded Newton steps on the piecewise-linear balance over all its nodes, and records the
     * linear model there. Where the balance holds on an interval (every node at a bound), takes its
     * middle, or its finite end; a tree that cannot balance at any level gets a level far outside
     * every price, so that it joins a partner first.
     */
    private void balanceFully(int id) {
        int[] mem = members[id];
        int sz = size[id];
        double sl = sumLo[id], sh = sumHi[id];
        flowDirty[id] = true;
        if (sl > balanceTol || sh < -balanceTol) {
            theta[id] = sl > balanceTol ? -big : big;
            gval[id] = sl > balanceTol ? sl : sh;
            slope[id] = 0;
            pieceLo[id] = Double.NEGATIVE_INFINITY;
            pieceHi[id] = Double.POSITIVE_INFINITY;
            balanced[id] = false;
            return;
        }
        balanced[id] = true;
        double th = theta[id];
        if (!(Math.abs(th) < big)) {
            th = 0;
        }
        double below = Double.NEGATIVE_INFINITY,
                above = Double.POSITIVE_INFINITY; // g(below) < 0 < g(above)
        for (int iter = 0; iter < 200; iter++) {
            evaluate(mem, sz, th);
            double g = evG, s = evS;
            theta[id] = th;
            gval[id] = g;
            slope[id] = s;
            pieceLo[id] = evL;
            pieceHi[id] = evU;
            if (Math.abs(g) <= balanceTol) {
                if (s == 0) {
                    theta[id] = flatLevel(th, evL, evU);
                }
                return;
            }
            if (g < 0) {
                below = th;
            } else {
                above = th;
            }
            double next;
            if (s > 0) {
                next = th - g / s;
                if (next >= evL && next <= evU) {
                    theta[id] = next;
                    gval[id] = 0;
                    return;
                }
            } else {
                // every node at a bound: step onto the next piece in the right direction
                next = g < 0 ? evU : evL;
                if (Double.isInfinite(next)) {
                    return; // cannot happen when the sums of bounds straddle zero
                }
                next += (g < 0 ? 1e-15 : -1e-15) * Math.max(1, Math.abs(next));
            }
            if (Double.isFinite(below)
                    && Double.isFinite(above)
                    && !(next > below && next < above)) {
                next = 0.5 * (below + above);
            }
            if (next == th) {
                return;
            }
            th = next;
        }
    }

    // ---------------------------------------------------------------- result and certificate

    private Outcome finish(int pass, int pivots, List<IterationRecord> history, boolean early) {
        double[] y = new double[n];
        for (int id = 0; id < n; id++) {
            if (members[id] != null) {
                if (!early) {
                    // the exact balance at the level the last pass checked; a level that balances
                    // stays (on a flat balance, moving it would break dual feasibility)
                    evaluate(members[id], size[id], theta[id]);
                    if (Math.abs(evG) > balanceTol) {
                        balanceFully(id);
                    }
                }
                ensureFlows(id);
            }
        }
        for (int k = 0; k < n; k++) {
            y[k] = price(k);
        }
        double[] f = new double[m];
        for (int k = 0; k < n; k++) {
            if (parent[k] >= 0) {
                f[parentArc[k]] = Math.max(0, upFlow[k]);
            }
        }
        // report the injections the flows realise: balance then holds exactly, and the primal
        // residual is their distance to the best responses and the bounds
        double[] xr = new double[n];
        for (int t = 0; t < m; t++) {
            xr[tail[t]] += f[t];
            xr[head[t]] -= f[t];
        }
        double primal = 0, dual = 0, gap = 0;
        for (int k = 0; k < n; k++) {
            primal = Math.max(primal, Math.abs(xr[k] - injection(k, theta[tree[k]])));
            primal = Math.max(primal, Math.max(lo[k] - xr[k], xr[k] - hi[k]));
        }
        for (int t = 0; t < m; t++) {
            double reduced = w[t] - (y[head[t]] - y[tail[t]]);
            dual = Math.max(dual, -reduced);
            gap += f[t] * Math.abs(reduced);
        }
        Outcome o = new Outcome();
        o.x = xr;
        o.f = f;
        o.y = y;
        o.passes = pass;
        o.pivots = pivots;
        o.primalResidual = primal;
        o.dualResidual = Math.max(0, dual);
        o.gap = gap;
        o.history = history;
        return o;
    }
}
