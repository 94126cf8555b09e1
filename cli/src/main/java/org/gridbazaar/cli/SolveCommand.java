package org.gridbazaar.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridbazaar.cli.internal.ConsoleProgress;
import org.gridbazaar.cli.internal.StopOnInterrupt;
import org.gridbazaar.cli.internal.Summary;
import org.gridbazaar.io.ResultWriter;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.cli.plot.ConvergencePlot;
import org.gridbazaar.cli.plot.FeederPlot;
import org.gridbazaar.formulation.Formulation;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
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
 * Ctrl-C asks the solver to stop and the partial result is still written. Exit codes: see
 * {@link GridBazaarCommand}.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Clears a market and writes its result file (p2p-market-result/1).")
public final class SolveCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CASE.json",
            description = "The case file (p2p-market-case/1), or builtin:feeder-11bus / builtin:chp-study; without it, a built-in demo market.")
    Path caseFile;

    @Option(names = {"-o", "--output"}, paramLabel = "RESULT.json",
            description = "Where to write the result (default: <case name>-result.json in the current directory).")
    Path output;

    @Option(names = "--solver", paramLabel = "NAME", description = "Solver to use (see `gridbazaar solvers`; default: "
            + Solvers.DEFAULT + " when available).")
    String solverName;

    @Option(names = "--tolerance", paramLabel = "T", description = "Relative optimality tolerance, in (0, 1) (default: the solver's own, "
            + SolverOptions.DEFAULT_TOLERANCE + " for the centralized solvers, 1e-6 for admm and consensus).")
    Double tolerance;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Iteration limit, >= 1 (default: "
            + SolverOptions.DEFAULT_MAX_ITERATIONS + ").")
    Integer maxIterations;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--line-limits", description = "Enforce every line capacity as a hard constraint (the exact "
            + "network-constrained market); results then carry each line's shadow price.")
    boolean lineLimits;

    @Option(names = "--plot", paramLabel = "FEEDER.svg", description = "Draw the feeder with the result's flows "
            + "(the case needs a network).")
    Path plot;

    @Option(names = "--plot-convergence", paramLabel = "RESIDUALS.svg", description = "Plot the solver's residuals "
            + "against iterations (log scale).")
    Path convergencePlot;

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
        if (output != null && Files.isDirectory(output)) {
            optionProblems.add("--output " + output + " is a directory; give a file name");
        } else if (output != null && output.toAbsolutePath().getParent() != null && !Files.isDirectory(output.toAbsolutePath().getParent())) {
            optionProblems.add("--output " + output + ": directory " + output.toAbsolutePath().getParent() + " does not exist");
        }
        if (!optionProblems.isEmpty()) {
            optionProblems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }

        Market market = Cases.load(caseFile, err);
        if (market == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        if ((plot != null || lineLimits) && market.network().isEmpty()) {
            err.println("gridbazaar: " + (plot != null ? "--plot" : "--line-limits") + " needs a case with a network; "
                    + market.name() + " has none");
            return GridBazaarCommand.INVALID_INPUT;
        }
        MarketSolver solver;
        if (solverName != null) {
            Optional<MarketSolver> found = Solvers.byName(solverName);
            if (found.isEmpty()) {
                List<String> names = Solvers.available().stream().map(MarketSolver::name).toList();
                err.println("gridbazaar: unknown solver \"" + solverName + "\"; available: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)));
                return GridBazaarCommand.INVALID_INPUT;
            }
            solver = found.get();
        } else if (Solvers.available().isEmpty()) {
            err.println("gridbazaar: no solver available: add a solver module (gridbazaar-solver-structured) to the class path");
            return GridBazaarCommand.INTERNAL_ERROR;
        } else {
            solver = Solvers.defaultSolver();
        }
        Path target = output != null ? output : Path.of(fileName(market.name()) + "-result.json");

        AtomicBoolean stop = new AtomicBoolean();
        ConsoleProgress progress = new ConsoleProgress(err, stop, quiet);
        SolverOptions options = SolverOptions.DEFAULTS.withProgress(progress);
        options = options.withTolerance(tolerance != null ? tolerance : solver.defaultTolerance());
        if (maxIterations != null) {
            options = options.withMaxIterations(maxIterations);
        }
        try (StopOnInterrupt interrupts = StopOnInterrupt.install(stop, err)) {
            MarketResult result;
            List<ProblemSolution.IterationRecord> history;
            try {
                Formulation formulation = lineLimits ? P2PFormulation.withLineLimits() : new P2PFormulation();
                MarketClearing.Clearing clearing = MarketClearing.run(market, formulation, solver, options);
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
                    // solvers scale the relative tolerance by the data, so no single line would be honest
                    ConvergencePlot.write(convergencePlot, history, market.name() + " - " + solver.name(), Double.NaN);
                }
            } catch (java.io.IOException e) {
                err.println("gridbazaar: cannot write a plot: " + e.getMessage());
                return GridBazaarCommand.INTERNAL_ERROR;
            }
            if (!quiet) {
                Summary.lines(market, result).forEach(out::println);
                out.println();
                if (interrupts.stopped()) {
                    out.println("stopped on request after iteration " + progress.lastIteration() + "; the result is the last iterate");
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

    /** {@code name} made safe as a file name: anything but letters, digits, '.', '-', '_' becomes '-'. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.isEmpty() || safe.startsWith(".") ? "case" + safe : safe;
    }
}
