package org.gridbazaar.solver.ojalgo;

import java.util.Optional;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.support.KktResiduals;
import org.gridbazaar.solver.support.PriceRecovery;
import org.gridbazaar.solver.support.VariableLimit;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;
import org.ojalgo.structure.Access1D;

/**
 * Solves a {@link MarketProblem} as one dense convex QP with ojAlgo's active-set
 * {@link ConvexSolver} (built through {@link ConvexSolver.Builder}, not {@code ExpressionsBasedModel},
 * whose multipliers come back rescaled and without any on its ADMM path).
 *
 * <p>Variables {@code z = (x, f)}: node injections (kW) then arc flows (kW). ojAlgo minimises
 * {@code 0.5 z'Qz - C'z}, so {@code Q = diag(a, 0)} and {@code C = -(b, w)}. Constraints:
 * balance rows {@code x_k - (N f)_k = 0}, one per node, first among the equalities; a fixed node
 * ({@code lo == hi}) gets the equality {@code x_k = lo}; the other bounds, {@code -f <= 0} and the
 * side constraints are inequalities.
 *
 * <p><b>Multipliers, measured</b> (see {@code OjAlgoMultiplierSignTest}): for the balance row
 * written {@code x_k - (N f)_k = 0}, ojAlgo returns {@code lambda_k = -(a_k x_k + b_k)} at a node
 * strictly inside its bounds, i.e. its Lagrangian is {@code f(z) + lambda'(A z - b)} with unit scale.
 * The package convention ({@code -y_k (x_k - (N f)_k)}) therefore gives {@code y_k = -lambda_k}.
 * But ojAlgo 55.0.1 sometimes returns <em>stale</em> multipliers: with a bound that becomes active
 * late (a consumer at its minimum), it returned the prices of the earlier iterate without that bound
 * (18.57 $/kW where 14 $/kW is right) and a zero multiplier on the active bound. So every solve
 * checks the multipliers against stationarity; when they miss it by more than
 * {@code 1e-8 * max(1, max|b|)} (or are absent), {@code y} is recovered from the KKT conditions at
 * the returned point instead ({@link PriceRecovery#anyPrices}, to {@code 1e-9 * max(1, max|b|)}):
 * node potentials satisfying {@code y_k = a_k x_k + b_k} inside the bounds, the sign conditions at
 * active bounds and {@code y_head - y_tail <= w_t} (with equality on arcs with positive flow), found
 * by Bellman-Ford on those difference constraints. The solution's message says when that happened.
 * This backend's price scale is {@code max(1, max|b|)}, weaker than
 * {@link MarketProblem#priceScale()}; it is kept so that its results stay as they were.
 *
 * <p>Status: ojAlgo's {@code OPTIMAL}/{@code DISTINCT} give {@link Status#OPTIMAL};
 * {@code INFEASIBLE} gives {@link Status#INFEASIBLE} (never an exception); {@code UNBOUNDED} gives
 * {@link Status#UNBOUNDED}; a stop on the iteration or time limit ({@code FEASIBLE},
 * {@code APPROXIMATE}) gives {@link Status#ITERATION_LIMIT} with the point; anything else, or an
 * exception inside ojAlgo, gives {@link Status#NUMERICAL_ERROR}. ojAlgo does not expose its
 * iteration count, so {@code iterations} is reported as 1 (one QP solve). The primal residual
 * (max of {@code |x - N f|}, bound, {@code f >= 0} and side-constraint violations, kW) and the dual
 * residual (stationarity of nodes and arcs, $/kW; nodes in side constraints are not measured) are
 * computed from the returned point by {@link KktResiduals}, with bounds active within
 * {@code 1e-7 * injectionScale} kW.
 * ojAlgo's own tolerances apply (about 1e-8 relative in practice); {@link SolverOptions#tolerance()}
 * is not passed on.
 *
 * <p>Dense and active-set: time grows quickly with size, so {@link #supports} says no above
 * {@link #DEFAULT_MAX_VARIABLES} variables (nodes plus arcs). Stateless and thread-safe.
 */
public final class OjAlgoSolver implements MarketSolver {

    /** The solver's name. */
    public static final String NAME = "ojalgo-qp";
    /** Default size limit: nodes plus arcs. */
    public static final int DEFAULT_MAX_VARIABLES = 2_000;

    /** Relative dual residual above which ojAlgo's multipliers are replaced by prices recovered from the point. */
    static final double MULTIPLIER_TRUST = 1e-8;
    /** Accuracy, relative to {@code max(1, max|b|)}, to which recovered prices meet the KKT conditions. */
    static final double RECOVERY_SLACK = 1e-9;
    /** Relative to the injection scale: the slack up to which a bound or side constraint is active, and the flow below which an arc carries none. */
    static final double ACTIVITY = 1e-7;

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
            return Support.no(problem.couplingConstraintCount() + " coupling constraints (hard line limits): this backend"
                    + " does not recover their multipliers; use the structured-ipm solver");
        }
        Optional<String> tooLarge = limit.exceededBy(problem);
        if (tooLarge.isPresent()) {
            return Support.no(tooLarge.get()
                    + " (a dense active-set QP); Maybe use the structured-ipm solver");
        }
        return Support.yes();
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        requireSupported(problem);
        long start = System.nanoTime();
        if (options.progress().stopRequested()) {
            return ProblemSolution.without(Status.ITERATION_LIMIT, NAME, 0, 0, "stop requested before the solve");
        }
        int n = problem.nodeCount(), m = problem.arcCount(), nv = n + m;
        double[] a = problem.quadratic(), b = problem.linear(), lo = problem.lower(), hi = problem.upper();
        double[] w = problem.arcCost();
        int[] tail = problem.tail(), head = problem.head();
        int fixed = 0;
        for (int k = 0; k < n; k++) {
            if (lo[k] == hi[k]) {
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
            if (lo[k] == hi[k]) {
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

        Optimisation.Options opt = new Optimisation.Options();
        opt.iterations_abort = options.maxIterations();
        if (Double.isFinite(options.timeLimitSeconds())) {
            opt.time_abort = Math.max(1L, (long) Math.ceil(options.timeLimitSeconds() * 1000));
        }
        Optimisation.Result result;
        try {
            ConvexSolver.Builder builder = ConvexSolver.newBuilder(nv).objective(q, c).equalities(aeq, beq);
            if (nin > 0) {
                builder.inequalities(ain, bin);
            }
            result = builder.build(opt).solve();
        } catch (RuntimeException e) {
            return ProblemSolution.without(Status.NUMERICAL_ERROR, NAME, 1, seconds(start),
                    "ojAlgo failed: " + e + "; Maybe try the structured-ipm solver");
        }
        Optimisation.State state = result.getState();
        Status status;
        if (state == Optimisation.State.INFEASIBLE) {
            return ProblemSolution.without(Status.INFEASIBLE, NAME, 1, seconds(start), "ojAlgo: infeasible");
        } else if (state == Optimisation.State.UNBOUNDED) {
            return ProblemSolution.without(Status.UNBOUNDED, NAME, 1, seconds(start), "ojAlgo: unbounded");
        } else if (state.isOptimal()) {
            status = Status.OPTIMAL;
        } else if (state == Optimisation.State.FEASIBLE || state == Optimisation.State.APPROXIMATE) {
            status = Status.ITERATION_LIMIT;
        } else {
            return ProblemSolution.without(Status.NUMERICAL_ERROR, NAME, 1, seconds(start), "ojAlgo stopped in state " + state);
        }
        double[] x = new double[n], f = new double[m];
        for (int k = 0; k < n; k++) {
            x[k] = result.doubleValue(k);
        }
        for (int t = 0; t < m; t++) {
            f[t] = result.doubleValue(n + t);
        }
        String message = "ojAlgo state " + state;
        double[] y = new double[n];
        Optional<Access1D<?>> multipliers = result.getMultipliers();
        double dual = Double.POSITIVE_INFINITY;
        double act = ACTIVITY * problem.injectionScale();
        if (multipliers.isPresent() && multipliers.get().count() >= n) {
            Access1D<?> l = multipliers.get();
            for (int k = 0; k < n; k++) {
                y[k] = -l.doubleValue(k);
            }
            dual = KktResiduals.dual(problem, x, f, y, act, null);
        }
        double priceScale = Math.max(1, maxAbs(b));
        if (!(dual <= MULTIPLIER_TRUST * priceScale)) {
            double[] recovered = PriceRecovery.anyPrices(act, RECOVERY_SLACK * priceScale).recover(problem, x, f);
            double rd = recovered == null ? Double.POSITIVE_INFINITY : KktResiduals.dual(problem, x, f, recovered, act, null);
            if (rd < dual) {
                message += String.format(java.util.Locale.ROOT, "; ojAlgo's multipliers miss stationarity by %.3g $/kW,"
                        + " prices recovered from the KKT conditions (residual %.3g $/kW)", dual, rd);
                y = recovered;
                dual = rd;
            }
        }
        if (status == Status.OPTIMAL && !(dual <= 1e-6 * priceScale)) {
            // ojAlgo said optimal, but no prices make this point satisfy the KKT conditions
            status = Status.NUMERICAL_ERROR;
            message += String.format(java.util.Locale.ROOT, "; ojAlgo reported %s but its point misses the optimality"
                    + " conditions by %.3g $/kW; Maybe use the structured-ipm solver", state, dual);
        }
        double primal = KktResiduals.primal(problem, x, f);
        options.progress().iteration(1, primal, dual);
        return ProblemSolution.of(status, x, f, y, null, NAME, 1, seconds(start), primal, dual, Double.NaN,
                java.util.List.of(new ProblemSolution.IterationRecord(1, primal, dual, Double.NaN)), message);
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

    @Override
    public String toString() {
        return NAME + "[maxVariables=" + limit.maxVariables() + "]";
    }
}
