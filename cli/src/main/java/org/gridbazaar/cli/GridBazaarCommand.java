package org.gridbazaar.cli;

import java.io.PrintWriter;
import org.gridbazaar.io.CaseFormatException;
import org.gridbazaar.solver.UnsupportedProblemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gridbazaar} command: clears peer-to-peer electricity markets from case files. See the
 * package documentation for exit codes.
 */
@Command(
        name = "gridbazaar",
        mixinStandardHelpOptions = true,
        versionProvider = GridBazaarCommand.Version.class,
        description =
                "Clears peer-to-peer electricity markets described by case files (p2p-market-case/1, or /2 for a "
                        + "market over time), studies them and compares market designs.",
        subcommands = {
            SolveCommand.class,
            StudyCommand.class,
            ArchitecturesCommand.class,
            ValidateCommand.class,
            SolversCommand.class,
            NodeCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:a result was written (any status) / success",
            "1:internal error or no solver available",
            "2:invalid input: case, options or solver name; nothing written"
        })
public final class GridBazaarCommand implements Runnable {

    /** Exit code: a result was written, or the command succeeded. */
    public static final int OK = 0;

    /** Exit code: internal error, or no solver available. */
    public static final int INTERNAL_ERROR = 1;

    /** Exit code: invalid input; problems on stderr, nothing written. */
    public static final int INVALID_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // every subcommand, from the command's own list, so a new one cannot be left out
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The configured command line, for {@code main} and for running in-process (tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GridBazaarCommand());
        cl.setExecutionExceptionHandler(
                (ex, cmd, parseResult) -> {
                    PrintWriter err = cmd.getErr();
                    if (ex instanceof CaseFormatException e) {
                        err.println("gridbazaar: invalid case " + e.sourceName() + ":");
                        e.problems().forEach(p -> err.println("  " + p));
                        return INVALID_INPUT;
                    }
                    if (ex instanceof UnsupportedProblemException) {
                        err.println("gridbazaar: " + ex.getMessage());
                        return INVALID_INPUT;
                    }
                    err.println("gridbazaar: internal error: " + ex);
                    ex.printStackTrace(err);
                    err.flush();
                    return INTERNAL_ERROR;
                });
        return cl;
    }

    /**
     * Runs the command line and exits with its exit code. Standard output is the command's:
     * ojAlgo's start-up banner (printed there when it does not recognise the machine) is silenced
     * through its own switch, the system property {@value #OJALGO_QUIET}, unless the user set that
     * property.
     */
    public static void main(String[] args) {
        if (System.getProperty(OJALGO_QUIET) == null) {
            System.setProperty(OJALGO_QUIET, "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The system property that keeps ojAlgo from printing its hardware-profile banner. */
    static final String OJALGO_QUIET = "shut.up.ojAlgo";

    /**
     * The version of the build this command comes from (the project version, filtered into a
     * resource).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in =
                    GridBazaarCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"gridbazaar " + p.getProperty("version", "(version unknown)")};
        }
    }
}
