package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.io.MultiPeriodResultFile;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridbazaar solve} and {@code validate} on version-2 cases (markets over time). */
class MultiPeriodCommandTest {

    @TempDir Path dir;

    /**
     * Two hours of a producer whose price doubles, a fixed load and a lossless battery (a closed
     * form).
     */
    static final String ARBITRAGE =
            """
            {"format": "p2p-market-case/2", "name": "arbitrage",
             "horizon": {"periods": 2, "hoursPerPeriod": 1},
             "peers": [
               {"id": "G", "role": "producer", "power": {"min": 0, "max": 100, "cost": {"b": [10, 20]}}},
               {"id": "L", "role": "consumer", "power": {"min": -10, "max": -10, "cost": {"b": 100}}},
               {"id": "B", "role": "prosumer", "power": {"min": 0, "max": 0},
                "storage": {"capacityKwh": 10, "initialKwh": 0, "chargeKw": 10, "dischargeKw": 10}}]}
            """;

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aVersionTwoCaseGetsAVersionTwoResultWithItsClosedForm() throws IOException {
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve", write("a.json", ARBITRAGE).toString(), "-o", result.toString());
        assertEquals(0, r.exit(), r.err());
        MultiPeriodResultFile file = ResultReader.readMultiPeriod(result);
        assertEquals(Status.OPTIMAL, file.status());
        // the battery buys the second hour's 10 kWh in the first at 10 $/kWh; the load pays 100
        // $/kWh twice
        assertEquals(10 * 20 - 2000, file.objective(), 1e-6);
        assertEquals(2, file.periods().size());
        assertEquals(10, file.storage("B").orElseThrow().energyKwh()[0], 1e-6);
        assertTrue(Files.readString(result).contains("\"format\": \"p2p-market-result/2\""));
        assertTrue(r.out().contains("storage:"), r.out());
    }

    @Test
    void csvTablesHaveOneRowPerPeriodAndItem() throws IOException {
        Path tables = Files.createDirectory(dir.resolve("tables"));
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        write("a.json", ARBITRAGE).toString(),
                        "-o",
                        dir.resolve("r.json").toString(),
                        "--csv",
                        tables.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> peers = Files.readAllLines(tables.resolve("peers.csv"));
        assertEquals("period,peer,power_kw,heat_kw,price_per_kwh,cost", peers.get(0));
        assertEquals(1 + 2 * 3, peers.size());
        List<String> storage = Files.readAllLines(tables.resolve("storage.csv"));
        assertEquals(1 + 2, storage.size());
        assertTrue(storage.get(1).startsWith("0,B,"), storage.get(1));
        assertTrue(Files.readAllLines(tables.resolve("trades.csv")).size() >= 3);
    }

    @Test
    void csvAndRollingNeedAMarketOverTime() throws IOException {
        Path v1 = write("v1.json", GridBazaarCommandTest.TWO_PEERS);
        GridBazaarCommandTest.Run csv =
                GridBazaarCommandTest.run(
                        "solve",
                        v1.toString(),
                        "-o",
                        dir.resolve("r.json").toString(),
                        "--csv",
                        dir.toString());
        assertEquals(2, csv.exit());
        assertTrue(csv.err().contains("--csv"), csv.err());
        GridBazaarCommandTest.Run rolling =
                GridBazaarCommandTest.run(
                        "solve",
                        v1.toString(),
                        "-o",
                        dir.resolve("r.json").toString(),
                        "--rolling",
                        "2,1");
        assertEquals(2, rolling.exit());
        assertFalse(Files.exists(dir.resolve("r.json")));
    }

    @Test
    void rollingReportsTheGapToTheFullHorizon() throws IOException {
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        write("a.json", ARBITRAGE).toString(),
                        "-o",
                        result.toString(),
                        "--rolling",
                        "1,1");
        assertEquals(0, r.exit(), r.err());
        // one period at a time the battery cannot see the dearer second hour: it stays empty
        MultiPeriodResultFile file = ResultReader.readMultiPeriod(result);
        assertEquals(10 * 10 + 10 * 20 - 2000, file.objective(), 1e-6);
        assertTrue(r.out().contains("gap 100.00 $"), r.out());
        GridBazaarCommandTest.Run bad =
                GridBazaarCommandTest.run(
                        "solve",
                        write("b.json", ARBITRAGE).toString(),
                        "-o",
                        dir.resolve("s.json").toString(),
                        "--rolling",
                        "1,2");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("WINDOW,STEP"), bad.err());
    }

    @Test
    void anInvalidVersionTwoCaseExitsTwoNamingThePathAndWritesNothing() throws IOException {
        String bad = ARBITRAGE.replace("\"chargeKw\": 10", "\"chargeKw\": [10, 10, 10]");
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve", write("bad.json", bad).toString(), "-o", result.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("$.peers[2].storage.chargeKw"), r.err());
        assertFalse(Files.exists(result));
    }

    @Test
    void anInfeasibleMarketOverTimeIsAResultWithAReason() throws IOException {
        // a target the charger cannot reach: 10 kW for one hour stores 10 kWh, not 15
        String infeasible =
                ARBITRAGE
                        .replace(
                                "\"dischargeKw\": 10}",
                                "\"dischargeKw\": 10, \"targets\": [{\"period\": 0, \"minKwh\": 10}]}")
                        .replace(
                                "\"capacityKwh\": 10, \"initialKwh\": 0, \"chargeKw\": 10",
                                "\"capacityKwh\": 20, \"initialKwh\": 0, \"chargeKw\": 5");
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve", write("inf.json", infeasible).toString(), "-o", result.toString());
        assertEquals(0, r.exit(), r.err());
        MultiPeriodResultFile file = ResultReader.readMultiPeriod(result);
        assertEquals(Status.INFEASIBLE, file.status());
        assertTrue(file.periods().isEmpty());
        assertTrue(file.reason().contains("peer B"), file.reason());
    }

    @Test
    void validateDescribesAVersionTwoCase() throws IOException {
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run("validate", write("a.json", ARBITRAGE).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 periods"), r.out());
        assertTrue(r.out().contains("1 storage units"), r.out());
    }

    /**
     * A cheap producer behind a 50 kW line; the load beyond it needs 30 kW in period 0 and 80 kW in
     * period 1.
     */
    static final String AUTO_CONGESTION =
            """
            {"format": "p2p-market-case/2", "name": "auto-lines",
             "horizon": {"periods": 2, "hoursPerPeriod": 0.5},
             "network": {"nominalVoltageKv": 0.4, "rootBus": "B1",
               "lines": [{"id": "L1", "from": "B1", "to": "B2", "resistanceOhm": 0.01, "capacityKw": 50}]},
             "peers": [
               {"id": "Cheap", "role": "producer", "bus": "B2", "power": {"min": 0, "max": 100, "cost": {"b": 10}}},
               {"id": "Grid", "role": "producer", "bus": "B1", "power": {"min": 0, "max": 100, "cost": {"b": 20}}},
               {"id": "Load", "role": "consumer", "bus": "B1", "power": {"min": [-30, -80], "max": [-30, -80], "cost": {"b": 100}}}],
             "penalties": {"congestion": {"beta": 15, "lines": "auto"}}}
            """;

    @Test
    void autoCongestionLinesAreFoundPeriodByPeriod() throws IOException {
        Path result = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        write("auto.json", AUTO_CONGESTION).toString(),
                        "-o",
                        result.toString());
        assertEquals(0, r.exit(), r.err());
        MultiPeriodResultFile file = ResultReader.readMultiPeriod(result);
        assertEquals(Status.OPTIMAL, file.status());
        // without the penalty period 0 carries 30 kW over L1 (below 50) and period 1 carries 80
        // (above): only period 1's L1 is penalized
        assertEquals(List.of(), file.period(0).network().orElseThrow().penalizedLines());
        assertEquals(List.of("L1"), file.period(1).network().orElseThrow().penalizedLines());
        // penalized, Cheap's 10 $/kWh plus 15 is dearer than Grid's 20: period 1's load buys from
        // Grid, period 0's from Cheap
        assertEquals(30, file.period(0).peer("Cheap").orElseThrow().power(), 1e-6);
        assertEquals(80, file.period(1).peer("Grid").orElseThrow().power(), 1e-6);
        // objective: dt * costs (no penalty is paid at the optimum): 0.5 * (10 * 30 - 100 * 30) +
        // 0.5 * (20 * 80 - 100 * 80)
        assertEquals(0.5 * (300 - 3000) + 0.5 * (1600 - 8000), file.objective(), 1e-6);
    }
}
