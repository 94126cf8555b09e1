package org.gridbazaar.io;

import static org.gridbazaar.io.ResultWriterTest.names;
import static org.gridbazaar.io.ResultWriterTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.gridbazaar.result.AcOutcome;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.Termination;
import org.junit.jupiter.api.Test;

/**
 * The optional network field {@code ac} (the AC power flow) of {@code
 * docs/case-format-extensions.md}.
 */
class AcPowerFlowFieldTest {

    static final AcOutcome CONVERGED =
            new AcOutcome(
                    true,
                    8.049596145033737,
                    4.775273546354294,
                    0.9436243857763359,
                    "B2",
                    1.0,
                    List.of("B2"),
                    "B1");
    static final AcOutcome DIVERGED =
            new AcOutcome(false, 1e9, Double.NaN, 0.2, "B3", 1.0, List.of("B2", "B3"), "B1");

    static MarketResult withAc(AcOutcome ac) {
        MarketResult base = ResultWriterTest.solved();
        NetworkOutcome n = base.network().orElseThrow();
        return new MarketResult(
                base.caseName(),
                base.status(),
                base.objective(),
                base.peers(),
                base.trades(),
                base.heatTrades(),
                Optional.of(
                        new NetworkOutcome(
                                n.lineFlows(),
                                n.lossesKw(),
                                n.congestedLines(),
                                n.penalizedLines(),
                                ac)),
                base.solver());
    }

    @Test
    void acFollowsTheSpecifiedNetworkFields() throws Exception {
        JsonNode network = tree(ResultWriter.write(withAc(CONVERGED))).get("network");
        assertEquals(
                List.of("lineFlows", "lossesKw", "congestedLines", "penalizedLines", "ac"),
                names(network));
        JsonNode ac = network.get("ac");
        assertEquals(
                List.of(
                        "converged",
                        "lossesKw",
                        "lossesKvar",
                        "minVoltagePu",
                        "minVoltageBus",
                        "maxVoltagePu",
                        "maxVoltageBus",
                        "voltageViolations"),
                names(ac));
        assertTrue(ac.get("converged").isBoolean() && ac.get("converged").booleanValue());
        assertEquals(8.049596145033737, ac.get("lossesKw").doubleValue());
        assertEquals("B2", ac.get("minVoltageBus").textValue());
        assertEquals("[\"B2\"]", ac.get("voltageViolations").toString());
    }

    @Test
    void acRoundTripsThroughTheReader() {
        ResultFile.AcRow back =
                ResultReader.read(ResultWriter.write(withAc(CONVERGED)))
                        .network()
                        .orElseThrow()
                        .acPowerFlow()
                        .orElseThrow();
        assertEquals(
                new ResultFile.AcRow(
                        true,
                        8.049596145033737,
                        4.775273546354294,
                        0.9436243857763359,
                        "B2",
                        1.0,
                        "B1",
                        List.of("B2")),
                back);
    }

    @Test
    void aSweepThatDidNotConvergeGivesOnlyThat() throws Exception {
        String written = ResultWriter.write(withAc(DIVERGED));
        JsonNode ac = tree(written).get("network").get("ac");
        assertEquals(
                List.of("converged"),
                names(ac),
                "the last iterate of a diverged sweep is not a power flow");
        assertFalse(ac.get("converged").booleanValue());
        ResultFile.AcRow back =
                ResultReader.read(written).network().orElseThrow().acPowerFlow().orElseThrow();
        assertFalse(back.converged());
        assertTrue(
                Double.isNaN(back.lossesKw())
                        && Double.isNaN(back.minVoltagePu())
                        && back.voltageViolations().isEmpty());
    }

    @Test
    void noAcWithoutAnAcPowerFlowAndTheReaderGivesNone() throws Exception {
        String written = ResultWriter.write(ResultWriterTest.solved());
        assertFalse(tree(written).get("network").has("ac"));
        assertTrue(ResultReader.read(written).network().orElseThrow().acPowerFlow().isEmpty());
        assertTrue(
                ResultReader.read(CaseReaderTest.resource("four-bus-result.json"))
                        .network()
                        .orElseThrow()
                        .acPowerFlow()
                        .isEmpty());
        assertNull(new ResultFile.NetworkRow(List.of(), 0, List.of(), List.of()).ac());
    }

    @Test
    void anOutcomeThatDoesNotNameTheHighestBusLeavesItOut() throws Exception {
        AcOutcome old = new AcOutcome(true, 1.5, 0.5, 0.97, "B4", 1.0, List.of());
        assertNull(old.maxVoltageBus());
        String written = ResultWriter.write(withAc(old));
        assertFalse(tree(written).get("network").get("ac").has("maxVoltageBus"));
        ResultFile.AcRow back =
                ResultReader.read(written).network().orElseThrow().acPowerFlow().orElseThrow();
        assertEquals(new ResultFile.AcRow(true, 1.5, 0.5, 0.97, "B4", 1.0, null, List.of()), back);
    }

    @Test
    void eachPeriodOfAVersionTwoResultCarriesItsOwn() throws Exception {
        MarketResult p0 = withAc(CONVERGED), p1 = withAc(DIVERGED);
        MultiPeriodResult r =
                new MultiPeriodResult(
                        "two",
                        Termination.optimal(""),
                        1,
                        1,
                        List.of(p0, p1),
                        List.of(),
                        p0.solver());
        MultiPeriodResultFile back = ResultReader.readMultiPeriod(ResultWriter.write(r));
        assertTrue(back.period(0).network().orElseThrow().acPowerFlow().orElseThrow().converged());
        assertEquals(
                0.9436243857763359,
                back.period(0).network().orElseThrow().acPowerFlow().orElseThrow().minVoltagePu());
        assertFalse(back.period(1).network().orElseThrow().acPowerFlow().orElseThrow().converged());
    }

    @Test
    void wrongValuesAreRejectedWithTheirPath() {
        String written = ResultWriter.write(withAc(CONVERGED));
        String bad = written.replace("\"converged\": true", "\"converged\": \"yes\"");
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(bad));
        CaseReaderTest.assertProblem(
                e.problems(), "$.network.ac.converged: expected true or false, got string \"yes\"");
        String missing =
                written.replace("\"lossesKvar\": 4.775273546354294,", "")
                        .replace(
                                "\"minVoltagePu\": 0.9436243857763359",
                                "\"minVoltagePu\": \"low\"");
        CaseFormatException m =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(missing));
        CaseReaderTest.assertProblem(
                m.problems(), "$.network.ac.lossesKvar: missing required field");
        CaseReaderTest.assertProblem(m.problems(), "$.network.ac.minVoltagePu: expected a number");
        String diverged =
                ResultWriter.write(withAc(DIVERGED))
                        .replace("\"converged\": false", "\"converged\": false, \"lossesKw\": 3");
        CaseFormatException d =
                assertThrows(CaseFormatException.class, () -> ResultReader.read(diverged));
        CaseReaderTest.assertProblem(
                d.problems(), "$.network.ac.lossesKw (the sweep did not converge): unknown field");
    }

    @Test
    void versionOneOutputIsOtherwiseUnchanged() {
        String with = ResultWriter.write(withAc(CONVERGED));
        assertEquals(
                ResultWriter.write(withAc(null)), with.replaceAll(",\\s*\"ac\": \\{[^}]*\\}", ""));
    }
}
