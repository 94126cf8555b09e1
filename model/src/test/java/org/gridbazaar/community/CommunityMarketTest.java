package org.gridbazaar.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Trading;
import org.junit.jupiter.api.Test;

/** Communities and the grid connection validate everything at once and name community and peer. */
class CommunityMarketTest {

    static Market three() {
        return Market.builder("three")
                .producer("G", 0, 10, QuadraticCost.of(1, 5, 0))
                .consumer("C", -8, 0, QuadraticCost.of(1, 90, 0))
                .prosumer("P", -3, 3, QuadraticCost.of(2, 20, 0))
                .trading(Trading.pairs(List.of(PeerPair.of("G", "C"), PeerPair.of("P", "C"))))
                .build();
    }

    @Test
    void gridConnectionRejectsSwappedTariffsMismatchedLengthsAndBadLimits() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new GridConnection(
                                        new double[] {70, 30},
                                        new double[] {40, 40},
                                        0,
                                        Double.NaN));
        assertTrue(
                e.getMessage()
                        .contains("period 1: import tariff (30.0) is below export tariff (40.0)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("import limit must be > 0 kW"), e.getMessage());
        assertTrue(e.getMessage().contains("export limit must be > 0 kW"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new GridConnection(new double[] {70}, new double[] {40, 40}, 1, 1));
        assertTrue(
                e.getMessage().contains("import tariff has 1 periods and export tariff 2"),
                e.getMessage());
        double[] im = {70};
        GridConnection g = new GridConnection(im, new double[] {40}, Double.POSITIVE_INFINITY, 5);
        im[0] = 1;
        assertEquals(70, g.importTariff(0), "copied in");
        g.importTariff()[0] = 2;
        assertEquals(70, g.importTariff(0), "copied out");
    }

    @Test
    void everyMembershipProblemIsReportedAtOnce() {
        InvalidMarketException e =
                assertThrows(
                        InvalidMarketException.class,
                        () ->
                                CommunityMarket.of(
                                        three(),
                                        List.of(
                                                new Community(
                                                        "x",
                                                        List.of(PeerId.of("G"), PeerId.of("Z")),
                                                        CommunityManager.of("C")),
                                                new Community(
                                                        "x",
                                                        List.of(PeerId.of("G")),
                                                        CommunityManager.of("C"))),
                                        GridConnection.flat(70, 40, 2)));
        List<String> v = e.violations();
        assertTrue(v.contains("community x: id used by another community"), v.toString());
        assertTrue(
                v.contains("community x: manager C has the id of a peer; Maybe call it x-manager?"),
                v.toString());
        assertTrue(v.contains("community x: manager C also manages community x"), v.toString());
        assertTrue(v.contains("community x: member Z is not a peer of the market"), v.toString());
        assertTrue(v.contains("community x: peer G already belongs to community x"), v.toString());
        assertTrue(
                v.contains(
                        "peer P: belongs to no community; Maybe add it to one, every peer needs exactly one"),
                v.toString());
        assertTrue(
                v.contains("grid connection: tariffs for 2 periods, the market has 1"),
                v.toString());
    }

    @Test
    void withoutCommunitiesEveryPeerIsInOneAndAHorizonNeedsATariffPerPeriod() {
        CommunityMarket one =
                CommunityMarket.of(three(), List.of(), GridConnection.flat(70, 40, 1));
        assertEquals(1, one.communities().size());
        assertEquals(3, one.communities().get(0).members().size());
        assertEquals("community-manager", one.communities().get(0).effectiveManager().id().value());
        MultiPeriodMarket day = MultiPeriodMarket.repeated(three(), Horizon.hourly(4));
        assertEquals(
                4,
                CommunityMarket.of(day, List.of(), GridConnection.flat(70, 40, 4)).periodCount());
        assertThrows(
                InvalidMarketException.class,
                () -> CommunityMarket.of(day, List.of(), GridConnection.flat(70, 40, 1)));
    }

    @Test
    void aPeerDroppingOutTakesItsPairsAndLeavesItsCommunity() {
        CommunityMarket p =
                CommunityMarket.of(
                        three(),
                        List.of(
                                Community.of("a", List.of("G", "C")),
                                Community.of("b", List.of("P"))),
                        GridConnection.flat(70, 40, 1));
        CommunityMarket noP = p.withoutPeer(PeerId.of("P"));
        assertEquals(2, noP.period(0).peers().size());
        assertEquals(
                List.of(PeerPair.of("G", "C")), ((Trading.Pairs) noP.period(0).trading()).pairs());
        assertEquals(1, noP.communities().size(), "b had no one else");
        CommunityMarket noA = p.withoutCommunity("a");
        assertEquals(
                List.of(PeerId.of("P")), noA.period(0).peers().stream().map(x -> x.id()).toList());
    }

    @Test
    void overAHorizonAPeerDropsOutOfEveryPeriodWithItsStorage() {
        Horizon h = Horizon.hourly(3);
        MultiPeriodMarket day =
                MultiPeriodMarket.builder("day", h)
                        .periods(t -> three())
                        .storage("P", Storage.builder(10, 5).powerKw(3, 3).build())
                        .ramp("G", Ramp.of(4, 4))
                        .build();
        CommunityMarket p =
                CommunityMarket.of(
                        day,
                        List.of(
                                Community.of("a", List.of("G", "C")),
                                Community.of("b", List.of("P"))),
                        GridConnection.flat(70, 40, 3));
        CommunityMarket noP = p.withoutPeer(PeerId.of("P"));
        assertTrue(noP.isOverTime());
        MultiPeriodMarket left = noP.overTime().orElseThrow();
        for (int t = 0; t < 3; t++) {
            assertEquals(
                    List.of(PeerId.of("G"), PeerId.of("C")),
                    left.period(t).peers().stream().map(x -> x.id()).toList());
        }
        assertTrue(left.storage().isEmpty(), "the storage went with its peer");
        assertEquals(day.ramps(), left.ramps(), "the others' links stay");
        assertEquals(1, noP.communities().size());
        CommunityMarket noA = p.withoutCommunity("a");
        assertEquals(day.storage(), noA.overTime().orElseThrow().storage());
        assertTrue(noA.overTime().orElseThrow().ramps().isEmpty());
    }
}
