package org.gridbazaar.solver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/** The market without lost peers is the market that never had them. */
class ReclearingTest {

    private static Market market(boolean withFlats) {
        Market.Builder b =
                Market.builder("four")
                        .producer("pv", 0, 50, QuadraticCost.of(0.02, 5, 0))
                        .producer("gas", 0, 80, QuadraticCost.of(0.05, 30, 0))
                        .consumer("school", -60, -10, QuadraticCost.of(0.04, 80, 0));
        if (withFlats) {
            b.consumer("flats", -70, 0, QuadraticCost.of(0.03, 60, 0));
        }
        return b.prosumer("battery", -20, 20, QuadraticCost.of(0.1, 40, 0)).build();
    }

    @Test
    void removingAPeerGivesTheProblemOfTheMarketWithoutIt() {
        MarketProblem all = new P2PFormulation().formulate(market(true)).problem();
        MarketProblem fewer = new P2PFormulation().formulate(market(false)).problem();
        int flats = -1;
        for (int p = 0; p < all.peerCount(); p++) {
            if (all.peerLabel(p).equals("flats")) {
                flats = p;
            }
        }
        MarketProblem reduced = Reclearing.without(all, Set.of(flats));
        assertEquals(fewer.peerCount(), reduced.peerCount());
        for (int p = 0; p < fewer.peerCount(); p++) {
            assertEquals(fewer.peerLabel(p), reduced.peerLabel(p));
        }
        assertArrayEquals(fewer.quadratic(), reduced.quadratic());
        assertArrayEquals(fewer.linear(), reduced.linear());
        assertArrayEquals(fewer.lower(), reduced.lower());
        assertArrayEquals(fewer.upper(), reduced.upper());
        assertArrayEquals(fewer.tail(), reduced.tail());
        assertArrayEquals(fewer.head(), reduced.head());
        assertArrayEquals(fewer.sellerCost(), reduced.sellerCost());
        assertArrayEquals(fewer.buyerCost(), reduced.buyerCost());
        assertTrue(reduced.name().contains("without 1 lost peer"), reduced.name());
    }

    @Test
    void sideConstraintsOfOtherPeersAreKeptAndTheLostPeersDropped() {
        MarketProblem p =
                new P2PFormulation()
                        .formulate(RandomMarkets.generate(5, RandomMarkets.Spec.full(12)))
                        .problem();
        int withSide = p.sideConstraintCount() > 0 ? p.sidePeer(0) : -1;
        assertTrue(withSide >= 0, "the full random market has CHP side constraints");
        int other = withSide == 0 ? 1 : 0;
        MarketProblem reduced = Reclearing.without(p, Set.of(other));
        int kept = 0;
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            kept += p.sidePeer(r) == other ? 0 : 1;
        }
        assertEquals(kept, reduced.sideConstraintCount());
        assertEquals(p.peerCount() - 1, reduced.peerCount());
        int arcsLeft = 0;
        for (int t = 0; t < p.arcCount(); t++) {
            arcsLeft +=
                    p.nodePeer()[p.tail()[t]] != other && p.nodePeer()[p.head()[t]] != other
                            ? 1
                            : 0;
        }
        assertEquals(arcsLeft, reduced.arcCount());
    }

    @Test
    void aMarketWithConstraintsAcrossPeersIsRefusedNamingWhy() {
        Market m =
                RandomMarkets.generate(2, RandomMarkets.Spec.basic(8).withNetwork(3, false, false));
        MarketProblem p = P2PFormulation.withLineLimits().formulate(m).problem();
        assertTrue(p.couplingConstraintCount() > 0, "line limits are constraints across peers");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> Reclearing.without(p, Set.of(0)));
        assertTrue(e.getMessage().contains("constraints across peers"), e.getMessage());
    }
}
