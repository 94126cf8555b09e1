package org.gridbazaar.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.testkit.KktChecker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time to clear one market with a centralized solver, over markets and solvers: {@link #clear} end
 * to end ({@link MarketClearing#clear(Market, MarketSolver, SolverOptions)}: formulation, solve,
 * read-back) and {@link #solve} the solver alone on the formulated problem. Markets (fixed seed):
 *
 * <ul>
 *   <li>{@code "N"}: {@link BenchmarkMarkets#halfAndHalf} of {@code N} peers, {@code (N/2)^2}
 *       pairs, preferences on 5%;
 *   <li>{@code "N-penalties"}: {@link BenchmarkMarkets#withPenalties}, all pairs, a resistance
 *       penalty on every trade;
 *   <li>{@code "NxK"}: {@link BenchmarkMarkets#withPartners}, {@code K} partners per producer, with
 *       the penalty.
 * </ul>
 *
 * <p>A combination the solver refuses ({@code supports(problem)} is false, e.g. {@code ojalgo-qp}
 * above 2,000 variables or {@code joptimizer} above 1,000) fails in setup, so JMH reports it as
 * failed instead of timing nothing. So does a combination the solver accepts but that is above this
 * benchmark's {@linkplain #MAX_VARIABLES size cap} for the solver: the dense solvers accept sizes
 * on which one clearing takes minutes, and JMH runs at least one operation per iteration, so such a
 * combination would hold the whole grid for many minutes. Teardown checks that the last results
 * were {@link Status#OPTIMAL}, pass the KKT check at {@code 1e-6} and have a relative duality gap
 * of at most {@code 1e-6}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CentralizedSolveBenchmark {

    /** The market: {@code "N"}, {@code "N-penalties"} or {@code "NxK"} (see the class comment). */
    @Param({"20", "50", "100", "200", "1000-penalties", "10000x20"})
    public String peers;

    /** Solver name, looked up with {@link Solvers#require(String)}. */
    @Param({"structured-ipm", "ojalgo-qp", "joptimizer"})
    public String solver;

    /**
     * Per solver, the largest problem this benchmark times, in variables (nodes plus arcs of the
     * {@link P2PFormulation}); solvers not listed have no cap here (only their own {@code
     * supports}). Each cap is where one clearing of {@link BenchmarkMarkets#halfAndHalf} takes
     * about 10 s on the 2-core machine of {@code docs/benchmarks.md}, i.e. about a minute per
     * benchmark method with its options {@code -wi 2 -i 3}, and minutes with JMH's defaults:
     *
     * <ul>
     *   <li>{@code joptimizer}: 800, below its own limit of 1,000. Dense Newton matrices, time
     *       about the cube of the variables: 440 variables (40 peers) 1.8 s, 675 (50 peers) 5.5 s,
     *       960 (60 peers) 15 s (CPU time of one solve, {@code JOptimizerSolver}'s documentation).
     *   <li>{@code ojalgo-qp}: 400, below its own limit of 2,000. 120 variables (20 peers) 0.3 s,
     *       255 (30 peers) 1.9 s, 440 (40 peers) 14 s (one cold clearing), 675 (50 peers) not
     *       finished in 150 s.
     * </ul>
     *
     * These are times on the idle machine; with other jobs on its two cores (load average about 5)
     * they were about 2.5 times longer (joptimizer at 40 peers 4.5 s per clearing, at 50 peers 15
     * s). Override for one run with the system property {@value #MAX_VARIABLES_PROPERTY}{@code
     * <solver>} in the benchmark's JVM, e.g. {@code -jvmArgsAppend
     * -Dgridbazaar.benchmark.maxVariables.joptimizer=1000}.
     */
    public static final Map<String, Integer> MAX_VARIABLES =
            Map.of("joptimizer", 800, "ojalgo-qp", 400);

    /** Prefix of the system property that overrides {@link #MAX_VARIABLES} for one solver. */
    public static final String MAX_VARIABLES_PROPERTY = "gridbazaar.benchmark.maxVariables.";

    private Market market;
    private MarketProblem problem;
    private MarketSolver marketSolver;
    private MarketResult last;
    private ProblemSolution lastSolution;

    /** The market named by {@code spec} ({@code "N"}, {@code "N-penalties"} or {@code "NxK"}). */
    static Market market(String spec) {
        long seed = BenchmarkMarkets.SEED;
        if (spec.endsWith("-penalties")) {
            return BenchmarkMarkets.withPenalties(
                    Integer.parseInt(spec.substring(0, spec.length() - "-penalties".length())),
                    seed);
        }
        int x = spec.indexOf('x');
        if (x > 0) {
            return BenchmarkMarkets.withPartners(
                    Integer.parseInt(spec.substring(0, x)),
                    Integer.parseInt(spec.substring(x + 1)),
                    seed);
        }
        return BenchmarkMarkets.halfAndHalf(Integer.parseInt(spec), seed);
    }

    /**
     * The size cap of {@code solver} in variables: the system property {@value
     * #MAX_VARIABLES_PROPERTY}{@code <solver>} if set, else {@link #MAX_VARIABLES}, else {@link
     * Integer#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if the property is not a positive integer
     */
    static int maxVariables(String solver) {
        String key = MAX_VARIABLES_PROPERTY + solver;
        String override = System.getProperty(key);
        if (override == null) {
            return MAX_VARIABLES.getOrDefault(solver, Integer.MAX_VALUE);
        }
        try {
            int cap = Integer.parseInt(override.trim());
            if (cap > 0) {
                return cap;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "-D"
                        + key
                        + "="
                        + override
                        + ": wants a positive number of variables"
                        + " (nodes plus arcs). Maybe -D"
                        + key
                        + "=1000.");
    }

    /**
     * Builds the seeded market and checks that the solver accepts it and that it is within the size
     * cap.
     */
    @Setup(Level.Trial)
    public void setUp() {
        market = market(peers);
        marketSolver = Solvers.require(solver);
        problem = new P2PFormulation().formulate(market).problem();
        MarketSolver.Support support = marketSolver.supports(problem);
        if (!support.supported()) {
            throw new IllegalStateException(
                    solver
                            + " does not support "
                            + peers
                            + " peers ("
                            + problem.nodeCount()
                            + " nodes, "
                            + problem.arcCount()
                            + " arcs): "
                            + support.reason()
                            + " -- this combination is not measured");
        }
        int variables = problem.nodeCount() + problem.arcCount();
        int cap = maxVariables(solver);
        if (variables > cap) {
            throw new IllegalStateException(
                    solver
                            + " on "
                            + peers
                            + " peers ("
                            + problem.nodeCount()
                            + " nodes + "
                            + problem.arcCount()
                            + " arcs = "
                            + variables
                            + " variables) is above this benchmark's cap of "
                            + cap
                            + " variables for "
                            + solver
                            + " (CentralizedSolveBenchmark.MAX_VARIABLES: the default caps are where"
                            + " one clearing takes about 10 s on a 2-core machine, growing steeply beyond)"
                            + " -- this combination is not measured. Maybe time it anyway with -jvmArgsAppend -D"
                            + MAX_VARIABLES_PROPERTY
                            + solver
                            + "="
                            + variables);
        }
    }

    /** Clears the market once. */
    @Benchmark
    public MarketResult clear() {
        last = MarketClearing.clear(market, marketSolver, SolverOptions.DEFAULTS);
        return last;
    }

    /** Solves the formulated problem once (the solver alone). */
    @Benchmark
    public ProblemSolution solve() {
        lastSolution = marketSolver.solve(problem, SolverOptions.DEFAULTS);
        return lastSolution;
    }

    /**
     * Fails the trial if the last clearing or solve was not optimal, KKT-consistent and within the
     * gap.
     */
    @TearDown(Level.Trial)
    public void verify() {
        if (last == null && lastSolution == null) {
            throw new IllegalStateException(solver + " on " + peers + ": nothing was solved");
        }
        if (last != null && last.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    solver + " on " + peers + ": status " + last.status() + ", expected OPTIMAL");
        }
        if (lastSolution != null) {
            if (lastSolution.status() != Status.OPTIMAL) {
                throw new IllegalStateException(
                        solver
                                + " on "
                                + peers
                                + ": status "
                                + lastSolution.status()
                                + ", expected OPTIMAL: "
                                + lastSolution.message());
            }
            KktChecker.assertKkt(problem, lastSolution, 1e-6);
            double objective = Math.abs(problem.objective(lastSolution.x(), lastSolution.f()));
            if (lastSolution.dualityGap() > 1e-6 * Math.max(1, objective)) {
                throw new IllegalStateException(
                        solver
                                + " on "
                                + peers
                                + ": duality gap "
                                + lastSolution.dualityGap()
                                + " $ above 1e-6 of the objective "
                                + objective
                                + " $");
            }
        }
    }
}
