package org.gridbazaar.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;

/**
 * Congestion management two ways (seed section 12.6.3 and beyond it).
 *
 * <ol>
 *   <li>The seed's price signal: the lines over capacity in the market without a congestion penalty
 *       are penalized, and a bisection finds the smallest uniform {@code beta} ($/kW, paid by each
 *       side of every trade whose path crosses a penalized line) at which no line is over capacity.
 *   <li>The exact network-constrained market ({@link P2PFormulation#withLineLimits()}), whose line
 *       multipliers are the shadow prices of the capacities.
 * </ol>
 *
 * A uniform {@code beta} penalizes all congested lines at once, so it is set by the line that needs
 * the most. The views are compared line by line ({@link LineCheck}): with only line {@code l}
 * penalized, the smallest {@code beta_l} that clears it; with only line {@code l} limited, its
 * shadow price {@code mu_l}. A trade across the line pays both sides' {@code beta}, so where the
 * line's crossing trades all go in the congested direction (true at an optimum of an all-pairs
 * market without other trade terms, where opposite crossings net out), {@code 2 beta_l = |mu_l|}.
 *
 * @param congestedWithoutPenalty lines over capacity without the congestion penalty (the {@code
 *     auto} set)
 * @param smallestBeta the smallest uniform {@code beta} clearing all congestion ($/kW): 0 when
 *     nothing is congested, {@code +Infinity} when no {@code beta} up to {@link #MAX_BETA} clears
 *     it
 * @param withoutPenalty the clearing without the congestion penalty
 * @param penalized the clearing at {@code smallestBeta} (the one without penalty when nothing is
 *     congested, the one at {@link #MAX_BETA} when congestion cannot be cleared)
 * @param lineLimited the clearing with hard line limits
 * @param shadowPrices each line's shadow price in the line-limited clearing, $/kW (capacity lines
 *     only)
 */
public record CongestionStudy(
        List<String> congestedWithoutPenalty,
        double smallestBeta,
        MarketResult withoutPenalty,
        MarketResult penalized,
        MarketResult lineLimited,
        Map<String, Double> shadowPrices,
        List<LineCheck> lineChecks) {

    /**
     * One congested line on its own.
     *
     * @param lineId the line
     * @param betaAlone the smallest {@code beta} ($/kW per side) clearing it with only this line
     *     penalized ({@code +Infinity} when none up to {@link #MAX_BETA} does)
     * @param shadowAlone its shadow price ($/kW) with only this line's capacity enforced ({@code
     *     NaN} if that market has no solution)
     */
    public record LineCheck(String lineId, double betaAlone, double shadowAlone) {
        /** {@code 2 * betaAlone - |shadowAlone|}, $/kW: zero when the two views agree. */
        public double mismatch() {
            return 2 * betaAlone - Math.abs(shadowAlone);
        }
    }

    /** The largest {@code beta} the search tries, $/kW. */
    public static final double MAX_BETA = 1e6;

    /** Copies. */
    public CongestionStudy {
        congestedWithoutPenalty = List.copyOf(congestedWithoutPenalty);
        shadowPrices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shadowPrices));
        lineChecks = List.copyOf(lineChecks);
    }

    /**
     * The per-kW penalty a trade across one penalized line pays at {@code smallestBeta}, both sides
     * together ($/kW).
     */
    public double penaltyPerTrade() {
        return 2 * smallestBeta;
    }

    /**
     * Runs both views on {@code market} (its own congestion penalty, if any, replaced; everything
     * else kept). The bisection stops when the bracket is within {@code relativeTolerance} of beta.
     */
    public static CongestionStudy run(
            Market market, MarketSolver solver, SolverOptions options, double relativeTolerance) {
        if (market.network().isEmpty()) {
            throw new IllegalArgumentException(
                    "market " + market.name() + " has no network: nothing can be congested");
        }
        if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException(
                    "relativeTolerance must be in (0, 1), got " + relativeTolerance);
        }
        Market base = market.toBuilder().congestionPenalty(null).build();
        MarketResult free = MarketClearing.clear(base, solver, options);
        MarketResult limited =
                MarketClearing.clear(base, P2PFormulation.withLineLimits(), solver, options);
        Map<String, Double> shadow = new LinkedHashMap<>();
        limited.network()
                .ifPresent(
                        n -> {
                            for (LineFlow f : n.lineFlows()) {
                                if (f.hasShadowPrice()) {
                                    shadow.put(f.lineId(), f.shadowPrice());
                                }
                            }
                        });
        List<String> congested = free.network().map(n -> n.congestedLines()).orElse(List.of());
        if (!free.status().hasSolution() || congested.isEmpty()) {
            return new CongestionStudy(congested, 0, free, free, limited, shadow, List.of());
        }
        Search all = search(base, congested, null, solver, options, relativeTolerance);
        List<LineCheck> checks = new java.util.ArrayList<>();
        for (String line : congested) {
            Search alone =
                    search(base, List.of(line), List.of(line), solver, options, relativeTolerance);
            MarketResult lim =
                    MarketClearing.clear(
                            onlyCapacity(base, line),
                            P2PFormulation.withLineLimits(),
                            solver,
                            options);
            double mu =
                    lim.network()
                            .flatMap(
                                    n ->
                                            n.lineFlows().stream()
                                                    .filter(f -> f.lineId().equals(line))
                                                    .findFirst())
                            .map(LineFlow::shadowPrice)
                            .orElse(Double.NaN);
            checks.add(
                    new LineCheck(line, alone.beta, lim.status().hasSolution() ? mu : Double.NaN));
        }
        return new CongestionStudy(congested, all.beta, free, all.result, limited, shadow, checks);
    }

    private record Search(double beta, MarketResult result) {}

    /**
     * Smallest beta on {@code penalized} lines with none of {@code watched} (null: no line at all)
     * over capacity.
     */
    private static Search search(
            Market base,
            List<String> penalized,
            List<String> watched,
            MarketSolver solver,
            SolverOptions options,
            double relativeTolerance) {
        double lo = 0, hi = 1;
        MarketResult atHi = clear(base, penalized, hi, solver, options);
        while (!cleared(atHi, watched)) {
            if (hi >= MAX_BETA) {
                return new Search(Double.POSITIVE_INFINITY, atHi);
            }
            lo = hi;
            hi = Math.min(MAX_BETA, 4 * hi);
            atHi = clear(base, penalized, hi, solver, options);
        }
        while (hi - lo > relativeTolerance * hi) {
            if (options.progress().stopRequested()) {
                break;
            }
            double mid = 0.5 * (lo + hi);
            MarketResult r = clear(base, penalized, mid, solver, options);
            if (cleared(r, watched)) {
                hi = mid;
                atHi = r;
            } else {
                lo = mid;
            }
        }
        return new Search(hi, atHi);
    }

    /** The market with every line's capacity removed but {@code line}'s. */
    private static Market onlyCapacity(Market base, String line) {
        org.gridbazaar.model.Network net = base.network().orElseThrow();
        List<org.gridbazaar.model.Line> lines = new java.util.ArrayList<>();
        for (org.gridbazaar.model.Line l : net.lines()) {
            lines.add(
                    l.id().equals(line)
                            ? l
                            : org.gridbazaar.model.Line.of(
                                    l.id(), l.from(), l.to(), l.resistanceOhm(), l.reactanceOhm()));
        }
        return base.toBuilder()
                .network(
                        new org.gridbazaar.model.Network(
                                net.nominalVoltageKv(), net.rootBus(), lines))
                .build();
    }

    private static MarketResult clear(
            Market base,
            List<String> lines,
            double beta,
            MarketSolver solver,
            SolverOptions options) {
        Market m =
                base.toBuilder().congestionPenalty(CongestionPenalty.onLines(beta, lines)).build();
        return MarketClearing.clear(m, solver, options);
    }

    private static boolean cleared(MarketResult r, List<String> watched) {
        return r.status().hasSolution()
                && r.network()
                        .map(
                                n ->
                                        n.congestedLines().stream()
                                                .noneMatch(
                                                        l ->
                                                                watched == null
                                                                        || watched.contains(l)))
                        .orElse(true);
    }
}
