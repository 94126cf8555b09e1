package org.gridbazaar.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gridbazaar.formulation.FormulatedMultiPeriodMarket;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.CaseWriter;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.io.ResultWriter;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;

/**
 * Where the time of {@link MultiPeriodBenchmark#endToEnd} goes: the steps of {@code
 * MultiPeriodClearing.clear} between reading the case file and writing the result file, each timed
 * in thread CPU (less sensitive to other jobs on the machine than wall time) and wall time, over
 * {@code -Druns=R} runs (default 3; the first includes JIT compilation).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.MultiPeriodPhases
 * 200x20@24}
 */
public final class MultiPeriodPhases {

    private MultiPeriodPhases() {}

    /**
     * Prints one line per run and market.
     *
     * @param args markets, {@code "SPEC@PERIODS"}
     */
    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String spec : args) {
            Path caseFile = Files.createTempFile("gridbazaar-phases", ".json");
            Path resultFile = Files.createTempFile("gridbazaar-phases-result", ".json");
            try {
                CaseWriter.write(BenchmarkHorizons.named(spec), caseFile);
                MarketSolver solver = Solvers.defaultSolver();
                for (int run = 1; run <= Integer.getInteger("runs", 3); run++) {
                    long[] cpu = new long[6], wall = new long[6];
                    mark(threads, cpu, wall, 0);
                    MultiPeriodMarket m =
                            ((MarketCase.MultiPeriod) CaseReader.readCase(caseFile)).market();
                    mark(threads, cpu, wall, 1);
                    FormulatedMultiPeriodMarket fm = new MultiPeriodFormulation().formulate(m);
                    mark(threads, cpu, wall, 2);
                    ProblemSolution s = solver.solve(fm.problem(), SolverOptions.DEFAULTS);
                    mark(threads, cpu, wall, 3);
                    MultiPeriodResult r = fm.result(s);
                    mark(threads, cpu, wall, 4);
                    ResultWriter.write(r, resultFile);
                    mark(threads, cpu, wall, 5);
                    System.out.printf(
                            Locale.ROOT,
                            "%s run %d (%s, %d iterations), CPU / wall s: read %s, formulate %s, solve %s,"
                                    + " result %s, write %s (%,d bytes); total %s%n",
                            spec,
                            run,
                            r.status(),
                            s.iterations(),
                            span(cpu, wall, 0, 1),
                            span(cpu, wall, 1, 2),
                            span(cpu, wall, 2, 3),
                            span(cpu, wall, 3, 4),
                            span(cpu, wall, 4, 5),
                            Files.size(resultFile),
                            span(cpu, wall, 0, 5));
                }
            } finally {
                Files.deleteIfExists(caseFile);
                Files.deleteIfExists(resultFile);
            }
        }
    }

    private static void mark(ThreadMXBean threads, long[] cpu, long[] wall, int i) {
        cpu[i] = threads.getCurrentThreadCpuTime();
        wall[i] = System.nanoTime();
    }

    private static String span(long[] cpu, long[] wall, int from, int to) {
        return String.format(
                Locale.ROOT,
                "%.2f / %.2f",
                (cpu[to] - cpu[from]) / 1e9,
                (wall[to] - wall[from]) / 1e9);
    }
}
