package org.gridbazaar.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridbazaar.formulation.FormulatedMarket;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.ResultChecker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Grid-aware markets on a large synthetic radial feeder (issue #3): how long it takes to index the
 * feeder and compute the path resistances of every allowed pair, and to clear a market with both
 * penalties on it.
 *
 * <ul>
 *   <li>{@link #radialFeederOf}: {@link RadialFeeder#of(Network)} alone (validation, breadth-first
 *       indexing, binary-lifting table);
 *   <li>{@link #pathResistances}: what {@link P2PFormulation} does with the network, and nothing
 *       else: index the feeder, place the peers on their buses, build the congested-line indicator
 *       and evaluate {@code R_ij} (seed eq. 12.11) and {@code theta_ij} (eq. 12.15) for every
 *       allowed pair, in the formulation's pair order;
 *   <li>{@link #formulate}: {@code new P2PFormulation().formulate(market)}, which does the above
 *       and also builds the {@code MarketProblem} (one node per peer, one arc per allowed
 *       direction);
 *   <li>{@link #penalizedSolve}: {@link MarketClearing#clear} of the {@code solveBuses}-bus market
 *       (default 1,000 buses, 1,000 peers) with a resistance penalty and a congestion penalty on
 *       three lines, by {@code structured-ipm} with {@link SolverOptions#DEFAULTS}. One clearing
 *       takes seconds, so it runs single-shot; every result is checked after its iteration (status
 *       {@code OPTIMAL}, injections summing to zero, every peer's power equal to its trades, bounds
 *       and trade prices per {@link ResultChecker}), and a wrong answer fails the run.
 * </ul>
 *
 * The feeder and the market come from {@link #feeder(int, long)} and {@link #market(Network,
 * String, long)} with {@link BenchmarkMarkets#SEED}. {@code trading} selects all producer–consumer
 * pairs ({@code all}, about {@code (buses/2)^2} pairs) or each peer's 20 electrically nearest
 * partners plus the grid connection ({@code nearest20}); the defaults are {@code all}, since one
 * all-pairs clearing at 1,000 peers takes well under a minute.
 *
 * <p>Usage (results in {@code docs/benchmarks.md}): {@code java -jar
 * benchmarks/target/benchmarks.jar 'FeederBenchmark\.penalizedSolve$' -f 1 -wi 1 -i 3}.
 */
public class FeederBenchmark {

    /** Nominal line-to-line voltage of the synthetic feeder, kV (as the IEEE 33-bus feeder). */
    public static final double NOMINAL_KV = 12.66;

    /** Physical length of the main trunk, km, whatever the number of buses. */
    public static final double TRUNK_KM = 15.0;

    /** Total peak demand of the consumers (and total capacity of the local producers), kW. */
    public static final double FEEDER_PEAK_KW = 4000.0;

    /** Total capacity of the local producers as a share of {@link #FEEDER_PEAK_KW}. */
    public static final double LOCAL_GENERATION_SHARE = 0.5;

    /** Resistance penalty {@code alpha} of every peer in the solve benchmark, $/(kW*ohm). */
    public static final double ALPHA = 0.5;

    /** Congestion penalty {@code beta} of every peer in the solve benchmark, $/kW. */
    public static final double BETA = 2.0;

    /** Number of lines under the congestion penalty in the solve benchmark. */
    public static final int PENALIZED_LINES = 3;

    /** Id of the grid connection, a producer at the root bus. */
    public static final String GRID = "GRID";

    /** Number of electrically nearest partners per peer under {@code nearest20} trading. */
    public static final int NEAREST = 20;

    /** Trading rule: every producer with every consumer. */
    public static final String ALL_PAIRS = "all";

    /**
     * Trading rule: each peer with its {@value #NEAREST} electrically nearest partners and the
     * grid.
     */
    public static final String NEAREST_PAIRS = "nearest20";

    // ------------------------------------------------------------------ synthetic feeder and
    // market

    /**
     * A seeded synthetic radial distribution feeder of {@code buses} buses {@code B0..}, root
     * {@code B0} (the substation), in the shape of a real one: a main trunk of about {@code 2
     * sqrt(buses)} sections spanning {@value #TRUNK_KM} km, laterals of 1 to 15 sections tapped off
     * the trunk, and sub-laterals tapped off laterals (a quarter of the branches). Lines are {@code
     * L<k>} from the parent bus to bus {@code B<k>}. Per section, with the length drawn around the
     * nominal value:
     *
     * <ul>
     *   <li>trunk (336 kcmil ACSR class): 0.19 ohm/km, 0.37 ohm/km, 8,000 kW (about 365 A at 12.66
     *       kV), section {@code TRUNK_KM / trunk sections} km +-50%;
     *   <li>lateral (1/0 ACSR class): 0.55 ohm/km, 0.40 ohm/km, 2,500 kW, 0.05–0.30 km;
     *   <li>sub-lateral (#2 ACSR class): 0.87 ohm/km, 0.45 ohm/km, 1,200 kW, 0.03–0.15 km.
     * </ul>
     *
     * The root-to-bus resistance is then about 3 ohm at the trunk end (the IEEE 33-bus feeder has
     * about 4.6 ohm to its far end).
     *
     * @param buses number of buses, {@code >= 2}
     * @param seed random seed; the same seed and size always give the same feeder
     */
    public static Network feeder(int buses, long seed) {
        if (buses < 2) {
            throw new IllegalArgumentException("a feeder needs at least 2 buses, got " + buses);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int trunk = trunkSections(buses);
        double trunkSectionKm = TRUNK_KM / trunk;
        List<Line> lines = new ArrayList<>(buses - 1);
        List<Integer> lateralBuses = new ArrayList<>();
        for (int k = 1; k <= trunk; k++) {
            double km = trunkSectionKm * rnd.nextDouble(0.5, 1.5);
            lines.add(Line.of("L" + k, "B" + (k - 1), "B" + k, 0.19 * km, 0.37 * km, 8000));
        }
        int next = trunk + 1;
        while (next < buses) {
            boolean sub = !lateralBuses.isEmpty() && rnd.nextDouble() < 0.25;
            int tap =
                    sub
                            ? lateralBuses.get(rnd.nextInt(lateralBuses.size()))
                            : 1 + rnd.nextInt(trunk);
            int length = Math.min(buses - next, 1 + rnd.nextInt(15));
            int parent = tap;
            for (int s = 0; s < length; s++, next++) {
                double km;
                if (sub) {
                    km = rnd.nextDouble(0.03, 0.15);
                    lines.add(
                            Line.of(
                                    "L" + next,
                                    "B" + parent,
                                    "B" + next,
                                    0.87 * km,
                                    0.45 * km,
                                    1200));
                } else {
                    km = rnd.nextDouble(0.05, 0.30);
                    lines.add(
                            Line.of(
                                    "L" + next,
                                    "B" + parent,
                                    "B" + next,
                                    0.55 * km,
                                    0.40 * km,
                                    2500));
                    lateralBuses.add(next);
                }
                parent = next;
            }
        }
        return new Network(NOMINAL_KV, "B0", lines);
    }

    /**
     * The market on {@code network}: the grid connection {@value #GRID}, a producer at the root
     * ({@code 0 <= p <= 8,000} kW, cost {@code 0.5*0.001*p^2 + 50 p} $), and one peer on every
     * other bus, {@code G<k>} or {@code C<k>} on bus {@code B<k>}: a seeded half of them producers,
     * the rest consumers. Sizes scale with the feeder so that the consumers' total peak demand is
     * about {@value #FEEDER_PEAK_KW} kW (about 80 kW per consumer at 100 buses, 8 kW at 1,000, 1.6
     * kW at 5,000) and the local producers can cover about half of it (rooftop PV and small CHP;
     * the grid connection supplies the rest). Consumers: {@code -size <= p <= 0}, {@code b} in [40,
     * 90] $/kW (their value per kW); producers: {@code 0 <= p <= size/2}, {@code b} in [10, 40]
     * $/kW; {@code size} drawn in [0.5, 1.5] times the mean; {@code a} such that the marginal cost
     * moves by 5 to 30 $/kW over the peer's range. Bounds contain 0, so every market is feasible.
     * No penalties and no preferences; see {@link #penalized(Market)}.
     *
     * @param network a feeder from {@link #feeder(int, long)}
     * @param trading {@value #ALL_PAIRS} or {@value #NEAREST_PAIRS}
     * @param seed random seed
     */
    public static Market market(Network network, String trading, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<String> buses = new ArrayList<>(network.buses());
        int n = buses.size();
        int[] others = new int[n - 1];
        for (int k = 1; k < n; k++) {
            others[k - 1] = k;
        }
        for (int k = others.length - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            int t = others[k];
            others[k] = others[j];
            others[j] = t;
        }
        boolean[] producer = new boolean[n];
        for (int k = 0; k < others.length / 2; k++) {
            producer[others[k]] = true;
        }
        double size = FEEDER_PEAK_KW / Math.max(1, others.length - others.length / 2);
        Market.Builder b =
                Market.builder("feeder-" + n + "-" + trading + "-" + seed)
                        .description(
                                String.format(
                                        Locale.ROOT,
                                        "FeederBenchmark.market(feeder(%d, %dL), %s, %dL)",
                                        n,
                                        seed,
                                        trading,
                                        seed))
                        .network(network)
                        .peer(
                                Peer.of(
                                                GRID,
                                                Role.PRODUCER,
                                                0,
                                                8000,
                                                QuadraticCost.of(0.001, 50, 0))
                                        .atBus(buses.get(0)));
        for (int k = 1; k < n; k++) {
            String bus = buses.get(k);
            double cap =
                    (producer[k] ? LOCAL_GENERATION_SHARE : 1) * size * rnd.nextDouble(0.5, 1.5);
            double a = rnd.nextDouble(5, 30) / cap;
            if (producer[k]) {
                b.peer(
                        Peer.of(
                                        "G" + bus.substring(1),
                                        Role.PRODUCER,
                                        0,
                                        cap,
                                        QuadraticCost.of(a, rnd.nextDouble(10, 40), 0))
                                .atBus(bus));
            } else {
                b.peer(
                        Peer.of(
                                        "C" + bus.substring(1),
                                        Role.CONSUMER,
                                        -cap,
                                        0,
                                        QuadraticCost.of(a, rnd.nextDouble(40, 90), 0))
                                .atBus(bus));
            }
        }
        Market m = b.build();
        if (ALL_PAIRS.equals(trading)) {
            return m;
        }
        if (!NEAREST_PAIRS.equals(trading)) {
            throw new IllegalArgumentException(
                    "trading must be " + ALL_PAIRS + " or " + NEAREST_PAIRS + ", got " + trading);
        }
        return m.toBuilder().tradingPairs(nearestPairs(m, NEAREST)).build();
    }

    /** The feeder's index of each peer's bus, in market order. */
    static int[] busIndices(RadialFeeder feeder, List<Peer> peers) {
        int[] bus = new int[peers.size()];
        for (int i = 0; i < bus.length; i++) {
            bus[i] = feeder.bus(peers.get(i).bus());
        }
        return bus;
    }

    /**
     * Each peer's {@code k} electrically nearest partners of the opposite role (smallest path
     * resistance, ties by market order) plus the grid connection, as a deduplicated pair list.
     */
    static List<PeerPair> nearestPairs(Market market, int k) {
        RadialFeeder feeder = RadialFeeder.of(market.network().orElseThrow());
        List<Peer> peers = market.peers();
        int n = peers.size();
        int[] bus = busIndices(feeder, peers);
        Set<PeerPair> pairs = new LinkedHashSet<>();
        Integer[] candidates = new Integer[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            Peer p = peers.get(i);
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && p.role().canTradeWith(peers.get(j).role())) {
                    candidates[count++] = j;
                }
            }
            for (int c = 0; c < count; c++) {
                r[candidates[c]] = feeder.pathResistance(bus[i], bus[candidates[c]]);
            }
            Arrays.sort(
                    candidates,
                    0,
                    count,
                    Comparator.<Integer>comparingDouble(j -> r[j]).thenComparingInt(j -> j));
            for (int c = 0; c < Math.min(k, count); c++) {
                pairs.add(new PeerPair(p.id(), peers.get(candidates[c]).id()).normalized());
            }
            if (!p.id().value().equals(GRID) && p.role().canBuy()) {
                pairs.add(new PeerPair(peers.get(0).id(), p.id()).normalized());
            }
        }
        return List.copyOf(pairs);
    }

    /**
     * {@code market} with the resistance penalty {@value #ALPHA} $/(kW*ohm) on every peer and the
     * congestion penalty {@value #BETA} $/kW on {@value #PENALIZED_LINES} lines: the first line of
     * each of the laterals that feed the most buses.
     */
    public static Market penalized(Market market) {
        return market.toBuilder()
                .resistancePenalty(ResistancePenalty.uniform(ALPHA))
                .congestionPenalty(
                        CongestionPenalty.onLines(
                                BETA,
                                busiestLateralHeads(
                                        market.network().orElseThrow(), PENALIZED_LINES)))
                .build();
    }

    /**
     * The ids of the {@code count} lines leaving the trunk (lateral heads) that have the most buses
     * below them, ties by line order. Buses below a line are counted as the flow that one unit of
     * injection on every bus puts on it.
     */
    static List<String> busiestLateralHeads(Network network, int count) {
        RadialFeeder feeder = RadialFeeder.of(network);
        int trunk = trunkSections(feeder.busCount());
        double[] ones = new double[feeder.busCount()];
        Arrays.fill(ones, 1);
        double[] below = feeder.lineFlows(ones);
        List<Line> lines = network.lines();
        List<Integer> heads = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            int child = busNumber(feeder.busName(feeder.childBus(l)));
            int parent = busNumber(feeder.busName(feeder.parent(feeder.childBus(l))));
            if (parent <= trunk && child > trunk) {
                heads.add(l);
            }
        }
        heads.sort(
                Comparator.comparingDouble((Integer l) -> -Math.abs(below[l]))
                        .thenComparingInt(l -> l));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, heads.size()); i++) {
            out.add(lines.get(heads.get(i)).id());
        }
        return out;
    }

    /** Number of trunk sections of {@link #feeder}: buses {@code B1..B<trunk>} form the trunk. */
    static int trunkSections(int buses) {
        return Math.min(buses - 1, Math.max(1, (int) Math.round(2 * Math.sqrt(buses))));
    }

    private static int busNumber(String bus) {
        return Integer.parseInt(bus.substring(1));
    }

    // ------------------------------------------------------------------ benchmark 1: construction

    /** The feeder and market whose network is indexed and formulated. */
    @State(Scope.Benchmark)
    public static class Construction {

        /** Number of buses; one peer per bus (the grid connection on the root). */
        @Param({"100", "1000", "5000"})
        public int buses;

        /** {@value #ALL_PAIRS} or {@value #NEAREST_PAIRS}. */
        @Param({ALL_PAIRS})
        public String trading;

        Network network;
        Market market;
        long expectedArcs;
        volatile FormulatedMarket lastFormulated;

        /** Builds the seeded feeder and the market with both penalties. */
        @Setup(Level.Trial)
        public void setUp() {
            network = feeder(buses, BenchmarkMarkets.SEED);
            market = penalized(market(network, trading, BenchmarkMarkets.SEED));
            if (market.trading() instanceof Trading.Pairs pairs) {
                expectedArcs = pairs.pairs().size();
            } else {
                long producers =
                        market.peers().stream().filter(p -> p.role() == Role.PRODUCER).count();
                expectedArcs = producers * (market.peers().size() - producers);
            }
        }

        /**
         * Fails the trial if the formulation did not have one arc per allowed producer–consumer
         * pair.
         */
        @TearDown(Level.Trial)
        public void verify() {
            FormulatedMarket fm = lastFormulated;
            if (fm != null && fm.problem().arcCount() != expectedArcs) {
                throw new IllegalStateException(
                        market.name()
                                + ": expected "
                                + expectedArcs
                                + " arcs, the formulation has "
                                + fm.problem().arcCount());
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n%s: %d buses, %d peers, %d allowed pairs, penalized lines %s%n",
                    market.name(),
                    buses,
                    market.peers().size(),
                    expectedArcs,
                    market.congestionPenalty().orElseThrow().lines());
        }
    }

    /** {@link RadialFeeder#of(Network)}: validation and indexing of the feeder. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RadialFeeder radialFeederOf(Construction s) {
        return RadialFeeder.of(s.network);
    }

    /**
     * The network part of {@link P2PFormulation#formulate}: index the feeder, place peers, build
     * the congested-line indicator, and evaluate {@code R_ij} and {@code theta_ij} for every
     * allowed pair in the formulation's order. Returns a checksum so that nothing is optimised
     * away.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double pathResistances(Construction s) {
        Market market = s.market;
        RadialFeeder feeder = RadialFeeder.of(market.network().orElseThrow());
        List<Peer> peers = market.peers();
        int n = peers.size();
        int[] bus = busIndices(feeder, peers);
        RadialFeeder.LineSetIndicator theta =
                feeder.indicator(market.congestionPenalty().orElseThrow().lines());
        double sum = 0;
        int crossing = 0;
        if (market.trading() instanceof Trading.Pairs pairs) {
            for (PeerPair pair : pairs.pairs()) {
                int i = market.indexOf(pair.first()), j = market.indexOf(pair.second());
                sum += feeder.pathResistance(bus[i], bus[j]);
                crossing += theta.crosses(bus[i], bus[j]) ? 1 : 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                Role ri = peers.get(i).role();
                for (int j = i + 1; j < n; j++) {
                    if (ri.canTradeWith(peers.get(j).role())) {
                        sum += feeder.pathResistance(bus[i], bus[j]);
                        crossing += theta.crosses(bus[i], bus[j]) ? 1 : 0;
                    }
                }
            }
        }
        return sum + crossing;
    }

    /** {@code new P2PFormulation().formulate(market)} of the penalized market. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FormulatedMarket formulate(Construction s) {
        FormulatedMarket fm = new P2PFormulation().formulate(s.market);
        s.lastFormulated = fm;
        return fm;
    }

    // ------------------------------------------------------------------ benchmark 2: penalized
    // solve

    /** The penalized market cleared by {@link #penalizedSolve}, and the check of its result. */
    @State(Scope.Benchmark)
    public static class Solve {

        /** Number of buses of the solved market (one peer per bus). */
        @Param({"1000"})
        public int solveBuses;

        /** {@value #ALL_PAIRS} or {@value #NEAREST_PAIRS}. */
        @Param({ALL_PAIRS})
        public String solveTrading;

        Market market;
        MarketResult last;
        MarketResult lastVerified;
        int verified;

        /** Builds the seeded penalized market. */
        @Setup(Level.Trial)
        public void setUp() {
            market =
                    penalized(
                            market(
                                    feeder(solveBuses, BenchmarkMarkets.SEED),
                                    solveTrading,
                                    BenchmarkMarkets.SEED));
        }

        /**
         * Fails the run unless the iteration's clearing is optimal, balanced and consistent with
         * the market.
         */
        @TearDown(Level.Iteration)
        public void verify() {
            if (last == null || last.status() != Status.OPTIMAL) {
                throw new IllegalStateException(
                        market.name()
                                + ": status "
                                + (last == null ? "none" : last.status())
                                + ", expected OPTIMAL");
            }
            double net = 0, scale = 0;
            for (PeerOutcome o : last.peers()) {
                net += o.power();
                scale = Math.max(scale, Math.abs(o.power()));
            }
            if (Math.abs(net) > 1e-6 * Math.max(1, scale)) {
                throw new IllegalStateException(
                        market.name() + ": injections sum to " + net + " kW, expected 0 (balance)");
            }
            ResultChecker.assertConsistent(market, last, 1e-6);
            lastVerified = last;
            verified++;
            last = null;
        }

        /** Prints what was solved, once per trial (outside the measurement). */
        @TearDown(Level.Trial)
        public void report() {
            MarketResult r = lastVerified;
            if (r == null) {
                return;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n%s: %d peers, %d lines, penalized lines %s; %d results verified; last: %s, objective %.2f $,"
                            + " %d IPM iterations, solver %.2f s, %d trades, grid %.1f kW, loss estimate %.2f kW, congested %s%n",
                    market.name(),
                    market.peers().size(),
                    market.network().orElseThrow().lines().size(),
                    market.congestionPenalty().orElseThrow().lines(),
                    verified,
                    r.status(),
                    r.objective(),
                    r.solver().iterations(),
                    r.solver().seconds(),
                    r.trades().size(),
                    r.power(GRID),
                    r.network().orElseThrow().lossesKw(),
                    r.network().orElseThrow().congestedLines());
        }
    }

    /** One clearing of the penalized market by {@code structured-ipm} with default options. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public MarketResult penalizedSolve(Solve s) {
        s.last = MarketClearing.clear(s.market, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        return s.last;
    }
}
