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
import org.gridbazaar.cli.plot.HorizonPlot;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
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
 * the seed's Table 12.2) and congestion before and after: the lines congested in the market without
 * a congestion penalty, the smallest {@code beta} that clears them, and the lines' shadow prices in
 * the exact line-limited market. Optionally draws the feeder before and after.
 *
 * <p>{@code gridbazaar study day [CASE]} is the {@link Day} study of a market over time: the day as
 * given against the same day without flexibility.
 */
@Command(
        name = "study",
        mixinStandardHelpOptions = true,
        subcommands = {
            StudyCommand.Day.class,
            CommunityRtStudyCommand.class,
            BonusStudyCommand.class
        },
        description =
                "Studies. Without a subcommand: the grid study of a market with a network, losses against the "
                        + "resistance penalty alpha (pool, basic P2P, P2P with alpha) and congestion management (smallest beta, "
                        + "line shadow prices). Subcommands: day (flexibility over a day), community-rt (communities' bid curves "
                        + "cleared with the load-serving entity in real time), bonus-imbalance (bonus signals against real-time "
                        + "imbalance).",
        footerHeading = "%nOutput files:%n",
        footer = {
            "With --plot, both drawings are checked before the study runs: their directory must exist and be "
                    + "writable (missing directories are not created) and neither may be the case file; otherwise nothing "
                    + "runs and the exit code is 2. Each file is replaced all at once (written beside it, then renamed)."
        })
public final class StudyCommand implements Callable<Integer> {

    /** The built-in case studied without a file. */
    static final String DEFAULT_STUDY = Cases.BUILTIN + "feeder-11bus";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CASE.json",
            description =
                    "A case with a network, or builtin:NAME (default: " + DEFAULT_STUDY + ").")
    Path caseFile;

    @Option(
            names = "--alpha",
            split = ",",
            paramLabel = "A",
            description =
                    "Resistance penalties alpha, $/(kW*ohm), comma-separated (default: 5,10,20,30,35).")
    List<Double> alphas = new ArrayList<>(List.of(5.0, 10.0, 20.0, 30.0, 35.0));

    @Option(
            names = "--solver",
            paramLabel = "NAME",
            description = "Solver (default: " + Solvers.DEFAULT + ").")
    String solverName;

    @Option(
            names = "--plot",
            paramLabel = "PREFIX",
            description =
                    "Draw the feeder as PREFIX-before.svg (without congestion penalty) and PREFIX-after.svg (at the smallest beta).")
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
        Path input =
                caseFile == null || caseFile.toString().startsWith(Cases.BUILTIN) ? null : caseFile;
        List<String> outputProblems =
                new OutputFiles().add("--plot", before).add("--plot", after).problems(input);
        if (!outputProblems.isEmpty()) {
            outputProblems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        Market market = Cases.load(caseFile != null ? caseFile : Path.of(DEFAULT_STUDY), err);
        if (market == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        if (market.network().isEmpty()) {
            err.println(
                    "gridbazaar: case "
                            + market.name()
                            + " has no network; a grid study needs one");
            return GridBazaarCommand.INVALID_INPUT;
        }
        MarketSolver solver = Cases.solver(solverName, err);
        if (solver == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        AtomicBoolean stop = new AtomicBoolean();
        ConsoleProgress progress = new ConsoleProgress(err, stop, false);
        SolverOptions options =
                SolverOptions.DEFAULTS
                        .withProgress(progress)
                        .withTolerance(solver.defaultTolerance());
        try (StopOnInterrupt interrupts = StopOnInterrupt.install(stop, err)) {
            List<LossStudy.Row> rows;
            CongestionStudy congestion;
            try {
                err.println(
                        "study "
                                + market.name()
                                + ": losses for "
                                + (alphas.size() + 2)
                                + " structures");
                rows = LossStudy.run(market, alphas, solver, options);
                err.println("study " + market.name() + ": congestion (bisection on beta)");
                congestion = CongestionStudy.run(market, solver, options, 1e-6);
            } catch (IllegalArgumentException e) { // includes UnsupportedProblemException
                err.println("gridbazaar: " + e.getMessage());
                return GridBazaarCommand.INVALID_INPUT;
            }
            print(out, market, rows, congestion);
            if (interrupts.stopped()) {
                out.println(
                        "stopped on request: the numbers above are from the last completed clearings");
            }
            if (plotPrefix != null) {
                try {
                    org.gridbazaar.cli.plot.FeederPlot.write(
                            before, market, congestion.withoutPenalty());
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

    private static void print(
            PrintWriter out, Market market, List<LossStudy.Row> rows, CongestionStudy c) {
        out.println("Grid study of " + market.name());
        out.println();
        out.println(
                "Losses (Table 12.2 of the seed): estimate sum r F^2/(1000 V^2) and AC power flow, kW");
        out.println(
                String.format(
                        Locale.ROOT,
                        "  %-18s %-10s %12s %12s %14s  %s",
                        "structure",
                        "status",
                        "estimate",
                        "AC",
                        "cost $",
                        "congested"));
        for (LossStudy.Row r : rows) {
            out.println(
                    String.format(
                            Locale.ROOT,
                            "  %-18s %-10s %12.2f %12.2f %14.2f  %s",
                            r.structure(),
                            r.status(),
                            r.lossEstimateKw(),
                            r.acLossesKw(),
                            r.objective(),
                            r.congestedLines().isEmpty()
                                    ? "-"
                                    : String.join(" ", r.congestedLines())));
        }
        out.println();
        out.println("Congestion management");
        if (c.congestedWithoutPenalty().isEmpty()) {
            out.println("  no line is over capacity without a congestion penalty");
        } else {
            out.println(
                    "  congested without penalty: "
                            + String.join(", ", c.congestedWithoutPenalty()));
            if (Double.isInfinite(c.smallestBeta())) {
                out.println(
                        String.format(
                                Locale.ROOT,
                                "  no beta up to %.0f $/kW clears them (congestion the penalty cannot move)",
                                CongestionStudy.MAX_BETA));
            } else {
                out.println(
                        String.format(
                                Locale.ROOT,
                                "  smallest beta clearing all congestion: %.6f $/kW per side (%.6f $/kW per trade across a penalized line)",
                                c.smallestBeta(),
                                c.penaltyPerTrade()));
            }
        }
        out.println(
                String.format(
                        Locale.ROOT,
                        "  %-6s %10s %12s %12s %12s %14s",
                        "line",
                        "capacity",
                        "flow before",
                        "flow after",
                        "flow limited",
                        "shadow $/kW"));
        Map<String, Double> shadow = c.shadowPrices();
        List<LineFlow> before =
                c.withoutPenalty().network().map(n -> n.lineFlows()).orElse(List.of());
        for (int l = 0; l < before.size(); l++) {
            LineFlow b = before.get(l);
            double cap = market.network().get().lines().get(l).capacityKw();
            double after = flowOf(c.penalized(), l), limited = flowOf(c.lineLimited(), l);
            out.println(
                    String.format(
                            Locale.ROOT,
                            "  %-6s %10.1f %12.1f %12.1f %12.1f %14.6f%s",
                            b.lineId(),
                            cap,
                            b.flowKw(),
                            after,
                            limited,
                            shadow.getOrDefault(b.lineId(), Double.NaN),
                            c.congestedWithoutPenalty().contains(b.lineId())
                                    ? "  congested before"
                                    : ""));
        }
        out.println(
                "  (shadow prices from the market with hard line limits: "
                        + c.lineLimited().status()
                        + ")");
        if (!c.lineChecks().isEmpty()) {
            out.println();
            out.println(
                    "Penalty vs shadow price, one congested line at a time (2 beta = |shadow price| when they agree)");
            out.println(
                    String.format(
                            Locale.ROOT,
                            "  %-6s %14s %14s %16s %12s",
                            "line",
                            "beta alone",
                            "2 beta",
                            "|shadow| alone",
                            "mismatch"));
            for (CongestionStudy.LineCheck k : c.lineChecks()) {
                out.println(
                        String.format(
                                Locale.ROOT,
                                "  %-6s %14.6f %14.6f %16.6f %12.2e",
                                k.lineId(),
                                k.betaAlone(),
                                2 * k.betaAlone(),
                                Math.abs(k.shadowAlone()),
                                k.mismatch()));
            }
        }
    }

    private static double flowOf(MarketResult r, int line) {
        return r.network().map(n -> n.lineFlows().get(line).flowKw()).orElse(Double.NaN);
    }

    /**
     * {@code gridbazaar study day [CASE]}: clears a market over time (default: the built-in
     * community day) twice, as given and without flexibility ({@link DayStudy#withoutFlexibility}),
     * and prints what flexibility is worth: total cost, grid import and its peak, network losses
     * and storage throughput, and the grid import of every period of both runs.
     */
    @Command(
            name = "day",
            mixinStandardHelpOptions = true,
            description =
                    "Study of a market over time (default: "
                            + Day.DEFAULT_DAY
                            + "): the day as given against the same day "
                            + "without flexibility (no batteries, electric vehicles charged uncontrolled, heat pumps spread evenly over "
                            + "their windows), cleared period by period.",
            footerHeading = "%nOutput files:%n",
            footer = {
                "With --plot, the four drawings are checked before the study runs, as for `study --plot`; otherwise "
                        + "nothing runs and the exit code is 2."
            })
    static final class Day implements Callable<Integer> {

        /** The built-in case studied without a file. */
        static final String DEFAULT_DAY = Cases.BUILTIN + "community-day";

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "CASE.json",
                description =
                        "A version-2 case (a market over time), or builtin:NAME (default: "
                                + DEFAULT_DAY
                                + ").")
        Path caseFile;

        @Option(
                names = "--solver",
                paramLabel = "NAME",
                description = "Solver (default: " + Solvers.DEFAULT + ").")
        String solverName;

        @Option(
                names = "--plot",
                paramLabel = "PREFIX",
                description =
                        "Draw both runs: PREFIX-flexible-traded.svg, PREFIX-flexible-storage.svg (the day as given), "
                                + "PREFIX-fixed-traded.svg and PREFIX-fixed-storage.svg (without flexibility).")
        Path plotPrefix;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Path> plots = new ArrayList<>();
            OutputFiles outputs = new OutputFiles();
            if (plotPrefix != null) {
                for (String run : List.of("flexible", "fixed")) {
                    for (String kind : List.of("traded", "storage")) {
                        Path p = Path.of(plotPrefix + "-" + run + "-" + kind + ".svg");
                        plots.add(p);
                        outputs.add("--plot", p);
                    }
                }
            }
            Path input =
                    caseFile == null || caseFile.toString().startsWith(Cases.BUILTIN)
                            ? null
                            : caseFile;
            List<String> outputProblems = outputs.problems(input);
            if (!outputProblems.isEmpty()) {
                outputProblems.forEach(p -> err.println("gridbazaar: " + p));
                return GridBazaarCommand.INVALID_INPUT;
            }
            MarketCase loaded =
                    Cases.loadCase(caseFile != null ? caseFile : Path.of(DEFAULT_DAY), err);
            if (loaded == null) {
                return GridBazaarCommand.INVALID_INPUT;
            }
            if (!(loaded instanceof MarketCase.MultiPeriod overTime)) {
                err.println(
                        "gridbazaar: study day needs a market over time (a p2p-market-case/2 file); "
                                + (caseFile == null ? DEFAULT_DAY : caseFile)
                                + " is a single-period case. Maybe use `gridbazaar study` for it?");
                return GridBazaarCommand.INVALID_INPUT;
            }
            MarketSolver solver = Cases.solver(solverName, err);
            if (solver == null) {
                return GridBazaarCommand.INVALID_INPUT;
            }
            AtomicBoolean stop = new AtomicBoolean();
            ConsoleProgress progress = new ConsoleProgress(err, stop, false);
            SolverOptions options =
                    SolverOptions.DEFAULTS
                            .withProgress(progress)
                            .withTolerance(solver.defaultTolerance());
            try (StopOnInterrupt interrupts = StopOnInterrupt.install(stop, err)) {
                DayStudy study;
                try {
                    err.println(
                            "study day "
                                    + overTime.market().name()
                                    + ": the day as given, then without flexibility");
                    study = DayStudy.run(overTime.market(), solver, options);
                } catch (IllegalArgumentException e) { // includes UnsupportedProblemException
                    err.println("gridbazaar: " + e.getMessage());
                    return GridBazaarCommand.INVALID_INPUT;
                }
                study.lines().forEach(out::println);
                if (interrupts.stopped()) {
                    out.println(
                            "stopped on request: the numbers above are from the last completed clearings");
                }
                if (plotPrefix != null) {
                    try {
                        HorizonPlot.writeTraded(
                                plots.get(0), study.flexible().market(), study.flexible().result());
                        HorizonPlot.writeStorage(
                                plots.get(1), study.flexible().market(), study.flexible().result());
                        HorizonPlot.writeTraded(
                                plots.get(2), study.fixed().market(), study.fixed().result());
                        HorizonPlot.writeStorage(
                                plots.get(3), study.fixed().market(), study.fixed().result());
                    } catch (java.io.IOException e) {
                        err.println("gridbazaar: cannot write the plots: " + e.getMessage());
                        return GridBazaarCommand.INTERNAL_ERROR;
                    }
                    out.println(
                            "plots written to "
                                    + String.join(
                                            ", ", plots.stream().map(Path::toString).toList()));
                }
                out.flush();
                return GridBazaarCommand.OK;
            }
        }
    }

    /**
     * The day study: a market over time cleared as given ("flexible") and without flexibility
     * ("fixed"), with the quantities that compare them. Immutable.
     *
     * <p>Without flexibility ({@link #withoutFlexibility}) means, for every peer:
     *
     * <ul>
     *   <li>a storage unit that never drives and is never unplugged (a battery) is removed; its
     *       peer keeps its device power (PV and load) with the period's bounds and cost;
     *   <li>a storage unit that drives ({@code usageKwh > 0}) or is unplugged ({@code chargeKw} 0)
     *       in some period (an electric vehicle) is removed and its charging becomes a fixed load
     *       ({@link #uncontrolledCharging}); the peer's device bounds are shifted down by it;
     *   <li>energy windows are removed and each window's energy is spread evenly over its periods
     *       as a fixed device power ({@link #evenPower});
     *   <li>ramp limits are removed (the periods are cleared one by one).
     * </ul>
     *
     * The result is a horizon without links, which {@link MultiPeriodClearing} clears period by
     * period: its objective is the sum of the periods' objectives times {@code dt}.
     */
    static final class DayStudy {

        /** Tolerance, kWh, when checking that uncontrolled charging meets a target. */
        static final double TARGET_TOLERANCE_KWH = 1e-6;

        /** One clearing and what the study reads from it. */
        record Run(
                String label,
                MultiPeriodMarket market,
                MultiPeriodResult result,
                Metrics metrics) {}

        /**
         * What the study compares, all over the whole horizon.
         *
         * @param totalCost the market's objective, $
         * @param gridImportKwh energy sold by the grid import peers, kWh ({@code sum dt * P_t})
         * @param peakImportKw the largest grid import of a period, kW
         * @param gridExportKwh energy bought by the grid export peers, kWh (positive)
         * @param lossesKwh network losses, kWh ({@code sum dt * lossesKw_t}, the estimate of the
         *     results)
         * @param storageThroughputKwh energy charged plus discharged by the storage units, kWh
         *     ({@code sum dt * (c_t + d_t)}); in a run without flexibility, the vehicles' fixed
         *     charging
         * @param congestedPeriods periods with at least one line over capacity in the result
         * @param penalizedPeriods periods with at least one line under the congestion penalty
         * @param importKw grid import per period, kW
         */
        record Metrics(
                double totalCost,
                double gridImportKwh,
                double peakImportKw,
                double gridExportKwh,
                double lossesKwh,
                double storageThroughputKwh,
                int congestedPeriods,
                int penalizedPeriods,
                double[] importKw) {}

        /** The day without flexibility, with the fixed loads chosen for it. */
        record Fixed(
                MultiPeriodMarket market,
                Map<String, double[]> vehicleChargeKw,
                Map<String, double[]> windowPowerKw) {}

        private final Run flexible;
        private final Run fixed;
        private final Fixed fixedDay;

        private DayStudy(Run flexible, Run fixed, Fixed fixedDay) {
            this.flexible = flexible;
            this.fixed = fixed;
            this.fixedDay = fixedDay;
        }

        /**
         * Clears {@code market} and its day without flexibility with {@code solver}.
         *
         * @throws IllegalArgumentException when the market has no grid import (no producer at the
         *     root bus), or when a vehicle cannot meet its targets charging uncontrolled, or a
         *     window's even power is outside the peer's bounds
         */
        static DayStudy run(MultiPeriodMarket market, MarketSolver solver, SolverOptions options) {
            if (gridImport(market).isEmpty()) {
                throw new IllegalArgumentException(
                        "case "
                                + market.name()
                                + " has no grid import: the study counts what the producers at the "
                                + "network's root bus sell. Maybe add a network and a producer at its root bus?");
            }
            Fixed f = withoutFlexibility(market);
            MultiPeriodResult a = MultiPeriodClearing.clear(market, solver, options);
            MultiPeriodResult b = MultiPeriodClearing.clear(f.market(), solver, options);
            double charged = 0;
            for (double[] c : f.vehicleChargeKw().values()) {
                for (double x : c) {
                    charged += x * market.hoursPerPeriod();
                }
            }
            return new DayStudy(
                    new Run("flexible", market, a, metrics(market, a, 0)),
                    new Run("fixed", f.market(), b, metrics(f.market(), b, charged)),
                    f);
        }

        Run flexible() {
            return flexible;
        }

        Run fixed() {
            return fixed;
        }

        Fixed fixedDay() {
            return fixedDay;
        }

        /** The producers at the network's root bus: the grid connection's import. */
        static List<PeerId> gridImport(MultiPeriodMarket market) {
            return rootPeers(market, org.gridbazaar.model.Role.PRODUCER);
        }

        /** The consumers at the network's root bus: the grid connection's export. */
        static List<PeerId> gridExport(MultiPeriodMarket market) {
            return rootPeers(market, org.gridbazaar.model.Role.CONSUMER);
        }

        private static List<PeerId> rootPeers(
                MultiPeriodMarket market, org.gridbazaar.model.Role role) {
            String root = market.period(0).network().map(n -> n.rootBus()).orElse(null);
            return market.peers().stream()
                    .filter(p -> p.role() == role && root != null && root.equals(p.bus()))
                    .map(Peer::id)
                    .toList();
        }

        /**
         * The study's quantities of {@code result}; {@code fixedThroughputKwh} is added to the
         * storage throughput.
         */
        static Metrics metrics(
                MultiPeriodMarket market, MultiPeriodResult result, double fixedThroughputKwh) {
            double dt = market.hoursPerPeriod();
            List<PeerId> imports = gridImport(market), exports = gridExport(market);
            double[] importKw = new double[result.periodCount()];
            double imported = 0,
                    peak = 0,
                    exported = 0,
                    losses = 0,
                    throughput = fixedThroughputKwh;
            int congested = 0, penalized = 0;
            for (int t = 0; t < result.periodCount(); t++) {
                MarketResult r = result.period(t);
                for (PeerId id : imports) {
                    importKw[t] += r.power(id.value());
                }
                for (PeerId id : exports) {
                    exported -= r.power(id.value()) * dt;
                }
                imported += importKw[t] * dt;
                peak = Math.max(peak, importKw[t]);
                losses += r.network().map(NetworkOutcome::lossesKw).orElse(0.0) * dt;
                congested +=
                        r.network().filter(n -> !n.congestedLines().isEmpty()).isPresent() ? 1 : 0;
                penalized +=
                        r.network().filter(n -> !n.penalizedLines().isEmpty()).isPresent() ? 1 : 0;
            }
            for (StorageOutcome s : result.storage()) {
                for (int t = 0; t < s.periods(); t++) {
                    throughput += (s.chargeKw(t) + s.dischargeKw(t)) * dt;
                }
            }
            return new Metrics(
                    result.objective(),
                    imported,
                    peak,
                    exported,
                    losses,
                    throughput,
                    congested,
                    penalized,
                    importKw);
        }

        /**
         * Whether {@code unit} is an electric vehicle: it drives or is unplugged in some period.
         */
        static boolean isVehicle(Storage unit, int periods) {
            for (int t = 0; t < periods; t++) {
                if (unit.usageKwh().at(t) > 0 || unit.chargeKw().at(t) == 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Uncontrolled charging of a vehicle, kW per period (grid side): from the first period it
         * is plugged in ({@code chargeKw_t > 0}), it charges at full charger power until its energy
         * reaches the next target (the first target in this or a later period); the period that
         * reaches it charges only what is missing; after its last target it does not charge. Energy
         * follows the storage equation of the case format (retention, efficiency, usage).
         *
         * @throws IllegalArgumentException naming the vehicle and period when a target or the least
         *     energy is not met
         */
        static double[] uncontrolledCharging(String id, Storage unit, int periods, double dt) {
            double[] c = new double[periods];
            double e = unit.initialKwh(), keep = unit.retention(dt), eta = unit.chargeEfficiency();
            for (int t = 0; t < periods; t++) {
                double before = keep * e - unit.usageKwh().at(t);
                double goal = nextTarget(unit, t);
                if (!Double.isNaN(goal) && unit.chargeKw().at(t) > 0 && before < goal) {
                    double room = Math.min(goal, unit.capacityKwh()) - before;
                    c[t] = Math.min(unit.chargeKw().at(t), room / (dt * eta));
                }
                e = before + dt * eta * c[t];
                for (StorageTarget target : unit.targets()) {
                    if (target.period() == t && e < target.minKwh() - TARGET_TOLERANCE_KWH) {
                        throw new IllegalArgumentException(
                                String.format(
                                        Locale.ROOT,
                                        "vehicle %s charged uncontrolled holds %.3f kWh at the end of "
                                                + "period %d, below its target %.3f kWh: the fixed day cannot be built. Maybe a larger charger or an earlier arrival?",
                                        id,
                                        e,
                                        t,
                                        target.minKwh()));
                    }
                }
                if (e < unit.minKwh() - TARGET_TOLERANCE_KWH) {
                    throw new IllegalArgumentException(
                            String.format(
                                    Locale.ROOT,
                                    "vehicle %s charged uncontrolled holds %.3f kWh at the end of "
                                            + "period %d, below its least energy %.3f kWh",
                                    id,
                                    e,
                                    t,
                                    unit.minKwh()));
                }
            }
            return c;
        }

        private static int nextTargetPeriod(Storage unit, int t) {
            int best = Integer.MAX_VALUE;
            for (StorageTarget target : unit.targets()) {
                if (target.period() >= t) {
                    best = Math.min(best, target.period());
                }
            }
            return best;
        }

        /** The energy of the first target in period {@code t} or later, NaN when there is none. */
        private static double nextTarget(Storage unit, int t) {
            int p = nextTargetPeriod(unit, t);
            for (StorageTarget target : unit.targets()) {
                if (target.period() == p) {
                    return target.minKwh();
                }
            }
            return Double.NaN;
        }

        /**
         * The fixed device power, kW per period, that spreads each of {@code windows} evenly over
         * its periods: a window asks for {@code minKwh} when it equals {@code maxKwh}, else the
         * middle of the two, or the one bound it has; overlapping windows add up; periods outside
         * every window are NaN (not fixed).
         */
        static double[] evenPower(List<EnergyWindow> windows, int periods, double dt) {
            double[] g = new double[periods];
            java.util.Arrays.fill(g, Double.NaN);
            for (EnergyWindow w : windows) {
                double kwh =
                        w.hasMin() && w.hasMax()
                                ? 0.5 * (w.minKwh() + w.maxKwh())
                                : w.hasMin() ? w.minKwh() : w.maxKwh();
                double kw = kwh / (dt * (w.to() - w.from() + 1));
                for (int t = w.from(); t <= w.to(); t++) {
                    g[t] = (Double.isNaN(g[t]) ? 0 : g[t]) + kw;
                }
            }
            return g;
        }

        /**
         * {@code market} without flexibility (see the class comment): no storage, ramps or energy
         * windows; vehicles' uncontrolled charging and the windows' even power as fixed loads.
         *
         * @throws IllegalArgumentException when a vehicle cannot meet its targets or an even window
         *     power is outside the peer's bounds in a period
         */
        static Fixed withoutFlexibility(MultiPeriodMarket market) {
            int periods = market.periodCount();
            double dt = market.hoursPerPeriod();
            Map<String, double[]> charging = new java.util.LinkedHashMap<>();
            for (Map.Entry<PeerId, Storage> e : market.storage().entrySet()) {
                if (isVehicle(e.getValue(), periods)) {
                    charging.put(
                            e.getKey().value(),
                            uncontrolledCharging(e.getKey().value(), e.getValue(), periods, dt));
                }
            }
            Map<String, double[]> windows = new java.util.LinkedHashMap<>();
            for (Map.Entry<PeerId, List<EnergyWindow>> e : market.energyWindows().entrySet()) {
                windows.put(e.getKey().value(), evenPower(e.getValue(), periods, dt));
            }
            List<String> problems = new ArrayList<>();
            List<Market> fixed = new ArrayList<>();
            for (int t = 0; t < periods; t++) {
                Market m = market.period(t);
                Market.Builder b = m.toBuilder();
                for (Peer p : m.peers()) {
                    String id = p.id().value();
                    Injection power = p.power();
                    double[] w = windows.get(id);
                    if (w != null && !Double.isNaN(w[t])) {
                        if (w[t] < power.min() - 1e-9 || w[t] > power.max() + 1e-9) {
                            problems.add(
                                    String.format(
                                            Locale.ROOT,
                                            "peer %s: its energy windows spread evenly ask %.3f kW in period %d, outside its "
                                                    + "bounds [%.3f, %.3f]",
                                            id,
                                            w[t],
                                            t,
                                            power.min(),
                                            power.max()));
                            continue;
                        }
                        power = Injection.of(w[t], w[t], power.cost());
                    }
                    double[] c = charging.get(id);
                    if (c != null) {
                        power = Injection.of(power.min() - c[t], power.max() - c[t], power.cost());
                    }
                    if (power != p.power()) {
                        b.replacePeer(
                                new Peer(
                                        p.id(), p.role(), p.bus(), power, p.heat(), p.chpRegion()));
                    }
                }
                fixed.add(problems.isEmpty() ? b.build() : m);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "the day without flexibility cannot be built:\n  "
                                + String.join("\n  ", problems));
            }
            MultiPeriodMarket day =
                    MultiPeriodMarket.builder(
                                    market.name() + " without flexibility", market.horizon())
                            .periods(fixed)
                            .build();
            return new Fixed(
                    day,
                    java.util.Collections.unmodifiableMap(charging),
                    java.util.Collections.unmodifiableMap(windows));
        }

        /** The study's printout: the comparison table and grid import per period. */
        List<String> lines() {
            List<String> out = new ArrayList<>();
            MultiPeriodMarket m = flexible.market();
            out.add(
                    "Day study of "
                            + m.name()
                            + " ("
                            + m.periodCount()
                            + " periods of "
                            + m.hoursPerPeriod()
                            + " h, "
                            + m.peers().size()
                            + " peers; grid import: "
                            + String.join(", ", gridImport(m).stream().map(PeerId::value).toList())
                            + ")");
            out.add("");
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-30s %14s %14s %12s",
                            "",
                            "flexible",
                            "fixed",
                            "change"));
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-30s %14s %14s",
                            "status",
                            flexible.result().status(),
                            fixed.result().status()));
            Metrics a = flexible.metrics(), b = fixed.metrics();
            row(out, "total cost $", a.totalCost(), b.totalCost());
            row(out, "grid import kWh", a.gridImportKwh(), b.gridImportKwh());
            row(out, "peak grid import kW", a.peakImportKw(), b.peakImportKw());
            row(out, "grid export kWh", a.gridExportKwh(), b.gridExportKwh());
            row(out, "network losses kWh", a.lossesKwh(), b.lossesKwh());
            row(out, "storage throughput kWh", a.storageThroughputKwh(), b.storageThroughputKwh());
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-30s %14d %14d",
                            "periods with a congested line",
                            a.congestedPeriods(),
                            b.congestedPeriods()));
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-30s %14d %14d",
                            "periods with a penalized line",
                            a.penalizedPeriods(),
                            b.penalizedPeriods()));
            out.add(
                    "  (fixed: no batteries, vehicles charged uncontrolled (their charging counted as throughput), heat pumps spread "
                            + "evenly; cleared period by period)");
            out.add("");
            out.add("Grid import per period, kW");
            out.add(String.format(Locale.ROOT, "  %6s %10s %10s", "period", "flexible", "fixed"));
            for (int t = 0; t < a.importKw().length; t++) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "  %6d %10.1f %10.1f",
                                t,
                                a.importKw()[t],
                                t < b.importKw().length ? b.importKw()[t] : Double.NaN));
            }
            return out;
        }

        private static void row(List<String> out, String what, double a, double b) {
            out.add(
                    String.format(
                            Locale.ROOT,
                            "  %-30s %14.2f %14.2f %12s",
                            what,
                            a,
                            b,
                            Math.abs(b) < 1e-9
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT, "%+.1f%%", 100 * (a - b) / Math.abs(b))));
        }
    }
}
