package org.gridbazaar.solver.cluster;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.transport.Inbox;
import org.gridbazaar.solver.admm.transport.Proposals;
import org.gridbazaar.solver.admm.transport.Transport;
import org.gridbazaar.solver.cluster.internal.CborCodec;
import org.gridbazaar.testkit.RandomMarkets;

/**
 * The harness behind the cluster section of {@code docs/benchmarks.md} (a plain program: rounds are
 * deterministic, times are single runs on a shared machine). For each market size it measures, per
 * round of admm (tolerance 1e-12, so that no run stops early): wall time in process (one thread),
 * wall time on 1 and on 3 local node processes, messages and CBOR bytes, and the time to encode and
 * decode one round's payload in this process.
 *
 * <p>Usage: {@code java -cp <test class path> org.gridbazaar.solver.cluster.ClusterBench [peers...]
 * [--rounds R] [--nodes 1,3]}; with {@code --horizon PEERSxPERIODS} (for example {@code 200x24}) it
 * measures the negotiation of a seeded random market over time instead (the first seed whose
 * horizon has that many periods), also giving the calling thread's CPU time per round.
 */
public final class ClusterBench {

    private ClusterBench() {}

    /** Runs the measurements and prints a Markdown table. */
    public static void main(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        int rounds = 20;
        int[] nodeCounts = {1, 3};
        int horizonPeers = 0, horizonPeriods = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--horizon")) {
                String[] pt = args[++i].split("x");
                horizonPeers = Integer.parseInt(pt[0]);
                horizonPeriods = Integer.parseInt(pt[1]);
            } else if (args[i].equals("--nodes")) {
                nodeCounts =
                        java.util.Arrays.stream(args[++i].split(","))
                                .mapToInt(Integer::parseInt)
                                .toArray();
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (horizonPeers > 0) {
            horizon(horizonPeers, horizonPeriods, rounds, nodeCounts);
            System.exit(0);
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1000, 10000);
        }
        System.out.println(
                "load average: "
                        + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                        + ", processors: "
                        + Runtime.getRuntime().availableProcessors());
        System.out.println(
                "| peers | trades (arcs) | where | ms per round | rounds/s | messages per round | KiB per round | CBOR encode+decode ms per round |");
        System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            MarketProblem p =
                    new P2PFormulation()
                            .formulate(
                                    RandomMarkets.generate(
                                            1, RandomMarkets.Spec.basic(n).withExplicitPairs(true)))
                            .problem();
            double local = perRound(p, null, rounds);
            row(n, p, "in process, 1 thread", local, Double.NaN, Double.NaN, codecMillis(p));
            for (int m : nodeCounts) {
                try (LocalCluster cluster =
                        LocalCluster.start(
                                m, LocalCluster.javaCommand(NodeMain.class.getName(), List.of()))) {
                    PekkoTransport.Statistics timing = new PekkoTransport.Statistics();
                    double wall = perRound(p, cluster.transports(timing, false), rounds);
                    PekkoTransport.Statistics sizing = new PekkoTransport.Statistics();
                    new AdmmSolver(
                                    AdmmOptions.DEFAULTS.withThreads(1),
                                    cluster.transports(sizing, true))
                            .solve(
                                    p,
                                    SolverOptions.DEFAULTS
                                            .withTolerance(1e-12)
                                            .withMaxIterations(3));
                    row(
                            n,
                            p,
                            m + " node process" + (m == 1 ? "" : "es"),
                            wall,
                            (double) timing.messages() / timing.rounds(),
                            sizing.bytes() / 1024.0 / sizing.rounds(),
                            Double.NaN);
                }
            }
        }
        System.exit(0);
    }

    private static void row(
            int n,
            MarketProblem p,
            String where,
            double ms,
            double messages,
            double kib,
            double codec) {
        System.out.printf(
                Locale.ROOT,
                "| %,d | %,d | %s | %.1f | %.1f | %s | %s | %s |%n",
                n,
                p.arcCount(),
                where,
                ms,
                1000 / ms,
                Double.isNaN(messages) ? "-" : String.format(Locale.ROOT, "%.1f", messages),
                Double.isNaN(kib) ? "-" : String.format(Locale.ROOT, "%,.0f", kib),
                Double.isNaN(codec) ? "-" : String.format(Locale.ROOT, "%.1f", codec));
    }

    /**
     * Wall ms per round, from the first round's end to the last one's (set-up, the final reports
     * and the outcome are left out), after a warm-up run.
     */
    private static double perRound(MarketProblem p, Transport.Factory transports, int rounds) {
        AdmmSolver s = new AdmmSolver(AdmmOptions.DEFAULTS.withThreads(1), transports);
        s.solve(
                p,
                SolverOptions.DEFAULTS
                        .withTolerance(1e-12)
                        .withMaxIterations(1 + rounds)); // warm up
        long[] first = new long[1], last = new long[1];
        org.gridbazaar.solver.Progress clock =
                (k, primal, dual) -> {
                    if (k == 1) {
                        first[0] = System.nanoTime();
                    }
                    last[0] = System.nanoTime();
                };
        ProblemSolution b =
                s.solve(
                        p,
                        SolverOptions.DEFAULTS
                                .withTolerance(1e-12)
                                .withMaxIterations(1 + rounds)
                                .withProgress(clock));
        if (b.iterations() != 1 + rounds) {
            throw new IllegalStateException(
                    "run stopped early, after " + b.iterations() + " rounds");
        }
        return (last[0] - first[0]) / 1e6 / rounds;
    }

    /**
     * Ms to encode and decode every peer's inbox and proposals once (one round's payload), in this
     * thread.
     */
    private static double codecMillis(MarketProblem p) {
        List<Inbox> in = new ArrayList<>();
        List<Proposals> out = new ArrayList<>();
        Transport.Factory capture =
                (agents, board) -> {
                    Transport t = Transport.inProcess(1).open(agents, board);
                    for (int i = 0; i < board.peerCount(); i++) {
                        in.add(board.inbox(i, 1));
                        out.add(board.proposals(i, 1));
                    }
                    return t;
                };
        new AdmmSolver(AdmmOptions.DEFAULTS.withThreads(1), capture)
                .solve(p, SolverOptions.DEFAULTS.withMaxIterations(1));
        CborCodec codec = new CborCodec();
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            byte[] a = codec.encode(new Payload(in, out));
            codec.decode(a, Payload.class);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    /** One round's payload. */
    record Payload(List<Inbox> inboxes, List<Proposals> proposals) {}

    /** The horizon mode: one seeded market over time, in process and on the node counts. */
    private static void horizon(int peers, int periods, int rounds, int[] nodeCounts) {
        MarketProblem p = null;
        long seed = 0;
        for (long s = 1; s < 500 && p == null; s++) {
            org.gridbazaar.horizon.MultiPeriodMarket m =
                    org.gridbazaar.testkit.RandomHorizons.generate(
                            s,
                            org.gridbazaar.testkit.RandomHorizons.Spec.full()
                                    .withPeers(peers, peers)
                                    .withMaxPeriods(periods)
                                    .withLinked(true));
            if (m.periodCount() == periods) {
                p = new org.gridbazaar.formulation.MultiPeriodFormulation().formulate(m).problem();
                seed = s;
            }
        }
        if (p == null) {
            throw new IllegalStateException("no seed below 500 gives " + periods + " periods");
        }
        System.out.printf(
                Locale.ROOT,
                "load average: %.1f, processors: %d; seed %d: %d peers, %d periods, %,d nodes, %,d"
                        + " private variables, %,d rows, %,d trades (arcs)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(),
                seed,
                p.peerCount(),
                p.periodCount(),
                p.nodeCount(),
                p.variableCount(),
                p.sideConstraintCount(),
                p.arcCount());
        System.out.println(
                "| where | wall ms per round | rounds/s | calling thread CPU ms per round | messages per round | KiB per round |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double[] local = horizonPerRound(p, null, rounds);
        System.out.printf(
                Locale.ROOT,
                "| in process, 1 thread | %.0f | %.2f | %.0f | - | - |%n",
                local[0],
                1000 / local[0],
                local[1]);
        for (int m : nodeCounts) {
            try (LocalCluster cluster =
                    LocalCluster.start(
                            m, LocalCluster.javaCommand(NodeMain.class.getName(), List.of()))) {
                PekkoTransport.Statistics timing = new PekkoTransport.Statistics();
                double[] wall =
                        horizonPerRound(p, cluster.horizonTransports(timing, false), rounds);
                PekkoTransport.Statistics sizing = new PekkoTransport.Statistics();
                new AdmmSolver(
                                AdmmOptions.DEFAULTS.withThreads(1),
                                null,
                                cluster.horizonTransports(sizing, true))
                        .solve(p, SolverOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(2));
                System.out.printf(
                        Locale.ROOT,
                        "| %d node process%s | %.0f | %.2f | %.0f | %.1f | %,.0f |%n",
                        m,
                        m == 1 ? "" : "es",
                        wall[0],
                        1000 / wall[0],
                        wall[1],
                        (double) timing.messages() / timing.rounds(),
                        sizing.bytes() / 1024.0 / sizing.rounds());
            }
        }
    }

    /**
     * Wall ms and calling-thread CPU ms per round of the horizon negotiation, from the first
     * round's end to the last one's, after a one-round warm-up.
     */
    private static double[] horizonPerRound(
            MarketProblem p,
            org.gridbazaar.solver.admm.transport.HorizonTransport.Factory transports,
            int rounds) {
        AdmmSolver s = new AdmmSolver(AdmmOptions.DEFAULTS.withThreads(1), null, transports);
        s.solve(p, SolverOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(2));
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] first = new long[2], last = new long[2];
        org.gridbazaar.solver.Progress clock =
                (k, primal, dual) -> {
                    long now = System.nanoTime(), cpu = mx.getCurrentThreadCpuTime();
                    if (k == 1) {
                        first[0] = now;
                        first[1] = cpu;
                    }
                    last[0] = now;
                    last[1] = cpu;
                };
        ProblemSolution b =
                s.solve(
                        p,
                        SolverOptions.DEFAULTS
                                .withTolerance(1e-12)
                                .withMaxIterations(1 + rounds)
                                .withProgress(clock));
        if (b.iterations() != 1 + rounds) {
            throw new IllegalStateException(
                    "run stopped early, after " + b.iterations() + " rounds");
        }
        return new double[] {
            (last[0] - first[0]) / 1e6 / rounds, (last[1] - first[1]) / 1e6 / rounds
        };
    }
}
