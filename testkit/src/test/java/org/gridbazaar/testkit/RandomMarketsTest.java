package org.gridbazaar.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.junit.jupiter.api.Test;

class RandomMarketsTest {

    @Test
    void everySpecBuildsValidMarketsOverManySeeds() {
        RandomMarkets.Spec[] specs = {
            RandomMarkets.Spec.basic(5),
            RandomMarkets.Spec.full(20),
            RandomMarkets.Spec.basic(40)
                    .withExplicitPairs(true)
                    .withPreferences(true)
                    .withFixedShare(0.5),
            RandomMarkets.Spec.basic(12)
                    .withHeat(1, 1)
                    .withZeroQuadraticShare(0.5)
                    .withNetwork(6, true, true)
        };
        for (RandomMarkets.Spec spec : specs) {
            for (long seed = 0; seed < 50; seed++) {
                Market m = RandomMarkets.generate(seed, spec); // build() validates
                assertEquals(spec.peers(), m.peers().size());
                new P2PFormulation().formulate(m);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameMarket() {
        Market a = RandomMarkets.generate(42, RandomMarkets.Spec.full(15));
        Market b = RandomMarkets.generate(42, RandomMarkets.Spec.full(15));
        assertEquals(a.peers(), b.peers());
        assertEquals(a.preferences(), b.preferences());
        assertEquals(a.network(), b.network());
    }

    @Test
    void infeasibleSpecPutsTotalMaxInjectionBelowZero() {
        for (long seed = 0; seed < 20; seed++) {
            Market m =
                    RandomMarkets.generate(seed, RandomMarkets.Spec.basic(10).withInfeasible(true));
            double sumMax = m.peers().stream().mapToDouble(p -> p.power().max()).sum();
            assertTrue(sumMax < 0, "seed " + seed + ": sum of max " + sumMax);
        }
    }

    @Test
    void chpPeersGetPolygonsOfFourToSixVertices() {
        int seen = 0;
        for (long seed = 0; seed < 20; seed++) {
            for (Peer p :
                    RandomMarkets.generate(seed, RandomMarkets.Spec.basic(10).withHeat(1, 1))
                            .peers()) {
                if (p.chpRegion() != null) {
                    int k = p.chpRegion().vertices().size();
                    assertTrue(k >= 4 && k <= 6, "vertices " + k);
                    seen++;
                }
            }
        }
        assertTrue(seen > 0);
    }
}
