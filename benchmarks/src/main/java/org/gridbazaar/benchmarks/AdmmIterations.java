package org.gridbazaar.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Market;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.ConsensusSolver;

/**
 * Measures the distributed solvers ({@code admm}, {@code consensus}) on the {@link
 * BenchmarkMarkets} markets and prints Markdown tables for {@code docs/benchmarks.md}. Iteration
 * counts are deterministic, so this is a plain program rather than a JMH benchmark; times are
 * single runs on whatever else the machine is doing (the load average is printed with each table)
 * and only indicative.
 *
 * <p>Usage: {@code java -cp <classpath> org.gridbazaar.benchmarks.AdmmIterations <part> [args]}:
 *
 * <ul>
 *   <li>{@code iterations [peers...] [--max N]}: rounds to relative tolerance 1e-4 (both residuals,
 *       both norms, as in {@link AdmmOptions}) for both algorithms, adaptive (the default) and
 *       fixed penalties (default sizes 14 and 100; at most {@code N} rounds, default 10,000);
 *   <li>{@code scaling [peers...]}: CPU time of one round in the calling thread against the number
 *       of trades (default 100, 200, 400, 700 and 1,000 peers), from the difference of two runs of
 *       different lengths so that setup cancels;
 *   <li>{@code speedup [peers...]}: wall time of one round with the executor on 1 and on 2 threads
 *       (default 400 and 1,000 peers).
 * </ul>
 */
public final class AdmmIterations {

    private AdmmIterations() {}

    /**
     * Runs one part.
     *
     * @param args the part and its arguments, see the class documentation
     */
    public static void main(String[] args) {
        String part = args.length == 0 ? "iterations" : args[0];
        int max = 10_000;
        int[] sizes = new int[0];
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--max")) {
                max = Integer.parseInt(args[++i]);
            } else {
                sizes = Arrays.copyOf(sizes, sizes.length + 1);
                sizes[sizes.length - 1] = Integer.parseInt(args[i]);
            }
        }
        switch (part) {
            case "iterations" -> iterations(sizes.length == 0 ? new int[] {14, 100} : sizes, max);
            case "scaling" ->
                    scaling(sizes.length == 0 ? new int[] {100, 200, 400, 700, 1000} : sizes);
            case "speedup" -> speedup(sizes.length == 0 ? new int[] {400, 1000} : sizes);
            default ->
                    throw new IllegalArgumentException(
                            "unknown part " + part + "; maybe iterations, scaling or speedup");
        }
    }

    private static MarketProblem problem(int peers) {
        Market market = BenchmarkMarkets.halfAndHalf(peers, BenchmarkMarkets.SEED);
        return new P2PFormulation().formulate(market).problem();
    }

    private static MarketSolver solver(String name, AdmmOptions tuning) {
        return name.equals(AdmmSolver.NAME) ? new AdmmSolver(tuning) : new ConsensusSolver(tuning);
    }

    private static void iterations(int[] sizes, int max) {
        SolverOptions options = SolverOptions.DEFAULTS.withTolerance(1e-4).withMaxIterations(max);
        System.out.println("load average: " + load());
        System.out.println(
                "| peers | trades (arcs) | solver | penalty | iterations | status | primal res. max / 2-norm (kW) | dual res. max / 2-norm ($/kW) | wall s |");
        System.out.println("|---:|---:|---|---|---:|---|---|---|---:|");
        for (int n : sizes) {
            MarketProblem p = problem(n);
            for (boolean adaptive : new boolean[] {true, false}) {
                for (String name : List.of(AdmmSolver.NAME, ConsensusSolver.NAME)) {
                    ProblemSolution s =
                            solver(name, AdmmOptions.DEFAULTS.withAdaptive(adaptive))
                                    .solve(p, options);
                    System.out.printf(
                            Locale.ROOT,
                            "| %d | %,d | %s | %s | %,d | %s | %s | %s | %.1f |%n",
                            n,
                            p.arcCount(),
                            name,
                            adaptive ? "adaptive (default)" : "fixed (rho0 1)",
                            s.iterations(),
                            s.status(),
                            norms(s.message(), "primal"),
                            norms(s.message(), "dual"),
                            s.seconds());
                }
            }
        }
    }

    /**
     * "max / 2-norm" of one residual, read from the solver's message (the 2-norms are only reported
     * there).
     */
    private static String norms(String message, String which) {
        String max = "?", two = "?";
        String key = which + " residual ";
        int i = message.indexOf(key);
        if (i >= 0) {
            max = message.substring(i + key.length()).split(" ")[0];
        }
        int j = message.indexOf("2-norms: ");
        if (j >= 0) {
            int k = message.indexOf(which + " ", j);
            if (k >= 0) {
                two = message.substring(k + which.length() + 1).split(" ")[0];
            }
        }
        return max + " / " + two;
    }

    private static void scaling(int[] sizes) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int shortRun = 5, longRun = 45;
        System.out.println("load average: " + load());
        System.out.println(
                "| peers | trades (arcs) | CPU ms per round (1 thread) | CPU us per round per 1,000 trades |");
        System.out.println("|---:|---:|---:|---:|");
        for (int n : sizes) {
            MarketProblem p = problem(n);
            AdmmSolver s = new AdmmSolver(AdmmOptions.DEFAULTS.withThreads(1));
            s.solve(
                    p,
                    SolverOptions.DEFAULTS
                            .withTolerance(1e-12)
                            .withMaxIterations(longRun)); // warm up the JIT
            long c0 = mx.getCurrentThreadCpuTime();
            s.solve(p, SolverOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(shortRun));
            long c1 = mx.getCurrentThreadCpuTime();
            s.solve(p, SolverOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(longRun));
            long c2 = mx.getCurrentThreadCpuTime();
            double perRound = ((c2 - c1) - (c1 - c0)) / 1e6 / (longRun - shortRun);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %,d | %.2f | %.1f |%n",
                    n,
                    p.arcCount(),
                    perRound,
                    1e6 * perRound / p.arcCount());
        }
    }

    private static void speedup(int[] sizes) {
        int shortRun = 5, longRun = 45;
        System.out.println(
                "load average: "
                        + load()
                        + ", available processors: "
                        + Runtime.getRuntime().availableProcessors());
        System.out.println(
                "| peers | trades (arcs) | wall ms per round, 1 thread | wall ms per round, 2 threads | speed-up | process CPU ms per round, 1 / 2 threads |");
        System.out.println("|---:|---:|---:|---:|---:|---|");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        for (int n : sizes) {
            MarketProblem p = problem(n);
            double[] perRound = new double[2], cpu = new double[2];
            for (int threads = 1; threads <= 2; threads++) {
                AdmmSolver s = new AdmmSolver(AdmmOptions.DEFAULTS.withThreads(threads));
                s.solve(
                        p,
                        SolverOptions.DEFAULTS
                                .withTolerance(1e-12)
                                .withMaxIterations(longRun)); // warm up
                long c0 = os.getProcessCpuTime();
                ProblemSolution a =
                        s.solve(
                                p,
                                SolverOptions.DEFAULTS
                                        .withTolerance(1e-12)
                                        .withMaxIterations(shortRun));
                long c1 = os.getProcessCpuTime();
                ProblemSolution b =
                        s.solve(
                                p,
                                SolverOptions.DEFAULTS
                                        .withTolerance(1e-12)
                                        .withMaxIterations(longRun));
                long c2 = os.getProcessCpuTime();
                perRound[threads - 1] = 1e3 * (b.seconds() - a.seconds()) / (longRun - shortRun);
                cpu[threads - 1] = ((c2 - c1) - (c1 - c0)) / 1e6 / (longRun - shortRun);
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %,d | %.1f | %.1f | %.2f | %.1f / %.1f |%n",
                    n,
                    p.arcCount(),
                    perRound[0],
                    perRound[1],
                    perRound[0] / perRound[1],
                    cpu[0],
                    cpu[1]);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
