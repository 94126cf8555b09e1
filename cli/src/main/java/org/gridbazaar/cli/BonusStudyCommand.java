package org.gridbazaar.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.cli.internal.TextTable;
import org.gridbazaar.cli.plot.BonusPlot;
import org.gridbazaar.mechanism.bonus.AgentPeriod;
import org.gridbazaar.mechanism.bonus.BonusCases;
import org.gridbazaar.mechanism.bonus.BonusMechanism;
import org.gridbazaar.mechanism.bonus.BonusOptions;
import org.gridbazaar.mechanism.bonus.BonusOutcome;
import org.gridbazaar.mechanism.bonus.DayAheadSchedule;
import org.gridbazaar.mechanism.bonus.Microgrid;
import org.gridbazaar.mechanism.bonus.PeriodOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar study bonus-imbalance}: the bonus mechanism of Fattaheian-Dehkordi et al.
 * (CIRED 2020) on a built-in microgrid in the shape of the paper's study: the day-ahead schedule
 * from the multi-period market, then the control unit's bonus loop period by period. Prints the
 * imbalance before and after and the bonus per period, the centralized re-dispatch's multiplier
 * next to it, each agent's re-scheduling and bonuses, and the renewable agent's cost with and
 * without coordination.
 */
@Command(
        name = "bonus-imbalance",
        mixinStandardHelpOptions = true,
        description =
                "Bonus signals against real-time imbalance in a microgrid (Fattaheian-Dehkordi et al., CIRED 2020): "
                        + "imbalance before and after per period, bonuses per agent, the renewable agent's cost with and without coordination.",
        footerHeading = "%nOutput files:%n",
        footer = {
            "--csv DIR writes imbalance.csv (period,imbalanceBeforeKw,imbalanceAfterKw,bonus) and agents.csv "
                    + "(agent,period,changeKw,bonusPaid) into DIR, which must exist; --plot PREFIX writes PREFIX-imbalance.svg, "
                    + "PREFIX-bonuses.svg and PREFIX-schedules.svg. Each file is replaced all at once."
        })
public final class BonusStudyCommand implements Callable<Integer> {

    /** The built-in microgrid, the only case this study takes. */
    static final String DEFAULT_CASE = Cases.BUILTIN + "bonus-microgrid";

    private static final CsvMapper CSV = new CsvMapper();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CASE",
            description = "The microgrid (default and only: " + DEFAULT_CASE + ").")
    String caseName;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description = "Write imbalance.csv and agents.csv into DIR.")
    Path csvDir;

    @Option(
            names = "--plot",
            paramLabel = "PREFIX",
            description = "Draw PREFIX-imbalance.svg, PREFIX-bonuses.svg, PREFIX-schedules.svg.")
    String plotPrefix;

    @Option(
            names = "--look-ahead",
            paramLabel = "T",
            description = "Periods each agent looks ahead (default: ${DEFAULT-VALUE}).")
    int lookAhead = BonusOptions.DEFAULTS.lookAheadPeriods();

    @Option(
            names = "--step",
            paramLabel = "FRACTION",
            description = "Bonus step as a fraction of the ceiling (default: ${DEFAULT-VALUE}).")
    double step = BonusOptions.DEFAULTS.stepFraction();

    @Option(
            names = "--ceiling",
            paramLabel = "RULE",
            description = "SPREAD (the paper's) or AVOIDED_COST (default: ${DEFAULT-VALUE}).")
    BonusOptions.Ceiling ceiling = BonusOptions.DEFAULTS.ceiling();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (caseName != null && !caseName.equals(DEFAULT_CASE)) {
            err.println(
                    "gridbazaar: study bonus-imbalance takes only "
                            + DEFAULT_CASE
                            + " (a microgrid of agents has no case file format yet), got "
                            + caseName
                            + "; Maybe leave CASE out");
            return GridBazaarCommand.INVALID_INPUT;
        }
        OutputFiles outputs = new OutputFiles();
        if (csvDir != null) {
            if (!Files.isDirectory(csvDir)) {
                err.println(
                        "gridbazaar: --csv "
                                + csvDir
                                + " is not a directory; Maybe create it first");
                return GridBazaarCommand.INVALID_INPUT;
            }
            outputs.add("--csv", csvDir.resolve("imbalance.csv"))
                    .add("--csv", csvDir.resolve("agents.csv"));
        }
        if (plotPrefix != null) {
            BonusPlot.files(plotPrefix).forEach(p -> outputs.add("--plot", p));
        }
        List<String> problems = outputs.problems(null);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        BonusOptions options;
        try {
            options =
                    BonusOptions.DEFAULTS
                            .withLookAhead(lookAhead)
                            .withStepFraction(step)
                            .withCeiling(ceiling);
        } catch (IllegalArgumentException e) {
            err.println("gridbazaar: " + e.getMessage());
            return GridBazaarCommand.INVALID_INPUT;
        }
        Microgrid mg = BonusCases.paperShaped();
        err.println(
                "study bonus-imbalance "
                        + mg.name()
                        + ": day-ahead market, then the bonus loop period by period");
        DayAheadSchedule da = DayAheadSchedule.clear(mg);
        BonusOutcome o = BonusMechanism.run(mg, da, options);
        lines(mg, da, options, o).forEach(out::println);
        try {
            if (csvDir != null) {
                writeCsv(csvDir, o);
            }
            if (plotPrefix != null) {
                BonusPlot.write(plotPrefix, o);
            }
        } catch (IOException e) {
            err.println("gridbazaar: cannot write the output files: " + e.getMessage());
            return GridBazaarCommand.INTERNAL_ERROR;
        }
        out.flush();
        return GridBazaarCommand.OK;
    }

    /** The study's printed report. */
    static List<String> lines(
            Microgrid mg, DayAheadSchedule da, BonusOptions options, BonusOutcome o) {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "microgrid %s: %d agents, %d periods of %.2f h; look-ahead %d periods, bonus steps of %.0f%% of the %s ceiling",
                        mg.name(),
                        mg.agents().size(),
                        mg.periods(),
                        mg.horizon().hoursPerPeriod(),
                        options.lookAheadPeriods(),
                        100 * options.stepFraction(),
                        options.ceiling().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        TextTable periods =
                new TextTable(
                        List.of(
                                "period",
                                "price $/kWh",
                                "before kW",
                                "after kW",
                                "bonus $/kWh",
                                "ceiling",
                                "steps",
                                "multiplier $/kWh"));
        for (PeriodOutcome p : o.periods()) {
            String mu =
                    Double.isNaN(p.multiplierLow())
                            ? "-"
                            : Math.abs(p.multiplierHigh() - p.multiplierLow()) < 1e-6
                                    ? fmt("%.4f", p.multiplierLow())
                                    : fmt("%.4f..%.4f", p.multiplierLow(), p.multiplierHigh());
            periods.row(
                    List.of(
                            Integer.toString(p.period()),
                            fmt("%.4f", da.price(p.period())),
                            fmt("%.1f", p.imbalanceBeforeKw()),
                            fmt("%.1f", p.imbalanceAfterKw()),
                            fmt("%.4f", p.bonus()),
                            fmt("%.4f", p.ceiling()),
                            Integer.toString(p.steps()),
                            mu));
        }
        lines.addAll(periods.lines("  "));
        double dt = mg.horizon().hoursPerPeriod();
        TextTable agents =
                new TextTable(
                        List.of(
                                "agent",
                                "kind",
                                "moved up kWh",
                                "moved down kWh",
                                "contributed kWh",
                                "bonuses $"),
                        2);
        for (String id : o.agents()) {
            double up = 0, down = 0, contributed = 0;
            String kind = "";
            for (AgentPeriod r : o.agentPeriods()) {
                if (r.agent().equals(id)) {
                    up += dt * Math.max(0, r.changeKw());
                    down += dt * Math.max(0, -r.changeKw());
                    contributed += dt * r.contributionKw();
                    kind = r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                }
            }
            agents.row(
                    List.of(
                            id,
                            kind,
                            fmt("%.1f", up),
                            fmt("%.1f", down),
                            fmt("%.1f", contributed),
                            fmt("%.2f", o.bonusesReceived(id))));
        }
        lines.add(
                "agents (net injection against the day-ahead schedule: up is more supply or less consumption):");
        lines.addAll(agents.lines("  "));
        double before =
                o.periods().stream().mapToDouble(p -> dt * Math.abs(p.imbalanceBeforeKw())).sum();
        double after =
                o.periods().stream().mapToDouble(p -> dt * Math.abs(p.imbalanceAfterKw())).sum();
        lines.add(
                fmt(
                        "imbalance: %.1f kWh before the loop, %.1f kWh settled with the grid (%.0f%% absorbed)",
                        before, after, before > 0 ? 100 * (before - after) / before : 0));
        lines.add(
                fmt(
                        "renewable agent's real-time cost: %.2f $ without coordination, %.2f $ with the bonus mechanism (bonuses %.2f $)",
                        o.renewableCostWithout(), o.renewableCostWith(), o.bonusesPaid()));
        return lines;
    }

    /** Writes {@code imbalance.csv} and {@code agents.csv} into {@code dir}. */
    static void writeCsv(Path dir, BonusOutcome o) throws IOException {
        List<List<Object>> imbalance = new ArrayList<>(), agents = new ArrayList<>();
        for (PeriodOutcome p : o.periods()) {
            imbalance.add(
                    List.of(p.period(), p.imbalanceBeforeKw(), p.imbalanceAfterKw(), p.bonus()));
        }
        for (AgentPeriod r : o.agentPeriods()) {
            agents.add(List.of(r.agent(), r.period(), r.changeKw(), r.bonusPaid()));
        }
        write(
                dir.resolve("imbalance.csv"),
                List.of("period", "imbalanceBeforeKw", "imbalanceAfterKw", "bonus"),
                imbalance);
        write(
                dir.resolve("agents.csv"),
                List.of("agent", "period", "changeKw", "bonusPaid"),
                agents);
    }

    private static void write(Path file, List<String> header, List<List<Object>> rows)
            throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (SequenceWriter w =
                CSV.writerFor(List.class)
                        .with(schema.build().withHeader())
                        .writeValues(tmp.toFile())) {
            for (List<Object> row : rows) {
                w.write(row);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
