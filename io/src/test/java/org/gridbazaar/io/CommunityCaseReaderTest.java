package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.junit.jupiter.api.Test;

/** The community extension of the case format: read strictly, every problem named with its path. */
class CommunityCaseReaderTest {

    static final String PEERS =
            """
            "peers": [
              {"id": "G", "role": "producer", "power": {"min": 0, "max": 10, "cost": {"a": 1, "b": 5}}},
              {"id": "C", "role": "consumer", "power": {"min": -8, "max": 0, "cost": {"a": 1, "b": 50}}},
              {"id": "P", "role": "prosumer", "power": {"min": -3, "max": 3, "cost": {"a": 2, "b": 20}}}
            ]""";

    static String v1(String extension) {
        return "{\"format\": \"p2p-market-case/1\", \"name\": \"x\", "
                + PEERS
                + (extension.isEmpty() ? "" : ", " + extension)
                + "}";
    }

    @Test
    void communitiesManagersAndTariffsAreRead() {
        CommunityMarket c =
                CommunityCaseReader.read(
                        v1(
                                """
                "communities": [{"id": "north", "members": ["G", "C"], "manager": {"id": "M1", "autonomyCost": 2.5, "margin": 0.5}},
                                {"id": "south", "members": ["P"]}],
                "gridConnection": {"importTariff": 70, "exportTariff": 40, "importLimitKw": 100}"""),
                        "x.json");
        assertEquals(2, c.communities().size());
        assertEquals("M1", c.communities().get(0).effectiveManager().id().value());
        assertEquals(2.5, c.communities().get(0).effectiveManager().autonomyCost());
        assertEquals(0.5, c.communities().get(0).effectiveManager().margin());
        assertEquals("south-manager", c.communities().get(1).effectiveManager().id().value());
        assertEquals("north", c.communityOf(PeerId.of("C")).orElseThrow().id());
        assertEquals(70, c.grid().importTariff(0));
        assertEquals(40, c.grid().exportTariff(0));
        assertEquals(100, c.grid().importLimitKw());
        assertEquals(Double.POSITIVE_INFINITY, c.grid().exportLimitKw());
        assertEquals(
                CaseReader.read(v1(""), "x.json").peers(),
                c.period(0).peers(),
                "the market is read as without the extension");
    }

    @Test
    void withoutCommunitiesAllPeersFormOne() {
        CommunityMarket c =
                CommunityCaseReader.read(
                        v1("\"gridConnection\": {\"importTariff\": 70, \"exportTariff\": 40}"),
                        "x.json");
        assertEquals(1, c.communities().size());
        assertEquals(CommunityMarket.DEFAULT_COMMUNITY, c.communities().get(0).id());
        assertEquals(3, c.communities().get(0).members().size());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                CommunityCaseReader.read(
                                        v1(
                                                """
                "communities": [{"id": "north", "members": ["G", "X"], "manager": {"id": "M1", "margin": -1}},
                                {"id": "south", "members": ["G"], "colour": "red"}],
                "gridConnection": {"importTariff": 30, "exportTariff": 40}"""),
                                        "x.json"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("$.communities[0].manager.margin: must be >= 0"), all);
        assertTrue(all.contains("$.communities[1]") && all.contains("colour"), all);
        assertTrue(all.contains("import tariff (30.0) is below export tariff (40.0)"), all);
    }

    @Test
    void membershipRulesNameCommunityAndPeer() {
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                CommunityCaseReader.read(
                                        v1(
                                                """
                "communities": [{"id": "north", "members": ["G", "X"]}, {"id": "south", "members": ["G"]}],
                "gridConnection": {"importTariff": 70, "exportTariff": 40}"""),
                                        "x.json"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("community north: member X is not a peer of the market"), all);
        assertTrue(all.contains("community south: peer G already belongs to community north"), all);
        assertTrue(all.contains("peer C: belongs to no community"), all);
    }

    @Test
    void aMissingGridConnectionIsAProblemAndTheMarketsOwnProblemsComeWithIt() {
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                CommunityCaseReader.read(
                                        v1("\"communities\": []")
                                                .replace("\"max\": 10", "\"max\": \"10\""),
                                        "x.json"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("$.gridConnection: missing"), all);
        assertTrue(all.contains("$.peers[0].power.max"), all);
    }

    @Test
    void versionTwoTakesATariffPerPeriod() {
        String v2 =
                """
                {"format": "p2p-market-case/2", "name": "day", "horizon": {"periods": 3},
                 %s,
                 "gridConnection": {"importTariff": [60, 70, 80], "exportTariff": 40}}"""
                        .formatted(PEERS);
        CommunityMarket c = CommunityCaseReader.read(v2, "day.json");
        assertTrue(c.isOverTime());
        assertEquals(80, c.grid().importTariff(2));
        assertEquals(40, c.grid().exportTariff(1));
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                CommunityCaseReader.read(
                                        v2.replace("[60, 70, 80]", "[60, 70]"), "day.json"));
        assertTrue(
                e.problems()
                        .get(0)
                        .contains(
                                "$.gridConnection.importTariff: has 2 values, the horizon has 3 periods"),
                e.problems().toString());
    }

    @Test
    void thePlainReaderStillRejectsTheFieldsAndTheLookSeesThem() {
        assertThrows(
                CaseFormatException.class,
                () ->
                        CaseReader.readCase(
                                v1(
                                        "\"gridConnection\": {\"importTariff\": 70, \"exportTariff\": 40}"),
                                "x"));
        assertTrue(CommunityCaseReader.hasCommunityFields(v1("\"gridConnection\": {}")));
        assertFalse(CommunityCaseReader.hasCommunityFields(v1("")));
    }

    @Test
    void communityOutcomesAreWrittenAfterTheSolverAndReadBack() {
        MarketResult r =
                new MarketResult(
                        "x",
                        Status.OPTIMAL,
                        -1.5,
                        List.of(new PeerOutcome(PeerId.of("G"), 2, Double.NaN, 7, Double.NaN, 12)),
                        List.of(new Trade(PeerId.of("G"), PeerId.of("C"), 2, 7)),
                        List.of(),
                        java.util.Optional.empty(),
                        new SolverStats("s", 3, 0.1, 0, 0, Double.NaN));
        List<CommunityOutcome> cs = List.of(new CommunityOutcome("north", 70, 75.5, 0));
        String plain = ResultWriter.write(r);
        String text = ResultWriter.write(r, cs);
        assertEquals(
                plain, ResultWriter.write(r, List.of()), "no communities: the result as before");
        assertTrue(text.indexOf("\"communities\"") > text.indexOf("\"solver\""), text);
        assertEquals(cs, ResultReader.communities(text, "r.json"));
        assertEquals(
                ResultReader.read(plain, "r.json").peers(),
                ResultReader.read(text, "r.json").peers());
        assertEquals(List.of(), ResultReader.communities(plain, "r.json"));
    }

    @Test
    void communityOutcomesOverTimeAreWrittenPerPeriodAndReadBack() {
        MarketResult period =
                new MarketResult(
                        "x",
                        Status.OPTIMAL,
                        -1.5,
                        List.of(new PeerOutcome(PeerId.of("G"), 2, Double.NaN, 7, Double.NaN, 12)),
                        List.of(new Trade(PeerId.of("G"), PeerId.of("C"), 2, 7)),
                        List.of(),
                        java.util.Optional.empty(),
                        new SolverStats("s", 3, 0.1, 0, 0, Double.NaN));
        org.gridbazaar.result.MultiPeriodResult r =
                new org.gridbazaar.result.MultiPeriodResult(
                        "x",
                        org.gridbazaar.result.Termination.optimal(""),
                        -3,
                        1,
                        List.of(period, period),
                        List.of(),
                        new SolverStats("s", 3, 0.1, 0, 0, Double.NaN));
        List<List<CommunityOutcome>> byPeriod =
                List.of(
                        List.of(
                                new CommunityOutcome("north", 70, 5, 0),
                                new CommunityOutcome("south", 40, 0, 6)),
                        List.of(
                                new CommunityOutcome("north", 60, 4, 0),
                                new CommunityOutcome("south", 38, 0, 1)));
        String plain = ResultWriter.write(r);
        String text = ResultWriter.write(r, byPeriod);
        assertEquals(
                plain, ResultWriter.write(r, List.of()), "no communities: the result as before");
        assertTrue(text.contains("\"price\": [70, 60]"), text);
        assertEquals(byPeriod, ResultReader.communitiesOverTime(text, "r.json"));
        assertEquals(List.of(), ResultReader.communitiesOverTime(plain, "r.json"));
        CaseFormatException e =
                assertThrows(
                        CaseFormatException.class,
                        () ->
                                ResultReader.readMultiPeriod(
                                        text.replace("\"price\": [70, 60]", "\"price\": [70]"),
                                        "r.json"));
        assertTrue(
                e.problems()
                        .get(0)
                        .contains(
                                "$.communities[0].price: has 1 values but the result has 2 periods"),
                e.problems().toString());
    }
}
