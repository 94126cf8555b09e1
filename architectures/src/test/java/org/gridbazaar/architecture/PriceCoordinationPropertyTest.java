package org.gridbazaar.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityManager;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.junit.jupiter.api.Test;

/**
 * Seeded random populations (quadratic, linear and fixed peers, one to three communities, margins,
 * tariff gaps, managers' autonomy costs that differ): price coordination reaches the centralized
 * optimum in few rounds, and money balances.
 */
class PriceCoordinationPropertyTest {

    static CommunityMarket random(long seed) {
        Random r = new Random(seed);
        int n = 3 + r.nextInt(10);
        Market.Builder b = Market.builder("random-" + seed);
        List<PeerId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "P" + i;
            double size = 1 + 20 * r.nextDouble();
            double a = r.nextInt(4) == 0 ? 0 : 0.2 + 4 * r.nextDouble();
            switch (r.nextInt(4)) {
                case 0 ->
                        b.consumer(
                                id,
                                -size,
                                r.nextBoolean() ? -size : 0,
                                QuadraticCost.of(a, 60 + 60 * r.nextDouble(), 0));
                case 1 -> b.producer(id, 0, size, QuadraticCost.of(a, 5 + 55 * r.nextDouble(), 0));
                default ->
                        b.prosumer(
                                id,
                                -size / 2,
                                size / 2,
                                QuadraticCost.of(a, 20 + 60 * r.nextDouble(), 0));
            }
            ids.add(PeerId.of(id));
        }
        int k = 1 + r.nextInt(Math.min(3, n));
        List<List<PeerId>> groups = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            groups.add(new ArrayList<>(List.of(ids.get(c))));
        }
        for (int i = k; i < n; i++) {
            groups.get(r.nextInt(k)).add(ids.get(i));
        }
        List<Community> communities = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double margin = r.nextBoolean() ? 0 : 3 * r.nextDouble();
            communities.add(
                    new Community(
                            "c" + c,
                            groups.get(c),
                            new CommunityManager(PeerId.of("m" + c), autonomy(seed, c), margin)));
        }
        double im = 50 + 40 * r.nextDouble();
        return CommunityMarket.of(
                b.build(),
                communities,
                GridConnection.flat(im, 10 + (im - 10) * r.nextDouble(), 1));
    }

    /**
     * Community {@code c}'s autonomy cost, $/kWh: 0 on odd seeds (the populations of before), else
     * 0 to 8 differing between managers.
     */
    private static double autonomy(long seed, int c) {
        return seed % 2 == 1 ? 0 : new Random(31 * seed + c).nextInt(5) * 2.0;
    }

    @Test
    void priceCoordinationMeetsTheCentralizedOptimumInFewRounds() {
        int most = 0;
        for (long seed = 1; seed <= 30; seed++) {
            CommunityMarket p = random(seed);
            for (Architecture a :
                    List.of(Architecture.POOL, Architecture.COMMUNITY, Architecture.LOCAL_P2P)) {
                String where = "seed " + seed + ", " + a.label();
                Clearing c =
                        ArchitectureClearing.clear(
                                p, a, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
                Clearing d = PriceCoordination.clear(ArchitectureMarket.of(p, a), 1e-9, 50);
                assertEquals(
                        Status.OPTIMAL, c.status(), where + ": " + c.periods().get(0).message());
                assertEquals(Status.OPTIMAL, d.status(), where + ": price " + d.communities(0));
                assertEquals(
                        c.objective(),
                        d.objective(),
                        1e-7 * Math.max(1, Math.abs(c.objective())),
                        where);
                assertTrue(d.messages().rounds() <= 50, where);
                assertTrue(c.bills().imbalance() < 1e-9 && d.bills().imbalance() < 1e-9, where);
                most = Math.max(most, d.messages().rounds());
            }
        }
        System.out.println(
                "price coordination on 30 random populations x 3 designs: at most "
                        + most
                        + " rounds");
    }
}
