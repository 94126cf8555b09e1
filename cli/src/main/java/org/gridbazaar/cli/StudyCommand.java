package org.gridbazaar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridbazaar.cli.internal.ConsoleProgress;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.cli.internal.StopOnInterrupt;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.study.CongestionStudy;
import org.gridbazaar.study.LossStudy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar study [CASE]}: the seed's grid study on a market with a network (default: the
 * built-in 11-bus feeder). Prints the loss table (pool, basic P2P, one row per {@code alpha}, like
 * the seed's Table 12.2) and congestion before and after: the lines congested in the market
 * without a congestion penalty, the smallest {@code beta} that clears them, and the lines' shadow
 * prices in the exact line-limited market. Optionally draws the feeder before and after.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Grid study of a market with a network: losses against the resistance penalty alpha "
                + "(pool, basic P2P, P2P with alpha) and congestion management (smallest beta, line shadow prices).",
        footerHeading = "%nOutput files:%n",
        footer = {"With --plot, both drawings are checked before the study runs: their directory must exist and be "
                + "writable (missing directories are not created) and neither may be the case file; otherwise nothing "
                + "runs and the exit code is 2. Each file is replaced all at once (written beside it, then renamed)."})
public final class StudyCommand implements Callable<Integer> {

    /** The built-in case studied without a file. */
    static final String DEFAULT_STUDY = Cases.BUILTIN + "feeder-11bus";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CASE.json",
            description = "A case with a network, or builtin:NAME (default: " + DEFAULT_STUDY + ").")
    Path caseFile;

    @Option(names = "--alpha", split = ",", paramLabel = "A",
            description = "Resistance penalties alpha, $/(kW*ohm), comma-separated (default: 5,10,20,30,35).")
    List<Double> alphas = new ArrayList<>(List.of(5.0, 10.0, 20.0, 30.0, 35.0));

    @Option(names = "--solver", paramLabel = "NAME", description = "Solver (default: " + Solvers.DEFAULT + ").")
    String solverName;

    @Option(names = "--plot", paramLabel = "PREFIX",
            description = "Draw the feeder as PREFIX-before.svg (without congestion penalty) and PREFIX-after.svg (at the smallest beta).")
    Path plotPrefix;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (double a : alphas) {
            if (!(a >= 0) || Double.isInfinite(a)) {
                err.println("gridbazaar: --alpha values must be finite and >= 0, got " + a);
                return GridBazaarCommand.INVALID_INPUT;
            }
        }
        Path before = plotPrefix == null ? null : Path.of(plotPrefix + "-before.svg");
        Path after = plotPrefix == null ? null : Path.of(plotPrefix + "-after.svg");
        Path input = caseFile == null || caseFile.toString().startsWith(Cases.BUILTIN) ? null : caseFile;
        List<String> outputProblems = new OutputFiles().add("--plot", before).add("--plot", after).problems(input);
        if (!outputProblems.isEmpty()) {
            outputProblems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        Market market = Cases.load(caseFile != null ? caseFile : Path.of(DEFAULT_STUDY), err);
        if (market == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        if (market.network().isEmpty()) {
            err.println("gridbazaar: case " + market.name() + " has no network; a grid study needs one");
            return GridBazaarCommand.INVALID_INPUT;
        }
        MarketSolver solver = solverName == null ? Solvers.defaultSolver() : Solvers.byName(solverName).orElse(null);
        if (solver == null) {
            err.println("gridbazaar: unknown solver \"" + solverName + "\"; available: "
                    + String.join(", ", Solvers.available().stream().map(MarketSolver::name).toList()));
            return GridBazaarCommand.INVALID_INPUT;
        }
        AtomicBoolean stop = new AtomicBoolean();
        ConsoleProgress progress = new ConsoleProgress(err, stop, false);
        SolverOptions options = SolverOptions.DEFAULTS.withProgress(progress).withTolerance(solver.defaultTolerance());
        try (StopOnInterrupt interrupts = StopOnInterrupt.install(stop, err)) {
            List<LossStudy.Row> rows;
            CongestionStudy congestion;
            try {
                err.println("study " + market.name() + ": losses for " + (alphas.size() + 2) + " structures");
                rows = LossStudy.run(market, alphas, solver, options);
                err.println("study " + market.name() + ": congestion (bisection on beta)");
                congestion = CongestionStudy.run(market, solver, options, 1e-6);
            } catch (IllegalArgumentException e) { // includes UnsupportedProblemException
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INVALID_INPUT;
            }
            print(out, market, rows, congestion);
            if (interrupts.stopped()) {
                out.println("stopped on request: the numbers above are from the last completed clearings");
            }
            if (plotPrefix != null) {
                try {
                    org.gridbazaar.cli.plot.FeederPlot.write(before, market, congestion.withoutPenalty());
                    org.gridbazaar.cli.plot.FeederPlot.write(after, market, congestion.penalized());
                } catch (java.io.IOException e) {
                    err.println("gridbazaar: cannot write the plot: " + e.getMessage());
                    return GridBazaarCommand.INTERNAL_ERROR;
                }
                out.println("feeder drawn to " + before + " and " + after);
            }
            out.flush();
            return GridBazaarCommand.OK;
        }
    }

    private static void print(PrintWriter out, Market market, List<LossStudy.Row> rows, CongestionStudy c) {
        out.println("Grid study of " + market.name());
        out.println();
        out.println("Losses (Table 12.2 of the seed): estimate sum r F^2/(1000 V^2) and AC power flow, kW");
        out.println(String.format(Locale.ROOT, "  %-18s %-10s %12s %12s %14s  %s", "structure", "status", "estimate", "AC", "cost $", "congested"));
        for (LossStudy.Row r : rows) {
            out.println(String.format(Locale.ROOT, "  %-18s %-10s %12.2f %12.2f %14.2f  %s", r.structure(), r.status(),
                    r.lossEstimateKw(), r.acLossesKw(), r.objective(),
                    r.congestedLines().isEmpty() ? "-" : String.join(" ", r.congestedLines())));
        }
        out.println();
        out.println("Congestion management");
        if (c.congestedWithoutPenalty().isEmpty()) {
            out.println("  no line is over capacity without a congestion penalty");
        } else {
            out.println("  congested without penalty: " + String.join(", ", c.congestedWithoutPenalty()));
            if (Double.isInfinite(c.smallestBeta())) {
                out.println(String.format(Locale.ROOT, "  no beta up to %.0f $/kW clears them (congestion the penalty cannot move)", CongestionStudy.MAX_BETA));
            } else {
                out.println(String.format(Locale.ROOT, "  smallest beta clearing all congestion: %.6f $/kW per side (%.6f $/kW per trade across a penalized line)",
                        c.smallestBeta(), c.penaltyPerTrade()));
            }
        }
        out.println(String.format(Locale.ROOT, "  %-6s %10s %12s %12s %12s %14s", "line", "capacity", "flow before", "flow after", "flow limited", "shadow $/kW"));
        Map<String, Double> shadow = c.shadowPrices();
        List<LineFlow> before = c.withoutPenalty().network().map(n -> n.lineFlows()).orElse(List.of());
        for (int l = 0; l < before.size(); l++) {
            LineFlow b = before.get(l);
            double cap = market.network().get().lines().get(l).capacityKw();
            double after = flowOf(c.penalized(), l), limited = flowOf(c.lineLimited(), l);
            out.println(String.format(Locale.ROOT, "  %-6s %10.1f %12.1f %12.1f %12.1f %14.6f%s", b.lineId(), cap, b.flowKw(), after, limited,
                    shadow.getOrDefault(b.lineId(), Double.NaN), c.congestedWithoutPenalty().contains(b.lineId()) ? "  congested before" : ""));
        }
        out.println("  (shadow prices from the market with hard line limits: " + c.lineLimited().status() + ")");
        if (!c.lineChecks().isEmpty()) {
            out.println();
            out.println("Penalty vs shadow price, one congested line at a time (2 beta = |shadow price| when they agree)");
            out.println(String.format(Locale.ROOT, "  %-6s %14s %14s %16s %12s", "line", "beta alone", "2 beta", "|shadow| alone", "mismatch"));
            for (CongestionStudy.LineCheck k : c.lineChecks()) {
                out.println(String.format(Locale.ROOT, "  %-6s %14.6f %14.6f %16.6f %12.2e", k.lineId(), k.betaAlone(), 2 * k.betaAlone(),
                        Math.abs(k.shadowAlone()), k.mismatch()));
            }
        }
    }

    private static double flowOf(MarketResult r, int line) {
        return r.network().map(n -> n.lineFlows().get(line).flowKw()).orElse(Double.NaN);
    }
}
