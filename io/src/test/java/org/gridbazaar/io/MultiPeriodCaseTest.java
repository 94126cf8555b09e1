package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and writing version-2 cases (markets over time): every feature, defaults, round trips.
 */
class MultiPeriodCaseTest {

    static final double EPS = 1e-12;

    static MultiPeriodMarket everyFeature() {
        MarketCase c =
                CaseReader.readCase(
                        CaseReaderTest.resource("every-feature-v2.json"), "every-feature-v2.json");
        return assertInstanceOf(MarketCase.MultiPeriod.class, c).market();
    }

    static double powerMax(MultiPeriodMarket m, int t, String id) {
        return m.period(t).peer(PeerId.of(id)).orElseThrow().power().max();
    }

    @Test
    void readsEveryFeatureOfAVersionTwoCase() {
        MultiPeriodMarket m = everyFeature();
        assertEquals("every-feature", m.name());
        assertEquals(Horizon.of(4, 0.5), m.horizon());
        assertEquals(
                List.of(300.0, 300.0, 250.0, 200.0),
                List.of(
                        powerMax(m, 0, "G1"),
                        powerMax(m, 1, "G1"),
                        powerMax(m, 2, "G1"),
                        powerMax(m, 3, "G1")));
        assertEquals(18, m.period(3).peer(PeerId.of("G1")).orElseThrow().power().cost().b(), EPS);
        assertEquals(0.01, m.period(3).peer(PeerId.of("G1")).orElseThrow().power().cost().a(), EPS);
        assertEquals(0, m.period(2).peer(PeerId.of("B7")).orElseThrow().power().min(), EPS);
        assertEquals(-5, m.period(1).peer(PeerId.of("B7")).orElseThrow().power().min(), EPS);
        assertEquals(-70, m.period(2).peer(PeerId.of("C1")).orElseThrow().heat().min(), EPS);
        assertEquals(9, m.period(2).peer(PeerId.of("CHP12")).orElseThrow().heat().cost().b(), EPS);
        assertEquals(
                5,
                m.period(3).peer(PeerId.of("CHP12")).orElseThrow().chpRegion().vertices().size());

        Storage s = m.storage(PeerId.of("B7")).orElseThrow();
        assertEquals(13.5, s.capacityKwh(), EPS);
        assertEquals(1, s.minKwh(), EPS);
        assertEquals(6, s.initialKwh(), EPS);
        assertEquals(Series.constant(5), s.chargeKw());
        assertEquals(Series.of(5, 5, 0, 5), s.dischargeKw());
        assertEquals(Series.of(0, 1.5, 0, 0), s.usageKwh());
        assertEquals(0.95, s.chargeEfficiency(), EPS);
        assertEquals(0.9, s.dischargeEfficiency(), EPS);
        assertEquals(0.01, s.standingLossPerHour(), EPS);
        assertEquals(0.01, s.throughputCost(), EPS);
        assertEquals(List.of(new StorageTarget(3, 6), new StorageTarget(1, 2)), s.targets());

        assertEquals(new Ramp(50, 80, 120), m.ramps().get(PeerId.of("G1")));
        Ramp g2 = m.ramps().get(PeerId.of("G2"));
        assertEquals(30, g2.upKw(), EPS);
        assertTrue(
                !g2.limitsDown() && !g2.hasInitial(),
                "absent keys are no limit and no initial power");
        assertEquals(
                List.of(
                        EnergyWindow.of(0, 3, -30, -10),
                        new EnergyWindow(1, 2, Double.NaN, -2),
                        new EnergyWindow(2, 2, -8, Double.NaN)),
                m.energyWindows().get(PeerId.of("L3")));

        for (Market period : m.periods()) {
            assertTrue(period.congestionPenalty().orElseThrow().autoLines());
            assertEquals(0.5, period.preferenceCost(PeerId.of("C1"), PeerId.of("CHP12")), EPS);
            assertEquals(2, period.network().orElseThrow().lines().size());
        }
    }

    @Test
    void writeThenReadGivesTheSameCase() {
        MultiPeriodMarket m = everyFeature();
        String first = CaseWriter.write(m);
        MultiPeriodMarket back =
                assertInstanceOf(
                                MarketCase.MultiPeriod.class, CaseReader.readCase(first, "written"))
                        .market();
        assertEquals(first, CaseWriter.write(back), "write -> read -> write is byte-identical");
        assertEquals(m.horizon(), back.horizon());
        assertEquals(m.storage(), back.storage());
        assertEquals(m.ramps(), back.ramps());
        assertEquals(m.energyWindows(), back.energyWindows());
        for (int t = 0; t < m.periodCount(); t++) {
            assertEquals(m.period(t).peers(), back.period(t).peers(), "peers of period " + t);
            assertEquals(m.period(t).network(), back.period(t).network());
            assertEquals(m.period(t).preferences(), back.period(t).preferences());
            assertEquals(m.period(t).congestionPenalty(), back.period(t).congestionPenalty());
            assertEquals(m.period(t).resistancePenalty(), back.period(t).resistancePenalty());
        }
    }

    @Test
    void aSeriesIsOneNumberWhenEqualInEveryPeriodElseAnArray() throws Exception {
        JsonNode g1 =
                new ObjectMapper().readTree(CaseWriter.write(everyFeature())).get("peers").get(0);
        assertTrue(g1.get("power").get("min").isNumber());
        assertEquals("[300,300,250,200]", g1.get("power").get("max").toString());
        assertEquals("[15,16,17,18]", g1.get("power").get("cost").get("b").toString());
        assertEquals(
                "{\"upKw\":50,\"downKw\":80,\"initialKw\":120}",
                g1.get("power").get("ramp").toString());
        JsonNode root = new ObjectMapper().readTree(CaseWriter.write(everyFeature()));
        assertEquals("p2p-market-case/2", root.get("format").asText());
        assertEquals("{\"periods\":4,\"hoursPerPeriod\":0.5}", root.get("horizon").toString());
        // an array whose values are all equal is written as one number
        Storage flat =
                Storage.builder(10, 5)
                        .chargeKw(Series.of(3, 3, 3))
                        .dischargeKw(Series.of(2, 2, 2))
                        .build();
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("flat", Horizon.hourly(3))
                        .periods(
                                t ->
                                        Market.builder("flat")
                                                .prosumer("B", -1, 1, QuadraticCost.of(0, 1, 0))
                                                .producer("G", 0, 5, QuadraticCost.of(0, 1, 0))
                                                .build())
                        .storage("B", flat)
                        .build();
        JsonNode storage =
                new ObjectMapper().readTree(CaseWriter.write(m)).get("peers").get(0).get("storage");
        assertEquals(3, storage.get("chargeKw").asDouble(), EPS);
        assertTrue(storage.get("chargeKw").isNumber());
    }

    @Test
    void pathAndStreamWritersWriteTheSameText(@TempDir Path dir) throws Exception {
        MultiPeriodMarket m = everyFeature();
        Path file = dir.resolve("case.json");
        CaseWriter.write(m, file);
        assertEquals(CaseWriter.write(m), Files.readString(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseWriter.write(m, out);
        assertEquals(CaseWriter.write(m), out.toString(StandardCharsets.UTF_8));
        assertInstanceOf(MarketCase.MultiPeriod.class, CaseReader.readCase(file));
    }

    @Test
    void optionalFieldsTakeTheSpecifiedDefaults() {
        String json =
                "{\"format\": \"p2p-market-case/2\", \"name\": \"d\", \"horizon\": {\"periods\": 2}, \"peers\": ["
                        + "{\"id\": \"B\", \"role\": \"prosumer\", \"power\": {\"min\": -1, \"max\": 1},"
                        + " \"storage\": {\"capacityKwh\": 10, \"initialKwh\": 0, \"chargeKw\": 2, \"dischargeKw\": 2}},"
                        + "{\"id\": \"G\", \"role\": \"producer\", \"power\": {\"min\": 0, \"max\": 5, \"ramp\": {}}}]}";
        MultiPeriodMarket m =
                ((MarketCase.MultiPeriod) CaseReader.readCase(json, "d.json")).market();
        assertEquals(1.0, m.hoursPerPeriod(), EPS);
        Storage s = m.storage(PeerId.of("B")).orElseThrow();
        assertEquals(0, s.minKwh(), EPS);
        assertEquals(1, s.chargeEfficiency(), EPS);
        assertEquals(1, s.dischargeEfficiency(), EPS);
        assertEquals(0, s.standingLossPerHour(), EPS);
        assertEquals(0, s.throughputCost(), EPS);
        assertEquals(Series.constant(0), s.usageKwh());
        assertTrue(s.targets().isEmpty());
        Ramp r = m.ramps().get(PeerId.of("G"));
        assertTrue(!r.limitsUp() && !r.limitsDown() && !r.hasInitial());
        assertEquals(
                QuadraticCost.of(0, 0, 0),
                m.period(1).peer(PeerId.of("G")).orElseThrow().power().cost());
        assertSame(m.period(0), m.period(1), "periods whose values do not change share one market");
    }

    @Test
    void aVersionOneCaseIsReadAsBefore() {
        String json = CaseReaderTest.example();
        MarketCase c = CaseReader.readCase(json, "four-bus-example.json");
        Market single = assertInstanceOf(MarketCase.SinglePeriod.class, c).market();
        assertEquals(CaseWriter.write(CaseReader.read(json, "x")), CaseWriter.write(single));
        assertEquals("four-bus-example", c.name());
    }

    /**
     * What reading {@code json} with readCase gives, in the terms of {@link
     * StreamedReadTest#outcome}.
     */
    static String readCaseOutcome(String json) {
        return StreamedReadTest.outcome(
                () -> {
                    MarketCase c = CaseReader.readCase(json, "t.json");
                    if (c instanceof MarketCase.SinglePeriod s) {
                        return s.market();
                    }
                    throw new AssertionError("a version-1 text read as " + c);
                });
    }

    @Test
    void readCaseGivesReadsOutcomeForVersionOneTexts() {
        // valid cases (streamed) and mutants (most of them fall back to the tree walk): the same
        // market or the same problems
        for (long seed = 1; seed <= 100; seed++) {
            java.util.Random random = new java.util.Random(seed * 7919);
            String base = new StreamedReadTest.Generator(random).caseJson();
            for (String json :
                    List.of(
                            base,
                            StreamedReadTest.mutate(base, random),
                            StreamedReadTest.mutate(base, random))) {
                if (json.contains(
                        "\"format\": \"p2p-market-case/1\"")) { // readCase reports a missing or
                    // unknown format alone
                    assertEquals(
                            StreamedReadTest.outcome(() -> CaseReader.read(json, "t.json")),
                            readCaseOutcome(json),
                            "seed " + seed + ": " + json);
                }
            }
        }
        for (String text : List.of("[]", "null", "", "{\"format\": \"p2p-market-case/1\"}")) {
            assertEquals(
                    StreamedReadTest.outcome(() -> CaseReader.read(text, "t.json")),
                    readCaseOutcome(text),
                    text);
        }
    }

    @Test
    void writerRefusesPeriodsThatDifferInWhatVersionTwoHoldsOnce() {
        Market plain =
                Market.builder("n")
                        .producer("G", 0, 5, QuadraticCost.of(0, 1, 0))
                        .consumer("C", -5, 0, QuadraticCost.of(0, 9, 0))
                        .build();
        Market other = plain.toBuilder().description("another").build();
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("n", Horizon.hourly(2))
                        .periods(List.of(plain, other))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CaseWriter.write(m));
        assertTrue(
                e.getMessage().contains("period 1") && e.getMessage().contains("description"),
                e.getMessage());
        Network n = new Network(10, "B1", List.of(new Line("L1", "B1", "B2", 0.1, 0, Double.NaN)));
        Market withGrid =
                Market.builder("n")
                        .network(n)
                        .peer(plain.peers().get(0).atBus("B1"))
                        .peer(plain.peers().get(1).atBus("B2"))
                        .build();
        MultiPeriodMarket repeated = MultiPeriodMarket.repeated(withGrid, Horizon.hourly(3));
        assertEquals(
                CaseWriter.write(repeated),
                CaseWriter.write(
                        ((MarketCase.MultiPeriod)
                                        CaseReader.readCase(CaseWriter.write(repeated), "r"))
                                .market()));
    }
}
