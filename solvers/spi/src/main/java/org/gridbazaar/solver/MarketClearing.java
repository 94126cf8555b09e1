package org.gridbazaar.solver;

import java.util.List;
import org.gridbazaar.formulation.FormulatedMarket;
import org.gridbazaar.formulation.Formulation;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;

/**
 * Clears a market: formulates it, resolves {@code auto} congestion lines (a first solve without the
 * congestion penalty, everything else kept; the penalized lines are those whose |flow| is strictly
 * above capacity), solves, and reads the solution back keyed by peer ids.
 *
 * <pre>{@code
 * MarketResult r = MarketClearing.clear(market);                        // default solver
 * MarketResult r = MarketClearing.clear(market, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
 * }</pre>
 */
public final class MarketClearing {

    private MarketClearing() {}

    /** Clears with the default solver and options. */
    public static MarketResult clear(Market market) {
        return clear(market, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
    }

    /** Clears with {@code solver} and {@code options} using the {@link P2PFormulation}. */
    public static MarketResult clear(Market market, MarketSolver solver, SolverOptions options) {
        return clear(market, new P2PFormulation(), solver, options);
    }

    /** Clears with a given formulation, solver and options. */
    public static MarketResult clear(
            Market market, Formulation formulation, MarketSolver solver, SolverOptions options) {
        return run(market, formulation, solver, options).result();
    }

    /**
     * One clearing with everything it produced: the formulated market, the solver's solution (with
     * its iteration history and multipliers) and the result keyed by peer ids.
     */
    public record Clearing(
            FormulatedMarket formulated, ProblemSolution solution, MarketResult result) {}

    /**
     * Clears like {@link #clear(Market, Formulation, MarketSolver, SolverOptions)} and keeps the
     * solver's own solution.
     *
     * @throws UnsupportedProblemException when the solver does not support the formulated problem
     */
    public static Clearing run(
            Market market, Formulation formulation, MarketSolver solver, SolverOptions options) {
        Market resolved = resolveAutoCongestion(market, formulation, solver, options);
        // when the first solve found no solution, the full market has the same feasible set
        FormulatedMarket fm =
                formulation.formulate(resolved != null ? resolved : withoutCongestion(market));
        ProblemSolution s = solveChecked(fm, solver, options);
        return new Clearing(fm, s, fm.result(s));
    }

    /**
     * The market with {@code auto} congestion lines replaced by the lines congested without the
     * penalty; the market itself when it has no {@code auto} lines; {@code null} when that first
     * solve has no solution.
     */
    public static Market resolveAutoCongestion(
            Market market, Formulation formulation, MarketSolver solver, SolverOptions options) {
        CongestionPenalty c = market.congestionPenalty().orElse(null);
        if (c == null || !c.autoLines()) {
            return market;
        }
        FormulatedMarket first = formulation.formulate(withoutCongestion(market));
        MarketResult r = first.result(solveChecked(first, solver, options));
        if (!r.status().hasSolution()) {
            return null;
        }
        List<String> lines = r.network().map(n -> n.congestedLines()).orElse(List.of());
        return market.toBuilder().congestionPenalty(c.withLines(lines)).build();
    }

    private static Market withoutCongestion(Market market) {
        return market.toBuilder().congestionPenalty(null).build();
    }

    private static ProblemSolution solveChecked(
            FormulatedMarket fm, MarketSolver solver, SolverOptions options) {
        solver.requireSupported(fm.problem());
        return solver.solve(fm.problem(), options);
    }
}
