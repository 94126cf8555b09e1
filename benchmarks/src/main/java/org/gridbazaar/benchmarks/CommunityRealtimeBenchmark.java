package org.gridbazaar.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridbazaar.grid.AcPowerFlow;
import org.gridbazaar.grid.AcPowerFlowResult;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.mechanism.BidCurve;
import org.gridbazaar.mechanism.Clearing;
import org.gridbazaar.mechanism.CommunityBidding;
import org.gridbazaar.mechanism.realtime.Community;
import org.gridbazaar.mechanism.realtime.CommunityPeriod;
import org.gridbazaar.mechanism.realtime.LseSupply;
import org.gridbazaar.mechanism.realtime.PeriodOutcome;
import org.gridbazaar.mechanism.realtime.RealTimeLoop;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One real-time period of the communities' loop with their LSE (issue 14): 1,000 members in 10
 * communities of 100 on a 51-bus feeder (10 laterals of 5 buses from the substation, one community
 * per lateral, 20 members per bus).
 *
 * <ul>
 *   <li>{@link #period}: {@link RealTimeLoop#firstPeriod}: every community's curve from its members
 *       by re-clearing its market over the look-ahead at each of the {@code points} curve prices
 *       plus the LSE's two (communities in parallel), the sum of the 10 curves and its clearing
 *       against the LSE's supply curve, every community's dispatch of its award (one more clearing
 *       each; the curve error is not measured), and the AC sweep of the feeder;
 *   <li>{@link #oneCurve}: one community's curve alone ({@link CommunityBidding#curve}), to say
 *       where the time of a period goes;
 *   <li>{@link #sumAndClear}: {@link BidCurve#sum} of the 10 curves and {@link Clearing#between}
 *       against the LSE;
 *   <li>{@link #acSweep}: the backward/forward sweep of the feeder at the dispatch.
 * </ul>
 *
 * Members, seeded ({@link BenchmarkMarkets#SEED}): 40 homes (a fixed load of 2 to 6 kW with
 * curtailable rooftop PV of 0 to 8 kW, at power factor 0.95 lagging), 30 batteries (5 to 15 kWh,
 * half full, 3 to 5 kW each way, efficiencies 0.95, at least half full at the end of the
 * look-ahead) and 30 shops (fixed loads of 5 to 20 kW), on an hourly day of {@code lookAhead}
 * periods with the PV and loads in the shape of a day from 10 h; trading through the community's
 * connection (a star: no member-to-member pairs). The LSE: wholesale 0.03 to 0.11 $/kWh, delivery
 * 0.045 $/kWh, substation limit 20 MW. The teardown checks the period: the awards add up to the
 * LSE's supply, every community's members balance with its award, the sweep converged and the
 * substation supplies the awards plus the losses.
 *
 * <p>Usage (results in {@code docs/benchmarks.md}): {@code java -jar
 * benchmarks/target/benchmarks.jar CommunityRealtimeBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class CommunityRealtimeBenchmark {

    /** Communities on the feeder. */
    public static final int COMMUNITIES = 10;

    /** Members per community. */
    public static final int MEMBERS = 100;

    /** Buses per lateral (one lateral per community). */
    public static final int BUSES_PER_LATERAL = 5;

    /** Periods each community looks ahead, counting the current one. */
    @Param({"4", "24"})
    public int lookAhead;

    /** Evenly spaced curve prices over [0.01, 0.49] $/kWh (the LSE's two prices are added). */
    @Param({"11"})
    public int points;

    private List<Community> communities;
    private LseSupply lse;
    private RadialFeeder feeder;
    private RealTimeLoop.Options options;
    private PeriodOutcome last;
    private List<BidCurve> curves;
    private double[] activeKw;
    private double[] reactiveKvar;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(BenchmarkMarkets.SEED);
        feeder = feeder();
        communities = new ArrayList<>();
        for (int c = 0; c < COMMUNITIES; c++) {
            communities.add(community(c, lookAhead, random));
        }
        double[] wholesale = new double[lookAhead];
        for (int t = 0; t < lookAhead; t++) {
            wholesale[t] = 0.03 + 0.08 * Math.max(0, Math.sin(Math.PI * (10 + t - 8) / 14.0));
        }
        lse = new LseSupply(wholesale, 0.045, 20_000);
        options =
                RealTimeLoop.Options.of(new StructuredIpmSolver(), 0.01, 0.49, points)
                        .withCurveErrorMeasured(false)
                        .withSolverOptions(SolverOptions.DEFAULTS);
        // one period up front gives the curves and the dispatch for the partial benchmarks
        PeriodOutcome p = RealTimeLoop.firstPeriod(communities, lse, feeder, options);
        curves = p.communities().stream().map(CommunityPeriod::curve).toList();
        activeKw = new double[feeder.busCount()];
        reactiveKvar = new double[feeder.busCount()];
        for (int c = 0; c < COMMUNITIES; c++) {
            Community community = communities.get(c);
            p.communities()
                    .get(c)
                    .memberPowerKw()
                    .forEach(
                            (id, kw) -> {
                                int bus = feeder.bus(community.busOf().get(id));
                                activeKw[bus] += kw;
                                reactiveKvar[bus] +=
                                        community
                                                .day()
                                                .period(0)
                                                .powerFactor(new org.gridbazaar.model.PeerId(id))
                                                .reactiveKvar(kw);
                            });
        }
    }

    /**
     * The feeder: a substation bus and 10 laterals of 5 buses, 12.66 kV, 0.05 + j0.03 ohm per
     * section.
     */
    static RadialFeeder feeder() {
        List<Line> lines = new ArrayList<>();
        for (int c = 0; c < COMMUNITIES; c++) {
            String from = "S";
            for (int b = 0; b < BUSES_PER_LATERAL; b++) {
                String to = "L" + c + "B" + b;
                lines.add(Line.of("l" + c + "-" + b, from, to, 0.05, 0.03));
                from = to;
            }
        }
        return RadialFeeder.of(new Network(12.66, "S", lines));
    }

    private static final double[] PV = {
        0.62, 0.75, 0.82, 0.80, 0.70, 0.55, 0.36, 0.17, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.02,
        0.10, 0.25, 0.45
    };
    private static final double[] LOAD = {
        0.50, 0.48, 0.47, 0.48, 0.52, 0.60, 0.75, 0.90, 1.00, 0.98, 0.90, 0.78, 0.62, 0.50, 0.45,
        0.40, 0.38, 0.37, 0.38, 0.45, 0.60, 0.72, 0.65, 0.55
    };

    static Community community(int c, int periods, SplittableRandom random) {
        String name = "c" + c;
        int homes = 40, batteries = 30;
        double[] homeLoad = new double[MEMBERS],
                homePv = new double[MEMBERS],
                shopLoad = new double[MEMBERS];
        double[] capacity = new double[MEMBERS], power = new double[MEMBERS];
        for (int m = 0; m < MEMBERS; m++) {
            homeLoad[m] = 2 + 4 * random.nextDouble();
            homePv[m] = 8 * random.nextDouble();
            shopLoad[m] = 5 + 15 * random.nextDouble();
            capacity[m] = 5 + 10 * random.nextDouble();
            power[m] = 3 + 2 * random.nextDouble();
        }
        Map<String, String> busOf = new LinkedHashMap<>();
        for (int m = 0; m < MEMBERS; m++) {
            busOf.put(name + "-m" + m, "L" + c + "B" + (m % BUSES_PER_LATERAL));
        }
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(name, Horizon.hourly(periods))
                        .periods(
                                t -> {
                                    Market.Builder mk =
                                            Market.builder(name).tradingPairs(List.of());
                                    for (int m = 0; m < MEMBERS; m++) {
                                        String id = name + "-m" + m;
                                        if (m < homes) {
                                            double load = homeLoad[m] * LOAD[t % 24];
                                            mk.prosumer(
                                                            id,
                                                            -load,
                                                            homePv[m] * PV[t % 24] - load,
                                                            QuadraticCost.linear(0))
                                                    .powerFactor(id, PowerFactor.lagging(0.95));
                                        } else if (m < homes + batteries) {
                                            mk.prosumer(id, 0, 0, QuadraticCost.linear(0));
                                        } else {
                                            double load = shopLoad[m] * LOAD[(t + 3) % 24];
                                            mk.consumer(id, -load, -load, QuadraticCost.linear(0))
                                                    .powerFactor(id, PowerFactor.lagging(0.95));
                                        }
                                    }
                                    return mk.build();
                                });
        for (int m = homes; m < homes + batteries; m++) {
            b.storage(
                    name + "-m" + m,
                    Storage.builder(capacity[m], capacity[m] / 2)
                            .powerKw(power[m], power[m])
                            .efficiencies(0.95, 0.95)
                            .throughputCost(0.005)
                            .target(periods - 1, capacity[m] / 2)
                            .build());
        }
        return new Community(name, b.build(), busOf, 5_000);
    }

    @Benchmark
    public PeriodOutcome period() {
        last = RealTimeLoop.firstPeriod(communities, lse, feeder, options);
        return last;
    }

    @Benchmark
    public BidCurve oneCurve() {
        double[] forecast = new double[lookAhead - 1];
        for (int t = 1; t < lookAhead; t++) {
            forecast[t - 1] = lse.retail(t);
        }
        double[] grid = options.curvePrices();
        return CommunityBidding.curve(
                communities.get(0).day(),
                grid,
                forecast,
                communities.get(0).connectionKw(),
                options.solver(),
                options.solverOptions());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Clearing sumAndClear() {
        return Clearing.between(BidCurve.sum(curves), lse.curve(0));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public AcPowerFlowResult acSweep() {
        return AcPowerFlow.DEFAULT.solve(feeder, activeKw, reactiveKvar);
    }

    @TearDown(Level.Iteration)
    public void check() {
        if (last == null) {
            return;
        }
        double awards = 0;
        for (CommunityPeriod c : last.communities()) {
            awards += c.awardKw();
            double net = c.memberPowerKw().values().stream().mapToDouble(Double::doubleValue).sum();
            if (Math.abs(net + c.awardKw()) > 1e-4 * Math.max(1, Math.abs(c.awardKw()))) {
                throw new IllegalStateException(
                        c.community()
                                + ": members "
                                + net
                                + " kW against award "
                                + c.awardKw()
                                + " kW");
            }
        }
        double tol = Clearing.defaultToleranceKw(last.aggregate(), last.lseCurve()) + 1e-6;
        if (Math.abs(awards - last.clearing().quantityKw()) > tol) {
            throw new IllegalStateException(
                    "awards "
                            + awards
                            + " kW against the cleared "
                            + last.clearing().quantityKw()
                            + " kW");
        }
        if (!last.powerFlow().converged()
                || Math.abs(last.powerFlow().rootSupplyKw() - awards - last.lossesKw()) > 1e-3) {
            throw new IllegalStateException(
                    "the sweep does not carry the awards: "
                            + last.powerFlow().rootSupplyKw()
                            + " kW at the root, "
                            + awards
                            + " kW awarded, "
                            + last.lossesKw()
                            + " kW lost");
        }
    }
}
