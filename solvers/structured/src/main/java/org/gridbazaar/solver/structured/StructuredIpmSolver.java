package org.gridbazaar.solver.structured;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.internal.BlockSolve;
import org.gridbazaar.solver.structured.internal.Certificate;
import org.gridbazaar.solver.structured.internal.FlowChecks;
import org.gridbazaar.solver.structured.internal.ImpliedBounds;
import org.gridbazaar.solver.structured.internal.InteriorPoint;
import org.gridbazaar.solver.structured.internal.SpanningForest;
import org.gridbazaar.solver.support.KktResiduals;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * The default centralized solver, {@code structured-ipm}. Two exact methods share it:
 *
 * <ul>
 *   <li>for markets with only bounds, balance and trading pairs (no CHP regions, no hard line
 *       limits) and strictly convex costs on every peer that is not fixed, when small or very dense
 *       (at most 1,200 nodes, or at least 200 trading pairs per node): an exact primal-dual
 *       active-set method on a spanning forest of trades ({@code internal.SpanningForest}); it
 *       falls back to the interior-point method if it runs out of its pivot budget or its
 *       certificate misses the tolerance;
 *   <li>otherwise, and as that fallback: a primal-dual interior-point method.
 * </ul>
 *
 * The interior-point method (Mehrotra predictor-corrector) reduces its Newton system to one
 * equation per node (peer and commodity) instead of one per trade, by eliminating the trades
 * through their diagonal barrier terms. Costs sit on each peer's aggregate injection and trades
 * carry only linear terms, so the reduced matrix is a weighted graph Laplacian plus a
 * block-diagonal term.
 *
 * <p>Around the interior-point method:
 *
 * <ul>
 *   <li>an exact feasibility check by maximum flow (a circulation with bounds) before solving, for
 *       problems without side constraints, so an infeasible market is reported {@code INFEASIBLE}
 *       with certainty; with side constraints (CHP regions) or coupling constraints (hard line
 *       limits), a phase-one problem decides when the main run does not converge;
 *   <li>a crossover after convergence: a flow realising the optimal injections using only the arcs
 *       the interior point marks as optimal (zero reduced cost), found by maximum flow. It is
 *       optimal and far sparser than the interior-point flow, which spreads trades over every arc
 *       of the optimal face.
 * </ul>
 *
 * The result carries a certificate: primal residual (balance and bounds, kW), dual residual ($/kW)
 * and the complementarity gap ($), which bounds the distance to the optimal objective.
 *
 * <p>Scales. Both methods stop on residuals relative to the market's quantity and price scales; two
 * safeguards keep one huge or stiff peer from making those scales blind to everyone else:
 *
 * <ul>
 *   <li>before solving, a bound that can never bind (a producer's 1e15 kW beside a few hundred kW
 *       of demand) is replaced by the bound the balance of its trading component implies, plus an
 *       equal margin ({@code internal.ImpliedBounds}; exact: the optimum and multipliers are
 *       unchanged);
 *   <li>the status is {@code OPTIMAL} only when the returned point's own residuals pass on each
 *       node's and trade's own scale ({@code internal.Certificate}): within 1,000 times the
 *       tolerance (10,000 for an iterate returned because later ones broke down); otherwise {@code
 *       ITERATION_LIMIT} (or {@code NUMERICAL_ERROR} after a breakdown) with a message naming the
 *       residual, where, and how far above its limit. The interior point itself runs until every
 *       node's set-point is decided within 100 times the tolerance on its own scale.
 * </ul>
 *
 * A run that stops early says why: stopped on request, time limit, iteration limit, or breakdown
 * (what broke down: the reduced matrix, the step, or residuals diverging), with the returned
 * point's worst residual.
 *
 * <p>Coupling constraints (hard line limits) couple the peers' blocks; they border the reduced
 * matrix with one dense row and column per limited line, whose multiplier step stays an unknown
 * ({@code CouplingBorder}), cheap for the few limited lines of a feeder ({@code n^2} flops per
 * limited line and iteration). Their multipliers are returned as {@link
 * ProblemSolution#couplingDuals()}.
 *
 * <p>Memory and time per iteration, for {@code n} nodes and {@code m} arcs (trades): the reduced
 * system is solved one of two ways, chosen per problem ({@code InteriorPoint.choose}; {@code
 * DenseReducedSystem} and {@code TreeReducedSystem}).
 *
 * <ul>
 *   <li>Dense Cholesky: {@code 8 n^2} bytes and {@code n^3/3} flops per iteration. Used with
 *       coupling constraints (their border is dense; then at most {@value #MAX_DENSE_NODES} nodes
 *       plus rows) and when {@code n^3/3} is below about {@code 300 (n + m)}, the measured cost of
 *       the iterative path in the same units (all-pairs markets up to about 300 peers).
 *   <li>Conjugate gradients on the never-formed matrix, preconditioned by a maximum-weight spanning
 *       tree of the arcs plus the diagonal (exact in {@code O(n)}, no fill): memory linear in
 *       {@code n + m} (a whole clearing of 10,000 peers with 20 partners each, market and problem
 *       included, runs in a 56 MB heap and fails in 48 MB, about 0.5 kB per trade), and per
 *       iteration a linear-time tree construction plus some tens (sparse partner sets) to a few
 *       hundred (all pairs, whose optimal arcs form clusters a tree approximates poorly) products
 *       with {@code M}, each one pass over the arcs. Early solves are inexact (relative residual
 *       {@code 1e-2}, tightened with {@code mu} down to {@code 1e-10}), and so are their refinement
 *       passes, skipped when they could change nothing the convergence test sees. Once the iterates
 *       near the central path, arcs that are clearly empty at the optimum leave the run (about 90%
 *       of them at 10,000 x 20), and each one's reduced cost is checked at the end (one below 1e-4
 *       of the price scale repeats the run without pruning; {@code ArcPruning}).
 * </ul>
 *
 * {@link #supports} declines above {@value #MAX_NODES} nodes, or {@value #MAX_BLOCK_NODES} in a
 * market over time with peer blocks.
 */
public final class StructuredIpmSolver implements MarketSolver {

    /**
     * Largest number of nodes (peers times commodities) accepted. Memory is linear in nodes and
     * trades without coupling constraints; the limit is the largest size measured (50,000 peers
     * with 20 partners each, 500,000 trades: 28 iterations, about 11 s on a 2-core machine).
     */
    public static final int MAX_NODES = 50_000;

    /**
     * Largest number of nodes (peers times commodities times periods) accepted in a market over
     * time with storage, ramps or energy windows (peer blocks): the largest size measured, a
     * 15-minute day of 1,000 peers with 20 partners each (96,000 nodes, 960,000 trades; see {@code
     * docs/benchmarks.md}).
     */
    public static final int MAX_BLOCK_NODES = 100_000;

    /**
     * Largest number of nodes plus coupling rows accepted when there are coupling constraints (hard
     * line limits): their bordered reduced matrix is solved densely ({@code 8 n^2} bytes).
     */
    public static final int MAX_DENSE_NODES = 6000;

    /**
     * Pivot budget of the spanning-forest method per node; past it the interior-point method takes
     * over (the method has no proof against cycling).
     */
    static final long FOREST_PIVOTS_PER_NODE = 50;

    /** Up to this many nodes the spanning-forest method is tried whatever the density. */
    static final int FOREST_ANY_DENSITY_NODES = 1200;

    /**
     * Above {@link #FOREST_ANY_DENSITY_NODES}, the spanning-forest method is tried from this many
     * arcs per node.
     */
    static final int FOREST_MIN_ARCS_PER_NODE = 200;

    /**
     * How far above the tolerance, relative to each node's and arc's own scale, a returned point's
     * residuals may be ({@code internal.Certificate}) for the status to be {@code OPTIMAL}: 1e-6 at
     * the default tolerance, the level at which the interior point accepts an earlier iterate when
     * its last ones break down numerically, and the contract's KKT tolerance. The runs themselves
     * aim at the tolerance (the interior point waits until every node is decided within ten times
     * it); this is the line below which a point is not called optimal.
     */
    static final double CERTIFICATE_SLACK = 1e3;

    /**
     * The same for a point the interior point returns because its later iterations broke down
     * ({@code InteriorPoint.Outcome.recovered}): that point met residuals of 1e-6 of the
     * market-wide scales, which on a small peer's own scales can be ten times more; its message
     * states its largest per-peer residual.
     */
    static final double RECOVERED_SLACK = 1e4;

    /**
     * Up to this many nodes, an iterative interior-point run that breaks down is repeated with the
     * dense linear algebra ({@code n^3/3} flops per iteration: about 0.3 Gflop at this size).
     */
    static final int DENSE_RETRY_NODES = 1000;

    /**
     * Centrality floor of the retry of a run that broke down ({@code
     * InteriorPoint.withCentralityFloor}).
     */
    static final double RETRY_CENTRALITY_FLOOR = 1e-2;

    /** Interior-point iteration limit used when the options allow more. */
    public static final int DEFAULT_MAX_IPM_ITERATIONS = 300;

    /** The linear algebra to use, or {@code null} to choose per problem. */
    private final InteriorPoint.LinearAlgebra algebra;

    /** The solver, choosing the linear algebra per problem ({@link InteriorPoint#choose}). */
    /**
     * The problem the block path solves for {@code p} (a market over time with storage, ramps or
     * energy windows): variables arcs (trades, kW), nodes (net injections, kW) and private
     * variables; rows the balance, side and coupling rows; costs in $ (per period, times its
     * length). For measurement and inspection: its size, its envelope, and runs of {@link
     * SeparableQpSolver} with a chosen {@link SeparableQpSolver.LinearAlgebra}.
     */
    public static SeparableQp blockProblem(MarketProblem p) {
        return BlockSolve.standardForm(p);
    }

    public StructuredIpmSolver() {
        this(null);
    }

    /** The solver with a fixed linear algebra, for tests comparing the paths. */
    StructuredIpmSolver(InteriorPoint.LinearAlgebra algebra) {
        this.algebra = algebra;
    }

    @Override
    public String name() {
        return "structured-ipm";
    }

    @Override
    public Support supports(MarketProblem problem) {
        if (problem.hasPeerBlocks()) {
            if (problem.nodeCount() > MAX_BLOCK_NODES) {
                return Support.no(
                        problem.nodeCount()
                                + " nodes (peers x commodities x periods) exceed "
                                + MAX_BLOCK_NODES
                                + ", the largest market over time this solver has been measured at");
            }
        } else if (problem.nodeCount() > MAX_NODES) {
            return Support.no(
                    problem.nodeCount()
                            + " nodes (peers x commodities) exceed "
                            + MAX_NODES
                            + ", the largest size this solver has been measured at");
        }
        int bordered = problem.nodeCount() + problem.couplingConstraintCount();
        if (problem.couplingConstraintCount() > 0 && bordered > MAX_DENSE_NODES) {
            return Support.no(
                    problem.nodeCount()
                            + " nodes plus "
                            + problem.couplingConstraintCount()
                            + " line-limit rows exceed "
                            + MAX_DENSE_NODES
                            + ": with hard line limits the reduced Newton matrix is dense (8 n^2 bytes)");
        }
        return Support.yes();
    }

    @Override
    public ProblemSolution solve(MarketProblem original, SolverOptions options) {
        requireSupported(original);
        long start = System.nanoTime();
        if (original.hasPeerBlocks()) {
            double deadline =
                    Double.isInfinite(options.timeLimitSeconds())
                            ? Double.POSITIVE_INFINITY
                            : start + options.timeLimitSeconds() * 1e9;
            return BlockSolve.solve(
                    original,
                    name(),
                    options.tolerance(),
                    options.maxIterations(),
                    deadline,
                    (k, p, d) -> {
                        options.progress().iteration(k, p, d);
                        return options.progress().stopRequested();
                    },
                    start);
        }
        MarketProblem problem = original;
        int n = problem.nodeCount();
        double[] lo = problem.lower(), hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head();
        boolean constrained = problem.sideConstraintCount() + problem.couplingConstraintCount() > 0;
        java.util.List<double[]> unmatched =
                constrained
                        ? null
                        : FlowChecks.unmatched(
                                n, problem.nodeCommodity(), lo, hi, tail, head, 1e-9);
        if (unmatched != null) {
            return ProblemSolution.without(
                    Status.INFEASIBLE,
                    name(),
                    0,
                    seconds(start),
                    "no injections within the bounds can be balanced by trades on the allowed pairs (maximum-flow check)"
                            + unmatchedPeers(problem, unmatched));
        }
        String emptyPeer = emptyLocalSet(problem);
        if (emptyPeer != null) {
            return ProblemSolution.without(
                    Status.INFEASIBLE,
                    name(),
                    0,
                    seconds(start),
                    "peer "
                            + emptyPeer
                            + ": no set-point satisfies both its bounds and its operating region");
        }
        // the same problem with bounds that can never bind replaced by implied ones, so that the
        // tolerances relative to its scales mean something
        problem = ImpliedBounds.tighten(problem);
        double deadline =
                Double.isInfinite(options.timeLimitSeconds())
                        ? Double.POSITIVE_INFINITY
                        : start + options.timeLimitSeconds() * 1e9;
        if (algebra == null && prefersForest(problem)) {
            ProblemSolution viaForest = solveByForest(problem, options, start, deadline);
            if (viaForest != null) {
                return viaForest;
            }
        }
        InteriorPoint.LinearAlgebra la = problem.couplingConstraintCount() > 0 ? null : algebra;
        int maxIter = Math.min(options.maxIterations(), DEFAULT_MAX_IPM_ITERATIONS);
        InteriorPoint.Monitor monitor =
                (k, p, d, mu) -> {
                    options.progress().iteration(k, p, d);
                    return options.progress().stopRequested();
                };
        InteriorPoint ipm =
                la == null ? new InteriorPoint(problem) : new InteriorPoint(problem, la);
        InteriorPoint.Outcome o = ipm.solve(options.tolerance(), maxIter, deadline, monitor);
        if (!o.converged
                && o.numericalFailure
                && la == null
                && o.algebra == InteriorPoint.LinearAlgebra.TREE_PCG
                && problem.nodeCount() <= DENSE_RETRY_NODES) {
            // the conjugate gradients' directions are inexact by design; near a CHP vertex whose
            // rows have z/s of 1e12 and more that inexactness can stall the steps and break the
            // run down, where the exact dense direction does not (a 165-peer mixed market)
            InteriorPoint.Outcome dense =
                    new InteriorPoint(problem, InteriorPoint.LinearAlgebra.DENSE)
                            .solve(options.tolerance(), maxIter, deadline, monitor);
            if (dense.converged || !dense.numericalFailure) {
                o = dense;
            }
        }
        if (!o.converged && o.numericalFailure && la == null) {
            // a run that jammed (slacks at rounding level before the balance holds) may clear
            // when complementarity is kept from running ahead of feasibility
            InteriorPoint.LinearAlgebra again =
                    problem.nodeCount() <= DENSE_RETRY_NODES
                                    && problem.couplingConstraintCount() == 0
                            ? InteriorPoint.LinearAlgebra.DENSE
                            : InteriorPoint.choose(problem);
            InteriorPoint.Outcome central =
                    new InteriorPoint(problem, again)
                            .withCentralityFloor(RETRY_CENTRALITY_FLOOR)
                            .solve(options.tolerance(), maxIter, deadline, monitor);
            if (central.converged) {
                o = central;
            }
        }
        if (!o.converged) {
            if (constrained
                    && !o.stopped
                    && PhaseOne.infeasible(problem, options.tolerance(), deadline)) {
                return ProblemSolution.without(
                        Status.INFEASIBLE,
                        name(),
                        o.iterations,
                        seconds(start),
                        "no point satisfies the bounds, side constraints, line limits and trading rules together (phase-one problem)");
            }
            ProblemSolution rowSpace =
                    o.stopped || o.timeLimit
                            ? null
                            : rowSpaceFallback(problem, options, start, deadline);
            if (rowSpace != null) {
                return rowSpace;
            }
            Status status = o.numericalFailure ? Status.NUMERICAL_ERROR : Status.ITERATION_LIMIT;
            String why =
                    o.numericalFailure
                            ? "the interior point broke down: " + o.breakdown
                            : o.stopped
                                    ? "stopped on request after " + o.iterations + " iterations"
                                    : o.timeLimit
                                            ? "time limit of "
                                                    + options.timeLimitSeconds()
                                                    + " s reached after "
                                                    + o.iterations
                                                    + " iterations"
                                            : "iteration limit of " + maxIter + " reached";
            String where =
                    o.x == null
                            ? null
                            : Certificate.failure(
                                    problem, o.x, o.f, o.y, o.couplingDuals, options.tolerance());
            if (where != null) {
                why += "; the point returned misses the tolerance at the " + where;
            }
            Termination.Reason reason =
                    o.numericalFailure
                            ? Termination.Reason.NUMERICAL_ERROR
                            : o.stopped
                                    ? Termination.Reason.INTERRUPTED
                                    : o.timeLimit
                                            ? Termination.Reason.TIME_LIMIT
                                            : Termination.Reason.ITERATION_LIMIT;
            Termination.PointStatus point =
                    where == null
                            ? Termination.PointStatus.FEASIBLE
                            : Termination.PointStatus.UNDETERMINED;
            return ProblemSolution.of(
                            status,
                            o.x,
                            o.f,
                            o.y,
                            null,
                            name(),
                            o.iterations,
                            seconds(start),
                            o.primalResidual,
                            o.dualResidual,
                            o.gap,
                            o.history,
                            why)
                    .withCouplingDuals(o.couplingDuals)
                    .withTermination(new Termination(reason, point, point, why));
        }
        double[] f = crossover(problem, o);
        double[] x = problem.injections(f);
        double accept = (o.recovered ? RECOVERED_SLACK : CERTIFICATE_SLACK) * options.tolerance();
        String failure = Certificate.failure(problem, x, f, o.y, o.couplingDuals, accept);
        double[] ipmX = problem.injections(o.f);
        if (failure != null
                && Certificate.failure(problem, ipmX, o.f, o.y, o.couplingDuals, accept) == null) {
            // the crossover's sparse flow lost more than the tolerance: the interior point's own
            // flow is optimal (with the injections it realises, so that the balance is exact and
            // a set-point its trades do not carry shows in its price)
            f = o.f;
            x = ipmX;
            failure = null;
        }
        if (failure != null) {
            ProblemSolution rowSpace = rowSpaceFallback(problem, options, start, deadline);
            if (rowSpace != null) {
                return rowSpace;
            }
            return ProblemSolution.of(
                            o.recovered ? Status.NUMERICAL_ERROR : Status.ITERATION_LIMIT,
                            x,
                            f,
                            o.y,
                            null,
                            name(),
                            o.iterations,
                            seconds(start),
                            o.primalResidual,
                            o.dualResidual,
                            o.gap,
                            o.history,
                            "the interior point stopped on its market-wide residuals"
                                    + (o.recovered
                                            ? " (at an earlier iterate, the later ones broke down numerically)"
                                            : "")
                                    + ", but its point fails the per-peer check: "
                                    + failure)
                    .withCouplingDuals(o.couplingDuals);
        }
        // bounds and side constraints (balance holds by construction), then the coupling rows
        double violation = KktResiduals.primal(problem, x, f);
        for (int c = 0; c < problem.couplingConstraintCount(); c++) {
            violation =
                    Math.max(
                            violation,
                            KktResiduals.sideLhs(
                                            problem.couplingCoefficients(c),
                                            problem.couplingNodes(c),
                                            x)
                                    - problem.couplingRhs(c));
        }
        return ProblemSolution.of(
                        Status.OPTIMAL,
                        x,
                        f,
                        o.y,
                        null,
                        name(),
                        o.iterations,
                        seconds(start),
                        Math.max(0, violation),
                        o.dualResidual,
                        o.gap,
                        o.history,
                        o.recovered
                                ? "iterations after "
                                        + o.iterations
                                        + " broke down numerically ("
                                        + o.breakdown
                                        + "); the optimum is iteration "
                                        + o.iterations
                                        + "'s point, whose residuals met the acceptance thresholds (see the certificate)"
                                        + worstNote(problem, x, f, o, options.tolerance())
                                : "")
                .withCouplingDuals(o.couplingDuals);
    }

    /**
     * The row-space interior point's optimum of a problem the node-space one could not certify,
     * when it converges and its point also passes the node-space certificate; {@code null}
     * otherwise. The row-space method tests every bound on its own scale (a 0.001 kW peer beside a
     * 1e7 kW backstop is decided at its bound, not left a few 1e-9 kW inside it), which is where
     * the node-space method's market-wide stopping test can stop short.
     */
    private ProblemSolution rowSpaceFallback(
            MarketProblem problem, SolverOptions options, long start, double deadline) {
        if (problem.nodeCount() + problem.arcCount() > ROW_SPACE_FALLBACK_VARIABLES) {
            return null;
        }
        ProblemSolution s =
                BlockSolve.solve(
                        problem,
                        name(),
                        options.tolerance(),
                        options.maxIterations(),
                        deadline,
                        (k, p, d) -> {
                            options.progress().iteration(k, p, d);
                            return options.progress().stopRequested();
                        },
                        start);
        if (s.status() != Status.OPTIMAL
                || Certificate.failure(
                                problem,
                                s.x(),
                                s.f(),
                                s.y(),
                                s.couplingDuals(),
                                CERTIFICATE_SLACK * options.tolerance())
                        != null) {
            return null;
        }
        String note =
                "the node-space interior point stopped without a certificate; the row-space interior point solved it";
        return ProblemSolution.of(
                        Status.OPTIMAL,
                        s.x(),
                        s.f(),
                        s.y(),
                        null,
                        name(),
                        s.iterations(),
                        s.seconds(),
                        s.primalResidual(),
                        s.dualResidual(),
                        s.dualityGap(),
                        s.history(),
                        note)
                .withCouplingDuals(s.couplingDuals());
    }

    /**
     * Largest problem (nodes plus arcs) on which {@link #rowSpaceFallback} is tried: its factor
     * treats each period's trades as dense.
     */
    static final int ROW_SPACE_FALLBACK_VARIABLES = 200_000;

    /**
     * The peers a failed maximum-flow check left unmatched, for the INFEASIBLE reason (at most five
     * named).
     */
    private static String unmatchedPeers(
            MarketProblem problem, java.util.List<double[]> unmatched) {
        if (unmatched.isEmpty()) {
            return "; the least injections and withdrawals do not add up to zero for some commodity";
        }
        StringBuilder b = new StringBuilder("; for example ");
        for (int i = 0; i < Math.min(5, unmatched.size()); i++) {
            int k = (int) unmatched.get(i)[0];
            double left = unmatched.get(i)[1];
            var key = problem.nodeKey(k);
            b.append(i == 0 ? "" : ", ")
                    .append("peer ")
                    .append(problem.peerLabel(key.peer()))
                    .append(left > 0 ? " must sell " : " must buy ")
                    .append(
                            new java.math.BigDecimal(Math.abs(left))
                                    .round(new java.math.MathContext(6))
                                    .stripTrailingZeros()
                                    .toPlainString())
                    .append(" kW")
                    .append(key.commodity() == MarketProblem.HEAT ? " of heat" : "")
                    .append(
                            left > 0
                                    ? " more than its partners can take"
                                    : " more than its partners can give")
                    .append(problem.periodCount() > 1 ? " in period " + key.period() : "");
        }
        if (unmatched.size() > 5) {
            b.append(" (").append(unmatched.size() - 5).append(" more)");
        }
        return b.toString();
    }

    /**
     * For a recovered point's message: its largest residual above the tolerance on its own scale,
     * if any.
     */
    private static String worstNote(
            MarketProblem problem, double[] x, double[] f, InteriorPoint.Outcome o, double tol) {
        String worst = Certificate.failure(problem, x, f, o.y, o.couplingDuals, tol);
        return worst == null ? "" : "; its largest residual on its own scale is the " + worst;
    }

    /**
     * Whether to try the spanning-forest method first: it applies (bounds, balance and trading
     * pairs only, strictly convex costs) and the market is small or very dense. Its pivots cost
     * time in proportion to the size of the tree they change, and both grow with the number of
     * nodes, so its time grows faster than quadratically in nodes but only linearly in arcs; the
     * interior point's grows with arcs. Thread CPU on BenchmarkMarkets at e8d47b1 (2026-11-22;
     * forest / interior point, best of 4): 600 peers x 20 partners 34 / 62 ms; 1,000 x 20: 83 / 95
     * ms; 1,000 x 50: 114 / 161 ms; 1,200 x 20: 145 / 218 ms; 1,200 x 50: 174 / 208 ms; 1,500 x 20:
     * 235 / 100 ms; 1,500 x 50: 215 / 136 ms; 2,000 x 20: 471 / 115 ms; 2,000 x 50: 512 / 214 ms.
     * At 8f3f16b: 1,000 all-pairs 0.15 / about 4 s; 4,000 x 100: 17 / 3.2 s; 2,000 all-pairs (1,000
     * pairs per node): 0.6 s / tens of seconds. See docs/benchmarks.md.
     */
    static boolean prefersForest(MarketProblem problem) {
        int n = problem.nodeCount();
        return SpanningForest.applies(problem)
                && (n <= FOREST_ANY_DENSITY_NODES
                        || problem.arcCount() >= FOREST_MIN_ARCS_PER_NODE * (long) n);
    }

    /**
     * The spanning-forest method's optimum, or {@code null} when it gave up (pivot budget,
     * deadline) or its certificate misses the tolerance, so that the interior-point method runs
     * instead.
     */
    private ProblemSolution solveByForest(
            MarketProblem problem, SolverOptions options, long start, double deadline) {
        long budget = FOREST_PIVOTS_PER_NODE * (long) problem.nodeCount() + 1000;
        SpanningForest.Outcome o =
                SpanningForest.solve(
                        problem,
                        options.maxIterations(),
                        budget,
                        deadline,
                        (pass, p, d) -> {
                            options.progress().iteration(pass, p, d);
                            return options.progress().stopRequested();
                        });
        if (o == null) {
            return null;
        }
        if (o.stopped || o.passLimit) {
            String why =
                    o.stopped
                            ? "stopped on request"
                            : "pass limit of the spanning-forest method reached before optimality";
            return ProblemSolution.of(
                            Status.ITERATION_LIMIT,
                            o.x,
                            o.f,
                            o.y,
                            null,
                            name(),
                            o.passes,
                            seconds(start),
                            o.primalResidual,
                            o.dualResidual,
                            o.gap,
                            o.history,
                            why)
                    .withTermination(
                            new Termination(
                                    o.stopped
                                            ? Termination.Reason.INTERRUPTED
                                            : Termination.Reason.ITERATION_LIMIT,
                                    Termination.PointStatus.UNDETERMINED,
                                    Termination.PointStatus.UNDETERMINED,
                                    why));
        }
        if (Certificate.failure(
                        problem,
                        o.x,
                        o.f,
                        o.y,
                        new double[0],
                        CERTIFICATE_SLACK * options.tolerance())
                != null) {
            return null;
        }
        return ProblemSolution.of(
                Status.OPTIMAL,
                o.x,
                o.f,
                o.y,
                null,
                name(),
                o.passes,
                seconds(start),
                o.primalResidual,
                o.dualResidual,
                o.gap,
                o.history,
                "");
    }

    /**
     * A sparse optimal flow on the arcs with zero reduced cost, or the interior-point flow if none
     * is found.
     */
    private static double[] crossover(MarketProblem problem, InteriorPoint.Outcome o) {
        int m = problem.arcCount();
        double[] x = problem.injections(o.f);
        // the interior point's flows leave dust at peers fixed or held at a bound (1e-7 kW at a
        // peer fixed at zero); the crossover realises the injections within the bounds, so the
        // dust goes to the peers whose scale absorbs it
        double[] lo = problem.lower(), hi = problem.upper();
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.min(hi[k], Math.max(lo[k], x[k]));
        }
        // nodes at a bound of zero keep interior-point dust of ~1e-9 scale each with no optimal
        // arc to carry it; the crossover drops that dust, so allow it per node
        double tol = 1e-9 * problem.injectionScale() * Math.max(100, problem.nodeCount());
        boolean[] tight = new boolean[m];
        for (int t = 0; t < m; t++) {
            tight[t] = o.f[t] > o.zf[t];
        }
        double[] f = FlowChecks.realise(x, problem.tail(), problem.head(), tight, tol);
        if (f == null) {
            double zmax = 0;
            for (int t = 0; t < m; t++) {
                zmax = Math.max(zmax, o.zf[t]);
            }
            for (int t = 0; t < m; t++) {
                tight[t] = tight[t] || o.zf[t] <= 1e-6 * Math.max(1, zmax);
            }
            f = FlowChecks.realise(x, problem.tail(), problem.head(), tight, tol);
        }
        return f != null
                ? FlowChecks.toForest(f, problem.tail(), problem.head(), problem.nodeCount())
                : o.f.clone();
    }

    /**
     * The label of a peer with side constraints whose own set (bounds and side constraints, at most
     * two nodes: a CHP region) is empty, or {@code null}. Exact for two dimensions: the set is
     * non-empty iff some intersection of two of its boundary lines satisfies every constraint.
     */
    static String emptyLocalSet(MarketProblem problem) {
        if (problem.sideConstraintCount() == 0) {
            return null;
        }
        double[] lo = problem.lower(), hi = problem.upper();
        // one pass: each peer's rows g0 * x0 + g1 * x1 <= h over its two nodes, bounds first
        java.util.Map<Integer, java.util.List<double[]>> rows = new java.util.LinkedHashMap<>();
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            int q = problem.sidePeer(r);
            int[] nodes = problem.nodesOfPeer(q);
            if (nodes.length != 2) {
                continue;
            }
            java.util.List<double[]> c =
                    rows.computeIfAbsent(
                            q,
                            k ->
                                    new java.util.ArrayList<>(
                                            java.util.List.of(
                                                    new double[] {1, 0, hi[nodes[0]]},
                                                            new double[] {-1, 0, -lo[nodes[0]]},
                                                    new double[] {0, 1, hi[nodes[1]]},
                                                            new double[] {0, -1, -lo[nodes[1]]})));
            int[] sn = problem.sideNodes(r);
            double[] g = problem.sideCoefficients(r);
            double[] row = {0, 0, problem.sideRhs(r)};
            for (int i = 0; i < sn.length; i++) {
                row[sn[i] == nodes[0] ? 0 : 1] += g[i];
            }
            c.add(row);
        }
        for (java.util.Map.Entry<Integer, java.util.List<double[]>> e : rows.entrySet()) {
            int[] nodes = problem.nodesOfPeer(e.getKey());
            double scale =
                    Math.max(
                            1,
                            Math.max(
                                    Math.max(Math.abs(lo[nodes[0]]), Math.abs(hi[nodes[0]])),
                                    Math.max(Math.abs(lo[nodes[1]]), Math.abs(hi[nodes[1]]))));
            if (!twoDimensionalFeasible(e.getValue(), 1e-9 * scale)) {
                return problem.peerLabel(e.getKey());
            }
        }
        return null;
    }

    private static boolean twoDimensionalFeasible(java.util.List<double[]> c, double tol) {
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                double[] p = c.get(i), q = c.get(j);
                double det = p[0] * q[1] - p[1] * q[0];
                double norm = Math.hypot(p[0], p[1]) * Math.hypot(q[0], q[1]);
                if (Math.abs(det) <= 1e-12 * norm) {
                    continue;
                }
                double x0 = (p[2] * q[1] - p[1] * q[2]) / det;
                double x1 = (p[0] * q[2] - p[2] * q[0]) / det;
                boolean ok = true;
                for (double[] row : c) {
                    if (row[0] * x0 + row[1] * x1 - row[2]
                            > tol * Math.max(1, Math.hypot(row[0], row[1]))) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Phase one for problems with side or coupling constraints: the same market with an expensive
     * elastic supplier and buyer per commodity (price {@code M}, far above every marginal cost and
     * trade term) trading with every node, and an expensive slack on every coupling row. It is
     * always feasible and as well-conditioned as a market; the original is infeasible exactly when
     * its optimum still uses the elastic options.
     */
    static final class PhaseOne {
        private PhaseOne() {}

        static boolean infeasible(MarketProblem p, double tol, double deadline) {
            MarketProblem.Builder b = MarketProblem.builder(p.name() + " (phase one)");
            for (int q = 0; q < p.peerCount(); q++) {
                b.peer(p.peerLabel(q));
            }
            double[] a = p.quadratic(),
                    lin = p.linear(),
                    c0 = p.constant(),
                    lo = p.lower(),
                    hi = p.upper();
            int[] peer = p.nodePeer(), commodity = p.nodeCommodity();
            double big = 0, priceScale = 1;
            for (int k = 0; k < p.nodeCount(); k++) {
                double bound = Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
                big += bound;
                priceScale = Math.max(priceScale, Math.abs(lin[k]) + a[k] * bound);
            }
            for (double w : p.arcCost()) {
                priceScale += Math.abs(w);
            }
            big = Math.max(1, 2 * big);
            double price = 100 * priceScale;
            for (int k = 0; k < p.nodeCount(); k++) {
                b.node(peer[k], commodity[k], a[k], lin[k], c0[k], lo[k], hi[k]);
            }
            int[] tail = p.tail(), head = p.head();
            double[] sc = p.sellerCost(), bc = p.buyerCost();
            for (int t = 0; t < p.arcCount(); t++) {
                b.arc(tail[t], head[t], sc[t], bc[t]);
            }
            for (int s = 0; s < p.sideConstraintCount(); s++) {
                b.sideConstraint(p.sideNodes(s), p.sideCoefficients(s), p.sideRhs(s));
            }
            List<Integer> elastic = new ArrayList<>();
            int[] supply = new int[2], demand = new int[2];
            for (int c = 0; c < 2; c++) {
                supply[c] = b.node(b.peer("elastic supply " + c), c, 0, price, 0, 0, big);
                demand[c] = b.node(b.peer("elastic demand " + c), c, 0, -price, 0, -big, 0);
                elastic.add(supply[c]);
                elastic.add(demand[c]);
            }
            for (int k = 0; k < p.nodeCount(); k++) {
                b.arc(supply[commodity[k]], k, 0, 0);
                b.arc(k, demand[commodity[k]], 0, 0);
            }
            for (int c = 0; c < p.couplingConstraintCount(); c++) {
                int e =
                        b.node(
                                b.peer("elastic " + p.couplingLabel(c)),
                                MarketProblem.POWER,
                                0,
                                price,
                                0,
                                0,
                                big + Math.abs(p.couplingRhs(c)));
                elastic.add(e);
                b.arc(e, demand[MarketProblem.POWER], 0, 0);
                int[] nodes = p.couplingNodes(c);
                double[] g = p.couplingCoefficients(c);
                int[] withSlack = java.util.Arrays.copyOf(nodes, nodes.length + 1);
                double[] gs = java.util.Arrays.copyOf(g, g.length + 1);
                withSlack[nodes.length] = e;
                gs[g.length] = -1;
                b.couplingConstraint(p.couplingLabel(c), withSlack, gs, p.couplingRhs(c));
            }
            MarketProblem phaseOne = b.build();
            // a decision needs no more than a loose solve: the elastic amount is either zero or a
            // real shortfall, far above this accuracy
            InteriorPoint.Outcome o =
                    new InteriorPoint(phaseOne)
                            .solve(1e-7, DEFAULT_MAX_IPM_ITERATIONS, deadline, null);
            if (!o.converged) {
                return false;
            }
            double used = 0;
            for (int k : elastic) {
                used += Math.abs(o.x[k]);
            }
            return used > 1e-5 * p.injectionScale();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
