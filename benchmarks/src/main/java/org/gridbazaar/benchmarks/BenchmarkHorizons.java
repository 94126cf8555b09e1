package org.gridbazaar.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;

/**
 * The seeded markets over time the benchmarks clear: one {@link BenchmarkMarkets} market per
 * period, its bounds and costs following a daily profile, and 30% of the consumers turned into
 * prosumers with a battery.
 *
 * <p>The base market is named as in {@link CentralizedSolveBenchmark}: {@code "N-penalties"}
 * ({@link BenchmarkMarkets#withPenalties}, all producer–consumer pairs) or {@code "NxK"} ({@link
 * BenchmarkMarkets#withPartners}, {@code K} consumers per producer); both on their radial feeder
 * with the resistance penalty. The horizon is {@code periods} periods covering one day ({@code 24 /
 * periods} hours each). At the hour {@code h} of a period's middle:
 *
 * <ul>
 *   <li>load {@code L(h) = 0.75 + 0.25 cos(2 pi (h - 18) / 24)} (1.0 at 18:00, 0.5 at 06:00) and
 *       generation availability {@code G(h) = 0.8 + 0.2 cos(2 pi (h - 13) / 24)};
 *   <li>producers: {@code hi_t = hi G(h) e}, {@code b_t = b (0.8 + 0.4 L(h)) e'};
 *   <li>consumers and prosumers (device power): {@code lo_t = lo L(h) e}, {@code b_t = b (0.9 + 0.2
 *       L(h)) e'};
 * </ul>
 *
 * where {@code e, e'} are per peer and period factors in [0.95, 1.05] (seeded). Quadratic terms are
 * unchanged. Every bound still contains 0, so every period is feasible on its own.
 *
 * <p>Prosumers: every consumer {@code C<j>} with a seeded draw below 0.3 becomes a prosumer (same
 * id, bus, bounds and costs; under the opposite-roles rule of the all-pairs markets it may then
 * also trade with consumers and other prosumers; with explicit pairs it keeps its pairs) and gets a
 * battery: capacity in [100, 400] kWh, half full before period 0, charge and discharge power a
 * quarter of the capacity in kW, efficiencies 0.95 / 0.95, and a target at the last period of at
 * least its initial energy.
 */
public final class BenchmarkHorizons {

    /** The share of consumers turned into prosumers with a battery. */
    public static final double PROSUMER_SHARE = 0.3;

    private BenchmarkHorizons() {}

    /**
     * The market over time of {@code spec} ({@code "N-penalties"} or {@code "NxK"}) over {@code
     * periods} periods of one day, for {@code seed}.
     */
    public static MultiPeriodMarket horizon(String spec, int periods, long seed) {
        Market base = CentralizedSolveBenchmark.market(spec);
        double dt = 24.0 / periods;
        SplittableRandom pick = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        List<Peer> peers = base.peers();
        boolean[] prosumer = new boolean[peers.size()];
        double[] capacity = new double[peers.size()];
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).role() == Role.CONSUMER && pick.nextDouble() < PROSUMER_SHARE) {
                prosumer[i] = true;
                capacity[i] = Math.round(pick.nextDouble(100, 400));
            }
        }
        List<Market> markets = new ArrayList<>(periods);
        for (int t = 0; t < periods; t++) {
            double h = (t + 0.5) * dt;
            double load = 0.75 + 0.25 * Math.cos(2 * Math.PI * (h - 18) / 24);
            double gen = 0.8 + 0.2 * Math.cos(2 * Math.PI * (h - 13) / 24);
            SplittableRandom rnd = new SplittableRandom(seed + 1_000_003L * (t + 1));
            // name and description are the horizon's (case format version 2 holds them once)
            Market.Builder b =
                    base.toBuilder()
                            .description(
                                    String.format(
                                            Locale.ROOT,
                                            "BenchmarkHorizons.horizon(%s, %d, %dL)",
                                            spec,
                                            periods,
                                            seed));
            for (int i = 0; i < peers.size(); i++) {
                Peer p = peers.get(i);
                Injection inj = p.power();
                QuadraticCost c = inj.cost();
                double e = rnd.nextDouble(0.95, 1.05), e2 = rnd.nextDouble(0.95, 1.05);
                Injection changed;
                Role role = p.role();
                if (role == Role.PRODUCER) {
                    changed =
                            Injection.of(
                                    0,
                                    inj.max() * gen * e,
                                    QuadraticCost.of(c.a(), c.b() * (0.8 + 0.4 * load) * e2, 0));
                } else {
                    changed =
                            Injection.of(
                                    inj.min() * load * e,
                                    0,
                                    QuadraticCost.of(c.a(), c.b() * (0.9 + 0.2 * load) * e2, 0));
                    if (prosumer[i]) {
                        role = Role.PROSUMER;
                    }
                }
                b.replacePeer(new Peer(p.id(), role, p.bus(), changed, p.heat(), p.chpRegion()));
            }
            markets.add(b.build());
        }
        MultiPeriodMarket.Builder mb =
                MultiPeriodMarket.builder(
                                String.format(Locale.ROOT, "horizon-%s-%dp", spec, periods),
                                Horizon.of(periods, dt))
                        .periods(markets);
        for (int i = 0; i < peers.size(); i++) {
            if (prosumer[i]) {
                double cap = capacity[i];
                mb.storage(
                        peers.get(i).id().value(),
                        Storage.builder(cap, cap / 2)
                                .powerKw(cap / 4, cap / 4)
                                .efficiencies(0.95, 0.95)
                                .target(periods - 1, cap / 2)
                                .build());
            }
        }
        return mb.build();
    }

    /**
     * {@code "SPEC@T"}: the market of {@link #horizon(String, int, long)} with the benchmarks'
     * seed.
     */
    public static MultiPeriodMarket named(String specAndPeriods) {
        int at = specAndPeriods.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(
                    "expected SPEC@PERIODS, e.g. 1000x20@24, got " + specAndPeriods);
        }
        return horizon(
                specAndPeriods.substring(0, at),
                Integer.parseInt(specAndPeriods.substring(at + 1)),
                BenchmarkMarkets.SEED);
    }
}
