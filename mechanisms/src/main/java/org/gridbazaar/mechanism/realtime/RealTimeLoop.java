package org.gridbazaar.mechanism.realtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.gridbazaar.grid.AcPowerFlow;
import org.gridbazaar.grid.AcPowerFlowResult;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.mechanism.BidCurve;
import org.gridbazaar.mechanism.Clearing;
import org.gridbazaar.mechanism.CommunityBidding;
import org.gridbazaar.mechanism.QuantityRange;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;

/**
 * The real-time loop of communities with the load-serving entity (Theisen et al., TPEC 2024):
 * period by period over a day, every community sends a bid curve, a third party clears their sum
 * against the LSE's supply curve, every community dispatches at the cleared price, the feeder's AC
 * power flow checks voltages and losses, and storage carries its energy into the next period.
 *
 * <p><b>One period {@code t}</b>, with {@code dt} hours per period and look-ahead {@code L}:
 *
 * <ol>
 *   <li><em>Curves.</em> Each community's market over periods {@code t .. min(t+L, T)-1} (the
 *       window of its day), storage starting from the energy it held at the end of period {@code
 *       t-1}, gives its curve by {@link CommunityBidding#curve} (or by {@link
 *       CommunityBidding#refinedCurve}, with {@link Options#refineClearings()} further clearings
 *       where it bends): its net import in period {@code t} at each price of {@link
 *       Options#curvePrices()} and at the LSE's own two prices of the period ({@code w_t} and
 *       {@code w_t + d}, where the clearing most often lands, so the curve is exact there), with
 *       the LSE's retail prices {@code w_u + d} as the forecast for the later periods {@code u} of
 *       the look-ahead (the communities forecast that they buy; the paper does not say what they
 *       forecast).
 *   <li><em>Clearing.</em> The third party adds the curves exactly ({@link BidCurve#sum}) and
 *       clears the sum against {@link LseSupply#curve} with {@link Clearing#between} and its tie
 *       rules. Curves that never cross (the communities' demand exceeds the substation limit at
 *       every price of the curves, or their export does) stop the loop with an {@link
 *       IllegalStateException} naming the period.
 *   <li><em>Awards.</em> Each community's award is its own curve at the cleared price; where the
 *       curves have a step there, the step's range is shared in proportion so that the awards add
 *       up to the cleared quantity (to rounding).
 *   <li><em>Dispatch.</em> Each community re-clears its market over the look-ahead with the
 *       connection held at its award in period {@code t} (priced at the cleared price) and free at
 *       the forecast prices after; its members' period-{@code t} powers are the dispatch, and its
 *       storage energy at the end of period {@code t} is where period {@code t+1} starts. Holding
 *       the award (rather than re-clearing at the price alone) makes the feeder take exactly the
 *       cleared power, as the bids promised; an award interpolated on a sampled curve is always
 *       feasible, since the net imports a community can reach in period {@code t} form an interval.
 *       With {@link Options#measureCurveError()}, the community also re-clears at the price alone,
 *       and the difference is the error of its curve at the cleared price.
 *   <li><em>Power flow.</em> The members' net powers are injected at their buses ({@link
 *       Community#busOf()}) and the feeder is solved by {@link AcPowerFlow}: our own
 *       backward/forward sweep of the radial feeder in this library, not a separate distribution
 *       grid simulator as in the paper's co-simulation. It reports voltages and losses; it does not
 *       feed back into the prices.
 * </ol>
 *
 * <p>The communities' curves, dispatches and price-taking re-clearings are computed in parallel
 * (common fork-join pool), each from its own community's data only, so the outcome does not depend
 * on the number of threads; {@link MarketSolver}s are stateless and thread-safe.
 *
 * <p>Work per period: for {@code C} communities and {@code K} curve prices, {@code C (K + 2)}
 * clearings over the look-ahead for the curves, {@code C} (or {@code 2C} when measuring the curve
 * error) for the dispatch, one merge of the curves and one sweep.
 */
public final class RealTimeLoop {

    private RealTimeLoop() {}

    /**
     * How the loop runs.
     *
     * @param lookAheadPeriods the periods each community looks ahead, counting the current one,
     *     {@code >= 1}; {@link Integer#MAX_VALUE} for the rest of the day
     * @param curvePrices the prices at which every curve is sampled, $/kWh, strictly increasing
     *     (the LSE's two prices of the period are added); the curves are constant beyond the first
     *     and last, so the last is the price cap of the loop
     * @param solver the solver of the communities' markets
     * @param solverOptions its options
     * @param powerFlow the AC power flow options
     * @param measureCurveError whether each community also re-clears at the cleared price alone
     *     (one more clearing per community and period) to measure its curve's error
     * @param refineClearings further clearings per curve, {@code >= 0}, spent by {@link
     *     CommunityBidding#refinedCurve} where the sampled curve bends (steps of batteries and
     *     linear-cost members); 0 samples the grid only
     */
    public record Options(
            int lookAheadPeriods,
            double[] curvePrices,
            MarketSolver solver,
            SolverOptions solverOptions,
            AcPowerFlow powerFlow,
            boolean measureCurveError,
            int refineClearings) {

        /**
         * Checks the options.
         *
         * @throws IllegalArgumentException when the look-ahead is below 1, there are no curve
         *     prices or they are not finite and strictly increasing, or the solver, its options or
         *     the power flow is null
         */
        public Options {
            List<String> errors = new ArrayList<>();
            if (lookAheadPeriods < 1) {
                errors.add(
                        "look-ahead "
                                + lookAheadPeriods
                                + " periods must be at least 1 (the current period)");
            }
            if (curvePrices == null || curvePrices.length == 0) {
                errors.add(
                        "no curve prices; give the prices at which the curves are sampled ($/kWh)");
            } else {
                curvePrices = curvePrices.clone();
                for (int k = 0; k < curvePrices.length; k++) {
                    if (!Double.isFinite(curvePrices[k])) {
                        errors.add(
                                "curve price "
                                        + k
                                        + " is "
                                        + curvePrices[k]
                                        + "; it must be finite");
                    } else if (k > 0 && !(curvePrices[k] > curvePrices[k - 1])) {
                        errors.add(
                                "curve price "
                                        + k
                                        + " ("
                                        + curvePrices[k]
                                        + " $/kWh) is not above the previous ("
                                        + curvePrices[k - 1]
                                        + "); Maybe sort them");
                    }
                }
            }
            if (refineClearings < 0) {
                errors.add("refine clearings " + refineClearings + " must be 0 or more");
            }
            if (solver == null || solverOptions == null || powerFlow == null) {
                errors.add("solver, solver options and power flow must be given");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(
                        "real-time loop options:\n  " + String.join("\n  ", errors));
            }
        }

        /**
         * Options with the rest of the day as look-ahead, {@code points} curve prices evenly spaced
         * over {@code [lowPrice, highPrice]} ($/kWh), the solver's defaults with its own tolerance,
         * the default power flow, and the curve error measured.
         */
        public static Options of(
                MarketSolver solver, double lowPrice, double highPrice, int points) {
            if (points < 2 || !(highPrice > lowPrice)) {
                throw new IllegalArgumentException(
                        "curve prices: need at least 2 points over a range with high above low, got "
                                + points
                                + " over ["
                                + lowPrice
                                + ", "
                                + highPrice
                                + "] $/kWh");
            }
            double[] p = new double[points];
            for (int k = 0; k < points; k++) {
                p[k] = lowPrice + (highPrice - lowPrice) * k / (points - 1);
            }
            return new Options(
                    Integer.MAX_VALUE,
                    p,
                    solver,
                    SolverOptions.DEFAULTS.withTolerance(solver.defaultTolerance()),
                    AcPowerFlow.DEFAULT,
                    true,
                    0);
        }

        /** The curve prices, $/kWh (a copy). */
        @Override
        public double[] curvePrices() {
            return curvePrices.clone();
        }

        /** These options with another look-ahead, periods. */
        public Options withLookAhead(int periods) {
            return new Options(
                    periods,
                    curvePrices,
                    solver,
                    solverOptions,
                    powerFlow,
                    measureCurveError,
                    refineClearings);
        }

        /** These options with or without measuring the curves' error. */
        public Options withCurveErrorMeasured(boolean measure) {
            return new Options(
                    lookAheadPeriods,
                    curvePrices,
                    solver,
                    solverOptions,
                    powerFlow,
                    measure,
                    refineClearings);
        }

        /** These options with other solver options. */
        public Options withSolverOptions(SolverOptions options) {
            return new Options(
                    lookAheadPeriods,
                    curvePrices,
                    solver,
                    options,
                    powerFlow,
                    measureCurveError,
                    refineClearings);
        }

        /** These options with {@code clearings} further clearings per curve where it bends. */
        public Options withRefineClearings(int clearings) {
            return new Options(
                    lookAheadPeriods,
                    curvePrices,
                    solver,
                    solverOptions,
                    powerFlow,
                    measureCurveError,
                    clearings);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options other
                    && lookAheadPeriods == other.lookAheadPeriods
                    && Arrays.equals(curvePrices, other.curvePrices)
                    && solver.equals(other.solver)
                    && solverOptions.equals(other.solverOptions)
                    && powerFlow.equals(other.powerFlow)
                    && measureCurveError == other.measureCurveError
                    && refineClearings == other.refineClearings;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(curvePrices) * 31 + lookAheadPeriods;
        }

        @Override
        public String toString() {
            return "Options[lookAheadPeriods="
                    + lookAheadPeriods
                    + ", curvePrices="
                    + Arrays.toString(curvePrices)
                    + ", solver="
                    + solver.name()
                    + ", measureCurveError="
                    + measureCurveError
                    + ", refineClearings="
                    + refineClearings
                    + "]";
        }
    }

    /**
     * Runs the loop over the whole day.
     *
     * @param communities the communities, at least one, with distinct names and the LSE's number of
     *     periods and one period length
     * @param lse the LSE's offer per period
     * @param feeder the distribution feeder the members are placed on
     * @param options how the loop runs
     * @throws IllegalArgumentException listing every mismatch of communities, LSE and feeder
     * @throws IllegalStateException when a community's market does not clear, or the curves do not
     *     cross in a period
     */
    public static RealTimeDay run(
            List<Community> communities, LseSupply lse, RadialFeeder feeder, Options options) {
        check(communities, lse, feeder);
        State state = start(communities);
        List<PeriodOutcome> periods = new ArrayList<>();
        for (int t = 0; t < lse.periodCount(); t++) {
            periods.add(period(communities, lse, feeder, options, t, state));
        }
        return new RealTimeDay(communities.get(0).day().hoursPerPeriod(), lse, periods);
    }

    /**
     * One real-time period on its own: period 0 of the communities' markets, with every storage
     * unit at its initial energy and the look-ahead of {@code options} (what a real-time operator
     * runs each period, with the communities' markets re-based at the current time). The same
     * checks and steps as one period of {@link #run}.
     */
    public static PeriodOutcome firstPeriod(
            List<Community> communities, LseSupply lse, RadialFeeder feeder, Options options) {
        check(communities, lse, feeder);
        return period(communities, lse, feeder, options, 0, start(communities));
    }

    /**
     * The state carried from one period to the next: each community's storage energy by member id,
     * kWh. Mutable and owned by one run of the loop.
     */
    static final class State {
        final List<Map<String, Double>> energyKwh = new ArrayList<>();
    }

    /** The state before period 0: every unit at its initial energy. */
    static State start(List<Community> communities) {
        State s = new State();
        for (Community c : communities) {
            Map<String, Double> e = new HashMap<>();
            c.day().storage().forEach((id, unit) -> e.put(id.value(), unit.initialKwh()));
            s.energyKwh.add(e);
        }
        return s;
    }

    /**
     * One period of the loop: curves, clearing, awards, dispatch, power flow; advances {@code
     * state}.
     */
    static PeriodOutcome period(
            List<Community> communities,
            LseSupply lse,
            RadialFeeder feeder,
            Options o,
            int t,
            State state) {
        int days = lse.periodCount();
        int end = (int) Math.min(days, (long) t + o.lookAheadPeriods());
        double[] forecast = new double[end - t - 1];
        for (int u = t + 1; u < end; u++) {
            forecast[u - t - 1] = lse.retail(u);
        }
        double[] grid = gridPrices(o.curvePrices, lse.wholesale(t), lse.retail(t));
        // each community computes its own curve (in the paper, its own agent does): in parallel,
        // independently
        List<MultiPeriodMarket> windows =
                IntStream.range(0, communities.size())
                        .mapToObj(
                                c ->
                                        CommunityWindow.window(
                                                communities.get(c), t, end, state.energyKwh.get(c)))
                        .toList();
        List<BidCurve> curves =
                IntStream.range(0, communities.size())
                        .parallel()
                        .mapToObj(
                                c ->
                                        o.refineClearings() == 0
                                                ? CommunityBidding.curve(
                                                        windows.get(c),
                                                        grid,
                                                        forecast,
                                                        communities.get(c).connectionKw(),
                                                        o.solver(),
                                                        o.solverOptions())
                                                : CommunityBidding.refinedCurve(
                                                        windows.get(c),
                                                        grid,
                                                        forecast,
                                                        communities.get(c).connectionKw(),
                                                        grid.length + o.refineClearings(),
                                                        o.solver(),
                                                        o.solverOptions()))
                        .toList();
        BidCurve aggregate = BidCurve.sum(curves);
        BidCurve supply = lse.curve(t);
        Clearing clearing = Clearing.between(aggregate, supply);
        if (!clearing.hasTrade()) {
            throw new IllegalStateException(
                    "period "
                            + t
                            + ": the communities' curves do not cross the LSE's supply ("
                            + clearing.kind()
                            + ": "
                            + (clearing.kind() == Clearing.Kind.SUPPLY_SHORT
                                    ? "their net import exceeds the substation limit "
                                            + lse.substationLimitKw()
                                            + " kW at every price up to "
                                            + grid[grid.length - 1]
                                            + " $/kWh; Maybe raise the limit or the highest curve price"
                                    : "their export exceeds the substation limit "
                                            + lse.substationLimitKw()
                                            + " kW at every price down to "
                                            + grid[0]
                                            + " $/kWh; Maybe raise the limit or lower the lowest curve price")
                            + ")");
        }
        double price = clearing.price();
        double[] awards = awards(curves, price, clearing.quantityKw());
        double dt = communities.get(0).day().hoursPerPeriod();
        List<CommunityPeriod> outcomes = new ArrayList<>();
        double[] activeKw = new double[feeder.busCount()];
        double[] reactiveKvar = new double[feeder.busCount()];
        List<MultiPeriodResult> dispatches =
                IntStream.range(0, communities.size())
                        .parallel()
                        .mapToObj(
                                c ->
                                        dispatch(
                                                communities.get(c),
                                                windows.get(c),
                                                awards[c],
                                                price,
                                                forecast,
                                                o,
                                                t))
                        .toList();
        double[] priceTaking =
                IntStream.range(0, communities.size())
                        .parallel()
                        .mapToDouble(
                                c ->
                                        o.measureCurveError()
                                                ? CommunityBidding.netImportKw(
                                                        windows.get(c),
                                                        price,
                                                        forecast,
                                                        communities.get(c).connectionKw(),
                                                        o.solver(),
                                                        o.solverOptions())
                                                : Double.NaN)
                        .toArray();
        for (int c = 0; c < communities.size(); c++) {
            Community community = communities.get(c);
            MultiPeriodMarket w = windows.get(c);
            MultiPeriodResult dispatch = dispatches.get(c);
            MarketResult now = dispatch.period(0);
            Market market = w.period(0);
            Map<String, Double> power = new LinkedHashMap<>();
            for (Peer peer : market.peers()) {
                String id = peer.id().value();
                double p = now.power(id);
                power.put(id, p);
                int bus = feeder.bus(community.busOf().get(id));
                activeKw[bus] += p;
                reactiveKvar[bus] += market.powerFactor(peer.id()).reactiveKvar(p);
            }
            Map<String, Double> stored = new LinkedHashMap<>();
            for (StorageOutcome unit : dispatch.storage()) {
                stored.put(unit.id().value(), unit.energyKwh(0));
            }
            state.energyKwh.get(c).putAll(stored);
            outcomes.add(
                    new CommunityPeriod(
                            community.name(),
                            curves.get(c),
                            awards[c],
                            priceTaking[c],
                            price * awards[c] * dt,
                            power,
                            stored));
        }
        AcPowerFlowResult flow = o.powerFlow().solve(feeder, activeKw, reactiveKvar);
        return new PeriodOutcome(t, supply, aggregate, clearing, outcomes, flow);
    }

    /** The curve prices with the LSE's two prices of the period added, sorted, each once. */
    static double[] gridPrices(double[] base, double wholesale, double retail) {
        TreeSet<Double> all = new TreeSet<>();
        for (double p : base) {
            all.add(p);
        }
        all.add(wholesale);
        all.add(retail);
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Each curve's quantity at {@code price}; where curves have a step there, the steps' ranges are
     * shared in proportion so that the awards add up to {@code quantityKw} (kept within the ranges'
     * sums).
     */
    static double[] awards(List<BidCurve> curves, double price, double quantityKw) {
        int n = curves.size();
        double[] lo = new double[n], hi = new double[n];
        double sumLo = 0, sumHi = 0;
        for (int c = 0; c < n; c++) {
            QuantityRange r = curves.get(c).quantityAt(price);
            lo[c] = r.lowKw();
            hi[c] = r.highKw();
            sumLo += lo[c];
            sumHi += hi[c];
        }
        double[] a = lo.clone();
        if (sumHi > sumLo) {
            double share = Math.min(1, Math.max(0, (quantityKw - sumLo) / (sumHi - sumLo)));
            for (int c = 0; c < n; c++) {
                a[c] = lo[c] + share * (hi[c] - lo[c]);
            }
        }
        return a;
    }

    /**
     * The community's market over the look-ahead with its connection held at {@code awardKw} now
     * and free later.
     */
    private static MultiPeriodResult dispatch(
            Community community,
            MultiPeriodMarket w,
            double awardKw,
            double price,
            double[] forecast,
            Options o,
            int t) {
        double conn = community.connectionKw();
        MultiPeriodMarket held =
                w.withPeriods(
                        u ->
                                u == 0
                                        ? CommunityWindow.withConnection(
                                                w.period(0),
                                                CommunityBidding.GRID_PEER,
                                                awardKw,
                                                awardKw,
                                                price)
                                        : CommunityWindow.withConnection(
                                                w.period(u),
                                                CommunityBidding.GRID_PEER,
                                                -conn,
                                                conn,
                                                forecast[u - 1]));
        MultiPeriodResult r = MultiPeriodClearing.clear(held, o.solver(), o.solverOptions());
        if (r.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "period "
                            + t
                            + ": community "
                            + community.name()
                            + " cannot dispatch its award "
                            + awardKw
                            + " kW at "
                            + price
                            + " $/kWh: solver "
                            + o.solver().name()
                            + " answered "
                            + r.status()
                            + " ("
                            + r.message()
                            + ")");
        }
        return r;
    }

    private static void check(List<Community> communities, LseSupply lse, RadialFeeder feeder) {
        List<String> errors = new ArrayList<>();
        if (communities.isEmpty()) {
            throw new IllegalArgumentException("real-time loop: no community");
        }
        Set<String> names = new HashSet<>();
        double dt = communities.get(0).day().hoursPerPeriod();
        for (Community c : communities) {
            if (!names.add(c.name())) {
                errors.add("community " + c.name() + " is given twice; names must be distinct");
            }
            if (c.periodCount() != lse.periodCount()) {
                errors.add(
                        "community "
                                + c.name()
                                + " has "
                                + c.periodCount()
                                + " periods but the LSE prices "
                                + lse.periodCount());
            }
            if (c.day().hoursPerPeriod() != dt) {
                errors.add(
                        "community "
                                + c.name()
                                + " has periods of "
                                + c.day().hoursPerPeriod()
                                + " h but "
                                + communities.get(0).name()
                                + " of "
                                + dt
                                + " h");
            }
            for (Map.Entry<String, String> e : c.busOf().entrySet()) {
                try {
                    feeder.bus(e.getValue());
                } catch (IllegalArgumentException ex) {
                    errors.add(
                            "community "
                                    + c.name()
                                    + ": member "
                                    + e.getKey()
                                    + " is on bus "
                                    + e.getValue()
                                    + ", which the feeder does not have");
                }
            }
            for (PeerId id : c.day().storage().keySet()) {
                if (c.day().storage().get(id).targets().stream().anyMatch(tg -> tg.period() < 0)) {
                    errors.add(
                            "community "
                                    + c.name()
                                    + ": member "
                                    + id.value()
                                    + " has a target before the day");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("real-time loop:\n  " + String.join("\n  ", errors));
        }
    }
}
