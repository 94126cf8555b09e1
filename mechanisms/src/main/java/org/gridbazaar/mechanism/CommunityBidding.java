package org.gridbazaar.mechanism;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Trading;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;

/**
 * A community's bid curve computed from its members: its net demand at period 0 as a function of
 * the period-0 grid price, each point found by clearing the community over its look-ahead.
 *
 * <p><b>How a point is computed.</b> For a period-0 price {@code p} ($/kWh), one peer is added to
 * every period of the community's market: {@value #GRID_PEER}, a prosumer with power in {@code
 * [-connectionKw, connectionKw]} and linear cost {@code p} in period 0 and the forecast price of
 * period {@code t} after. It sells to the community at that price (positive power) and buys from it
 * at the same price (negative power): one peer for import and export, because the paper's community
 * faces one real-time price and a single peer keeps the problem free of a buy-sell spread that
 * would make the curve flat between two prices. The market over the look-ahead is cleared, so
 * storage and energy windows answer with what they give up later; the community's net import at
 * period 0 (the grid peer's power there, kW, positive when the community buys) is the point of the
 * curve at {@code p}.
 *
 * <p><b>The curve.</b> {@link #curve} computes one point per price of a grid of period-0 prices (so
 * {@code K} prices cost {@code K} clearings over the look-ahead) and joins them linearly: exact at
 * the grid prices, linear between them. A community of linear-cost members answers with steps at
 * its members' marginal prices; between two grid prices around such a step the curve is a slope
 * instead, off by up to the whole step. The error shrinks only in the width of the price interval
 * it affects, not in height: see {@code CommunityBiddingTest} for the measured errors against exact
 * re-clearing between grid prices. {@link #refinedCurve} spends further clearings where the sampled
 * curve bends, which is where the error is. A battery's steps lie at the forecast prices and at
 * them times its round-trip efficiency; at exactly such a price the battery is indifferent, the
 * clearing is not unique, and the point is whichever the solver returns (an interior point returns
 * the middle of the range), so grid prices are best kept off forecast prices. Net imports that fall
 * with the price by less than the solver's accuracy are made monotone by a running minimum (a rise
 * of more than {@code 1e-6} relative to the connection limit is refused as a solver failure).
 */
public final class CommunityBidding {

    /** The id of the peer added for the grid connection. */
    public static final String GRID_PEER = "community-grid";

    private CommunityBidding() {}

    /**
     * The community's net import at period 0, kW (positive when it buys), at period-0 price {@code
     * price} and {@code forecastPrices} for periods {@code 1 .. T-1}, by one clearing over the
     * look-ahead.
     *
     * @param community the community's market over its look-ahead, without a network and without a
     *     peer named {@value #GRID_PEER}
     * @param price period-0 grid price, $/kWh
     * @param forecastPrices grid prices of periods 1 to T-1, $/kWh ({@code T - 1} values)
     * @param connectionKw the largest import and export, kW, positive
     * @throws IllegalStateException if the solver does not answer {@code OPTIMAL}
     */
    public static double netImportKw(
            MultiPeriodMarket community,
            double price,
            double[] forecastPrices,
            double connectionKw,
            MarketSolver solver,
            SolverOptions options) {
        check(community, forecastPrices, connectionKw);
        MultiPeriodMarket withGrid =
                community.withPeriods(
                        t ->
                                withGrid(
                                        community.period(t),
                                        t == 0 ? price : forecastPrices[t - 1],
                                        connectionKw));
        MultiPeriodResult r = MultiPeriodClearing.clear(withGrid, solver, options);
        if (r.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "community "
                            + community.name()
                            + " at "
                            + price
                            + " $/kWh in period 0: solver "
                            + solver.name()
                            + " answered "
                            + r.status()
                            + " ("
                            + r.message()
                            + "); no point of the curve");
        }
        return r.period(0).power(GRID_PEER);
    }

    /**
     * The community's demand curve at period 0: {@link #netImportKw} at every price of {@code
     * gridPrices} (strictly increasing, $/kWh), joined linearly.
     *
     * @throws IllegalArgumentException if the grid is not strictly increasing, or a point rises
     *     with price by more than the solver's accuracy
     */
    public static BidCurve curve(
            MultiPeriodMarket community,
            double[] gridPrices,
            double[] forecastPrices,
            double connectionKw,
            MarketSolver solver,
            SolverOptions options) {
        check(community, forecastPrices, connectionKw);
        for (int k = 1; k < gridPrices.length; k++) {
            if (!(gridPrices[k] > gridPrices[k - 1])) {
                throw new IllegalArgumentException(
                        "community curve: grid price "
                                + k
                                + " ("
                                + gridPrices[k]
                                + " $/kWh) is not above the previous ("
                                + gridPrices[k - 1]
                                + "); Maybe sort the grid");
            }
        }
        double[] q = new double[gridPrices.length];
        for (int k = 0; k < q.length; k++) {
            q[k] =
                    netImportKw(
                            community,
                            gridPrices[k],
                            forecastPrices,
                            connectionKw,
                            solver,
                            options);
            if (k > 0 && q[k] > q[k - 1]) {
                if (q[k] - q[k - 1] > 1e-6 * connectionKw) {
                    throw new IllegalArgumentException(
                            "community "
                                    + community.name()
                                    + ": net import rises from "
                                    + q[k - 1]
                                    + " kW at "
                                    + gridPrices[k - 1]
                                    + " $/kWh to "
                                    + q[k]
                                    + " kW at "
                                    + gridPrices[k]
                                    + " $/kWh, more than the solver's accuracy; Maybe tighten the solver's tolerances");
                }
                q[k] = q[k - 1];
            }
        }
        return BidCurve.of(BidCurve.Side.DEMAND, gridPrices, q);
    }

    /**
     * The community's demand curve at period 0 from {@code clearings} clearings in all: first one
     * per price of {@code gridPrices} (strictly increasing, $/kWh), then, while clearings remain,
     * one at the midpoint of the interval whose estimated error, times its width, is largest. The
     * estimate of an interval is how far its neighbours' lines, extended to its midpoint and kept
     * within its ends' net imports, are from its own chord: zero where the curve is linear across
     * three points, half the interval's difference where a flat meets a step. So clearings go to
     * kinks and steps (batteries and linear-cost members answer with steps), each halving an
     * interval there, and none to parts that are already linear; the width keeps one step from
     * taking every clearing (its error stays half its height however narrow its interval, but the
     * prices it affects halve). Joined linearly as in {@link #curve}.
     *
     * @param clearings the number of clearings over the look-ahead, at least {@code
     *     gridPrices.length}
     */
    public static BidCurve refinedCurve(
            MultiPeriodMarket community,
            double[] gridPrices,
            double[] forecastPrices,
            double connectionKw,
            int clearings,
            MarketSolver solver,
            SolverOptions options) {
        if (clearings < gridPrices.length) {
            throw new IllegalArgumentException(
                    "community curve: "
                            + clearings
                            + " clearings cannot cover the "
                            + gridPrices.length
                            + " grid prices; Maybe allow more clearings");
        }
        BidCurve curve =
                curve(community, gridPrices, forecastPrices, connectionKw, solver, options);
        for (int done = gridPrices.length; done < clearings; done++) {
            int n = curve.size();
            int worst = -1;
            double worstError = 0;
            for (int k = 0; k + 1 < n; k++) {
                double e = estimatedError(curve, k) * (curve.price(k + 1) - curve.price(k));
                if (e > worstError
                        && 0.5 * curve.price(k) + 0.5 * curve.price(k + 1) > curve.price(k)) {
                    worst = k;
                    worstError = e;
                }
            }
            if (worst < 0) {
                break; // linear everywhere the samples can tell
            }
            double mid = 0.5 * curve.price(worst) + 0.5 * curve.price(worst + 1);
            double hiQ = curve.quantityKw(worst), loQ = curve.quantityKw(worst + 1);
            double q = netImportKw(community, mid, forecastPrices, connectionKw, solver, options);
            if (q > hiQ + 1e-6 * connectionKw || q < loQ - 1e-6 * connectionKw) {
                throw new IllegalArgumentException(
                        "community "
                                + community.name()
                                + ": net import "
                                + q
                                + " kW at "
                                + mid
                                + " $/kWh is outside ["
                                + loQ
                                + ", "
                                + hiQ
                                + "] kW of its neighbours, more than the solver's accuracy;"
                                + " Maybe tighten the solver's tolerances");
            }
            q =
                    Math.max(
                            Math.min(q, hiQ),
                            loQ); // monotone within the solver's accuracy, as in curve
            double[] p = new double[n + 1], qs = new double[n + 1];
            for (int k = 0, j = 0; k < n; k++) {
                p[j] = curve.price(k);
                qs[j++] = curve.quantityKw(k);
                if (k == worst) {
                    p[j] = mid;
                    qs[j++] = q;
                }
            }
            curve = BidCurve.of(BidCurve.Side.DEMAND, p, qs);
        }
        return curve;
    }

    /**
     * The estimated error of the chord between points {@code k} and {@code k + 1} at its midpoint,
     * kW.
     */
    private static double estimatedError(BidCurve c, int k) {
        double pa = c.price(k), pb = c.price(k + 1), qa = c.quantityKw(k), qb = c.quantityKw(k + 1);
        double mid = 0.5 * pa + 0.5 * pb, chord = 0.5 * qa + 0.5 * qb;
        double e = 0;
        if (k > 0) {
            double slope = (qa - c.quantityKw(k - 1)) / (pa - c.price(k - 1));
            e = Math.max(e, Math.abs(Math.max(Math.min(qa + slope * (mid - pa), qa), qb) - chord));
        }
        if (k + 2 < c.size()) {
            double slope = (c.quantityKw(k + 2) - qb) / (c.price(k + 2) - pb);
            e = Math.max(e, Math.abs(Math.max(Math.min(qb + slope * (mid - pb), qa), qb) - chord));
        }
        if (k == 0 && k + 2 >= c.size()) {
            e = 0.5 * (qa - qb);
        }
        return e;
    }

    private static void check(
            MultiPeriodMarket community, double[] forecastPrices, double connectionKw) {
        List<String> errors = new ArrayList<>();
        if (forecastPrices.length != community.periodCount() - 1) {
            errors.add(
                    forecastPrices.length
                            + " forecast prices for "
                            + community.periodCount()
                            + " periods; give one per period after period 0");
        }
        if (!(connectionKw > 0) || !Double.isFinite(connectionKw)) {
            errors.add("connection limit " + connectionKw + " kW must be positive and finite");
        }
        if (Arrays.stream(forecastPrices).anyMatch(p -> !Double.isFinite(p))) {
            errors.add(
                    "forecast prices " + Arrays.toString(forecastPrices) + " are not all finite");
        }
        if (community.period(0).network().isPresent()) {
            errors.add(
                    "the community's market has a network; the grid peer's bus is not chosen yet: clear it without one");
        }
        if (community.peers().stream().anyMatch(peer -> peer.id().value().equals(GRID_PEER))) {
            errors.add("a member is already named " + GRID_PEER + "; Maybe rename it");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "community " + community.name() + ":\n  " + String.join("\n  ", errors));
        }
    }

    private static Market withGrid(Market period, double price, double connectionKw) {
        Market.Builder b =
                period.toBuilder()
                        .prosumer(
                                GRID_PEER,
                                -connectionKw,
                                connectionKw,
                                QuadraticCost.linear(price));
        if (period.trading() instanceof Trading.Pairs pairs) {
            List<PeerPair> all = new ArrayList<>(pairs.pairs());
            for (Peer peer : period.peers()) {
                all.add(PeerPair.of(GRID_PEER, peer.id().value()));
            }
            b.tradingPairs(all);
        }
        return b.build();
    }
}
