package org.gridbazaar.cli;

import static org.gridbazaar.cli.GridBazaarCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridbazaar.cli.GridBazaarCommandTest.Run;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the command line treats the files it writes and the input it is given: outputs checked before
 * solving (exit 2, naming the option), never the case file itself, safe default names, files
 * replaced whole, and no input that ends in a stack trace.
 */
class OutputHandlingTest {

    static {
        // as GridBazaarCommand.main does: keep ojAlgo's hardware banner out of the test log
        System.setProperty(GridBazaarCommand.OJALGO_QUIET, "true");
    }

    @TempDir Path dir;

    static final String TWO_PEERS = GridBazaarCommandTest.TWO_PEERS;

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static String fourBus() throws IOException {
        try (var in = OutputHandlingTest.class.getResourceAsStream("four-bus-example.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(
                r.err().contains("\tat ") || r.err().contains("Exception"),
                "no stack trace for invalid input:\n" + r.err());
    }

    @Test
    void solveRefusesToWriteOverItsOwnCaseFile() throws IOException {
        Path c = write("c.json", TWO_PEERS);
        Files.createDirectories(dir.resolve("sub"));
        List<String> spellings =
                new ArrayList<>(List.of(c.toString(), dir + "/./c.json", dir + "/sub/../c.json"));
        try {
            spellings.add(Files.createSymbolicLink(dir.resolve("link.json"), c).toString());
        } catch (UnsupportedOperationException | IOException e) {
            // no symbolic links here: the other spellings still count
        }
        for (String spelling : spellings) {
            for (String option : List.of("--output", "--plot-convergence")) {
                Run r = run("solve", c.toString(), option, spelling);
                assertEquals(2, r.exit(), option + " " + spelling + ": " + r.err());
                assertTrue(
                        r.err().contains(option) && r.err().contains("is the case file"), r.err());
                assertEquals(TWO_PEERS, Files.readString(c), "the case is untouched");
                assertNoStackTrace(r);
            }
        }
        Run viaLink = run("solve", dir.resolve("link.json").toString(), "--output", c.toString());
        if (Files.exists(dir.resolve("link.json"))) {
            assertEquals(
                    2,
                    viaLink.exit(),
                    "a case read through a link is the file it points to: " + viaLink.err());
        }
    }

    @Test
    void twoOutputsOfOneRunMustBeDifferentFiles() throws IOException {
        Path c = write("c.json", TWO_PEERS);
        Path out = dir.resolve("out.json");
        Run r =
                run(
                        "solve",
                        c.toString(),
                        "--output",
                        out.toString(),
                        "--plot-convergence",
                        dir + "/./out.json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err().contains("--plot-convergence") && r.err().contains("same file as --output"),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void everyOutputOptionIntoAMissingDirectoryExitsTwoBeforeSolving() throws IOException {
        Path c = write("c.json", fourBus());
        Path result = dir.resolve("r.json");
        String missing = dir.resolve("no/such/dir").toString();
        for (String option : List.of("--output", "--plot", "--plot-convergence")) {
            List<String> args =
                    new ArrayList<>(List.of("solve", c.toString(), option, missing + "/x.out"));
            if (!option.equals("--output")) {
                args.addAll(List.of("--output", result.toString()));
            }
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), option + ": " + r.err());
            assertTrue(
                    r.err().contains(option + " ") && r.err().contains("does not exist"), r.err());
            assertFalse(
                    Files.exists(result),
                    option + ": checked before solving, so no result was written");
            assertNoStackTrace(r);
        }
        Run study = run("study", "--plot", missing + "/feeder");
        assertEquals(2, study.exit(), study.err());
        assertTrue(
                study.err().contains("--plot ") && study.err().contains("does not exist"),
                study.err());
        assertFalse(Files.exists(dir.resolve("no")), "missing directories are not created");
    }

    @Test
    void anOutputThatIsADirectoryExitsTwo() throws IOException {
        Path c = write("c.json", fourBus());
        Files.createDirectories(dir.resolve("plot.svg"));
        Run r =
                run(
                        "solve",
                        c.toString(),
                        "-o",
                        dir.resolve("r.json").toString(),
                        "--plot",
                        dir.resolve("plot.svg").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--plot") && r.err().contains("is a directory"), r.err());
        assertFalse(Files.exists(dir.resolve("r.json")));
        Run underAFile = run("solve", c.toString(), "-o", c.resolve("r.json").toString());
        assertEquals(2, underAFile.exit(), underAFile.err());
        assertTrue(underAFile.err().contains("is a file, not a directory"), underAFile.err());
    }

    @Test
    void theHelpDocumentsTheOutputRule() {
        for (String command : List.of("solve", "study")) {
            Run r = run(command, "--help");
            assertEquals(0, r.exit());
            assertTrue(
                    r.out().contains("missing directories are not created")
                            && r.out().contains("exit code is 2"),
                    r.out());
        }
    }

    @Test
    void aLongCaseNameGivesAShortSafeDefaultOutputName() throws IOException {
        String longName = "a very long case name / with slashes: ".repeat(7).substring(0, 245);
        String name = SolveCommand.fileName(longName);
        assertTrue(name.length() <= SolveCommand.MAX_FILE_NAME, name);
        assertTrue(name.matches("[A-Za-z0-9._-]+"), name);
        assertTrue(name.startsWith("a-very-long-case-name---with-slashes-"), name);
        assertEquals(name, SolveCommand.fileName(longName), "the same name every time");
        assertNotEquals(
                name,
                SolveCommand.fileName(longName.substring(0, 244) + "X"),
                "long names sharing a start get different files");
        Path file = dir.resolve(name + "-result.json");
        Files.writeString(file, "fits"); // the file system accepts it
        assertEquals("fits", Files.readString(file));
        assertEquals(
                "four-bus", SolveCommand.fileName("four-bus"), "short safe names stay as they are");
        assertEquals(
                "x".repeat(SolveCommand.MAX_FILE_NAME),
                SolveCommand.fileName("x".repeat(SolveCommand.MAX_FILE_NAME)));
    }

    @Test
    void aResultIsReplacedWholeAndNoTemporaryFileStays() throws IOException {
        Path c = write("c.json", TWO_PEERS);
        Path result =
                write("r.json", "an older result that is longer than the new one ".repeat(2000));
        Run r = run("solve", c.toString(), "-o", result.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Status.OPTIMAL, ResultReader.read(result).status());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of("c.json", "r.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void withoutACommandEverySubcommandIsListed() {
        Run r = run();
        assertEquals(2, r.exit());
        String first = r.err().lines().findFirst().orElse("");
        for (String command : List.of("solve", "study", "validate", "solvers")) {
            assertTrue(
                    first.contains(command),
                    "missing command line names " + command + ": " + first);
        }
    }

    @Test
    void aCaseWithoutCostConstantsSolves() throws IOException {
        Path c = write("c.json", TWO_PEERS.replace(", \"c\": 0", ""));
        Run r = run("solve", c.toString(), "-o", dir.resolve("r.json").toString(), "-q");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aLoneSurrogateInAnIdIsInvalidInputNamingThePath() throws IOException {
        Path c = write("c.json", TWO_PEERS.replace("\"id\": \"C\"", "\"id\": \"C\\uD800\""));
        Path result = dir.resolve("r.json");
        Run r = run("solve", c.toString(), "-o", result.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err()
                        .contains(
                                "$.peers[1].id: contains a lone UTF-16 surrogate (\\uD800); ids must be valid Unicode text"),
                r.err());
        assertFalse(Files.exists(result));
        assertNoStackTrace(r);
    }

    @Test
    void invalidInputNeverEndsInAStackTrace() throws IOException {
        Path c = write("c.json", TWO_PEERS);
        Path four = write("four.json", fourBus());
        String r = dir.resolve("r.json").toString();
        Path notJson = write("x.json", "\u0000\u0001 not json");
        Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        List<String[]> invocations =
                List.of(
                        new String[] {"solve", c.toString(), "-o", r, "--tolerance", "NaN"},
                        new String[] {"solve", c.toString(), "-o", r, "--tolerance", "1e999"},
                        new String[] {
                            "solve", c.toString(), "-o", r, "--max-iterations", "99999999999"
                        },
                        new String[] {"solve", c.toString(), "-o", ""},
                        new String[] {"solve", c.toString(), "-o", dir.toString()},
                        new String[] {
                            "solve",
                            c.toString(),
                            "-o",
                            r,
                            "--plot",
                            dir.resolve("f.svg").toString()
                        },
                        new String[] {"solve", c.toString(), "-o", r, "--solver", ""},
                        new String[] {"solve", notJson.toString(), "-o", r},
                        new String[] {"solve", dir.resolve("latin1.json").toString(), "-o", r},
                        new String[] {"solve", "builtin:nothing", "-o", r},
                        new String[] {"solve", "builtin:", "-o", r},
                        new String[] {
                            "solve",
                            four.toString(),
                            "-o",
                            r,
                            "--line-limits",
                            "--solver",
                            RefusingSolver.NAME
                        },
                        new String[] {"validate"},
                        new String[] {"validate", dir.toString()},
                        new String[] {"study", c.toString()},
                        new String[] {"study", "--alpha", "NaN"},
                        new String[] {"study", "--alpha", "-1,x"},
                        new String[] {"study", "--solver", "nope"},
                        new String[] {"solvers", "extra"},
                        new String[] {"frobnicate"});
        for (String[] args : invocations) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + ":\n" + run.err());
            assertNoStackTrace(run);
            assertFalse(run.err().isBlank(), "says why: " + String.join(" ", args));
        }
        assertFalse(Files.exists(dir.resolve("r.json")), "no invalid invocation wrote a result");
    }

    @Test
    void anInfeasibleCaseGivesAPlainInfeasibleResultWithEverySolver() throws IOException {
        Path c =
                write(
                        "c.json",
                        TWO_PEERS.replace(
                                "\"min\": -100, \"max\": 0", "\"min\": -150, \"max\": -150"));
        for (String solver : List.of("structured-ipm", "ojalgo-qp", "admm", "consensus")) {
            Path result = dir.resolve(solver + ".json");
            Run r = run("solve", c.toString(), "-o", result.toString(), "--solver", solver, "-q");
            assertEquals(0, r.exit(), solver + ": " + r.err());
            assertNoStackTrace(r);
            assertEquals(Status.INFEASIBLE, ResultReader.read(result).status(), solver);
            String text = Files.readString(result);
            assertFalse(
                    text.contains("Exception") || text.contains("\tat "),
                    solver + " result carries no stack trace:\n" + text);
        }
    }
}
