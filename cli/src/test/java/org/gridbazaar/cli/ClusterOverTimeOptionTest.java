package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solve --cluster} on a market over time: admm runs it on the nodes; other solvers are
 * refused before any node is started, naming the one that runs.
 */
class ClusterOverTimeOptionTest {

    @TempDir Path dir;

    @Test
    void consensusOverTimeOnAClusterIsRefusedNamingAdmm() {
        Path out = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:community-day",
                        "--solver",
                        "consensus",
                        "--cluster",
                        "local:3",
                        "-o",
                        out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("admm only") && r.err().contains("--solver admm"), r.err());
        assertTrue(Files.notExists(out), "nothing written");
    }
}
