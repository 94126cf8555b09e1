package org.gridbazaar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gridbazaar.architecture.Bill;
import org.gridbazaar.architecture.Comparison;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.architecture.coordination.MemberUnresponsiveException;
import org.gridbazaar.cli.internal.TextTable;
import org.gridbazaar.cli.plot.ArchitecturesPlot;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.io.CaseFormatException;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.CommunityCaseReader;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.cluster.LocalCluster;
import org.gridbazaar.solver.cluster.coordination.CoordinationCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar architectures [CASE]}: clears one population under every market design (pool,
 * full P2P, community, local P2P, hybrid) and compares them; see {@code docs/architectures.md}.
 *
 * <p>Without a case, the population is {@link #defaultPopulation()}: the built-in 11-bus feeder
 * split into three communities along its branches, with a grid connection at import {@value
 * #DEFAULT_IMPORT} and export {@value #DEFAULT_EXPORT} $/kWh.
 */
@Command(
        name = "architectures",
        mixinStandardHelpOptions = true,
        description =
                "Clears one population under every market design (pool, full P2P, community, local P2P, hybrid) and compares "
                        + "total cost, bills and gains against trading alone with the grid, grid exchange, losses, messages and fairness.")
public final class ArchitecturesCommand implements Callable<Integer> {

    /** The default population's import tariff, $/kWh. */
    static final double DEFAULT_IMPORT = 46;

    /** The default population's export tariff, $/kWh. */
    static final double DEFAULT_EXPORT = 38;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CASE.json",
            description =
                    "A case with communities and a grid connection (docs/architectures.md), or builtin:dtu14-community; "
                            + "without it, the 11-bus feeder split into three communities.")
    Path caseFile;

    @Option(
            names = "--solver",
            paramLabel = "NAME",
            description = "The centralized solver (default: " + Solvers.DEFAULT + ").")
    String solverName;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description =
                    "Also write designs.csv, peers.csv and dropouts.csv into this existing directory.")
    Path csv;

    @Option(
            names = "--svg",
            paramLabel = "FILE",
            description = "Also draw each design's total cost and Jain's index of its gains.")
    Path svg;

    @Option(
            names = "--drop-peer",
            paramLabel = "ID",
            description = "The peer that drops out (default: the one selling most in the pool).")
    String dropPeer;

    @Option(
            names = "--drop-community",
            paramLabel = "ID",
            description = "The community whose manager drops out (default: the largest).")
    String dropCommunity;

    @Option(
            names = "--tolerance",
            paramLabel = "T",
            description = "Tolerance of the distributed clearings (default 1e-6).")
    double tolerance = 1e-6;

    @Option(
            names = "--cluster",
            paramLabel = "local:N",
            description =
                    "Run price coordination's member agents in N node processes on 127.0.0.1 (started, used and stopped by this run).")
    String cluster;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(tolerance > 0 && tolerance < 1)) {
            err.println("gridbazaar: --tolerance must be in (0, 1), got " + tolerance);
            return GridBazaarCommand.INVALID_INPUT;
        }
        if (csv != null && !Files.isDirectory(csv)) {
            err.println("gridbazaar: --csv " + csv + " is not an existing directory");
            return GridBazaarCommand.INVALID_INPUT;
        }
        CommunityMarket population;
        try {
            population = caseFile == null ? defaultPopulation() : read(caseFile, err);
        } catch (CaseFormatException e) {
            err.println("gridbazaar: invalid case " + e.sourceName() + ":");
            e.problems().forEach(p -> err.println("  " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        if (population == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        Optional<MarketSolver> solver = Optional.ofNullable(Cases.solver(solverName, err));
        if (solver.isEmpty()) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        SolverOptions options =
                SolverOptions.DEFAULTS.withTolerance(solver.get().defaultTolerance());
        if (cluster != null && CoordinationOnCluster.nodes(cluster) < 0) {
            err.println(
                    "gridbazaar: "
                            + CoordinationOnCluster.problem(cluster, PriceCoordination.NAME));
            return GridBazaarCommand.INVALID_INPUT;
        }
        List<Comparison.Row> rows;
        String clusterLine = null;
        if (cluster == null) {
            rows =
                    Comparison.run(
                            population,
                            solver.get(),
                            options,
                            Solvers.byName("admm").orElse(null),
                            tolerance);
        } else {
            try (CoordinationCluster nodes =
                    CoordinationCluster.start(
                            CoordinationOnCluster.nodes(cluster),
                            LocalCluster.javaCommand(
                                    GridBazaarCommand.class.getName(), List.of("node")))) {
                rows =
                        Comparison.run(
                                population,
                                solver.get(),
                                options,
                                Solvers.byName("admm").orElse(null),
                                tolerance,
                                nodes.transports());
                clusterLine =
                        String.format(
                                java.util.Locale.ROOT,
                                "cluster: price coordination on %d node processes on 127.0.0.1, %d node messages, %.2f s waiting for nodes",
                                nodes.nodes().size(),
                                nodes.statistics().messages(),
                                nodes.statistics().waitSeconds());
            } catch (MemberUnresponsiveException | IllegalStateException e) {
                err.println(
                        "gridbazaar: the cluster run failed, nothing written: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            }
        }
        String peer = dropPeer != null ? dropPeer : biggestSeller(rows.get(0));
        String community = dropCommunity != null ? dropCommunity : largest(population);
        List<Comparison.Dropout> dropouts = new ArrayList<>();
        try {
            dropouts.addAll(Comparison.dropout(population, peer, rows, solver.get(), options));
            if (population.communities().size() > 1) {
                dropouts.addAll(
                        Comparison.dropout(population, community, rows, solver.get(), options));
            }
        } catch (IllegalArgumentException e) {
            err.println("gridbazaar: " + e.getMessage());
            return GridBazaarCommand.INVALID_INPUT;
        }
        print(population, rows, dropouts, out);
        if (clusterLine != null) {
            out.println(clusterLine);
        }
        try {
            if (csv != null) {
                writeCsv(csv, rows, dropouts);
                out.println(
                        "tables written to "
                                + csv.resolve("designs.csv")
                                + ", peers.csv and dropouts.csv");
            }
            if (svg != null) {
                ArchitecturesPlot.write(svg, population.name() + ": market designs compared", rows);
                out.println("chart drawn to " + svg);
            }
        } catch (IOException e) {
            err.println("gridbazaar: cannot write: " + e.getMessage());
            return GridBazaarCommand.INTERNAL_ERROR;
        }
        out.flush();
        return GridBazaarCommand.OK;
    }

    private static CommunityMarket read(Path file, PrintWriter err) {
        String text = CommunitySolve.text(file);
        if (text == null) {
            err.println("gridbazaar: cannot read case " + file);
            return null;
        }
        if (!CommunityCaseReader.hasCommunityFields(text)) {
            err.println(
                    "gridbazaar: "
                            + file
                            + " has no communities or grid connection; add \"gridConnection\" (and \"communities\") "
                            + "as docs/architectures.md describes");
            return null;
        }
        return CommunityCaseReader.read(text, file.toString());
    }

    /**
     * The default population: the built-in {@code feeder-11bus} case, its peers split by the branch
     * of the feeder they sit on: {@code west} is every bus below {@code B6}, {@code east} every bus
     * below {@code B3}, {@code north} the rest ({@code B1}, {@code B2}, where the grid connection
     * is); import {@value #DEFAULT_IMPORT} and export {@value #DEFAULT_EXPORT} $/kWh.
     */
    static CommunityMarket defaultPopulation() {
        Market feeder =
                CaseReader.read(
                        Cases.resourceText("cases/feeder-11bus.json"), "built-in feeder-11bus");
        Network n = feeder.network().orElseThrow();
        Set<String> west = below(n, "B6"), east = below(n, "B3");
        Map<String, List<String>> members = new LinkedHashMap<>();
        members.put("north", new ArrayList<>());
        members.put("east", new ArrayList<>());
        members.put("west", new ArrayList<>());
        for (Peer p : feeder.peers()) {
            String c = west.contains(p.bus()) ? "west" : east.contains(p.bus()) ? "east" : "north";
            members.get(c).add(p.id().value());
        }
        List<Community> communities = new ArrayList<>();
        members.forEach((id, ms) -> communities.add(Community.of(id, ms)));
        return CommunityMarket.of(
                feeder.toBuilder().name("feeder-11bus-communities").build(),
                communities,
                GridConnection.flat(DEFAULT_IMPORT, DEFAULT_EXPORT, 1));
    }

    /** The buses of the subtree rooted at {@code bus}. */
    private static Set<String> below(Network n, String bus) {
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(bus));
        while (!todo.isEmpty()) {
            String b = todo.pop();
            if (out.add(b)) {
                for (Line l : n.lines()) {
                    if (l.from().equals(b)) {
                        todo.push(l.to());
                    }
                }
            }
        }
        return out;
    }

    private static String biggestSeller(Comparison.Row pool) {
        String best = null;
        double most = Double.NEGATIVE_INFINITY;
        for (Peer p : pool.clearing().peers()) {
            double x = pool.clearing().power(p.id().value(), 0);
            if (x > most) {
                most = x;
                best = p.id().value();
            }
        }
        return best;
    }

    private static String largest(CommunityMarket population) {
        Community best = population.communities().get(0);
        for (Community c : population.communities()) {
            if (c.members().size() > best.members().size()) {
                best = c;
            }
        }
        return best.id();
    }

    private static String f(String format, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static void print(
            CommunityMarket population,
            List<Comparison.Row> rows,
            List<Comparison.Dropout> dropouts,
            PrintWriter out) {
        out.println(
                "population: "
                        + population.name()
                        + ", "
                        + population.period(0).peers().size()
                        + " peers in "
                        + population.communities().size()
                        + " communities ("
                        + String.join(
                                ", ",
                                population.communities().stream()
                                        .map(c -> c.id() + ": " + c.members().size())
                                        .toList())
                        + "), "
                        + population.periodCount()
                        + " period(s); grid import "
                        + population.grid().importTariff(0)
                        + " / export "
                        + population.grid().exportTariff(0)
                        + " $/kWh"
                        + (population.periodCount() > 1 ? " in period 0" : ""));
        out.println();
        TextTable designs =
                new TextTable(
                        List.of(
                                "design",
                                "status",
                                "total $",
                                "import kWh",
                                "export kWh",
                                "peak kW",
                                "losses kWh",
                                "congested",
                                "Jain",
                                "min gain $",
                                "solve s",
                                "distributed",
                                "rounds",
                                "messages",
                                "bytes",
                                "dist. gap $"));
        for (Comparison.Row r : rows) {
            designs.row(
                    List.of(
                            r.architecture().label(),
                            r.clearing().status().name(),
                            f("%,.2f", r.totalCost()),
                            f("%,.2f", r.clearing().importKwh()),
                            f("%,.2f", r.clearing().exportKwh()),
                            f("%,.2f", r.clearing().peakImportKw()),
                            f("%,.3f", r.lossesKwh()),
                            r.congestedLines().isEmpty()
                                    ? "-"
                                    : String.join(" ", r.congestedLines()),
                            f("%.3f", r.fairness()),
                            f("%,.2f", r.smallestGain()),
                            f("%.3f", r.solveSeconds()),
                            r.distributedBy().isEmpty() ? "-" : r.distributedBy(),
                            String.valueOf(r.distributed().rounds()),
                            String.valueOf(r.distributed().messages()),
                            String.valueOf(r.distributed().bytes()),
                            f("%.2e", r.distributedObjective() - r.totalCost())));
        }
        designs.lines("").forEach(out::println);
        out.println(
                "Jain = (sum of gains)^2 / (peers x sum of squared gains): 1 when every peer gains the same, 1/peers when one takes all;"
                        + " gains against trading alone with the grid at its tariffs.");
        out.println();
        List<String> headers = new ArrayList<>(List.of("peer"));
        for (Comparison.Row r : rows) {
            headers.add(r.architecture().label() + " bill $");
            headers.add("gain $");
        }
        TextTable peers = new TextTable(headers);
        for (Peer p : rows.get(0).clearing().peers()) {
            List<String> cells = new ArrayList<>(List.of(p.id().value()));
            for (Comparison.Row r : rows) {
                cells.add(
                        f(
                                "%,.2f",
                                r.clearing()
                                        .bills()
                                        .of(p.id().value())
                                        .map(Bill::net)
                                        .orElse(Double.NaN)));
                cells.add(f("%,.2f", r.gains().get(p.id().value())));
            }
            peers.row(cells);
        }
        out.println("bills (net: paid - received) and gains per peer:");
        peers.lines("  ").forEach(out::println);
        out.println();
        StringBuilder balance =
                new StringBuilder("money balances in every design (largest relative gap: ");
        double gap =
                rows.stream().mapToDouble(r -> r.clearing().bills().imbalance()).max().orElse(0);
        out.println(balance.append(String.format(Locale.ROOT, "%.1e)", gap)));
        if (!dropouts.isEmpty()) {
            out.println();
            TextTable d =
                    new TextTable(
                            List.of(
                                    "design",
                                    "drops out",
                                    "status",
                                    "peers left",
                                    "total $ before",
                                    "after",
                                    "change $"),
                            2);
            for (Comparison.Dropout x : dropouts) {
                d.row(
                        List.of(
                                x.architecture().label(),
                                x.dropped(),
                                x.after().status().name(),
                                String.valueOf(x.peersLeft()),
                                f("%,.2f", x.before().objective()),
                                f("%,.2f", x.after().objective()),
                                f("%,.2f", x.costChange())));
            }
            out.println(
                    "drop-outs, re-cleared without the peer or the community's manager (members of a community without its manager leave "
                            + "with it, except in the hybrid design):");
            d.lines("  ").forEach(out::println);
        }
    }

    private static void writeCsv(
            Path dir, List<Comparison.Row> rows, List<Comparison.Dropout> dropouts)
            throws IOException {
        StringBuilder designs =
                new StringBuilder(
                        "design,status,total_cost,import_kwh,export_kwh,peak_import_kw,losses_kwh,congested_lines,"
                                + "jain_index,smallest_gain,solve_seconds,distributed_solver,rounds,messages,bytes,distributed_objective\n");
        StringBuilder peers =
                new StringBuilder(
                        "design,peer,power_kw,energy_paid,energy_received,fees_paid,net_bill,gain\n");
        for (Comparison.Row r : rows) {
            designs.append(
                            String.join(
                                    ",",
                                    r.architecture().label(),
                                    r.clearing().status().name(),
                                    num(r.totalCost()),
                                    num(r.clearing().importKwh()),
                                    num(r.clearing().exportKwh()),
                                    num(r.clearing().peakImportKw()),
                                    num(r.lossesKwh()),
                                    String.join(" ", r.congestedLines()),
                                    num(r.fairness()),
                                    num(r.smallestGain()),
                                    num(r.solveSeconds()),
                                    r.distributedBy(),
                                    String.valueOf(r.distributed().rounds()),
                                    String.valueOf(r.distributed().messages()),
                                    String.valueOf(r.distributed().bytes()),
                                    num(r.distributedObjective())))
                    .append('\n');
            for (Peer p : r.clearing().peers()) {
                Bill b = r.clearing().bills().of(p.id().value()).orElseThrow();
                double power = 0;
                for (int t = 0; t < r.clearing().periods().size(); t++) {
                    power += r.clearing().power(p.id().value(), t) / r.clearing().periods().size();
                }
                peers.append(
                                String.join(
                                        ",",
                                        r.architecture().label(),
                                        p.id().value(),
                                        num(power),
                                        num(b.energyPaid()),
                                        num(b.energyReceived()),
                                        num(b.feesPaid()),
                                        num(b.net()),
                                        num(r.gains().get(p.id().value()))))
                        .append('\n');
            }
        }
        StringBuilder drops =
                new StringBuilder(
                        "design,dropped,status,peers_left,total_cost_before,total_cost_after,change\n");
        for (Comparison.Dropout d : dropouts) {
            drops.append(
                            String.join(
                                    ",",
                                    d.architecture().label(),
                                    d.dropped(),
                                    d.after().status().name(),
                                    String.valueOf(d.peersLeft()),
                                    num(d.before().objective()),
                                    num(d.after().objective()),
                                    num(d.costChange())))
                    .append('\n');
        }
        org.gridbazaar.cli.internal.OutputFiles.writeText(
                dir.resolve("designs.csv"), designs.toString());
        org.gridbazaar.cli.internal.OutputFiles.writeText(
                dir.resolve("peers.csv"), peers.toString());
        org.gridbazaar.cli.internal.OutputFiles.writeText(
                dir.resolve("dropouts.csv"), drops.toString());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
