package org.gridbazaar.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.Solvers;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gridbazaar solvers}: lists the solvers found on the class path, one name per line. */
@Command(
        name = "solvers",
        mixinStandardHelpOptions = true,
        description = "Lists the available solvers (names for --solver); the default is marked.")
public final class SolversCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<MarketSolver> solvers = Solvers.available();
        if (solvers.isEmpty()) {
            spec.commandLine().getErr().println("gridbazaar: no solvers found on the class path");
            return GridBazaarCommand.INTERNAL_ERROR;
        }
        String defaultName = Solvers.defaultSolver().name();
        PrintWriter out = spec.commandLine().getOut();
        for (MarketSolver s : solvers) {
            out.println(s.name() + (s.name().equals(defaultName) ? "  (default)" : ""));
        }
        return GridBazaarCommand.OK;
    }
}
