package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation is linear or n log n in the size of the declaration: markets far larger than the unit
 * tests' run in the default suite, so that a check that compares every item with every other one
 * (as the preference check once did, rebuilding the set of pairs for each preference) makes the
 * suite hang instead of passing.
 */
class LargeMarketValidationTest {

    static final int PARTNERS = 20;

    /**
     * {@code 2 * half} peers, half producers {@code G<k>} and half consumers {@code C<k>}; consumer
     * {@code k} may trade with producers {@code k, k + s, ..., k + 19 s} (mod {@code half}); each
     * consumer has a preference for each of its partners and each producer one for each buyer.
     */
    static Market.Builder partnerMarket(List<String> producerIds, List<String> consumerIds) {
        int half = producerIds.size();
        Market.Builder b = Market.builder("large");
        for (int k = 0; k < half; k++) {
            b.producer(producerIds.get(k), 0, 100 + k % 7, QuadraticCost.of(0.02, 10 + k % 13, 0));
            b.consumer(consumerIds.get(k), -90 - k % 5, 0, QuadraticCost.of(0.05, 60 + k % 11, 0));
        }
        List<PeerPair> pairs = new ArrayList<>(half * PARTNERS);
        int stride = half / PARTNERS;
        for (int k = 0; k < half; k++) {
            for (int m = 0; m < PARTNERS; m++) {
                String g = producerIds.get((k + m * stride) % half), c = consumerIds.get(k);
                pairs.add(new PeerPair(PeerId.of(g), PeerId.of(c)));
                b.preference(c, g, 0.01 * m);
            }
        }
        return b.tradingPairs(pairs);
    }

    static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(prefix + k);
        }
        return out;
    }

    @Test
    void tenThousandPeersWithAHundredThousandPairsAndAPreferenceOnEachBuild() {
        Market m = partnerMarket(ids("G", 5_000), ids("C", 5_000)).build();
        assertEquals(10_000, m.peers().size());
        assertEquals(100_000, ((Trading.Pairs) m.trading()).pairs().size());
        assertEquals(100_000, m.preferences().size());
        assertTrue(m.mayTrade(PeerId.of("C7"), PeerId.of("G7")));
        assertTrue(m.mayTrade(PeerId.of("G257"), PeerId.of("C7")));
        assertFalse(m.mayTrade(PeerId.of("C7"), PeerId.of("G8")));
        assertEquals(0.01, m.preferenceCost(PeerId.of("C7"), PeerId.of("G257")), 1e-12);
        assertEquals(0.0, m.preferenceCost(PeerId.of("G257"), PeerId.of("C7")), 0.0);
    }

    /**
     * Ids made of the blocks "Aa" and "BB", which have the same {@link String#hashCode()}: all ids
     * of one length collide, and so did every pair of them under the old symmetric pair hash.
     */
    @Test
    void idsWhoseHashCodesAllCollideStillBuildQuickly() {
        List<String> producers = new ArrayList<>(), consumers = new ArrayList<>();
        for (int k = 0; k < 2048; k++) {
            StringBuilder s = new StringBuilder();
            for (int bit = 10; bit >= 0; bit--) {
                s.append(((k >> bit) & 1) == 0 ? "Aa" : "BB");
            }
            producers.add("G" + s);
            consumers.add("C" + s);
        }
        assertEquals(producers.get(0).hashCode(), producers.get(2047).hashCode());
        Market m = partnerMarket(producers, consumers).build();
        assertEquals(2048 * PARTNERS, m.preferences().size());
        assertTrue(m.mayTrade(PeerId.of(consumers.get(5)), PeerId.of(producers.get(5))));
    }

    @Test
    void everyRepeatedPairAndPreferenceIsReportedOncePerRepeatInListOrder() {
        Market.Builder b =
                Market.builder("repeats")
                        .producer("G1", 0, 10, QuadraticCost.linear(1))
                        .producer("G2", 0, 10, QuadraticCost.linear(1))
                        .consumer("C1", -10, 0, QuadraticCost.linear(5))
                        .tradingPairs(
                                List.of(
                                        PeerPair.of("G1", "C1"),
                                        PeerPair.of("C1", "G1"),
                                        PeerPair.of("G2", "C1"),
                                        PeerPair.of("G1", "C1")))
                        .preference("C1", "G1", 1)
                        .preference("C1", "G1", 2)
                        .preference("G1", "C1", 3)
                        .preference("C1", "G2", 1);
        List<String> v = assertThrows(InvalidMarketException.class, b::build).violations();
        assertEquals(
                List.of(
                        "trading pair [C1, G1]: listed twice",
                        "trading pair [G1, C1]: listed twice",
                        "preference of peer C1 for G1: listed twice (at most one entry per peer and partner)"),
                v);
    }

    @Test
    void aPreferenceOnAPairThatIsNotListedIsReported() {
        Market.Builder b =
                Market.builder("unlisted")
                        .producer("G1", 0, 10, QuadraticCost.linear(1))
                        .producer("G2", 0, 10, QuadraticCost.linear(1))
                        .consumer("C1", -10, 0, QuadraticCost.linear(5))
                        .tradingPairs(List.of(PeerPair.of("G1", "C1")))
                        .preference("C1", "G2", 1);
        List<String> v = assertThrows(InvalidMarketException.class, b::build).violations();
        assertEquals(
                List.of(
                        "preference of peer C1 for G2: the two cannot trade under the trading rule, so the preference can never apply"),
                v);
    }

    @Test
    void negativePreferenceSumsBetweenProsumersAreReportedPerPair() {
        Market.Builder b =
                Market.builder("prosumers")
                        .prosumer("P2", -10, 10, QuadraticCost.linear(1))
                        .prosumer("P1", -10, 10, QuadraticCost.linear(1))
                        .preference("P2", "P1", -3)
                        .preference("P1", "P2", 1);
        List<String> v = assertThrows(InvalidMarketException.class, b::build).violations();
        assertEquals(1, v.size(), v::toString);
        assertTrue(
                v.get(0)
                        .startsWith(
                                "preferences between prosumers P1 and P2 add up to -2.0 < 0 $/kW"),
                v.get(0));
    }

    /** A region of 100,000 vertices: the pairwise edge test would take 5e9 comparisons. */
    @Test
    void aChpRegionWithAHundredThousandVerticesIsCheckedInLinearTime() {
        int n = 100_000;
        double[][] circle = new double[n][];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            circle[k] = new double[] {150 + 100 * Math.cos(t), 200 + 100 * Math.sin(t)};
        }
        assertEquals(List.of(), ChpRegion.of(circle).problems());
        circle[n / 2] = new double[] {150, 200}; // the centre: a dent
        List<String> problems = ChpRegion.of(circle).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(
                problems.get(0)
                        .startsWith("vertex 50000 [150.0, 200.0] makes the polygon non-convex"),
                problems.get(0));
        circle[n / 2] = circle[7].clone();
        assertEquals(
                List.of(
                        "vertex 50000 ["
                                + circle[7][0]
                                + ", "
                                + circle[7][1]
                                + "] repeats vertex 7; list each corner of the region once"),
                ChpRegion.of(circle).problems());
    }

    /** A star drawn with 80 vertices turns the same way at every vertex but winds around twice. */
    @Test
    void aLargeRegionThatWindsTwiceIsStillRejected() {
        int n = 81;
        double[][] star = new double[n][];
        for (int k = 0; k < n; k++) {
            double t = 4 * Math.PI * k / n;
            star[k] = new double[] {100 * Math.cos(t), 100 * Math.sin(t)};
        }
        List<String> problems = ChpRegion.of(star).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("wind around more than once"), problems.get(0));
    }
}
