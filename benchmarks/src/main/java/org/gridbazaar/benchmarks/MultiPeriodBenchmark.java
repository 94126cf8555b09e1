package org.gridbazaar.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.gridbazaar.formulation.FormulatedMultiPeriodMarket;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.CaseWriter;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.io.ResultWriter;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;
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
 * Markets over time with the default solver ({@code structured-ipm}, whose block path is the
 * row-space interior point of {@code SeparableQpSolver}), on the seeded horizons of {@link
 * BenchmarkHorizons}: {@link #solve} times the solver alone on the stacked problem (formulated once
 * in setup), {@link #endToEnd} what a user runs: read the version-2 case file written once in setup
 * ({@link CaseReader#readCase(Path)}), clear it ({@link
 * MultiPeriodClearing#clear(MultiPeriodMarket)}) and write the result file ({@link
 * ResultWriter#write(MultiPeriodResult, Path)}).
 *
 * <p>{@code market} is {@code "SPEC@PERIODS"}: {@code SPEC} as in {@link CentralizedSolveBenchmark}
 * ({@code "N-penalties"} all pairs, {@code "NxK"} K partners per producer), {@code PERIODS} periods
 * of one day. Teardown fails the trial unless the last solve and the last clearing are {@link
 * Status#OPTIMAL}, and prints the solver's iterations and its own seconds.
 *
 * <p>The largest size, {@code 1000x20@24} (480,000 trades), takes more than a minute per operation:
 * run it with {@code -bm ss -wi 0 -i 1} (one single shot).
 *
 * <p>{@link #main} measures memory instead: per market, the row count and envelope of the factor
 * ({@link StructuredIpmSolver#blockProblem}) and the peak heap of one solve; with {@code
 * -Ddetail=true} also the interior point alone with each linear algebra of {@code
 * -Dalgebra=AUTO,ENVELOPE,NODE_SPACE} (iterations, conjugate-gradient iterations, CPU).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MultiPeriodBenchmark {

    /** The market over time, {@code "SPEC@PERIODS"} (see the class comment). */
    @Param({"150-penalties@48", "200x20@24", "100x20@96", "1000x20@24"})
    public String market;

    private MarketProblem problem;
    private MarketSolver solver;
    private Path caseFile;
    private Path resultFile;
    private ProblemSolution lastSolution;
    private MultiPeriodResult lastResult;

    /** Builds the market, formulates it once and writes its case file once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        MultiPeriodMarket m = BenchmarkHorizons.named(market);
        problem = new MultiPeriodFormulation().formulate(m).problem();
        solver = Solvers.defaultSolver();
        solver.requireSupported(problem);
        caseFile = Files.createTempFile("gridbazaar-mp-" + market.replace('@', '-'), ".json");
        resultFile =
                Files.createTempFile("gridbazaar-mp-result-" + market.replace('@', '-'), ".json");
        CaseWriter.write(m, caseFile);
        System.out.printf(
                Locale.ROOT,
                "%n%s: %d periods, %d nodes, %d arcs, %d private variables, %d side rows; case file %,d bytes%n",
                market,
                m.periodCount(),
                problem.nodeCount(),
                problem.arcCount(),
                problem.variableCount(),
                problem.sideConstraintCount(),
                Files.size(caseFile));
    }

    /** The solver alone on the stacked problem. */
    @Benchmark
    public ProblemSolution solve() {
        lastSolution = solver.solve(problem, SolverOptions.DEFAULTS);
        return lastSolution;
    }

    /** Read the case file, clear with the default solver, write the result file. */
    @Benchmark
    public MultiPeriodResult endToEnd() {
        MarketCase c = CaseReader.readCase(caseFile);
        MultiPeriodResult r = MultiPeriodClearing.clear(((MarketCase.MultiPeriod) c).market());
        ResultWriter.write(r, resultFile);
        lastResult = r;
        return r;
    }

    /** Fails the trial unless the last results are optimal; deletes the temporary files. */
    @TearDown(Level.Trial)
    public void check() throws IOException {
        try {
            if (lastSolution != null) {
                System.out.printf(
                        Locale.ROOT,
                        "%n%s solve: %s, %d iterations, %.2f s (solver's own clock)%n",
                        market,
                        lastSolution.status(),
                        lastSolution.iterations(),
                        lastSolution.seconds());
                if (lastSolution.status() != Status.OPTIMAL) {
                    throw new IllegalStateException(
                            market
                                    + " solve: "
                                    + lastSolution.status()
                                    + " "
                                    + lastSolution.message());
                }
            }
            if (lastResult != null) {
                System.out.printf(
                        Locale.ROOT,
                        "%n%s end to end: %s, objective %.6e $, %d iterations, %.2f s in the solver%n",
                        market,
                        lastResult.status(),
                        lastResult.objective(),
                        lastResult.solver().iterations(),
                        lastResult.solver().seconds());
                if (lastResult.status() != Status.OPTIMAL) {
                    throw new IllegalStateException(
                            market
                                    + " end to end: "
                                    + lastResult.status()
                                    + " "
                                    + lastResult.message());
                }
                String text = Files.readString(resultFile);
                if (!text.contains("\"status\": \"OPTIMAL\"")
                        && !text.contains("\"status\":\"OPTIMAL\"")) {
                    throw new IllegalStateException(
                            market + ": the result file does not say OPTIMAL");
                }
            }
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(resultFile);
        }
    }

    /**
     * Memory of one solve per market: rows and envelope of the factor, then the peak heap of the
     * solve. Run each market in its own JVM (the peak is the JVM's heap pools' peak after a reset):
     * {@code java -cp benchmarks.jar org.gridbazaar.benchmarks.MultiPeriodBenchmark 200x20@24}.
     * With {@code -Druns=R}, {@code R - 1} more solves follow, each with its wall and thread CPU
     * time; with {@code -Dsolve=false}, only the rows, the envelope and its factorisation's flop
     * count.
     *
     * @param args markets, {@code "SPEC@PERIODS"}
     */
    public static void main(String[] args) {
        for (String spec : args) {
            MultiPeriodMarket m = BenchmarkHorizons.named(spec);
            FormulatedMultiPeriodMarket fm = new MultiPeriodFormulation().formulate(m);
            MarketProblem p = fm.problem();
            SeparableQp qp = StructuredIpmSolver.blockProblem(p);
            int periods = m.periodCount();
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d periods, %d peers, %d nodes, %d arcs, %d private variables, %d rows (%d per period),"
                            + " envelope %,d entries (%,d per period, %.0f MB of doubles)%n",
                    spec,
                    periods,
                    m.peers().size(),
                    p.nodeCount(),
                    p.arcCount(),
                    p.variableCount(),
                    qp.rowCount(),
                    qp.rowCount() / periods,
                    qp.envelopeSize(),
                    qp.envelopeSize() / periods,
                    qp.envelopeSize() * 8.0 / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "%s: one factorisation of the envelope, sum_i w_i^2 / 2 = %.3e flops (EnvelopeCholesky's count)%n",
                    spec,
                    qp.factorFlops());
            if (Boolean.getBoolean("detail")) {
                // the interior point alone, to see its linear algebra: iterations, CG iterations
                // per solve
                for (String algebra : System.getProperty("algebra", "AUTO").split(",")) {
                    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    SeparableQpSolver.Outcome o =
                            new SeparableQpSolver(
                                            qp, SeparableQpSolver.LinearAlgebra.valueOf(algebra))
                                    .solve(
                                            1e-9,
                                            200,
                                            Double.POSITIVE_INFINITY,
                                            SeparableQpSolver.Monitor.NONE);
                    System.out.printf(
                            Locale.ROOT,
                            "%s %s: %s, %d iterations (%d in the node space, %d safeguarded), ended on %s, %d CG iterations in %d solves"
                                    + " (%.0f per solve), objective %.9e, %.1f s wall, %.1f s CPU of this thread%n",
                            spec,
                            algebra,
                            o.stop,
                            o.iterations,
                            o.nodeSpaceIterations,
                            o.safeguardedSteps,
                            o.linearAlgebra,
                            o.cgIterations,
                            o.systemSolves,
                            o.systemSolves == 0 ? 0.0 : (double) o.cgIterations / o.systemSolves,
                            qp.objective(o.u),
                            (System.nanoTime() - t0) / 1e9,
                            (threads.getCurrentThreadCpuTime() - c0) / 1e9);
                }
            }
            qp = null;
            if (!Boolean.parseBoolean(System.getProperty("solve", "true"))) {
                continue;
            }
            System.gc();
            long before = usedHeap();
            HeapPeak.reset();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ProblemSolution s = Solvers.defaultSolver().solve(p, SolverOptions.DEFAULTS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            long peak = HeapPeak.bytes();
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s in %d iterations, %.1f s wall, %.1f s CPU of this thread; heap used before %d MB,"
                            + " sum of heap pools' peaks during the solve %d MB, max heap %d MB%n",
                    spec,
                    s.status(),
                    s.iterations(),
                    seconds,
                    cpu,
                    before >> 20,
                    peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            for (int run = 2; run <= Integer.getInteger("runs", 1); run++) {
                c0 = threads.getCurrentThreadCpuTime();
                t0 = System.nanoTime();
                s = Solvers.defaultSolver().solve(p, SolverOptions.DEFAULTS);
                System.out.printf(
                        Locale.ROOT,
                        "%s run %d: %s in %d iterations, %.1f s wall, %.1f s CPU of this thread%n",
                        spec,
                        run,
                        s.status(),
                        s.iterations(),
                        (System.nanoTime() - t0) / 1e9,
                        (threads.getCurrentThreadCpuTime() - c0) / 1e9);
            }
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
