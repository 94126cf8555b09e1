package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {

    static final PeerId G20 = PeerId.of("G20"), C1 = PeerId.of("C1"), CHP12 = PeerId.of("CHP12");

    static MarketResult solved() {
        return new MarketResult(
                "four-bus-example",
                Status.OPTIMAL,
                12345.67,
                List.of(
                        new PeerOutcome(C1, -420, -90, 52.1, 12, 0),
                        new PeerOutcome(G20, 220, Double.NaN, 48.3, Double.NaN, 0),
                        new PeerOutcome(CHP12, 200, 70, 30, 12, 0)),
                List.of(new Trade(G20, C1, 220, 48.3), new Trade(CHP12, C1, 200, 50)),
                List.of(new Trade(CHP12, C1, 70, 12)),
                Optional.of(
                        new NetworkOutcome(
                                List.of(
                                        new LineFlow("L1", 812.4, 32.5),
                                        new LineFlow("L3", -420, Double.NaN)),
                                26.95,
                                List.of(),
                                List.of("L2"))),
                new SolverStats("centralized-qp", 14, 0.004, 1e-9, Double.NaN, Double.NaN));
    }

    static JsonNode tree(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void writesTheSpecifiedFieldsFirstAndExtensionsAfterThem() throws Exception {
        JsonNode r = tree(ResultWriter.write(solved()));
        assertEquals(
                List.of(
                        "format",
                        "case",
                        "status",
                        "objective",
                        "peers",
                        "trades",
                        "heatTrades",
                        "network",
                        "solver"),
                names(r));
        assertEquals("p2p-market-result/1", r.get("format").asText());
        assertEquals(
                List.of("id", "power", "heat", "price", "heatPrice", "cost"),
                names(r.get("peers").get(0)));
        assertEquals(
                List.of("id", "power", "price", "cost"),
                names(r.get("peers").get(1)),
                "no heat nor heat price for a peer without heat");
        assertEquals(List.of("seller", "buyer", "power", "price"), names(r.get("trades").get(0)));
        assertEquals(
                List.of("seller", "buyer", "heat", "price"), names(r.get("heatTrades").get(0)));
        assertEquals(
                List.of("lineFlows", "lossesKw", "congestedLines", "penalizedLines"),
                names(r.get("network")));
        assertEquals(
                List.of("id", "flowKw", "loadingPercent"),
                names(r.get("network").get("lineFlows").get(0)));
        assertEquals(
                List.of("id", "flowKw"),
                names(r.get("network").get("lineFlows").get(1)),
                "loading only with a capacity");
        assertEquals(
                List.of("name", "iterations", "seconds", "primalResidual", "dualResidual"),
                names(r.get("solver")));
        assertTrue(r.get("solver").get("dualResidual").isNull(), "NaN is written as null");
        assertEquals(12345.67, r.get("objective").asDouble());
    }

    @Test
    void infeasibleResultHasNullObjectiveAndEmptyLists() throws Exception {
        MarketResult r =
                new MarketResult(
                        "x",
                        Status.INFEASIBLE,
                        Double.NaN,
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        new SolverStats("s", 3, 0.1, 5, 1, Double.NaN));
        JsonNode t = tree(ResultWriter.write(r));
        assertTrue(t.get("objective").isNull());
        assertEquals(0, t.get("peers").size());
        assertEquals(0, t.get("trades").size());
        assertEquals(0, t.get("heatTrades").size());
        assertFalse(t.has("network"));
        ResultFile back = ResultReader.read(ResultWriter.write(r));
        assertEquals(Status.INFEASIBLE, back.status());
        assertTrue(Double.isNaN(back.objective()));
    }

    @Test
    void resultRoundTripsThroughTheReader(@TempDir Path dir) {
        MarketResult r = solved();
        Path file = dir.resolve("r.json");
        ResultWriter.write(r, file);
        ResultFile back = ResultReader.read(file);
        assertEquals("four-bus-example", back.caseName());
        assertEquals(Status.OPTIMAL, back.status());
        assertEquals(12345.67, back.objective());
        assertEquals(new ResultFile.PeerRow("C1", -420, -90, 52.1, 12, 0), back.peers().get(0));
        assertTrue(Double.isNaN(back.peer("G20").orElseThrow().heat()));
        assertEquals(new ResultFile.TradeRow("G20", "C1", 220, 48.3), back.trades().get(0));
        assertEquals(new ResultFile.TradeRow("CHP12", "C1", 70, 12), back.heatTrades().get(0));
        ResultFile.NetworkRow n = back.network().orElseThrow();
        assertEquals(26.95, n.lossesKw());
        assertEquals(List.of("L2"), n.penalizedLines());
        assertTrue(Double.isNaN(n.lineFlows().get(1).loadingPercent()));
        assertEquals(
                new ResultFile.SolverRow("centralized-qp", 14, 0.004, 1e-9, Double.NaN),
                back.solver());
    }

    @Test
    void specExampleResultIsReadable() {
        ResultFile r = ResultReader.read(CaseReaderTest.resource("four-bus-result.json"));
        assertEquals(Status.OPTIMAL, r.status());
        assertEquals(-420, r.peer("C1").orElseThrow().power());
        assertEquals(32.5, r.network().orElseThrow().lineFlows().get(0).loadingPercent());
    }

    @Test
    void resultReaderIsStrict() {
        String bad =
                ResultWriter.write(solved())
                        .replace("\"status\"", "\"stats\"")
                        .replace("\"flowKw\": 812.4", "\"flowKw\": \"812\"");
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(bad));
        CaseReaderTest.assertProblem(e.problems(), "$.stats: unknown field");
        CaseReaderTest.assertProblem(e.problems(), "$.status: missing required field");
        CaseReaderTest.assertProblem(
                e.problems(), "$.network.lineFlows[0].flowKw: expected a number");
    }

    @Test
    void writtenFileIsParseableByThePlainMapper(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        ResultWriter.write(solved(), file);
        assertEquals("OPTIMAL", tree(Files.readString(file)).get("status").asText());
    }

    @Test
    void streamingToAStreamWritesTheSameText() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ResultWriter.write(solved(), bytes);
        assertEquals(
                ResultWriter.write(solved()),
                bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aNullObjectiveIsWrittenForEveryStatus() throws Exception {
        for (Status status : Status.values()) {
            MarketResult r =
                    new MarketResult(
                            "x",
                            status,
                            Double.NaN,
                            List.of(),
                            List.of(),
                            List.of(),
                            Optional.empty(),
                            null);
            JsonNode t = tree(ResultWriter.write(r));
            assertTrue(t.get("objective").isNull(), status.name());
            assertTrue(t.get("solver").get("name").isNull(), "no solver statistics: nulls");
            assertEquals(status, ResultReader.read(ResultWriter.write(r)).status());
        }
    }

    @Test
    void writingAFileReplacesThePreviousResultWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "x".repeat(100_000));
        ResultWriter.write(solved(), file);
        assertEquals(ResultWriter.write(solved()), Files.readString(file));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aLargeResultIsStreamedToTheFile(@TempDir Path dir) {
        List<Trade> trades = new ArrayList<>();
        List<PeerOutcome> peers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            peers.add(new PeerOutcome(PeerId.of("G" + i), 100, Double.NaN, 20, Double.NaN, 0));
            peers.add(new PeerOutcome(PeerId.of("C" + i), -100, Double.NaN, 20, Double.NaN, 0));
        }
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                trades.add(new Trade(PeerId.of("G" + i), PeerId.of("C" + j), 0.5, 20 + 1e-3 * j));
            }
        }
        MarketResult r =
                new MarketResult(
                        "large",
                        Status.ITERATION_LIMIT,
                        1.5e6,
                        peers,
                        trades,
                        List.of(),
                        Optional.empty(),
                        new SolverStats("admm", 1000, 12.5, 1e-3, 2e-3, Double.NaN));
        Path file = dir.resolve("large.json");
        ResultWriter.write(r, file);
        ResultFile back = ResultReader.read(file);
        assertEquals(3_600, back.trades().size());
        assertEquals(
                new ResultFile.TradeRow("G59", "C59", 0.5, 20 + 1e-3 * 59),
                back.trades().get(3_599));
    }

    @Test
    void aResultOmittingEveryOptionalFieldReads() {
        // optional in the result format: a peer's heat, network, a line's loadingPercent; objective
        // may be null
        String minimal =
                """
                {"format": "p2p-market-result/1", "case": "m", "status": "ITERATION_LIMIT", "objective": null,
                 "peers": [{"id": "G", "power": 5, "price": 1}], "trades": [], "heatTrades": [],
                 "solver": {"name": null, "iterations": null, "seconds": 0, "primalResidual": null, "dualResidual": null}}
                """;
        ResultFile r = ResultReader.read(minimal);
        assertTrue(Double.isNaN(r.objective()));
        assertTrue(Double.isNaN(r.peer("G").orElseThrow().heat()));
        assertTrue(r.network().isEmpty());
        String withNetwork =
                minimal.replace(
                        "\"heatTrades\": [],",
                        "\"heatTrades\": [], \"network\": {\"lineFlows\": [{\"id\": \"L1\", \"flowKw\": 3}],"
                                + " \"lossesKw\": 0.1, \"congestedLines\": [], \"penalizedLines\": []},");
        ResultFile.LineFlowRow flow =
                ResultReader.read(withNetwork).network().orElseThrow().lineFlows().get(0);
        assertTrue(Double.isNaN(flow.loadingPercent()) && !flow.hasShadowPrice());
    }
}
