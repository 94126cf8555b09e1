package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseReaderTest {

    static String resource(String name) {
        try (InputStream in = CaseReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String example() {
        return resource("four-bus-example.json");
    }

    /** The problems of reading {@code json}, which must fail. */
    static List<String> problems(String json) {
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> CaseReader.read(json, "test.json"));
        assertFalse(e.problems().isEmpty());
        return e.problems();
    }

    static void assertProblem(List<String> problems, String... fragments) {
        boolean found =
                problems.stream()
                        .anyMatch(
                                p -> {
                                    for (String f : fragments) {
                                        if (!p.contains(f)) {
                                            return false;
                                        }
                                    }
                                    return true;
                                });
        assertTrue(
                found,
                "expected a problem containing "
                        + List.of(fragments)
                        + ", got:\n  "
                        + String.join("\n  ", problems));
    }

    /** A minimal valid case with {@code peers} spliced in. */
    static String withPeers(String peers) {
        return "{\"format\": \"p2p-market-case/1\", \"name\": \"t\", \"peers\": [" + peers + "]}";
    }

    static final String G =
            "{\"id\": \"G\", \"role\": \"producer\", \"power\": {\"min\": 0, \"max\": 10, \"cost\": {\"a\": 0.1, \"b\": 1, \"c\": 0}}}";
    static final String C =
            "{\"id\": \"C\", \"role\": \"consumer\", \"power\": {\"min\": -10, \"max\": 0, \"cost\": {\"a\": 0.1, \"b\": 5, \"c\": 0}}}";

    @Test
    void specExampleParsesIntoTheDeclaredMarket() {
        Market m = CaseReader.read(example(), "four-bus-example.json");
        assertEquals("four-bus-example", m.name());
        assertEquals("free text", m.description());
        assertEquals(4, m.peers().size());
        Peer chp = m.peer(PeerId.of("CHP12")).orElseThrow();
        assertEquals(Role.PRODUCER, chp.role());
        assertEquals("B3", chp.bus());
        assertEquals(300, chp.heat().max());
        assertEquals(8, chp.heat().cost().b());
        assertEquals(5, chp.chpRegion().vertices().size());
        assertEquals(0.03, chp.power().cost().a());
        assertEquals(Trading.oppositeRoles(), m.trading());
        assertEquals(0.5, m.preferenceCost(PeerId.of("C1"), PeerId.of("CHP12")));
        Line l3 = m.network().orElseThrow().lines().get(2);
        assertTrue(Double.isNaN(l3.capacityKw()), "L3 has no capacity");
        assertEquals(0.1864, l3.reactanceOhm());
        assertEquals(12.66, m.network().orElseThrow().nominalVoltageKv());
        assertEquals(0.05, m.resistancePenalty().orElseThrow().alphaOf(PeerId.of("G20")));
        assertEquals(0.035, m.resistancePenalty().orElseThrow().alphaOf(PeerId.of("C1")));
        CongestionPenalty c = m.congestionPenalty().orElseThrow();
        assertEquals(List.of("L2"), c.lines());
        assertFalse(c.autoLines());
        assertEquals(5.0, c.beta());
    }

    @Test
    void shapeProblemsAndRuleViolationsAreReportedTogether() {
        String json =
                """
                {"format": "p2p-market-case/1", "name": "bad", "peers": [
                  {"id": "G", "role": "producer", "power": {"min": 0, "max": 100, "cost": {"a": 0.1, "b": 10}}},
                  {"id": "C", "role": "consumer", "power": {"min": -10, "max": -80}},
                  {"id": "C", "role": "consumer", "power": {"min": -10, "max": -5}}],
                 "preferences": [{"peer": "X", "partner": "G", "cost": 1}]}""";
        List<String> problems =
                assertThrows(CaseFormatException.class, () -> CaseReader.read(json, "bad.json"))
                        .problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).startsWith("$.peers[2].id: duplicate peer id"),
                problems.toString());
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.contains("peer C") && p.contains("greater than max")),
                problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("unknown peer X")), problems.toString());
    }

    @Test
    void aPeerThatCannotBeReadIsNotReportedAsUnknownWhereItIsNamed() {
        String json =
                """
                {"format": "p2p-market-case/1", "name": "bad", "peers": [
                  {"id": "G", "role": "producer", "power": {"min": 0, "max": "lots"}},
                  {"id": "C", "role": "consumer", "power": {"min": -80, "max": -10}}],
                 "preferences": [{"peer": "C", "partner": "G", "cost": 1}]}""";
        List<String> problems =
                assertThrows(CaseFormatException.class, () -> CaseReader.read(json, "bad.json"))
                        .problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.peers[0].power.max"), problems.toString());
    }

    @Test
    void readsFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("case.json");
        Files.writeString(file, example());
        assertEquals("four-bus-example", CaseReader.read(file).name());
    }

    @Test
    void missingFileIsAFormatProblemNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> CaseReader.read(file));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
    }

    @Test
    void absentOptionalsTakeTheirDefaults() {
        Market m = CaseReader.read(withPeers(G + "," + C), "t");
        assertTrue(m.network().isEmpty());
        assertEquals(Trading.oppositeRoles(), m.trading());
        assertTrue(m.preferences().isEmpty());
        assertTrue(m.resistancePenalty().isEmpty());
        assertTrue(m.congestionPenalty().isEmpty());
        assertEquals("", m.description());
    }

    @Test
    void integersAndDecimalsAreBothNumbers() {
        Market m = CaseReader.read(withPeers(G.replace("\"max\": 10", "\"max\": 10.5e0")), "t");
        assertEquals(10.5, m.peers().get(0).power().max());
    }

    @Test
    void stringWhereANumberBelongsNamesThePath() {
        List<String> p = problems(withPeers(C + "," + G.replace("\"min\": 0", "\"min\": \"5\"")));
        assertProblem(p, "$.peers[1].power.min: expected a number, got string \"5\"");
    }

    @Test
    void numberWhereAStringBelongsNamesThePath() {
        List<String> p = problems(withPeers(G.replace("\"id\": \"G\"", "\"id\": 7")));
        assertProblem(p, "$.peers[0].id: expected a string, got number 7");
    }

    @Test
    void nanAndInfinityAreRejected() {
        assertProblem(
                problems(withPeers(G.replace("\"max\": 10", "\"max\": NaN"))),
                "malformed JSON",
                "line 1");
        assertProblem(
                problems(withPeers(G.replace("\"max\": 10", "\"max\": Infinity"))),
                "malformed JSON");
        assertProblem(
                problems(withPeers(G.replace("\"max\": 10", "\"max\": \"NaN\""))),
                "$.peers[0].power.max",
                "expected a number");
        assertProblem(
                problems(withPeers(G.replace("\"max\": 10", "\"max\": 1e400"))),
                "$.peers[0].power.max",
                "finite");
    }

    @Test
    void unknownFieldIsReportedWithAHint() {
        List<String> p = problems(withPeers(G.replace("\"power\"", "\"powr\"")));
        assertProblem(p, "$.peers[0].powr: unknown field", "Maybe you meant \"power\"");
        assertProblem(p, "$.peers[0].power: missing required field");
        assertProblem(
                problems(withPeers(G).replace("\"name\"", "\"colour\": \"red\", \"name\"")),
                "$.colour: unknown field");
    }

    @Test
    void duplicateJsonKeyIsRejectedWithPathAndLine() {
        String json =
                "{\"format\": \"p2p-market-case/1\", \"name\": \"t\", \"peers\": [\n"
                        + "{\"id\": \"G\", \"id\": \"H\", \"role\": \"producer\", \"power\": {\"min\": 0, \"max\": 1, \"cost\": {\"a\": 0, \"b\": 1, \"c\": 0}}}]}";
        assertProblem(problems(json), "$.peers[0]", "duplicate key \"id\"", "line 2");
    }

    @Test
    void duplicatePeerIdIsReported() {
        assertProblem(
                problems(withPeers(G + "," + C + "," + G)),
                "$.peers[2].id: duplicate peer id \"G\"",
                "$.peers[0]");
    }

    @Test
    void duplicateLineIdIsReported() {
        String json =
                withPeers(
                                G.replace("\"role\"", "\"bus\": \"A\", \"role\"")
                                        + ","
                                        + C.replace("\"role\"", "\"bus\": \"B\", \"role\""))
                        .replace(
                                "\"peers\"",
                                "\"network\": {\"nominalVoltageKv\": 10, \"rootBus\": \"A\", \"lines\": ["
                                        + "{\"id\": \"L1\", \"from\": \"A\", \"to\": \"B\", \"resistanceOhm\": 0.1},"
                                        + "{\"id\": \"L1\", \"from\": \"B\", \"to\": \"C\", \"resistanceOhm\": 0.1}]}, \"peers\"");
        assertProblem(problems(json), "$.network.lines[1].id: duplicate line id \"L1\"");
    }

    @Test
    void missingRequiredFieldsAreReported() {
        List<String> p = problems("{\"peers\": []}");
        assertProblem(p, "$.format: missing required field");
        assertProblem(p, "$.name: missing required field");
        assertProblem(p, "$.peers: a market needs at least one peer");
        assertProblem(
                problems("{\"format\": \"p2p-market-case/1\", \"name\": \"t\"}"),
                "$.peers: missing required field");
        assertProblem(
                problems(withPeers(G.replace("\"min\": 0, ", ""))),
                "$.peers[0].power.min: missing required field");
    }

    @Test
    void formatMustBeExactlyVersionOne() {
        assertProblem(
                problems(withPeers(G).replace("p2p-market-case/1", "p2p-market-case/2")),
                "$.format",
                "p2p-market-case/1");
        assertProblem(
                problems(withPeers(G).replace("p2p-market-case/1", "P2P-market-case/1 ")),
                "$.format");
    }

    @Test
    void tradingMustHoldExactlyOneRule() {
        String both =
                withPeers(G + "," + C)
                        .replace(
                                "\"peers\"",
                                "\"trading\": {\"partners\": \"opposite-roles\", \"pairs\": []}, \"peers\"");
        assertProblem(problems(both), "$.trading", "exactly one");
        String none = withPeers(G + "," + C).replace("\"peers\"", "\"trading\": {}, \"peers\"");
        assertProblem(problems(none), "$.trading", "exactly one");
        String wrong =
                withPeers(G + "," + C)
                        .replace(
                                "\"peers\"",
                                "\"trading\": {\"partners\": \"everyone\"}, \"peers\"");
        assertProblem(problems(wrong), "$.trading.partners", "opposite-roles", "everyone");
    }

    @Test
    void pairsMustBeTwoElementArraysOfKnownPeers() {
        String json =
                withPeers(G + "," + C)
                        .replace(
                                "\"peers\"",
                                "\"trading\": {\"pairs\": [[\"G\", \"C\"], [\"G\"], \"G-C\", [\"G\", 3]]}, \"peers\"");
        List<String> p = problems(json);
        assertProblem(p, "$.trading.pairs[1]", "an array of 1");
        assertProblem(p, "$.trading.pairs[2]", "string \"G-C\"");
        assertProblem(p, "$.trading.pairs[3][1]: expected a string, got number 3");
        Market m =
                CaseReader.read(
                        withPeers(G + "," + C)
                                .replace(
                                        "\"peers\"",
                                        "\"trading\": {\"pairs\": [[\"C\", \"G\"]]}, \"peers\""),
                        "t");
        assertTrue(m.mayTrade(PeerId.of("G"), PeerId.of("C")));
        assertProblem(
                problems(
                        withPeers(G + "," + C)
                                .replace(
                                        "\"peers\"",
                                        "\"trading\": {\"pairs\": [[\"G\", \"X\"]]}, \"peers\"")),
                "unknown peer X");
    }

    @Test
    void chpRegionVerticesMustBeHeatPowerPairs() {
        String chp =
                G.replace(
                        "}}}",
                        "}}, \"heat\": {\"min\": 0, \"max\": 5, \"cost\": {\"a\": 0, \"b\": 1, \"c\": 0}},"
                                + " \"chpRegion\": [[0, 0], [0, 10, 3], 5, [5, \"x\"]]}");
        List<String> p = problems(withPeers(chp + "," + C));
        assertProblem(p, "$.peers[0].chpRegion[1]", "[heat, power]", "an array of 3");
        assertProblem(p, "$.peers[0].chpRegion[2]", "number 5");
        assertProblem(p, "$.peers[0].chpRegion[3][1]: expected a number, got string \"x\"");
        assertProblem(
                problems(withPeers(G.replace("}}}", "}}, \"chpRegion\": {}}"))),
                "$.peers[0].chpRegion: expected an array, got an object");
    }

    @Test
    void congestionLinesMustBeAutoOrAnArrayOfStrings() {
        String base = example();
        assertProblem(
                problems(base.replace("\"lines\": [\"L2\"]", "\"lines\": \"all\"")),
                "$.penalties.congestion.lines",
                "\"auto\" or an array",
                "string \"all\"");
        assertProblem(
                problems(base.replace("\"lines\": [\"L2\"]", "\"lines\": [\"L2\", 3]")),
                "$.penalties.congestion.lines[1]: expected a string, got number 3");
        Market auto =
                CaseReader.read(base.replace("\"lines\": [\"L2\"]", "\"lines\": \"auto\""), "t");
        assertTrue(auto.congestionPenalty().orElseThrow().autoLines());
        assertProblem(
                problems(base.replace("\"lines\": [\"L2\"]", "\"lines\": [\"L9\"]")),
                "unknown line L9");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String json =
                "{\n  \"format\": \"p2p-market-case/1\",\n  \"name\": \"t\"\n  \"peers\": []\n}";
        List<String> p = problems(json);
        assertEquals(1, p.size());
        assertProblem(p, "malformed JSON", "line 4, column 3");
        assertProblem(problems(""), "empty");
        assertProblem(problems("[1, 2]"), "$: expected an object, got an array");
        assertProblem(problems(withPeers(G) + " {}"), "malformed JSON");
        assertProblem(problems(withPeers(G + ",")), "malformed JSON");
    }

    @Test
    void marketRuleViolationsNameThePeerLineOrBus() {
        String json =
                example()
                        .replace("\"min\": 0, \"max\": 3000", "\"min\": 10, \"max\": 5")
                        .replace(
                                "\"from\": \"B4\", \"to\": \"B2\"",
                                "\"from\": \"B4\", \"to\": \"B4\"")
                        .replace("\"bus\": \"B4\"", "\"bus\": \"B9\"");
        List<String> p = problems(json);
        assertProblem(p, "peer G20", "greater than max");
        assertProblem(p, "line L3", "itself");
        assertProblem(p, "peer C1", "bus B9");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String json =
                "{\"format\": \"p2p-market-case/0\", \"name\": 3, \"colour\": 1, \"peers\": ["
                        + G.replace("\"min\": 0", "\"min\": \"0\"")
                        + ","
                        + C.replace("\"consumer\"", "\"buyer\"")
                        + ","
                        + G.replace("\"power\"", "\"powr\"")
                        + "], \"trading\": {\"partners\": \"all\"}, \"preferences\": [{\"peer\": \"C\", \"partner\": \"G\"}]}";
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> CaseReader.read(json, "bad.json"));
        List<String> p = e.problems();
        assertProblem(p, "$.format");
        assertProblem(p, "$.name: expected a string");
        assertProblem(p, "$.colour: unknown field");
        assertProblem(p, "$.peers[0].power.min");
        assertProblem(p, "$.peers[1].role", "\"buyer\"");
        assertProblem(p, "$.peers[2].powr");
        assertProblem(p, "$.peers[2].power: missing");
        assertProblem(p, "$.peers[2].id: duplicate peer id");
        assertProblem(p, "$.trading.partners");
        assertProblem(p, "$.preferences[0].cost: missing");
        assertTrue(p.size() >= 10, p.toString());
        assertTrue(
                e.getMessage().startsWith("bad.json: " + p.size() + " problems"), e.getMessage());
    }

    @Test
    void penaltiesAreCheckedForTypeAndRange() {
        List<String> p =
                problems(
                        example()
                                .replace(
                                        "\"perPeer\": {\"G20\": 0.05}",
                                        "\"perPeer\": {\"G20\": \"high\"}"));
        assertProblem(
                p, "$.penalties.resistance.perPeer.G20: expected a number, got string \"high\"");
        assertProblem(
                problems(example().replace("\"alpha\": 0.035", "\"alpha\": -1")), "alpha", "-1");
        assertProblem(
                problems(example().replace("\"G20\": 0.05", "\"G99\": 0.05")), "unknown peer G99");
    }
}
