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
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.result.Trade;
import org.junit.jupiter.api.Test;

/**
 * The optional peer fields {@code heatPrice} and {@code cost} of {@code
 * docs/case-format-extensions.md}.
 */
class PeerCostFieldsTest {

    static final PeerId G20 = PeerId.of("G20"), C1 = PeerId.of("C1"), CHP12 = PeerId.of("CHP12");
    static final SolverStats STATS =
            new SolverStats("centralized-qp", 14, 0.004, 1e-9, 1e-9, Double.NaN);

    /**
     * C1 buys power and heat, G20 sells power only, CHP12 sells both; costs as the four-bus case's
     * at these set-points.
     */
    static List<PeerOutcome> peers() {
        return List.of(
                new PeerOutcome(C1, -420, -90, 44.8, 36.4, -27546),
                new PeerOutcome(G20, 220, Double.NaN, 17.2, Double.NaN, 3542),
                new PeerOutcome(CHP12, 200, 70, 28, 9.4, 5049));
    }

    static MarketResult result(List<PeerOutcome> peers) {
        return new MarketResult(
                "four-bus-example",
                Status.OPTIMAL,
                -18955,
                peers,
                List.of(new Trade(G20, C1, 220, 44.8), new Trade(CHP12, C1, 200, 44.8)),
                List.of(new Trade(CHP12, C1, 70, 36.4)),
                Optional.empty(),
                STATS);
    }

    /**
     * {@code json} without the peers' {@code heatPrice} and {@code cost} members (numbers or null).
     */
    static String withoutPeerExtensions(String json) {
        return json.replaceAll(",\\s*\"(heatPrice|cost)\": [^,}\\s]+", "");
    }

    @Test
    void costAndHeatPriceFollowTheSpecifiedPeerFields() throws Exception {
        JsonNode peers = tree(ResultWriter.write(result(peers()))).get("peers");
        assertEquals(
                List.of("id", "power", "heat", "price", "heatPrice", "cost"), names(peers.get(0)));
        assertEquals(
                List.of("id", "power", "price", "cost"),
                names(peers.get(1)),
                "a peer without heat gains only its cost");
        assertEquals(36.4, peers.get(0).get("heatPrice").doubleValue());
        assertEquals(-27546, peers.get(0).get("cost").doubleValue());
        assertEquals(3542, peers.get(1).get("cost").doubleValue());
    }

    @Test
    void costAndHeatPriceRoundTripThroughTheReader() {
        ResultFile back = ResultReader.read(ResultWriter.write(result(peers())));
        assertEquals(
                new ResultFile.PeerRow("C1", -420, -90, 44.8, 36.4, -27546),
                back.peer("C1").orElseThrow());
        assertEquals(
                new ResultFile.PeerRow("G20", 220, Double.NaN, 17.2, Double.NaN, 3542),
                back.peer("G20").orElseThrow());
        assertEquals(
                new ResultFile.PeerRow("CHP12", 200, 70, 28, 9.4, 5049),
                back.peer("CHP12").orElseThrow());
    }

    @Test
    void unknownNumbersAreLeftOutAndReadBackAsNaN() throws Exception {
        // a result built without costs (NaN) and a heat peer whose heat price is unknown
        MarketResult r =
                result(
                        List.of(
                                new PeerOutcome(C1, -420, -90, 44.8, Double.NaN, Double.NaN),
                                new PeerOutcome(
                                        G20, 220, Double.NaN, 17.2, Double.NaN, Double.NaN)));
        String written = ResultWriter.write(r);
        assertFalse(written.contains("heatPrice") || written.contains("\"cost\""), written);
        assertEquals(
                List.of("id", "power", "heat", "price"), names(tree(written).get("peers").get(0)));
        ResultFile.PeerRow c1 = ResultReader.read(written).peer("C1").orElseThrow();
        assertTrue(Double.isNaN(c1.heatPrice()) && Double.isNaN(c1.cost()));
        assertEquals(
                new ResultFile.PeerRow("C1", -420, -90, 44.8),
                c1,
                "the four-number row is a row without the extensions");
    }

    @Test
    void filesWithoutTheFieldsReadAsNaN() {
        ResultFile spec = ResultReader.read(CaseReaderTest.resource("four-bus-result.json"));
        ResultFile.PeerRow c1 = spec.peer("C1").orElseThrow();
        assertTrue(Double.isNaN(c1.heatPrice()) && Double.isNaN(c1.cost()));
    }

    @Test
    void aNoSolutionResultWritesNoPeers() throws Exception {
        MarketResult r =
                new MarketResult(
                        "x",
                        Status.INFEASIBLE,
                        Double.NaN,
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        STATS);
        assertEquals(0, tree(ResultWriter.write(r)).get("peers").size());
    }

    @Test
    void aVersionTwoPeriodGivesTheCostOfThePeriodInDollars() throws Exception {
        // cost rates are $/h; a period of 0.25 h costs a quarter of the rate; the heat price is a
        // marginal cost, $/kWh thermal
        MarketResult period = result(peers());
        MultiPeriodResult r =
                new MultiPeriodResult(
                        "four-bus-example",
                        Termination.optimal(""),
                        -4738.75,
                        0.25,
                        List.of(period, period),
                        List.of(),
                        STATS);
        JsonNode p0 = tree(ResultWriter.write(r)).get("periods").get(0).get("peers");
        assertEquals(
                List.of("id", "power", "heat", "price", "heatPrice", "cost"), names(p0.get(0)));
        assertEquals(List.of("id", "power", "price", "cost"), names(p0.get(1)));
        assertEquals(-27546 * 0.25, p0.get(0).get("cost").doubleValue());
        assertEquals(36.4, p0.get(0).get("heatPrice").doubleValue());
        MultiPeriodResultFile back = ResultReader.readMultiPeriod(ResultWriter.write(r));
        assertEquals(
                new ResultFile.PeerRow("CHP12", 200, 70, 28, 9.4, 5049 * 0.25),
                back.period(1).peer("CHP12").orElseThrow());
        assertEquals(3542 * 0.25, back.period(1).peer("G20").orElseThrow().cost());
        assertTrue(Double.isNaN(back.period(1).peer("G20").orElseThrow().heatPrice()));
    }

    @Test
    void wrongValuesAreRejectedWithTheirPathAndNullReadsAsNaN() {
        String written = ResultWriter.write(result(peers()));
        assertTrue(written.contains("\"cost\": 3542"), written);
        ResultFile nulled = ResultReader.read(written.replace("\"cost\": 3542", "\"cost\": null"));
        assertTrue(Double.isNaN(nulled.peer("G20").orElseThrow().cost()));
        String bad =
                written.replace("\"cost\": 3542", "\"cost\": \"3542\"")
                        .replace("\"heatPrice\": 9.4", "\"heatprice\": 9.4")
                        .replace("\"price\": 17.2", "\"price\": 17.2, \"heatPrice\": 3");
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(bad));
        CaseReaderTest.assertProblem(
                e.problems(), "$.peers[1].cost: expected a number, got string \"3542\"");
        CaseReaderTest.assertProblem(
                e.problems(),
                "$.peers[2].heatprice: unknown field",
                "Maybe you meant \"heatPrice\"");
        CaseReaderTest.assertProblem(
                e.problems(), "$.peers[1].heatPrice: a heat price needs the peer's heat");
    }

    @Test
    void versionOneOutputIsOtherwiseUnchanged() {
        // the same result without the extensions' data is written exactly as the text with those
        // members cut out
        String with = ResultWriter.write(result(peers()));
        List<PeerOutcome> bare =
                peers().stream()
                        .map(
                                p ->
                                        new PeerOutcome(
                                                p.id(),
                                                p.power(),
                                                p.heat(),
                                                p.price(),
                                                Double.NaN,
                                                Double.NaN))
                        .toList();
        assertEquals(ResultWriter.write(result(bare)), withoutPeerExtensions(with));
    }
}
