package org.gridbazaar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridbazaar.io.CaseFormatException;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.model.Market;

/** Loads the case of a command: a file, or the built-in default case. Package-private helper. */
final class Cases {

    /** The built-in case used by {@code solve} without a file. */
    static final String DEFAULT_CASE = "default-case.json";

    /** Prefix of a built-in case name given instead of a file: {@code builtin:feeder-11bus}. */
    static final String BUILTIN = "builtin:";

    /** The built-in cases, under {@code cases/} beside this class. */
    static final java.util.List<String> BUILTIN_CASES =
            java.util.List.of(
                    "feeder-11bus",
                    "chp-study",
                    "community-day",
                    "dtu14-community",
                    "dtu14-community-nopv");

    private Cases() {}

    /**
     * The market of {@code file}, or of the built-in case when {@code file} is {@code null}; {@code
     * null} after printing every problem to {@code err} when it cannot be read or is invalid.
     */
    static Market load(Path file, PrintWriter err) {
        MarketCase loaded = loadCase(file, err);
        if (loaded instanceof MarketCase.MultiPeriod mp) {
            err.println(
                    "gridbazaar: "
                            + (file == null ? "the built-in case" : file)
                            + " is a market over time (p2p-market-case/2, "
                            + mp.market().periodCount()
                            + " periods); this command reads a single-period case (p2p-market-case/1)");
            return null;
        }
        return loaded == null ? null : ((MarketCase.SinglePeriod) loaded).market();
    }

    /**
     * The case of {@code file} of either version, or of the built-in case when {@code file} is
     * {@code null}; {@code null} after printing every problem to {@code err} when it cannot be read
     * or is invalid.
     */
    static MarketCase loadCase(Path file, PrintWriter err) {
        try {
            if (file == null) {
                return CaseReader.readCase(defaultCaseText(), "built-in " + DEFAULT_CASE);
            }
            if (file.toString().startsWith(BUILTIN)) {
                String name = file.toString().substring(BUILTIN.length());
                if (!BUILTIN_CASES.contains(name)) {
                    err.println(
                            "gridbazaar: no built-in case \""
                                    + name
                                    + "\"; built-in cases: "
                                    + String.join(
                                            ", ",
                                            BUILTIN_CASES.stream().map(c -> BUILTIN + c).toList()));
                    return null;
                }
                return CaseReader.readCase(
                        resourceText("cases/" + name + ".json"), "built-in " + name);
            }
            if (Files.isDirectory(file)) {
                err.println("gridbazaar: cannot read case " + file + ": it is a directory");
                return null;
            }
            return CaseReader.readCase(file);
        } catch (CaseFormatException e) {
            err.println("gridbazaar: invalid case " + e.sourceName() + ":");
            e.problems().forEach(p -> err.println("  " + p));
            return null;
        } catch (UncheckedIOException e) {
            err.println("gridbazaar: cannot read case " + file + ": " + e.getCause().getMessage());
            return null;
        }
    }

    /** The text of the built-in default case. */
    static String defaultCaseText() {
        return resourceText(DEFAULT_CASE);
    }

    /** The text of a resource beside this class. */
    static String resourceText(String resource) {
        try (InputStream in = Cases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "built-in case " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The solver named {@code name}, or the default one when {@code name} is {@code null}; {@code
     * null} after printing to {@code err} which names there are, when none has that name.
     */
    static org.gridbazaar.solver.MarketSolver solver(String name, PrintWriter err) {
        if (name == null) {
            return org.gridbazaar.solver.Solvers.defaultSolver();
        }
        java.util.Optional<org.gridbazaar.solver.MarketSolver> found =
                org.gridbazaar.solver.Solvers.byName(name);
        if (found.isEmpty()) {
            err.println(
                    "gridbazaar: unknown solver \""
                            + name
                            + "\"; available: "
                            + String.join(
                                    ", ",
                                    org.gridbazaar.solver.Solvers.available().stream()
                                            .map(org.gridbazaar.solver.MarketSolver::name)
                                            .toList()));
            return null;
        }
        return found.get();
    }
}
