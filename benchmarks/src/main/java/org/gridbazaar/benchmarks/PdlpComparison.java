package org.gridbazaar.benchmarks;

import com.google.ortools.Loader;
import com.google.ortools.init.OrToolsVersion;
import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPQuadraticObjective;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import com.google.ortools.linearsolver.MPVariableProto;
import com.google.ortools.pdlp.PrimalDualHybridGradientParams;
import com.google.ortools.pdlp.SolveLog;
import com.google.ortools.pdlp.TerminationCriteria;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;

/**
 * Benchmark-only comparison of OR-Tools' PDLP (first-order primal-dual hybrid gradient, a generic
 * LP/QP solver) with the default solver {@code structured-ipm} on the same {@link MarketProblem}:
 * objective, set-points and wall-clock time. OR-Tools is a dependency of this unpublished module
 * only; no library module uses it.
 *
 * <h2>The QP handed to PDLP</h2>
 *
 * Variables are the node injections {@code x_k} (kW, bounds {@code [lo_k, hi_k]}) followed by the
 * arc flows {@code f_t >= 0} (kW); the objective is the canonical one, {@code sum_k (0.5 a_k x_k^2
 * + b_k x_k + c_k) + sum_t w_t f_t} ($), as a diagonal quadratic objective (coefficient {@code 0.5
 * a_k} on {@code x_k * x_k}) plus the constants as an offset; the rows are balance {@code x_k -
 * sum_{t out of k} f_t + sum_{t into k} f_t = 0} (one per node, its dual value is the node price
 * {@code y_k} in $/kW), then the side and the coupling constraints ({@code sum g x <= h}). This is
 * the "aggregated form": the quadratic cost sits on each peer's aggregate {@code x_k = sum_j P_kj},
 * not on the trades. Eliminating {@code x = N f} altogether, so that only flows are variables, is
 * not possible with PDLP: its objective Hessian {@code N' diag(a) N} is not diagonal, and PDLP
 * rejects any off-diagonal quadratic term ({@code INVALID_ARGUMENT: ... Only diagonal objective
 * matrices are supported}).
 *
 * <h2>PDLP parameters</h2>
 *
 * Set through {@code MPModelRequest.solver_specific_parameters} (text format of {@code
 * PrimalDualHybridGradientParams}); everything else is PDLP's default (no presolve, no feasibility
 * polishing, adaptive restarts, diagonal-QP trust-region step off): {@code
 * termination_criteria.simple_optimality_criteria { eps_optimal_relative: 1e-6
 * eps_optimal_absolute: 1e-6 }} (PDLP stops when the duality gap, primal and dual residuals, each
 * in the l2 norm, are within {@code abs + rel * scale}; the balance rows have right-hand side 0,
 * which gives the primal residual little relative room), {@code num_threads: 1} (structured-ipm is
 * single-threaded, and the box has two shared cores), {@code verbosity_level: 0}, and {@code
 * MPModelRequest.solver_time_limit_seconds} = {@value #TIME_LIMIT_SECONDS}.
 *
 * <h2>Running it</h2>
 *
 * {@code java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.PdlpComparison
 * [PEERS...]} clears {@link BenchmarkMarkets#withPenalties} (all pairs, resistance penalty on every
 * trade) for each size (default 20, 100, 400, 1000 peers) with both solvers: one warm-up run, then
 * up to {@value #RUNS} timed runs, the best one reported; a solver stops repeating at a size once
 * its timed runs there have taken {@value #REPEAT_BUDGET_SECONDS} s, and a size is skipped for PDLP
 * when its warm-up hits the time limit. Times are wall clock from the {@link MarketProblem} to the
 * solution read back (for PDLP: building the proto, passing it to the native solver, reading the
 * response); formulation is excluded for both. It prints a Markdown table to stdout and progress to
 * stderr.
 */
public final class PdlpComparison {

    /** PDLP's relative optimality tolerance ({@code eps_optimal_relative}). */
    public static final double RELATIVE_TOLERANCE = 1e-6;

    /**
     * PDLP's absolute optimality tolerance ({@code eps_optimal_absolute}; kW for residuals, $ for
     * the gap).
     */
    public static final double ABSOLUTE_TOLERANCE = 1e-6;

    /** Time limit of one PDLP solve, s; a size whose warm-up hits it is reported as skipped. */
    public static final double TIME_LIMIT_SECONDS = 120;

    /** Timed runs per solver and size after the warm-up. */
    public static final int RUNS = 3;

    /** A solver stops repeating at a size once its timed runs there have taken this long, s. */
    public static final double REPEAT_BUDGET_SECONDS = 120;

    private static final int[] DEFAULT_PEERS = {20, 100, 400, 1000};

    private PdlpComparison() {}

    /**
     * PDLP's answer to a {@link MarketProblem}, in the problem's node and arc order.
     *
     * @param status the OR-Tools linear-solver status ({@code MPSOLVER_OPTIMAL} when PDLP met its
     *     tolerances)
     * @param termination PDLP's own termination reason (from its solve log), or the status message
     * @param objective PDLP's primal objective including the constants {@code c_k}, $ ({@code NaN}
     *     without a point)
     * @param x node injections, kW (empty without a point)
     * @param f arc flows, kW (empty without a point)
     * @param y node prices: the dual values of the balance rows, $/kW, same sign as {@link
     *     ProblemSolution#y()} (empty without a point)
     * @param iterations PDLP iterations
     * @param solverSeconds PDLP's own solve time, s (without building and passing the proto)
     * @param balanceResidual max over nodes of {@code |x_k - (N f)_k|}, kW: how far PDLP's point is
     *     from balance
     */
    public record PdlpSolution(
            MPSolverResponseStatus status,
            String termination,
            double objective,
            double[] x,
            double[] f,
            double[] y,
            int iterations,
            double solverSeconds,
            double balanceResidual) {

        /** Whether PDLP reported an optimal point within its tolerances. */
        public boolean optimal() {
            return status == MPSolverResponseStatus.MPSOLVER_OPTIMAL;
        }
    }

    /**
     * Loads OR-Tools' native library (idempotent; about a second the first time, extracting it to a
     * temporary directory).
     */
    public static void loadNativeLibraries() {
        Loader.loadNativeLibraries();
    }

    /** The PDLP parameters described in the class documentation. */
    public static PrimalDualHybridGradientParams parameters() {
        return PrimalDualHybridGradientParams.newBuilder()
                .setTerminationCriteria(
                        TerminationCriteria.newBuilder()
                                .setSimpleOptimalityCriteria(
                                        TerminationCriteria.SimpleOptimalityCriteria.newBuilder()
                                                .setEpsOptimalRelative(RELATIVE_TOLERANCE)
                                                .setEpsOptimalAbsolute(ABSOLUTE_TOLERANCE)))
                .setNumThreads(1)
                .setVerbosityLevel(0)
                .build();
    }

    /**
     * The request that asks PDLP to solve {@code problem} in the form of the class documentation.
     *
     * @param timeLimitSeconds PDLP's time limit, s
     */
    public static MPModelRequest request(MarketProblem problem, double timeLimitSeconds) {
        int n = problem.nodeCount(), m = problem.arcCount();
        double[] a = problem.quadratic(), b = problem.linear(), c = problem.constant();
        double[] lo = problem.lower(), hi = problem.upper(), w = problem.arcCost();
        int[] tail = problem.tail(), head = problem.head();

        MPModelProto.Builder model =
                MPModelProto.newBuilder().setName(problem.name()).setMaximize(false);
        MPQuadraticObjective.Builder quadratic = MPQuadraticObjective.newBuilder();
        double offset = 0;
        for (int k = 0; k < n; k++) {
            model.addVariable(
                    MPVariableProto.newBuilder()
                            .setLowerBound(lo[k])
                            .setUpperBound(hi[k])
                            .setObjectiveCoefficient(b[k]));
            if (a[k] != 0) {
                quadratic.addQvar1Index(k).addQvar2Index(k).addCoefficient(0.5 * a[k]);
            }
            offset += c[k];
        }
        for (int t = 0; t < m; t++) {
            model.addVariable(
                    MPVariableProto.newBuilder()
                            .setLowerBound(0)
                            .setUpperBound(Double.POSITIVE_INFINITY)
                            .setObjectiveCoefficient(w[t]));
        }
        model.setQuadraticObjective(quadratic).setObjectiveOffset(offset);

        // balance rows: x_k - sum_out f + sum_in f = 0; arcs grouped by node (counting sort)
        int[] start = new int[n + 1];
        for (int t = 0; t < m; t++) {
            start[tail[t] + 1]++;
            start[head[t] + 1]++;
        }
        for (int k = 0; k < n; k++) {
            start[k + 1] += start[k];
        }
        int[] fill = start.clone();
        int[] arcOf = new int[2 * m];
        double[] sign = new double[2 * m];
        for (int t = 0; t < m; t++) {
            arcOf[fill[tail[t]]] = t;
            sign[fill[tail[t]]++] = -1;
            arcOf[fill[head[t]]] = t;
            sign[fill[head[t]]++] = 1;
        }
        for (int k = 0; k < n; k++) {
            MPConstraintProto.Builder row =
                    MPConstraintProto.newBuilder()
                            .setLowerBound(0)
                            .setUpperBound(0)
                            .addVarIndex(k)
                            .addCoefficient(1);
            for (int e = start[k]; e < start[k + 1]; e++) {
                row.addVarIndex(n + arcOf[e]).addCoefficient(sign[e]);
            }
            model.addConstraint(row);
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            model.addConstraint(
                    lessOrEqual(
                            problem.sideNodes(r), problem.sideCoefficients(r), problem.sideRhs(r)));
        }
        for (int r = 0; r < problem.couplingConstraintCount(); r++) {
            model.addConstraint(
                    lessOrEqual(
                            problem.couplingNodes(r),
                            problem.couplingCoefficients(r),
                            problem.couplingRhs(r)));
        }
        return MPModelRequest.newBuilder()
                .setModel(model)
                .setSolverType(MPModelRequest.SolverType.PDLP_LINEAR_PROGRAMMING)
                .setSolverSpecificParameters(TextFormat.printer().printToString(parameters()))
                .setSolverTimeLimitSeconds(timeLimitSeconds)
                .build();
    }

    private static MPConstraintProto.Builder lessOrEqual(int[] nodes, double[] coefs, double rhs) {
        MPConstraintProto.Builder row =
                MPConstraintProto.newBuilder()
                        .setLowerBound(Double.NEGATIVE_INFINITY)
                        .setUpperBound(rhs);
        for (int i = 0; i < nodes.length; i++) {
            row.addVarIndex(nodes[i]).addCoefficient(coefs[i]);
        }
        return row;
    }

    /**
     * Solves {@code problem} with PDLP (the native library must be loaded, see {@link
     * #loadNativeLibraries()}).
     *
     * @param timeLimitSeconds PDLP's time limit, s
     */
    public static PdlpSolution solve(MarketProblem problem, double timeLimitSeconds) {
        MPSolutionResponse response = MPSolver.solveWithProto(request(problem, timeLimitSeconds));
        String termination = response.getStatusStr();
        int iterations = -1;
        double solverSeconds = response.getSolveInfo().getSolveWallTimeSeconds();
        if (response.hasSolverSpecificInfo()) {
            try {
                SolveLog log = SolveLog.parseFrom(response.getSolverSpecificInfo());
                termination = log.getTerminationReason().name().replace("TERMINATION_REASON_", "");
                iterations = log.getIterationCount();
                solverSeconds = log.getSolveTimeSec();
            } catch (InvalidProtocolBufferException e) {
                termination = termination + " (solve log unreadable: " + e.getMessage() + ")";
            }
        }
        int n = problem.nodeCount(), m = problem.arcCount();
        if (response.getVariableValueCount() != n + m) {
            return new PdlpSolution(
                    response.getStatus(),
                    termination,
                    Double.NaN,
                    new double[0],
                    new double[0],
                    new double[0],
                    iterations,
                    solverSeconds,
                    Double.NaN);
        }
        double[] x = new double[n], f = new double[m], y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = response.getVariableValue(k);
        }
        for (int t = 0; t < m; t++) {
            f[t] = response.getVariableValue(n + t);
        }
        for (int k = 0; k < n && k < response.getDualValueCount(); k++) {
            y[k] = response.getDualValue(k);
        }
        double[] nf = problem.injections(f);
        double residual = 0;
        for (int k = 0; k < n; k++) {
            residual = Math.max(residual, Math.abs(x[k] - nf[k]));
        }
        return new PdlpSolution(
                response.getStatus(),
                termination,
                response.getObjectiveValue(),
                x,
                f,
                y,
                iterations,
                solverSeconds,
                residual);
    }

    /** A timed solve: the best wall-clock time over the timed runs, and that run's answer. */
    private record Timed<T>(T answer, double bestSeconds, int runs) {}

    private interface Solve<T> {
        T run();
    }

    /**
     * Up to {@link #RUNS} timed runs (after the caller's warm-up) within {@link
     * #REPEAT_BUDGET_SECONDS}.
     */
    private static <T> Timed<T> time(Solve<T> solve) {
        T answer = null;
        double best = Double.POSITIVE_INFINITY, spent = 0;
        int runs = 0;
        while (runs < RUNS && spent < REPEAT_BUDGET_SECONDS) {
            long t0 = System.nanoTime();
            T run = solve.run();
            double s = (System.nanoTime() - t0) * 1e-9;
            if (s < best) {
                best = s;
                answer = run;
            }
            spent += s;
            runs++;
        }
        return new Timed<>(answer, best, runs);
    }

    /** One row of the comparison table. */
    private record Row(
            int peers,
            int pairs,
            Timed<PdlpSolution> pdlp,
            Timed<ProblemSolution> ipm,
            double relObjectiveDifference,
            double maxSetPointDifference,
            double maxPriceDifference) {}

    /** Compares both solvers at one size. */
    private static Row compare(int peers) {
        Market market = BenchmarkMarkets.withPenalties(peers, BenchmarkMarkets.SEED);
        MarketProblem problem = new P2PFormulation().formulate(market).problem();
        StructuredIpmSolver ipmSolver = new StructuredIpmSolver();
        System.err.printf(
                Locale.ROOT, "%d peers (%d pairs): structured-ipm...%n", peers, problem.arcCount());
        ipmSolver.solve(problem, SolverOptions.DEFAULTS); // warm-up
        Timed<ProblemSolution> ipm = time(() -> ipmSolver.solve(problem, SolverOptions.DEFAULTS));
        if (ipm.answer().status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "structured-ipm on "
                            + peers
                            + " peers: "
                            + ipm.answer().status()
                            + " "
                            + ipm.answer().message());
        }
        System.err.printf(
                Locale.ROOT,
                "%d peers: structured-ipm best %.4f s; PDLP warm-up...%n",
                peers,
                ipm.bestSeconds());
        long w0 = System.nanoTime();
        PdlpSolution warm = solve(problem, TIME_LIMIT_SECONDS);
        double warmSeconds = (System.nanoTime() - w0) * 1e-9;
        boolean skip = !warm.optimal() && warmSeconds >= 0.95 * TIME_LIMIT_SECONDS;
        System.err.printf(
                Locale.ROOT,
                "%d peers: PDLP warm-up %.2f s, %s%s%n",
                peers,
                warmSeconds,
                warm.termination(),
                skip ? " -- time limit, size skipped" : "");
        Timed<PdlpSolution> pdlp =
                skip
                        ? new Timed<>(warm, Double.NaN, 0)
                        : time(() -> solve(problem, TIME_LIMIT_SECONDS));
        double[] xi = ipm.answer().x(), yi = ipm.answer().y();
        double relObj = Double.NaN, dx = Double.NaN, dy = Double.NaN;
        PdlpSolution p = pdlp.answer();
        if (p.x().length == xi.length) {
            double ref = problem.objective(xi, ipm.answer().f());
            relObj = (p.objective() - ref) / Math.max(1, Math.abs(ref));
            dx = 0;
            dy = 0;
            // a peer that does not trade (x = 0) has a range of valid prices, so compare prices of
            // trading peers only
            double trading = 1e-6 * problem.injectionScale();
            for (int k = 0; k < xi.length; k++) {
                dx = Math.max(dx, Math.abs(p.x()[k] - xi[k]));
                if (Math.abs(xi[k]) > trading) {
                    dy = Math.max(dy, Math.abs(p.y()[k] - yi[k]));
                }
            }
        }
        return new Row(peers, problem.arcCount(), pdlp, ipm, relObj, dx, dy);
    }

    /**
     * Prints the comparison table for the given peer counts (default 20, 100, 400, 1000).
     *
     * @param args peer counts, each {@code >= 2}
     */
    public static void main(String[] args) {
        int[] sizes = DEFAULT_PEERS;
        if (args.length > 0) {
            sizes = new int[args.length];
            for (int i = 0; i < args.length; i++) {
                sizes[i] = Integer.parseInt(args[i]);
            }
        }
        loadNativeLibraries();
        List<Row> rows = new ArrayList<>();
        for (int peers : sizes) {
            rows.add(compare(peers));
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "PDLP (OR-Tools %s) vs structured-ipm, BenchmarkMarkets.withPenalties(peers, %dL), %s, "
                        + "%s %s, %d processors, Java %s, max heap %d MB%n%n",
                OrToolsVersion.getVersionString(),
                BenchmarkMarkets.SEED,
                LocalDate.now(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                rt.availableProcessors(),
                System.getProperty("java.version"),
                rt.maxMemory() >> 20);
        System.out.println(
                "| peers | trades (pairs) | PDLP time (s) | PDLP solver only (s) | PDLP status | PDLP iterations"
                        + " | rel. objective diff | max set-point diff (kW) | max price diff, trading peers ($/kW) | PDLP balance residual (kW)"
                        + " | structured-ipm time (s) | speed ratio | timed runs (PDLP/ipm) |");
        System.out.println("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row r : rows) {
            PdlpSolution p = r.pdlp().answer();
            double ratio = r.pdlp().bestSeconds() / r.ipm().bestSeconds();
            String status =
                    r.pdlp().runs() == 0
                            ? p.termination()
                                    + " (no result in "
                                    + (int) TIME_LIMIT_SECONDS
                                    + " s, skipped)"
                            : p.status().name().replace("MPSOLVER_", "")
                                    + " ("
                                    + p.termination()
                                    + ")";
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %,d | %s | %s | %s | %,d | %s | %s | %s | %s | %.4f | %s | %d/%d |%n",
                    r.peers(),
                    r.pairs(),
                    fixed(r.pdlp().bestSeconds(), 3),
                    fixed(p.solverSeconds(), 3),
                    status,
                    p.iterations(),
                    sci(r.relObjectiveDifference()),
                    sci(r.maxSetPointDifference()),
                    sci(r.maxPriceDifference()),
                    sci(p.balanceResidual()),
                    r.ipm().bestSeconds(),
                    Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.1fx", ratio),
                    r.pdlp().runs(),
                    r.ipm().runs());
        }
    }

    private static String fixed(double v, int digits) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String sci(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1e", v);
    }
}
