package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solve CASE --cluster} on a case with communities: what it refuses before starting any node
 * process, and writing nothing. (The clearing through nodes is checked in the cluster module, four
 * actor systems in one JVM; {@code docs/cluster.md} shows a run on three processes.)
 */
class CoordinationClusterOptionTest {

    @TempDir Path dir;

    @Test
    void aCommunityCaseOnAClusterNeedsPriceCoordinationAndAWellFormedSpec() {
        Path out = dir.resolve("R.json");
        GridBazaarCommandTest.Run central =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:dtu14-community",
                        "--cluster",
                        "local:3",
                        "-o",
                        out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, central.exit());
        assertTrue(
                central.err().contains("by price-coordination only")
                        && central.err().contains("maybe add --solver price-coordination"),
                central.err());
        GridBazaarCommandTest.Run malformed =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:dtu14-community",
                        "--solver",
                        "price-coordination",
                        "--cluster",
                        "local:99",
                        "-o",
                        out.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, malformed.exit());
        assertTrue(malformed.err().contains("--cluster must be local:N"), malformed.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
