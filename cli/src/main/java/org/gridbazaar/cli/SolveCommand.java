package org.gridbazaar.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridbazaar.cli.internal.ConsoleProgress;
import org.gridbazaar.cli.internal.CsvExport;
import org.gridbazaar.cli.internal.HorizonSummary;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.cli.internal.StopOnInterrupt;
import org.gridbazaar.cli.internal.Summary;
import org.gridbazaar.cli.plot.ConvergencePlot;
import org.gridbazaar.cli.plot.FeederPlot;
import org.gridbazaar.cli.plot.HorizonPlot;
import org.gridbazaar.formulation.Formulation;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.io.ResultWriter;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.RollingHorizon;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.UnsupportedProblemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar solve [CASE.json]}: clears a market and writes its result file.
 *
 * <p>Without a case file it clears the built-in demo market ({@code default-case.json}). Prints a
 * summary (status, objective, solver statistics, peers, the trade matrix, heat trades, network) and
 * writes the result to {@code --output} or to {@code <case name>-result.json} in the current
 * directory. For solves longer than a second it prints progress to stderr at most once a second;
 * Ctrl-C asks the solver to stop and the partial result is still written. Exit codes: see {@link
 * GridBazaarCommand}.
 */
@Command(
        name = "solve",
        mixinStandardHelpOptions = true,
        description =
                "Clears a market and writes its result file (p2p-market-result/1, or /2 for a market over time).",
        footerHeading = "%nOutput files:%n",
        footer = {
            "The result and the plots are checked before solving: the directory of each must exist and be writable "
                    + "(missing directories are not created), none may be the case file itself or another output of the run; "
                    + "otherwise nothing is solved or written and the exit code is 2. Each file is replaced all at once "
                    + "(written beside it, then renamed), so a stopped run leaves the previous file as it was."
        })
public final class SolveCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CASE.json",
            description =
                    "The case file (p2p-market-case/1 or /2), or builtin:feeder-11bus / builtin:chp-study; without it, a built-in demo market.")
    Path caseFile;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "RESULT.json",
            description =
                    "Where to write the result (default: <case name>-result.json in the current directory, "
                            + "the name made safe: other characters than letters, digits, '.', '-', '_' become '-', and a long name "
                            + "is cut and given a short hash).")
    Path output;

    @Option(
            names = "--solver",
            paramLabel = "NAME",
            description =
                    "Solver to use (see `gridbazaar solvers`; default: "
                            + Solvers.DEFAULT
                            + " when available).")
    String solverName;

    @Option(
            names = "--tolerance",
            paramLabel = "T",
            description =
                    "Relative optimality tolerance, in (0, 1) (default: the solver's own, "
                            + SolverOptions.DEFAULT_TOLERANCE
                            + " for the centralized solvers, 1e-6 for admm and consensus).")
    Double tolerance;

    @Option(
            names = "--max-iterations",
            paramLabel = "N",
            description =
                    "Iteration limit, >= 1 (default: "
                            + SolverOptions.DEFAULT_MAX_ITERATIONS
                            + ").")
    Integer maxIterations;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing but errors.")
    boolean quiet;

    @Option(
            names = "--line-limits",
            description =
                    "Enforce every line capacity as a hard constraint (the exact "
                            + "network-constrained market); results then carry each line's shadow price.")
    boolean lineLimits;

    @Option(
            names = "--plot",
            paramLabel = "FEEDER.svg",
            description =
                    "Draw the feeder with the result's flows " + "(the case needs a network).")
    Path plot;

    @Option(
            names = "--plot-convergence",
            paramLabel = "RESIDUALS.svg",
            description = "Plot the solver's residuals " + "against iterations (log scale).")
    Path convergencePlot;

    @Option(
            names = "--plot-horizon",
            paramLabel = "PREFIX",
            description =
                    "For a market over time (version-2 case): draw "
                            + "PREFIX-traded.svg (each period's net power by peer, sellers above the axis, buyers below) and PREFIX-storage.svg "
                            + "(each storage unit's energy over the periods, capacity dashed).")
    Path plotHorizon;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description =
                    "For a market over time (version-2 case): also write "
                            + "peers.csv, trades.csv and storage.csv, one row per period and item, into this existing directory.")
    Path csv;

    @Option(
            names = "--rolling",
            paramLabel = "WINDOW,STEP",
            description =
                    "For a market over time: clear it in windows "
                            + "of WINDOW periods, committing the first STEP of each (1 <= STEP <= WINDOW), and report the cost gap against the "
                            + "full-horizon optimum.")
    String rolling;

    @Option(
            names = "--cluster",
            paramLabel = "local:N",
            description =
                    "Run admm or consensus (price-coordination for a single-period case with communities) with the peers' agents in N node "
                            + "processes on 127.0.0.1 (started, used and stopped by this run); markets over time too. See docs/cluster.md.")
    String cluster;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> optionProblems = new java.util.ArrayList<>();
        if (tolerance != null && !(tolerance > 0 && tolerance < 1)) {
            optionProblems.add("--tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations != null && maxIterations < 1) {
            optionProblems.add("--max-iterations must be >= 1, got " + maxIterations);
        }
        Path input =
                caseFile == null || caseFile.toString().startsWith(Cases.BUILTIN) ? null : caseFile;
        optionProblems.addAll(outputs(output).problems(input));
        if (!optionProblems.isEmpty()) {
            optionProblems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }

        if (CommunitySolve.isCommunityCase(caseFile)) {
            return CommunitySolve.run(this, out, err);
        }
        MarketCase loaded = Cases.loadCase(caseFile, err);
        if (loaded == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        MultiPeriodMarket overTime =
                loaded instanceof MarketCase.MultiPeriod mp ? mp.market() : null;
        List<String> versionProblems = versionProblems(overTime != null);
        if (!versionProblems.isEmpty()) {
            versionProblems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        int[] windowStep = null;
        if (rolling != null) {
            windowStep = parseRolling(rolling, err);
            if (windowStep == null) {
                return GridBazaarCommand.INVALID_INPUT;
            }
        }
        if (csv != null && !java.nio.file.Files.isDirectory(csv)) {
            err.println("gridbazaar: --csv " + csv + " is not an existing directory");
            return GridBazaarCommand.INVALID_INPUT;
        }
        Market market =
                overTime != null ? overTime.period(0) : ((MarketCase.SinglePeriod) loaded).market();
        if ((plot != null || lineLimits) && market.network().isEmpty()) {
            err.println(
                    "gridbazaar: "
                            + (plot != null ? "--plot" : "--line-limits")
                            + " needs a case with a network; "
                            + market.name()
                            + " has none");
            return GridBazaarCommand.INVALID_INPUT;
        }
        MarketSolver solver;
        if (solverName != null) {
            Optional<MarketSolver> found = Solvers.byName(solverName);
            if (found.isEmpty()) {
                List<String> names = Solvers.available().stream().map(MarketSolver::name).toList();
                err.println(
                        "gridbazaar: unknown solver \""
                                + solverName
                                + "\"; available: "
                                + (names.isEmpty() ? "none" : String.join(", ", names)));
                return GridBazaarCommand.INVALID_INPUT;
            }
            solver = found.get();
        } else if (Solvers.available().isEmpty()) {
            err.println(
                    "gridbazaar: no solver available: add a solver module (gridbazaar-solver-structured) to the class path");
            return GridBazaarCommand.INTERNAL_ERROR;
        } else {
            solver = Solvers.defaultSolver();
        }
        Path target = output != null ? output : Path.of(fileName(market.name()) + "-result.json");
        if (output == null) {
            List<String> problems = outputs(target).problems(input);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("gridbazaar: " + p));
                return GridBazaarCommand.INVALID_INPUT;
            }
        }

        AtomicBoolean stop = new AtomicBoolean();
        ConsoleProgress progress = new ConsoleProgress(err, stop, quiet);
        SolverOptions options = SolverOptions.DEFAULTS.withProgress(progress);
        options = options.withTolerance(tolerance != null ? tolerance : solver.defaultTolerance());
        if (maxIterations != null) {
            options = options.withMaxIterations(maxIterations);
        }
        org.gridbazaar.cli.internal.ClusterOption onCluster = null;
        if (cluster != null) {
            String clusterProblem =
                    org.gridbazaar.cli.internal.ClusterOption.problem(
                            cluster, overTime != null, solver.name());
            if (clusterProblem != null) {
                err.println("gridbazaar: " + clusterProblem);
                return GridBazaarCommand.INVALID_INPUT;
            }
            try {
                onCluster =
                        org.gridbazaar.cli.internal.ClusterOption.start(
                                cluster, solver, GridBazaarCommand.class.getName());
            } catch (RuntimeException e) {
                err.println("gridbazaar: cannot start the cluster: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            }
            solver = onCluster.solver();
        }
        if (overTime != null) {
            try (org.gridbazaar.cli.internal.ClusterOption stopCluster = onCluster) {
                int code =
                        solveOverTime(
                                overTime,
                                windowStep,
                                solver,
                                options,
                                target,
                                progress,
                                stop,
                                out,
                                err);
                if (stopCluster != null && !quiet) {
                    stopCluster.report().forEach(out::println);
                }
                return code;
            }
        }
        try (org.gridbazaar.cli.internal.ClusterOption stopCluster = onCluster;
                StopOnInterrupt interrupts = StopOnInterrupt.install(stop, err)) {
            MarketResult result;
            List<ProblemSolution.IterationRecord> history;
            try {
                Formulation formulation =
                        lineLimits ? P2PFormulation.withLineLimits() : new P2PFormulation();
                MarketClearing.Clearing clearing =
                        MarketClearing.run(market, formulation, solver, options);
                history = clearing.solution().history();
                result = clearing.result();
            } catch (UnsupportedProblemException e) {
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INVALID_INPUT;
            }
            try {
                ResultWriter.write(result, target);
            } catch (UncheckedIOException e) {
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            }
            try {
                if (plot != null) {
                    FeederPlot.write(plot, market, result);
                }
                if (convergencePlot != null) {
                    // solvers scale the relative tolerance by the data, so no single line would be
                    // honest
                    ConvergencePlot.write(
                            convergencePlot,
                            history,
                            market.name() + " - " + solver.name(),
                            Double.NaN,
                            Double.NaN,
                            result.solver().primalResidual(),
                            result.solver().dualResidual());
                }
            } catch (java.io.IOException e) {
                err.println("gridbazaar: cannot write a plot: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            }
            if (!quiet) {
                Summary.lines(market, result).forEach(out::println);
                out.println();
                if (stopCluster != null) {
                    stopCluster.report().forEach(out::println);
                }
                if (interrupts.stopped()) {
                    out.println(
                            "stopped on request after iteration "
                                    + progress.lastIteration()
                                    + "; the result is the last iterate");
                }
                out.println("result written to " + target);
                if (plot != null) {
                    out.println("feeder drawn to " + plot);
                }
                if (convergencePlot != null) {
                    out.println("convergence plotted to " + convergencePlot);
                }
            }
            out.flush();
            return GridBazaarCommand.OK;
        }
    }

    /**
     * Clears a market over time, writes its version-2 result (and CSV tables), prints its summary.
     */
    private int solveOverTime(
            MultiPeriodMarket market,
            int[] windowStep,
            MarketSolver solver,
            SolverOptions options,
            Path target,
            ConsoleProgress progress,
            AtomicBoolean stop,
            PrintWriter out,
            PrintWriter err) {
        try (StopOnInterrupt interrupts = StopOnInterrupt.install(stop, err)) {
            MultiPeriodResult result;
            MultiPeriodResult full = null;
            try {
                if (windowStep != null) {
                    result =
                            RollingHorizon.clear(
                                    market, windowStep[0], windowStep[1], solver, options);
                    full = MultiPeriodClearing.clear(market, solver, options);
                } else {
                    result = MultiPeriodClearing.clear(market, solver, options);
                }
            } catch (UnsupportedProblemException e) {
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INVALID_INPUT;
            }
            try {
                ResultWriter.write(result, target);
                if (csv != null) {
                    CsvExport.write(csv, result);
                }
            } catch (UncheckedIOException e) {
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            } catch (java.io.IOException e) {
                err.println("gridbazaar: cannot write the CSV tables: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            }
            if (plotHorizon != null) {
                try {
                    HorizonPlot.writeTraded(horizonPlot("traded"), market, result);
                    HorizonPlot.writeStorage(horizonPlot("storage"), market, result);
                } catch (java.io.IOException e) {
                    err.println("gridbazaar: cannot write a plot: " + e.getMessage());
                    return GridBazaarCommand.INTERNAL_ERROR;
                }
            }
            if (convergencePlot != null) {
                err.println(
                        "gridbazaar: --plot-convergence is not available for a market over time yet; nothing plotted");
            }
            if (!quiet) {
                HorizonSummary.lines(market, result).forEach(out::println);
                out.println();
                if (full != null) {
                    out.println(rollingLine(windowStep, result, full));
                }
                if (interrupts.stopped()) {
                    out.println(
                            "stopped on request after iteration "
                                    + progress.lastIteration()
                                    + "; the result is the last iterate");
                }
                out.println("result written to " + target);
                if (plotHorizon != null) {
                    out.println(
                            "plots written to "
                                    + horizonPlot("traded")
                                    + " and "
                                    + horizonPlot("storage"));
                }
                if (csv != null) {
                    out.println(
                            "tables written to "
                                    + csv.resolve("peers.csv")
                                    + ", trades.csv and storage.csv");
                }
            }
            out.flush();
            return GridBazaarCommand.OK;
        }
    }

    /**
     * The options given that the case's version cannot take: {@code --plot-horizon}, {@code --csv}
     * and {@code --rolling} need a market over time (version 2); {@code --plot} and {@code
     * --line-limits} are for single-period cases only, for now.
     */
    private List<String> versionProblems(boolean overTime) {
        java.util.Map<String, Boolean> singlePeriodOnly = new java.util.LinkedHashMap<>();
        singlePeriodOnly.put("--plot", plot != null);
        singlePeriodOnly.put("--line-limits", lineLimits);
        java.util.Map<String, Boolean> overTimeOnly = new java.util.LinkedHashMap<>();
        overTimeOnly.put("--plot-horizon", plotHorizon != null);
        overTimeOnly.put("--csv", csv != null);
        overTimeOnly.put("--rolling", rolling != null);
        List<String> problems = new java.util.ArrayList<>();
        (overTime ? singlePeriodOnly : overTimeOnly)
                .forEach(
                        (option, given) -> {
                            if (given) {
                                problems.add(
                                        overTime
                                                ? option
                                                        + " is not available for a market over time (a version-2 case) yet"
                                                : option
                                                        + " needs a market over time (a version-2 case); this is a single-period case"
                                                        + (option.equals("--plot-horizon")
                                                                ? ". Maybe use --plot for its feeder?"
                                                                : ""));
                            }
                        });
        return problems;
    }

    /** {@code WINDOW,STEP} as two ints, or {@code null} after printing why not. */
    private static int[] parseRolling(String text, PrintWriter err) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 2) {
                int window = Integer.parseInt(parts[0].trim()),
                        step = Integer.parseInt(parts[1].trim());
                if (step >= 1 && step <= window) {
                    return new int[] {window, step};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        err.println(
                "gridbazaar: --rolling must be WINDOW,STEP with integers 1 <= STEP <= WINDOW, got \""
                        + text
                        + "\"");
        return null;
    }

    /** The rolling run's cost against the full-horizon optimum. */
    private static String rollingLine(
            int[] windowStep, MultiPeriodResult rolled, MultiPeriodResult full) {
        String head =
                "rolling:   windows of " + windowStep[0] + " periods advancing by " + windowStep[1];
        if (!rolled.status().hasSolution() || !full.status().hasSolution()) {
            return head + "; full horizon " + full.status() + ", no gap to report";
        }
        double gap = rolled.objective() - full.objective();
        return head
                + String.format(
                        java.util.Locale.ROOT,
                        "; full-horizon optimum %,.2f $ (%s), gap %,.2f $ (%.3f%%)",
                        full.objective(),
                        full.status(),
                        gap,
                        100 * gap / Math.max(1e-9, Math.abs(full.objective())));
    }

    /** How messages name the result file chosen without {@code --output}. */
    private static final String DEFAULT_OUTPUT =
            "the default output (choose another with --output)";

    /** The files this run writes: the result at {@code result} (given or default) and the plots. */
    private OutputFiles outputs(Path result) {
        return new OutputFiles()
                .add(output != null ? "--output" : DEFAULT_OUTPUT, result)
                .add("--plot", plot)
                .add("--plot-convergence", convergencePlot)
                .add("--plot-horizon", horizonPlot("traded"))
                .add("--plot-horizon", horizonPlot("storage"));
    }

    /**
     * The file {@code PREFIX-kind.svg} of {@code --plot-horizon}, {@code null} without the option.
     */
    private Path horizonPlot(String kind) {
        return plotHorizon == null ? null : Path.of(plotHorizon + "-" + kind + ".svg");
    }

    /**
     * Longest name {@link #fileName} returns: with "-result.json" well within the 255 bytes file
     * systems allow.
     */
    static final int MAX_FILE_NAME = 100;

    /**
     * {@code name} made safe as a file name: anything but ASCII letters, digits, '.', '-', '_'
     * becomes '-', a name that would be hidden or empty gets the prefix "case", and a name longer
     * than {@value #MAX_FILE_NAME} characters keeps its start and ends with '-' and 8 hex digits of
     * the SHA-256 of the whole name, so that long names sharing a start still get different files.
     */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        safe = safe.isEmpty() || safe.startsWith(".") ? "case" + safe : safe;
        if (safe.length() <= MAX_FILE_NAME) {
            return safe;
        }
        String hash = java.util.HexFormat.of().formatHex(sha256(name)).substring(0, 8);
        return safe.substring(0, MAX_FILE_NAME - 9) + "-" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
