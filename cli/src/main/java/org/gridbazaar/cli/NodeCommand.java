package org.gridbazaar.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.gridbazaar.solver.cluster.ClusterNodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridbazaar node --join HOST:PORT}: a process that hosts peers' agents for clearings run
 * elsewhere ({@code gridbazaar solve --solver admm --cluster ...}). It joins the Pekko cluster of
 * the member at {@code HOST:PORT}, registers with its receptionist, hosts whichever peers the
 * platform sends it, and runs until stopped (Ctrl-C or a kill). Pekko's configuration ({@code
 * application.conf}, {@code -D} properties) applies; see {@code docs/cluster.md}.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description =
                "Hosts peers' agents for clearings run elsewhere (admm or consensus with --cluster): joins the cluster "
                        + "at HOST:PORT and runs until stopped.")
public final class NodeCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--join",
            required = true,
            paramLabel = "HOST:PORT",
            description =
                    "A member of the cluster to join, "
                            + "for example the platform of `gridbazaar solve --cluster`.")
    String join;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description =
                    "The address this node listens on "
                            + "and announces (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "The port this node listens on " + "(default: 0, any free port).")
    int port;

    @Option(
            names = "--peers",
            paramLabel = "CASE",
            description =
                    "A case file (version 2, a market over time) whose peers named by --ids this node hosts from its own"
                            + " data, so that their costs and bounds never leave it; the platform's case must agree on the"
                            + " public data (peer ids, nodes, periods, trades).")
    java.nio.file.Path peers;

    @Option(
            names = "--ids",
            paramLabel = "A,B,...",
            split = ",",
            description = "The ids of the peers of --peers this node hosts.")
    java.util.List<String> ids;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("gridbazaar: --port must be 0..65535, got " + port);
            return GridBazaarCommand.INVALID_INPUT;
        }
        try {
            ClusterNodes.address(join);
        } catch (IllegalArgumentException e) {
            err.println("gridbazaar: " + e.getMessage());
            return GridBazaarCommand.INVALID_INPUT;
        }
        org.gridbazaar.solver.cluster.OwnPeers own = null;
        if ((peers == null) != (ids == null)) {
            err.println("gridbazaar: --peers and --ids go together; maybe --peers CASE --ids A,B");
            return GridBazaarCommand.INVALID_INPUT;
        }
        if (peers != null) {
            org.gridbazaar.io.MarketCase loaded = Cases.loadCase(peers, err);
            if (loaded == null) {
                return GridBazaarCommand.INVALID_INPUT;
            }
            if (!(loaded instanceof org.gridbazaar.io.MarketCase.MultiPeriod mp)) {
                err.println(
                        "gridbazaar: --peers hosts agents of markets over time (version-2 cases) only; "
                                + peers
                                + " is a single-period case, whose agents a node starts from the platform's specs;"
                                + " maybe drop --peers and --ids");
                return GridBazaarCommand.INVALID_INPUT;
            }
            for (org.gridbazaar.model.Market period : mp.market().periods()) {
                if (period.congestionPenalty()
                        .map(org.gridbazaar.model.CongestionPenalty::autoLines)
                        .orElse(false)) {
                    err.println(
                            "gridbazaar: "
                                    + peers
                                    + " penalizes congestion on \"auto\" lines, which the platform finds by a first"
                                    + " clearing of its own; a node cannot build its peers' trade terms from the case"
                                    + " alone. Maybe list the congested lines in the case");
                    return GridBazaarCommand.INVALID_INPUT;
                }
            }
            try {
                own =
                        org.gridbazaar.solver.cluster.OwnPeers.of(
                                new org.gridbazaar.formulation.MultiPeriodFormulation()
                                        .formulate(mp.market())
                                        .problem(),
                                ids);
            } catch (IllegalArgumentException e) {
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INVALID_INPUT;
            }
        }
        ClusterNodes.RunningNode node = ClusterNodes.runNode(host, port, join, own);
        out.println(
                "node "
                        + node.hostPort()
                        + " joining "
                        + join
                        + (own == null
                                ? "; hosting agents until stopped"
                                : "; hosting "
                                        + String.join(", ", own.ids())
                                        + " from "
                                        + peers
                                        + " until stopped"));
        out.flush();
        try {
            node.whenTerminated().join();
        } catch (java.util.concurrent.CompletionException e) {
            err.println("gridbazaar: node stopped: " + e.getMessage());
            return GridBazaarCommand.INTERNAL_ERROR;
        }
        return GridBazaarCommand.OK;
    }
}
