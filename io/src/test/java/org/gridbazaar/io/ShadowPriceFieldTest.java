package org.gridbazaar.io;

import static org.gridbazaar.io.ResultWriterTest.names;
import static org.gridbazaar.io.ResultWriterTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The optional line-flow field {@code shadowPrice} of {@code docs/case-format-extensions.md}. */
class ShadowPriceFieldTest {

    static final PeerId G20 = PeerId.of("G20"), C1 = PeerId.of("C1"), CHP12 = PeerId.of("CHP12");

    /** A result with the given line flows and otherwise fixed content. */
    static MarketResult withFlows(List<LineFlow> flows) {
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
                Optional.of(new NetworkOutcome(flows, 26.95, List.of("L1"), List.of("L2"))),
                new SolverStats("centralized-qp", 14, 0.004, 1e-9, Double.NaN, Double.NaN));
    }

    @Test
    void aResultWithoutShadowPricesIsWrittenByteForByteAsBeforeApartFromThePeerExtensions() {
        // result-without-shadow-prices.json is ResultWriter's output for this result before the
        // extensions;
        // since then every peer gains its cost, and peers with heat their heat price, at the end of
        // its object
        MarketResult r =
                withFlows(
                        List.of(
                                new LineFlow("L1", 812.4, 32.5),
                                new LineFlow("L3", -420, Double.NaN),
                                new LineFlow("L 4", -0.0, 0.0, Double.NaN)));
        String before = CaseReaderTest.resource("result-without-shadow-prices.json");
        assertEquals(before, PeerCostFieldsTest.withoutPeerExtensions(ResultWriter.write(r)));
        assertFalse(before.contains("shadowPrice"));
    }

    @Test
    void shadowPriceIsWrittenAfterTheLoadingOnlyWhereThereIsOne() throws Exception {
        MarketResult r =
                withFlows(
                        List.of(
                                new LineFlow("L1", 2500, 100, 13.6),
                                new LineFlow("L2", -900, 100, -4.25),
                                new LineFlow("L3", -420, Double.NaN),
                                new LineFlow("L4", 10, 5, 0)));
        JsonNode flows = tree(ResultWriter.write(r)).get("network").get("lineFlows");
        assertEquals(List.of("id", "flowKw", "loadingPercent", "shadowPrice"), names(flows.get(0)));
        assertEquals(13.6, flows.get(0).get("shadowPrice").doubleValue());
        assertEquals(-4.25, flows.get(1).get("shadowPrice").doubleValue());
        assertEquals(
                List.of("id", "flowKw"), names(flows.get(2)), "no shadow price where it is NaN");
        assertEquals(
                List.of("id", "flowKw", "loadingPercent", "shadowPrice"),
                names(flows.get(3)),
                "0 (not binding) is written");
        assertEquals(0.0, flows.get(3).get("shadowPrice").doubleValue());
    }

    @Test
    void shadowPricesRoundTripThroughTheReader() {
        MarketResult r =
                withFlows(
                        List.of(
                                new LineFlow("L1", 2500, 100, 13.600000000000485),
                                new LineFlow("L2", -900, 100, -4.25),
                                new LineFlow("L3", -420, Double.NaN),
                                new LineFlow("L4", 10, 5, 0)));
        List<ResultFile.LineFlowRow> rows =
                ResultReader.read(ResultWriter.write(r)).network().orElseThrow().lineFlows();
        assertEquals(new ResultFile.LineFlowRow("L1", 2500, 100, 13.600000000000485), rows.get(0));
        assertEquals(new ResultFile.LineFlowRow("L2", -900, 100, -4.25), rows.get(1));
        assertEquals(new ResultFile.LineFlowRow("L3", -420, Double.NaN), rows.get(2));
        assertFalse(rows.get(2).hasShadowPrice());
        assertTrue(rows.get(3).hasShadowPrice());
        assertEquals(0.0, rows.get(3).shadowPrice());
        for (int i = 0; i < rows.size(); i++) {
            LineFlow f = r.network().orElseThrow().lineFlows().get(i);
            assertEquals(f.hasShadowPrice(), rows.get(i).hasShadowPrice(), f.lineId());
        }
    }

    @Test
    void threeArgumentRowIsARowWithoutShadowPrice() {
        ResultFile.LineFlowRow row = new ResultFile.LineFlowRow("L1", 812.4, 32.5);
        assertTrue(Double.isNaN(row.shadowPrice()));
        assertFalse(row.hasShadowPrice());
        assertEquals(new ResultFile.LineFlowRow("L1", 812.4, 32.5, Double.NaN), row);
    }

    @Test
    void filesWithoutTheFieldReadAsNaN() {
        ResultFile spec = ResultReader.read(CaseReaderTest.resource("four-bus-result.json"));
        assertTrue(Double.isNaN(spec.network().orElseThrow().lineFlows().get(0).shadowPrice()));
        ResultFile before =
                ResultReader.read(CaseReaderTest.resource("result-without-shadow-prices.json"));
        assertTrue(
                before.network().orElseThrow().lineFlows().stream()
                        .noneMatch(ResultFile.LineFlowRow::hasShadowPrice));
    }

    @Test
    void nullShadowPriceReadsAsNaNAndAWrongTypeIsRejectedWithItsPath() {
        String written =
                ResultWriter.write(
                        withFlows(
                                List.of(
                                        new LineFlow("L1", 2500, 100, 13.6),
                                        new LineFlow("L2", 3, 1, 0))));
        assertTrue(written.contains("\"shadowPrice\": 13.6"), written);
        ResultFile nulled =
                ResultReader.read(
                        written.replace("\"shadowPrice\": 13.6", "\"shadowPrice\": null"));
        assertFalse(nulled.network().orElseThrow().lineFlows().get(0).hasShadowPrice());
        String bad =
                written.replace("\"shadowPrice\": 13.6", "\"shadowPrice\": \"13.6\"")
                        .replace("\"shadowPrice\": 0", "\"shadowPrise\": 0");
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(bad));
        CaseReaderTest.assertProblem(
                e.problems(),
                "$.network.lineFlows[0].shadowPrice: expected a number, got string \"13.6\"");
        CaseReaderTest.assertProblem(
                e.problems(),
                "$.network.lineFlows[1].shadowPrise: unknown field",
                "Maybe you meant \"shadowPrice\"");
    }
}
