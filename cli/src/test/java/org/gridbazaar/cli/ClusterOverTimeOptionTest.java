package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solve --cluster} on a market over time: admm and consensus run it on the nodes; other
 * solvers are refused before any node is started, naming the distributed ones. {@code node --peers
 * CASE --ids}: what it refuses before starting (a single-period case, a case with {@code auto}
 * congested lines, one option alone); unknown ids: {@code OwnPeersClusterTest}.
 */
class ClusterOverTimeOptionTest {

    @TempDir Path dir;

    @Test
    void aCentralizedSolverOverTimeOnAClusterIsRefusedNamingTheDistributedOnes() {
        Path out = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:community-day",
                        "--solver",
                        "structured-ipm",
                        "--cluster",
                        "local:3",
                        "-o",
                        out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit(), r.err());
        assertTrue(
                r.err().contains("distributed solvers only") && r.err().contains("--solver admm"),
                r.err());
        assertTrue(Files.notExists(out), "nothing written");
    }

    private Path builtin(String name) throws java.io.IOException {
        Path file = dir.resolve(name + ".json");
        try (java.io.InputStream in = Cases.class.getResourceAsStream("cases/" + name + ".json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aNodeWithItsOwnPeersNeedsBothOptionsAVersionTwoCaseAndListedCongestedLines()
            throws Exception {
        GridBazaarCommandTest.Run alone =
                GridBazaarCommandTest.run("node", "--join", "127.0.0.1:1", "--ids", "A");
        assertEquals(GridBazaarCommand.INVALID_INPUT, alone.exit());
        assertTrue(alone.err().contains("--peers and --ids go together"), alone.err());
        Path day = builtin("community-day");
        GridBazaarCommandTest.Run auto =
                GridBazaarCommandTest.run(
                        "node",
                        "--join",
                        "127.0.0.1:1",
                        "--peers",
                        day.toString(),
                        "--ids",
                        "NOPE,ALSO-NOT");
        assertEquals(GridBazaarCommand.INVALID_INPUT, auto.exit());
        assertTrue(auto.err().contains("\"auto\" lines"), auto.err());
        GridBazaarCommandTest.Run single =
                GridBazaarCommandTest.run(
                        "node",
                        "--join",
                        "127.0.0.1:1",
                        "--peers",
                        builtin("feeder-11bus").toString(),
                        "--ids",
                        "A");
        assertEquals(GridBazaarCommand.INVALID_INPUT, single.exit());
        assertTrue(single.err().contains("markets over time"), single.err());
    }
}
