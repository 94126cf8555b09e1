package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridbazaar.cli.internal.ConsoleProgress;
import org.gridbazaar.io.CaseWriter;
import org.gridbazaar.io.ResultFile;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command line in-process against temporary files. */
class GridBazaarCommandTest {

    @TempDir Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GridBazaarCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static final String EXAMPLE = Cases.defaultCaseText();

    static final String TWO_PEERS =
            "{\"format\": \"p2p-market-case/1\", \"name\": \"two peers\", \"peers\": ["
                    + "{\"id\": \"G\", \"role\": \"producer\", \"power\": {\"min\": 0, \"max\": 100, \"cost\": {\"a\": 0.1, \"b\": 10, \"c\": 0}}},"
                    + "{\"id\": \"C\", \"role\": \"consumer\", \"power\": {\"min\": -100, \"max\": 0, \"cost\": {\"a\": 0.1, \"b\": 30, \"c\": 0}}}]}";

    @Test
    void versionIsTheBuildsProjectVersion() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("gridbazaar \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
    }

    @Test
    void malformedCaseExitsTwoAndWritesNoResult() throws IOException {
        Path bad =
                write(
                        "bad.json",
                        "{\"format\": \"p2p-market-case/1\",\n \"name\": \"x\" \"peers\": []}");
        Path result = dir.resolve("result.json");
        Run r = run("solve", bad.toString(), "--output", result.toString());
        assertEquals(2, r.exit());
        assertFalse(Files.exists(result), "no result for an invalid case");
        assertTrue(r.err().contains("malformed JSON") && r.err().contains("line 2"), r.err());
    }

    @Test
    void invalidCaseListsEveryProblemOnStderr() throws IOException {
        Path bad =
                write(
                        "bad.json",
                        TWO_PEERS
                                .replace("\"max\": 100", "\"max\": \"100\"")
                                .replace("\"consumer\"", "\"buyer\""));
        Path result = dir.resolve("result.json");
        Run r = run("solve", bad.toString(), "-o", result.toString());
        assertEquals(2, r.exit());
        assertFalse(Files.exists(result));
        assertTrue(
                r.err().contains("$.peers[0].power.max: expected a number, got string \"100\""),
                r.err());
        assertTrue(r.err().contains("$.peers[1].role"), r.err());
        Run v = run("validate", bad.toString());
        assertEquals(2, v.exit());
        assertEquals(
                r.err().lines().count(),
                v.err().lines().count(),
                "validate reports the same problems");
    }

    @Test
    void marketRuleViolationNamesThePeer() throws IOException {
        Path bad =
                write(
                        "bad.json",
                        TWO_PEERS.replace(
                                "\"min\": -100, \"max\": 0", "\"min\": -100, \"max\": 20"));
        Run r = run("validate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("peer C"), r.err());
        assertTrue(r.err().contains("positive"), r.err());
    }

    @Test
    void unreadableInputExitsTwo() {
        Path result = dir.resolve("result.json");
        Run missing = run("solve", dir.resolve("nope.json").toString(), "-o", result.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.json"), missing.err());
        Run directory = run("solve", dir.toString(), "-o", result.toString());
        assertEquals(2, directory.exit());
        assertTrue(directory.err().contains("directory"), directory.err());
        assertFalse(Files.exists(result));
    }

    @Test
    void badOptionValuesExitTwo() throws IOException {
        Path c = write("c.json", TWO_PEERS);
        Path result = dir.resolve("result.json");
        assertEquals(
                2, run("solve", c.toString(), "-o", result.toString(), "--tolerance", "0").exit());
        assertEquals(
                2,
                run("solve", c.toString(), "-o", result.toString(), "--tolerance", "abc").exit());
        assertEquals(
                2,
                run("solve", c.toString(), "-o", result.toString(), "--max-iterations", "-3")
                        .exit());
        assertEquals(
                2,
                run("solve", c.toString(), "-o", dir.resolve("no/such/dir.json").toString())
                        .exit());
        assertEquals(2, run("solve", c.toString(), "--frobnicate").exit());
        Run unknown =
                run("solve", c.toString(), "-o", result.toString(), "--solver", "no-such-solver");
        assertEquals(2, unknown.exit());
        assertTrue(
                unknown.err().contains("no-such-solver") && unknown.err().contains("available"),
                unknown.err());
        assertFalse(Files.exists(result));
    }

    @Test
    void marketTheSolverDoesNotSupportExitsTwoWithItsReason() throws IOException {
        Path result = dir.resolve("r.json");
        Run r =
                run(
                        "solve",
                        write("c.json", TWO_PEERS).toString(),
                        "-o",
                        result.toString(),
                        "--solver",
                        RefusingSolver.NAME);
        assertEquals(2, r.exit());
        assertTrue(
                r.err().contains("does not support") && r.err().contains("test double"), r.err());
        assertFalse(Files.exists(result));
    }

    @Test
    void validatePrintsASummaryOfAValidCase() throws IOException {
        Path c = write("c.json", EXAMPLE);
        Run r = run("validate", c.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("valid: default-neighbourhood, 11 peers"), r.out());
        assertTrue(r.out().contains("2 preferences"), r.out());
    }

    @Test
    void solversListsTheDefaultSolver() {
        Run r = run("solvers");
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("structured-ipm") && l.contains("(default)")),
                r.out());
    }

    @Test
    void solvesTheBuiltInCaseAndWritesAReadableResult() throws IOException {
        Path result = dir.resolve("demo.json");
        Run r = run("solve", "--output", result.toString());
        assertEquals(0, r.exit(), r.err());
        ResultFile f = ResultReader.read(result);
        assertEquals("default-neighbourhood", f.caseName());
        assertEquals(Status.OPTIMAL, f.status());
        double net = f.peers().stream().mapToDouble(ResultFile.PeerRow::power).sum();
        assertEquals(0, net, 1e-6, "power balances");
        assertTrue(r.out().contains("status:    OPTIMAL"), r.out());
        assertTrue(r.out().contains("sellers in rows, buyers in columns"), r.out());
        assertTrue(r.out().contains("result written to " + result), r.out());
        String header =
                r.out()
                        .lines()
                        .dropWhile(l -> !l.contains("sellers in rows"))
                        .skip(1)
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                header.contains("school") && !header.contains("grid"),
                "buyers in columns, only peers that buy: " + header);
    }

    @Test
    void quietPrintsNothing() throws IOException {
        Path result = dir.resolve("r.json");
        Run r =
                run(
                        "solve",
                        write("c.json", TWO_PEERS).toString(),
                        "-o",
                        result.toString(),
                        "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.exists(result));
    }

    @Test
    void infeasibleMarketStillWritesAResultAndExitsZero() throws IOException {
        Path c =
                write(
                        "c.json",
                        TWO_PEERS.replace(
                                "\"min\": -100, \"max\": 0", "\"min\": -150, \"max\": -150"));
        Path result = dir.resolve("r.json");
        Run r = run("solve", c.toString(), "-o", result.toString());
        assertEquals(0, r.exit(), r.err());
        ResultFile f = ResultReader.read(result);
        assertEquals(Status.INFEASIBLE, f.status());
        assertTrue(Double.isNaN(f.objective()));
        assertTrue(f.peers().isEmpty());
        assertTrue(r.out().contains("INFEASIBLE"), r.out());
    }

    @Test
    void networkCaseShowsFlowsLossesAndPenalizedLines() throws IOException {
        String fourBus =
                new String(
                        GridBazaarCommandTest.class
                                .getResourceAsStream("four-bus-example.json")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
        Path result = dir.resolve("r.json");
        Run r = run("solve", write("c.json", fourBus).toString(), "-o", result.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("loading %"), r.out());
        assertTrue(r.out().contains("penalized lines: L2"), r.out());
        assertTrue(r.out().contains("heat trades"), r.out());
        assertEquals(3, ResultReader.read(result).network().orElseThrow().lineFlows().size());
    }

    @Test
    void largeMarketListsTheLargestTradesInsteadOfAMatrix() throws IOException {
        Market.Builder b = Market.builder("large");
        for (int i = 0; i < 30; i++) {
            b.producer("G" + i, 0, 50, QuadraticCost.of(0.02 + 0.001 * i, 10 + i, 0));
            b.consumer("C" + i, -60, -10, QuadraticCost.of(0.05, 60 - i, 0));
        }
        Path c = dir.resolve("large.json");
        CaseWriter.write(b.build(), c);
        Run r = run("solve", c.toString(), "-o", dir.resolve("r.json").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().contains("too many for a matrix") && r.out().contains("largest"), r.out());
    }

    @Test
    void resultFileNameComesFromTheCaseName() {
        assertEquals("four-bus", SolveCommand.fileName("four-bus"));
        assertEquals("my-case-1", SolveCommand.fileName("my case/1"));
        assertEquals("case..x", SolveCommand.fileName("..x"));
    }

    @Test
    void progressStopsOnRequest() {
        AtomicBoolean stop = new AtomicBoolean();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(new StringWriter()), stop, false);
        p.iteration(1, 1, 1);
        assertFalse(p.stopRequested());
        stop.set(true);
        assertTrue(p.stopRequested());
        assertEquals(1, p.lastIteration());
    }
}
