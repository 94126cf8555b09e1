package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbazaar node} and {@code solve --cluster}: what they refuse before starting anything.
 */
class NodeCommandTest {

    @TempDir Path dir;

    @Test
    void nodeWithoutAPortToJoinExitsTwoNamingTheOption() {
        GridBazaarCommandTest.Run r = GridBazaarCommandTest.run("node", "--join", "localhost");
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("--join") && r.err().contains("HOST:PORT"), r.err());
        GridBazaarCommandTest.Run p =
                GridBazaarCommandTest.run("node", "--join", "127.0.0.1:99999");
        assertEquals(GridBazaarCommand.INVALID_INPUT, p.exit());
        assertTrue(p.err().contains("1..65535"), p.err());
    }

    @Test
    void nodeNeedsJoin() {
        GridBazaarCommandTest.Run r = GridBazaarCommandTest.run("node");
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("--join"), r.err());
    }

    @Test
    void clusterRefusesAMalformedSpecAndCentralizedSolversBeforeStartingNodes() {
        Path out = dir.resolve("r.json");
        GridBazaarCommandTest.Run bad =
                GridBazaarCommandTest.run(
                        "solve", "--solver", "admm", "--cluster", "remote:3", "-o", out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, bad.exit());
        assertTrue(bad.err().contains("local:N"), bad.err());
        GridBazaarCommandTest.Run zero =
                GridBazaarCommandTest.run(
                        "solve", "--solver", "admm", "--cluster", "local:0", "-o", out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, zero.exit());
        GridBazaarCommandTest.Run central =
                GridBazaarCommandTest.run(
                        "solve",
                        "--solver",
                        "structured-ipm",
                        "--cluster",
                        "local:3",
                        "-o",
                        out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, central.exit());
        assertTrue(central.err().contains("--solver admm"), central.err());
        assertTrue(Files.notExists(out), "nothing written");
    }
}
