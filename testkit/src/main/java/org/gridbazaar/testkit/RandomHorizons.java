package org.gridbazaar.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gridbazaar.horizon.ElectricVehicle;
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
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;

/**
 * Seeded generator of valid, feasible {@link MultiPeriodMarket}s for tests. The same seed and
 * {@link Spec} always give the same market, named {@code random-horizon-<seed>}.
 *
 * <p>Construction, and why it is feasible:
 *
 * <ul>
 *   <li>A base market from {@link RandomMarkets} (feasible at some point {@code P*}, possibly with
 *       preferences, explicit pairs, a network with penalties, heat and CHP regions). Period {@code
 *       t} widens its bounds at random (never narrows them, and keeps each role's signs) and scales
 *       its cost coefficients {@code a}, {@code b} by factors in [0.7, 1.3], so {@code P*} is
 *       feasible in every period.
 *   <li>Links on base peers, all satisfied by the constant device power {@code P*}: storage on some
 *       prosumers (efficiencies below 1, standing loss, throughput cost) whose reference is idle
 *       ({@code c = d = 0}) with targets below the idle energy; ramp limits without initial power,
 *       or with the initial power at the middle of the base bounds and limits of at least half
 *       their width; energy windows between {@code dt * n * min} and {@code dt * n * max} of the
 *       base bounds (binding where periods widen them).
 *   <li>Extra peers with a known reference point: batteries ({@code S<k>}) following a random
 *       reference charge/discharge trajectory with targets below it; electric vehicles ({@code
 *       EV<k>}, via {@link ElectricVehicle}) charging at full power until they leave, with driving
 *       and a departure target below the reference; shiftable loads ({@code W<k>}) with an energy
 *       window around a reference profile (often exact); ramp-limited producers ({@code R<k>}) at a
 *       constant reference power; and two backstops, a producer {@code GX} that supplies every
 *       extra buyer's reference and a consumer {@code CX} that takes every extra seller's
 *       reference. The extras trade only with the backstops in the reference, so the horizon is
 *       feasible.
 * </ul>
 */
public final class RandomHorizons {

    /** The dt values drawn, hours. */
    private static final double[] STEPS = {1, 0.5, 0.25};

    private RandomHorizons() {}

    /**
     * What to generate.
     *
     * @param minPeers least number of peers in all, {@code >= 2}
     * @param maxPeers most number of peers in all, {@code >= minPeers}
     * @param maxPeriods most periods, {@code >= 2} (at least 2 are drawn)
     * @param linked whether to add storage, ramps and windows (otherwise the periods are
     *     independent)
     * @param network whether the base market may have a network with penalties
     * @param heat whether the base market may have heat and CHP regions
     * @param linearCosts whether some peers may have linear costs ({@code a = 0}); without them
     *     every peer that is not fixed has a strictly convex cost, so unlinked set-points are
     *     unique
     */
    public record Spec(
            int minPeers,
            int maxPeers,
            int maxPeriods,
            boolean linked,
            boolean network,
            boolean heat,
            boolean linearCosts) {

        public Spec {
            if (minPeers < 2 || maxPeers < minPeers || maxPeriods < 2) {
                throw new IllegalArgumentException(
                        "need 2 <= minPeers <= maxPeers and maxPeriods >= 2, got "
                                + minPeers
                                + ", "
                                + maxPeers
                                + ", "
                                + maxPeriods);
            }
        }

        /** 2 to 30 peers, 2 to 24 periods, everything linked, networks and heat allowed. */
        public static Spec full() {
            return new Spec(2, 30, 24, true, true, true, true);
        }

        public Spec withPeers(int min, int max) {
            return new Spec(min, max, maxPeriods, linked, network, heat, linearCosts);
        }

        public Spec withMaxPeriods(int v) {
            return new Spec(minPeers, maxPeers, v, linked, network, heat, linearCosts);
        }

        public Spec withLinked(boolean v) {
            return new Spec(minPeers, maxPeers, maxPeriods, v, network, heat, linearCosts);
        }

        public Spec withLinearCosts(boolean v) {
            return new Spec(minPeers, maxPeers, maxPeriods, linked, network, heat, v);
        }
    }

    /** The market for {@code seed} and {@link Spec#full()}. */
    public static MultiPeriodMarket generate(long seed) {
        return generate(seed, Spec.full());
    }

    /** The market for {@code seed} and {@code spec}; its name is {@code random-horizon-<seed>}. */
    public static MultiPeriodMarket generate(long seed, Spec spec) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int total = spec.minPeers() + rnd.nextInt(spec.maxPeers() - spec.minPeers() + 1);
        int periods = 2 + rnd.nextInt(spec.maxPeriods() - 1);
        double dt = STEPS[rnd.nextInt(STEPS.length)];
        Horizon horizon = Horizon.of(periods, dt);
        // extras: 0 when there is no room, else up to 8 devices and the two backstops
        int devices = total >= 6 ? Math.min(total - 4, rnd.nextInt(9)) : 0;
        int extras = devices > 0 ? devices + 2 : 0;
        int basePeers = Math.max(2, total - extras);
        boolean network = spec.network() && rnd.nextDouble() < 0.4;
        boolean heat = spec.heat() && rnd.nextDouble() < 0.4;
        RandomMarkets.Spec ms =
                RandomMarkets.Spec.basic(basePeers)
                        .withProsumerShare(0.35)
                        .withPreferences(rnd.nextBoolean())
                        .withExplicitPairs(rnd.nextDouble() < 0.25)
                        .withFixedShare(0.2)
                        .withZeroQuadraticShare(
                                spec.linearCosts() && rnd.nextDouble() < 0.5 ? 0.1 : 0);
        if (network) {
            ms = ms.withNetwork(2 + rnd.nextInt(5), rnd.nextBoolean(), rnd.nextBoolean());
        }
        if (heat) {
            ms = ms.withHeat(0.4, 0.5);
        }
        Market base = RandomMarkets.generate(rnd.nextLong(), ms);
        List<String> buses = new ArrayList<>();
        base.network()
                .ifPresent(
                        net -> {
                            buses.add(net.rootBus());
                            net.lines()
                                    .forEach(
                                            l -> {
                                                if (!buses.contains(l.from())) {
                                                    buses.add(l.from());
                                                }
                                                if (!buses.contains(l.to())) {
                                                    buses.add(l.to());
                                                }
                                            });
                        });

        // extra devices and their per-period peers
        List<Extra> extraList = new ArrayList<>();
        double[] buyRef = new double[periods], sellRef = new double[periods];
        for (int k = 0; k < devices; k++) {
            int kind = rnd.nextInt(4);
            Extra e =
                    switch (kind) {
                        case 0 -> battery(rnd, "S" + k, horizon);
                        case 1 -> vehicle(rnd, "EV" + k, horizon);
                        case 2 -> shiftableLoad(rnd, "W" + k, horizon, spec.linearCosts());
                        default -> rampedProducer(rnd, "R" + k, horizon);
                    };
            e.bus = buses.isEmpty() ? null : buses.get(rnd.nextInt(buses.size()));
            for (int t = 0; t < periods; t++) {
                buyRef[t] += Math.max(0, -e.ref[t]);
                sellRef[t] += Math.max(0, e.ref[t]);
            }
            extraList.add(e);
        }
        if (devices > 0) {
            Extra gx = new Extra("GX", Role.PRODUCER, periods);
            Extra cx = new Extra("CX", Role.CONSUMER, periods);
            for (int t = 0; t < periods; t++) {
                gx.lo[t] = 0;
                gx.hi[t] = buyRef[t] + rnd.nextDouble(10, 100);
                gx.cost[t] =
                        QuadraticCost.of(rnd.nextDouble(0.005, 0.05), rnd.nextDouble(60, 95), 0);
                cx.lo[t] = -sellRef[t] - rnd.nextDouble(10, 100);
                cx.hi[t] = 0;
                cx.cost[t] =
                        QuadraticCost.of(rnd.nextDouble(0.005, 0.05), rnd.nextDouble(0.5, 5), 0);
            }
            gx.bus = buses.isEmpty() ? null : buses.get(rnd.nextInt(buses.size()));
            cx.bus = buses.isEmpty() ? null : buses.get(rnd.nextInt(buses.size()));
            extraList.add(gx);
            extraList.add(cx);
        }

        // period markets: the base widened and repriced, then the extras
        List<Market> markets = new ArrayList<>(periods);
        for (int t = 0; t < periods; t++) {
            Market.Builder mb = base.toBuilder().name(base.name());
            for (Peer p : base.peers()) {
                mb.replacePeer(vary(rnd, p));
            }
            for (Extra e : extraList) {
                Peer p =
                        new Peer(
                                PeerId.of(e.id),
                                e.role,
                                e.bus,
                                Injection.of(e.lo[t], e.hi[t], e.cost[t]),
                                null,
                                null);
                mb.peer(p);
            }
            if (base.trading() instanceof Trading.Pairs pairs && devices > 0) {
                List<PeerPair> all = new ArrayList<>(pairs.pairs());
                for (Extra e : extraList) {
                    if (!e.id.equals("GX") && !e.id.equals("CX") && e.role.canBuy()) {
                        all.add(PeerPair.of("GX", e.id));
                    }
                    if (!e.id.equals("CX") && e.role.canSell()) {
                        all.add(PeerPair.of(e.id, "CX"));
                    }
                }
                mb.trading(Trading.pairs(all));
            }
            markets.add(mb.build());
        }
        MultiPeriodMarket.Builder hb =
                MultiPeriodMarket.builder("random-horizon-" + seed, horizon).periods(markets);
        if (!spec.linked()) {
            return hb.build();
        }
        for (Extra e : extraList) {
            if (e.storage != null) {
                hb.storage(e.id, e.storage);
            }
            if (e.ramp != null) {
                hb.ramp(e.id, e.ramp);
            }
            if (e.window != null) {
                hb.energyWindow(e.id, e.window);
            }
        }
        int stored = 0;
        for (Peer p : base.peers()) {
            double lo = p.power().min(), hi = p.power().max();
            String id = p.id().value();
            if (p.role() == Role.PROSUMER && stored < 3 && rnd.nextDouble() < 0.6) {
                hb.storage(id, idleStorage(rnd, horizon));
                stored++;
            }
            if (rnd.nextDouble() < 0.25) {
                double width = hi - lo;
                double up = rnd.nextDouble(0.02, 0.5) * (width + 1),
                        down = rnd.nextDouble(0.02, 0.5) * (width + 1);
                Ramp r =
                        new Ramp(
                                rnd.nextDouble() < 0.8 ? up : Double.NaN,
                                rnd.nextDouble() < 0.8 ? down : Double.NaN,
                                Double.NaN);
                if (rnd.nextDouble() < 0.3) {
                    // P* lies within width/2 of the middle, so the period-0 rows hold at P*
                    r = new Ramp(Math.max(up, width / 2), Math.max(down, width / 2), (lo + hi) / 2);
                }
                if (r.limitsUp() || r.limitsDown()) {
                    hb.ramp(id, r);
                }
            }
            if (rnd.nextDouble() < 0.2) {
                int from = rnd.nextInt(periods), to = from + rnd.nextInt(periods - from);
                double n = to - from + 1;
                int which = rnd.nextInt(3);
                hb.energyWindow(
                        id,
                        new EnergyWindow(
                                from,
                                to,
                                which != 1 ? dt * n * lo : Double.NaN,
                                which != 0 ? dt * n * hi : Double.NaN));
            }
        }
        return hb.build();
    }

    /**
     * A peer of the base market with bounds widened (keeping its role's signs) and costs rescaled.
     */
    private static Peer vary(SplittableRandom rnd, Peer p) {
        Injection power = vary(rnd, p.role(), p.power());
        Injection heat = p.heat() == null ? null : vary(rnd, p.role(), p.heat());
        return new Peer(p.id(), p.role(), p.bus(), power, heat, p.chpRegion());
    }

    private static Injection vary(SplittableRandom rnd, Role role, Injection s) {
        double width = s.max() - s.min() + 10;
        double lo = s.min(), hi = s.max();
        if (rnd.nextBoolean()) {
            lo -= rnd.nextDouble(0, 0.3) * width;
        }
        if (rnd.nextBoolean()) {
            hi += rnd.nextDouble(0, 0.3) * width;
        }
        if (role == Role.PRODUCER) {
            lo = Math.max(0, lo);
        } else if (role == Role.CONSUMER) {
            hi = Math.min(0, hi);
        }
        QuadraticCost c = s.cost();
        return Injection.of(
                lo,
                hi,
                QuadraticCost.of(
                        c.a() * rnd.nextDouble(0.7, 1.3), c.b() * rnd.nextDouble(0.7, 1.3), c.c()));
    }

    /** Storage on a base prosumer whose idle trajectory ({@code c = d = 0}) is feasible. */
    private static Storage idleStorage(SplittableRandom rnd, Horizon h) {
        int periods = h.periods();
        double dt = h.hoursPerPeriod();
        double cap = rnd.nextDouble(5, 100), init = cap * rnd.nextDouble(0.2, 1);
        double loss = rnd.nextBoolean() ? rnd.nextDouble(0, 0.05) : 0;
        double keep = Math.pow(1 - loss, dt);
        double last = init * Math.pow(keep, periods);
        Storage.Builder b =
                Storage.builder(cap, init)
                        .minKwh(rnd.nextDouble(0, 0.8) * last)
                        .chargeKw(series(rnd, periods, 2, 30))
                        .dischargeKw(series(rnd, periods, 2, 30))
                        .efficiencies(rnd.nextDouble(0.85, 1), rnd.nextDouble(0.85, 1))
                        .standingLossPerHour(loss)
                        .throughputCost(rnd.nextBoolean() ? rnd.nextDouble(0, 0.05) : 0);
        for (int t = 0; t < periods; t++) {
            if (rnd.nextDouble() < 1.5 / periods) {
                b.target(t, rnd.nextDouble(0.5, 1) * init * Math.pow(keep, t + 1));
            }
        }
        return b.build();
    }

    private static Series series(SplittableRandom rnd, int periods, double lo, double hi) {
        if (rnd.nextBoolean()) {
            return Series.constant(rnd.nextDouble(lo, hi));
        }
        double[] v = new double[periods];
        for (int t = 0; t < periods; t++) {
            v[t] = rnd.nextDouble() < 0.15 ? 0 : rnd.nextDouble(lo, hi);
        }
        return Series.of(v);
    }

    /** A battery prosumer following a random feasible reference trajectory, targets below it. */
    private static Extra battery(SplittableRandom rnd, String id, Horizon h) {
        int periods = h.periods();
        double dt = h.hoursPerPeriod();
        Extra e = prosumerDevice(rnd, id, periods);
        double loss = rnd.nextBoolean() ? rnd.nextDouble(0, 0.05) : 0,
                keep = Math.pow(1 - loss, dt);
        // with standing loss the idle energy decays towards 0, so only minKwh = 0 is always
        // reachable
        double cap = rnd.nextDouble(5, 60),
                min = loss == 0 && rnd.nextBoolean() ? rnd.nextDouble(0, 0.2) * cap : 0;
        double init = rnd.nextDouble(min, cap);
        double etaC = rnd.nextDouble(0.8, 1), etaD = rnd.nextDouble(0.8, 1);
        double[] cmax = new double[periods],
                dmax = new double[periods],
                usage = new double[periods];
        double energy = init;
        Storage.Builder b =
                Storage.builder(cap, init)
                        .minKwh(min)
                        .efficiencies(etaC, etaD)
                        .standingLossPerHour(loss)
                        .throughputCost(rnd.nextBoolean() ? rnd.nextDouble(0, 0.05) : 0);
        for (int t = 0; t < periods; t++) {
            cmax[t] = rnd.nextDouble() < 0.1 ? 0 : rnd.nextDouble(1, 25);
            dmax[t] = rnd.nextDouble() < 0.1 ? 0 : rnd.nextDouble(1, 25);
            double kept = keep * energy;
            usage[t] =
                    rnd.nextDouble() < 0.2 ? rnd.nextDouble(0, 0.3) * Math.max(0, kept - min) : 0;
            double low = Math.max(min, kept - usage[t] - dt * dmax[t] / etaD);
            double high = Math.min(cap, kept - usage[t] + dt * etaC * cmax[t]);
            double next = low + rnd.nextDouble() * (high - low);
            double delta = next - (kept - usage[t]);
            double c = delta > 0 ? delta / (dt * etaC) : 0, d = delta < 0 ? -delta * etaD / dt : 0;
            e.ref[t] = d - c;
            energy = next;
            if (rnd.nextDouble() < 1.0 / periods) {
                b.target(t, rnd.nextDouble(0.6, 1) * energy);
            }
        }
        e.storage =
                b.chargeKw(Series.of(cmax))
                        .dischargeKw(Series.of(dmax))
                        .usageKwh(Series.of(usage))
                        .build();
        return e;
    }

    /**
     * An electric vehicle charging at full power until it leaves; its departure target is below
     * that.
     */
    private static Extra vehicle(SplittableRandom rnd, String id, Horizon h) {
        int periods = h.periods();
        double dt = h.hoursPerPeriod();
        Extra e = new Extra(id, Role.PROSUMER, periods);
        for (int t = 0; t < periods; t++) {
            e.lo[t] = 0;
            e.hi[t] = 0;
            e.cost[t] = QuadraticCost.linear(0);
        }
        double cap = rnd.nextDouble(20, 80),
                init = rnd.nextDouble(0.1, 0.6) * cap,
                charger = rnd.nextDouble(3, 11);
        double v2g = rnd.nextBoolean() ? rnd.nextDouble(0, charger) : 0;
        double eta = rnd.nextDouble(0.85, 1);
        int from = 1 + rnd.nextInt(periods - 1), to = from + rnd.nextInt(periods - from);
        double energy = init;
        for (int t = 0; t < from; t++) {
            double c = Math.min(charger, (cap - energy) / (dt * eta));
            energy += dt * eta * c;
            e.ref[t] = -c;
        }
        double driving = rnd.nextDouble(0.1, 0.8) * energy;
        e.storage =
                ElectricVehicle.on(h)
                        .battery(cap, init)
                        .chargerKw(charger)
                        .vehicleToGridKw(v2g)
                        .efficiencies(eta, eta)
                        .trip(from, to, driving)
                        .departure(from - 1, rnd.nextDouble(0.5, 1) * energy)
                        .build();
        return e;
    }

    /** A consumer that must take (about) a reference energy over a window, when it likes. */
    private static Extra shiftableLoad(SplittableRandom rnd, String id, Horizon h, boolean linear) {
        int periods = h.periods();
        double dt = h.hoursPerPeriod();
        Extra e = new Extra(id, Role.CONSUMER, periods);
        for (int t = 0; t < periods; t++) {
            e.lo[t] = -rnd.nextDouble(5, 30);
            e.hi[t] = 0;
            e.cost[t] =
                    QuadraticCost.of(
                            linear && rnd.nextBoolean() ? 0 : rnd.nextDouble(0.005, 0.05),
                            rnd.nextDouble(30, 80),
                            0);
        }
        int from = rnd.nextInt(periods), to = from + rnd.nextInt(periods - from);
        double energy = 0;
        for (int t = from; t <= to; t++) {
            e.ref[t] = rnd.nextDouble() * e.lo[t];
            energy += dt * e.ref[t];
        }
        e.window =
                rnd.nextDouble() < 0.6
                        ? EnergyWindow.of(from, to, energy, energy)
                        : new EnergyWindow(
                                from,
                                to,
                                energy * rnd.nextDouble(1, 1.3),
                                energy * rnd.nextDouble(0.5, 1));
        return e;
    }

    /** A cheap producer with ramp limits, at a constant reference power. */
    private static Extra rampedProducer(SplittableRandom rnd, String id, Horizon h) {
        int periods = h.periods();
        Extra e = new Extra(id, Role.PRODUCER, periods);
        double ref = rnd.nextDouble(0, 20);
        for (int t = 0; t < periods; t++) {
            e.lo[t] = 0;
            e.hi[t] = rnd.nextDouble(20, 80);
            e.cost[t] = QuadraticCost.of(rnd.nextDouble(0.005, 0.05), rnd.nextDouble(5, 40), 0);
            e.ref[t] = ref;
        }
        Ramp r = Ramp.of(rnd.nextDouble(1, 10), rnd.nextDouble(1, 10));
        e.ramp = rnd.nextBoolean() ? r.startingAt(ref) : r;
        return e;
    }

    private static Extra prosumerDevice(SplittableRandom rnd, String id, int periods) {
        Extra e = new Extra(id, Role.PROSUMER, periods);
        for (int t = 0; t < periods; t++) {
            e.lo[t] = -rnd.nextDouble(0, 20);
            e.hi[t] = rnd.nextDouble(0, 20);
            e.cost[t] = QuadraticCost.of(rnd.nextDouble(0.005, 0.1), rnd.nextDouble(5, 60), 0);
        }
        return e;
    }

    /** An added peer: per-period bounds and costs, its links, and its reference net power. */
    private static final class Extra {
        final String id;
        final Role role;
        final double[] lo, hi, ref;
        final QuadraticCost[] cost;
        String bus;
        Storage storage;
        Ramp ramp;
        EnergyWindow window;

        Extra(String id, Role role, int periods) {
            this.id = id;
            this.role = role;
            lo = new double[periods];
            hi = new double[periods];
            ref = new double[periods];
            cost = new QuadraticCost[periods];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s", role, id);
        }
    }
}
