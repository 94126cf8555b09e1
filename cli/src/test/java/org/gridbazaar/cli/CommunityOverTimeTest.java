package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridbazaar.io.MultiPeriodResultFile;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version-2 case with communities: {@code solve} clears the community design over the horizon,
 * {@code architectures} every design.
 */
class CommunityOverTimeTest {

    @TempDir Path dir;

    /**
     * G (p^2/2 + 5p, 10 kW) and C (buys 2 to 8 kW) in one community, a prosumer with storage in
     * another; import 30, 60, 90.
     */
    static final String DAY =
            """
            {"format": "p2p-market-case/2", "name": "day3", "horizon": {"periods": 3},
             "peers": [
              {"id": "G", "role": "producer", "power": {"min": 0, "max": 10, "cost": {"a": 1, "b": 5}}},
              {"id": "C", "role": "consumer", "power": {"min": -8, "max": -2, "cost": {"a": 1, "b": 90}}},
              {"id": "P", "role": "prosumer", "power": {"min": -3, "max": 3, "cost": {"a": 2, "b": 20}},
               "storage": {"capacityKwh": 5, "initialKwh": 2, "chargeKw": 2, "dischargeKw": 2}}
             ],
             "communities": [{"id": "a", "members": ["G", "C"]}, {"id": "b", "members": ["P"]}],
             "gridConnection": {"importTariff": [30, 60, 90], "exportTariff": 20}}
            """;

    @Test
    void solveAndArchitecturesClearACommunityCaseOverTime() throws IOException {
        Path file = dir.resolve("day.json");
        Files.writeString(file, DAY);
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run solve =
                GridBazaarCommandTest.run("solve", file.toString(), "--output", result.toString());
        assertEquals(0, solve.exit(), solve.err());
        MultiPeriodResultFile r = ResultReader.readMultiPeriod(Files.readString(result), "r.json");
        assertEquals(Status.OPTIMAL, r.status());
        assertEquals(3, r.periods().size());
        // community a has more than it needs at any tariff: G runs flat out (marginal 15 $/kWh at
        // 10 kW, below the
        // export tariff 20), C buys its most (8 kW, marginal value 82), and the 2 kW left are
        // exported at 20
        for (int t = 0; t < 3; t++) {
            assertEquals(
                    10, r.periods().get(t).peer("G").orElseThrow().power(), 1e-6, "period " + t);
            assertEquals(
                    -8, r.periods().get(t).peer("C").orElseThrow().power(), 1e-6, "period " + t);
        }
        assertTrue(solve.out().contains("money balances"), solve.out());
        var communities = ResultReader.communitiesOverTime(Files.readString(result), "r.json");
        assertEquals(3, communities.size());
        for (int t = 0; t < 3; t++) {
            assertEquals("a", communities.get(t).get(0).id());
            assertEquals(
                    20,
                    communities.get(t).get(0).price(),
                    1e-6,
                    "a exports, so its price is the export tariff");
            assertEquals(2, communities.get(t).get(0).exportKw(), 1e-6);
            double imported = communities.get(t).stream().mapToDouble(c -> c.importKw()).sum();
            double exported = communities.get(t).stream().mapToDouble(c -> c.exportKw()).sum();
            assertEquals(
                    r.periods().get(t).peer("grid-import").orElseThrow().power(),
                    imported,
                    1e-6,
                    "period " + t);
            assertEquals(
                    -r.periods().get(t).peer("grid-export").orElseThrow().power(),
                    exported,
                    1e-6,
                    "period " + t);
        }
        GridBazaarCommandTest.Run compare =
                GridBazaarCommandTest.run("architectures", file.toString());
        assertEquals(0, compare.exit(), compare.err());
        assertTrue(
                compare.out().contains("3 period(s)") && compare.out().contains("hybrid"),
                compare.out());
        // drop-outs over the horizon: the peer leaves every period, the community its members
        assertTrue(
                compare.out().contains("community  G          OPTIMAL           2")
                        && compare.out().contains("community  a          OPTIMAL           1"),
                compare.out());
    }
}
