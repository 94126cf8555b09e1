package org.gridbazaar.benchmarks;

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
 * <ul>
 *   <li>{@code "N"}: {@link BenchmarkMarkets#halfAndHalf} of {@code N} peers, {@code (N/2)^2} pairs, preferences on 5%;</li>
 *   <li>{@code "N-penalties"}: {@link BenchmarkMarkets#withPenalties}, all pairs, a resistance penalty on every trade;</li>
 *   <li>{@code "NxK"}: {@link BenchmarkMarkets#withPartners}, {@code K} partners per producer, with the penalty.</li>
 * </ul>
 *
 * <p>A combination the solver refuses ({@code supports(problem)} is false, e.g. {@code ojalgo-qp}
 * above 2,000 variables) fails in setup, so JMH reports it as failed instead of timing nothing.
 * Teardown checks that the last results were {@link Status#OPTIMAL}, pass the KKT check at
 * {@code 1e-6} and have a relative duality gap of at most {@code 1e-6}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CentralizedSolveBenchmark {

    /** The market: {@code "N"}, {@code "N-penalties"} or {@code "NxK"} (see the class comment). */
    @Param({"20", "50", "100", "200", "1000-penalties", "10000x20"})
    public String peers;

    /** Solver name, looked up with {@link Solvers#require(String)}. */
    @Param({"structured-ipm", "ojalgo-qp"})
    public String solver;

    private Market market;
    private MarketProblem problem;
    private MarketSolver marketSolver;
    private MarketResult last;
    private ProblemSolution lastSolution;

    /** The market named by {@code spec} ({@code "N"}, {@code "N-penalties"} or {@code "NxK"}). */
    static Market market(String spec) {
        long seed = BenchmarkMarkets.SEED;
        if (spec.endsWith("-penalties")) {
            return BenchmarkMarkets.withPenalties(Integer.parseInt(spec.substring(0, spec.length() - "-penalties".length())), seed);
        }
        int x = spec.indexOf('x');
        if (x > 0) {
            return BenchmarkMarkets.withPartners(Integer.parseInt(spec.substring(0, x)), Integer.parseInt(spec.substring(x + 1)), seed);
        }
        return BenchmarkMarkets.halfAndHalf(Integer.parseInt(spec), seed);
    }

    /** Builds the seeded market and checks that the solver accepts it. */
    @Setup(Level.Trial)
    public void setUp() {
        market = market(peers);
        marketSolver = Solvers.require(solver);
        problem = new P2PFormulation().formulate(market).problem();
        MarketSolver.Support support = marketSolver.supports(problem);
        if (!support.supported()) {
            throw new IllegalStateException(solver + " does not support " + peers + " peers ("
                    + problem.nodeCount() + " nodes, " + problem.arcCount() + " arcs): " + support.reason()
                    + " -- this combination is not measured");
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

    /** Fails the trial if the last clearing or solve was not optimal, KKT-consistent and within the gap. */
    @TearDown(Level.Trial)
    public void verify() {
        if (last == null && lastSolution == null) {
            throw new IllegalStateException(solver + " on " + peers + ": nothing was solved");
        }
        if (last != null && last.status() != Status.OPTIMAL) {
            throw new IllegalStateException(solver + " on " + peers + ": status " + last.status() + ", expected OPTIMAL");
        }
        if (lastSolution != null) {
            if (lastSolution.status() != Status.OPTIMAL) {
                throw new IllegalStateException(solver + " on " + peers + ": status " + lastSolution.status()
                        + ", expected OPTIMAL: " + lastSolution.message());
            }
            KktChecker.assertKkt(problem, lastSolution, 1e-6);
            double objective = Math.abs(problem.objective(lastSolution.x(), lastSolution.f()));
            if (lastSolution.dualityGap() > 1e-6 * Math.max(1, objective)) {
                throw new IllegalStateException(solver + " on " + peers + ": duality gap " + lastSolution.dualityGap()
                        + " $ above 1e-6 of the objective " + objective + " $");
            }
        }
    }
}
