package org.gridbazaar.io;

import static org.gridbazaar.io.CaseReaderTest.assertProblem;
import static org.gridbazaar.io.CaseReaderTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Trading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field the specification calls optional (or gives a default) is optional in the reader and
 * takes its default; every field without a meaningful default stays required; and what the writer
 * writes reads back to the same market.
 */
class OptionalFieldsTest {

    /**
     * A case that leaves out every optional field it can while still having a network and
     * penalties: no description, trading, preferences, reactance, capacity, perPeer, heat, CHP
     * region; one peer without a cost block, one with an empty cost block, one with only {@code b}.
     */
    static final String SPARSE =
            """
            {"format": "p2p-market-case/1", "name": "sparse",
             "network": {"nominalVoltageKv": 0.4, "rootBus": "R",
                         "lines": [{"id": "L1", "from": "R", "to": "X", "resistanceOhm": 0.1}]},
             "peers": [
               {"id": "G", "bus": "R", "role": "producer", "power": {"min": 0, "max": 10}},
               {"id": "C", "bus": "X", "role": "consumer", "power": {"min": -10, "max": -1, "cost": {}}},
               {"id": "P", "bus": "X", "role": "prosumer", "power": {"min": -5, "max": 5, "cost": {"b": 3}}}],
             "penalties": {"resistance": {"alpha": 0.5}, "congestion": {"beta": 2, "lines": ["L1"]}}}
            """;

    @Test
    void aCaseOmittingEveryOptionalFieldTakesTheDefaults() {
        Market m = CaseReader.read(SPARSE, "sparse.json");
        assertEquals("", m.description());
        assertEquals(Trading.oppositeRoles(), m.trading());
        assertTrue(m.preferences().isEmpty());
        Peer g = m.peer(PeerId.of("G")).orElseThrow();
        assertEquals(QuadraticCost.of(0, 0, 0), g.power().cost(), "no cost block: zero cost");
        assertEquals(
                QuadraticCost.of(0, 0, 0),
                m.peer(PeerId.of("C")).orElseThrow().power().cost(),
                "empty cost block: a = b = c = 0");
        assertEquals(
                QuadraticCost.of(0, 3, 0),
                m.peer(PeerId.of("P")).orElseThrow().power().cost(),
                "a and c default to 0");
        assertNull(g.heat(), "no heat side");
        assertNull(g.chpRegion());
        Line l1 = m.network().orElseThrow().lines().get(0);
        assertEquals(0.0, l1.reactanceOhm(), "reactanceOhm defaults to 0");
        assertTrue(Double.isNaN(l1.capacityKw()), "no capacityKw: no capacity");
        ResistancePenalty r = m.resistancePenalty().orElseThrow();
        assertTrue(r.sortedPerPeer().isEmpty());
        assertEquals(0.5, r.alphaOf(PeerId.of("C")));
        CongestionPenalty c = m.congestionPenalty().orElseThrow();
        assertTrue(c.sortedPerPeer().isEmpty());
        assertEquals(List.of("L1"), c.lines());
    }

    @Test
    void aPeerCostWithoutCIsAccepted() {
        // the instance reported: "$.peers[0].power.cost.c: missing required field"
        Market m =
                CaseReader.read(
                        CaseReaderTest.withPeers(
                                CaseReaderTest.G.replace(", \"c\": 0", "")
                                        + ","
                                        + CaseReaderTest.C),
                        "t");
        assertEquals(QuadraticCost.of(0.1, 1, 0), m.peers().get(0).power().cost());
    }

    @Test
    void heatCostIsOptionalLikePowerCost() {
        String chp = CaseReaderTest.G.replace("}}}", "}}, \"heat\": {\"min\": 0, \"max\": 5}}");
        String heatBuyer =
                CaseReaderTest.C.replace(
                        "}}}", "}}, \"heat\": {\"min\": -5, \"max\": 0, \"cost\": {\"a\": 0.2}}}");
        Market m = CaseReader.read(CaseReaderTest.withPeers(chp + "," + heatBuyer), "t");
        assertEquals(QuadraticCost.of(0, 0, 0), m.peers().get(0).heat().cost());
        assertEquals(QuadraticCost.of(0.2, 0, 0), m.peers().get(1).heat().cost());
    }

    @Test
    void aBusWithoutANetworkIsOptional() {
        Market m =
                CaseReader.read(
                        CaseReaderTest.withPeers(CaseReaderTest.G + "," + CaseReaderTest.C), "t");
        assertNull(m.peers().get(0).bus());
    }

    /**
     * Removes the first occurrence of {@code field} (with its value and one neighbouring comma)
     * from {@link #SPARSE}.
     */
    static String without(String field) {
        int at = SPARSE.indexOf(field);
        assertTrue(at >= 0, field);
        return SPARSE.substring(0, at) + SPARSE.substring(at + field.length());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"id\": \"G\", |$.peers[0].id",
                "\"role\": \"producer\", |$.peers[0].role",
                "\"min\": 0, |$.peers[0].power.min",
                ", \"max\": 10|$.peers[0].power.max",
                ", \"power\": {\"min\": 0, \"max\": 10}|$.peers[0].power",
                "\"nominalVoltageKv\": 0.4, |$.network.nominalVoltageKv",
                "\"rootBus\": \"R\",|$.network.rootBus",
                "\"id\": \"L1\", |$.network.lines[0].id",
                "\"from\": \"R\", |$.network.lines[0].from",
                "\"to\": \"X\", |$.network.lines[0].to",
                ", \"resistanceOhm\": 0.1|$.network.lines[0].resistanceOhm",
                "\"alpha\": 0.5|$.penalties.resistance.alpha",
                "\"beta\": 2, |$.penalties.congestion.beta",
                ", \"lines\": [\"L1\"]|$.penalties.congestion.lines",
                "\"name\": \"sparse\",|$.name",
                "\"format\": \"p2p-market-case/1\", |$.format"
            })
    void fieldsWithoutAMeaningfulDefaultStayRequired(String removalAndPath) {
        String[] parts = removalAndPath.split("\\|");
        assertProblem(problems(without(parts[0])), parts[1] + ": missing required field");
    }

    @Test
    void preferenceFieldsStayRequired() {
        String json =
                CaseReaderTest.withPeers(CaseReaderTest.G + "," + CaseReaderTest.C)
                        .replace(
                                "\"peers\"",
                                "\"preferences\": [{\"partner\": \"G\", \"cost\": 1}, {\"peer\": \"C\", \"cost\": 1}, {\"peer\": \"C\", \"partner\": \"G\"}], \"peers\"");
        List<String> p = problems(json);
        assertProblem(p, "$.preferences[0].peer: missing required field");
        assertProblem(p, "$.preferences[1].partner: missing required field");
        assertProblem(p, "$.preferences[2].cost: missing required field");
    }

    @Test
    void theSparseCaseRoundTripsThroughTheWriter() {
        Market m = CaseReader.read(SPARSE, "sparse.json");
        String text = CaseWriter.write(m);
        Market back = CaseReader.read(text, "written");
        CaseWriterTest.assertSameMarket(m, back);
        assertEquals(text, CaseWriter.write(back), "writing is deterministic");
    }

    @Test
    void awkwardValuesRoundTripThroughTheWriter() {
        Market m =
                Market.builder("  spaced name \"quoted\" \\ back\tslash \uD83D\uDE00 ")
                        .description("line one\nline two \u0001 \u2028")
                        .producer(
                                "G \uD83D\uDE00",
                                0,
                                1e15,
                                QuadraticCost.of(1e-300, -0.0, 123456789.123456789))
                        .consumer("C/1", -1e-9, -0.0, QuadraticCost.of(0.5, 1e12, -7))
                        .build();
        Market placed =
                m.toBuilder()
                        .network(
                                new org.gridbazaar.model.Network(
                                        11,
                                        "bus 'root'",
                                        List.of(
                                                Line.of(
                                                        "l\u00e9",
                                                        "bus 'root'",
                                                        "b\\2",
                                                        1e-12,
                                                        0,
                                                        3.5e-3))))
                        .replacePeer(m.peers().get(0).atBus("bus 'root'"))
                        .replacePeer(m.peers().get(1).atBus("b\\2"))
                        .resistancePenalty(new ResistancePenalty(0, Map.of(PeerId.of("C/1"), 1e-7)))
                        .build();
        String text = CaseWriter.write(placed);
        Market back = CaseReader.read(text, "written");
        CaseWriterTest.assertSameMarket(placed, back);
        assertEquals(text, CaseWriter.write(back));
    }
}
