package org.gridbazaar.solver.joptimizer;

import cern.colt.matrix.DoubleMatrix1D;
import com.joptimizer.exception.JOptimizerException;
import com.joptimizer.optimizers.OptimizationRequest;
import com.joptimizer.optimizers.PrimalDualMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.joptimizer.internal.ChpPriceCone;
import org.gridbazaar.solver.joptimizer.internal.ScaledQp;
import org.gridbazaar.solver.joptimizer.internal.SideGeometry;
import org.gridbazaar.solver.joptimizer.internal.StartingPoint;
import org.gridbazaar.solver.support.FlowRouting;
import org.gridbazaar.solver.support.KktResiduals;
import org.gridbazaar.solver.support.LocalKkt;
import org.gridbazaar.solver.support.PriceRecovery;
import org.gridbazaar.solver.support.VariableLimit;

/**
 * Solves a {@link MarketProblem} with JOptimizer's primal-dual interior-point method ({@code
 * com.joptimizer.optimizers.PrimalDualMethod}, Boyd and Vandenberghe, Convex Optimization, section
 * 11.7), as one convex QP over node injections and arc flows (the mapping and its scaling are
 * documented on {@code ScaledQp}: variables in units of the injection scale, objective in units of
 * injection scale times price scale). A generic cross-check for small markets, independent of both
 * ojAlgo and the structured solver.
 *
 * <p><b>Prices.</b> JOptimizer 5.0.0 returns the primal point only. Node prices {@code y} ($/kW,
 * sign convention of {@code org.gridbazaar.formulation}: {@code y_k = a_k x_k + b_k} strictly
 * inside the bounds) are recovered from the KKT conditions at that point ({@link
 * PriceRecovery#centredPrices}: difference constraints between node prices, solved by shortest
 * paths to 1e-7 times the price scale), with peers under side constraints (CHP regions) placed in
 * the plane of their power and heat prices. Where prices are not unique this returns the centre of
 * the optimal ones. The point and prices are then checked on each node's, arc's and side row's own
 * scale ({@code LocalKkt}: a node's quantity scale is what it can move, capped by the volume the
 * market trades, not the largest bound of the market): status {@link Status#OPTIMAL} only when the
 * relative primal and dual residuals are at most {@code max(}{@value #ACCEPT_TOLERANCE}{@code ,
 * tolerance)}; otherwise {@link Status#NUMERICAL_ERROR}, with the residuals in the message. (A
 * single market-wide scale let a point trading 10 kW where 80 kW is optimal pass on a market with a
 * 1e8 kW grid connection: every bound within 10 kW counted as active.) The reported primal residual
 * (kW) and dual residual ($/kW) are the absolute ones of {@code KktResiduals}. Without side
 * constraints the result also carries the duality gap ($) of the point and the recovered prices.
 *
 * <p><b>Before and after the library.</b> An infeasible market is reported {@link
 * Status#INFEASIBLE} without calling JOptimizer: a maximum-flow check decides feasibility exactly
 * for markets without side constraints (and is a necessary condition with them), each CHP peer's
 * own polygon is checked for emptiness, and with side constraints an elastic phase-one problem
 * decides when no strictly feasible point is found. A strictly feasible starting point is built by
 * routing flows (JOptimizer's own phase one would solve a second problem as large as the first).
 * After convergence the trades are re-routed by maximum flow over the arcs with zero reduced cost
 * only: an interior-point flow puts a little on every arc, the re-routed one trades only where it
 * pays (on the contract's markets what remains below 1e-6 of the injection scale is a handful of
 * arcs with under 3e-9 of it).
 *
 * <p><b>Limits, measured on a 2-core machine</b> (all-pairs markets, half producers and half
 * consumers, CPU time of one solve after warm-up): JOptimizer forms dense Newton matrices and
 * factorizes them with dense Cholesky, so an iteration costs about the cube of the number of
 * variables (nodes plus arcs): 20 peers (120 variables) 0.24 s in 23 iterations, 40 peers (439) 1.8
 * s, 50 peers (666) 5.5 s, 60 peers (959) 15 s in 40 iterations, 70 peers (1,291) 32 s. At 100
 * peers (2,600 variables) that extrapolates to about 5 minutes; the issue that asked for this
 * backend saw JOptimizer fail there after 126 s. {@link #supports} therefore declines above {@value
 * #DEFAULT_MAX_VARIABLES} variables by default (about 60 peers all-pairs). JOptimizer has no time
 * limit of its own; this solver checks {@link SolverOptions#timeLimitSeconds()}, the iteration
 * limit, {@link org.gridbazaar.solver.Progress#stopRequested()} and the thread's interrupt flag
 * once per interior-point iteration and then returns {@link Status#ITERATION_LIMIT} with the last
 * point. {@code iterations} is JOptimizer's own iteration count (it numbers the passes of its loop,
 * the last one being the pass that finds convergence); with {@link SolverOptions#maxIterations()}
 * {@code n} the run ends at JOptimizer's iteration {@code n}, before JOptimizer tests that point
 * for convergence, so the point is checked here instead: when it meets the acceptance check the
 * status is {@link Status#OPTIMAL}, else {@link Status#ITERATION_LIMIT}. Progress reports the
 * balance residual (kW) per iteration; the dual residual is {@code NaN} there, since JOptimizer
 * does not expose its multipliers.
 *
 * <p><b>Tolerances.</b> JOptimizer is asked for a surrogate duality gap of {@code 0.1 *} {@link
 * SolverOptions#tolerance()} and residual norms of {@link SolverOptions#tolerance()}, both in the
 * scaled units above (quantities divided by {@code ScaledQp.quantityScale}, which is not floored at
 * 1 kW: a market of 1e-3 kW appliances is solved in its own units); with the default 1e-9 the
 * contract's markets come out within 2e-9 (most within 1e-11) of the structured solver's objective,
 * relative. Prices are recovered with constraints active when their slack is at most {@code
 * max(1e-7, 100 * tolerance)} times the quantity scale; the acceptance check uses the same factor
 * on each node's own scale. The acceptance cannot be tighter than {@value #ACCEPT_TOLERANCE}:
 * recovered prices meet the conditions to about 1e-8 of the price scale.
 *
 * <p><b>Markets over time.</b> A problem with peer blocks (storage, ramps, energy windows), or with
 * side constraints of a peer over more than two nodes (a CHP region in every period), takes a path
 * of its own ({@code PeerBlockPath}): the same interior point on the QP with the private variables
 * and the side rows, started from a strictly feasible point found by a small linear program, with
 * prices and row multipliers recovered from the KKT conditions at JOptimizer's point ({@link
 * org.gridbazaar.solver.support.BlockPriceRecovery}) and accepted only when the point and those
 * multipliers meet the KKT conditions and a small duality gap. A market with no strictly feasible
 * point (one that some bound or row holds tight in every feasible point, or an infeasible one) is
 * {@link Status#NUMERICAL_ERROR} there, with that reason; this path decides infeasibility only for
 * rows on fixed values and peers without partners.
 *
 * <p><b>Not supported</b> ({@link #supports} says why): coupling constraints (hard line limits),
 * whose multipliers neither recovery produces, and problems above the size limit (with peer blocks,
 * private variables count too).
 *
 * <p><b>Logging.</b> JOptimizer logs through commons-logging, which without a logging library on
 * the class path writes to {@code java.util.logging}: at INFO on every iteration of its own phase
 * one, at WARNING and SEVERE when it struggles, all of which this solver reports in the status and
 * message anyway. So that a library user's stderr stays clean, loading this class turns the {@code
 * java.util.logging} logger {@value #LOGGER} off, unless the application configured that logger
 * itself (a level set on it before, or {@code com.joptimizer.level} in its logging configuration; a
 * level on a parent logger such as {@code com} does not count); no other logger, handler or the
 * root level is touched. To see JOptimizer's messages, set a level on {@value #LOGGER} (in the
 * logging configuration, or in code at any time). When commons-logging is routed elsewhere (log4j
 * 2, SLF4J), that library's configuration decides. This module keeps JOptimizer's log4j 1.2.17
 * dependency off the class path.
 *
 * <p>Stateless and thread-safe.
 */
public final class JOptimizerSolver implements MarketSolver {

    /** The solver's name. */
    public static final String NAME = "joptimizer";

    /** Default size limit: nodes plus arcs. */
    public static final int DEFAULT_MAX_VARIABLES = 1_000;

    /**
     * Least relative primal and dual residual (on each node's own scale) up to which a point is
     * reported {@code OPTIMAL}.
     */
    public static final double ACCEPT_TOLERANCE = 1e-6;

    /**
     * Interior-point iteration limit used when the options allow more (JOptimizer's own default).
     */
    public static final int DEFAULT_MAX_IPM_ITERATIONS = 500;

    /**
     * The {@code java.util.logging} logger JOptimizer logs under (through commons-logging); off by
     * default, see the class documentation.
     */
    public static final String LOGGER = "com.joptimizer";

    /**
     * Relative accuracy (of the price scale) to which the recovered prices meet the KKT conditions.
     */
    static final double PRICE_SLACK = 1e-7;

    /** JOptimizer's logger in {@code java.util.logging}; held so that the level set on it stays. */
    private static final Logger JOPTIMIZER_LOG = quietUnlessConfigured();

    private final VariableLimit limit;

    /** A solver with the default size limit of {@value #DEFAULT_MAX_VARIABLES} variables. */
    public JOptimizerSolver() {
        this(DEFAULT_MAX_VARIABLES);
    }

    /**
     * A solver that accepts problems of at most {@code maxVariables} nodes plus arcs.
     *
     * @throws IllegalArgumentException if {@code maxVariables < 1}
     */
    public JOptimizerSolver(int maxVariables) {
        this.limit = new VariableLimit(maxVariables);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support supports(MarketProblem problem) {
        if (problem.couplingConstraintCount() > 0) {
            return Support.no(
                    problem.couplingConstraintCount()
                            + " coupling constraints (hard line limits): this backend"
                            + " recovers prices from shortest paths and does not recover their multipliers;"
                            + " Maybe use the structured-ipm solver");
        }
        Optional<String> tooLarge =
                problem.hasPeerBlocks()
                        ? limit.exceededWithPrivateVariablesBy(problem)
                        : limit.exceededBy(problem);
        if (tooLarge.isPresent()) {
            return Support.no(
                    tooLarge.get()
                            + " (JOptimizer forms dense Newton matrices: time grows with the cube of the variables);"
                            + " Maybe use the structured-ipm solver");
        }
        return Support.yes();
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        requireSupported(problem);
        if (onBlockPath(problem)) {
            return PeerBlockPath.solve(problem, options);
        }
        return solve(problem, options, true);
    }

    /**
     * Whether {@code problem} goes to {@link PeerBlockPath}: it has peer blocks, or side
     * constraints of a peer over more than two nodes (a CHP region in every period of a market over
     * time), whose prices the shortest-path recovery of the single-period path does not give.
     */
    static boolean onBlockPath(MarketProblem problem) {
        if (problem.hasPeerBlocks()) {
            return true;
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            if (problem.nodesOfPeer(problem.sidePeer(s)).length > 2) {
                return true;
            }
        }
        return false;
    }

    /** The answer when a stop was requested before the solve began: no point, interrupted. */
    static ProblemSolution stoppedBeforeTheSolve() {
        return ProblemSolution.without(
                        Status.ITERATION_LIMIT, NAME, 0, 0, "stop requested before the solve")
                .withTermination(
                        Termination.withoutPoint(
                                Termination.Reason.INTERRUPTED, "stop requested before the solve"));
    }

    private ProblemSolution solve(
            MarketProblem problem, SolverOptions options, boolean mayRunPhaseOne) {
        long start = System.nanoTime();
        if (options.progress().stopRequested()) {
            return stoppedBeforeTheSolve();
        }
        double scale = ScaledQp.quantityScale(problem),
                priceScale = ScaledQp.priceScale(problem, scale);
        ScaledQp qp = new ScaledQp(problem, priceScale);
        String infeasible = infeasibility(problem, qp);
        if (infeasible != null) {
            return ProblemSolution.without(Status.INFEASIBLE, NAME, 0, seconds(start), infeasible);
        }
        double[] startFlows = StartingPoint.find(problem, qp);
        String note = "";
        if (startFlows == null) {
            if (problem.sideConstraintCount() > 0 && mayRunPhaseOne) {
                double imbalance = phaseOne(problem, options);
                if (imbalance > ACCEPT_TOLERANCE * scale) {
                    return ProblemSolution.without(
                            Status.INFEASIBLE,
                            NAME,
                            0,
                            seconds(start),
                            String.format(
                                    Locale.ROOT,
                                    "no point meets the bounds, side constraints and trading pairs together: the elastic"
                                            + " phase-one problem still routes %.6g kW through its artificial hub",
                                    imbalance));
                }
                if (Double.isNaN(imbalance)) {
                    note = "feasibility undecided (the elastic phase-one problem failed); ";
                }
            }
            note +=
                    "no strictly feasible start found by flow routing; JOptimizer ran its own phase one; ";
        }
        int limit = Math.min(options.maxIterations(), DEFAULT_MAX_IPM_ITERATIONS);
        double deadline =
                Double.isInfinite(options.timeLimitSeconds())
                        ? Double.POSITIVE_INFINITY
                        : start + options.timeLimitSeconds() * 1e9;
        double tol = Math.max(options.tolerance(), 1e-12);
        OptimizationRequest request =
                qp.request(
                        startFlows == null ? null : qp.point(startFlows),
                        0.1 * tol,
                        tol,
                        limit + 1);
        Watch watch = new Watch(qp::balanceResidual, options, limit, deadline);
        double[] z;
        if (qp.dimension() == 0) {
            z = new double[0];
        } else {
            try {
                watch.setOptimizationRequest(request);
                watch.optimize();
                z = watch.getOptimizationResponse().getSolution();
            } catch (JOptimizerException | RuntimeException e) {
                return ProblemSolution.without(
                        Status.NUMERICAL_ERROR,
                        NAME,
                        watch.iterations,
                        seconds(start),
                        note
                                + "JOptimizer failed after "
                                + watch.iterations
                                + " iterations: "
                                + (e.getMessage() != null ? e.getMessage() : e.toString())
                                + "; Maybe use the structured-ipm solver");
            }
        }
        double[] x = qp.injections(z), f = qp.flows(z);
        // JOptimizer stops at a surrogate duality gap of 0.1 tol (scaled), where the slacks of
        // active
        // constraints are orders of magnitude below 100 tol * scale (kW)
        double act = Math.max(1e-7, 100 * tol) * scale;
        double priceSlack = PRICE_SLACK * priceScale;
        ChpPriceCone chp = new ChpPriceCone(act, priceSlack, priceScale);
        double[] y =
                PriceRecovery.centredPrices(act, priceScale, priceSlack, chp)
                        .recover(problem, x, f);
        String message = note + "JOptimizer PrimalDualMethod, " + watch.iterations + " iterations";
        if (y != null) {
            double[] routed = reroute(problem, x, f, y, act, priceScale);
            if (routed != null) {
                f = routed;
                x = problem.injections(f);
            }
        }
        double primal = KktResiduals.primal(problem, x, f);
        double dual =
                y == null
                        ? Double.POSITIVE_INFINITY
                        : KktResiduals.dual(problem, x, f, y, act, chp);
        double gap = y == null ? Double.NaN : KktResiduals.dualityGap(problem, x, f, y);
        // acceptance on each node's, arc's and side row's own scale: a market-wide scale set by one
        // 1e8 kW bound once let a point 70 kW from the optimum pass as optimal
        double accept = Math.max(ACCEPT_TOLERANCE, tol);
        LocalKkt kkt = new LocalKkt(problem, x, f, Math.max(1e-7, 100 * tol));
        double relPrimal = kkt.primal();
        double relDual = y == null ? Double.POSITIVE_INFINITY : kkt.dual(y, chp);
        boolean meets = relPrimal <= accept && relDual <= accept;
        if (y == null) {
            y = marginalCosts(problem, x);
            message +=
                    "; no prices satisfy the optimality conditions at the returned point (marginal costs reported)";
        }
        Status status;
        if (watch.stoppedBy != null && !(watch.atIterationLimit && meets)) {
            status = Status.ITERATION_LIMIT;
            message += "; stopped: " + watch.stoppedBy;
        } else if (meets) {
            status = Status.OPTIMAL;
            if (watch.stoppedBy != null) {
                message += "; the point at the iteration limit meets the optimality conditions";
            }
        } else {
            status = Status.NUMERICAL_ERROR;
            message +=
                    String.format(
                            Locale.ROOT,
                            "; JOptimizer converged but its point misses the optimality conditions"
                                    + " at %.3g relative to each node's own scale (relative primal residual %.3g, relative dual residual"
                                    + " %.3g; primal residual %.3g kW, dual residual %.3g $/kW); Maybe use the structured-ipm solver",
                            accept,
                            relPrimal,
                            relDual,
                            primal,
                            dual);
        }
        ProblemSolution solution =
                ProblemSolution.of(
                        status,
                        x,
                        f,
                        y,
                        null,
                        NAME,
                        watch.iterations,
                        seconds(start),
                        primal,
                        dual,
                        gap,
                        watch.history,
                        message);
        if (status == Status.OPTIMAL) {
            return solution;
        }
        Termination.Reason reason =
                status == Status.NUMERICAL_ERROR
                        ? Termination.Reason.NUMERICAL_ERROR
                        : watch.reason;
        return solution.withTermination(
                new Termination(
                        reason,
                        relPrimal <= accept
                                ? Termination.PointStatus.FEASIBLE
                                : Termination.PointStatus.INFEASIBLE,
                        relDual <= accept
                                ? Termination.PointStatus.FEASIBLE
                                : Termination.PointStatus.INFEASIBLE,
                        message));
    }

    /** Why the market is infeasible for certain, or {@code null} when no reason was found. */
    private static String infeasibility(MarketProblem problem, ScaledQp qp) {
        if (!qp.violatedConstantSides().isEmpty()) {
            return String.join("; ", qp.violatedConstantSides());
        }
        boolean[] isolated = qp.isolated();
        boolean[] sided = new boolean[problem.peerCount()];
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            sided[problem.sidePeer(s)] = true;
        }
        for (int p = 0; p < problem.peerCount(); p++) {
            double eps = 1e-9 * problem.injectionScale();
            if (sided[p]
                    && SideGeometry.localRegion(problem, p, problem.nodesOfPeer(p), isolated, eps)
                            .isEmpty()) {
                return "peer "
                        + problem.peerLabel(p)
                        + ": no injections within its bounds (0 for a commodity it cannot trade)"
                        + " satisfy its side constraints (CHP region)";
            }
        }
        if (FlowRouting.route(
                        problem.lower(),
                        problem.upper(),
                        problem.nodeCommodity(),
                        problem.tail(),
                        problem.head(),
                        null,
                        1e-9 * problem.injectionScale())
                == null) {
            return "no injections within the bounds can be balanced by trades on the allowed pairs (maximum-flow check)";
        }
        return null;
    }

    /**
     * The least flow (kW) through an artificial hub that makes the problem's bounds, side
     * constraints and pairs consistent: the same nodes with zero costs, plus one hub per commodity
     * joined to every node both ways at 1 $/kW, which may absorb or supply any amount. Zero exactly
     * when the problem is feasible; {@code NaN} when this solve does not end {@code OPTIMAL}.
     */
    private double phaseOne(MarketProblem p, SolverOptions options) {
        MarketProblem.Builder b = MarketProblem.builder(p.name() + " (phase one)");
        for (int q = 0; q < p.peerCount(); q++) {
            b.peer(p.peerLabel(q));
        }
        double[] lo = p.lower(), hi = p.upper();
        int[] peer = p.nodePeer(), commodity = p.nodeCommodity();
        double room = 0;
        for (int k = 0; k < p.nodeCount(); k++) {
            b.node(peer[k], commodity[k], 0, 0, 0, lo[k], hi[k]);
            room += Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
        }
        int[] tail = p.tail(), head = p.head();
        for (int t = 0; t < p.arcCount(); t++) {
            b.arc(tail[t], head[t], 0, 0);
        }
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            b.sideConstraint(p.sideNodes(s), p.sideCoefficients(s), p.sideRhs(s));
        }
        int[] hub = new int[2];
        for (int c = 0; c < 2; c++) {
            hub[c] = b.node(b.peer("elastic hub " + c), c, 0, 0, 0, -room - 1, room + 1);
        }
        for (int k = 0; k < p.nodeCount(); k++) {
            b.arc(hub[commodity[k]], k, 0.5, 0.5);
            b.arc(k, hub[commodity[k]], 0.5, 0.5);
        }
        MarketProblem elastic = b.build();
        ProblemSolution s = solve(elastic, options, false);
        return s.status() == Status.OPTIMAL ? elastic.objective(s.x(), s.f()) : Double.NaN;
    }

    /**
     * The same injections routed over the arcs with zero reduced cost only (each node kept within
     * the interior-point dust on its other arcs), or {@code null} if they cannot be.
     */
    private static double[] reroute(
            MarketProblem p, double[] x, double[] f, double[] y, double act, double priceScale) {
        int n = p.nodeCount(), m = p.arcCount();
        int[] tail = p.tail(), head = p.head();
        double[] w = p.arcCost(), lo = p.lower(), hi = p.upper();
        boolean[] tight = new boolean[m];
        double[] dust = new double[n];
        for (int t = 0; t < m; t++) {
            // zero reduced cost to the accuracy of the recovered prices
            tight[t] = w[t] + y[tail[t]] - y[head[t]] <= 2 * PRICE_SLACK * priceScale;
            if (!tight[t] || f[t] <= act) {
                dust[tail[t]] += f[t];
                dust[head[t]] += f[t];
            }
        }
        double[] lower = new double[n], upper = new double[n];
        for (int k = 0; k < n; k++) {
            double slack = dust[k] + 1e-12 * p.injectionScale();
            lower[k] = Math.max(lo[k], x[k] - slack);
            upper[k] = Math.min(hi[k], x[k] + slack);
            if (lower[k] > upper[k]) {
                return null;
            }
        }
        return FlowRouting.route(
                lower, upper, p.nodeCommodity(), tail, head, tight, 1e-9 * p.injectionScale());
    }

    /**
     * Turns JOptimizer's {@code java.util.logging} output off unless the application configured the
     * logger {@code com.joptimizer} itself (a level set in code, or {@code com.joptimizer.level} in
     * its logging configuration); no other logger is touched.
     */
    private static Logger quietUnlessConfigured() {
        Logger log = Logger.getLogger(LOGGER);
        if (log.getLevel() == null
                && LogManager.getLogManager().getProperty(LOGGER + ".level") == null) {
            log.setLevel(Level.OFF);
        }
        return log;
    }

    private static double[] marginalCosts(MarketProblem p, double[] x) {
        double[] a = p.quadratic(), b = p.linear(), y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = a[k] * x[k] + b[k];
        }
        return y;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    @Override
    public String toString() {
        return NAME + "[maxVariables=" + limit.maxVariables() + "]";
    }

    /**
     * JOptimizer's primal-dual method with this solver's limits: its only hook per iteration,
     * {@code checkCustomExitConditions}, counts iterations, reports progress, and ends the run on
     * the iteration limit, the time limit or a stop request (JOptimizer then returns the current
     * point).
     */
    static final class Watch extends PrimalDualMethod {
        private final ToDoubleFunction<DoubleMatrix1D> residual;
        private final SolverOptions options;
        private final int limit;
        private final double deadline;
        final List<ProblemSolution.IterationRecord> history = new ArrayList<>();
        int iterations;
        String stoppedBy;
        Termination.Reason reason = Termination.Reason.ITERATION_LIMIT;
        boolean atIterationLimit;

        /**
         * @param residual the primal residual (kW) of a scaled point, reported as progress
         */
        Watch(
                ToDoubleFunction<DoubleMatrix1D> residual,
                SolverOptions options,
                int limit,
                double deadline) {
            this.residual = residual;
            this.options = options;
            this.limit = limit;
            this.deadline = deadline;
        }

        @Override
        protected boolean checkCustomExitConditions(DoubleMatrix1D point) {
            iterations++;
            double balance = residual.applyAsDouble(point);
            history.add(
                    new ProblemSolution.IterationRecord(
                            iterations, balance, Double.NaN, Double.NaN));
            options.progress().iteration(iterations, balance, Double.NaN);
            if (options.progress().stopRequested() || Thread.currentThread().isInterrupted()) {
                stoppedBy = "stop requested";
                reason = Termination.Reason.INTERRUPTED;
            } else if (System.nanoTime() > deadline) {
                stoppedBy = "time limit of " + options.timeLimitSeconds() + " s";
                reason = Termination.Reason.TIME_LIMIT;
            } else if (iterations >= limit) {
                // JOptimizer's own iteration number `limit`: it tests convergence only after this
                // hook, so the caller checks this last point itself
                stoppedBy = "iteration limit of " + limit;
                atIterationLimit = true;
            }
            return stoppedBy != null;
        }
    }
}
