package org.gridbazaar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridbazaar.cli.internal.Summary;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.io.CaseFormatException;
import org.gridbazaar.io.CommunityCaseReader;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Trading;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar validate CASE.json}: checks a case file without solving it. Prints {@code
 * valid: <name>, ...} and exits 0, or prints every problem on stderr and exits 2.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Checks a case file without solving it; prints every problem found.")
public final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "CASE.json",
            description = "The case file (p2p-market-case/1 or /2).")
    Path caseFile;

    @Override
    public Integer call() {
        if (CommunitySolve.isCommunityCase(caseFile)) {
            return validateCommunityCase();
        }
        MarketCase loaded = Cases.loadCase(caseFile, spec.commandLine().getErr());
        if (loaded == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        List<String> parts = new ArrayList<>();
        Market market;
        if (loaded instanceof MarketCase.MultiPeriod mp) {
            MultiPeriodMarket m = mp.market();
            market = m.period(0);
            parts.add(m.periodCount() + " periods of " + m.hoursPerPeriod() + " h");
            parts.add(
                    m.storage().size()
                            + " storage units, "
                            + m.ramps().size()
                            + " ramp-limited peers, "
                            + m.energyWindows().values().stream().mapToInt(List::size).sum()
                            + " energy windows");
        } else {
            market = ((MarketCase.SinglePeriod) loaded).market();
        }
        parts.add(Summary.describe(market));
        parts.add(
                "trading: "
                        + (market.trading() instanceof Trading.Pairs p
                                ? p.pairs().size() + " pairs"
                                : "opposite-roles"));
        parts.add(
                market.preferences().size()
                        + (market.preferences().size() == 1 ? " preference" : " preferences"));
        List<String> penalties = new ArrayList<>();
        market.resistancePenalty().ifPresent(r -> penalties.add("resistance"));
        market.congestionPenalty()
                .ifPresent(
                        c ->
                                penalties.add(
                                        "congestion on "
                                                + (c.autoLines() ? "auto lines" : c.lines())));
        parts.add("penalties: " + (penalties.isEmpty() ? "none" : String.join(", ", penalties)));
        spec.commandLine()
                .getOut()
                .println("valid: " + market.name() + ", " + String.join("; ", parts));
        return GridBazaarCommand.OK;
    }

    /**
     * A case with the community extension: the market and its communities and grid connection, read
     * as {@code solve} reads them.
     */
    private int validateCommunityCase() {
        String source = caseFile.toString();
        CommunityMarket population;
        try {
            population =
                    CommunityCaseReader.read(
                            CommunitySolve.text(caseFile),
                            source.startsWith(Cases.BUILTIN)
                                    ? "built-in " + source.substring(Cases.BUILTIN.length())
                                    : source);
        } catch (CaseFormatException e) {
            spec.commandLine().getErr().println("gridbazaar: invalid case " + e.sourceName() + ":");
            e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        List<String> parts = new ArrayList<>();
        if (population.isOverTime()) {
            parts.add(
                    population.periodCount() + " periods of " + population.hoursPerPeriod() + " h");
        }
        parts.add(Summary.describe(population.period(0)));
        parts.add(
                population.communities().size()
                        + (population.communities().size() == 1 ? " community" : " communities")
                        + ": "
                        + String.join(
                                ", ",
                                population.communities().stream()
                                        .map(c -> c.id() + " (" + c.members().size() + " members)")
                                        .toList()));
        spec.commandLine()
                .getOut()
                .println("valid: " + population.name() + ", " + String.join("; ", parts));
        return GridBazaarCommand.OK;
    }
}
