package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkProblemsTest {

    private static List<String> problems(String root, Line... lines) {
        return new Network(12.66, root, List.of(lines)).problems();
    }

    private static void assertOneMentions(List<String> problems, String... words) {
        assertTrue(
                problems.stream().anyMatch(p -> List.of(words).stream().allMatch(p::contains)),
                "no problem mentions all of " + List.of(words) + " in " + problems);
    }

    @Test
    void validTreeHasNoProblems() {
        assertEquals(
                List.of(),
                problems(
                        "B1",
                        Line.of("L2", "B2", "B3", 0.49, 0.25),
                        Line.of("L1", "B1", "B2", 0.09, 0.05, 2500),
                        Line.of("L3", "B4", "B2", 0.37, 0.19)));
    }

    @Test
    void loopNamesALineOfTheLoop() {
        List<String> p =
                problems(
                        "B1",
                        Line.of("L1", "B1", "B2", 1, 0),
                        Line.of("L2", "B2", "B3", 1, 0),
                        Line.of("L3", "B3", "B4", 1, 0),
                        Line.of("L4", "B4", "B2", 1, 0));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("loop"), p.toString());
        assertTrue(p.get(0).matches("line L[234]:.*"), p.toString());
    }

    @Test
    void disconnectedBusesAreEachNamed() {
        List<String> p =
                problems("B1", Line.of("L1", "B1", "B2", 1, 0), Line.of("L2", "X1", "X2", 1, 0));
        assertOneMentions(p, "bus X1", "not connected", "B1");
        assertOneMentions(p, "bus X2", "not connected");
        assertEquals(2, p.size(), p.toString());
    }

    @Test
    void rootWithoutLinesLeavesOtherBusesDisconnected() {
        List<String> p = problems("R", Line.of("L1", "A", "B", 1, 0));
        assertOneMentions(p, "bus A", "not connected");
        assertOneMentions(p, "bus B", "not connected");
    }

    @Test
    void selfLineIsNamed() {
        List<String> p =
                problems("B1", Line.of("L1", "B1", "B2", 1, 0), Line.of("LS", "B2", "B2", 1, 0));
        assertEquals(1, p.size(), p.toString());
        assertOneMentions(p, "line LS", "itself", "B2");
    }

    @Test
    void parallelLinesNameTheSecondLineInEitherDirection() {
        List<String> p =
                problems("B1", Line.of("L1", "B1", "B2", 1, 0), Line.of("L2", "B2", "B1", 1, 0));
        assertOneMentions(p, "line L2", "second line", "B1", "B2");
    }

    @Test
    void negativeOrNonFiniteValuesAreNamed() {
        List<String> p =
                problems(
                        "B1",
                        Line.of("L1", "B1", "B2", -0.1, 0),
                        Line.of("L2", "B2", "B3", Double.NaN, 0),
                        Line.of("L3", "B3", "B4", 1, -2),
                        Line.of("L4", "B4", "B5", 1, 0, 0),
                        Line.of("L5", "B5", "B6", Double.POSITIVE_INFINITY, 0));
        assertOneMentions(p, "line L1", "resistanceOhm", "-0.1");
        assertOneMentions(p, "line L2", "resistanceOhm", "NaN");
        assertOneMentions(p, "line L3", "reactanceOhm", "-2");
        assertOneMentions(p, "line L4", "capacityKw");
        assertOneMentions(p, "line L5", "resistanceOhm");
        assertEquals(5, p.size(), p.toString());
    }

    @Test
    void duplicateLineIdIsNamed() {
        List<String> p =
                problems("B1", Line.of("L1", "B1", "B2", 1, 0), Line.of("L1", "B2", "B3", 1, 0));
        assertEquals(1, p.size(), p.toString());
        assertOneMentions(p, "line L1", "duplicate");
    }

    @Test
    void badNominalVoltageIsReported() {
        List<String> p = new Network(0, "B1", List.of(Line.of("L1", "B1", "B2", 1, 0))).problems();
        assertOneMentions(p, "nominalVoltageKv");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<String> p =
                problems(
                        "B1",
                        Line.of("L1", "B1", "B2", -1, 0),
                        Line.of("L1", "B2", "B3", 1, 0),
                        Line.of("LS", "B3", "B3", 1, 0),
                        Line.of("L9", "Y", "Z", 1, 0));
        assertOneMentions(p, "line L1", "resistanceOhm");
        assertOneMentions(p, "line L1", "duplicate");
        assertOneMentions(p, "line LS", "itself");
        assertOneMentions(p, "bus Y", "not connected");
        assertOneMentions(p, "bus Z", "not connected");
    }
}
