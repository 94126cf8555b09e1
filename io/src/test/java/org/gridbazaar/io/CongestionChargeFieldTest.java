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
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.result.Trade;
import org.junit.jupiter.api.Test;

/**
 * The optional power-trade field {@code congestionCharge} of {@code
 * docs/case-format-extensions.md}.
 */
class CongestionChargeFieldTest {

    static final PeerId G1 = PeerId.of("G1"), C1 = PeerId.of("C1"), P2 = PeerId.of("P2");

    /**
     * The extensions document's example with line limits: L1 binds at +13.6 $/kW, G1 -> C1 crosses
     * it, P2 -> C1 does not.
     */
    static MarketResult result(List<Trade> trades, List<Trade> heatTrades) {
        return new MarketResult(
                "power-factor-example",
                Status.OPTIMAL,
                -4341,
                List.of(
                        new PeerOutcome(G1, 120, Double.NaN, 22.4, Double.NaN, 2544),
                        new PeerOutcome(C1, -150, Double.NaN, 45, Double.NaN, -7875),
                        new PeerOutcome(P2, 30, Double.NaN, 36, Double.NaN, 990)),
                trades,
                heatTrades,
                Optional.of(
                        new NetworkOutcome(
                                List.of(
                                        new LineFlow("L1", 120, 100, 13.6),
                                        new LineFlow("L2", -30, Double.NaN)),
                                4.95,
                                List.of(),
                                List.of())),
                new SolverStats("structured-ipm", 8, 0.09, 5e-13, 4e-13, Double.NaN));
    }

    static final List<Trade> WITH_LIMITS =
            List.of(new Trade(G1, C1, 120, 22.4, 13.6), new Trade(P2, C1, 30, 36, 0));

    @Test
    void theChargeFollowsThePriceAndIsWrittenWheneverKnownEvenWhenZero() throws Exception {
        JsonNode trades = tree(ResultWriter.write(result(WITH_LIMITS, List.of()))).get("trades");
        assertEquals(
                List.of("seller", "buyer", "power", "price", "congestionCharge"),
                names(trades.get(0)));
        assertEquals(13.6, trades.get(0).get("congestionCharge").doubleValue());
        assertEquals(
                List.of("seller", "buyer", "power", "price", "congestionCharge"),
                names(trades.get(1)),
                "0 (crosses no binding line) differs from absent (limits not enforced)");
        assertEquals(0.0, trades.get(1).get("congestionCharge").doubleValue());
    }

    @Test
    void theChargeRoundTripsAndGivesWhatTheBuyerPays() {
        ResultFile back = ResultReader.read(ResultWriter.write(result(WITH_LIMITS, List.of())));
        assertEquals(new ResultFile.TradeRow("G1", "C1", 120, 22.4, 13.6), back.trades().get(0));
        assertEquals(new ResultFile.TradeRow("P2", "C1", 30, 36, 0), back.trades().get(1));
        // C1 pays one price for all it buys: the seller's price plus the charge
        assertEquals(36, back.trades().get(0).buyerPrice(), 1e-12);
        assertEquals(36, back.trades().get(1).buyerPrice(), 1e-12);
    }

    @Test
    void noChargeWithoutLineLimitsAndTheReaderGivesNaN() throws Exception {
        List<Trade> without = List.of(new Trade(G1, C1, 150, 23.4), new Trade(G1, P2, 20, 23.4));
        String written = ResultWriter.write(result(without, List.of()));
        assertFalse(written.contains("congestionCharge"), written);
        ResultFile.TradeRow row = ResultReader.read(written).trades().get(0);
        assertFalse(row.hasCongestionCharge());
        assertEquals(23.4, row.buyerPrice(), "without a charge the buyer pays the price");
        assertEquals(new ResultFile.TradeRow("G1", "C1", 150, 23.4), row);
        assertFalse(
                ResultReader.read(CaseReaderTest.resource("four-bus-result.json"))
                        .trades()
                        .get(0)
                        .hasCongestionCharge());
    }

    @Test
    void versionOneOutputIsOtherwiseUnchanged() {
        List<Trade> bare =
                WITH_LIMITS.stream()
                        .map(t -> new Trade(t.seller(), t.buyer(), t.quantity(), t.price()))
                        .toList();
        String with = ResultWriter.write(result(WITH_LIMITS, List.of()));
        assertEquals(
                ResultWriter.write(result(bare, List.of())),
                with.replaceAll(",\\s*\"congestionCharge\": [^,}\\s]+", ""));
    }

    @Test
    void eachPeriodOfAVersionTwoResultCarriesItsCharges() {
        MultiPeriodResult r =
                new MultiPeriodResult(
                        "two",
                        Termination.optimal(""),
                        1,
                        1,
                        List.of(
                                result(WITH_LIMITS, List.of()),
                                result(List.of(new Trade(G1, C1, 150, 23.4)), List.of())),
                        List.of(),
                        new SolverStats("structured-ipm", 8, 0.09, 5e-13, 4e-13, Double.NaN));
        MultiPeriodResultFile back = ResultReader.readMultiPeriod(ResultWriter.write(r));
        assertEquals(13.6, back.period(0).trades().get(0).congestionCharge());
        assertFalse(back.period(1).trades().get(0).hasCongestionCharge());
    }

    @Test
    void heatTradesHaveNoChargeAndAWrongValueIsRejectedWithItsPath() {
        String written = ResultWriter.write(result(WITH_LIMITS, List.of(new Trade(G1, C1, 10, 5))));
        String bad =
                written.replace("\"congestionCharge\": 13.6", "\"congestionCharge\": \"13.6\"")
                        .replace(
                                "\"heat\": 10, \"price\": 5",
                                "\"heat\": 10, \"price\": 5, \"congestionCharge\": 1");
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(bad));
        CaseReaderTest.assertProblem(
                e.problems(),
                "$.trades[0].congestionCharge: expected a number, got string \"13.6\"");
        CaseReaderTest.assertProblem(
                e.problems(), "$.heatTrades[0].congestionCharge: unknown field");
        ResultFile nulled =
                ResultReader.read(
                        written.replace(
                                "\"congestionCharge\": 13.6", "\"congestionCharge\": null"));
        assertFalse(nulled.trades().get(0).hasCongestionCharge());
        assertTrue(nulled.trades().get(1).hasCongestionCharge());
    }
}
