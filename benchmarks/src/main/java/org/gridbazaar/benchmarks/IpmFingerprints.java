package org.gridbazaar.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.model.Market;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.structured.internal.InteriorPoint;
import org.gridbazaar.solver.structured.internal.InteriorPoint.LinearAlgebra;
import org.gridbazaar.testkit.HardMarkets;
import org.gridbazaar.testkit.RandomMarkets;

/**
 * Bit-level fingerprints of the single-period interior point, to show that a refactoring of {@code
 * InteriorPoint} leaves every run unchanged: for 33 markets (seeded {@link RandomMarkets}, {@link
 * HardMarkets}, the built-in single-period cases of the command line, {@link BenchmarkMarkets} at
 * 1,000 peers all pairs and 10,000 x 20 partners) it prints one line per run with the iteration
 * count, the status and a hash of the {@link Double#doubleToLongBits bits} of the objective, every
 * set-point, flow, price and residual, and the convergence history. Runs: the default solver {@code
 * structured-ipm} end to end on the formulated problem (with and without line limits when the
 * market has a network), and {@code InteriorPoint} itself on the dense and on the
 * tree-preconditioned path, with arc pruning forced early and with the centrality floor of a retry.
 * Two outputs of this program before and after a change are compared with {@code diff}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.IpmFingerprints . > before.txt
 * java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.IpmFingerprints . --time
 * </pre>
 *
 * <p>The first argument is the repository root (for the built-in cases under {@code cli}). With
 * {@code --time} it instead times {@code structured-ipm} on the two large markets (thread CPU and
 * wall time of each of 10 solves after 3 warm-up solves, in ms) and the interior point's dense path
 * on the 1,000-peer one (5 solves after 2).
 */
public final class IpmFingerprints {

    private static final double TOL = SolverOptions.DEFAULT_TOLERANCE;
    private static final int MAX_ITER = 300;

    private IpmFingerprints() {}

    /** A named market of the fingerprint set. */
    private record Named(String name, Market market) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        boolean time = Arrays.asList(args).contains("--time");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (time) {
            time(out);
            return;
        }
        for (Named m : markets(root)) {
            fingerprint(m, out);
        }
    }

    private static List<Named> markets(Path root) throws Exception {
        List<Named> out = new ArrayList<>();
        Path cli = root.resolve("cli/src/main/resources/org/gridbazaar/cli");
        out.add(new Named("builtin:default", read(cli.resolve("default-case.json"))));
        // the single-period ones (the community and horizon cases are not solved here)
        for (String c : List.of("feeder-11bus", "chp-study")) {
            out.add(new Named("builtin:" + c, read(cli.resolve("cases/" + c + ".json"))));
        }
        for (HardMarkets.Shape s : HardMarkets.all()) {
            out.add(new Named("hard:" + s.name(), s.market()));
        }
        int k = 0;
        for (Market m : HardMarkets.networkShapes()) {
            out.add(new Named("hard-network:" + k++, m));
        }
        for (long seed = 1; seed <= 6; seed++) {
            out.add(
                    new Named(
                            "random-basic-20:" + seed,
                            RandomMarkets.generate(seed, RandomMarkets.Spec.basic(20))));
            out.add(
                    new Named(
                            "random-full-" + (6 + 4 * seed) + ":" + seed,
                            RandomMarkets.generate(
                                    seed, RandomMarkets.Spec.full((int) (6 + 4 * seed)))));
        }
        out.add(
                new Named(
                        "random-flat-60:7",
                        RandomMarkets.generate(
                                7,
                                RandomMarkets.Spec.basic(60)
                                        .withZeroQuadraticShare(0.5)
                                        .withFixedShare(0.3))));
        out.add(
                new Named(
                        "random-heat-40:8",
                        RandomMarkets.generate(8, RandomMarkets.Spec.full(40).withHeat(0.4, 0.5))));
        out.add(
                new Named(
                        "partners-2000x4",
                        BenchmarkMarkets.withPartners(2000, 4, BenchmarkMarkets.SEED)));
        out.add(
                new Named(
                        "penalties-200",
                        BenchmarkMarkets.withPenalties(200, BenchmarkMarkets.SEED)));
        out.add(
                new Named(
                        "all-pairs-1000",
                        BenchmarkMarkets.halfAndHalf(1000, BenchmarkMarkets.SEED)));
        out.add(
                new Named(
                        "partners-10000x20",
                        BenchmarkMarkets.withPartners(10_000, 20, BenchmarkMarkets.SEED)));
        return out;
    }

    private static Market read(Path file) throws Exception {
        return CaseReader.read(Files.readString(file), file.getFileName().toString());
    }

    private static void fingerprint(Named named, PrintStream out) {
        MarketSolver solver = Solvers.require("structured-ipm");
        List<P2PFormulation> formulations = new ArrayList<>();
        formulations.add(new P2PFormulation());
        if (named.market().network().isPresent()) {
            formulations.add(P2PFormulation.withLineLimits());
        }
        for (P2PFormulation formulation : formulations) {
            String tag = named.name() + (formulation.enforcesLineLimits() ? " [limits]" : "");
            MarketProblem p;
            try {
                p = formulation.formulate(named.market()).problem();
            } catch (RuntimeException e) {
                out.println(tag + " | formulate | " + e.getClass().getSimpleName());
                continue;
            }
            ProblemSolution s = solver.solve(p, SolverOptions.DEFAULTS);
            out.println(tag + " | structured-ipm | " + fingerprint(p, s));
            boolean small = p.nodeCount() + p.couplingConstraintCount() <= 2500;
            if (small) {
                out.println(
                        tag
                                + " | dense | "
                                + fingerprint(
                                        p,
                                        new InteriorPoint(p, LinearAlgebra.DENSE)
                                                .solve(
                                                        TOL,
                                                        MAX_ITER,
                                                        Double.POSITIVE_INFINITY,
                                                        null)));
                out.println(
                        tag
                                + " | dense, centrality floor | "
                                + fingerprint(
                                        p,
                                        new InteriorPoint(p, LinearAlgebra.DENSE)
                                                .withCentralityFloor(1e-2)
                                                .solve(
                                                        TOL,
                                                        MAX_ITER,
                                                        Double.POSITIVE_INFINITY,
                                                        null)));
            }
            if (p.couplingConstraintCount() == 0) {
                out.println(
                        tag
                                + " | tree-pcg | "
                                + fingerprint(
                                        p,
                                        new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                                                .solve(
                                                        TOL,
                                                        MAX_ITER,
                                                        Double.POSITIVE_INFINITY,
                                                        null)));
                if (p.arcCount() <= 20_000) {
                    out.println(
                            tag
                                    + " | tree-pcg, eager pruning | "
                                    + fingerprint(
                                            p,
                                            new InteriorPoint(p, LinearAlgebra.TREE_PCG)
                                                    .withArcPruning(1)
                                                    .solve(
                                                            TOL,
                                                            MAX_ITER,
                                                            Double.POSITIVE_INFINITY,
                                                            null)));
                }
            }
        }
    }

    private static String fingerprint(MarketProblem p, ProblemSolution s) {
        StringBuilder b = new StringBuilder();
        b.append(s.status()).append(" iterations ").append(s.iterations());
        if (s.hasPoint()) {
            b.append(" objective ")
                    .append(Long.toHexString(Double.doubleToLongBits(p.objective(s.x(), s.f()))));
            b.append(" x ").append(hash(s.x()));
            b.append(" f ").append(hash(s.f()));
            b.append(" y ").append(hash(s.y()));
        }
        b.append(" residuals ")
                .append(hash(new double[] {s.primalResidual(), s.dualResidual(), s.dualityGap()}));
        b.append(" history ").append(history(s.history()));
        b.append(" message ").append(Integer.toHexString(String.valueOf(s.message()).hashCode()));
        return b.toString();
    }

    private static String fingerprint(MarketProblem p, InteriorPoint.Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append(o.converged ? "converged" : "not converged");
        b.append(o.numericalFailure ? " failure" : "");
        b.append(o.recovered ? " recovered" : "");
        b.append(o.pruningRejected ? " pruning rejected" : "");
        b.append(" iterations ").append(o.iterations);
        b.append(" cg ").append(o.linearIterations);
        b.append(" refinements ")
                .append(o.refinementPasses)
                .append('/')
                .append(o.refinementPassesSkipped);
        b.append(" pruned ").append(o.arcsPruned);
        b.append(" objective ")
                .append(Long.toHexString(Double.doubleToLongBits(p.objective(o.x, o.f))));
        b.append(" x ").append(hash(o.x));
        b.append(" f ").append(hash(o.f));
        b.append(" y ").append(hash(o.y));
        b.append(" zf ").append(hash(o.zf));
        b.append(" coupling ").append(hash(o.couplingDuals));
        b.append(" residuals ")
                .append(hash(new double[] {o.primalResidual, o.dualResidual, o.gap}));
        b.append(" history ").append(history(o.history));
        b.append(" breakdown ").append(o.breakdown);
        return b.toString();
    }

    private static String history(List<IterationRecord> h) {
        double[] v = new double[4 * h.size()];
        for (int i = 0; i < h.size(); i++) {
            IterationRecord r = h.get(i);
            v[4 * i] = r.iteration();
            v[4 * i + 1] = r.primalResidual();
            v[4 * i + 2] = r.dualResidual();
            v[4 * i + 3] = r.penalty();
        }
        return hash(v);
    }

    /** FNV-1a over the bits of every entry, as 16 hex digits ({@code -} for {@code null}). */
    private static String hash(double[] v) {
        if (v == null) {
            return "-";
        }
        long h = 0xcbf29ce484222325L;
        for (double d : v) {
            long bits = Double.doubleToLongBits(d);
            for (int i = 0; i < 8; i++) {
                h ^= (bits >>> (8 * i)) & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return String.format(Locale.ROOT, "%016x(%d)", h, v.length);
    }

    private static void time(PrintStream out) {
        MarketSolver solver = Solvers.require("structured-ipm");
        for (String spec : List.of("1000", "10000x20")) {
            MarketProblem p =
                    new P2PFormulation()
                            .formulate(CentralizedSolveBenchmark.market(spec))
                            .problem();
            time(
                    out,
                    spec + ", structured-ipm",
                    3,
                    10,
                    () -> solver.solve(p, SolverOptions.DEFAULTS));
        }
        // the interior point's dense path itself (structured-ipm clears this market by its forest)
        MarketProblem p =
                new P2PFormulation().formulate(CentralizedSolveBenchmark.market("1000")).problem();
        time(
                out,
                "1000, InteriorPoint DENSE",
                2,
                5,
                () ->
                        new InteriorPoint(p, LinearAlgebra.DENSE)
                                .solve(TOL, MAX_ITER, Double.POSITIVE_INFINITY, null));
    }

    private static void time(PrintStream out, String what, int warmup, int runs, Runnable solve) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            solve.run();
        }
        long[] cpu = new long[runs], wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            solve.run();
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            wall[i] = System.nanoTime() - w0;
        }
        out.printf(Locale.ROOT, "%s: thread CPU ms %s; wall ms %s%n", what, ms(cpu), ms(wall));
    }

    private static String ms(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        StringBuilder b = new StringBuilder();
        for (long v : nanos) {
            b.append(String.format(Locale.ROOT, "%.0f ", v / 1e6));
        }
        return b.append(
                        String.format(
                                Locale.ROOT, "(median %.0f)", sorted[sorted.length / 2] / 1e6))
                .toString();
    }
}
