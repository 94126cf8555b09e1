package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.junit.jupiter.api.Test;

/**
 * Seeded random markets over time survive write -> read -> write unchanged (the seed is in every
 * message).
 */
class MultiPeriodRoundTripTest {

    static final long SEED = 20_261_207L;

    /**
     * A value per period, constant with probability 1/2; {@code lo + span * u}, rounded to 1e-3 so
     * some repeat.
     */
    static double[] values(Random r, int n, double lo, double span) {
        double[] v = new double[n];
        boolean constant = r.nextBoolean();
        for (int t = 0; t < n; t++) {
            v[t] = constant && t > 0 ? v[0] : lo + Math.rint(span * r.nextDouble() * 1000) / 1000;
        }
        return v;
    }

    static MultiPeriodMarket random(Random r) {
        int n = 1 + r.nextInt(6);
        double[] gMax = values(r, n, 5, 10),
                gB = values(r, n, 1, 5),
                cMin = values(r, n, -10, 5),
                bMin = values(r, n, -3, 2);
        double[] heatB = values(r, n, 0, 3);
        boolean heat = r.nextBoolean();
        List<Market> periods = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Peer g =
                    new Peer(
                            PeerId.of("G"),
                            Role.PRODUCER,
                            null,
                            Injection.of(0, gMax[t], QuadraticCost.of(0.01, gB[t], 0)),
                            heat ? Injection.of(0, 4, QuadraticCost.of(0, heatB[t], 1)) : null,
                            null);
            Peer c =
                    new Peer(
                            PeerId.of("C"),
                            Role.CONSUMER,
                            null,
                            Injection.of(cMin[t], 0, QuadraticCost.of(0.1, 9, 0)),
                            heat ? Injection.of(-2, 0, QuadraticCost.of(0, 5, 0)) : null,
                            null);
            Peer b =
                    new Peer(
                            PeerId.of("B"),
                            Role.PROSUMER,
                            null,
                            Injection.of(bMin[t], 2, QuadraticCost.of(0, 3, 0.5)),
                            null,
                            null);
            periods.add(Market.builder("random").peer(g).peer(c).peer(b).build());
        }
        Storage.Builder s =
                Storage.builder(10, 1 + r.nextInt(9))
                        .minKwh(r.nextInt(2))
                        .chargeKw(series(values(r, n, 0, 4)))
                        .dischargeKw(series(values(r, n, 0, 4)))
                        .usageKwh(series(values(r, n, 0, 1)))
                        .efficiencies(0.8 + 0.2 * r.nextInt(2), 0.9)
                        .standingLossPerHour(r.nextInt(2) * 0.01)
                        .throughputCost(r.nextInt(3) * 0.005);
        for (int t = 0; t < n; t++) {
            if (r.nextInt(3) == 0) {
                s.target(t, r.nextInt(10));
            }
        }
        MultiPeriodMarket.Builder m =
                MultiPeriodMarket.builder("random", Horizon.of(n, 0.25 * (1 + r.nextInt(4))))
                        .periods(periods)
                        .storage("B", s.build());
        if (r.nextBoolean()) {
            m.ramp(
                    "G",
                    new Ramp(
                            r.nextBoolean() ? 2 : Double.NaN,
                            r.nextBoolean() ? 3 : Double.NaN,
                            r.nextBoolean() ? 1.5 : Double.NaN));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            int from = r.nextInt(n), to = from + r.nextInt(n - from);
            boolean min = r.nextBoolean();
            m.energyWindow(
                    "C",
                    new EnergyWindow(
                            from,
                            to,
                            min ? -5 : Double.NaN,
                            min && r.nextBoolean() ? Double.NaN : -1));
        }
        return m.build();
    }

    static Series series(double[] v) {
        return v.length > 1 && v[0] == v[1] ? Series.constant(v[0]) : Series.of(v);
    }

    @Test
    void randomMarketsOverTimeSurviveARoundTrip() {
        Random seeds = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            long seed = seeds.nextLong();
            MultiPeriodMarket m = random(new Random(seed));
            String text = CaseWriter.write(m);
            MultiPeriodMarket back =
                    ((MarketCase.MultiPeriod) CaseReader.readCase(text, "seed " + seed)).market();
            assertEquals(text, CaseWriter.write(back), "seed " + seed);
            for (int t = 0; t < m.periodCount(); t++) {
                assertEquals(
                        m.period(t).peers(),
                        back.period(t).peers(),
                        "seed " + seed + ", period " + t);
            }
            assertEquals(m.ramps(), back.ramps(), "seed " + seed);
            assertEquals(m.energyWindows(), back.energyWindows(), "seed " + seed);
            assertEquals(m.horizon(), back.horizon(), "seed " + seed);
            Storage a = m.storage().get(PeerId.of("B")), b = back.storage().get(PeerId.of("B"));
            for (int t = 0; t < m.periodCount(); t++) {
                assertEquals(a.chargeKw().at(t), b.chargeKw().at(t), "seed " + seed);
                assertEquals(a.dischargeKw().at(t), b.dischargeKw().at(t), "seed " + seed);
                assertEquals(a.usageKwh().at(t), b.usageKwh().at(t), "seed " + seed);
            }
            assertEquals(a.targets(), b.targets(), "seed " + seed);
        }
    }
}
