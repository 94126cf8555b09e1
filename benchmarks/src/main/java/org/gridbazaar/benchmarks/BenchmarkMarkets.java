package org.gridbazaar.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Role;

/**
 * The seeded markets the benchmarks clear: exactly half producers and half consumers, quadratic
 * costs on every peer, and either every producer–consumer pair able to trade (the default
 * opposite-roles rule, so {@code (n/2)^2} pairs) or a fixed number of partners per peer.
 *
 * <ul>
 *   <li>{@link #halfAndHalf}: all pairs, product-differentiation preferences on about 5% of them;
 *   <li>{@link #withPenalties}: all pairs on a radial feeder with the resistance-based loss
 *       penalty, so almost every trade carries a linear cost;
 *   <li>{@link #withPartners}: each producer trades with {@code partners} distinct consumers drawn
 *       at random (so consumers have {@code partners} partners on average), on the same feeder with
 *       the same penalty.
 * </ul>
 *
 * <p>Why not {@code RandomMarkets}: its roles are drawn per peer, so the number of pairs (and so
 * the problem size) would vary with the seed; here the size depends on {@code peers} only. Bounds
 * contain zero for every peer, so every market is feasible.
 */
public final class BenchmarkMarkets {

    /** The seed used by all benchmarks. */
    public static final long SEED = 20_261_122L;

    private BenchmarkMarkets() {}

    /**
     * The market of {@code peers} peers ({@code peers / 2} producers {@code G0..}, the rest
     * consumers {@code C0..}) for {@code seed}.
     *
     * <p>Producers: {@code 0 <= p <= hi}, hi in [50, 300] kW, cost {@code a p^2 + b p}, a in
     * [0.005, 0.2] $/kW^2, b in [5, 50] $/kW. Consumers: {@code lo <= p <= 0}, lo in [-300, -50]
     * kW, a in [0.005, 0.2] $/kW^2, b in [30, 80] $/kW (a negative cost, i.e. a benefit, for
     * consuming). Preferences: a per-kW cost in [-3, 6] $/kW of one side of a pair, on about 5% of
     * the pairs.
     *
     * @param peers number of peers, {@code >= 2}
     * @param seed random seed; the same seed and size always give the same market
     */
    public static Market halfAndHalf(int peers, long seed) {
        if (peers < 2) {
            throw new IllegalArgumentException("need at least 2 peers, got " + peers);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int producers = peers / 2;
        int consumers = peers - producers;
        Market.Builder b =
                Market.builder("bench-" + peers + "-" + seed)
                        .description(
                                String.format(
                                        Locale.ROOT,
                                        "BenchmarkMarkets.halfAndHalf(%d, %dL)",
                                        peers,
                                        seed));
        for (int i = 0; i < producers; i++) {
            b.producer(
                    "G" + i,
                    0,
                    rnd.nextDouble(50, 300),
                    QuadraticCost.of(rnd.nextDouble(0.005, 0.2), rnd.nextDouble(5, 50), 0));
        }
        for (int j = 0; j < consumers; j++) {
            b.consumer(
                    "C" + j,
                    -rnd.nextDouble(50, 300),
                    0,
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

    /**
     * {@link #halfAndHalf}'s peers (same costs and bounds), every producer–consumer pair allowed,
     * no preferences, on the feeder of {@link #feeder} with the resistance-based loss penalty
     * {@code alpha = 2 $/(kW*ohm)} for every peer: each side of a trade pays {@code 2 R_ij} $/kW,
     * where {@code R_ij} (0 to about 1.5 ohm) is the resistance of the path between the two buses.
     *
     * @param peers number of peers, {@code >= 2}
     * @param seed random seed
     */
    public static Market withPenalties(int peers, long seed) {
        return onFeeder(
                peers,
                seed,
                null,
                String.format(Locale.ROOT, "BenchmarkMarkets.withPenalties(%d, %dL)", peers, seed));
    }

    /**
     * Like {@link #withPenalties} but only {@code partners} random consumers per producer may trade
     * with it ({@code (peers/2) * partners} pairs, explicit {@link
     * org.gridbazaar.model.Trading#pairs}).
     *
     * @param peers number of peers, {@code >= 2}
     * @param partners consumers per producer, {@code 1 <= partners <= peers - peers/2}
     * @param seed random seed
     */
    public static Market withPartners(int peers, int partners, long seed) {
        int producers = peers / 2, consumers = peers - producers;
        if (partners < 1 || partners > consumers) {
            throw new IllegalArgumentException(
                    "partners must be in [1, " + consumers + "], got " + partners);
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<PeerPair> pairs = new ArrayList<>(producers * partners);
        int[] pick = new int[consumers];
        for (int j = 0; j < consumers; j++) {
            pick[j] = j;
        }
        for (int i = 0; i < producers; i++) {
            // partial Fisher-Yates: the first `partners` entries are a uniform sample without
            // repeats
            for (int k = 0; k < partners; k++) {
                int r = k + rnd.nextInt(consumers - k);
                int t = pick[k];
                pick[k] = pick[r];
                pick[r] = t;
                pairs.add(PeerPair.of("G" + i, "C" + pick[k]));
            }
        }
        return onFeeder(
                peers,
                seed,
                pairs,
                String.format(
                        Locale.ROOT,
                        "BenchmarkMarkets.withPartners(%d, %d, %dL)",
                        peers,
                        partners,
                        seed));
    }

    /**
     * The radial feeder of the penalty markets: {@code buses} buses {@code B0} (root) to {@code
     * B<buses-1>}, bus {@code b} hanging below a random earlier bus through a line of 0.02 to 0.2
     * ohm, and no capacities (so no hard line limits).
     */
    static Network feeder(int buses, SplittableRandom rnd) {
        List<Line> lines = new ArrayList<>(buses - 1);
        for (int b = 1; b < buses; b++) {
            int parent = rnd.nextInt(b);
            lines.add(Line.of("L" + b, "B" + parent, "B" + b, rnd.nextDouble(0.02, 0.2), 0.01));
        }
        return new Network(0.4, "B0", lines);
    }

    private static Market onFeeder(int peers, long seed, List<PeerPair> pairs, String description) {
        List<Peer> base = halfAndHalfPeers(peers, seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int buses = Math.max(2, Math.min(64, peers / 8));
        Market.Builder b =
                Market.builder(
                                "bench-"
                                        + peers
                                        + "-"
                                        + seed
                                        + (pairs == null ? "-penalties" : "-partners"))
                        .description(description)
                        .network(feeder(buses, rnd))
                        .resistancePenalty(ResistancePenalty.uniform(2.0));
        for (Peer p : base) {
            b.peer(p.atBus("B" + rnd.nextInt(buses)));
        }
        if (pairs != null) {
            b.tradingPairs(pairs);
        }
        return b.build();
    }

    /**
     * The peers of {@link #halfAndHalf} without its preferences. A list, not a market: with every
     * pair allowed, 10,000 of them would be 25 million pairs, above {@link
     * Market#MAX_TRADING_PAIRS}.
     */
    private static List<Peer> halfAndHalfPeers(int peers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int producers = peers / 2;
        List<Peer> b = new ArrayList<>(peers);
        for (int i = 0; i < producers; i++) {
            b.add(
                    Peer.of(
                            "G" + i,
                            Role.PRODUCER,
                            0,
                            rnd.nextDouble(50, 300),
                            QuadraticCost.of(
                                    rnd.nextDouble(0.005, 0.2), rnd.nextDouble(5, 50), 0)));
        }
        for (int j = 0; j < peers - producers; j++) {
            b.add(
                    Peer.of(
                            "C" + j,
                            Role.CONSUMER,
                            -rnd.nextDouble(50, 300),
                            0,
                            QuadraticCost.of(
                                    rnd.nextDouble(0.005, 0.2), rnd.nextDouble(30, 80), 0)));
        }
        return b;
    }
}
