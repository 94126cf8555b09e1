package org.gridbazaar.benchmarks;

import java.util.concurrent.TimeUnit;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
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
 * Time to clear one market end to end ({@link MarketClearing#clear(Market, MarketSolver, SolverOptions)}:
 * formulation, solve, read-back) with a centralized solver, over market sizes and solvers. Markets
 * come from {@link BenchmarkMarkets#halfAndHalf} with a fixed seed, so {@code peers} peers give
 * {@code (peers/2)^2} trading pairs.
 *
 * <p>A combination the solver refuses ({@code supports(problem)} is false, e.g. {@code ojalgo-qp}
 * above 2,000 variables) fails in setup, so JMH reports it as failed instead of timing nothing.
 * Teardown checks that the last result was {@link Status#OPTIMAL}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CentralizedSolveBenchmark {

    /** Number of peers, half producers and half consumers. */
    @Param({"20", "50", "100", "200"})
    public String peers;

    /** Solver name, looked up with {@link Solvers#require(String)}. */
    @Param({"structured-ipm", "ojalgo-qp"})
    public String solver;

    private Market market;
    private MarketSolver marketSolver;
    private MarketResult last;

    /** Builds the seeded market and checks that the solver accepts it. */
    @Setup(Level.Trial)
    public void setUp() {
        market = BenchmarkMarkets.halfAndHalf(Integer.parseInt(peers), BenchmarkMarkets.SEED);
        marketSolver = Solvers.require(solver);
        MarketProblem problem = new P2PFormulation().formulate(market).problem();
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

    /** Fails the trial if the last clearing was not optimal. */
    @TearDown(Level.Trial)
    public void verify() {
        if (last == null || last.status() != Status.OPTIMAL) {
            throw new IllegalStateException(solver + " on " + peers + " peers: status "
                    + (last == null ? "none" : last.status()) + ", expected OPTIMAL");
        }
    }
}
