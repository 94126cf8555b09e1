package org.gridbazaar.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;

/**
 * Seeded generator of valid {@link Market}s for tests. The same seed and {@link Spec} always give
 * the same market; the market's name is {@code random-<seed>} and its description states the spec,
 * so a failing test can print and replay it.
 *
 * <p>Feasibility by construction: the generator first draws a random feasible set of trades on the
 * allowed pairs, then draws every peer's bounds (and CHP polygon) around the injections those
 * trades imply, so the market is feasible unless {@link Spec#infeasible()} asks otherwise (then one
 * consumer's fixed demand exceeds what all other peers together can supply, so {@code sum hi < 0}).
 *
 * <p>Costs are realistic: {@code a} in [0.005, 0.2] $/kW^2 (0 for a share of peers), {@code b} in
 * [5, 80] $/kW, bounds up to a few hundred kW. Networks are random trees of buses with resistance
 * in [0.01, 0.5] ohm, reactance in [0.01, 0.3] ohm and (for about half the lines) a capacity in
 * [50, 600] kW. CHP regions are convex polygons of 4 to 6 vertices in the (heat, power) plane.
 */
public final class RandomMarkets {

    private RandomMarkets() {}

    /**
     * What to generate. Shares are probabilities per peer in {@code [0, 1]}.
     *
     * @param peers number of peers, {@code >= 2}
     * @param prosumerShare share of prosumers (the rest are producers and consumers, half each)
     * @param preferences whether to add product-differentiation preferences
     * @param explicitPairs trading on explicit pairs (each peer gets 1 to 3 partners) instead of
     *     opposite roles
     * @param fixedShare share of consumers with a fixed demand ({@code min == max})
     * @param zeroQuadraticShare share of peers with a linear cost ({@code a == 0})
     * @param infeasible make the market infeasible (a consumer's fixed demand above all supply)
     * @param buses number of buses of a random radial network; 0 for no network
     * @param resistancePenalty add a resistance penalty (needs buses)
     * @param congestionPenalty add a congestion penalty on random lines (needs buses)
     * @param heatShare share of peers with a heat side
     * @param chpShare share of heat-selling peers with a CHP polygon
     */
    public record Spec(
            int peers,
            double prosumerShare,
            boolean preferences,
            boolean explicitPairs,
            double fixedShare,
            double zeroQuadraticShare,
            boolean infeasible,
            int buses,
            boolean resistancePenalty,
            boolean congestionPenalty,
            double heatShare,
            double chpShare) {

        public Spec {
            if (peers < 2) {
                throw new IllegalArgumentException(
                        "a random market needs at least 2 peers, got " + peers);
            }
            for (double s :
                    new double[] {
                        prosumerShare, fixedShare, zeroQuadraticShare, heatShare, chpShare
                    }) {
                if (!(s >= 0 && s <= 1)) {
                    throw new IllegalArgumentException("shares must be in [0, 1], got " + s);
                }
            }
            if (buses < 0 || (buses == 0 && (resistancePenalty || congestionPenalty))) {
                throw new IllegalArgumentException(
                        "penalties need a network: buses must be >= 1, got " + buses);
            }
        }

        /**
         * {@code peers} producers, consumers and 20% prosumers, opposite-roles trading, nothing
         * else.
         */
        public static Spec basic(int peers) {
            return new Spec(peers, 0.2, false, false, 0, 0, false, 0, false, false, 0, 0);
        }

        /**
         * Everything on: preferences, fixed demands, linear costs, a network with both penalties,
         * heat and CHP.
         */
        public static Spec full(int peers) {
            return new Spec(
                    peers,
                    0.2,
                    true,
                    false,
                    0.2,
                    0.1,
                    false,
                    Math.max(2, peers / 3),
                    true,
                    true,
                    0.4,
                    0.5);
        }

        public Spec withProsumerShare(double v) {
            return new Spec(
                    peers,
                    v,
                    preferences,
                    explicitPairs,
                    fixedShare,
                    zeroQuadraticShare,
                    infeasible,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    heatShare,
                    chpShare);
        }

        public Spec withPreferences(boolean v) {
            return new Spec(
                    peers,
                    prosumerShare,
                    v,
                    explicitPairs,
                    fixedShare,
                    zeroQuadraticShare,
                    infeasible,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    heatShare,
                    chpShare);
        }

        public Spec withExplicitPairs(boolean v) {
            return new Spec(
                    peers,
                    prosumerShare,
                    preferences,
                    v,
                    fixedShare,
                    zeroQuadraticShare,
                    infeasible,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    heatShare,
                    chpShare);
        }

        public Spec withFixedShare(double v) {
            return new Spec(
                    peers,
                    prosumerShare,
                    preferences,
                    explicitPairs,
                    v,
                    zeroQuadraticShare,
                    infeasible,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    heatShare,
                    chpShare);
        }

        public Spec withZeroQuadraticShare(double v) {
            return new Spec(
                    peers,
                    prosumerShare,
                    preferences,
                    explicitPairs,
                    fixedShare,
                    v,
                    infeasible,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    heatShare,
                    chpShare);
        }

        public Spec withInfeasible(boolean v) {
            return new Spec(
                    peers,
                    prosumerShare,
                    preferences,
                    explicitPairs,
                    fixedShare,
                    zeroQuadraticShare,
                    v,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    heatShare,
                    chpShare);
        }

        /**
         * A network of {@code count} buses with the given penalties ({@code count == 0}: no
         * network, no penalties).
         */
        public Spec withNetwork(int count, boolean resistance, boolean congestion) {
            return new Spec(
                    peers,
                    prosumerShare,
                    preferences,
                    explicitPairs,
                    fixedShare,
                    zeroQuadraticShare,
                    infeasible,
                    count,
                    resistance,
                    congestion,
                    heatShare,
                    chpShare);
        }

        /** Heat sides on a share of peers, with CHP polygons on a share of the heat sellers. */
        public Spec withHeat(double share, double chp) {
            return new Spec(
                    peers,
                    prosumerShare,
                    preferences,
                    explicitPairs,
                    fixedShare,
                    zeroQuadraticShare,
                    infeasible,
                    buses,
                    resistancePenalty,
                    congestionPenalty,
                    share,
                    chp);
        }
    }

    /**
     * {@code m} with every peer's power and heat bounds set to 0 kW, costs kept: a market where
     * nothing can be traded, whose optimum is every peer idle.
     */
    public static Market switchedOff(Market m) {
        Market.Builder b = m.toBuilder();
        for (Peer p : m.peers()) {
            Injection heat = p.heat() == null ? null : new Injection(0, 0, p.heat().cost());
            b.replacePeer(
                    new Peer(
                            p.id(),
                            p.role(),
                            p.bus(),
                            new Injection(0, 0, p.power().cost()),
                            heat,
                            p.chpRegion()));
        }
        return b.build();
    }

    /** The market for {@code seed} and {@code spec}; its name is {@code random-<seed>}. */
    public static Market generate(long seed, Spec spec) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = spec.peers();
        Role[] roles = new Role[n];
        for (int i = 0; i < n; i++) {
            roles[i] =
                    rnd.nextDouble() < spec.prosumerShare()
                            ? Role.PROSUMER
                            : rnd.nextBoolean() ? Role.PRODUCER : Role.CONSUMER;
        }
        roles[0] = Role.PRODUCER;
        roles[1] = Role.CONSUMER;
        boolean[] heat = new boolean[n];
        for (int i = 0; i < n; i++) {
            heat[i] = rnd.nextDouble() < spec.heatShare();
        }
        if (spec.heatShare() > 0 && n >= 2) {
            heat[0] = true;
            heat[1] = true;
        }
        // allowed pairs
        List<int[]> pairs = new ArrayList<>();
        if (spec.explicitPairs()) {
            Set<Long> seen = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                int want = 1 + rnd.nextInt(3);
                for (int tries = 0; tries < 20 && want > 0; tries++) {
                    int j = rnd.nextInt(n);
                    if (j == i || !roles[i].canTradeWith(roles[j])) {
                        continue;
                    }
                    long key = (long) Math.min(i, j) * n + Math.max(i, j);
                    if (seen.add(key)) {
                        pairs.add(new int[] {Math.min(i, j), Math.max(i, j)});
                        want--;
                    }
                }
            }
            long key01 = 1;
            if (seen.add(key01)) {
                pairs.add(new int[] {0, 1});
            }
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (roles[i].canTradeWith(roles[j])) {
                        pairs.add(new int[] {i, j});
                    }
                }
            }
        }
        // a feasible point: random trades on a few allowed pairs
        double[] p = new double[n], h = new double[n];
        double tradeShare = Math.min(1, 3.0 * n / Math.max(1, pairs.size()));
        for (int[] pr : pairs) {
            if (rnd.nextDouble() >= tradeShare) {
                continue;
            }
            int s = pr[0], b = pr[1];
            if (!roles[s].canSell()
                    || !roles[b].canBuy()
                    || (roles[b].canSell() && roles[s].canBuy() && rnd.nextBoolean())) {
                s = pr[1];
                b = pr[0];
            }
            double q = rnd.nextDouble(0, 60);
            p[s] += q;
            p[b] -= q;
            if (heat[s] && heat[b] && rnd.nextBoolean()) {
                double qh = rnd.nextDouble(0, 40);
                h[s] += qh;
                h[b] -= qh;
            }
        }
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean fixed = roles[i] == Role.CONSUMER && rnd.nextDouble() < spec.fixedShare();
            Injection power =
                    Injection.of(
                            lower(rnd, roles[i], p[i], fixed),
                            upper(rnd, roles[i], p[i], fixed),
                            cost(rnd, spec, roles[i]));
            Peer peer = new Peer(PeerId.of(name(roles[i], i)), roles[i], null, power, null, null);
            if (heat[i]) {
                Injection hs =
                        Injection.of(
                                lower(rnd, roles[i], h[i], false),
                                upper(rnd, roles[i], h[i], false),
                                heatCost(rnd, spec, roles[i]));
                peer = peer.withHeat(hs);
                if (roles[i].canSell() && rnd.nextDouble() < spec.chpShare()) {
                    peer = peer.withChpRegion(polygon(rnd, h[i], p[i]));
                }
            }
            peers.add(peer);
        }
        if (spec.infeasible()) {
            double supply = 0;
            for (int i = 0; i < n; i++) {
                if (i != 1) {
                    supply += peers.get(i).power().max();
                }
            }
            Peer c = peers.get(1);
            double demand = -(Math.max(0, supply) + 10 + rnd.nextDouble(0, 50));
            peers.set(
                    1,
                    new Peer(
                            c.id(),
                            c.role(),
                            c.bus(),
                            Injection.of(demand, demand, c.power().cost()),
                            c.heat(),
                            c.chpRegion()));
        }
        Market.Builder mb =
                Market.builder("random-" + seed)
                        .description(
                                String.format(
                                        Locale.ROOT,
                                        "RandomMarkets.generate(%dL, %s)",
                                        seed,
                                        spec));
        List<String> lines = new ArrayList<>();
        if (spec.buses() > 0) {
            List<Line> ls = new ArrayList<>();
            for (int k = 1; k < spec.buses(); k++) {
                int parent = rnd.nextInt(k);
                double cap = rnd.nextBoolean() ? rnd.nextDouble(50, 600) : Double.NaN;
                String from = "B" + parent, to = "B" + k;
                if (rnd.nextBoolean()) {
                    String tmp = from;
                    from = to;
                    to = tmp;
                }
                ls.add(
                        Line.of(
                                "L" + k,
                                from,
                                to,
                                rnd.nextDouble(0.01, 0.5),
                                rnd.nextDouble(0.01, 0.3),
                                cap));
                lines.add("L" + k);
            }
            mb.network(new Network(12.66, "B0", ls));
            for (int i = 0; i < n; i++) {
                peers.set(i, peers.get(i).atBus("B" + rnd.nextInt(spec.buses())));
            }
            if (spec.resistancePenalty()) {
                mb.resistancePenalty(ResistancePenalty.uniform(rnd.nextDouble(0.01, 0.1)));
            }
            if (spec.congestionPenalty()) {
                List<String> penalized = new ArrayList<>();
                for (String l : lines) {
                    if (rnd.nextDouble() < 0.3) {
                        penalized.add(l);
                    }
                }
                mb.congestionPenalty(CongestionPenalty.onLines(rnd.nextDouble(1, 10), penalized));
            }
        }
        peers.forEach(mb::peer);
        if (spec.explicitPairs()) {
            List<PeerPair> pp = new ArrayList<>();
            for (int[] pr : pairs) {
                pp.add(new PeerPair(peers.get(pr[0]).id(), peers.get(pr[1]).id()));
            }
            mb.trading(Trading.pairs(pp));
        }
        if (spec.preferences()) {
            for (int[] pr : pairs) {
                if (rnd.nextDouble() < 0.3) {
                    int who = rnd.nextBoolean() ? pr[0] : pr[1],
                            other = who == pr[0] ? pr[1] : pr[0];
                    boolean bothProsumers =
                            roles[pr[0]] == Role.PROSUMER && roles[pr[1]] == Role.PROSUMER;
                    double cost = bothProsumers ? rnd.nextDouble(0, 5) : rnd.nextDouble(-3, 6);
                    mb.preference(peers.get(who).id().value(), peers.get(other).id().value(), cost);
                }
            }
        }
        return mb.build();
    }

    private static String name(Role role, int i) {
        return switch (role) {
            case PRODUCER -> "G" + i;
            case CONSUMER -> "C" + i;
            case PROSUMER -> "P" + i;
        };
    }

    private static double lower(SplittableRandom rnd, Role role, double x, boolean fixed) {
        if (fixed) {
            return Math.min(x, 0);
        }
        double lo = x - rnd.nextDouble(0, 250);
        return role == Role.PRODUCER ? (rnd.nextDouble() < 0.7 ? 0 : Math.max(0, lo)) : lo;
    }

    private static double upper(SplittableRandom rnd, Role role, double x, boolean fixed) {
        if (fixed) {
            return Math.min(x, 0);
        }
        double hi = x + rnd.nextDouble(0, 250);
        return role == Role.CONSUMER ? (rnd.nextDouble() < 0.7 ? 0 : Math.min(0, hi)) : hi;
    }

    private static QuadraticCost cost(SplittableRandom rnd, Spec spec, Role role) {
        double a = rnd.nextDouble() < spec.zeroQuadraticShare() ? 0 : rnd.nextDouble(0.005, 0.2);
        double b =
                role == Role.CONSUMER
                        ? rnd.nextDouble(30, 80)
                        : role == Role.PRODUCER ? rnd.nextDouble(5, 50) : rnd.nextDouble(5, 80);
        return QuadraticCost.of(a, b, rnd.nextDouble(0, 20));
    }

    private static QuadraticCost heatCost(SplittableRandom rnd, Spec spec, Role role) {
        double a = rnd.nextDouble() < spec.zeroQuadraticShare() ? 0 : rnd.nextDouble(0.005, 0.2);
        double b = role == Role.CONSUMER ? rnd.nextDouble(20, 60) : rnd.nextDouble(5, 40);
        return QuadraticCost.of(a, b, 0);
    }

    /**
     * A convex polygon of 4 to 6 vertices on an ellipse around {@code (heat, power)}, which lies
     * inside it.
     */
    private static ChpRegion polygon(SplittableRandom rnd, double heat, double power) {
        int k = 4 + rnd.nextInt(3);
        double[] angles = new double[k];
        while (true) {
            for (int i = 0; i < k; i++) {
                angles[i] = rnd.nextDouble(0, 2 * Math.PI);
            }
            java.util.Arrays.sort(angles);
            double gap = angles[0] + 2 * Math.PI - angles[k - 1];
            boolean ok = gap < 0.9 * Math.PI && gap > 0.2;
            for (int i = 1; i < k; i++) {
                double g = angles[i] - angles[i - 1];
                ok &= g < 0.9 * Math.PI && g > 0.2;
            }
            if (ok) {
                break;
            }
        }
        double rh = rnd.nextDouble(20, 200), rp = rnd.nextDouble(20, 200);
        double ch = heat + rnd.nextDouble(-0.1, 0.1) * rh,
                cp = power + rnd.nextDouble(-0.1, 0.1) * rp;
        double[][] v = new double[k][];
        for (int i = 0; i < k; i++) {
            v[i] = new double[] {ch + rh * Math.cos(angles[i]), cp + rp * Math.sin(angles[i])};
        }
        return ChpRegion.of(v);
    }
}
