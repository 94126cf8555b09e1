package org.gridbazaar.architecture;

import java.util.List;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;

/**
 * Clears an architecture centrally: its {@link ArchitectureMarket} by any {@link MarketSolver}
 * (over the horizon with {@link MultiPeriodClearing} when the population spans one).
 *
 * <pre>{@code
 * Clearing c = ArchitectureClearing.clear(population, Architecture.COMMUNITY, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
 * double price = c.communities(0).get(0).price();   // $/kWh
 * }</pre>
 */
public final class ArchitectureClearing {

    private ArchitectureClearing() {}

    /** Clears {@code architecture} over {@code population}. */
    public static Clearing clear(
            CommunityMarket population,
            Architecture architecture,
            MarketSolver solver,
            SolverOptions options) {
        return clear(ArchitectureMarket.of(population, architecture), solver, options);
    }

    /** Clears {@code design}. */
    public static Clearing clear(
            ArchitectureMarket design, MarketSolver solver, SolverOptions options) {
        if (design.overTime().isPresent()) {
            MultiPeriodResult r =
                    MultiPeriodClearing.clear(design.overTime().get(), solver, options);
            return new Clearing(
                    design,
                    r.status().hasSolution() ? r.periods() : List.of(),
                    r.objective(),
                    r.status(),
                    r.solver(),
                    Clearing.Messages.NONE);
        }
        MarketResult r = MarketClearing.clear(design.period(0), solver, options);
        return new Clearing(
                design, List.of(r), r.objective(), r.status(), r.solver(), Clearing.Messages.NONE);
    }
}
