package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridbazaar.io.ResultFile;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An infeasible version-1 market: the result says why, naming a peer whose least trade cannot be
 * matched.
 */
class InfeasibleReasonTest {

    @TempDir Path dir;

    /** C must buy 100 kW but may trade only with G, which can sell 50. */
    static final String SHORT =
            """
            {"format": "p2p-market-case/1", "name": "short", "peers": [
             {"id": "G", "role": "producer", "power": {"min": 0, "max": 50, "cost": {"b": 10}}},
             {"id": "G2", "role": "producer", "power": {"min": 0, "max": 500, "cost": {"b": 10}}},
             {"id": "C", "role": "consumer", "power": {"min": -100, "max": -100, "cost": {"b": 30}}},
             {"id": "D", "role": "consumer", "power": {"min": -10, "max": 0, "cost": {"b": 30}}}],
             "trading": {"pairs": [["G", "C"], ["G2", "D"]]}}
            """;

    @Test
    void theReasonNamesThePeerThatCannotBeServedAndHowMuchIsMissing() throws IOException {
        Path caseFile = dir.resolve("short.json");
        Files.writeString(caseFile, SHORT);
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run("solve", caseFile.toString(), "-o", result.toString());
        assertEquals(0, r.exit(), r.err());
        ResultFile file = ResultReader.read(result);
        assertEquals(Status.INFEASIBLE, file.status());
        String text = Files.readString(result);
        assertTrue(text.contains("\"reason\""), text);
        assertTrue(text.contains("peer C must buy 50 kW more than its partners can give"), text);
        assertTrue(r.out().contains("peer C must buy 50 kW"), r.out());
    }
}
