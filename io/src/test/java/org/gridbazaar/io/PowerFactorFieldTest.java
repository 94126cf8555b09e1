package org.gridbazaar.io;

import static org.gridbazaar.io.CaseReaderTest.C;
import static org.gridbazaar.io.CaseReaderTest.G;
import static org.gridbazaar.io.CaseReaderTest.assertProblem;
import static org.gridbazaar.io.CaseReaderTest.problems;
import static org.gridbazaar.io.CaseReaderTest.withPeers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The optional peer field {@code powerFactor} of {@code docs/case-format-extensions.md}. */
class PowerFactorFieldTest {

    static final PeerId GID = PeerId.of("G"), CID = PeerId.of("C");

    /**
     * The minimal case with the consumer C first and {@code "powerFactor": json} on the producer G,
     * peer [1].
     */
    static String producerWith(String json) {
        return withPeers(C + "," + G.replace("}}}", "}}, \"powerFactor\": " + json + "}"));
    }

    @Test
    void absentFieldMeansUnityForEveryPeer() {
        Market m = CaseReader.read(CaseReaderTest.example(), "example");
        assertTrue(m.powerFactors().isEmpty());
        m.peers().forEach(p -> assertEquals(PowerFactor.UNITY, m.powerFactor(p.id())));
    }

    @Test
    void aNumberIsALaggingPowerFactor() {
        Market m = CaseReader.read(producerWith("0.9"), "t");
        assertEquals(PowerFactor.lagging(0.9), m.powerFactor(GID));
        assertEquals(PowerFactor.UNITY, m.powerFactor(CID));
        assertEquals(Map.of(GID, PowerFactor.lagging(0.9)), m.powerFactors());
    }

    @Test
    void theObjectFormGivesTheSense() {
        assertEquals(
                PowerFactor.leading(0.95),
                CaseReader.read(producerWith("{\"value\": 0.95, \"sense\": \"leading\"}"), "t")
                        .powerFactor(GID));
        assertEquals(
                PowerFactor.lagging(0.8),
                CaseReader.read(producerWith("{\"sense\": \"lagging\", \"value\": 0.8}"), "t")
                        .powerFactor(GID));
    }

    @Test
    void oneIsUnityInEitherForm() {
        assertTrue(CaseReader.read(producerWith("1"), "t").powerFactors().isEmpty());
        assertTrue(CaseReader.read(producerWith("1.0"), "t").powerFactors().isEmpty());
        assertTrue(
                CaseReader.read(producerWith("{\"value\": 1, \"sense\": \"leading\"}"), "t")
                        .powerFactors()
                        .isEmpty());
    }

    @Test
    void theFieldChangesNoOtherPartOfTheMarket() {
        Market plain = CaseReader.read(withPeers(C + "," + G), "t");
        Market withPf =
                CaseReader.read(producerWith("{\"value\": 0.7, \"sense\": \"leading\"}"), "t");
        assertEquals(plain.peers(), withPf.peers());
        assertEquals(plain.trading(), withPf.trading());
        assertEquals(plain.network(), withPf.network());
        assertEquals(plain.preferences(), withPf.preferences());
    }

    /** Every malformed value, with the path and message fragments its problem must contain. */
    static Stream<Arguments> malformed() {
        String p = "$.peers[1].powerFactor";
        return Stream.of(
                Arguments.of(
                        "0",
                        List.of(
                                p + ": power factor must be in (0, 1], got 0",
                                "leave the field out")),
                Arguments.of("0.0", List.of(p + ": power factor must be in (0, 1], got 0.0")),
                Arguments.of(
                        "-0.9",
                        List.of(
                                p + ": power factor must be in (0, 1], got -0.9",
                                "\"sense\": \"leading\"")),
                Arguments.of("1.0001", List.of(p + ": power factor must be in (0, 1], got 1.0001")),
                Arguments.of(
                        "90",
                        List.of(
                                p + ": power factor must be in (0, 1], got 90",
                                "percentage",
                                "0.9")),
                Arguments.of("1e400", List.of(p + ":", "finite")),
                Arguments.of(
                        "NaN", List.of(p, "malformed JSON", "NaN and Infinity are not allowed")),
                Arguments.of("Infinity", List.of(p, "malformed JSON")),
                Arguments.of(
                        "\"NaN\"",
                        List.of(
                                p + ": expected a number in (0, 1] (lagging) or an object",
                                "got string \"NaN\"")),
                Arguments.of(
                        "\"0.9\"",
                        List.of(p + ": expected a number in (0, 1]", "got string \"0.9\"")),
                Arguments.of("true", List.of(p + ": expected a number", "got boolean true")),
                Arguments.of("null", List.of(p + ": expected a number", "got null")),
                Arguments.of(
                        "[0.9, \"leading\"]", List.of(p + ": expected a number", "got an array")),
                Arguments.of("{\"value\": 0.9}", List.of(p + ".sense: missing required field")),
                Arguments.of(
                        "{\"sense\": \"leading\"}", List.of(p + ".value: missing required field")),
                Arguments.of("{}", List.of(p + ".value: missing required field")),
                Arguments.of(
                        "{\"value\": 0.9, \"sense\": \"capacitive\"}",
                        List.of(
                                p
                                        + ".sense: expected \"lagging\" or \"leading\", got \"capacitive\"")),
                Arguments.of(
                        "{\"value\": 0.9, \"sense\": \"Leading\"}",
                        List.of(
                                p
                                        + ".sense: expected \"lagging\" or \"leading\", got \"Leading\"")),
                Arguments.of(
                        "{\"value\": 0.9, \"sense\": true}",
                        List.of(p + ".sense: expected a string, got boolean true")),
                Arguments.of(
                        "{\"value\": 0, \"sense\": \"leading\"}",
                        List.of(p + ".value: power factor must be in (0, 1], got 0")),
                Arguments.of(
                        "{\"value\": 1.5, \"sense\": \"lagging\"}",
                        List.of(p + ".value: power factor must be in (0, 1], got 1.5")),
                Arguments.of(
                        "{\"value\": \"0.9\", \"sense\": \"lagging\"}",
                        List.of(p + ".value: expected a number, got string \"0.9\"")),
                Arguments.of(
                        "{\"value\": null, \"sense\": \"lagging\"}",
                        List.of(p + ".value: expected a number, got null")),
                Arguments.of(
                        "{\"value\": 0.9, \"sense\": \"leading\", \"kind\": \"load\"}",
                        List.of(p + ".kind: unknown field")),
                Arguments.of(
                        "{\"value\": 0.9, \"sens\": \"leading\"}",
                        List.of(p + ".sens: unknown field", "Maybe you meant \"sense\"")));
    }

    @ParameterizedTest(name = "powerFactor {0}")
    @MethodSource("malformed")
    void malformedPowerFactorIsRejectedWithItsJsonPath(String json, List<String> fragments) {
        assertProblem(problems(producerWith(json)), fragments.toArray(String[]::new));
    }

    @Test
    void everyBadPowerFactorIsReportedAtOnce() {
        String json =
                withPeers(
                        C.replace("}}}", "}}, \"powerFactor\": 0}")
                                + ","
                                + G.replace(
                                        "}}}",
                                        "}}, \"powerFactor\": {\"value\": 2, \"sense\": \"up\"}}"));
        List<String> p = problems(json);
        assertProblem(p, "$.peers[0].powerFactor: power factor must be in (0, 1], got 0");
        assertProblem(p, "$.peers[1].powerFactor.value: power factor must be in (0, 1], got 2");
        assertProblem(
                p, "$.peers[1].powerFactor.sense: expected \"lagging\" or \"leading\", got \"up\"");
        assertEquals(3, p.size(), p.toString());
    }

    @Test
    void misspeltFieldGetsAHint() {
        String json = withPeers(C + "," + G.replace("}}}", "}}, \"powerfactor\": 0.9}"));
        assertProblem(
                problems(json),
                "$.peers[1].powerfactor: unknown field",
                "Maybe you meant \"powerFactor\"");
    }

    @Test
    void nonUnityFactorsRoundTripThroughTheWriter() {
        Market m =
                Market.builder("pf")
                        .producer("G1", 0, 100, QuadraticCost.of(0.02, 10, 0))
                        .producer("G2", 0, 100, QuadraticCost.of(0.02, 12, 0))
                        .consumer("C1", -80, -10, QuadraticCost.of(0.1, 40, 0))
                        .prosumer("P1", -20, 30, QuadraticCost.of(0.05, 25, 0))
                        .powerFactor("C1", PowerFactor.lagging(0.9))
                        .powerFactor("P1", PowerFactor.leading(0.95))
                        .powerFactor("G2", PowerFactor.lagging(0.123456789012345))
                        .powerFactor("G1", PowerFactor.UNITY)
                        .build();
        String text = CaseWriter.write(m);
        Market back = CaseReader.read(text, "written");
        CaseWriterTest.assertSameMarket(m, back);
        assertEquals(m.powerFactors(), back.powerFactors());
        assertEquals(
                List.of(PeerId.of("G2"), PeerId.of("C1"), PeerId.of("P1")),
                List.copyOf(back.powerFactors().keySet()));
        assertTrue(text.contains("\"powerFactor\": 0.9\n"), text);
        assertTrue(
                text.contains("\"powerFactor\": {\"value\": 0.95, \"sense\": \"leading\"}"), text);
        assertEquals(
                3,
                text.split("\"powerFactor\"", -1).length - 1,
                "no field for the unity peer G1:\n" + text);
        assertEquals(text, CaseWriter.write(back), "writing is deterministic");
    }

    @Test
    void aCaseWithoutPowerFactorsIsWrittenExactlyAsBefore() {
        // four-bus-example-written.json is CaseWriter's output for the specification's example
        // before the extension
        Market m = CaseReader.read(CaseReaderTest.example(), "example");
        String before = CaseReaderTest.resource("four-bus-example-written.json");
        assertEquals(before, CaseWriter.write(m));
        assertFalse(before.contains("powerFactor"));
    }

    @Test
    void writtenLaggingFactorIsAPlainNumberAfterThePower() {
        Market m = CaseReader.read(producerWith("0.85"), "t");
        String text = CaseWriter.write(m);
        int power = text.indexOf("\"power\"", text.indexOf("\"id\": \"G\""));
        int pf = text.indexOf("\"powerFactor\": 0.85");
        assertTrue(power >= 0 && pf > power, text);
    }
}
