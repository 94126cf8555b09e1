package org.gridbazaar.architecture;

import java.util.List;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;

/**
 * What a peer would pay trading alone with the grid at its tariffs: the reference every design's
 * gain is measured against.
 *
 * <p>For one period: {@code min f(p) + c_im max(-p, 0) h - c_ex max(p, 0) h} over {@code [l, u]}, $
 * ({@code h} hours; {@code f} the cost rate in $/h times {@code h}); a convex piecewise quadratic
 * whose minimum is at a bound, at 0, or where the marginal cost meets a tariff, so the closed form
 * checks those points. Over a horizon (storage, ramps, energy windows couple the periods) the
 * peer's own market with the grid is cleared by a solver.
 */
public final class Standalone {

    private Standalone() {}

    /**
     * Peer {@code id}'s cost alone with the grid, $, for a single-period population (closed form).
     */
    public static double cost(CommunityMarket population, PeerId id) {
        if (population.isOverTime()) {
            throw new IllegalArgumentException(
                    "a population over time needs a solver: use cost(population, id, solver, options)");
        }
        Peer p =
                population
                        .period(0)
                        .peer(id)
                        .orElseThrow(() -> new IllegalArgumentException("no peer " + id.value()));
        double im = population.grid().importTariff(0), ex = population.grid().exportTariff(0);
        double l = p.power().min(),
                u = p.power().max(),
                a = p.power().cost().a(),
                b = p.power().cost().b();
        double best = Double.POSITIVE_INFINITY;
        double[] candidates = {l, u, 0, a > 0 ? (im - b) / a : l, a > 0 ? (ex - b) / a : u};
        for (double x : candidates) {
            double y = Math.max(l, Math.min(u, x));
            best =
                    Math.min(
                            best,
                            p.power().cost().value(y) + im * Math.max(-y, 0) - ex * Math.max(y, 0));
        }
        double importLimit = population.grid().importLimitKw(),
                exportLimit = population.grid().exportLimitKw();
        if (l < -importLimit || u > exportLimit) {
            // a limit may bind: solve the peer's own market instead of the closed form
            return cost(population, id, null, SolverOptions.DEFAULTS);
        }
        return best;
    }

    /**
     * Peer {@code id}'s cost alone with the grid, $: the full-P2P design over a population of this
     * peer alone, cleared by {@code solver} (the closed form when {@code solver} is {@code null}
     * and the population has one period without binding limits).
     */
    public static double cost(
            CommunityMarket population, PeerId id, MarketSolver solver, SolverOptions options) {
        if (solver == null) {
            if (!population.isOverTime()) {
                solver = org.gridbazaar.solver.Solvers.defaultSolver();
            } else {
                throw new IllegalArgumentException("a population over time needs a solver");
            }
        }
        CommunityMarket alone = alone(population, id);
        Clearing c = ArchitectureClearing.clear(alone, Architecture.FULL_P2P, solver, options);
        if (!c.hasSolution()) {
            throw new IllegalStateException(
                    "peer " + id.value() + " alone with the grid: " + c.status());
        }
        return c.peerCost(id.value());
    }

    private static CommunityMarket alone(CommunityMarket population, PeerId id) {
        if (population.overTime().isPresent()) {
            var mp = population.overTime().get();
            var b =
                    org.gridbazaar.horizon.MultiPeriodMarket.builder(mp.name(), mp.horizon())
                            .periods(t -> only(mp.period(t), id));
            mp.storage(id).ifPresent(s -> b.storage(id.value(), s));
            if (mp.ramps().containsKey(id)) {
                b.ramp(id.value(), mp.ramps().get(id));
            }
            mp.energyWindows()
                    .getOrDefault(id, List.of())
                    .forEach(w -> b.energyWindow(id.value(), w));
            return CommunityMarket.of(
                    b.build(),
                    List.of(new Community("alone", List.of(id), null)),
                    population.grid());
        }
        return CommunityMarket.of(
                only(population.period(0), id),
                List.of(new Community("alone", List.of(id), null)),
                population.grid());
    }

    private static Market only(Market m, PeerId id) {
        Peer p = m.peer(id).orElseThrow();
        Market.Builder b = Market.builder(m.name() + " - " + id.value() + " alone").peer(p);
        m.network().ifPresent(b::network);
        return b.build();
    }
}
