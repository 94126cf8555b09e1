package org.gridbazaar.benchmarks;

import java.util.Locale;
import java.util.SplittableRandom;

import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;

/**
 * The seeded markets the benchmarks clear: exactly half producers and half consumers, every
 * producer–consumer pair able to trade (the default opposite-roles rule, so {@code (n/2)^2} pairs),
 * quadratic costs on every peer and product-differentiation preferences on about 5% of the pairs.
 *
 * <p>Why not {@code RandomMarkets}: its roles are drawn per peer, so the number of pairs (and so the
 * problem size) would vary with the seed; here the size depends on {@code peers} only. Bounds contain
 * zero for every peer, so every market is feasible.
 */
public final class BenchmarkMarkets {

    /** The seed used by all benchmarks. */
    public static final long SEED = 20_261_122L;

    private BenchmarkMarkets() {
    }

    /**
     * The market of {@code peers} peers ({@code peers / 2} producers {@code G0..}, the rest consumers
     * {@code C0..}) for {@code seed}.
     *
     * <p>Producers: {@code 0 <= p <= hi}, hi in [50, 300] kW, cost {@code a p^2 + b p}, a in
     * [0.005, 0.2] $/kW^2, b in [5, 50] $/kW. Consumers: {@code lo <= p <= 0}, lo in [-300, -50] kW,
     * a in [0.005, 0.2] $/kW^2, b in [30, 80] $/kW (a negative cost, i.e. a benefit, for consuming).
     * Preferences: a per-kW cost in [-3, 6] $/kW of one side of a pair, on about 5% of the pairs.
     *
     * @param peers number of peers, {@code >= 2}
     * @param seed  random seed; the same seed and size always give the same market
     */
    public static Market halfAndHalf(int peers, long seed) {
        if (peers < 2) {
            throw new IllegalArgumentException("need at least 2 peers, got " + peers);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int producers = peers / 2;
        int consumers = peers - producers;
        Market.Builder b = Market.builder("bench-" + peers + "-" + seed)
                .description(String.format(Locale.ROOT, "BenchmarkMarkets.halfAndHalf(%d, %dL)", peers, seed));
        for (int i = 0; i < producers; i++) {
            b.producer("G" + i, 0, rnd.nextDouble(50, 300),
                    QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(5, 50), 0));
        }
        for (int j = 0; j < consumers; j++) {
            b.consumer("C" + j, -rnd.nextDouble(50, 300), 0,
                    QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(30, 80), 0));
        }
        for (int i = 0; i < producers; i++) {
            for (int j = 0; j < consumers; j++) {
                if (rnd.nextDouble() < 0.05) {
                    boolean sellerSide = rnd.nextBoolean();
                    String g = "G" + i, c = "C" + j;
                    b.preference(sellerSide ? g : c, sellerSide ? c : g, rnd.nextDouble(-3, 6));
                }
            }
        }
        return b.build();
    }
}
