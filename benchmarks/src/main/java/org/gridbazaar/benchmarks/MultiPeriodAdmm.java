package org.gridbazaar.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.Progress;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.ConsensusSolver;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * The distributed solvers on the markets over time of {@link BenchmarkHorizons}: a plain program
 * (round counts are deterministic; times are single runs on a shared machine, so the load average
 * is printed with each) that prints what {@code docs/benchmarks.md} reports under "Distributed
 * solvers on markets over time".
 *
 * <p>Usage: {@code java [-Dproperty=value ...] -cp benchmarks.jar
 * org.gridbazaar.benchmarks.MultiPeriodAdmm <part> SPEC@PERIODS}:
 *
 * <ul>
 *   <li>{@code trace}: one {@code admm} run ({@code -Dtol}, default the solver's own 1e-6; {@code
 *       -Dmax} rounds, default 10,000; {@code -Dthreads}, default 2, where 1 runs every peer in the
 *       calling thread so that its thread CPU time is the whole work; {@code -DtimeLimit} s). Per
 *       round, through {@link Progress}: wall time and the calling thread's CPU time; every {@code
 *       -Devery} rounds (default 25) a line of the residual trace. At the end: set-up time (the
 *       time to the first round less one round), status, rounds, objective against {@code
 *       -Dreference} (the default solver's optimum, $; computed when not given and {@code
 *       -DrunReference=true}), duality gap, the peak of the heap pools, and what crosses peers per
 *       round;
 *   <li>{@code block}: the local problem of every peer in the first round (prices at the average of
 *       the two ends' marginal costs at zero, consensus trades 0, the solver's opening penalty),
 *       the same block {@code admm} builds for it ({@link HorizonRounds.Block}), solved by a new
 *       {@code SeparableQpSolver} at the negotiation's local tolerance (1e-9), as every round does:
 *       thread CPU per block solve (mean, median, largest), interior-point iterations, block sizes;
 *       {@code -Drepeat=R} solves each block R times;
 *   <li>{@code rounds}: {@code -Drounds=N} rounds of {@link HorizonRounds}, the solver's rounds
 *       rebuilt outside it (its own set-up does not finish on large markets, see there), on {@code
 *       -Dthreads} threads: residual trace, wall time, block-solve CPU summed over threads;
 *   <li>{@code default}: one solve by the default solver with its iteration trace and heap peak
 *       ({@code -DtimeLimit} s);
 *   <li>{@code ipm}: the default solver's interior point alone on its block problem, without the
 *       solver's size check, with its iteration trace ({@code -DtimeLimit} s);
 *   <li>{@code consensus}: {@code trace} with {@code consensus} instead of {@code admm}.
 * </ul>
 */
public final class MultiPeriodAdmm {

    private MultiPeriodAdmm() {}

    /**
     * Runs one part.
     *
     * @param args the part, then the market {@code "SPEC@PERIODS"}
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: MultiPeriodAdmm trace|block|rounds|default|ipm|consensus SPEC@PERIODS, e.g. trace 1000x20@24");
        }
        long t0 = System.nanoTime();
        MarketProblem p =
                new MultiPeriodFormulation().formulate(BenchmarkHorizons.named(args[1])).problem();
        System.out.printf(
                Locale.ROOT,
                "%s: %d peers, %d periods, %d nodes, %,d arcs, %d private variables, %d side rows;"
                        + " built and formulated in %.1f s; load average %s; %d processors, max heap %d MB%n",
                args[1],
                p.peerCount(),
                p.periodCount(),
                p.nodeCount(),
                p.arcCount(),
                p.variableCount(),
                p.sideConstraintCount(),
                (System.nanoTime() - t0) / 1e9,
                load(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        switch (args[0]) {
            case "trace" -> trace(args[1], p, false);
            case "block" -> block(p);
            case "rounds" -> rounds(p);
            case "default" -> defaultSolver(args[1], p);
            case "ipm" -> interiorPoint(args[1], p);
            case "consensus" -> trace(args[1], p, true);
            default ->
                    throw new IllegalArgumentException(
                            "unknown part "
                                    + args[0]
                                    + "; maybe trace, block, rounds, default, ipm or consensus");
        }
    }

    private static void trace(String spec, MarketProblem p, boolean consensus) {
        AdmmOptions tuning = AdmmOptions.DEFAULTS.withThreads(Integer.getInteger("threads", 2));
        MarketSolver admm = consensus ? new ConsensusSolver(tuning) : new AdmmSolver(tuning);
        String name = admm.name();
        double tol = Double.parseDouble(System.getProperty("tol", "" + admm.defaultTolerance()));
        int max = Integer.getInteger("max", 10_000);
        int every = Integer.getInteger("every", 25);
        double reference = Double.parseDouble(System.getProperty("reference", "NaN"));
        if (Double.isNaN(reference) && Boolean.getBoolean("runReference")) {
            long c = System.nanoTime();
            ProblemSolution ref = Solvers.defaultSolver().solve(p, SolverOptions.DEFAULTS);
            reference = p.objective(ref.x(), ref.privateVariables(), ref.f());
            System.out.printf(
                    Locale.ROOT,
                    "reference: default solver %s, %d iterations, objective %.10e $, %.1f s wall%n",
                    ref.status(),
                    ref.iterations(),
                    reference,
                    (System.nanoTime() - c) / 1e9);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> rounds = new ArrayList<>(); // wall ns, thread CPU ns at the end of each round
        List<double[]> residuals = new ArrayList<>();
        Progress progress =
                new Progress() {
                    @Override
                    public void iteration(int round, double primal, double dual) {
                        rounds.add(new long[] {System.nanoTime(), mx.getCurrentThreadCpuTime()});
                        residuals.add(new double[] {primal, dual});
                        if (round % every == 0 || round == 1) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "  round %5d: primal %.3e, dual %.3e (relative), %.1f s since start, load %s%n",
                                    round,
                                    primal,
                                    dual,
                                    (rounds.get(rounds.size() - 1)[0] - start[0]) / 1e9,
                                    load());
                        }
                    }
                };
        System.gc();
        HeapPeak.reset();
        System.out.printf(
                Locale.ROOT,
                "%s: tolerance %.0e, at most %d rounds, %d thread(s), load average %s%n",
                name,
                tol,
                max,
                tuning.threads(),
                load());
        start[0] = System.nanoTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        ProblemSolution s =
                admm.solve(
                        p,
                        SolverOptions.DEFAULTS
                                .withTolerance(tol)
                                .withMaxIterations(max)
                                .withTimeLimitSeconds(
                                        Double.parseDouble(System.getProperty("timeLimit", "1e9")))
                                .withProgress(progress));
        long end = System.nanoTime();
        long cpuEnd = mx.getCurrentThreadCpuTime();
        long peak = HeapPeak.bytes();
        int k = rounds.size();
        System.out.printf(
                Locale.ROOT,
                "%s %s: %s after %d rounds, %.1f s wall, %.1f s CPU of the calling thread; peak of the heap pools %d MB%n",
                spec,
                name,
                s.status(),
                s.iterations(),
                (end - start[0]) / 1e9,
                (cpuEnd - cpu0) / 1e9,
                peak >> 20);
        if (k >= 2) {
            long roundWall = rounds.get(1)[0] - rounds.get(0)[0];
            long roundCpu = rounds.get(1)[1] - rounds.get(0)[1];
            System.out.printf(
                    Locale.ROOT,
                    "  set-up (first round's end less one round): %.2f s wall, %.2f s CPU%n",
                    (rounds.get(0)[0] - start[0] - roundWall) / 1e9,
                    (rounds.get(0)[1] - cpu0 - roundCpu) / 1e9);
            double[] w = new double[k - 1], c = new double[k - 1];
            for (int i = 1; i < k; i++) {
                w[i - 1] = (rounds.get(i)[0] - rounds.get(i - 1)[0]) / 1e6;
                c[i - 1] = (rounds.get(i)[1] - rounds.get(i - 1)[1]) / 1e6;
            }
            System.out.printf(
                    Locale.ROOT,
                    "  per round (rounds 2..%d, certificate attempts included): wall ms median %.1f, mean %.1f;"
                            + " calling thread CPU ms median %.1f, mean %.1f; after the last round %.2f s (final certificate)%n",
                    k,
                    median(w),
                    mean(w),
                    median(c),
                    mean(c),
                    (end - rounds.get(k - 1)[0]) / 1e9);
        }
        if (s.hasPoint()) {
            double obj = p.objective(s.x(), s.privateVariables(), s.f());
            System.out.printf(
                    Locale.ROOT,
                    "  objective %.10e $, duality gap %.3e $ (%.2e relative), relative difference to the reference %s%n",
                    obj,
                    s.dualityGap(),
                    s.dualityGap() / Math.max(1, Math.abs(obj)),
                    Double.isNaN(reference)
                            ? "(no reference)"
                            : String.format(
                                    Locale.ROOT,
                                    "%.3e",
                                    (obj - reference) / Math.max(1, Math.abs(reference))));
        }
        System.out.println("  message: " + s.message());
        // what crosses peers per round (HorizonNegotiation): each end of each arc reports its copy
        // (one double) and receives the arc's consensus value and price (two doubles); the penalty
        // is one number for all arcs, sent once per round to each peer.
        long ends = 2L * p.arcCount();
        System.out.printf(
                Locale.ROOT,
                "  per round, derived from the protocol (the horizon path has no counters): %d messages"
                        + " (one up, one down per peer), %,d values up + %,d down = %.1f MB of doubles%n",
                2 * p.peerCount(),
                ends,
                2 * ends + p.peerCount(),
                8.0 * (3 * ends + p.peerCount()) / 1e6);
        System.out.printf(Locale.ROOT, "  load average at the end: %s%n", load());
    }

    private static final long[] start = new long[1];

    /**
     * The first-round local problems of all peers (as {@code admm} builds them), each solved {@code
     * -Drepeat} times.
     */
    private static void block(MarketProblem p) {
        long w0 = System.nanoTime();
        HorizonRounds rounds = new HorizonRounds(p, AdmmOptions.DEFAULTS.withThreads(1));
        System.out.printf(Locale.ROOT, "blocks built in %.1f s%n", (System.nanoTime() - w0) / 1e9);
        HorizonRounds.Block[] blocks = rounds.blocks();
        int np = blocks.length;
        int repeat = Integer.getInteger("repeat", 1);
        double[] lambda = new double[p.arcCount()], m = new double[p.arcCount()];
        int[] tail = p.tail(), head = p.head();
        double[] b = p.linear();
        for (int a = 0; a < lambda.length; a++) {
            lambda[a] = 0.5 * (b[tail[a]] + b[head[a]]);
        }
        double rho = AdmmOptions.DEFAULTS.rho0() * p.priceScale() / p.injectionScale();
        double[] cpu = new double[np],
                it = new double[np],
                sz = new double[np],
                rw = new double[np];
        int notConverged = 0;
        long wall0 = System.nanoTime();
        for (int i = 0; i < np; i++) {
            long sum = 0;
            for (int r = 0; r < repeat; r++) {
                blocks[i].forget(); // a first-round solve each time, not a warm start
                blocks[i].respond(lambda, rho, m, HorizonRounds.LOCAL_TOLERANCE);
                sum += blocks[i].cpuNanos;
            }
            cpu[i] = sum / 1e6 / repeat;
            it[i] = blocks[i].iterations;
            sz[i] = blocks[i].variables();
            rw[i] = blocks[i].rows();
            notConverged += blocks[i].converged ? 0 : 1;
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "block solves (first round, %d per peer): thread CPU ms per block: mean %.3f, median %.3f, largest %.3f,"
                        + " sum over peers %.0f ms; interior-point iterations mean %.1f (%.0f to %.0f); variables per block"
                        + " median %.0f (largest %.0f), rows median %.0f (largest %.0f); %d not converged;"
                        + " %.1f s wall for all; load average %s%n",
                repeat,
                mean(cpu),
                median(cpu),
                Arrays.stream(cpu).max().orElse(0),
                Arrays.stream(cpu).sum(),
                mean(it),
                Arrays.stream(it).min().orElse(0),
                Arrays.stream(it).max().orElse(0),
                median(sz),
                Arrays.stream(sz).max().orElse(0),
                median(rw),
                Arrays.stream(rw).max().orElse(0),
                notConverged,
                wall,
                load());
    }

    /**
     * {@code -Drounds=N} rounds of {@link HorizonRounds} (the solver's rounds without its
     * certificate) on {@code -Dthreads} threads (default 2): per round the residuals, wall time,
     * the peers' block-solve CPU time summed over threads, and the calling thread's CPU time.
     */
    private static void rounds(MarketProblem p) {
        int threads = Integer.getInteger("threads", 2);
        int n = Integer.getInteger("rounds", 20);
        int every = Integer.getInteger("every", 1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.gc();
        HeapPeak.reset();
        long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        HorizonRounds h = new HorizonRounds(p, AdmmOptions.DEFAULTS.withThreads(threads));
        System.out.printf(
                Locale.ROOT,
                "replica set-up: %.2f s wall, %.2f s CPU; %d thread(s); load average %s%n",
                (System.nanoTime() - w0) / 1e9,
                (mx.getCurrentThreadCpuTime() - c0) / 1e9,
                threads,
                load());
        double[] wall = new double[n], block = new double[n], caller = new double[n];
        for (int k = 0; k < n; k++) {
            long c1 = mx.getCurrentThreadCpuTime();
            HorizonRounds.Round r = h.round();
            wall[k] = r.wallSeconds();
            block[k] = r.blockCpuSeconds();
            caller[k] = (mx.getCurrentThreadCpuTime() - c1) / 1e9;
            if ((k + 1) % every == 0 || k == 0 || k == n - 1) {
                System.out.printf(
                        Locale.ROOT,
                        "  round %4d: primal %.3e, dual %.3e, rho %.3g; %.2f s wall, %.2f s block CPU (all threads),"
                                + " %.2f s CPU of the calling thread, %.1f interior-point iterations per block, %d blocks"
                                + " solved from their last active set, %d not converged; load %s%n",
                        r.round(),
                        r.primal(),
                        r.dual(),
                        r.rho(),
                        r.wallSeconds(),
                        r.blockCpuSeconds(),
                        caller[k],
                        (double) r.localIterations() / p.peerCount(),
                        r.warmStarted(),
                        r.notConverged(),
                        load());
            }
        }
        long peak = HeapPeak.bytes();
        double[] tailWall = Arrays.copyOfRange(wall, Math.min(1, n - 1), n);
        double[] tailBlock = Arrays.copyOfRange(block, Math.min(1, n - 1), n);
        System.out.printf(
                Locale.ROOT,
                "replica, rounds 2..%d: wall s per round median %.2f, mean %.2f; block CPU s per round median %.2f, mean %.2f"
                        + " (%.2f ms per block); peak of the heap pools %d MB; load average %s%n",
                n,
                median(tailWall),
                mean(tailWall),
                median(tailBlock),
                mean(tailBlock),
                1e3 * mean(tailBlock) / p.peerCount(),
                peak >> 20,
                load());
    }

    /**
     * One solve by the default solver at its default tolerance with its iteration trace (every
     * iteration's residuals, wall time and the calling thread's CPU time since the start), {@code
     * -DtimeLimit} s (default none), and the peak of the heap pools.
     */
    private static void defaultSolver(String spec, MarketProblem p) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.gc();
        HeapPeak.reset();
        long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        Progress progress =
                (iteration, primal, dual) ->
                        System.out.printf(
                                Locale.ROOT,
                                "  iteration %3d: primal %.3e, dual %.3e; %.1f s wall, %.1f s CPU since start; load %s%n",
                                iteration,
                                primal,
                                dual,
                                (System.nanoTime() - w0) / 1e9,
                                (mx.getCurrentThreadCpuTime() - c0) / 1e9,
                                load());
        ProblemSolution s =
                Solvers.defaultSolver()
                        .solve(
                                p,
                                SolverOptions.DEFAULTS
                                        .withTimeLimitSeconds(
                                                Double.parseDouble(
                                                        System.getProperty("timeLimit", "1e9")))
                                        .withProgress(progress));
        long peak = HeapPeak.bytes();
        System.out.printf(
                Locale.ROOT,
                "%s default solver (%s): %s in %d iterations, %.1f s wall, %.1f s CPU of the calling thread,"
                        + " objective %s $; peak of the heap pools %d MB; load average %s%n  message: %s%n",
                spec,
                s.solver(),
                s.status(),
                s.iterations(),
                (System.nanoTime() - w0) / 1e9,
                (mx.getCurrentThreadCpuTime() - c0) / 1e9,
                s.hasPoint()
                        ? String.format(
                                Locale.ROOT,
                                "%.10e",
                                p.objective(s.x(), s.privateVariables(), s.f()))
                        : "-",
                peak >> 20,
                load(),
                s.message());
    }

    /**
     * The default solver's block path without its size check: its interior point ({@code
     * SeparableQpSolver}, linear algebra {@code AUTO}, tolerance 1e-9) on {@link
     * StructuredIpmSolver#blockProblem}, with every iteration's residuals and times, stopped at
     * {@code -DtimeLimit} s (default none). No crossover or certificate, unlike the solver.
     */
    private static void interiorPoint(String spec, MarketProblem p) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.gc();
        HeapPeak.reset();
        long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        SeparableQp qp = StructuredIpmSolver.blockProblem(p);
        System.out.printf(
                Locale.ROOT,
                "%s: block problem of %d variables, %d rows, envelope %,d entries (%.0f MB); built in %.1f s%n",
                spec,
                qp.variableCount(),
                qp.rowCount(),
                qp.envelopeSize(),
                qp.envelopeSize() * 8.0 / 1e6,
                (System.nanoTime() - w0) / 1e9);
        double limit = Double.parseDouble(System.getProperty("timeLimit", "1e9"));
        SeparableQpSolver.Outcome o =
                new SeparableQpSolver(qp, SeparableQpSolver.LinearAlgebra.AUTO)
                        .solve(
                                1e-9,
                                200,
                                System.nanoTime() + limit * 1e9,
                                (k, primal, dual, gap) -> {
                                    System.out.printf(
                                            Locale.ROOT,
                                            "  iteration %3d: primal %.3e, dual %.3e, gap %.3e; %.1f s wall, %.1f s CPU since start;"
                                                    + " load %s%n",
                                            k,
                                            primal,
                                            dual,
                                            gap,
                                            (System.nanoTime() - w0) / 1e9,
                                            (mx.getCurrentThreadCpuTime() - c0) / 1e9,
                                            load());
                                    return false;
                                });
        long peak = HeapPeak.bytes();
        System.out.printf(
                Locale.ROOT,
                "%s interior point: %s, %d iterations (%d in the node space), ended on %s, %d CG iterations in %d solves,"
                        + " objective %.9e, %.1f s wall, %.1f s CPU of this thread; peak of the heap pools %d MB; load %s%n",
                spec,
                o.stop,
                o.iterations,
                o.nodeSpaceIterations,
                o.linearAlgebra,
                o.cgIterations,
                o.systemSolves,
                o.u == null ? Double.NaN : qp.objective(o.u),
                (System.nanoTime() - w0) / 1e9,
                (mx.getCurrentThreadCpuTime() - c0) / 1e9,
                peak >> 20,
                load());
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
