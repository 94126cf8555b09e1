package org.gridbazaar.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;

/**
 * Badly scaled but well-posed markets, each with its exact optimum: the shapes that once made
 * solvers stop far from the optimum and call it optimal (a huge but slack bound, a grid connection
 * of 1e8 kW, one stiff tiny peer beside nearly linear ones, coefficients far from 1). Every shape
 * is a pool: producers and consumers only, every pair may trade ({@code opposite-roles}), no
 * preferences, penalties, network or heat, so its optimum is the economic dispatch computed exactly
 * by {@link #dispatch(Market)}.
 *
 * <p>The network shapes that have no closed form (linear-cost producers with fixed demands on small
 * feeders with congestion penalties) are in {@link #networkShapes()}; tests compare them with a
 * reference solver.
 */
public final class HardMarkets {

    private HardMarkets() {}

    /**
     * A hard market and its optimum.
     *
     * @param name short behavioural name, for test names and exclusions
     * @param market the market
     * @param objective the optimal objective, $
     * @param setPoints the optimal net injection (kW) of every peer whose set-point is unique
     *     ({@code a > 0} or fixed), by peer id
     * @param scales per peer, the scale (kW) its set-point is compared on: {@code max(|x*|, min(hi
     *     - lo, traded volume))}
     */
    public record Shape(
            String name,
            Market market,
            double objective,
            Map<String, Double> setPoints,
            Map<String, Double> scales) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every pool shape, each with its exact optimum. */
    public static List<Shape> all() {
        return List.of(
                hugeSlackBound(),
                hugeBoundNearlyLinear(),
                gridConnectionOf1e8Kw(),
                stiffTinyPeer(),
                largePrices(),
                tinyQuantities(),
                bothSidesHuge(),
                coefficientsOf1e9(),
                kilowattsAndMilliwatts());
    }

    /**
     * One producer with a maximum of 1e15 kW beside a consumer of 1,000 kW: the bound never binds.
     */
    public static Shape hugeSlackBound() {
        return shape(
                "huge-slack-bound",
                Market.builder("huge-slack-bound")
                        .producer("G", 0, 1e15, QuadraticCost.of(0.02, 20, 0))
                        .producer("G2", 0, 300, QuadraticCost.of(0.05, 25, 3))
                        .consumer("C", -1000, 0, QuadraticCost.of(0.04, 60, 0))
                        .consumer("D", -400, -100, QuadraticCost.of(0.1, 45, 0)));
    }

    /**
     * A 1e15 kW producer beside nearly linear peers ({@code a} = 1e-9) and one consumer that must
     * buy at least 100 kW (a wrong OPTIMAL once returned every set-point at 0 after one iteration).
     */
    public static Shape hugeBoundNearlyLinear() {
        return shape(
                "huge-bound-nearly-linear",
                Market.builder("huge-bound-nearly-linear")
                        .producer("G", 0, 1e15, QuadraticCost.of(1e-9, 20, 0))
                        .producer("G2", 0, 300, QuadraticCost.of(1e-9, 25, 0))
                        .consumer("C", -1000, 0, QuadraticCost.of(1e-9, 60, 0))
                        .consumer("D", -400, -100, QuadraticCost.of(0.1, 45, 0)));
    }

    /**
     * A community with fixed demands, a small PV unit and the grid connection as a 1e8 kW producer
     * (import at 100 $/kW, linear) and a 1e8 kW consumer (export at 40 $/kW, linear).
     */
    public static Shape gridConnectionOf1e8Kw() {
        return shape(
                "grid-connection-1e8",
                Market.builder("grid-connection-1e8")
                        .producer("grid-import", 0, 1e8, QuadraticCost.of(0, 100, 0))
                        .producer("PV", 0, 50, QuadraticCost.of(0.01, 5, 0))
                        .producer("CHP", 0, 80, QuadraticCost.of(0.05, 60, 0))
                        .consumer("grid-export", -1e8, 0, QuadraticCost.of(0, 40, 0))
                        .consumer("H1", -120, -120, QuadraticCost.of(0, 200, 0))
                        .consumer("H2", -80, -80, QuadraticCost.of(0, 200, 0))
                        .consumer("EV", -60, 0, QuadraticCost.of(0.5, 130, 0)));
    }

    /**
     * A stiff tiny producer ({@code a} = 1e6 on a 0.001 kW range) beside peers with {@code a} =
     * 1e-9.
     */
    public static Shape stiffTinyPeer() {
        return shape(
                "stiff-tiny-peer",
                Market.builder("stiff-tiny-peer")
                        .producer("S", 0, 0.001, QuadraticCost.of(1e6, 10, 0))
                        .producer("G1", 0, 500, QuadraticCost.of(1e-9, 20, 0))
                        .producer("G2", 0, 500, QuadraticCost.of(1e-9, 20.5, 0))
                        .consumer("C1", -300, -100, QuadraticCost.of(1e-9, 50, 0))
                        .consumer("C2", -450, 0, QuadraticCost.of(1e-9, 20.25, 0)));
    }

    /** Prices of order 1e9 $/kW (linear coefficients far from 1, quadratic ones of order 1e3). */
    public static Shape largePrices() {
        return shape(
                "large-prices",
                Market.builder("large-prices")
                        .producer("G1", 0, 1000, QuadraticCost.of(2e3, 1e9, 0))
                        .producer("G2", 0, 1000, QuadraticCost.of(5e3, 1.2e9, 0))
                        .consumer("C1", -800, 0, QuadraticCost.of(1e3, 3e9, 0))
                        .consumer("C2", -300, -300, QuadraticCost.of(0, 2e9, 0)));
    }

    /** Quantities of order 1e-3 kW with costs of order 1 (a household appliance market in kW). */
    public static Shape tinyQuantities() {
        return shape(
                "tiny-quantities",
                Market.builder("tiny-quantities")
                        .producer("G1", 0, 0.004, QuadraticCost.of(2000, 0.1, 0))
                        .producer("G2", 0, 0.003, QuadraticCost.of(500, 0.15, 0))
                        .consumer("C1", -0.005, 0, QuadraticCost.of(1000, 5, 0))
                        .consumer("C2", -0.002, -0.001, QuadraticCost.of(3000, 4, 0)));
    }

    /** Coefficients of 1e9 and 1e10 on quantities of 10 kW. */
    public static Shape coefficientsOf1e9() {
        return shape(
                "coefficients-1e9",
                Market.builder("coefficients-1e9")
                        .producer("G1", 0, 10, QuadraticCost.of(1e9, 1e9, 0))
                        .producer("G2", 0, 10, QuadraticCost.of(2e9, 1.5e9, 0))
                        .consumer("C1", -15, 0, QuadraticCost.of(1e9, 3e10, 0))
                        .consumer("C2", -5, -5, QuadraticCost.of(0, 2e10, 0)));
    }

    /** 5e5 kW trades beside a 2e-3 kW appliance: eight orders of magnitude in one market. */
    public static Shape kilowattsAndMilliwatts() {
        return shape(
                "kilowatts-and-milliwatts",
                Market.builder("kilowatts-and-milliwatts")
                        .producer("G", 0, 1e6, QuadraticCost.of(1e-6, 10, 0))
                        .producer("S", 0, 0.002, QuadraticCost.of(1000, 9, 0))
                        .consumer("T", -0.002, 0, QuadraticCost.of(1000, 50, 0))
                        .consumer("C", -5e5, 0, QuadraticCost.of(1e-5, 15, 0)));
    }

    /** Both sides can move 1e12 kW, but the costs keep the optimum near 1,000 kW. */
    public static Shape bothSidesHuge() {
        return shape(
                "both-sides-huge",
                Market.builder("both-sides-huge")
                        .producer("G", 0, 1e12, QuadraticCost.of(0.1, 10, 0))
                        .consumer("C", -1e12, 0, QuadraticCost.of(0.1, 210, 0))
                        .consumer("D", -50, -50, QuadraticCost.of(0, 300, 0)));
    }

    /**
     * Seeded small network markets with linear-cost producers, fixed demands and congestion (and
     * resistance) penalties; they have no closed form, so tests compare them with a reference
     * solver.
     */
    public static List<Market> networkShapes() {
        List<Market> out = new ArrayList<>();
        out.add(
                RandomMarkets.generate(
                        501,
                        RandomMarkets.Spec.basic(5)
                                .withNetwork(4, false, true)
                                .withZeroQuadraticShare(0.5)
                                .withFixedShare(0.6)));
        out.add(
                RandomMarkets.generate(
                        502,
                        RandomMarkets.Spec.basic(16)
                                .withNetwork(6, true, true)
                                .withZeroQuadraticShare(0.4)
                                .withFixedShare(0.5)));
        out.add(
                RandomMarkets.generate(
                        503,
                        RandomMarkets.Spec.basic(9)
                                .withNetwork(5, false, true)
                                .withZeroQuadraticShare(0.6)
                                .withFixedShare(0.7)
                                .withProsumerShare(0.2)));
        return out;
    }

    private static Shape shape(String name, Market.Builder builder) {
        Market m = builder.trading(Trading.oppositeRoles()).build();
        Dispatch d = dispatch(m);
        return new Shape(name, m, d.objective(), d.setPoints(), d.scales());
    }

    /**
     * The exact economic dispatch of a pool market (producers and consumers that may all trade with
     * each other, no preferences, penalties or heat).
     *
     * @param price the clearing price, $/kW
     * @param objective the optimal objective, $
     * @param setPoints unique set-points by peer id (peers with {@code a > 0} or {@code min ==
     *     max})
     * @param scales per-peer comparison scales, kW (see {@link Shape#scales()})
     */
    public record Dispatch(
            double price,
            double objective,
            Map<String, Double> setPoints,
            Map<String, Double> scales) {}

    /**
     * The economic dispatch of a pool market, by maximising the concave dual {@code g(pi) = sum_i
     * min_{lo_i <= x <= hi_i} (C_i(x) - pi * x)} over the price {@code pi} (bisection on its
     * supergradient {@code -sum_i x_i(pi)}, to the last bit). By strong duality {@code g(pi*)} is
     * the optimal objective; for peers with {@code a > 0} the set-point is {@code clip((pi* - b)/a,
     * lo, hi)}.
     *
     * @throws IllegalArgumentException if the market is not a pool of producers and consumers
     */
    public static Dispatch dispatch(Market m) {
        if (!m.preferences().isEmpty()
                || m.network().isPresent()
                || m.hasHeat()
                || !(m.trading() instanceof Trading.OppositeRoles)) {
            throw new IllegalArgumentException(m.name() + " is not a pool market");
        }
        for (Peer p : m.peers()) {
            if (p.role() == Role.PROSUMER) {
                throw new IllegalArgumentException(
                        m.name() + ": prosumer " + p.id() + " in a pool shape");
            }
        }
        double lo = -1e15, hi = 1e15;
        for (int it = 0; it < 4000 && lo < hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            double sum = 0;
            for (Peer p : m.peers()) {
                sum += response(p.power(), mid);
            }
            if (sum > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double price = dual(m, lo) >= dual(m, hi) ? lo : hi;
        double objective = dual(m, price);
        double volume = 0;
        Map<String, Double> points = new LinkedHashMap<>();
        for (Peer p : m.peers()) {
            Injection s = p.power();
            if (s.cost().a() > 0 || s.min() == s.max()) {
                double x = response(s, price);
                points.put(p.id().value(), x);
                volume += Math.max(0, x);
            }
        }
        Map<String, Double> scales = new LinkedHashMap<>();
        for (Peer p : m.peers()) {
            Double x = points.get(p.id().value());
            if (x != null) {
                scales.put(
                        p.id().value(),
                        Math.max(Math.abs(x), Math.min(p.power().max() - p.power().min(), volume)));
            }
        }
        return new Dispatch(
                price,
                objective,
                Collections.unmodifiableMap(points),
                Collections.unmodifiableMap(scales));
    }

    /**
     * A peer's cost-minimising injection at price {@code pi} (an end of its range when {@code a =
     * 0}).
     */
    private static double response(Injection s, double pi) {
        double a = s.cost().a(), b = s.cost().b();
        if (a > 0) {
            return Math.max(s.min(), Math.min(s.max(), (pi - b) / a));
        }
        return pi > b ? s.max() : pi < b ? s.min() : 0.5 * (s.min() + s.max());
    }

    private static double dual(Market m, double pi) {
        double g = 0;
        for (Peer p : m.peers()) {
            Injection s = p.power();
            double x = response(s, pi);
            g += s.cost().value(x) - pi * x;
        }
        return g;
    }
}
