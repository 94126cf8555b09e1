package org.gridbazaar.solver.structured;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;

/**
 * Sparse seeded test markets: producers {@code G0..} and consumers {@code C0..} in equal numbers,
 * each producer trading with {@code partners} distinct random consumers. Producers: {@code 0 <= p
 * <= hi}, hi in [50, 300] kW, a in [0.005, 0.2] $/kW^2, b in [5, 50] $/kW; consumers: {@code lo <=
 * p <= 0}, the same a, b in [30, 80] $/kW.
 */
final class PartnerMarkets {

    private PartnerMarkets() {}

    /**
     * The market for {@code seed}, with a per-kW preference drawn from {@code [prefLo, prefHi)}
     * $/kW on a share {@code prefShare} of the pairs (0: none; 1: every pair, with no draw for the
     * share).
     */
    static Market generate(
            int peers, int partners, long seed, double prefShare, double prefLo, double prefHi) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Market.Builder b = Market.builder("partners-" + seed);
        int half = peers / 2;
        for (int i = 0; i < half; i++) {
            b.producer(
                    "G" + i,
                    0,
                    rnd.nextDouble(50, 300),
                    QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(5, 50), 0));
            b.consumer(
                    "C" + i,
                    -rnd.nextDouble(50, 300),
                    0,
                    QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(30, 80), 0));
        }
        List<PeerPair> pairs = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            Set<Integer> seen = new HashSet<>();
            while (seen.size() < partners) {
                int j = rnd.nextInt(half);
                if (seen.add(j)) {
                    pairs.add(PeerPair.of("G" + i, "C" + j));
                    if (prefShare > 0 && (prefShare >= 1 || rnd.nextDouble() < prefShare)) {
                        b.preference("G" + i, "C" + j, rnd.nextDouble(prefLo, prefHi));
                    }
                }
            }
        }
        return b.tradingPairs(pairs).build();
    }
}
