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
 *
 * <p>This class is the driver: it holds the problem and the run's options and orchestrates the
 * parts, one responsibility each, as Hipparchus splits {@code ADMMQPOptimizer} from its KKT system,
 * convergence checker and options:
 *
 * <ul>
 *   <li>{@link IpmProblem}, the problem in flat arrays, and {@link ArcSet}, the arcs a run works
 *       on;
 *   <li>{@link Iterate}, the primal, dual and slack vectors, with the step along a {@link
 *       Direction} and the step lengths to the boundary;
 *   <li>{@link Residuals} of the optimality conditions, and the {@link ConvergenceCheck} against
 *       the tolerances of the {@link IpmOptions} relative to the problem's {@link Scales};
 *   <li>{@link NewtonSystem}, the Newton directions by elimination to node prices ({@link
 *       PeerBlocks}, {@link CouplingBorder}, {@link ComplementarityTargets}), over a {@link
 *       ReducedSystem}: {@link DenseReducedSystem} or {@link TreeReducedSystem};
 *   <li>{@link ArcPruning}, which sets aside arcs that are clearly empty, and {@link
 *       BreakdownRecovery}, which decides what a run that breaks down returns.
 * </ul>
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
     * The default of {@link #withArcPruning}: an arc is set aside once its scaled multiplier is
     * this many times its scaled flow ({@link ArcPruning}).
     */
    public static final double PRUNE_RATIO = ArcPruning.DEFAULT_RATIO;

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
         * Newton-system solves over the run whose conjugate gradients reached their iteration limit
         * (iterative path only): their directions were not Newton directions, unless the iteration
         * fell back to the dense system ({@link #denseFallbacks}). The status of a converged run is
         * still the certificate's to give.
         */
        public int unconvergedLinearSolves;

        /**
         * Iterations of the iterative path whose directions came from the dense reduced system,
         * after a conjugate-gradient solve reached its iteration limit.
         */
        public int denseFallbacks;

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

    private final IpmProblem problem;
    private final LinearAlgebra algebra;
    private IpmOptions options = IpmOptions.DEFAULTS;

    /** Conjugate-gradient iterations per solve on the iterative path. */
    private int pcgMaxIterations = TreeReducedSystem.PCG_MAX_ITERATIONS;

    /** Whether the iterative path may fall back to the dense system after an unconverged solve. */
    private boolean pcgDenseFallback = true;

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
        problem = new IpmProblem(p);
    }

    /**
     * How readily the iterative path sets aside arcs that look empty at the optimum (see {@link
     * #solve}): an arc goes when its scaled multiplier is {@code ratio} times its scaled flow or
     * more; 0 never sets any aside. The default is {@value #PRUNE_RATIO}; smaller ratios prune
     * earlier and more often wrongly (the run is then repeated), for tests.
     */
    public InteriorPoint withArcPruning(double ratio) {
        options = options.withPruneRatio(ratio);
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
        options = options.withCentralityFloor(floor);
        return this;
    }

    /**
     * The iterative path's conjugate gradients stop after {@code maxIterations} per solve, and an
     * iteration with a solve that reaches them takes its directions from the dense system when
     * {@code denseFallback} (and the problem is small enough); for tests.
     */
    InteriorPoint withPcgLimit(int maxIterations, boolean denseFallback) {
        pcgMaxIterations = maxIterations;
        pcgDenseFallback = denseFallback;
        return this;
    }

    /**
     * Runs the method to tolerance {@code tol} (relative to the problem's injection and price
     * scales), at most {@code maxIter} iterations, until {@code deadlineNanos} ({@link
     * System#nanoTime}).
     *
     * <p>On the iterative path, once the iterates are near the central path (residuals below
     * {@value ArcPruning#RESIDUAL} of the scales, complementarity per pair below {@value
     * ArcPruning#MU} of their product), arcs whose multiplier is large ({@value
     * ArcPruning#REDUCED_COST} of the price scale or more) while their flow is {@link
     * #withArcPruning} times smaller in scaled terms are set to zero and leave the run, in batches
     * of at least a fifth of the arcs left. Every later product and pass over the arcs is cheaper
     * by as much. At the end each such arc's reduced cost is checked: one below {@value
     * ArcPruning#KEEP} of the pruning threshold (1e-4 of the price scale) may be an arc that should
     * have carried flow, and the whole run is repeated without pruning ({@link
     * Outcome#pruningRejected} says so).
     */
    public Outcome solve(double tol, int maxIter, double deadlineNanos, Monitor monitor) {
        IpmOptions run = options.withLimits(tol, maxIter, deadlineNanos);
        Outcome o = run(run, monitor, run.pruneRatio() > 0 && algebra == LinearAlgebra.TREE_PCG);
        if (o.pruningRejected) {
            Outcome again = run(run, monitor, false);
            again.pruningRejected = true;
            return again;
        }
        return o;
    }

    /**
     * One run: Mehrotra's predictor and corrector per iteration, with the parts each step belongs
     * to: the {@link Iterate} and its {@link Residuals}, the {@link ConvergenceCheck}, the {@link
     * NewtonSystem} over a {@link ReducedSystem}, {@link ArcPruning} and {@link BreakdownRecovery}.
     */
    private Outcome run(IpmOptions opts, Monitor monitor, boolean prune) {
        IpmProblem p = problem;
        double tol = opts.tolerance();
        int maxIter = opts.maxIterations();
        Outcome out = new Outcome();
        ArcSet arcs = ArcSet.all(p);
        Scales scales = Scales.of(p, arcs);
        double scaleX = scales.quantity(), scaleB = scales.price();
        Iterate it = Iterate.start(p, arcs, scales);
        int pairs = it.pairs();
        boolean dense = algebra == LinearAlgebra.DENSE;
        ReducedSystem reduced =
                dense
                        ? new DenseReducedSystem(p)
                        : new TreeReducedSystem(
                                p,
                                arcs,
                                1e-2 * tol * scaleX,
                                1e-2 * tol * scaleB,
                                pcgMaxIterations,
                                pcgDenseFallback);
        NewtonSystem newton = new NewtonSystem(p, arcs.m, reduced, scales);
        Residuals res = new Residuals(p, arcs.m);
        ComplementarityTargets targets = new ComplementarityTargets(p, arcs.m);
        ConvergenceCheck check = new ConvergenceCheck(p, tol, scales);
        ArcPruning pruning = new ArcPruning(prune, opts.pruneRatio(), scales);
        BreakdownRecovery recovery = new BreakdownRecovery();
        Direction aff = new Direction(p.n, arcs.m, p.r), cor = new Direction(p.n, arcs.m, p.r);
        double muStart = 0;
        for (int iter = 0; iter <= maxIter; iter++) {
            int[] keep = pruning.due(iter, res, it);
            if (keep != null) {
                pairs -= it.arcs.m - keep.length;
                it.keepArcs(keep);
                int m = it.arcs.m;
                // the per-arc work follows the new arc count; all of it is recomputed each
                // iteration
                newton.arcsChanged(m);
                reduced.arcsChanged(it.arcs);
                aff = new Direction(p.n, m, p.r);
                cor = new Direction(p.n, m, p.r);
            }
            res.evaluate(it, pairs);
            double resP = res.primal, resD = res.dual, mu = res.mu;
            if (iter == 0) {
                muStart = Math.max(mu, 1e-300);
            }
            reduced.follow(mu, muStart);
            out.iterations = iter;
            out.history.add(new IterationRecord(iter, resP, resD, mu));
            String diverged = check.divergence(iter, res);
            if (diverged != null) {
                recovery.breakDown(out, diverged);
                break;
            }
            boolean settled = check.settled(it, res);
            double undecided = settled ? check.undecided(it, res) : Double.POSITIVE_INFINITY;
            if (settled && check.decided(undecided)) {
                out.converged = true;
                break;
            }
            if (!settled && recovery.lostCertified(iter)) {
                break;
            }
            if (settled && check.certifiable(undecided)) {
                recovery.keepCertified(iter, res, it);
            }
            if (check.stalled(iter, res)) {
                // stalled at rounding level: accept, the certificate says how far it got
                out.converged = true;
                break;
            }
            if (check.acceptable(res)) {
                recovery.keepAcceptable(iter, res, it);
            }
            check.record(iter, mu);
            if (iter == maxIter) {
                break;
            }
            if (System.nanoTime() > opts.deadlineNanos()) {
                out.timeLimit = true;
                break;
            }
            if (monitor != null && monitor.iteration(iter, resP, resD, mu)) {
                out.stopped = true;
                break;
            }
            if (!newton.factor(it)) {
                recovery.breakDown(
                        out,
                        "the reduced Newton matrix was not positive definite at iteration " + iter);
                break;
            }

            // predictor
            targets.predictor(it);
            newton.solve(aff, it, res, targets);
            it.stepLengths(aff, 1.0);
            double alpha = Math.min(it.stepPrimal(), it.stepDual());
            double compAff = it.complementarityAfter(aff, alpha);
            double sigma =
                    Math.pow(Math.max(0, compAff) / Math.max(res.complementarity, 1e-300), 3);
            sigma = Math.min(1, sigma);
            double target = sigma * mu;
            // (only when asked, on a retry) complementarity may not run far ahead of feasibility
            target =
                    Math.max(target, opts.centralityFloor() * muStart * resP / check.firstPrimal());
            // corrector
            targets.corrector(it, aff, target);
            newton.solve(cor, it, res, targets);
            double eta = Math.max(0.9, 1 - 10 * mu / Math.max(1e-300, scaleB * scaleX));
            eta = Math.min(eta, 0.995);
            it.stepLengths(cor, 1 / eta);
            alpha = Math.min(1, eta * Math.min(it.stepPrimal(), it.stepDual()));
            if (!(alpha > 0) || Double.isNaN(alpha)) {
                recovery.breakDown(out, "the step length was " + alpha + " at iteration " + iter);
                break;
            }
            it.step(cor, alpha);
        }
        BreakdownRecovery.Kept returned = recovery.returned();
        if (returned != null) {
            it = returned.point();
            out.converged = true;
            out.iterations = returned.iteration();
            if (recovery.isCertified(returned)) {
                out.numericalFailure = false;
            } else {
                out.recovered = true;
            }
        }
        out.algebra = reduced.algebra();
        out.linearIterations = reduced.linearIterations();
        out.refinementPasses = reduced.refinementPasses();
        out.refinementPassesSkipped = reduced.refinementPassesSkipped();
        if (reduced instanceof TreeReducedSystem tree) {
            out.unconvergedLinearSolves = tree.unconvergedSolves();
            out.denseFallbacks = tree.denseFallbacks();
        }
        double prunedDualError = 0;
        if (!it.arcs.complete()) {
            // back to the problem's arcs: the pruned ones carry nothing, their multiplier is the
            // reduced cost
            double lowest = ArcPruning.restore(p, it);
            prunedDualError = Math.max(0, -lowest);
            out.pruningRejected = out.converged && pruning.rejects(lowest);
        }
        out.arcsPruned = pruning.pruned();
        out.x = it.x;
        out.f = it.f;
        out.y = it.y;
        out.zf = it.zf;
        out.couplingDuals = new double[p.coupling.length];
        for (int c = 0; c < p.coupling.length; c++) {
            out.couplingDuals[c] = it.zg[p.coupling[c]];
        }
        IterationRecord last = out.history.get(out.history.size() - 1);
        out.primalResidual = returned != null ? returned.primalResidual() : last.primalResidual();
        out.dualResidual =
                Math.max(
                        returned != null ? returned.dualResidual() : last.dualResidual(),
                        prunedDualError);
        out.gap = it.complementarity();
        return out;
    }
}
