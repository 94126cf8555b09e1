package org.gridbazaar.benchmarks;

import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-shot time of one OR-Tools PDLP solve of a market over time of {@link BenchmarkHorizons},
 * in the stacked form of {@link PdlpMultiPeriod} (injections, flows and private variables; balance
 * and side rows) with {@link PdlpComparison#parameters()} (1e-6 relative and absolute, one thread),
 * from the request to the response: the JMH counterpart of {@link MultiPeriodBenchmark#solve}, so
 * that both run side by side in one JMH run on the same market ({@code -p market=...}).
 *
 * <p>Setup solves the market once with the default solver for the reference objective; teardown
 * fails the trial unless PDLP reported optimal and its objective agrees with that reference to
 * {@value #OBJECTIVE_AGREEMENT} relative.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class PdlpMultiPeriodBenchmark {

    /** Relative objective agreement with the default solver required in teardown. */
    public static final double OBJECTIVE_AGREEMENT = 1e-5;

    /** PDLP's time limit, s. */
    static final double TIME_LIMIT_SECONDS = 600;

    /** The market over time, as in {@link MultiPeriodBenchmark}. */
    @Param({"200x20@24", "1000x20@24"})
    public String market;

    private MarketProblem problem;
    private MPModelRequest request;
    private double reference;
    private MPSolutionResponse last;

    /** Builds the market and PDLP's request, loads OR-Tools, solves once for the reference. */
    @Setup(Level.Trial)
    public void setUp() {
        problem = new MultiPeriodFormulation().formulate(BenchmarkHorizons.named(market)).problem();
        ProblemSolution s = Solvers.defaultSolver().solve(problem, SolverOptions.DEFAULTS);
        if (s.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "default solver on " + market + ": " + s.status() + " " + s.message());
        }
        reference = problem.objective(s.x(), s.privateVariables(), s.f());
        PdlpComparison.loadNativeLibraries();
        request = PdlpMultiPeriod.request(problem, TIME_LIMIT_SECONDS);
    }

    /** One PDLP solve. */
    @Benchmark
    public MPSolutionResponse solve() {
        last = MPSolver.solveWithProto(request);
        return last;
    }

    /** Fails the trial unless the last solve was optimal and agrees with the default solver. */
    @TearDown(Level.Trial)
    public void verify() {
        int n = problem.nodeCount(), m = problem.arcCount(), z = problem.variableCount();
        if (last == null
                || last.getStatus() != MPSolverResponseStatus.MPSOLVER_OPTIMAL
                || last.getVariableValueCount() != n + m + z) {
            throw new IllegalStateException(
                    "PDLP on "
                            + market
                            + ": "
                            + (last == null
                                    ? "no solve"
                                    : last.getStatus() + " " + last.getStatusStr())
                            + ", expected optimal");
        }
        double[][] point = PdlpMultiPeriod.point(problem, last);
        double objective = problem.objective(point[0], point[2], point[1]);
        double rel = Math.abs(objective - reference) / Math.max(1, Math.abs(reference));
        if (rel > OBJECTIVE_AGREEMENT) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "PDLP on %s: objective %.6f $ differs from the default solver's %.6f $"
                                    + " by %.1e relative (allowed %.0e)",
                            market,
                            objective,
                            reference,
                            rel,
                            OBJECTIVE_AGREEMENT));
        }
    }
}
