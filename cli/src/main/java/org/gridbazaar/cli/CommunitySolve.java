package org.gridbazaar.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridbazaar.architecture.Architecture;
import org.gridbazaar.architecture.ArchitectureClearing;
import org.gridbazaar.architecture.ArchitectureMarket;
import org.gridbazaar.architecture.Bill;
import org.gridbazaar.architecture.Clearing;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.cli.internal.Summary;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.io.CaseFormatException;
import org.gridbazaar.io.CommunityCaseReader;
import org.gridbazaar.io.ResultWriter;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;

/**
 * {@code solve} for a case with communities and a grid connection ({@code docs/architectures.md}):
 * clears the community design (members trade with their manager, managers with the grid) and writes
 * the result of that market, with the {@code communities} block, then prints the summary, each
 * community's price and exchange, and the bills. Package-private helper of {@link SolveCommand}.
 */
final class CommunitySolve {

    private CommunitySolve() {}

    /**
     * The text of the case {@code file} names (a file or a built-in), or {@code null} when it
     * cannot be read here.
     */
    static String text(Path file) {
        if (file == null) {
            return null;
        }
        String name = file.toString();
        if (name.startsWith(Cases.BUILTIN)) {
            String builtin = name.substring(Cases.BUILTIN.length());
            return Cases.BUILTIN_CASES.contains(builtin)
                    ? Cases.resourceText("cases/" + builtin + ".json")
                    : null;
        }
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Whether {@code file} is a case with the community extension. */
    static boolean isCommunityCase(Path file) {
        String text = text(file);
        return text != null && CommunityCaseReader.hasCommunityFields(text);
    }

    /** Clears the community case of {@code cmd}; an exit code of {@link GridBazaarCommand}. */
    static int run(SolveCommand cmd, PrintWriter out, PrintWriter err) {
        List<String> refused = new ArrayList<>();
        if (cmd.plot != null) {
            refused.add("--plot");
        }
        if (cmd.lineLimits) {
            refused.add("--line-limits");
        }
        if (cmd.csv != null) {
            refused.add("--csv");
        }
        if (cmd.rolling != null) {
            refused.add("--rolling");
        }
        if (cmd.plotHorizon != null) {
            refused.add("--plot-horizon");
        }
        if (cmd.convergencePlot != null) {
            refused.add("--plot-convergence");
        }
        if (!refused.isEmpty()) {
            err.println(
                    "gridbazaar: "
                            + String.join(", ", refused)
                            + " not available for a case with communities yet");
            return GridBazaarCommand.INVALID_INPUT;
        }
        CommunityMarket population;
        String source = cmd.caseFile.toString();
        try {
            population =
                    CommunityCaseReader.read(
                            text(cmd.caseFile),
                            source.startsWith(Cases.BUILTIN)
                                    ? "built-in " + source.substring(Cases.BUILTIN.length())
                                    : source);
        } catch (CaseFormatException e) {
            err.println("gridbazaar: invalid case " + e.sourceName() + ":");
            e.problems().forEach(p -> err.println("  " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        boolean distributed = PriceCoordination.NAME.equals(cmd.solverName);
        if (cmd.cluster != null
                && CoordinationOnCluster.problem(cmd.cluster, cmd.solverName) != null) {
            err.println(
                    "gridbazaar: " + CoordinationOnCluster.problem(cmd.cluster, cmd.solverName));
            return GridBazaarCommand.INVALID_INPUT;
        }
        List<String> clusterReport = new ArrayList<>();
        MarketSolver solver = null;
        if (!distributed) {
            Optional<MarketSolver> found =
                    cmd.solverName == null
                            ? Optional.of(Solvers.defaultSolver())
                            : Solvers.byName(cmd.solverName);
            if (found.isEmpty()) {
                err.println(
                        "gridbazaar: unknown solver \""
                                + cmd.solverName
                                + "\"; available: "
                                + String.join(
                                        ", ",
                                        Solvers.available().stream()
                                                .map(MarketSolver::name)
                                                .toList())
                                + ", "
                                + PriceCoordination.NAME);
                return GridBazaarCommand.INVALID_INPUT;
            }
            solver = found.get();
        }
        Path target =
                cmd.output != null
                        ? cmd.output
                        : Path.of(SolveCommand.fileName(population.name()) + "-result.json");
        ArchitectureMarket design = ArchitectureMarket.of(population, Architecture.COMMUNITY);
        try {
            if (population.isOverTime()) {
                if (distributed) {
                    err.println(
                            "gridbazaar: "
                                    + PriceCoordination.NAME
                                    + " clears single-period cases only; "
                                    + String.join("; ", PriceCoordination.unsupported(design)));
                    return GridBazaarCommand.INVALID_INPUT;
                }
                MultiPeriodResult r =
                        MultiPeriodClearing.clear(
                                design.overTime().orElseThrow(),
                                solver,
                                options(cmd, solver.defaultTolerance()));
                Clearing c =
                        new Clearing(
                                design,
                                r.status().hasSolution() ? r.periods() : List.of(),
                                r.objective(),
                                r.status(),
                                r.solver(),
                                Clearing.Messages.NONE);
                List<List<CommunityOutcome>> byPeriod = new ArrayList<>();
                for (int t = 0; t < c.periods().size(); t++) {
                    byPeriod.add(c.communities(t));
                }
                ResultWriter.write(r, byPeriod, target);
                if (!cmd.quiet) {
                    out.println(
                            "status:    "
                                    + r.status()
                                    + String.format(
                                            Locale.ROOT,
                                            ", objective %,.4f $ (grid included)",
                                            r.objective()));
                    for (int t = 0; t < c.periods().size(); t++) {
                        for (CommunityOutcome o : c.communities(t)) {
                            out.println(
                                    String.format(
                                            Locale.ROOT,
                                            "period %d: community %s at %.6f $/kWh, import %.6f kW, export %.6f kW",
                                            t,
                                            o.id(),
                                            o.price(),
                                            o.importKw(),
                                            o.exportKw()));
                        }
                    }
                    bills(c, out);
                    out.println("result written to " + target);
                }
                out.flush();
                return GridBazaarCommand.OK;
            }
            Clearing c;
            if (distributed) {
                List<String> why = PriceCoordination.unsupported(design);
                if (!why.isEmpty()) {
                    err.println(
                            "gridbazaar: "
                                    + PriceCoordination.NAME
                                    + " cannot clear this case: "
                                    + String.join("; ", why));
                    return GridBazaarCommand.INVALID_INPUT;
                }
                double tolerance = cmd.tolerance != null ? cmd.tolerance : 1e-6;
                int maxRounds =
                        cmd.maxIterations != null
                                ? cmd.maxIterations
                                : SolverOptions.DEFAULT_MAX_ITERATIONS;
                if (cmd.cluster != null) {
                    try {
                        c =
                                CoordinationOnCluster.clear(
                                        cmd.cluster, design, tolerance, maxRounds, clusterReport);
                    } catch (IllegalStateException e) {
                        err.println(
                                "gridbazaar: the cluster run failed, nothing written: "
                                        + e.getMessage());
                        return GridBazaarCommand.INTERNAL_ERROR;
                    }
                    if (c == null) {
                        clusterReport.forEach(err::println);
                        err.println("gridbazaar: members were lost; nothing written");
                        return GridBazaarCommand.INTERNAL_ERROR;
                    }
                } else {
                    c = PriceCoordination.clear(design, tolerance, maxRounds);
                }
            } else {
                c =
                        ArchitectureClearing.clear(
                                design, solver, options(cmd, solver.defaultTolerance()));
            }
            ResultWriter.write(c.periods().get(0), c.communities(0), target);
            if (!cmd.quiet) {
                Summary.lines(design.period(0), c.periods().get(0)).forEach(out::println);
                out.println();
                out.println(
                        String.format(
                                Locale.ROOT,
                                "objective: %.4f $ (members' costs and the grid's: import tariff x import - export tariff x export)",
                                c.objective()));
                for (CommunityOutcome o : c.communities(0)) {
                    out.println(
                            String.format(
                                    Locale.ROOT,
                                    "community %s: price %.6f $/kWh, import %.6f kW, export %.6f kW",
                                    o.id(),
                                    o.price(),
                                    o.importKw(),
                                    o.exportKw()));
                }
                if (distributed) {
                    out.println(
                            String.format(
                                    Locale.ROOT,
                                    "distributed: %d rounds, %d messages, %d bytes",
                                    c.messages().rounds(),
                                    c.messages().messages(),
                                    c.messages().bytes()));
                }
                clusterReport.forEach(out::println);
                bills(c, out);
                out.println("result written to " + target);
            }
            out.flush();
            return GridBazaarCommand.OK;
        } catch (UncheckedIOException e) {
            err.println("gridbazaar: " + e.getMessage());
            return GridBazaarCommand.INTERNAL_ERROR;
        }
    }

    private static SolverOptions options(SolveCommand cmd, double defaultTolerance) {
        SolverOptions o =
                SolverOptions.DEFAULTS.withTolerance(
                        cmd.tolerance != null ? cmd.tolerance : defaultTolerance);
        return cmd.maxIterations != null ? o.withMaxIterations(cmd.maxIterations) : o;
    }

    private static void bills(Clearing c, PrintWriter out) {
        if (!c.hasSolution()) {
            return;
        }
        out.println();
        out.println("bills ($; net = paid - received):");
        for (Bill b : c.bills().all()) {
            out.println(
                    String.format(
                            Locale.ROOT,
                            "  %-16s paid %,12.4f  received %,12.4f  fees %,10.4f/%,10.4f  net %,12.4f",
                            b.id(),
                            b.energyPaid(),
                            b.energyReceived(),
                            b.feesPaid(),
                            b.feesReceived(),
                            b.net()));
        }
        out.println(
                String.format(
                        Locale.ROOT,
                        "  money balances: paid %,.4f = received %,.4f (relative gap %.1e)",
                        c.bills().totalPaid(),
                        c.bills().totalReceived(),
                        c.bills().imbalance()));
    }
}
