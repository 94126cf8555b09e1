package org.gridbazaar.solver.structured.internal;

/**
 * The reduced Newton system solved without forming it: conjugate gradients with a spanning-tree
 * preconditioner ({@link TreePcg}), memory and time per product linear in nodes plus arcs. An
 * inexact Newton method: the conjugate gradients' tolerance follows {@code mu} from {@value
 * #PCG_LOOSEST} down to {@value #PCG_TOLERANCE}, the corrector's solve starts from the predictor's
 * solution, and a refinement pass is skipped when the direction's errors are already within what
 * was asked for and below what the convergence test can see. No coupling rows.
 *
 * <p>A solve whose conjugate gradients reach their iteration limit counts ({@link
 * #unconvergedSolves}): its direction is not the Newton direction. On a problem small enough for
 * the dense system ({@link InteriorPoint#DENSE_NODE_LIMIT} nodes), the iteration's directions are
 * then taken from a {@link DenseReducedSystem} of the same matrix instead ({@link
 * #denseFallbacks}); the next iteration tries the conjugate gradients again.
 */
final class TreeReducedSystem implements ReducedSystem {

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

    private final int n;
    private final int[][] peerNodes;
    private TreePcg pcg;

    /** Per node: the diagonal regularisation of the last factorisation. */
    private final double[] shift;

    /** The last first solve's solution, from which the next first solve starts. */
    private final double[] warmStart;

    private boolean warmValid;
    private double cgTolerance = PCG_TOLERANCE;

    /**
     * Residual norm below which a refinement pass of conjugate gradients stops (0 for a first
     * solve).
     */
    private double refineFloor;

    private double lastRhsNorm;

    /**
     * Largest side-row ({@code kW}) and dual ({@code $/kW}) errors a direction may keep for its
     * refinement pass to be skipped.
     */
    private final double negligibleX, negligibleB;

    private long cgIterations;
    private int refinements, refinementsSkipped;

    /** Conjugate-gradient iterations allowed per solve. */
    private final int maxIterations;

    /** The dense system of the same matrix, made when first needed; {@code null} when too large. */
    private DenseReducedSystem dense;

    private final boolean denseApplies;
    private final IpmProblem problem;

    /** The last factorisation's arguments, for a fall-back to the dense system. */
    private PeerBlocks lastBlocks;

    private ArcSet lastArcs;
    private double[] lastSigma, lastInvSigma;
    private CouplingBorder lastBorder;

    /** Whether this iteration's solves go to the dense system. */
    private boolean denseNow;

    private int unconvergedSolves, denseFallbacks;

    /**
     * The system of {@code p} on the arcs {@code arcs}; a refinement pass may be skipped once the
     * side-row and dual errors are below {@code negligibleX} (kW) and {@code negligibleB} ($/kW).
     */
    TreeReducedSystem(IpmProblem p, ArcSet arcs, double negligibleX, double negligibleB) {
        this(p, arcs, negligibleX, negligibleB, PCG_MAX_ITERATIONS, true);
    }

    /**
     * As {@link #TreeReducedSystem(IpmProblem, ArcSet, double, double)}, with {@code maxIterations}
     * conjugate-gradient iterations per solve, falling back to the dense system after a solve that
     * reaches them only when {@code denseFallback} (and the problem has at most {@link
     * InteriorPoint#DENSE_NODE_LIMIT} nodes).
     */
    TreeReducedSystem(
            IpmProblem p,
            ArcSet arcs,
            double negligibleX,
            double negligibleB,
            int maxIterations,
            boolean denseFallback) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException(
                    "conjugate-gradient iterations per solve must be >= 1, got " + maxIterations);
        }
        this.maxIterations = maxIterations;
        this.problem = p;
        denseApplies = denseFallback && p.n <= InteriorPoint.DENSE_NODE_LIMIT;
        n = p.n;
        peerNodes = p.peerNodes;
        this.negligibleX = negligibleX;
        this.negligibleB = negligibleB;
        shift = new double[n];
        warmStart = new double[n];
        pcg = new TreePcg(n, arcs.tail, arcs.head, peerNodes);
    }

    @Override
    public InteriorPoint.LinearAlgebra algebra() {
        return InteriorPoint.LinearAlgebra.TREE_PCG;
    }

    @Override
    public void arcsChanged(ArcSet arcs) {
        pcg = new TreePcg(n, arcs.tail, arcs.head, peerNodes);
        warmValid = false;
    }

    /** Early directions need few digits, the last ones all of them. */
    @Override
    public void follow(double mu, double muStart) {
        cgTolerance =
                Math.max(
                        PCG_TOLERANCE,
                        Math.min(
                                PCG_LOOSEST, PCG_LOOSEST * Math.pow(mu / muStart, PCG_TIGHTENING)));
    }

    /**
     * Arc weights {@code 1/sigma}, the dense path's diagonal regularisation ({@code 1e-13} of the
     * largest diagonal entry, 1 on an empty row), and the preconditioner.
     */
    @Override
    public boolean factor(
            PeerBlocks blocks,
            ArcSet arcs,
            double[] sigma,
            double[] invSigma,
            CouplingBorder border) {
        int n = this.n, m = arcs.m;
        int[] tail = arcs.tail, head = arcs.head;
        double[][] blockInv = blocks.inverse;
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
        lastBlocks = blocks;
        lastArcs = arcs;
        lastSigma = sigma;
        lastInvSigma = invSigma;
        lastBorder = border;
        denseNow = false;
        return true;
    }

    /**
     * Conjugate gradients to the current tolerance; a refinement pass need not reduce its residual
     * below what the first solve left. The corrector's solution is close to the predictor's: a
     * first solve starts from the last one.
     */
    @Override
    public void solve(double[] rv, double[] sol, boolean refinement) {
        if (denseNow) {
            dense.solve(rv, sol, refinement);
            return;
        }
        if (!refinement) {
            refineFloor = 0;
        }
        lastRhsNorm = 0;
        for (int k = 0; k < n; k++) {
            lastRhsNorm += rv[k] * rv[k];
        }
        lastRhsNorm = Math.sqrt(lastRhsNorm);
        boolean first = refineFloor == 0;
        boolean converged =
                pcg.solve(
                        rv,
                        sol,
                        first && warmValid ? warmStart : null,
                        cgTolerance,
                        refineFloor,
                        maxIterations);
        cgIterations += pcg.lastIterations();
        if (!converged) {
            unconvergedSolves++;
            if (denseApplies) {
                if (dense == null) {
                    dense = new DenseReducedSystem(problem);
                }
                if (dense.factor(lastBlocks, lastArcs, lastSigma, lastInvSigma, lastBorder)) {
                    // this iteration's directions, this one included, from the exact system
                    denseNow = true;
                    denseFallbacks++;
                    dense.solve(rv, sol, refinement);
                    return;
                }
            }
        }
        if (first) {
            System.arraycopy(sol, 0, warmStart, 0, n);
            warmValid = true;
        }
        if (!refinement) {
            refineFloor = cgTolerance * lastRhsNorm;
        }
    }

    /**
     * Inexact Newton: the direction's balance error is already within what the conjugate gradients
     * were asked for, and its dual and side errors are below what the convergence test can see, so
     * another pass buys nothing (most passes of the first iterations, whose directions are
     * deliberately loose).
     */
    @Override
    public boolean refinementNegligible(double[] ep, double dualError, double sideError) {
        if (denseNow) {
            return false;
        }
        double balance = 0;
        for (int k = 0; k < n; k++) {
            balance += ep[k] * ep[k];
        }
        if (Math.sqrt(balance) <= refineFloor
                && dualError <= negligibleB
                && sideError <= negligibleX) {
            refinementsSkipped++;
            return true;
        }
        refinements++;
        return false;
    }

    @Override
    public long linearIterations() {
        return cgIterations;
    }

    @Override
    public int refinementPasses() {
        return refinements;
    }

    @Override
    public int refinementPassesSkipped() {
        return refinementsSkipped;
    }

    /** Solves over the run whose conjugate gradients reached their iteration limit. */
    int unconvergedSolves() {
        return unconvergedSolves;
    }

    /** Iterations over the run whose directions came from the dense system after such a solve. */
    int denseFallbacks() {
        return denseFallbacks;
    }
}
