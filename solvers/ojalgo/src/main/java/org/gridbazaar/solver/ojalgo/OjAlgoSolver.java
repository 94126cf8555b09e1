package org.gridbazaar.solver.ojalgo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.support.FlowRouting;
import org.gridbazaar.solver.support.KktResiduals;
import org.gridbazaar.solver.support.LocalKkt;
import org.gridbazaar.solver.support.PriceRecovery;
import org.gridbazaar.solver.support.TradingComponents;
import org.gridbazaar.solver.support.VariableLimit;
import org.ojalgo.matrix.decomposition.MatrixDecomposition;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.GenericSolver;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;
import org.ojalgo.structure.Access1D;
import org.ojalgo.type.context.NumberContext;

/**
 * Solves a {@link MarketProblem} as one dense convex QP with ojAlgo's active-set {@link
 * ConvexSolver} (built through {@link ConvexSolver.Builder}, not {@code ExpressionsBasedModel},
 * whose multipliers come back rescaled and without any on its ADMM path).
 *
 * <p>Variables {@code z = (x, f)}: node injections (kW) then arc flows (kW). ojAlgo minimises
 * {@code 0.5 z'Qz - C'z}, so {@code Q = diag(a, 0)} and {@code C = -(b, w)}. Constraints: balance
 * rows {@code x_k - (N f)_k = 0}, one per node, first among the equalities; a fixed node ({@code lo
 * == hi}) gets the equality {@code x_k = lo} (unless every node of its part of the trading graph is
 * fixed: then its two bounds, since those equalities would be dependent); the other bounds, {@code
 * -f <= 0} and the side constraints are inequalities.
 *
 * <p><b>Multipliers, measured</b> (see {@code OjAlgoMultiplierSignTest}): for the balance row
 * written {@code x_k - (N f)_k = 0}, ojAlgo returns {@code lambda_k = -(a_k x_k + b_k)} at a node
 * strictly inside its bounds, i.e. its Lagrangian is {@code f(z) + lambda'(A z - b)} with unit
 * scale. The package convention ({@code -y_k (x_k - (N f)_k)}) therefore gives {@code y_k =
 * -lambda_k}. But ojAlgo 55.0.1 sometimes returns <em>stale</em> multipliers: with a bound that
 * becomes active late (a consumer at its minimum), it returned the prices of the earlier iterate
 * without that bound (18.57 $/kW where 14 $/kW is right) and a zero multiplier on the active bound.
 * So every solve checks the multipliers against stationarity on each node's own scale; when they
 * miss it by more than the tolerance (or are absent), prices are also recovered from the KKT
 * conditions at the returned point ({@link PriceRecovery#anyPrices}, to {@code 1e-9 * max(1,
 * max|b|)}, with a market-wide and with a per-node activity tolerance), and the closest of them is
 * kept: node potentials satisfying {@code y_k = a_k x_k + b_k} inside the bounds, the sign
 * conditions at active bounds and {@code y_head - y_tail <= w_t} (with equality on arcs with
 * positive flow), found by Bellman-Ford on those difference constraints. The solution's message
 * says which prices it carries.
 *
 * <p><b>Before ojAlgo.</b> Feasibility is decided exactly by a maximum-flow check for markets
 * without side constraints (a necessary condition with them): an infeasible market is {@link
 * Status#INFEASIBLE} without calling ojAlgo. The routed flows are also ojAlgo's start when they
 * meet every bound and side constraint and some cost is quadratic, so that ojAlgo's LP phase does
 * not run; its LP phase, cut short by an iteration limit, ends in {@code UNBOUNDED}, {@code
 * INFEASIBLE} or {@code FAILED} on a perfectly feasible market.
 *
 * <p><b>Status.</b> ojAlgo's {@code OPTIMAL}/{@code DISTINCT} give {@link Status#OPTIMAL} when the
 * point passes the acceptance check below, else {@link Status#NUMERICAL_ERROR}. A run stopped by
 * the iteration limit ({@link SolverOptions#maxIterations()}, applied by ojAlgo to each of its
 * phases), the time limit or a stop request gives {@link Status#ITERATION_LIMIT}: with the point
 * when ojAlgo stopped in {@code FEASIBLE} or {@code APPROXIMATE}, without one otherwise. ojAlgo's
 * {@code UNBOUNDED} is never reported (every injection is bounded and no trading cycle has a
 * negative cost); it, {@code FAILED} and an {@code INFEASIBLE} that the maximum-flow check refutes
 * give {@link Status#ITERATION_LIMIT} when the iteration limit is below {@link
 * SolverOptions#DEFAULT_MAX_ITERATIONS} (ojAlgo's phases end so when cut short, and ojAlgo does not
 * say which phase stopped), else {@link Status#NUMERICAL_ERROR}. An exception inside ojAlgo gives
 * {@link Status#NUMERICAL_ERROR}. {@code iterations} is ojAlgo's own count of its QP phase (read
 * from its solver; its LP phase is not counted).
 *
 * <p><b>Stopping.</b> ojAlgo checks the thread's interrupt flag before each iteration of both
 * phases and has no other callback. This solver polls {@link
 * org.gridbazaar.solver.Progress#stopRequested()} each time ojAlgo uses one of its matrix
 * decompositions (several times per iteration of the QP phase) and, on a request, interrupts the
 * solving thread so that ojAlgo ends at its next check; it clears that interrupt afterwards. An
 * interrupt from elsewhere stops ojAlgo the same way and is left set. Requests are also checked
 * before the solve. During ojAlgo's LP phase only an interrupt stops it.
 *
 * <p><b>Tolerance and acceptance.</b> {@link SolverOptions#tolerance()} sets ojAlgo's one accuracy
 * setting of this method, the accuracy of its iterative Schur-complement solves ({@code
 * ConvexSolver.Configuration.iterative}: one significant digit more than the tolerance, which at
 * the default 1e-9 is ojAlgo's own default). ojAlgo's other thresholds are fixed inside it. An
 * {@code OPTIMAL} from ojAlgo is accepted only when the relative residuals measured by {@code
 * LocalKkt}, on each node's, arc's and side row's own scale rather than the largest bound of the
 * market, are at most {@code max(tolerance, 1e-7)}: ojAlgo's points reach about 1e-8 relative
 * whatever is asked, so a tighter tolerance cannot be certified. Prices are ojAlgo's multipliers
 * or, when those meet the conditions worse, prices recovered from the KKT conditions at the point
 * ({@link PriceRecovery#anyPrices}), whichever is closer. The reported primal residual (kW) and
 * dual residual ($/kW) are the absolute ones of {@link KktResiduals} (dual with bounds active
 * within {@code 1e-7 * injectionScale} kW; nodes in side constraints are not measured).
 *
 * <p><b>Markets over time.</b> A problem with peer blocks (storage, ramps, energy windows), or over
 * several periods without them, is solved as one QP over nodes, arcs and private variables by
 * proximal-point iterations and accepted against the KKT conditions of the blocks; see {@code
 * PeerBlockQp}. (Given as one QP directly, horizons without links came out of ojAlgo's active-set
 * method as points it called optimal that miss the optimality conditions on 16 of 150 seeded ones,
 * answered {@code NUMERICAL_ERROR}; by proximal iterations on none.) Coupling constraints (hard
 * line limits) are refused in either case.
 *
 * <p>Dense and active-set: time grows quickly with size, so {@link #supports} says no above {@link
 * #DEFAULT_MAX_VARIABLES} variables (nodes plus arcs, plus private variables when there are peer
 * blocks). Stateless and thread-safe.
 */
public final class OjAlgoSolver implements MarketSolver {

    /** The solver's name. */
    public static final String NAME = "ojalgo-qp";

    /** Default size limit: nodes plus arcs. */
    public static final int DEFAULT_MAX_VARIABLES = 2_000;

    /**
     * Accuracy, relative to {@code max(1, max|b|)}, to which recovered prices meet the KKT
     * conditions.
     */
    static final double RECOVERY_SLACK = 1e-9;

    /**
     * Relative to the injection scale: the slack up to which a bound or side constraint is active,
     * and the flow below which an arc carries none.
     */
    static final double ACTIVITY = 1e-7;

    /**
     * The relative accuracy ojAlgo's points reach: marginal costs of trading nodes agree to about
     * 1e-8 of their scale (measured on the contract's markets and {@code HardMarkets}, whatever the
     * accuracy asked of its iterative solves), so a point is accepted as optimal at {@code
     * max(tolerance, ACCURACY)}.
     */
    static final double ACCURACY = 1e-7;

    /**
     * Relative to each node's own quantity scale: the least slack up to which a bound counts as
     * active in the acceptance check (which uses {@code max(this, 100 * tolerance)}).
     */
    static final double ACCEPT_ACTIVITY = 1e-7;

    private final VariableLimit limit;

    /** A solver with the default size limit of {@value #DEFAULT_MAX_VARIABLES} variables. */
    public OjAlgoSolver() {
        this(DEFAULT_MAX_VARIABLES);
    }

    /**
     * A solver that accepts problems of at most {@code maxVariables} nodes plus arcs.
     *
     * @throws IllegalArgumentException if {@code maxVariables < 1}
     */
    public OjAlgoSolver(int maxVariables) {
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
                            + " does not recover their multipliers; use the structured-ipm solver");
        }
        Optional<String> tooLarge =
                problem.hasPeerBlocks()
                        ? limit.exceededWithPrivateVariablesBy(problem)
                        : limit.exceededBy(problem);
        if (tooLarge.isPresent()) {
            return Support.no(
                    tooLarge.get()
                            + " (a dense active-set QP); Maybe use the structured-ipm solver");
        }
        return Support.yes();
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        requireSupported(problem);
        long start = System.nanoTime();
        if (options.progress().stopRequested()) {
            return ProblemSolution.without(
                            Status.ITERATION_LIMIT, NAME, 0, 0, "stop requested before the solve")
                    .withTermination(
                            Termination.withoutPoint(
                                    Termination.Reason.INTERRUPTED,
                                    "stop requested before the solve"));
        }
        if (problem.hasPeerBlocks() || problem.periodCount() > 1) {
            return PeerBlockQp.solve(problem, options, start, new StopWatch(options, start));
        }
        int n = problem.nodeCount(), m = problem.arcCount(), nv = n + m;
        double[] a = problem.quadratic(),
                b = problem.linear(),
                lo = problem.lower(),
                hi = problem.upper();
        double[] w = problem.arcCost();
        int[] tail = problem.tail(), head = problem.head();
        boolean[] fixedRow = fixedRows(n, lo, hi, tail, head);
        int fixed = 0;
        for (int k = 0; k < n; k++) {
            if (fixedRow[k]) {
                fixed++;
            }
        }
        int sides = problem.sideConstraintCount();
        int neq = n + fixed, nin = 2 * (n - fixed) + m + sides;

        R064Store q = R064Store.FACTORY.make(nv, nv);
        R064Store c = R064Store.FACTORY.make(nv, 1);
        for (int k = 0; k < n; k++) {
            q.set(k, k, a[k]);
            c.set(k, 0, -b[k]);
        }
        for (int t = 0; t < m; t++) {
            c.set(n + t, 0, -w[t]);
        }
        R064Store aeq = R064Store.FACTORY.make(neq, nv);
        R064Store beq = R064Store.FACTORY.make(neq, 1);
        for (int k = 0; k < n; k++) {
            aeq.set(k, k, 1);
        }
        for (int t = 0; t < m; t++) {
            aeq.add(tail[t], n + t, -1);
            aeq.add(head[t], n + t, 1);
        }
        R064Store ain = R064Store.FACTORY.make(Math.max(nin, 1), nv);
        R064Store bin = R064Store.FACTORY.make(Math.max(nin, 1), 1);
        int re = n, ri = 0;
        for (int k = 0; k < n; k++) {
            if (fixedRow[k]) {
                aeq.set(re, k, 1);
                beq.set(re++, 0, lo[k]);
            } else {
                ain.set(ri, k, 1);
                bin.set(ri++, 0, hi[k]);
                ain.set(ri, k, -1);
                bin.set(ri++, 0, -lo[k]);
            }
        }
        for (int t = 0; t < m; t++) {
            ain.set(ri++, n + t, -1);
        }
        for (int r = 0; r < sides; r++) {
            int[] nodes = problem.sideNodes(r);
            double[] g = problem.sideCoefficients(r);
            for (int i = 0; i < nodes.length; i++) {
                ain.add(ri, nodes[i], g[i]);
            }
            bin.set(ri++, 0, problem.sideRhs(r));
        }

        // exact feasibility without side constraints (a necessary condition with them), and a
        // feasible
        // start for ojAlgo, so that its own LP phase (whose states under an iteration limit are
        // meaningless: UNBOUNDED, INFEASIBLE or FAILED on a feasible market) runs only when needed
        double feasTol = 1e-9 * problem.injectionScale();
        double[] f0 = FlowRouting.route(lo, hi, problem.nodeCommodity(), tail, head, null, feasTol);
        if (f0 == null) {
            return ProblemSolution.without(
                    Status.INFEASIBLE,
                    NAME,
                    0,
                    seconds(start),
                    "no injections within the bounds can be balanced by trades on the allowed pairs (maximum-flow check)");
        }
        // with Q = 0 ojAlgo solves the whole problem in its LP phase, which a start would skip
        Optimisation.Result kick = maxAbs(a) > 0 ? kickStart(problem, f0) : null;

        StopWatch watch = new StopWatch(options, start);
        Optimisation.Options opt = new Optimisation.Options();
        opt.iterations_abort = options.maxIterations();
        if (Double.isFinite(options.timeLimitSeconds())) {
            opt.time_abort = Math.max(1L, (long) Math.ceil(options.timeLimitSeconds() * 1000));
        }
        ConvexSolver.Configuration defaults = new ConvexSolver.Configuration();
        opt.convex()
                .iterative(iterativeAccuracy(options.tolerance()))
                .solverSPD(s -> watch.watch(defaults.newSolverSPD(s)))
                .solverGeneral(s -> watch.watch(defaults.newSolverGeneral(s)));
        Optimisation.Result result;
        ConvexSolver qp = null;
        try {
            ConvexSolver.Builder builder =
                    ConvexSolver.newBuilder(nv).objective(q, c).equalities(aeq, beq);
            if (nin > 0) {
                builder.inequalities(ain, bin);
            }
            qp = builder.build(opt);
            result = watch.run(qp, kick);
        } catch (RuntimeException e) {
            watch.release();
            if (watch.interruptedBy(e) || watch.stopped()) {
                return ProblemSolution.without(
                                Status.ITERATION_LIMIT,
                                NAME,
                                iterations(qp),
                                seconds(start),
                                "stopped on request inside ojAlgo, without a point")
                        .withTermination(
                                Termination.withoutPoint(
                                        Termination.Reason.INTERRUPTED,
                                        "stopped on request inside ojAlgo, without a point"));
            }
            return ProblemSolution.without(
                    Status.NUMERICAL_ERROR,
                    NAME,
                    iterations(qp),
                    seconds(start),
                    "ojAlgo failed: " + e + "; Maybe try the structured-ipm solver");
        }
        int iterations = iterations(qp);
        Optimisation.State state = result.getState();
        String stoppedBy =
                watch.stopped()
                        ? "stopped on request"
                        : state.isOptimal()
                                ? null
                                : watch.pastDeadline()
                                        ? "time limit of " + options.timeLimitSeconds() + " s"
                                        : iterations >= options.maxIterations()
                                                ? "iteration limit of " + options.maxIterations()
                                                : null;
        Termination.Reason limitReason =
                watch.stopped()
                        ? Termination.Reason.INTERRUPTED
                        : watch.pastDeadline()
                                ? Termination.Reason.TIME_LIMIT
                                : Termination.Reason.ITERATION_LIMIT;
        boolean hasPoint =
                state.isOptimal()
                        || state == Optimisation.State.FEASIBLE
                        || state == Optimisation.State.APPROXIMATE;
        Status status;
        String message = "ojAlgo state " + state;
        if (state.isOptimal() && stoppedBy == null) {
            status = Status.OPTIMAL;
        } else if (hasPoint) {
            status = Status.ITERATION_LIMIT;
            message +=
                    "; stopped: "
                            + (stoppedBy != null ? stoppedBy : "ojAlgo's iteration or time limit");
        } else {
            // INFEASIBLE (refuted by the maximum-flow check when the market has no side
            // constraints),
            // UNBOUNDED (impossible: every injection is bounded and no trading cycle has a negative
            // cost) or FAILED: ojAlgo gave up, or was cut short; its LP phase ends like this when
            // an
            // iteration limit or an interrupt stops it
            boolean limited =
                    stoppedBy != null
                            || options.maxIterations() < SolverOptions.DEFAULT_MAX_ITERATIONS;
            if (state == Optimisation.State.INFEASIBLE && sides > 0 && !limited) {
                return ProblemSolution.without(
                        Status.INFEASIBLE,
                        NAME,
                        iterations,
                        seconds(start),
                        "ojAlgo: no point meets the bounds, side constraints and trading pairs together");
            }
            String why =
                    "ojAlgo ended in state "
                            + state
                            + (state == Optimisation.State.UNBOUNDED
                                    ? ", which a market cannot be (every injection is bounded)"
                                    : "")
                            + (state == Optimisation.State.INFEASIBLE && sides == 0
                                    ? ", refuted by the maximum-flow check"
                                    : "");
            String detail =
                    why
                            + (stoppedBy != null
                                    ? "; stopped: " + stoppedBy
                                    : limited
                                            ? "; its phases were limited to "
                                                    + options.maxIterations()
                                                    + " iterations each"
                                            : "; Maybe use the structured-ipm solver");
            return ProblemSolution.without(
                            limited ? Status.ITERATION_LIMIT : Status.NUMERICAL_ERROR,
                            NAME,
                            iterations,
                            seconds(start),
                            detail)
                    .withTermination(
                            Termination.withoutPoint(
                                    limited ? limitReason : Termination.Reason.NUMERICAL_ERROR,
                                    detail));
        }
        double[] x = new double[n], f = new double[m];
        for (int k = 0; k < n; k++) {
            x[k] = result.doubleValue(k);
        }
        for (int t = 0; t < m; t++) {
            f[t] = result.doubleValue(n + t);
        }
        // candidate prices: ojAlgo's multipliers, and prices recovered from the KKT conditions at
        // the
        // point with a market-wide and with a per-node activity tolerance; the one that meets the
        // optimality conditions best on each node's own scales is kept
        double tol = Math.max(options.tolerance(), ACCURACY);
        LocalKkt kkt =
                new LocalKkt(problem, x, f, Math.max(ACCEPT_ACTIVITY, 100 * options.tolerance()));
        double priceScale = Math.max(1, maxAbs(b));
        double[] y = null;
        double relDual = Double.POSITIVE_INFINITY;
        String source = "none";
        Optional<Access1D<?>> multipliers = result.getMultipliers();
        if (multipliers.isPresent() && multipliers.get().count() >= n) {
            Access1D<?> l = multipliers.get();
            y = new double[n];
            for (int k = 0; k < n; k++) {
                y[k] = -l.doubleValue(k);
            }
            relDual = kkt.dual(y, null);
            source = "ojAlgo's multipliers";
        }
        if (!(relDual <= tol)) {
            double smallest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                smallest = Math.min(smallest, kkt.quantityScale(k));
            }
            double[] activities = {ACTIVITY * problem.injectionScale(), ACCEPT_ACTIVITY * smallest};
            for (double act : activities) {
                double[] recovered =
                        PriceRecovery.anyPrices(act, RECOVERY_SLACK * priceScale)
                                .recover(problem, x, f);
                double rd =
                        recovered == null ? Double.POSITIVE_INFINITY : kkt.dual(recovered, null);
                if (rd < relDual) {
                    y = recovered;
                    relDual = rd;
                    source = "prices recovered from the KKT conditions at the point";
                }
            }
        }
        if (y == null) {
            y = new double[n];
            for (int k = 0; k < n; k++) {
                y[k] = problem.quadratic()[k] * x[k] + b[k];
            }
            source = "marginal costs (no prices meet the optimality conditions)";
        }
        message += "; prices: " + source;
        double primal = KktResiduals.primal(problem, x, f);
        double dual =
                KktResiduals.dual(problem, x, f, y, ACTIVITY * problem.injectionScale(), null);
        double relPrimal = kkt.primal();
        if (status == Status.OPTIMAL && !(relPrimal <= tol && relDual <= tol)) {
            // ojAlgo said optimal, but its point (with any prices) misses the optimality conditions
            // on the scales of the nodes and arcs they concern
            status = Status.NUMERICAL_ERROR;
            message +=
                    String.format(
                            java.util.Locale.ROOT,
                            "; ojAlgo reported %s but its point misses the optimality"
                                    + " conditions at tolerance %.3g: relative primal residual %.3g, relative dual residual %.3g"
                                    + " (per node and arc); Maybe use the structured-ipm solver",
                            state,
                            tol,
                            relPrimal,
                            relDual);
        }
        options.progress().iteration(Math.max(1, iterations), primal, dual);
        ProblemSolution solution =
                ProblemSolution.of(
                        status,
                        x,
                        f,
                        y,
                        null,
                        NAME,
                        iterations,
                        seconds(start),
                        primal,
                        dual,
                        Double.NaN,
                        java.util.List.of(
                                new ProblemSolution.IterationRecord(
                                        Math.max(1, iterations), primal, dual, Double.NaN)),
                        message);
        if (status == Status.OPTIMAL) {
            return solution;
        }
        Termination.PointStatus primalStatus =
                relPrimal <= tol
                        ? Termination.PointStatus.FEASIBLE
                        : Termination.PointStatus.INFEASIBLE;
        Termination.PointStatus dualStatus =
                relDual <= tol
                        ? Termination.PointStatus.FEASIBLE
                        : Termination.PointStatus.INFEASIBLE;
        return solution.withTermination(
                new Termination(
                        status == Status.ITERATION_LIMIT
                                ? limitReason
                                : Termination.Reason.NUMERICAL_ERROR,
                        primalStatus,
                        dualStatus,
                        message));
    }

    /**
     * Per node: whether its fixed value ({@code lo == hi}) is an equality row. Not in a part of the
     * trading graph whose nodes are all fixed: there the sum of the balance rows equals the sum of
     * the fixed rows (trades cancel inside the part), the equalities are linearly dependent, and
     * ojAlgo answered {@code FAILED} (markets whose every bound is 0 kW); such nodes get their two
     * bounds as inequalities, as every other node does.
     */
    private static boolean[] fixedRows(int n, double[] lo, double[] hi, int[] tail, int[] head) {
        int[] root = TradingComponents.of(n, tail, head);
        boolean[] free = new boolean[n];
        for (int k = 0; k < n; k++) {
            if (lo[k] != hi[k]) {
                free[root[k]] = true;
            }
        }
        boolean[] out = new boolean[n];
        for (int k = 0; k < n; k++) {
            out[k] = lo[k] == hi[k] && free[root[k]];
        }
        return out;
    }

    /**
     * A start for ojAlgo at the routed flows {@code f0}, or {@code null} when their injections miss
     * a bound or a side constraint (ojAlgo then finds a start with its own LP phase). Marked {@code
     * APPROXIMATE}, so that ojAlgo checks its feasibility before using it.
     */
    private static Optimisation.Result kickStart(MarketProblem problem, double[] f0) {
        double[] x0 = problem.injections(f0), lo = problem.lower(), hi = problem.upper();
        for (int k = 0; k < x0.length; k++) {
            if (x0[k] < lo[k] || x0[k] > hi[k]) {
                return null;
            }
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            if (KktResiduals.sideLhs(problem.sideCoefficients(s), problem.sideNodes(s), x0)
                    > problem.sideRhs(s)) {
                return null;
            }
        }
        double[] z = new double[x0.length + f0.length];
        System.arraycopy(x0, 0, z, 0, x0.length);
        System.arraycopy(f0, 0, z, x0.length, f0.length);
        return Optimisation.Result.of(Optimisation.State.APPROXIMATE, z);
    }

    /**
     * ojAlgo's one accuracy setting of its active-set method (the relative accuracy of the
     * iterative Schur-complement solves; ojAlgo's default is 10 significant digits, which {@link
     * SolverOptions#DEFAULT_TOLERANCE} reproduces): one digit more than the tolerance asks for,
     * between 4 and 15.
     */
    static NumberContext iterativeAccuracy(double tolerance) {
        int digits = (int) Math.ceil(-Math.log10(tolerance)) + 1;
        return NumberContext.of(Math.max(4, Math.min(15, digits)), 14)
                .withMode(java.math.RoundingMode.HALF_DOWN);
    }

    /**
     * ojAlgo's iteration count of the QP phase (protected in ojAlgo, read reflectively), or 1 if
     * unavailable.
     */
    static int iterations(ConvexSolver qp) {
        if (qp == null) {
            return 0;
        }
        try {
            java.lang.reflect.Method count =
                    GenericSolver.class.getDeclaredMethod("countIterations");
            count.setAccessible(true);
            return (Integer) count.invoke(qp);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 1;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /**
     * Honours stop requests inside ojAlgo. ojAlgo checks the thread's interrupt flag before each
     * iteration of its LP and QP phases and offers no other callback; this watch sits between
     * ojAlgo and its matrix decompositions (which every iteration uses), polls {@link
     * org.gridbazaar.solver.Progress#stopRequested()} there and, on a request, interrupts the
     * solving thread so that ojAlgo ends at its next check. The interrupt it set is cleared when
     * the solve returns; an interrupt from elsewhere is left for the caller to see.
     */
    static final class StopWatch {
        private final SolverOptions options;
        private final double deadline;
        private boolean requested;
        private boolean interruptedHere;

        StopWatch(SolverOptions options, long start) {
            this.options = options;
            this.deadline =
                    Double.isInfinite(options.timeLimitSeconds())
                            ? Double.POSITIVE_INFINITY
                            : start + options.timeLimitSeconds() * 1e9;
        }

        @SuppressWarnings("unchecked")
        MatrixDecomposition.Solver<Double> watch(MatrixDecomposition.Solver<Double> delegate) {
            return (MatrixDecomposition.Solver<Double>)
                    Proxy.newProxyInstance(
                            MatrixDecomposition.Solver.class.getClassLoader(),
                            new Class<?>[] {MatrixDecomposition.Solver.class},
                            (proxy, method, args) -> {
                                poll();
                                if (method.getDeclaringClass() == Object.class) {
                                    switch (method.getName()) {
                                        case "equals":
                                            return proxy == args[0];
                                        case "hashCode":
                                            return System.identityHashCode(proxy);
                                        default:
                                            return "watched " + delegate;
                                    }
                                }
                                try {
                                    return method.invoke(delegate, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
        }

        private void poll() {
            if (!requested && options.progress().stopRequested()) {
                requested = true;
                if (!Thread.currentThread().isInterrupted()) {
                    interruptedHere = true;
                    Thread.currentThread().interrupt();
                }
            }
        }

        Optimisation.Result run(ConvexSolver qp, Optimisation.Result kick) {
            try {
                return kick == null ? qp.solve() : qp.solve(kick);
            } finally {
                release();
            }
        }

        /** Clears the interrupt this watch set, if any. */
        void release() {
            if (interruptedHere) {
                Thread.interrupted();
                interruptedHere = false;
            }
        }

        /**
         * Whether {@code e} is ojAlgo giving up on an interrupt (its parallel matrix code rethrows
         * the {@link InterruptedException}, which clears the flag): then the interrupt is set again
         * when it came from elsewhere, so that the caller still sees it.
         */
        boolean interruptedBy(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InterruptedException) {
                    if (!requested) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                }
            }
            return false;
        }

        /** Whether a stop was requested (or the thread interrupted) during the solve. */
        boolean stopped() {
            return requested
                    || Thread.currentThread().isInterrupted()
                    || options.progress().stopRequested();
        }

        boolean pastDeadline() {
            return System.nanoTime() > deadline;
        }
    }

    @Override
    public String toString() {
        return NAME + "[maxVariables=" + limit.maxVariables() + "]";
    }
}
