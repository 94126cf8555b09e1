package org.gridbazaar.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.cluster.ClusterSolver;
import org.gridbazaar.solver.cluster.LocalCluster;
import org.gridbazaar.solver.cluster.Reclearing;

/**
 * {@code solve --cluster local:N}: starts {@code N} node processes of this installation on
 * 127.0.0.1 and a platform in this process, runs {@code admm} or {@code consensus} through them,
 * and stops them when closed. After the run, {@link #report()} tells how many rounds and messages
 * it took and, if a node was lost, which peers and how the market cleared without them.
 */
public final class ClusterOption implements AutoCloseable {

    private final LocalCluster cluster;
    private final ClusterSolver solver;

    private ClusterOption(LocalCluster cluster, ClusterSolver solver) {
        this.cluster = cluster;
        this.solver = solver;
    }

    /**
     * Why {@code spec} cannot be used with the solver {@code solverName} (on a market over time if
     * {@code overTime}), or {@code null}.
     */
    public static String problem(String spec, boolean overTime, String solverName) {
        if (nodes(spec) < 0) {
            return "--cluster must be local:N with 1 <= N <= 16 (N node processes on 127.0.0.1), got \""
                    + spec
                    + "\"";
        }
        if (!solverName.equals("admm") && !solverName.equals("consensus")) {
            return "--cluster runs the distributed solvers only, not "
                    + solverName
                    + "; maybe add --solver admm";
        }
        return null;
    }

    private static int nodes(String spec) {
        if (!spec.startsWith("local:")) {
            return -1;
        }
        try {
            int n = Integer.parseInt(spec.substring("local:".length()));
            return n >= 1 && n <= 16 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Starts the nodes of {@code spec} (checked by {@link #problem}) as {@code gridbazaar node}
     * processes of this class path.
     */
    public static ClusterOption start(String spec, MarketSolver solver, String mainClass) {
        LocalCluster cluster =
                LocalCluster.start(
                        nodes(spec), LocalCluster.javaCommand(mainClass, List.of("node")));
        return new ClusterOption(
                cluster, new ClusterSolver(solver.name(), AdmmOptions.DEFAULTS, cluster));
    }

    /** The solver that runs on the cluster. */
    public MarketSolver solver() {
        return solver;
    }

    /**
     * The first line of {@link #report()}: {@code nodes} node processes, and the rounds, messages
     * and waiting of all {@code clearings} the run made, said to be summed when there were several
     * ({@code auto} congestion clears twice).
     */
    static String summary(
            int nodes, int clearings, long rounds, long messages, double waitSeconds) {
        return String.format(
                Locale.ROOT,
                "cluster:   %d node processes on 127.0.0.1, %d rounds, %d messages, %.2f s waiting for nodes%s",
                nodes,
                rounds,
                messages,
                waitSeconds,
                clearings > 1
                        ? " (summed over "
                                + clearings
                                + " clearings: auto congestion clears without the penalty, then with"
                                + " the lines found congested)"
                        : "");
    }

    /**
     * Lines about the cluster run: nodes, rounds, messages; lost peers and the re-clear without
     * them.
     */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        out.add(
                summary(
                        cluster.nodes().size(),
                        solver.clearings(),
                        solver.statistics().rounds(),
                        solver.statistics().messages(),
                        solver.statistics().waitSeconds()));
        Reclearing.Outcome o = solver.lastOutcome();
        if (o == null || !o.lostAny()) {
            return out;
        }
        out.add(
                "lost:      peer"
                        + (o.lostLabels().size() == 1 ? " " : "s ")
                        + String.join(", ", o.lostLabels())
                        + " stopped answering; the result above is the stopped run ("
                        + o.first().status()
                        + ", no trades written)");
        ProblemSolution r = o.reclear();
        if (r == null) {
            out.add("re-clear:  not run: " + o.reclearFailure());
            return out;
        }
        String objective =
                r.hasPoint()
                        ? String.format(
                                Locale.ROOT,
                                "%,.4f $",
                                o.reduced().objective(r.x(), r.privateVariables(), r.f()))
                        : "none";
        out.add(
                "re-clear:  "
                        + o.reduced().name()
                        + " on the other nodes: "
                        + r.status()
                        + ", objective "
                        + objective
                        + ", "
                        + r.iterations()
                        + " rounds");
        if (r.hasPoint()) {
            int[] nodePeer = o.reduced().nodePeer();
            double[] x = r.x();
            StringBuilder line = new StringBuilder("           set-points (kW):");
            for (int k = 0; k < x.length; k++) {
                line.append(
                        String.format(
                                Locale.ROOT, " %s %.4f", o.reduced().peerLabel(nodePeer[k]), x[k]));
            }
            out.add(line.toString());
        }
        return out;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
