package org.gridbazaar.cli;

import java.util.List;
import java.util.Locale;
import org.gridbazaar.architecture.ArchitectureMarket;
import org.gridbazaar.architecture.Clearing;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.solver.cluster.LocalCluster;
import org.gridbazaar.solver.cluster.coordination.CoordinationCluster;
import org.gridbazaar.solver.cluster.coordination.CoordinationReclearing;

/**
 * {@code solve CASE --solver price-coordination --cluster local:N} for a case with communities:
 * starts {@code N} {@code gridbazaar node} processes on 127.0.0.1, clears the design by price
 * coordination with the members' agents on them, and stops them. Package-private helper of {@link
 * CommunitySolve}.
 */
final class CoordinationOnCluster {

    private CoordinationOnCluster() {}

    /** The node count of {@code spec} ({@code local:N}, 1 to 16), or -1 when it is not one. */
    static int nodes(String spec) {
        if (spec == null || !spec.startsWith("local:")) {
            return -1;
        }
        try {
            int n = Integer.parseInt(spec.substring("local:".length()));
            return n >= 1 && n <= 16 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Why {@code spec} cannot run a clearing by {@code solverName}, or {@code null}. */
    static String problem(String spec, String solverName) {
        if (nodes(spec) < 0) {
            return "--cluster must be local:N with 1 <= N <= 16 (N node processes on 127.0.0.1), got \""
                    + spec
                    + "\"";
        }
        if (!PriceCoordination.NAME.equals(solverName)) {
            return "--cluster clears a case with communities by "
                    + PriceCoordination.NAME
                    + " only, not "
                    + (solverName == null ? "the default solver" : solverName)
                    + "; maybe add --solver "
                    + PriceCoordination.NAME;
        }
        return null;
    }

    /**
     * Clears {@code design} on {@code spec}'s nodes (checked by {@link #problem}) and adds lines
     * about the run to {@code report}: nodes, rounds and node messages; when a node stopped
     * answering, its members and the re-clear of the market without them on the other nodes.
     *
     * @return the clearing, or {@code null} when members were lost (nothing of that run is kept)
     */
    static Clearing clear(
            String spec,
            ArchitectureMarket design,
            double tolerance,
            int maxRounds,
            List<String> report) {
        int n = nodes(spec);
        try (CoordinationCluster cluster =
                CoordinationCluster.start(
                        n,
                        LocalCluster.javaCommand(
                                GridBazaarCommand.class.getName(), List.of("node")))) {
            CoordinationReclearing.Outcome o =
                    CoordinationReclearing.clear(
                            design,
                            tolerance,
                            maxRounds,
                            cluster.transports(),
                            cluster::transportsOfSurvivors);
            if (o.lostAny()) {
                report.add("lost:      " + o.lost().getMessage());
                if (o.reclear() == null) {
                    report.add("re-clear:  not run: " + o.reclearFailure());
                } else {
                    Clearing r = o.reclear();
                    report.add(
                            String.format(
                                    Locale.ROOT,
                                    "re-clear:  without them on the other nodes: %s, objective %.4f $, %d rounds, import %.6f kW, export %.6f kW",
                                    r.status(),
                                    r.objective(),
                                    r.messages().rounds(),
                                    r.importKw(0),
                                    r.exportKw(0)));
                }
                return null;
            }
            Clearing c = o.clearing();
            report.add(
                    String.format(
                            Locale.ROOT,
                            "cluster:   %d node processes on 127.0.0.1, %d rounds, %d node messages, %.2f s waiting for nodes",
                            n,
                            c.messages().rounds(),
                            cluster.statistics().messages(),
                            cluster.statistics().waitSeconds()));
            return c;
        }
    }
}
