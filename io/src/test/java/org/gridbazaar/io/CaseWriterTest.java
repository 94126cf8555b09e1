package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.junit.jupiter.api.Test;

class CaseWriterTest {

    /** Markets are compared field by field: Market itself has no value equality. */
    static void assertSameMarket(Market expected, Market actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.description(), actual.description());
        assertEquals(expected.peers(), actual.peers());
        assertEquals(expected.trading(), actual.trading());
        assertEquals(expected.preferences(), actual.preferences());
        assertEquals(expected.network(), actual.network());
        assertEquals(expected.resistancePenalty(), actual.resistancePenalty());
        assertEquals(expected.congestionPenalty(), actual.congestionPenalty());
    }

    @Test
    void specExampleRoundTrips() {
        Market m = CaseReader.read(CaseReaderTest.example(), "example");
        String text = CaseWriter.write(m);
        assertSameMarket(m, CaseReader.read(text, "written"));
        assertEquals(
                text,
                CaseWriter.write(CaseReader.read(text, "written")),
                "writing is deterministic");
    }

    @Test
    void builtMarketWithEveryFeatureRoundTrips() {
        Market m =
                Market.builder("everything")
                        .description("all parts, \"quoted\" and ünïcode")
                        .producer("G1", 0, 100, QuadraticCost.of(0.02, 10.25, 3))
                        .consumer("C1", -80, -10, QuadraticCost.of(0.1, 40, 0))
                        .prosumer("P1", -20, 30, QuadraticCost.of(0, 25, -1.5e-3))
                        .tradingPairs(
                                List.of(
                                        PeerPair.of("G1", "C1"),
                                        PeerPair.of("P1", "C1"),
                                        PeerPair.of("G1", "P1")))
                        .preference("C1", "P1", -0.75)
                        .build();
        Market placed =
                m.toBuilder()
                        .network(
                                new Network(
                                        0.4,
                                        "R",
                                        List.of(
                                                Line.of("a", "R", "x", 0.1, 0.05, 120.5),
                                                Line.of("b", "y", "x", 0.2, 0))))
                        .resistancePenalty(
                                new ResistancePenalty(0.035, Map.of(PeerId.of("C1"), 0.0)))
                        .congestionPenalty(
                                new CongestionPenalty(
                                        5, false, List.of("b"), Map.of(PeerId.of("G1"), 1.0)))
                        .replacePeer(
                                m.peers()
                                        .get(0)
                                        .atBus("R")
                                        .withHeat(Injection.of(0, 50, QuadraticCost.of(0.01, 2, 0)))
                                        .withChpRegion(
                                                ChpRegion.of(
                                                        new double[] {0, 10},
                                                        new double[] {0, 100},
                                                        new double[] {50, 80},
                                                        new double[] {50, 10})))
                        .replacePeer(
                                m.peers()
                                        .get(1)
                                        .atBus("x")
                                        .withHeat(Injection.of(-30, -5, QuadraticCost.of(0, 9, 0))))
                        .replacePeer(m.peers().get(2).atBus("y"))
                        .build();
        String text = CaseWriter.write(placed);
        assertSameMarket(placed, CaseReader.read(text, "written"));
        assertFalse(
                text.contains("capacityKw\": null"), "a line without capacity has no capacityKw");
        assertTrue(text.contains("\"pairs\""));
    }

    @Test
    void autoCongestionAndDefaultsRoundTrip() {
        Market m =
                CaseReader.read(
                        CaseReaderTest.example()
                                .replace("\"lines\": [\"L2\"]", "\"lines\": \"auto\""),
                        "t");
        assertSameMarket(m, CaseReader.read(CaseWriter.write(m), "w"));
        Market plain =
                CaseReader.read(
                        CaseReaderTest.withPeers(CaseReaderTest.G + "," + CaseReaderTest.C), "t");
        String text = CaseWriter.write(plain);
        assertFalse(text.contains("network"));
        assertFalse(text.contains("penalties"));
        assertSameMarket(plain, CaseReader.read(text, "w"));
    }
}
