package org.gridbazaar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridbazaar.cli.internal.Summary;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Trading;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar validate CASE.json}: checks a case file without solving it. Prints
 * {@code valid: <name>, ...} and exits 0, or prints every problem on stderr and exits 2.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a case file without solving it; prints every problem found.")
public final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE.json", description = "The case file (p2p-market-case/1).")
    Path caseFile;

    @Override
    public Integer call() {
        Market market = Cases.load(caseFile, spec.commandLine().getErr());
        if (market == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        List<String> parts = new ArrayList<>();
        parts.add(Summary.describe(market));
        parts.add("trading: " + (market.trading() instanceof Trading.Pairs p ? p.pairs().size() + " pairs" : "opposite-roles"));
        parts.add(market.preferences().size() + (market.preferences().size() == 1 ? " preference" : " preferences"));
        List<String> penalties = new ArrayList<>();
        market.resistancePenalty().ifPresent(r -> penalties.add("resistance"));
        market.congestionPenalty().ifPresent(c -> penalties.add("congestion on " + (c.autoLines() ? "auto lines" : c.lines())));
        parts.add("penalties: " + (penalties.isEmpty() ? "none" : String.join(", ", penalties)));
        spec.commandLine().getOut().println("valid: " + market.name() + ", " + String.join("; ", parts));
        return GridBazaarCommand.OK;
    }
}
