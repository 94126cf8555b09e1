package org.gridbazaar.solver.structured;

import java.util.Locale;
import java.util.SplittableRandom;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.testkit.RandomMarkets;

/**
 * Seeded large markets with every feature at once, the mix random sweeps of two or three features
 * never met: {@link RandomMarkets} with heat, CHP regions, preferences, linear-cost peers, fixed
 * demands and producers with a minimum output on a 35-bus radial network with a resistance penalty,
 * plus heat-only boilers (power fixed at 0), a peer fixed at zero, a must-run producer and an
 * {@code auto} congestion penalty. The added peers can all stay at zero except the must-run
 * producer, whose minimum is small beside the consumers' flexible ranges, so the market is feasible
 * whenever the base market is (the solver's status says otherwise when it is not).
 */
final class MixedMarkets {

    private MixedMarkets() {}

    /**
     * The market for {@code seed} with {@code peers} peers from the base generator plus the added
     * ones.
     */
    static Market generate(long seed, int peers) {
        RandomMarkets.Spec spec =
                RandomMarkets.Spec.full(peers)
                        .withNetwork(35, true, false)
                        .withZeroQuadraticShare(0.25)
                        .withFixedShare(0.3);
        Market base = RandomMarkets.generate(seed, spec);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        Market.Builder b = base.toBuilder();
        int boilers = 2 + rnd.nextInt(4);
        for (int i = 0; i < boilers; i++) {
            Peer boiler =
                    new Peer(
                            PeerId.of("HB" + i),
                            Role.PRODUCER,
                            bus(rnd),
                            Injection.of(0, 0, QuadraticCost.of(0, 0, 0)),
                            Injection.of(
                                    0,
                                    rnd.nextDouble(50, 400),
                                    QuadraticCost.of(
                                            rnd.nextBoolean() ? 0 : rnd.nextDouble(0.005, 0.05),
                                            rnd.nextDouble(10, 45),
                                            0)),
                            null);
            b.peer(boiler);
        }
        b.peer(
                new Peer(
                        PeerId.of("Z0"),
                        Role.PROSUMER,
                        bus(rnd),
                        Injection.of(0, 0, QuadraticCost.of(0.05, 20, 0)),
                        null,
                        null));
        double min = rnd.nextDouble(5, 30);
        b.peer(
                new Peer(
                        PeerId.of("MR0"),
                        Role.PRODUCER,
                        bus(rnd),
                        Injection.of(
                                min,
                                min + rnd.nextDouble(50, 300),
                                QuadraticCost.of(
                                        rnd.nextBoolean() ? 0 : 0.02, rnd.nextDouble(5, 40), 0)),
                        null,
                        null));
        b.congestionPenalty(CongestionPenalty.auto(rnd.nextDouble(1, 10)));
        return b.name("mixed-" + seed)
                .description(
                        String.format(Locale.ROOT, "MixedMarkets.generate(%dL, %d)", seed, peers))
                .build();
    }

    private static String bus(SplittableRandom rnd) {
        return "B" + rnd.nextInt(35);
    }
}
