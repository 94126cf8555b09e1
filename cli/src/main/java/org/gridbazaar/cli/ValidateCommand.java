package org.gridbazaar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.io.MarketCase;
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

    @Parameters(index = "0", paramLabel = "CASE.json", description = "The case file (p2p-market-case/1 or /2).")
    Path caseFile;

    @Override
    public Integer call() {
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
            parts.add(m.storage().size() + " storage units, " + m.ramps().size() + " ramp-limited peers, "
                    + m.energyWindows().values().stream().mapToInt(List::size).sum() + " energy windows");
        } else {
            market = ((MarketCase.SinglePeriod) loaded).market();
        }
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
