package org.gridbazaar.io;

import static org.gridbazaar.io.ResultWriterTest.names;
import static org.gridbazaar.io.ResultWriterTest.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Termination;
import org.gridbazaar.result.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading version-2 results ({@code p2p-market-result/2}). */
class MultiPeriodResultTest {

    static final PeerId B7 = PeerId.of("B7"), PV1 = PeerId.of("PV1");
    static final SolverStats STATS =
            new SolverStats("structured-ipm", 31, 0.2, 1e-9, 1e-9, Double.NaN);

    /** Period 0: the v1 example (with a network); period 1: two peers, no network. */
    static MultiPeriodResult solved() {
        MarketResult p0 = ResultWriterTest.solved();
        MarketResult p1 =
                new MarketResult(
                        "two-day",
                        Status.OPTIMAL,
                        0.7,
                        List.of(
                                new PeerOutcome(B7, -3.2, Double.NaN, 0.21, Double.NaN, 0),
                                new PeerOutcome(PV1, 3.2, Double.NaN, 0.21, Double.NaN, 0)),
                        List.of(new Trade(PV1, B7, 3.2, 0.21)),
                        List.of(),
                        Optional.empty(),
                        STATS);
        StorageOutcome s =
                new StorageOutcome(
                        B7, new double[] {0, 1.5}, new double[] {2, 0}, new double[] {6, 7.25});
        return new MultiPeriodResult(
                "two-day",
                Termination.optimal(""),
                1234.5,
                0.5,
                List.of(p0, p1),
                List.of(s),
                STATS);
    }

    static MultiPeriodResult infeasible(String detail) {
        return new MultiPeriodResult(
                "two-day",
                Termination.withoutPoint(Termination.Reason.INFEASIBLE, detail),
                Double.NaN,
                1,
                List.of(),
                List.of(),
                STATS);
    }

    @Test
    void writesExactlyTheSpecifiedStructure() throws Exception {
        JsonNode r = tree(ResultWriter.write(solved()));
        assertEquals(
                List.of("format", "case", "status", "objective", "periods", "storage", "solver"),
                names(r));
        assertEquals("p2p-market-result/2", r.get("format").asText());
        assertEquals("OPTIMAL", r.get("status").asText());
        assertEquals(1234.5, r.get("objective").asDouble());
        assertEquals(2, r.get("periods").size());
        assertEquals(
                List.of("period", "peers", "trades", "heatTrades", "network"),
                names(r.get("periods").get(0)));
        assertEquals(
                List.of("period", "peers", "trades", "heatTrades"),
                names(r.get("periods").get(1)),
                "network only when the period has one");
        assertEquals(1, r.get("periods").get(1).get("period").asInt());
        assertEquals(
                List.of("id", "chargeKw", "dischargeKw", "energyKwh"),
                names(r.get("storage").get(0)));
        assertEquals("[6,7.25]", r.get("storage").get(0).get("energyKwh").toString());
        assertEquals(
                List.of("name", "iterations", "seconds", "primalResidual", "dualResidual"),
                names(r.get("solver")));
    }

    @Test
    void eachPeriodHoldsExactlyWhatAVersionOneResultHolds() throws Exception {
        MultiPeriodResult result = solved();
        JsonNode periods = tree(ResultWriter.write(result)).get("periods");
        for (int t = 0; t < result.periodCount(); t++) {
            JsonNode v1 = tree(ResultWriter.write(result.period(t)));
            JsonNode v2 = periods.get(t);
            for (String section : List.of("peers", "trades", "heatTrades", "network")) {
                assertEquals(v1.get(section), v2.get(section), section + " of period " + t);
            }
        }
    }

    @Test
    void anInfeasibleResultHasNullObjectiveEmptyListsAndAReason() throws Exception {
        JsonNode r =
                tree(
                        ResultWriter.write(
                                infeasible("storage B7 cannot meet its target in period 3")));
        assertEquals(
                List.of(
                        "format",
                        "case",
                        "status",
                        "objective",
                        "reason",
                        "periods",
                        "storage",
                        "solver"),
                names(r));
        assertEquals("INFEASIBLE", r.get("status").asText());
        assertTrue(r.get("objective").isNull());
        assertEquals(0, r.get("periods").size());
        assertEquals(0, r.get("storage").size());
        assertEquals("storage B7 cannot meet its target in period 3", r.get("reason").asText());
        assertFalse(
                tree(ResultWriter.write(infeasible(""))).get("reason").asText().isEmpty(),
                "a reason even when the solver gave none");
        MultiPeriodResultFile back =
                ResultReader.readMultiPeriod(ResultWriter.write(infeasible("no way")));
        assertEquals(Status.INFEASIBLE, back.status());
        assertTrue(Double.isNaN(back.objective()));
        assertEquals("no way", back.reason());
        assertTrue(back.periods().isEmpty() && back.storage().isEmpty());
    }

    @Test
    void readsBackWhatItWrote() {
        MultiPeriodResultFile f =
                ResultReader.readMultiPeriod(ResultWriter.write(solved()), "r.json");
        assertEquals("two-day", f.caseName());
        assertEquals(Status.OPTIMAL, f.status());
        assertEquals(1234.5, f.objective());
        assertEquals("", f.reason());
        assertEquals(2, f.periods().size());
        assertEquals(-420, f.period(0).peer("C1").orElseThrow().power());
        assertEquals(-90, f.period(0).peer("C1").orElseThrow().heat());
        assertEquals(
                List.of(new ResultFile.TradeRow("PV1", "B7", 3.2, 0.21)), f.period(1).trades());
        assertEquals(List.of("L2"), f.period(0).network().orElseThrow().penalizedLines());
        assertEquals(812.4, f.period(0).network().orElseThrow().lineFlows().get(0).flowKw());
        assertTrue(f.period(1).network().isEmpty());
        MultiPeriodResultFile.StorageRow s = f.storage("B7").orElseThrow();
        assertArrayEquals(new double[] {0, 1.5}, s.chargeKw());
        assertArrayEquals(new double[] {2, 0}, s.dischargeKw());
        assertArrayEquals(new double[] {6, 7.25}, s.energyKwh());
        assertEquals("structured-ipm", f.solver().name());
    }

    @Test
    void pathAndStreamWritersWriteTheSameText(@TempDir Path dir) throws Exception {
        MultiPeriodResult r = solved();
        Path file = dir.resolve("result.json");
        ResultWriter.write(r, file);
        assertEquals(ResultWriter.write(r), Files.readString(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter.write(r, out);
        assertEquals(ResultWriter.write(r), out.toString(StandardCharsets.UTF_8));
        assertEquals(2, ResultReader.readMultiPeriod(file).periods().size());
    }

    @Test
    void eachReaderNamesTheOtherForTheOtherVersion() {
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () -> ResultReader.read(ResultWriter.write(solved())));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("readMultiPeriod"), e.getMessage());
        CaseFormatException back =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                ResultReader.readMultiPeriod(
                                        ResultWriter.write(ResultWriterTest.solved())));
        assertTrue(back.problems().get(0).contains("ResultReader.read"), back.getMessage());
    }

    @Test
    void malformedVersionTwoResultsNameThePath() {
        String text = ResultWriter.write(solved());
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                ResultReader.readMultiPeriod(
                                        text.replace(
                                                "\"energyKwh\": [6, 7.25]", "\"energyKwh\": [6]")));
        assertTrue(
                e.problems().stream()
                        .anyMatch(
                                p ->
                                        p.startsWith("$.storage[0].energyKwh")
                                                && p.contains("2 periods")),
                e.getMessage());
        CaseFormatException order =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                ResultReader.readMultiPeriod(
                                        text.replace("\"period\": 1", "\"period\": 5")));
        assertTrue(
                order.problems().stream().anyMatch(p -> p.startsWith("$.periods[1].period")),
                order.getMessage());
    }
}
