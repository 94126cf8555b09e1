package org.gridbazaar.solver.structured.internal;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;

/**
 * Mehrotra predictor-corrector interior-point method for the canonical market problem (see {@code
 * org.gridbazaar.formulation}). The Newton system is reduced to the node prices: arc flows are
 * eliminated through their diagonal barrier terms and each peer's injections through its small
 * block (bounds, quadratic cost, side constraints), leaving {@code (H^-1 + N S^-1 N') dy = r}, a
 * weighted graph Laplacian plus a block-diagonal term, of the size of the number of nodes, not of
 * trades. It is solved either densely (Cholesky, {@code 8 n^2} bytes and {@code n^3/3} flops per
 * iteration) or without forming it, by conjugate gradients with a spanning-tree preconditioner
 * ({@link TreePcg}: memory and time per product linear in nodes plus trades); see {@link
 * LinearAlgebra}.
 */
public final class InteriorPoint {

    /** How the reduced Newton system is solved. */
    public enum LinearAlgebra {
        /**
         * Dense Cholesky of the reduced matrix; the reference, and the only one with coupling
         * constraints.
         */
        DENSE,
        /**
         * Conjugate gradients with a maximum-spanning-tree preconditioner; the matrix is never
         * formed.
         */
        TREE_PCG
    }

    /**
     * Largest number of nodes (plus coupling rows) for which the dense path is ever chosen ({@code
     * 8 n^2} bytes).
     */
    public static final int DENSE_NODE_LIMIT = 6000;

    /**
     * Estimated conjugate-gradient work per interior-point iteration, in flops per node and arc:
     * some hundreds of products of a few flops per arc (measured on markets of 1,000 to 2,000
     * peers, all pairs and 20 partners). The dense path is chosen when {@code n^3/3} is below this
     * times {@code n + m}.
     */
    static final double PCG_FLOPS_PER_ENTRY = 300;

    /**
     * The run stops only when every node's set-point is decided within this many times the
     * tolerance on its own scales ({@link #worstUndecided}): 1e-7 at the default tolerance, ten
     * times inside the contract's 1e-6 on set-points.
     */
    static final double DECIDED = 100;

    /**
     * An iterate that passes every other test and decides every node within this many times the
     * tolerance (the solver's certificate) is kept: when the next iterations break down or lose the
     * other tests at rounding level, it is the run's result.
     */
    static final double CERTIFIED = 1e3;

    /**
     * A run breaks down when a residual grows to this many times its first (or its scale, if
     * larger).
     */
    static final double DIVERGENCE = 1e6;

    /** Relative residual at which conjugate gradients stop. */
    static final double PCG_TOLERANCE = 1e-10;

    /**
     * Relative residual of the first iterations' conjugate gradients (tightened as {@code mu}
     * falls).
     */
    static final double PCG_LOOSEST = 1e-2;

    /**
     * How fast the conjugate gradients' tolerance follows {@code mu}: {@code PCG_LOOSEST} times
     * {@code (mu / mu_0)} to this power, down to {@link #PCG_TOLERANCE}. Measured with pruning on
     * (CG iterations, power 1 against 0.75, same interior-point iterations unless said): 10,000
     * peers x 20 partners 1,114 against 876; 4,000 x 50: 1,550 against 1,103; 20,000 x 20: 1,668
     * against 1,355; 2,000 x 4: 159 against 141; 2,000 x 20: 759 against 806 (one more iteration).
     * 0.5 cost an iteration at 10,000 x 20.
     */
    static final double PCG_TIGHTENING = 0.75;

    /** Conjugate-gradient iterations allowed per solve. */
    static final int PCG_MAX_ITERATIONS = 1000;

    /**
     * Arc pruning starts when the primal and dual residuals are below this fraction of their
     * scales.
     */
    static final double PRUNE_RESIDUAL = 1e-2;

    /** ... and complementarity per pair is below this fraction of the product of the scales. */
    static final double PRUNE_MU = 1e-4;

    /** An arc is set aside when its multiplier is at least this fraction of the price scale ... */
    static final double PRUNE_REDUCED_COST = 1e-3;

    /**
     * A run that set arcs aside is repeated without pruning when one of them ends with a reduced
     * cost below this fraction of {@link #PRUNE_REDUCED_COST} times the price scale.
     */
    static final double PRUNE_KEEP = 0.1;

    /**
     * ... and its scaled multiplier is at least this many times its scaled flow (the default of
     * {@link #withArcPruning}).
     */
    public static final double PRUNE_RATIO = 1e4;

    /**
     * The linear algebra for a problem: dense with coupling constraints (their border is dense),
     * otherwise whichever is estimated cheaper per iteration: the dense factorisation ({@code
     * n^3/3} flops) or the conjugate gradients ({@link #PCG_FLOPS_PER_ENTRY} times {@code n + m}),
     * never dense above {@link #DENSE_NODE_LIMIT} nodes.
     */
    public static LinearAlgebra choose(MarketProblem p) {
        if (p.couplingConstraintCount() > 0) {
            return LinearAlgebra.DENSE;
        }
        double n = p.nodeCount();
        boolean denseCheaper = n * n * n / 3 <= PCG_FLOPS_PER_ENTRY * (n + p.arcCount());
        return denseCheaper && n <= DENSE_NODE_LIMIT ? LinearAlgebra.DENSE : LinearAlgebra.TREE_PCG;
    }

    /** The outcome of a run. */
    public static final class Outcome {
        public boolean converged;
        public boolean stopped;
        public boolean numericalFailure;

        /**
         * Whether the run stopped on its deadline (rather than its iteration limit or a request).
         */
        public boolean timeLimit;

        /**
         * What broke the run down, when it did ({@link #numericalFailure}, or {@link #recovered}):
         * a singular system, a vanishing step, or residuals growing without bound; {@code null}
         * otherwise.
         */
        public String breakdown;

        public int iterations;
        public double[] x, f, y, zf;

        /** Multipliers of the coupling constraints, in the problem's order ($/kW, >= 0). */
        public double[] couplingDuals;

        public double primalResidual, dualResidual, gap;

        /** The linear algebra used. */
        public LinearAlgebra algebra;

        /** Conjugate-gradient iterations over the run (0 on the dense path). */
        public long linearIterations;

        /**
         * Refinement passes run and skipped as negligible over the run (iterative path only; 0 on
         * the dense path).
         */
        public int refinementPasses, refinementPassesSkipped;

        /**
         * Arcs set aside as empty during the run (their flow is 0, their multiplier the reduced
         * cost).
         */
        public int arcsPruned;

        /**
         * Whether a first run set aside an arc whose final reduced cost came out negative, so that
         * this outcome is a second run without pruning.
         */
        public boolean pruningRejected;

        /**
         * Whether the iterations after an acceptable point (residuals within 1e-6 of their scales,
         * complementarity per pair within 100 times the tolerance) broke down numerically, so that
         * this outcome is that earlier point ({@link #converged} is then true).
         */
        public boolean recovered;

        public final List<IterationRecord> history = new ArrayList<>();
    }

    /** Callback per iteration; returns true to stop. */
    public interface Monitor {
        boolean iteration(int k, double primal, double dual, double mu);
    }

    private final int n, r;
    private final double[] a, b, lo, hi, h;

    /**
     * The arcs still in the run: all of them at first, fewer once arcs that are clearly empty at
     * the optimum have been set aside ({@link #pruneArcs}); {@code arcIndex} maps them to the
     * problem's arcs ({@code null} while they are all there).
     */
    private int m;

    private double[] w;
    private int[] tail, head, arcIndex;
    private final int arcCount;
    private final double[] arcCost;
    private final int[] arcTail, arcHead;
    private double pruneRatio = PRUNE_RATIO;
    private double centralityFloor;
    private final boolean[] fixed;

    /**
     * Per node: whether it is in a side constraint, and room for its own quantity and price scales
     * at the current iterate ({@link Certificate#scales}, see {@link #worstUndecided}).
     */
    private final boolean[] sided;

    private final double[] nodeQ, nodeP;
    private final int[][] sideNodes;
    private final double[][] sideCoef;
    private final int[][] peerNodes;
    private final int[][] peerSides;

    /**
     * Constraint indices (into the side arrays) of the coupling constraints, which follow the side
     * ones.
     */
    private final int[] coupling;

    // per iteration: U = B^-1 G' (one n-vector per coupling row) and K = Sigma^-1 + G B^-1 G' (L x
    // L)
    private double[][] wU;
    private double[] wK;
    private final LinearAlgebra algebra;
    private TreePcg pcg;

    /**
     * Residual norm below which a refinement pass of conjugate gradients stops (0 for a first
     * solve).
     */
    private double refineFloor;

    private double lastRhsNorm;
    private long cgIterations;
    private double[] warmStart;
    private boolean warmValid;
    private double cgTolerance = PCG_TOLERANCE, muStart;

    /**
     * Largest side-constraint ({@code kW}) and dual ({@code $/kW}) residuals a direction may keep
     * for its refinement pass to be skipped on the iterative path: a hundredth of the convergence
     * tolerances.
     */
    private double negligibleX, negligibleB;

    /** Refinement passes run and skipped over the run (iterative path). */
    private int refinements, refinementsSkipped;

    // per iteration: 1/f and 1/sigma per arc (products instead of divisions in the passes over
    // arcs)
    private double[] invF, invSigma;
    // work vectors of the direction solves, allocated once per run
    private double[] rhoX, rhoF, hr, tmp, gtdz, ex, ef, ep, eg, zeroN, zeroR;
    private Direction correction;

    /** The run for {@code p} with the linear algebra of {@link #choose}. */
    public InteriorPoint(MarketProblem p) {
        this(p, choose(p));
    }

    /**
     * The run for {@code p} with the given linear algebra.
     *
     * @throws IllegalArgumentException for {@link LinearAlgebra#TREE_PCG} with coupling constraints
     */
    public InteriorPoint(MarketProblem p, LinearAlgebra algebra) {
        if (algebra == LinearAlgebra.TREE_PCG && p.couplingConstraintCount() > 0) {
            throw new IllegalArgumentException(
                    "coupling constraints need the dense reduced system");
        }
        this.algebra = algebra;
        n = p.nodeCount();
        arcCount = p.arcCount();
        int local = p.sideConstraintCount();
        r = local + p.couplingConstraintCount();
        a = p.quadratic();
        b = p.linear();
        lo = p.lower();
        hi = p.upper();
        arcCost = p.arcCost();
        arcTail = p.tail();
        arcHead = p.head();
        useAllArcs();
        fixed = new boolean[n];
        for (int k = 0; k < n; k++) {
            fixed[k] = lo[k] == hi[k];
        }
        sideNodes = new int[r][];
        sideCoef = new double[r][];
        h = new double[r];
        int peers = p.peerCount();
        List<List<Integer>> sidesOf = new ArrayList<>();
        for (int q = 0; q < peers; q++) {
            sidesOf.add(new ArrayList<>());
        }
        for (int s = 0; s < local; s++) {
            sideNodes[s] = p.sideNodes(s);
            sideCoef[s] = p.sideCoefficients(s);
            h[s] = p.sideRhs(s);
            sidesOf.get(p.sidePeer(s)).add(s);
        }
        coupling = new int[r - local];
        for (int c = 0; c < coupling.length; c++) {
            int s = local + c;
            sideNodes[s] = p.couplingNodes(c);
            sideCoef[s] = p.couplingCoefficients(c);
            h[s] = p.couplingRhs(c);
            coupling[c] = s;
        }
        sided = new boolean[n];
        for (int s = 0; s < local; s++) {
            for (int k : sideNodes[s]) {
                sided[k] = true;
            }
        }
        nodeQ = new double[n];
        nodeP = new double[n];
        peerNodes = new int[peers][];
        peerSides = new int[peers][];
        for (int q = 0; q < peers; q++) {
            peerNodes[q] = p.nodesOfPeer(q);
            peerSides[q] = sidesOf.get(q).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * How readily the iterative path sets aside arcs that look empty at the optimum (see {@link
     * #solve}): an arc goes when its scaled multiplier is {@code ratio} times its scaled flow or
     * more; 0 never sets any aside. The default is {@value #PRUNE_RATIO}; smaller ratios prune
     * earlier and more often wrongly (the run is then repeated), for tests.
     */
    public InteriorPoint withArcPruning(double ratio) {
        if (!(ratio >= 0)) {
            throw new IllegalArgumentException("pruning ratio must be >= 0, got " + ratio);
        }
        pruneRatio = ratio;
        return this;
    }

    /**
     * Keeps complementarity from running ahead of feasibility: the centring target never falls
     * below {@code floor} times the starting complementarity times the primal residual's fraction
     * of its start. 0 (the default) leaves Mehrotra's target alone. Why: when slacks reach rounding
     * level while a balance is still violated, a CHP unit can be pinned at a vertex of its region
     * (z/s of 1e17 on two rows) with no way left to repair that balance, and the run jams; a floor
     * of 1e-2 clears such a market (MixedMarkets seed 28) at the price of more iterations, so the
     * solver uses it only to retry a run that broke down.
     */
    public InteriorPoint withCentralityFloor(double floor) {
        if (!(floor >= 0)) {
            throw new IllegalArgumentException("centrality floor must be >= 0, got " + floor);
        }
        centralityFloor = floor;
        return this;
    }

    /**
     * Runs the method to tolerance {@code tol} (relative to the problem's injection and price
     * scales), at most {@code maxIter} iterations, until {@code deadlineNanos} ({@link
     * System#nanoTime}).
     *
     * <p>On the iterative path, once the iterates are near the central path (residuals below
     * {@value #PRUNE_RESIDUAL} of the scales, complementarity per pair below {@value #PRUNE_MU} of
     * their product), arcs whose multiplier is large ({@value #PRUNE_REDUCED_COST} of the price
     * scale or more) while their flow is {@link #withArcPruning} times smaller in scaled terms are
     * set to zero and leave the run, in batches of at least a fifth of the arcs left. Every later
     * product and pass over the arcs is cheaper by as much. At the end each such arc's reduced cost
     * is checked: one below {@link #PRUNE_KEEP} of the pruning threshold (1e-4 of the price scale)
     * may be an arc that should have carried flow, and the whole run is repeated without pruning
     * ({@link Outcome#pruningRejected} says so).
     */
    public Outcome solve(double tol, int maxIter, double deadlineNanos, Monitor monitor) {
        Outcome o =
                run(
                        tol,
                        maxIter,
                        deadlineNanos,
                        monitor,
                        pruneRatio > 0 && algebra == LinearAlgebra.TREE_PCG);
        if (o.pruningRejected) {
            Outcome again = run(tol, maxIter, deadlineNanos, monitor, false);
            again.pruningRejected = true;
            return again;
        }
        return o;
    }

    private Outcome run(
            double tol, int maxIter, double deadlineNanos, Monitor monitor, boolean prune) {
        useAllArcs();
        Outcome out = new Outcome();
        double scaleX = 1, scaleB = 1;
        for (int k = 0; k < n; k++) {
            scaleX = Math.max(scaleX, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
            scaleB =
                    Math.max(
                            scaleB,
                            Math.abs(b[k])
                                    + Math.abs(a[k]) * Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
        }
        for (int t = 0; t < m; t++) {
            scaleB = Math.max(scaleB, Math.abs(w[t]));
        }
        negligibleX = 1e-2 * tol * scaleX;
        negligibleB = 1e-2 * tol * scaleB;
        refinements = 0;
        refinementsSkipped = 0;
        double meanX = 0;
        for (int k = 0; k < n; k++) {
            meanX += Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
        }
        meanX = Math.max(1e-3 * scaleX, meanX / Math.max(1, n));
        int[] degree = new int[n];
        for (int t = 0; t < m; t++) {
            degree[tail[t]]++;
            degree[head[t]]++;
        }

        double[] x = new double[n], y = new double[n], zl = new double[n], zu = new double[n];
        double[] f = new double[m], zf = new double[m];
        double[] sg = new double[r], zg = new double[r];
        double z0 = Math.max(1, 0.1 * scaleB);
        for (int k = 0; k < n; k++) {
            x[k] = fixed[k] ? lo[k] : 0.5 * (lo[k] + hi[k]);
            y[k] = a[k] * x[k] + b[k];
            zl[k] = fixed[k] ? 0 : z0;
            zu[k] = fixed[k] ? 0 : z0;
        }
        for (int t = 0; t < m; t++) {
            double d = Math.max(1, Math.min(degree[tail[t]], degree[head[t]]));
            f[t] = Math.max(1e-3 * scaleX, meanX / d);
            zf[t] = z0;
        }
        for (int s = 0; s < r; s++) {
            double gx = dotSide(s, x);
            sg[s] = Math.max(h[s] - gx, 0.1 * scaleX);
            zg[s] = z0;
        }
        int pairs = 0;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                pairs += 2;
            }
        }
        pairs += m + r;
        pairs = Math.max(pairs, 1);

        double[] rdx = new double[n], rdf = new double[m], rp = new double[n], rg = new double[r];
        double[] hinvFlat = null;
        // with coupling constraints the matrix is bordered: [[H_B^-1 + N S^-1 N', U], [U', K]]
        int nm = n + coupling.length;
        boolean dense = algebra == LinearAlgebra.DENSE;
        DenseCholesky chol = dense ? new DenseCholesky(nm) : null;
        double[] rhs = new double[nm], sol = new double[nm];
        pcg = dense ? null : new TreePcg(n, tail, head, peerNodes);
        warmStart = dense ? null : new double[n];
        double[] shift = dense ? null : new double[n];
        cgIterations = 0;
        double[][] blockInv = new double[peerNodes.length][];
        double[] sigmaF = new double[m];
        invF = new double[m];
        invSigma = new double[m];
        rhoX = new double[n];
        rhoF = new double[m];
        hr = new double[n];
        tmp = new double[n];
        gtdz = new double[n];
        ex = new double[n];
        ef = new double[m];
        ep = new double[n];
        eg = new double[r];
        zeroN = new double[n];
        zeroR = new double[r];
        correction = new Direction(n, m, r);
        double[] gtz = new double[n];
        Direction aff = new Direction(n, m, r), cor = new Direction(n, m, r);
        double[] rcl = new double[n], rcu = new double[n], rcf = new double[m], rcg = new double[r];

        double regF = 1e-11 * scaleB / scaleX;
        double[] muHistory = new double[5];
        double muFiveAgo = Double.POSITIVE_INFINITY;
        double lastMu = Double.POSITIVE_INFINITY,
                lastResP = Double.POSITIVE_INFINITY,
                lastResD = Double.POSITIVE_INFINITY;
        double leastResP = Double.POSITIVE_INFINITY,
                leastResD = Double.POSITIVE_INFINITY,
                firstResP = 0,
                firstResD = 0;
        int nextPruneCheck = 0, pruned = 0;
        Snapshot acceptable = null, certified = null;
        boolean brokeDown = false, useCertified = false;
        for (int iter = 0; iter <= maxIter; iter++) {
            if (prune
                    && iter >= nextPruneCheck
                    && lastMu <= PRUNE_MU * scaleX * scaleB
                    && lastResP <= PRUNE_RESIDUAL * scaleX
                    && lastResD <= PRUNE_RESIDUAL * scaleB) {
                nextPruneCheck = iter + 2;
                int[] keep = arcsToKeep(f, zf, scaleX, scaleB);
                if (keep != null) {
                    int dropped = m - keep.length;
                    f = select(f, keep);
                    zf = select(zf, keep);
                    keepArcs(keep);
                    pairs -= dropped;
                    pruned += dropped;
                    // the per-arc work follows the new arc count; all of it is recomputed each
                    // iteration
                    rdf = new double[m];
                    rcf = new double[m];
                    sigmaF = new double[m];
                    invF = new double[m];
                    invSigma = new double[m];
                    rhoF = new double[m];
                    ef = new double[m];
                    correction = new Direction(n, m, r);
                    aff = new Direction(n, m, r);
                    cor = new Direction(n, m, r);
                    pcg = new TreePcg(n, tail, head, peerNodes);
                    warmValid = false;
                }
            }
            // residuals
            java.util.Arrays.fill(gtz, 0);
            for (int s = 0; s < r; s++) {
                for (int i = 0; i < sideNodes[s].length; i++) {
                    gtz[sideNodes[s][i]] += sideCoef[s][i] * zg[s];
                }
            }
            double resD = 0, resP = 0;
            for (int k = 0; k < n; k++) {
                rdx[k] = fixed[k] ? 0 : a[k] * x[k] + b[k] - y[k] - zl[k] + zu[k] + gtz[k];
                resD = maxNaN(resD, Math.abs(rdx[k]));
                rp[k] = x[k];
            }
            for (int t = 0; t < m; t++) {
                rdf[t] = w[t] + y[tail[t]] - y[head[t]] - zf[t];
                resD = maxNaN(resD, Math.abs(rdf[t]));
                rp[tail[t]] -= f[t];
                rp[head[t]] += f[t];
            }
            for (int k = 0; k < n; k++) {
                resP = Math.max(resP, Math.abs(rp[k]));
            }
            for (int s = 0; s < r; s++) {
                rg[s] = dotSide(s, x) + sg[s] - h[s];
                resP = Math.max(resP, Math.abs(rg[s]));
            }
            double comp = complementarity(x, zl, zu, f, zf, sg, zg);
            double mu = comp / pairs;
            lastMu = mu;
            lastResP = resP;
            lastResD = resD;
            if (iter == 0) {
                muStart = Math.max(mu, 1e-300);
            }
            // inexact Newton: early directions need few digits, the last ones all of them
            cgTolerance =
                    Math.max(
                            PCG_TOLERANCE,
                            Math.min(
                                    PCG_LOOSEST,
                                    PCG_LOOSEST * Math.pow(mu / muStart, PCG_TIGHTENING)));
            out.iterations = iter;
            out.history.add(new IterationRecord(iter, resP, resD, mu));
            if (iter == 0) {
                firstResP = Math.max(resP, scaleX);
                firstResD = Math.max(resD, scaleB);
            }
            if (!(resP <= DIVERGENCE * firstResP) || !(resD <= DIVERGENCE * firstResD)) {
                // residuals a million times above the starting point's (or no longer numbers)
                // come from directions that have lost all accuracy; going on only grows them
                // (once to 1e45 over 300 iterations). Smaller jumps, even from 1e-13 to 30 $/kW
                // near the end, are usually recovered from within an iteration or two.
                out.breakdown =
                        String.format(
                                java.util.Locale.ROOT,
                                "residuals diverged at iteration %d: primal %.3g kW "
                                        + "(least %.3g), dual %.3g $/kW (least %.3g)",
                                iter,
                                resP,
                                leastResP,
                                resD,
                                leastResD);
                out.numericalFailure = acceptable == null;
                brokeDown = true;
                break;
            }
            leastResP = Math.min(leastResP, resP);
            leastResD = Math.min(leastResD, resD);
            // Complementarity is held to a per-pair level far below the objective's resolution:
            // set-points at a bound are off by mu / z, and a flat optimum hides errors in x that
            // a relative objective gap would not show.
            // ... and so is each peer's own pair (bounds, side constraints): an average can hide
            // one pair far from centred, whose multiplier then shows as a stationarity error at
            // a set-point near its bound or on the edge of its operating region
            // ... and every node's set-point is decided on its own scales: a node near a bound with
            // a small multiplier (a degenerate bound) settles only as sqrt(mu), and on a market
            // whose scales come from a 1e8 kW peer that is far outside a 60 kW peer's tolerance
            boolean settled =
                    resP <= tol * scaleX
                            && resD <= tol * scaleB
                            && mu <= 1e-2 * tol * scaleB
                            && worstPeerPair(x, zl, zu, sg, zg) <= tol * scaleB;
            double undecided = settled ? worstUndecided(x, zl, zu, rp) : Double.POSITIVE_INFINITY;
            if (settled && undecided <= DECIDED * tol) {
                out.converged = true;
                break;
            }
            if (!settled && certified != null && certified.iteration == iter - 1) {
                // the last iterate passed every test but the strictest on a few nodes, and this one
                // lost the market-wide ones: iterations past rounding level only make it worse
                useCertified = true;
                break;
            }
            if (settled && undecided <= CERTIFIED * tol) {
                certified = new Snapshot(iter, resP, resD, x, y, zl, zu, f, zf, sg, zg);
            }
            if (iter >= 10
                    && mu >= 0.5 * muFiveAgo
                    && resP <= 1e-6 * scaleX
                    && resD <= 1e-6 * scaleB
                    && mu <= 1e2 * tol * scaleB) {
                // stalled at rounding level: accept, the certificate says how far it got
                out.converged = true;
                break;
            }
            if (resP <= 1e-6 * scaleX && resD <= 1e-6 * scaleB && mu <= 1e2 * tol * scaleB) {
                // good enough to return should the last iterations break down numerically
                acceptable = new Snapshot(iter, resP, resD, x, y, zl, zu, f, zf, sg, zg);
            }
            muHistory[iter % 5] = mu;
            muFiveAgo = iter >= 4 ? muHistory[(iter + 1) % 5] : Double.POSITIVE_INFINITY;
            if (iter == maxIter) {
                break;
            }
            if (System.nanoTime() > deadlineNanos) {
                out.timeLimit = true;
                break;
            }
            if (monitor != null && monitor.iteration(iter, resP, resD, mu)) {
                out.stopped = true;
                break;
            }

            // block inverses of H_x per peer (free nodes only)
            for (int q = 0; q < peerNodes.length; q++) {
                blockInv[q] = blockInverse(q, x, zl, zu, sg, zg);
            }
            for (int t = 0; t < m; t++) {
                // primal regularisation caps the arc weights 1/sigma that blow up on positive
                // arcs as mu -> 0; refinement below removes most of the perturbation
                invF[t] = 1 / f[t];
                sigmaF[t] = zf[t] * invF[t] + regF;
                invSigma[t] = 1 / sigmaF[t];
                rcf[t] = -f[t] * zf[t];
            }
            if (dense
                    ? !factorDense(chol, blockInv, sigmaF, sg, zg, nm)
                    : !factorIterative(blockInv, shift)) {
                out.breakdown =
                        "the reduced Newton matrix was not positive definite at iteration " + iter;
                out.numericalFailure = acceptable == null;
                brokeDown = true;
                break;
            }

            // predictor
            for (int k = 0; k < n; k++) {
                rcl[k] = fixed[k] ? 0 : -(x[k] - lo[k]) * zl[k];
                rcu[k] = fixed[k] ? 0 : -(hi[k] - x[k]) * zu[k];
            }
            // (the arcs' rcf = -f zf was set with sigma)
            for (int s = 0; s < r; s++) {
                rcg[s] = -sg[s] * zg[s];
            }
            solveRefined(
                    aff, chol, rhs, sol, blockInv, sigmaF, x, zl, zu, f, zf, sg, zg, rdx, rdf, rp,
                    rg, rcl, rcu, rcf, rcg);
            stepLengths(aff, x, f, sg, zl, zu, zf, zg, 1.0);
            double ap = stepPrimal, ad = stepDual;
            double alpha = Math.min(ap, ad);
            double compAff = 0;
            for (int k = 0; k < n; k++) {
                if (!fixed[k]) {
                    compAff +=
                            (x[k] - lo[k] + alpha * aff.dx[k]) * (zl[k] + alpha * aff.dzl[k])
                                    + (hi[k] - x[k] - alpha * aff.dx[k])
                                            * (zu[k] + alpha * aff.dzu[k]);
                }
            }
            for (int t = 0; t < m; t++) {
                compAff += (f[t] + alpha * aff.df[t]) * (zf[t] + alpha * aff.dzf[t]);
            }
            for (int s = 0; s < r; s++) {
                compAff += (sg[s] + alpha * aff.dsg[s]) * (zg[s] + alpha * aff.dzg[s]);
            }
            double sigma = Math.pow(Math.max(0, compAff) / Math.max(comp, 1e-300), 3);
            sigma = Math.min(1, sigma);
            double target = sigma * mu;
            // (only when asked, on a retry) complementarity may not run far ahead of feasibility
            target = Math.max(target, centralityFloor * muStart * resP / firstResP);
            // corrector
            for (int k = 0; k < n; k++) {
                if (!fixed[k]) {
                    rcl[k] = target - (x[k] - lo[k]) * zl[k] - aff.dx[k] * aff.dzl[k];
                    rcu[k] = target - (hi[k] - x[k]) * zu[k] + aff.dx[k] * aff.dzu[k];
                }
            }
            for (int t = 0; t < m; t++) {
                rcf[t] = target - f[t] * zf[t] - aff.df[t] * aff.dzf[t];
            }
            for (int s = 0; s < r; s++) {
                rcg[s] = target - sg[s] * zg[s] - aff.dsg[s] * aff.dzg[s];
            }
            solveRefined(
                    cor, chol, rhs, sol, blockInv, sigmaF, x, zl, zu, f, zf, sg, zg, rdx, rdf, rp,
                    rg, rcl, rcu, rcf, rcg);
            double eta = Math.max(0.9, 1 - 10 * mu / Math.max(1e-300, scaleB * scaleX));
            eta = Math.min(eta, 0.995);
            stepLengths(cor, x, f, sg, zl, zu, zf, zg, 1 / eta);
            ap = stepPrimal;
            ad = stepDual;
            alpha = Math.min(1, eta * Math.min(ap, ad));
            if (!(alpha > 0) || Double.isNaN(alpha)) {
                out.breakdown = "the step length was " + alpha + " at iteration " + iter;
                out.numericalFailure = acceptable == null;
                brokeDown = true;
                break;
            }
            for (int k = 0; k < n; k++) {
                x[k] += alpha * cor.dx[k];
                y[k] += alpha * cor.dy[k];
                if (!fixed[k]) {
                    zl[k] += alpha * cor.dzl[k];
                    zu[k] += alpha * cor.dzu[k];
                    // keep strictly inside the bounds despite rounding
                    x[k] = Math.min(Math.max(x[k], Math.nextUp(lo[k])), Math.nextDown(hi[k]));
                }
            }
            for (int t = 0; t < m; t++) {
                f[t] = Math.max(f[t] + alpha * cor.df[t], 1e-300);
                zf[t] = Math.max(zf[t] + alpha * cor.dzf[t], 1e-300);
            }
            for (int s = 0; s < r; s++) {
                sg[s] = Math.max(sg[s] + alpha * cor.dsg[s], 1e-300);
                zg[s] = Math.max(zg[s] + alpha * cor.dzg[s], 1e-300);
            }
        }
        // a point that passed every market-wide test and decided every node within the
        // certificate's margin, followed by iterations that broke down or lost ground; else, when
        // the iterations after an acceptable point broke down (a singular system, a NaN step),
        // that point, whose residuals the certificate reports
        Snapshot returned =
                (brokeDown || useCertified) && certified != null
                        ? certified
                        : brokeDown && acceptable != null ? acceptable : null;
        if (returned != null) {
            x = returned.x;
            y = returned.y;
            zl = returned.zl;
            zu = returned.zu;
            f = returned.f;
            zf = returned.zf;
            sg = returned.sg;
            zg = returned.zg;
            useArcs(returned.tail, returned.head, returned.w, returned.arcIndex);
            out.converged = true;
            out.iterations = returned.iteration;
            if (returned == certified) {
                out.numericalFailure = false;
            } else {
                out.recovered = true;
            }
        }
        out.algebra = algebra;
        out.linearIterations = cgIterations;
        out.refinementPasses = refinements;
        out.refinementPassesSkipped = refinementsSkipped;
        double prunedDualError = 0;
        if (arcIndex != null) {
            // back to the problem's arcs: the pruned ones carry nothing, their multiplier is the
            // reduced cost
            double[] fAll = new double[arcCount], zfAll = new double[arcCount];
            boolean[] kept = new boolean[arcCount];
            for (int t = 0; t < m; t++) {
                fAll[arcIndex[t]] = f[t];
                zfAll[arcIndex[t]] = zf[t];
                kept[arcIndex[t]] = true;
            }
            double lowest = Double.POSITIVE_INFINITY;
            for (int t = 0; t < arcCount; t++) {
                if (!kept[t]) {
                    double reduced = arcCost[t] + y[arcTail[t]] - y[arcHead[t]];
                    lowest = Math.min(lowest, reduced);
                    zfAll[t] = Math.max(reduced, 0);
                }
            }
            prunedDualError = Math.max(0, -lowest);
            // An arc set aside that should carry flow ends with a negative reduced cost, but only
            // as negative as its effect on the optimum, which can hide within the tolerance while
            // moving set-points visibly; an arc rightly set aside keeps a reduced cost of about
            // the size it had when it left. So any that ended far below that size means the run
            // is repeated without pruning.
            out.pruningRejected =
                    out.converged && lowest < PRUNE_KEEP * PRUNE_REDUCED_COST * scaleB;
            f = fAll;
            zf = zfAll;
            useAllArcs();
        }
        out.arcsPruned = pruned;
        out.x = x;
        out.f = f;
        out.y = y;
        out.zf = zf;
        out.couplingDuals = new double[coupling.length];
        for (int c = 0; c < coupling.length; c++) {
            out.couplingDuals[c] = zg[coupling[c]];
        }
        IterationRecord last = out.history.get(out.history.size() - 1);
        out.primalResidual = returned != null ? returned.primalResidual : last.primalResidual();
        out.dualResidual =
                Math.max(
                        returned != null ? returned.dualResidual : last.dualResidual(),
                        prunedDualError);
        out.gap = complementarity(x, zl, zu, f, zf, sg, zg);
        return out;
    }

    /**
     * Assembles {@code M = H^-1 + N S^-1 N'} (bordered by the coupling rows) densely and factorises
     * it.
     */
    private boolean factorDense(
            DenseCholesky chol,
            double[][] blockInv,
            double[] sigmaF,
            double[] sg,
            double[] zg,
            int nm) {
        // M = H^-1 + N S^-1 N'
        double[] md = chol.data;
        java.util.Arrays.fill(md, 0);
        for (int q = 0; q < peerNodes.length; q++) {
            int[] nodes = peerNodes[q];
            double[] bi = blockInv[q];
            int kk = nodes.length;
            for (int i = 0; i < kk; i++) {
                for (int j = 0; j < kk; j++) {
                    md[nodes[i] * nm + nodes[j]] += bi[i * kk + j];
                }
            }
        }
        if (coupling.length > 0) {
            prepareCoupling(blockInv, sg, zg);
            borderCoupling(md, nm);
        }
        for (int t = 0; t < m; t++) {
            double d = 1 / sigmaF[t];
            int u = tail[t], v = head[t];
            md[u * nm + u] += d;
            md[v * nm + v] += d;
            md[u * nm + v] -= d;
            md[v * nm + u] -= d;
        }
        double maxDiag = 0;
        for (int k = 0; k < n; k++) {
            maxDiag = Math.max(maxDiag, md[k * nm + k]);
        }
        double reg = 1e-13 * Math.max(maxDiag, 1e-300);
        for (int k = 0; k < n; k++) {
            md[k * nm + k] += reg + (md[k * nm + k] == 0 ? 1 : 0);
        }
        return chol.factor();
    }

    /**
     * The iterative path's counterpart of assembling and factorising {@code M}: arc weights {@code
     * 1/sigma}, the same diagonal regularisation as the dense path, and the preconditioner.
     */
    private boolean factorIterative(double[][] blockInv, double[] shift) {
        double[] diag = shift;
        java.util.Arrays.fill(diag, 0);
        for (int q = 0; q < peerNodes.length; q++) {
            int[] nodes = peerNodes[q];
            int kk = nodes.length;
            for (int i = 0; i < kk; i++) {
                diag[nodes[i]] += blockInv[q][i * kk + i];
            }
        }
        for (int t = 0; t < m; t++) {
            double d = invSigma[t];
            diag[tail[t]] += d;
            diag[head[t]] += d;
        }
        double maxDiag = 0;
        for (int k = 0; k < n; k++) {
            maxDiag = Math.max(maxDiag, diag[k]);
        }
        double reg = 1e-13 * Math.max(maxDiag, 1e-300);
        for (int k = 0; k < n; k++) {
            shift[k] = reg + (diag[k] == 0 ? 1 : 0);
        }
        // the weights 1/sigma stay as they are until the next factorisation
        pcg.factor(blockInv, invSigma, shift);
        warmValid = false;
        return true;
    }

    /**
     * The arcs to keep in the run (indices into the current ones), or {@code null} when fewer than
     * a fifth of them look clearly empty: multiplier at least {@link #PRUNE_REDUCED_COST} of the
     * price scale and at least the pruning ratio times the flow, both scaled.
     */
    private int[] arcsToKeep(double[] f, double[] zf, double scaleX, double scaleB) {
        int[] keep = new int[m];
        int kept = 0;
        for (int t = 0; t < m; t++) {
            double zeta = zf[t] / scaleB;
            if (!(zeta >= PRUNE_REDUCED_COST && zeta >= pruneRatio * f[t] / scaleX)) {
                keep[kept++] = t;
            }
        }
        return m - kept >= Math.max(1, m / 5) ? java.util.Arrays.copyOf(keep, kept) : null;
    }

    /**
     * Restricts the run's arcs (tails, heads, costs, and their indices in the problem) to {@code
     * keep}.
     */
    private void keepArcs(int[] keep) {
        int[] nt = new int[keep.length], nh = new int[keep.length], idx = new int[keep.length];
        double[] nw = new double[keep.length];
        for (int c = 0; c < keep.length; c++) {
            int t = keep[c];
            nt[c] = tail[t];
            nh[c] = head[t];
            nw[c] = w[t];
            idx[c] = arcIndex == null ? t : arcIndex[t];
        }
        useArcs(nt, nh, nw, idx);
    }

    /** The run's arcs become the problem's. */
    private void useAllArcs() {
        useArcs(arcTail, arcHead, arcCost, null);
    }

    /**
     * The run's arcs become these ({@code arcIndex}: their indices in the problem, {@code null} for
     * all of them in order).
     */
    private void useArcs(int[] tail, int[] head, double[] w, int[] arcIndex) {
        this.m = tail.length;
        this.tail = tail;
        this.head = head;
        this.w = w;
        this.arcIndex = arcIndex;
    }

    private static double[] select(double[] v, int[] keep) {
        double[] out = new double[keep.length];
        for (int c = 0; c < keep.length; c++) {
            out[c] = v[keep[c]];
        }
        return out;
    }

    /**
     * Largest over the nodes of the balance residual relative to the node's own quantity scale (the
     * mean traded per node at least), and over the nodes outside side constraints of how far,
     * relative to the node's own scales, its set-point is from being decided. With {@code a > 0}:
     * the smaller of its distance to the bound its multiplier {@code z = zl - zu} points at and
     * {@code |z| / a}, relative to its quantity scale (at a degenerate bound both shrink only as
     * {@code sqrt(mu)}, and the set-point is off by as much); with {@code a = 0}: the smaller of
     * {@code |z|} relative to its price scale and that distance relative to its quantity scale.
     */
    private double worstUndecided(double[] x, double[] zl, double[] zu, double[] rp) {
        double[] nodeQ = this.nodeQ, nodeP = this.nodeP;
        Certificate.scales(a, b, lo, hi, x, nodeQ, nodeP);
        double qMax = 0, pMax = 0;
        for (int k = 0; k < n; k++) {
            qMax = Math.max(qMax, nodeQ[k]);
            pMax = Math.max(pMax, nodeP[k]);
        }
        double qFloor = Certificate.quantityFloor(x, qMax),
                pFloor = 1e-12 * Math.max(pMax, Double.MIN_NORMAL);
        double volume = 0;
        for (int k = 0; k < n; k++) {
            volume += Math.max(0, x[k]);
        }
        double rowFloor = Math.max(qFloor, volume / n);
        double worst = 0;
        for (int k = 0; k < n; k++) {
            // balance, on the node's own scale or the mean traded per node, whichever is larger: a
            // row of a 1e12 kW peer must not hide 50 kW, nor a peer fixed at zero hold the run
            // past rounding level for the dust on its arcs
            // past rounding level for the dust on its arcs; but the floor never exceeds what the
            // node can reach (a consumer fixed at -0.1 kW beside 1e6 kW of trades is not dust)
            double reach = Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
            worst =
                    maxNaN(
                            worst,
                            Math.abs(rp[k])
                                    / Math.max(
                                            nodeQ[k],
                                            reach > 0 ? Math.min(rowFloor, reach) : rowFloor));
            if (fixed[k] || sided[k]) {
                continue;
            }
            double z = zl[k] - zu[k],
                    p = Math.max(nodeP[k], pFloor),
                    q = Math.max(nodeQ[k], qFloor);
            // distance to the bound the multiplier points at
            double slack = z >= 0 ? x[k] - lo[k] : hi[k] - x[k];
            // with curvature the set-point is off by the smaller of that distance and z / a (the
            // step to where the multiplier vanishes); without, the price is off by z
            double v =
                    a[k] > 0
                            ? Math.min(slack, Math.abs(z) / a[k]) / q
                            : Math.min(Math.abs(z) / p, slack / q);
            worst = maxNaN(worst, v);
        }
        return worst;
    }

    /** Largest complementarity of one bound pair of a node or of one side constraint ($). */
    private double worstPeerPair(double[] x, double[] zl, double[] zu, double[] sg, double[] zg) {
        double worst = 0;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                worst = maxNaN(worst, Math.max((x[k] - lo[k]) * zl[k], (hi[k] - x[k]) * zu[k]));
            }
        }
        for (int s = 0; s < r; s++) {
            worst = maxNaN(worst, sg[s] * zg[s]);
        }
        return worst;
    }

    /** Total complementarity {@code sum s_i z_i} over bounds, arcs and side constraints ($). */
    private double complementarity(
            double[] x,
            double[] zl,
            double[] zu,
            double[] f,
            double[] zf,
            double[] sg,
            double[] zg) {
        double comp = 0;
        for (int k = 0; k < n; k++) {
            if (!fixed[k]) {
                comp += (x[k] - lo[k]) * zl[k] + (hi[k] - x[k]) * zu[k];
            }
        }
        for (int t = 0; t < m; t++) {
            comp += f[t] * zf[t];
        }
        for (int s = 0; s < r; s++) {
            comp += sg[s] * zg[s];
        }
        return comp;
    }

    private double dotSide(int s, double[] x) {
        double v = 0;
        for (int i = 0; i < sideNodes[s].length; i++) {
            v += sideCoef[s][i] * x[sideNodes[s][i]];
        }
        return v;
    }

    /** Inverse of peer q's block of H_x (row-major, size kk*kk), zero on fixed nodes. */
    private double[] blockInverse(
            int q, double[] x, double[] zl, double[] zu, double[] sg, double[] zg) {
        int[] nodes = peerNodes[q];
        int kk = nodes.length;
        double[] hm = new double[kk * kk];
        for (int i = 0; i < kk; i++) {
            int k = nodes[i];
            if (!fixed[k]) {
                hm[i * kk + i] = a[k] + zl[k] / (x[k] - lo[k]) + zu[k] / (hi[k] - x[k]);
            }
        }
        for (int s : peerSides[q]) {
            double sig = zg[s] / sg[s];
            int[] sn = sideNodes[s];
            double[] sc = sideCoef[s];
            for (int i = 0; i < sn.length; i++) {
                int li = local(nodes, sn[i]);
                for (int j = 0; j < sn.length; j++) {
                    int lj = local(nodes, sn[j]);
                    hm[li * kk + lj] += sig * sc[i] * sc[j];
                }
            }
        }
        // zero rows/columns of fixed nodes, invert the rest
        boolean[] free = new boolean[kk];
        int nf = 0;
        for (int i = 0; i < kk; i++) {
            free[i] = !fixed[nodes[i]];
            if (free[i]) {
                nf++;
            }
        }
        double[] inv = new double[kk * kk];
        if (nf == 0) {
            return inv;
        }
        if (kk == 1) {
            inv[0] = 1 / hm[0];
            return inv;
        }
        if (kk == 2 && nf == 2) {
            return inverseOfTwo(q, nodes, x, zl, zu, sg, zg);
        }
        int[] map = new int[nf];
        for (int i = 0, c = 0; i < kk; i++) {
            if (free[i]) {
                map[c++] = i;
            }
        }
        double[] sub = new double[nf * nf];
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                sub[i * nf + j] = hm[map[i] * kk + map[j]];
            }
        }
        double[] subInv = invertSpd(sub, nf);
        for (int i = 0; i < nf; i++) {
            for (int j = 0; j < nf; j++) {
                inv[map[i] * kk + map[j]] = subInv[i * nf + j];
            }
        }
        return inv;
    }

    /**
     * The inverse of a two-node peer's block {@code D + sum_s sigma_s g_s g_s'} ({@code D} the
     * diagonal of cost curvature and bound barriers, {@code sigma_s = z_s / s_s} per side row), by
     * its adjugate with the determinant expanded by Cauchy-Binet: {@code d0 d1 + sum_s sigma_s (d0
     * g1s^2 + d1 g0s^2) + sum_{s<t} sigma_s sigma_t (g0s g1t - g1s g0t)^2}. Every term is
     * non-negative, so nothing cancels. Near a vertex of an operating region an active side row's
     * {@code sigma} reaches {@code 1e17} and more; inverting the assembled matrix then subtracts
     * products of that size to get a determinant of order {@code sigma}, keeps no correct digit,
     * and the garbage (an indefinite block) makes the reduced system indefinite: the dual residual
     * grows by orders of magnitude per iteration until the run ends in NaN.
     */
    private double[] inverseOfTwo(
            int q, int[] nodes, double[] x, double[] zl, double[] zu, double[] sg, double[] zg) {
        double[] d = new double[2];
        for (int i = 0; i < 2; i++) {
            int k = nodes[i];
            d[i] = a[k] + zl[k] / (x[k] - lo[k]) + zu[k] / (hi[k] - x[k]);
        }
        int[] sides = peerSides[q];
        int ns = sides.length;
        double[] sig = new double[ns], g0 = new double[ns], g1 = new double[ns];
        double p00 = d[0], p11 = d[1], p01 = 0, det = d[0] * d[1];
        for (int c = 0; c < ns; c++) {
            int s = sides[c];
            sig[c] = zg[s] / sg[s];
            for (int i = 0; i < sideNodes[s].length; i++) {
                if (sideNodes[s][i] == nodes[0]) {
                    g0[c] += sideCoef[s][i];
                } else {
                    g1[c] += sideCoef[s][i];
                }
            }
            p00 += sig[c] * g0[c] * g0[c];
            p11 += sig[c] * g1[c] * g1[c];
            p01 += sig[c] * g0[c] * g1[c];
            det += sig[c] * (d[0] * g1[c] * g1[c] + d[1] * g0[c] * g0[c]);
        }
        for (int c = 0; c < ns; c++) {
            for (int e = c + 1; e < ns; e++) {
                double cross = g0[c] * g1[e] - g1[c] * g0[e];
                det += sig[c] * sig[e] * cross * cross;
            }
        }
        return new double[] {p11 / det, -p01 / det, -p01 / det, p00 / det};
    }

    private static int local(int[] nodes, int k) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == k) {
                return i;
            }
        }
        throw new IllegalStateException("node " + k + " is not in the block");
    }

    /** Gauss-Jordan inverse of a small symmetric positive definite matrix. */
    private static double[] invertSpd(double[] m, int k) {
        double[] aug = new double[k * 2 * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                aug[i * 2 * k + j] = m[i * k + j];
            }
            aug[i * 2 * k + k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int i = c + 1; i < k; i++) {
                if (Math.abs(aug[i * 2 * k + c]) > Math.abs(aug[piv * 2 * k + c])) {
                    piv = i;
                }
            }
            if (piv != c) {
                for (int j = 0; j < 2 * k; j++) {
                    double t = aug[c * 2 * k + j];
                    aug[c * 2 * k + j] = aug[piv * 2 * k + j];
                    aug[piv * 2 * k + j] = t;
                }
            }
            double p = aug[c * 2 * k + c];
            for (int j = 0; j < 2 * k; j++) {
                aug[c * 2 * k + j] /= p;
            }
            for (int i = 0; i < k; i++) {
                if (i != c) {
                    double fct = aug[i * 2 * k + c];
                    if (fct != 0) {
                        for (int j = 0; j < 2 * k; j++) {
                            aug[i * 2 * k + j] -= fct * aug[c * 2 * k + j];
                        }
                    }
                }
            }
        }
        double[] inv = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(aug, i * 2 * k + k, inv, i * k, k);
        }
        return inv;
    }

    /** An iterate kept aside: copies of the variables, the arcs they belong to, its residuals. */
    private final class Snapshot {
        final int iteration;
        final double primalResidual, dualResidual;
        final double[] x, y, zl, zu, f, zf, sg, zg;
        // the run's arcs then (arrays that pruning replaces, never changes)
        final int[] tail, head, arcIndex;
        final double[] w;

        Snapshot(
                int iteration,
                double primalResidual,
                double dualResidual,
                double[] x,
                double[] y,
                double[] zl,
                double[] zu,
                double[] f,
                double[] zf,
                double[] sg,
                double[] zg) {
            this.iteration = iteration;
            this.tail = InteriorPoint.this.tail;
            this.head = InteriorPoint.this.head;
            this.arcIndex = InteriorPoint.this.arcIndex;
            this.w = InteriorPoint.this.w;
            this.primalResidual = primalResidual;
            this.dualResidual = dualResidual;
            this.x = x.clone();
            this.y = y.clone();
            this.zl = zl.clone();
            this.zu = zu.clone();
            this.f = f.clone();
            this.zf = zf.clone();
            this.sg = sg.clone();
            this.zg = zg.clone();
        }
    }

    private static final class Direction {
        final double[] dx, dy, dzl, dzu, df, dzf, dsg, dzg;

        Direction(int n, int m, int r) {
            dx = new double[n];
            dy = new double[n];
            dzl = new double[n];
            dzu = new double[n];
            df = new double[m];
            dzf = new double[m];
            dsg = new double[r];
            dzg = new double[r];
        }
    }

    /**
     * Coupling constraints keep their multiplier steps {@code dz} as unknowns beside {@code dy}:
     * with {@code B} the per-peer blocks, {@code U = B^-1 G'} and {@code K = Sigma^-1 + G B^-1 G'}
     * ({@code Sigma = z/s}), the reduced system is {@code [[B^-1 + N S^-1 N', -U], [-U', K]] [dy;
     * dz] = r}, positive definite, of size nodes plus coupling rows. Folding the rows into {@code
     * B} instead would cancel large terms when a line limit alone pins an injection without
     * curvature.
     */
    private void prepareCoupling(double[][] blockInv, double[] sg, double[] zg) {
        int L = coupling.length;
        wU = new double[L][];
        double[] g = new double[n];
        for (int c = 0; c < L; c++) {
            int s = coupling[c];
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < sideNodes[s].length; i++) {
                g[sideNodes[s][i]] += sideCoef[s][i];
            }
            wU[c] = new double[n];
            applyBlockInv(blockInv, g, wU[c]);
        }
        double[] kmat = new double[L * L];
        for (int c = 0; c < L; c++) {
            for (int d = 0; d < L; d++) {
                int s = coupling[d];
                double v = 0;
                for (int i = 0; i < sideNodes[s].length; i++) {
                    v += sideCoef[s][i] * wU[c][sideNodes[s][i]];
                }
                kmat[c * L + d] = v;
            }
            kmat[c * L + c] += sg[coupling[c]] / zg[coupling[c]];
        }
        for (int c = 0; c < L; c++) {
            for (int d = c + 1; d < L; d++) {
                double v = 0.5 * (kmat[c * L + d] + kmat[d * L + c]);
                kmat[c * L + d] = v;
                kmat[d * L + c] = v;
            }
        }
        wK = kmat;
    }

    /**
     * Fills the border of the reduced matrix: {@code U} in the last columns and rows, {@code K} in
     * the corner. The bordered matrix is positive definite (its Schur complement on the node block
     * is {@code H^-1 + N S^-1 N'}), so one Cholesky factorisation solves it stably, where forming
     * {@code H_B^-1 + N S^-1 N' - U K^-1 U'} explicitly cancels large terms.
     */
    private void borderCoupling(double[] md, int nm) {
        int L = coupling.length;
        for (int c = 0; c < L; c++) {
            double[] u = wU[c];
            int col = n + c;
            for (int i = 0; i < n; i++) {
                md[i * nm + col] = -u[i];
                md[col * nm + i] = -u[i];
            }
            for (int d = 0; d < L; d++) {
                md[col * nm + n + d] = wK[c * L + d];
            }
        }
    }

    private void applyBlockInv(double[][] blockInv, double[] v, double[] out) {
        for (int q = 0; q < peerNodes.length; q++) {
            int[] nodes = peerNodes[q];
            if (nodes.length == 1) {
                out[nodes[0]] = blockInv[q][0] * v[nodes[0]];
            } else {
                blockProduct(nodes, blockInv[q], v, out, false);
            }
        }
    }

    /**
     * One peer's block (row-major over its {@code nodes}) times {@code v} on those nodes, into
     * {@code out} on the same nodes: added to it when {@code add}, else replacing it.
     */
    static void blockProduct(int[] nodes, double[] block, double[] v, double[] out, boolean add) {
        int kk = nodes.length;
        for (int i = 0; i < kk; i++) {
            double s = 0;
            for (int j = 0; j < kk; j++) {
                s += block[i * kk + j] * v[nodes[j]];
            }
            out[nodes[i]] = add ? out[nodes[i]] + s : s;
        }
    }

    /**
     * One Newton direction {@code d} for the residuals {@code rd*}, {@code rp}, {@code rg} and the
     * complementarity targets {@code rc*} ({@code rcf} {@code null}: zero on every arc, as in a
     * refinement pass).
     */
    private void solveDirection(
            Direction d,
            DenseCholesky chol,
            double[] rhs,
            double[] sol,
            double[][] blockInv,
            double[] sigmaF,
            double[] x,
            double[] zl,
            double[] zu,
            double[] f,
            double[] zf,
            double[] sg,
            double[] zg,
            double[] rdx,
            double[] rdf,
            double[] rp,
            double[] rg,
            double[] rcl,
            double[] rcu,
            double[] rcf,
            double[] rcg) {
        double[] rhoX = this.rhoX, rhoF = this.rhoF, hr = this.hr;
        for (int k = 0; k < n; k++) {
            rhoX[k] = fixed[k] ? 0 : -rdx[k] + rcl[k] / (x[k] - lo[k]) - rcu[k] / (hi[k] - x[k]);
        }
        int local = r - coupling.length;
        for (int s = 0; s < local; s++) {
            double v = (rcg[s] + zg[s] * rg[s]) / sg[s];
            for (int i = 0; i < sideNodes[s].length; i++) {
                int k = sideNodes[s][i];
                if (!fixed[k]) {
                    rhoX[k] -= sideCoef[s][i] * v;
                }
            }
        }
        applyBlockInv(blockInv, rhoX, hr);
        double[] rv = rhs;
        for (int k = 0; k < n; k++) {
            rv[k] = -rp[k] - hr[k];
        }
        for (int t = 0; t < m; t++) {
            double rho = rcf == null ? -rdf[t] : -rdf[t] + rcf[t] * invF[t];
            rhoF[t] = rho;
            double v = rho * invSigma[t];
            rv[tail[t]] += v;
            rv[head[t]] -= v;
        }
        // coupling rows keep their multiplier step as an unknown: -U' dy + K dz = (rc + z rg)/z +
        // U' rhoX
        for (int c = 0; c < coupling.length; c++) {
            int s = coupling[c];
            double v = (rcg[s] + zg[s] * rg[s]) / zg[s];
            double[] u = wU[c];
            for (int k = 0; k < n; k++) {
                v += u[k] * rhoX[k];
            }
            rv[n + c] = v;
        }
        if (pcg == null) {
            chol.solve(rhs, sol);
        } else {
            lastRhsNorm = 0;
            for (int k = 0; k < n; k++) {
                lastRhsNorm += rv[k] * rv[k];
            }
            lastRhsNorm = Math.sqrt(lastRhsNorm);
            boolean first = refineFloor == 0;
            // the corrector's solution is close to the predictor's: start from it
            pcg.solve(
                    rv,
                    sol,
                    first && warmValid ? warmStart : null,
                    cgTolerance,
                    refineFloor,
                    PCG_MAX_ITERATIONS);
            cgIterations += pcg.lastIterations();
            if (first) {
                System.arraycopy(sol, 0, warmStart, 0, n);
                warmValid = true;
            }
        }
        System.arraycopy(sol, 0, d.dy, 0, n);
        double[] tmp = this.tmp;
        for (int k = 0; k < n; k++) {
            tmp[k] = rhoX[k] + d.dy[k];
        }
        for (int c = 0; c < coupling.length; c++) {
            int s = coupling[c];
            double dz = sol[n + c];
            d.dzg[s] = dz;
            for (int i = 0; i < sideNodes[s].length; i++) {
                tmp[sideNodes[s][i]] -= sideCoef[s][i] * dz;
            }
        }
        applyBlockInv(blockInv, tmp, d.dx);
        for (int t = 0; t < m; t++) {
            double df = (rhoF[t] - (d.dy[tail[t]] - d.dy[head[t]])) * invSigma[t];
            d.df[t] = df;
            d.dzf[t] = ((rcf == null ? 0 : rcf[t]) - zf[t] * df) * invF[t];
        }
        for (int k = 0; k < n; k++) {
            if (fixed[k]) {
                d.dx[k] = 0;
                d.dzl[k] = 0;
                d.dzu[k] = 0;
            } else {
                d.dzl[k] = (rcl[k] - zl[k] * d.dx[k]) / (x[k] - lo[k]);
                d.dzu[k] = (rcu[k] + zu[k] * d.dx[k]) / (hi[k] - x[k]);
            }
        }
        for (int s = 0; s < local; s++) {
            d.dsg[s] = -rg[s] - dotSide(s, d.dx);
            d.dzg[s] = (rcg[s] - zg[s] * d.dsg[s]) / sg[s];
        }
        for (int c = 0; c < coupling.length; c++) {
            int s = coupling[c];
            if (zg[s] > sg[s]) {
                // active: the multiplier step is the accurate one; complementarity gives the
                // slack's
                d.dsg[s] = (rcg[s] - sg[s] * d.dzg[s]) / zg[s];
            } else {
                d.dsg[s] = -rg[s] - dotSide(s, d.dx);
                d.dzg[s] = (rcg[s] - zg[s] * d.dsg[s]) / sg[s];
            }
        }
    }

    /**
     * Solves the Newton system and refines the solution twice against the unreduced equations:
     * eliminating the arcs divides by barrier terms that span many orders of magnitude near the
     * optimum, and one refinement step restores the balance equations to rounding level.
     */
    private void solveRefined(
            Direction d,
            DenseCholesky chol,
            double[] rhs,
            double[] sol,
            double[][] blockInv,
            double[] sigmaF,
            double[] x,
            double[] zl,
            double[] zu,
            double[] f,
            double[] zf,
            double[] sg,
            double[] zg,
            double[] rdx,
            double[] rdf,
            double[] rp,
            double[] rg,
            double[] rcl,
            double[] rcu,
            double[] rcf,
            double[] rcg) {
        refineFloor = 0;
        solveDirection(
                d, chol, rhs, sol, blockInv, sigmaF, x, zl, zu, f, zf, sg, zg, rdx, rdf, rp, rg,
                rcl, rcu, rcf, rcg);
        // a refinement pass need not reduce its residual below what the first solve left
        refineFloor = cgTolerance * lastRhsNorm;
        Direction c = correction;
        double[] ex = this.ex, ef = this.ef, ep = this.ep, eg = this.eg, gtdz = this.gtdz;
        for (int pass = 0; pass < 2; pass++) {
            java.util.Arrays.fill(gtdz, 0);
            for (int s = 0; s < r; s++) {
                for (int i = 0; i < sideNodes[s].length; i++) {
                    gtdz[sideNodes[s][i]] += sideCoef[s][i] * d.dzg[s];
                }
            }
            double dualError = 0, sideError = 0;
            for (int k = 0; k < n; k++) {
                ex[k] =
                        fixed[k]
                                ? 0
                                : rdx[k] + a[k] * d.dx[k] - d.dy[k] - d.dzl[k] + d.dzu[k] + gtdz[k];
                ep[k] = rp[k] + d.dx[k];
                dualError = maxNaN(dualError, Math.abs(ex[k]));
            }
            for (int t = 0; t < m; t++) {
                ef[t] = rdf[t] + d.dy[tail[t]] - d.dy[head[t]] - d.dzf[t];
                ep[tail[t]] -= d.df[t];
                ep[head[t]] += d.df[t];
                dualError = maxNaN(dualError, Math.abs(ef[t]));
            }
            for (int s = 0; s < r; s++) {
                eg[s] = rg[s] + dotSide(s, d.dx) + d.dsg[s];
                sideError = Math.max(sideError, Math.abs(eg[s]));
            }
            if (pcg != null) {
                double balance = 0;
                for (int k = 0; k < n; k++) {
                    balance += ep[k] * ep[k];
                }
                // inexact Newton: the direction's balance error is already within what the
                // conjugate gradients were asked for, and its dual and side errors are below what
                // the convergence test can see, so another pass buys nothing (most passes of the
                // first iterations, whose directions are deliberately loose)
                if (Math.sqrt(balance) <= refineFloor
                        && dualError <= negligibleB
                        && sideError <= negligibleX) {
                    refinementsSkipped++;
                    break;
                }
                refinements++;
            }
            solveDirection(
                    c, chol, rhs, sol, blockInv, sigmaF, x, zl, zu, f, zf, sg, zg, ex, ef, ep, eg,
                    zeroN, zeroN, null, zeroR);
            add(d.dx, c.dx);
            add(d.dy, c.dy);
            add(d.dzl, c.dzl);
            add(d.dzu, c.dzu);
            add(d.df, c.df);
            add(d.dzf, c.dzf);
            add(d.dsg, c.dsg);
            add(d.dzg, c.dzg);
        }
    }

    /**
     * The larger of {@code max} and {@code v}, NaN once either is: {@link Math#max}'s result, with
     * one predictable comparison instead of its handling of signed zeros, which costs a dependent
     * chain of branches in the passes over the arcs.
     */
    private static double maxNaN(double max, double v) {
        return v > max || v != v ? v : max;
    }

    private static void add(double[] target, double[] v) {
        for (int i = 0; i < target.length; i++) {
            target[i] += v[i];
        }
    }

    /** The last {@link #stepLengths}: largest primal and dual steps. */
    private double stepPrimal, stepDual;

    /**
     * Largest steps in {@code (0, cap]} along {@code d} keeping the primal slacks (bounds, flows,
     * side slacks) and the multipliers non-negative, into {@link #stepPrimal} and {@link
     * #stepDual}: one pass over the arcs for both, and a division only where a step shrinks.
     */
    private void stepLengths(
            Direction d,
            double[] x,
            double[] f,
            double[] sg,
            double[] zl,
            double[] zu,
            double[] zf,
            double[] zg,
            double cap) {
        double sp = cap, sd = cap;
        for (int k = 0; k < n; k++) {
            if (fixed[k]) {
                continue;
            }
            double dx = d.dx[k];
            if (dx < 0) {
                sp = Math.min(sp, (x[k] - lo[k]) / -dx);
            } else if (dx > 0) {
                sp = Math.min(sp, (hi[k] - x[k]) / dx);
            }
            if (d.dzl[k] < 0) {
                sd = Math.min(sd, zl[k] / -d.dzl[k]);
            }
            if (d.dzu[k] < 0) {
                sd = Math.min(sd, zu[k] / -d.dzu[k]);
            }
        }
        double[] df = d.df, dzf = d.dzf;
        for (int t = 0; t < m; t++) {
            if (f[t] + sp * df[t] < 0) {
                sp = f[t] / -df[t];
            }
            if (zf[t] + sd * dzf[t] < 0) {
                sd = zf[t] / -dzf[t];
            }
        }
        for (int s = 0; s < r; s++) {
            if (d.dsg[s] < 0) {
                sp = Math.min(sp, sg[s] / -d.dsg[s]);
            }
            if (d.dzg[s] < 0) {
                sd = Math.min(sd, zg[s] / -d.dzg[s]);
            }
        }
        stepPrimal = sp;
        stepDual = sd;
    }
}
