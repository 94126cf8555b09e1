package org.gridbazaar.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityManager;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.testkit.DtuExercise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every design against closed forms; bills balance on every clearing. */
class ArchitectureClosedFormsTest {

    static final double KW = 1e-6;
    static final double MONEY = 1e-6;

    static Clearing central(CommunityMarket population, Architecture a) {
        Clearing c =
                ArchitectureClearing.clear(
                        population, a, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, c.status(), a.label());
        assertBalanced(c);
        return c;
    }

    static void assertBalanced(Clearing c) {
        assertTrue(
                c.bills().imbalance() < 1e-9,
                c.design().architecture().label()
                        + ": money balances, gap "
                        + c.bills().imbalance());
    }

    /** The DTU population split into two communities (A1-A7 and A8-A14). */
    static CommunityMarket dtuInTwo() {
        Market m = DtuCommunity.market(true);
        List<PeerId> ids = m.peers().stream().map(p -> p.id()).toList();
        return CommunityMarket.of(
                m,
                List.of(
                        new Community("west", ids.subList(0, 7), null),
                        new Community("east", ids.subList(7, 14), null)),
                GridConnection.flat(70, 40, 1));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void withoutTradeCostsEveryDesignOfOneCommunityGivesTheSameDispatchAndCost(Architecture a) {
        Clearing reference = central(DtuCommunity.population(true), Architecture.POOL);
        Clearing c = central(DtuCommunity.population(true), a);
        assertEquals(
                reference.objective(),
                c.objective(),
                1e-7 * Math.abs(reference.objective()),
                a.label());
        for (int i = 0; i < 14; i++) {
            assertEquals(
                    DtuCommunity.setPoint(i, true),
                    c.power("A" + (i + 1), 0),
                    1e-5,
                    a.label() + " A" + (i + 1));
        }
        assertEquals(DtuCommunity.IMPORT, c.importKw(0), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"POOL", "FULL_P2P", "LOCAL_P2P", "HYBRID"})
    void designsThatLetCommunitiesMeetClearTwoCommunitiesLikeOne(Architecture a) {
        Clearing one = central(DtuCommunity.population(true), Architecture.POOL);
        Clearing two = central(dtuInTwo(), a);
        assertEquals(one.objective(), two.objective(), 1e-7 * Math.abs(one.objective()), a.label());
    }

    /** G (cost p^2 + 10p, [0, 30] kW) and C (cost p^2 + 100p, [-30, 0] kW) in one community. */
    static CommunityMarket twoPeers(
            double importTariff, double exportTariff, CommunityManager manager) {
        Market m =
                Market.builder("two")
                        .producer("G", 0, 30, QuadraticCost.of(2, 10, 0))
                        .consumer("C", -30, 0, QuadraticCost.of(2, 100, 0))
                        .build();
        return CommunityMarket.of(
                m,
                List.of(new Community("c", List.of(PeerId.of("G"), PeerId.of("C")), manager)),
                GridConnection.flat(importTariff, exportTariff, 1));
    }

    @Test
    void aTariffGapMakesLocalTradingWorthwhile() {
        // alone: G sells (40-10)/2 = 15 kW to the grid, C buys (70-100)/2 = -15 kW: each ends at
        // -225 $
        assertEquals(-225, Standalone.cost(twoPeers(70, 40, null), PeerId.of("G")), MONEY);
        assertEquals(-225, Standalone.cost(twoPeers(70, 40, null), PeerId.of("C")), MONEY);
        // together at 55 $/kWh (supply (l-10)/2 = demand (100-l)/2): 22.5 kW change hands, each
        // ends at -506.25 $
        Clearing c = central(twoPeers(70, 40, null), Architecture.COMMUNITY);
        assertEquals(55, c.communities(0).get(0).price(), 1e-6);
        assertEquals(22.5, c.power("G", 0), KW);
        assertEquals(0, c.importKw(0) + c.exportKw(0), KW, "no grid exchange inside the gap");
        assertEquals(-506.25, c.peerCost("G"), MONEY);
        assertEquals(-506.25, c.peerCost("C"), MONEY);
        Comparison.Row row = Comparison.row(c, Clearing.Messages.NONE, Double.NaN);
        assertEquals(281.25, row.gains().get("G"), MONEY);
        assertEquals(281.25, row.gains().get("C"), MONEY);
        assertEquals(1, row.fairness(), 1e-12, "equal gains");
        // with no gap (import = export = 55) local trading gains nothing
        Clearing flat = central(twoPeers(55, 55, null), Architecture.COMMUNITY);
        Comparison.Row none = Comparison.row(flat, Clearing.Messages.NONE, Double.NaN);
        assertEquals(0, none.gains().get("G"), MONEY);
        assertEquals(0, none.gains().get("C"), MONEY);
    }

    @Test
    void aManagersMarginIsPaidByMembersAndCollectedByTheManager() {
        // members see 55 - 5 and 55 + 5: G sells (50-10)/2 = 20 kW to C, who buys (100-60)/2 = 20
        // kW
        Clearing c =
                central(
                        twoPeers(70, 40, new CommunityManager(PeerId.of("boss"), 0, 5)),
                        Architecture.COMMUNITY);
        assertEquals(20, c.power("G", 0), KW);
        assertEquals(-20, c.power("C", 0), KW);
        assertEquals(55, c.communities(0).get(0).price(), 1e-6);
        Bills bills = c.bills();
        assertEquals(100, bills.of("G").orElseThrow().feesPaid(), MONEY);
        assertEquals(100, bills.of("C").orElseThrow().feesPaid(), MONEY);
        assertEquals(200, bills.of("boss").orElseThrow().feesReceived(), MONEY);
        assertEquals(
                -200,
                bills.of("boss").orElseThrow().net(),
                MONEY,
                "the manager keeps the margin, nothing else");
        Clearing d =
                PriceCoordination.clear(
                        ArchitectureMarket.of(
                                twoPeers(70, 40, new CommunityManager(PeerId.of("boss"), 0, 5)),
                                Architecture.COMMUNITY),
                        1e-9,
                        50);
        assertEquals(c.objective(), d.objective(), 1e-7 * Math.abs(c.objective()));
        assertEquals(20, d.power("G", 0), KW);
        assertBalanced(d);
    }

    @Test
    void anAutonomyCostRaisesTheCommunityPriceAndTheManagerKeepsTheDifference() {
        // C alone in its community at import 70 + autonomy 10: it buys (80-100)/2 = -10 kW at 80,
        // the grid gets 70
        Market m = Market.builder("one").consumer("C", -30, 0, QuadraticCost.of(2, 100, 0)).build();
        CommunityMarket p =
                CommunityMarket.of(
                        m,
                        List.of(
                                new Community(
                                        "c",
                                        List.of(PeerId.of("C")),
                                        new CommunityManager(PeerId.of("boss"), 10, 0))),
                        GridConnection.flat(70, 40, 1));
        Clearing c = central(p, Architecture.COMMUNITY);
        assertEquals(80, c.communities(0).get(0).price(), 1e-6);
        assertEquals(10, c.importKw(0), KW);
        assertEquals(700, c.bills().of(Bill.GRID).orElseThrow().energyReceived(), MONEY);
        assertEquals(-100, c.bills().of("boss").orElseThrow().net(), MONEY);
        Clearing d =
                PriceCoordination.clear(ArchitectureMarket.of(p, Architecture.COMMUNITY), 1e-9, 50);
        assertEquals(80, d.communities(0).get(0).price(), 1e-9);
        assertEquals(c.objective(), d.objective(), 1e-9 * Math.abs(c.objective()));
    }

    /**
     * North: G (0.05 p^2 + 5 p, up to 10 kW) and C1 (fixed 15 kW); south: S (5 $/kWh, 6 kW fixed)
     * and no load.
     */
    static CommunityMarket northAndSouth() {
        Market m =
                Market.builder("ns")
                        .producer("G", 0, 10, QuadraticCost.of(0.1, 5, 0))
                        .consumer("C1", -15, -15, QuadraticCost.linear(0))
                        .producer("S", 6, 6, QuadraticCost.linear(5))
                        .build();
        return CommunityMarket.of(
                m,
                List.of(
                        Community.of("north", List.of("G", "C1")),
                        Community.of("south", List.of("S"))),
                GridConnection.flat(70, 40, 1));
    }

    @Test
    void aCommunityImportsOnlyWhatItsMembersCannotSupplyEachOther() {
        Clearing community = central(northAndSouth(), Architecture.COMMUNITY);
        List<CommunityOutcome> cs = community.communities(0);
        assertEquals(10, community.power("G", 0), KW, "the local producer runs flat out first");
        assertEquals(5, cs.get(0).importKw(), KW, "north imports 15 - 10");
        assertEquals(6, cs.get(1).exportKw(), KW, "south exports its 6, it has nobody to sell to");
        assertEquals(70, cs.get(0).price(), 1e-6);
        assertEquals(40, cs.get(1).price(), 1e-6);
        // local P2P lets the managers trade: north buys the 5 kW it lacks from south, which exports
        // only its last 1 kW
        Clearing local = central(northAndSouth(), Architecture.LOCAL_P2P);
        assertEquals(0, local.importKw(0), KW);
        assertEquals(1, local.exportKw(0), KW);
        double saved = community.objective() - local.objective();
        // community: 5 kW at 70 in, 6 kW at 40 out; local: the 5 kW north lacks come from south,
        // which exports the last 1 kW
        assertEquals(5 * 70 - 6 * 40 - (-1 * 40), saved, MONEY);
        for (Architecture a :
                List.of(Architecture.COMMUNITY, Architecture.LOCAL_P2P, Architecture.POOL)) {
            Clearing d =
                    PriceCoordination.clear(ArchitectureMarket.of(northAndSouth(), a), 1e-9, 50);
            assertEquals(
                    central(northAndSouth(), a).objective(), d.objective(), 1e-9 * 1000, a.label());
            assertBalanced(d);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"POOL", "COMMUNITY", "LOCAL_P2P"})
    void priceCoordinationAgreesWithTheCentralizedClearing(Architecture a) {
        Clearing c = central(dtuInTwo(), a);
        Clearing d = PriceCoordination.clear(ArchitectureMarket.of(dtuInTwo(), a), 1e-9, 50);
        assertEquals(Status.OPTIMAL, d.status());
        assertEquals(c.objective(), d.objective(), 1e-8 * Math.abs(c.objective()), a.label());
        for (int i = 1; i <= 14; i++) {
            assertEquals(c.power("A" + i, 0), d.power("A" + i, 0), 1e-5, a.label() + " A" + i);
        }
        assertEquals(c.importKw(0), d.importKw(0), 1e-5);
        assertTrue(
                d.messages().rounds() <= 50
                        && d.messages().messages() > 0
                        && d.messages().bytes() > 0);
        assertBalanced(d);
    }

    @Test
    void priceCoordinationSaysWhatItCannotClear() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                PriceCoordination.clear(
                                        ArchitectureMarket.of(dtuInTwo(), Architecture.FULL_P2P),
                                        1e-6,
                                        50));
        assertTrue(
                e.getMessage().contains("trade bilaterally")
                        && e.getMessage().contains("Maybe clear it centrally"),
                e.getMessage());
    }

    @Test
    void everyDesignKeepsClearingWhenAPeerDropsOut() {
        CommunityMarket population = dtuInTwo();
        List<Comparison.Row> rows =
                Comparison.run(
                        population, Solvers.defaultSolver(), SolverOptions.DEFAULTS, null, 1e-9);
        for (int i :
                new int[] {
                    2, 7, 13
                }) { // the largest buyer, one whose PV matters, the largest seller
            List<Comparison.Dropout> drops =
                    Comparison.dropout(
                            population,
                            "A" + i,
                            rows,
                            Solvers.defaultSolver(),
                            SolverOptions.DEFAULTS);
            double pool = drops.get(0).after().objective();
            for (Comparison.Dropout d : drops) {
                assertEquals(
                        Status.OPTIMAL,
                        d.after().status(),
                        d.architecture().label() + " without A" + i);
                assertEquals(13, d.peersLeft());
                assertBalanced(d.after());
                // without trade costs every design that lets the communities meet still reaches the
                // pool's optimum of the rest
                if (d.architecture() != Architecture.COMMUNITY) {
                    assertEquals(
                            pool,
                            d.after().objective(),
                            1e-7 * Math.abs(pool),
                            d.architecture().label() + " without A" + i);
                } else {
                    assertTrue(
                            d.after().objective() >= pool - 1e-7 * Math.abs(pool),
                            "communities apart never beat the pool");
                }
            }
        }
    }

    @Test
    void aManagerDropOutCutsItsMembersOffExceptInTheHybridDesign() {
        CommunityMarket population = dtuInTwo();
        List<Comparison.Row> rows =
                Comparison.run(
                        population, Solvers.defaultSolver(), SolverOptions.DEFAULTS, null, 1e-9);
        for (Comparison.Dropout d :
                Comparison.dropout(
                        population,
                        "east",
                        rows,
                        Solvers.defaultSolver(),
                        SolverOptions.DEFAULTS)) {
            assertEquals(Status.OPTIMAL, d.after().status(), d.architecture().label());
            boolean cutOff =
                    d.architecture() == Architecture.COMMUNITY
                            || d.architecture() == Architecture.LOCAL_P2P;
            assertEquals(cutOff ? 7 : 14, d.peersLeft(), d.architecture().label());
            if (d.architecture() == Architecture.HYBRID) {
                // east's members still trade bilaterally, and reach the grid through west's
                // members: the optimum is unchanged
                assertEquals(
                        d.before().objective(),
                        d.after().objective(),
                        1e-7 * Math.abs(d.before().objective()));
                assertTrue(d.after().design().coordinatorOfMember(PeerId.of("A9")).isEmpty());
            }
        }
    }

    /** The DTU agents in three communities whose managers value autonomy at {@code tau}. */
    static CommunityMarket threeManagers(double... tau) {
        Market m = DtuCommunity.market(true);
        List<PeerId> ids = m.peers().stream().map(p -> p.id()).toList();
        List<Community> communities = new ArrayList<>();
        String[] names = {"west", "centre", "east"};
        for (int c = 0; c < 3; c++) {
            communities.add(
                    new Community(
                            names[c],
                            ids.subList(c * 14 / 3, (c + 1) * 14 / 3),
                            new CommunityManager(PeerId.of(names[c] + "-m"), tau[c], 0)));
        }
        return CommunityMarket.of(m, communities, GridConnection.flat(70, 40, 1));
    }

    @ParameterizedTest(name = "autonomy {0}, {1}, {2}")
    @CsvSource({"5, 0, 8, 70", "5, 3, 8, 73", "2, 6, 2, 72", "0, 0, 4, 70"})
    void priceCoordinationClearsLocalMarketsWhoseManagersValueAutonomyDifferently(
            double west, double centre, double east, double price) {
        CommunityMarket p = threeManagers(west, centre, east);
        ArchitectureMarket design = ArchitectureMarket.of(p, Architecture.LOCAL_P2P);
        assertTrue(PriceCoordination.unsupported(design).isEmpty());
        Clearing c = central(p, Architecture.LOCAL_P2P);
        Clearing d = PriceCoordination.clear(design, 1e-9, 50);
        assertEquals(Status.OPTIMAL, d.status());
        assertEquals(c.objective(), d.objective(), 1e-8 * Math.abs(c.objective()), "objective");
        double least = Math.min(west, Math.min(centre, east));
        double imported = 0;
        for (int k = 0; k < 3; k++) {
            CommunityOutcome dk = d.communities(0).get(k), ck = c.communities(0).get(k);
            // managers trade with each other at no cost: one price for every community
            assertEquals(price, dk.price(), 1e-9, dk.id() + " price");
            assertEquals(ck.price(), dk.price(), 1e-6, dk.id() + " price, central");
            double tau = new double[] {west, centre, east}[k];
            if (tau > least) {
                assertEquals(
                        0, dk.importKw(), KW, dk.id() + " imports nothing at its dearer autonomy");
            }
            imported += dk.importKw();
        }
        assertEquals(c.importKw(0), imported, 1e-6, "import");
        assertEquals(c.importKw(0), d.importKw(0), 1e-6, "import");
        for (int i = 0; i < 14; i++) {
            String id = "A" + (i + 1);
            assertEquals(c.power(id, 0), d.power(id, 0), 1e-6, id);
        }
        assertBalanced(d);
        assertBalanced(c);
    }

    @Test
    void theCommunityDesignTakesUnequalAutonomyCostsCommunityByCommunity() {
        Market m = DtuCommunity.market(true);
        List<PeerId> ids = m.peers().stream().map(p -> p.id()).toList();
        CommunityMarket p =
                CommunityMarket.of(
                        m,
                        List.of(
                                new Community(
                                        "west",
                                        ids.subList(0, 7),
                                        new CommunityManager(PeerId.of("w"), 5, 0)),
                                new Community("east", ids.subList(7, 14), null)),
                        GridConnection.flat(70, 40, 1));
        // each community sees its own import price
        Clearing c = central(p, Architecture.COMMUNITY);
        Clearing d =
                PriceCoordination.clear(ArchitectureMarket.of(p, Architecture.COMMUNITY), 1e-9, 50);
        assertEquals(c.objective(), d.objective(), 1e-8 * Math.abs(c.objective()));
        assertEquals(75, d.communities(0).get(0).price(), 1e-9, "west imports at 70 + 5");
    }

    @Test
    void aPoolOnANetworkWithALossPenaltyPricesEachBus() {
        // three producers at three buses of a line feeder sell to a fixed load at the root through
        // the pool operator
        org.gridbazaar.model.Network net =
                new org.gridbazaar.model.Network(
                        0.4,
                        "B1",
                        List.of(
                                new org.gridbazaar.model.Line("L1", "B1", "B2", 0.5, 0, Double.NaN),
                                new org.gridbazaar.model.Line(
                                        "L2", "B2", "B3", 1.0, 0, Double.NaN)));
        double alpha = 2;
        Market m =
                Market.builder("line")
                        .network(net)
                        .resistancePenalty(org.gridbazaar.model.ResistancePenalty.uniform(alpha))
                        .peer(
                                org.gridbazaar.model.Peer.of(
                                                "C",
                                                org.gridbazaar.model.Role.CONSUMER,
                                                -30,
                                                -30,
                                                QuadraticCost.of(0, 0, 0))
                                        .atBus("B1"))
                        .peer(
                                org.gridbazaar.model.Peer.of(
                                                "G1",
                                                org.gridbazaar.model.Role.PRODUCER,
                                                0,
                                                40,
                                                QuadraticCost.of(1, 10, 0))
                                        .atBus("B1"))
                        .peer(
                                org.gridbazaar.model.Peer.of(
                                                "G2",
                                                org.gridbazaar.model.Role.PRODUCER,
                                                0,
                                                40,
                                                QuadraticCost.of(1, 10, 0))
                                        .atBus("B2"))
                        .peer(
                                org.gridbazaar.model.Peer.of(
                                                "G3",
                                                org.gridbazaar.model.Role.PRODUCER,
                                                0,
                                                40,
                                                QuadraticCost.of(1, 10, 0))
                                        .atBus("B3"))
                        .build();
        CommunityMarket p = CommunityMarket.of(m, List.of(), GridConnection.flat(1000, 0, 1));
        Clearing c = central(p, Architecture.POOL);
        // each producer's marginal cost is the pool price less its path's penalty to the root:
        // lambda - alpha R(bus, B1)
        double lambda =
                c.periods().get(0).tradePrice("G1", ArchitectureMarket.POOL_OPERATOR).orElseThrow();
        assertEquals(lambda, 1 * c.power("G1", 0) + 10, 1e-6, "G1 at the root pays no penalty");
        assertEquals(lambda - alpha * 0.5, 1 * c.power("G2", 0) + 10, 1e-6, "G2 one line out");
        assertEquals(lambda - alpha * 1.5, 1 * c.power("G3", 0) + 10, 1e-6, "G3 two lines out");
        // closed form: (l - 10) + (l - 11) + (l - 13) = 30  =>  l = 64/3
        assertEquals(64.0 / 3, lambda, 1e-6);
    }

    @Test
    void everyDesignWorksOverAHorizonWithATariffPerPeriod() {
        Market m = DtuCommunity.market(true);
        MultiPeriodMarket day = MultiPeriodMarket.repeated(m, Horizon.hourly(3));
        GridConnection tou =
                new GridConnection(
                        new double[] {60, 70, 80},
                        new double[] {40, 40, 40},
                        Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY);
        CommunityMarket p = CommunityMarket.of(day, List.of(), tou);
        for (Architecture a : Architecture.values()) {
            Clearing c = central(p, a);
            for (int t = 0; t < 3; t++) {
                double price = tou.importTariff(t);
                double demand = 0;
                for (int i = 0; i < 14; i++) {
                    double x = DtuExercise.setPoint(i, true, price);
                    assertEquals(
                            x,
                            c.power("A" + (i + 1), t),
                            1e-5,
                            a.label() + " period " + t + " A" + (i + 1));
                    demand -= x;
                }
                assertEquals(demand, c.importKw(t), 1e-5, a.label() + " import in period " + t);
            }
        }
    }
}
