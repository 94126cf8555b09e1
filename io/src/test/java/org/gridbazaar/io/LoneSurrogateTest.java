package org.gridbazaar.io;

import static org.gridbazaar.io.CaseReaderTest.assertProblem;
import static org.gridbazaar.io.CaseReaderTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gridbazaar.model.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A string holding a lone UTF-16 surrogate (the JSON escape {@code \\uD800} alone) is rejected
 * where it is read, naming its JSON path, for every string the readers keep; a surrogate pair is
 * fine.
 */
class LoneSurrogateTest {

    /** The specification's example, every string of which the reader keeps. */
    static final String EXAMPLE = CaseReaderTest.example();

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"name\": \"four-bus-example\"|$.name|names",
                "\"description\": \"free text\"|$.description|descriptions",
                "\"rootBus\": \"B1\"|$.network.rootBus|ids",
                "{\"id\": \"L1\"|$.network.lines[0].id|ids",
                "\"from\": \"B1\"|$.network.lines[0].from|ids",
                "\"to\": \"B3\"|$.network.lines[1].to|ids",
                "{\"id\": \"P5\"|$.peers[1].id|ids",
                "\"bus\": \"B1\"|$.peers[0].bus|ids",
                "{\"peer\": \"C1\"|$.preferences[0].peer|ids",
                "\"partner\": \"CHP12\"|$.preferences[0].partner|ids",
                "\"lines\": [\"L2\"]|$.penalties.congestion.lines[0]|ids",
                "{\"G20\": 0.05}|$.penalties.resistance.perPeer|ids"
            })
    void aLoneSurrogateInAnyKeptStringIsRejectedWithItsPath(
            String original, String path, String what) {
        // put a lone high surrogate right after the value's opening quote: "B1" becomes "\uD800B1"
        int quote = original.lastIndexOf('"', original.lastIndexOf('"') - 1);
        String broken =
                original.substring(0, quote + 1) + "\\uD800" + original.substring(quote + 1);
        String json = EXAMPLE.replace(original, broken);
        assertEquals(1, count(EXAMPLE, original), original);
        assertProblem(
                problems(json),
                path,
                "contains a lone UTF-16 surrogate (\\uD800); "
                        + what
                        + " must be valid Unicode text");
    }

    @Test
    void theReportedInstanceNamesThePeer() {
        String json =
                CaseReaderTest.withPeers(
                        CaseReaderTest.G
                                + ","
                                + CaseReaderTest.C
                                + ","
                                + CaseReaderTest.C.replace(
                                        "\"id\": \"C\"", "\"id\": \"C\\uD800\""));
        assertProblem(
                problems(json),
                "$.peers[2].id: contains a lone UTF-16 surrogate (\\uD800); ids must be valid Unicode text");
    }

    @Test
    void aLoneLowSurrogateAndAReversedPairAreRejectedToo() {
        assertProblem(
                problems(
                        CaseReaderTest.withPeers(
                                CaseReaderTest.G.replace("\"G\"", "\"\\uDC00G\""))),
                "$.peers[0].id",
                "(\\uDC00)");
        assertProblem(
                problems(
                        CaseReaderTest.withPeers(
                                CaseReaderTest.G.replace("\"G\"", "\"\\uDE00\\uD83D\""))),
                "$.peers[0].id",
                "(\\uDE00)");
        assertProblem(
                problems(
                        CaseReaderTest.withPeers(
                                CaseReaderTest.G.replace("\"G\"", "\"G\\uD83D\""))),
                "$.peers[0].id",
                "character 2 of 2");
    }

    @Test
    void aSurrogatePairIsValidText() {
        Market m =
                CaseReader.read(
                        CaseReaderTest.withPeers(
                                CaseReaderTest.G.replace("\"G\"", "\"G\\uD83D\\uDE00\"")),
                        "t");
        assertEquals("G\uD83D\uDE00", m.peers().get(0).id().value());
    }

    @Test
    void theResultReaderRejectsLoneSurrogatesInIdsToo() {
        String written = ResultWriter.write(ResultWriterTest.solved());
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                ResultReader.read(
                                        written.replace(
                                                "\"seller\": \"G20\"",
                                                "\"seller\": \"G20\\uDBFF\"")));
        assertProblem(
                e.problems(),
                "$.trades[0].seller: contains a lone UTF-16 surrogate (\\uDBFF); ids must be valid Unicode text");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
