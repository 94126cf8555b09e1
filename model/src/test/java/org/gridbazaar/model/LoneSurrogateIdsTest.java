package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids with a lone UTF-16 surrogate are not text a case or result file can hold: rejected, naming
 * the id.
 */
class LoneSurrogateIdsTest {

    static final String HIGH = "\uD83D", LOW = "\uDE00", SMILE = HIGH + LOW;

    @Test
    void aPeerIdWithALoneSurrogateIsRejectedShowingTheEscapedId() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PeerId.of("G" + HIGH));
        assertEquals(
                "peer id \"G\\uD83D\" contains a lone UTF-16 surrogate (\\uD83D at index 1), which is not a character; "
                        + "Maybe the text was cut in the middle of a character (an emoji, for example)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerId.of(LOW + "C"));
        assertThrows(IllegalArgumentException.class, () -> PeerId.of(LOW + HIGH));
        assertEquals("G" + SMILE, PeerId.of("G" + SMILE).value());
    }

    @Test
    void lineIdsBusIdsAndTheMarketNameWithALoneSurrogateAreReportedTogether() {
        Network net =
                new Network(
                        12.66,
                        "B" + LOW,
                        List.of(
                                Line.of("L" + HIGH, "B" + LOW, "B2", 0.1, 0.1),
                                Line.of("L2", "B2", "B3" + HIGH, 0.1, 0.1)));
        Market.Builder b =
                Market.builder("market " + HIGH)
                        .peer(
                                Peer.of("G", Role.PRODUCER, 0, 10, QuadraticCost.linear(1))
                                        .atBus("B2"))
                        .peer(
                                Peer.of("C", Role.CONSUMER, -10, 0, QuadraticCost.linear(5))
                                        .atBus("B9" + HIGH))
                        .network(net);
        List<String> v = assertThrows(InvalidMarketException.class, b::build).violations();
        assertTrue(
                v.contains(
                        "market name \"market \\uD83D\" contains a lone UTF-16 surrogate (\\uD83D at index 7), which is not a character; "
                                + "Maybe the text was cut in the middle of a character (an emoji, for example)"),
                v::toString);
        assertOne(v, "network: rootBus \"B\\uDE00\" contains a lone UTF-16 surrogate");
        assertOne(v, "line id \"L\\uD83D\" contains a lone UTF-16 surrogate");
        assertOne(v, "line L2: to bus \"B3\\uD83D\" contains a lone UTF-16 surrogate");
        assertOne(v, "peer C: bus \"B9\\uD83D\" contains a lone UTF-16 surrogate");
    }

    @Test
    void surrogatePairsAreOrdinaryCharacters() {
        Network net =
                new Network(
                        12.66,
                        "B" + SMILE,
                        List.of(Line.of("L" + SMILE, "B" + SMILE, "B2", 0.1, 0.1)));
        Market m =
                Market.builder("market " + SMILE)
                        .peer(
                                Peer.of("G" + SMILE, Role.PRODUCER, 0, 10, QuadraticCost.linear(1))
                                        .atBus("B" + SMILE))
                        .peer(
                                Peer.of("C", Role.CONSUMER, -10, 0, QuadraticCost.linear(5))
                                        .atBus("B2"))
                        .network(net)
                        .build();
        assertEquals(2, m.peers().size());
    }

    static void assertOne(List<String> v, String prefix) {
        assertEquals(
                1, v.stream().filter(s -> s.startsWith(prefix)).count(), () -> prefix + " in " + v);
    }
}
