package org.gridbazaar.benchmarks;

import java.util.concurrent.TimeUnit;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
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
 * Single-shot time of one OR-Tools PDLP solve of {@link BenchmarkMarkets#withPenalties} (all pairs,
 * resistance penalty on every trade), in the form and with the parameters of {@link PdlpComparison}
 * (relative tolerance 1e-6, one thread), from the {@link MarketProblem} to the solution read back.
 * A benchmark-only comparison: one such solve takes about as long as hundreds of {@code
 * structured-ipm} solves, so it runs one warm-up and three measured shots in one fork.
 *
 * <p>Teardown fails the trial unless PDLP reported optimal and its objective agrees with {@code
 * structured-ipm}'s (solved once in setup) to {@value #OBJECTIVE_AGREEMENT} relative.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PdlpBenchmark {

    /** Relative objective agreement with structured-ipm required in teardown. */
    public static final double OBJECTIVE_AGREEMENT = 1e-5;

    /** Number of peers, half producers and half consumers ({@code (peers/2)^2} pairs). */
    @Param({"100", "400", "1000"})
    public int peers;

    private MarketProblem problem;
    private double reference;
    private PdlpComparison.PdlpSolution last;

    /**
     * Builds the seeded problem, loads OR-Tools and solves once with structured-ipm for the
     * reference objective.
     */
    @Setup(Level.Trial)
    public void setUp() {
        problem =
                new P2PFormulation()
                        .formulate(BenchmarkMarkets.withPenalties(peers, BenchmarkMarkets.SEED))
                        .problem();
        PdlpComparison.loadNativeLibraries();
        ProblemSolution ipm = new StructuredIpmSolver().solve(problem, SolverOptions.DEFAULTS);
        if (ipm.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "structured-ipm on " + peers + " peers: " + ipm.status() + " " + ipm.message());
        }
        reference = problem.objective(ipm.x(), ipm.f());
    }

    /** One PDLP solve. */
    @Benchmark
    public PdlpComparison.PdlpSolution solve() {
        last = PdlpComparison.solve(problem, PdlpComparison.TIME_LIMIT_SECONDS);
        return last;
    }

    /** Fails the trial unless the last solve was optimal and agrees with structured-ipm. */
    @TearDown(Level.Trial)
    public void verify() {
        if (last == null || !last.optimal()) {
            throw new IllegalStateException(
                    "PDLP on "
                            + peers
                            + " peers: "
                            + (last == null
                                    ? "no solve"
                                    : last.status() + " (" + last.termination() + ")")
                            + ", expected optimal");
        }
        double rel = Math.abs(last.objective() - reference) / Math.max(1, Math.abs(reference));
        if (rel > OBJECTIVE_AGREEMENT) {
            throw new IllegalStateException(
                    String.format(
                            java.util.Locale.ROOT,
                            "PDLP on %d peers: objective %.6f $ differs from structured-ipm's %.6f $ by %.1e relative (allowed %.0e)",
                            peers,
                            last.objective(),
                            reference,
                            rel,
                            OBJECTIVE_AGREEMENT));
        }
    }
}
