package org.gridbazaar.solver;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.FormulatedMultiPeriodMarket;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;

/**
 * Clears a market over time: formulates the horizon ({@link MultiPeriodFormulation}), resolves
 * {@code auto} congestion lines period by period, solves, and reads the solution back per period.
 *
 * <p>With {@code "lines": "auto"} in some period, the whole horizon is first solved without the
 * congestion penalty (everything else kept, storage included), and the lines penalized in period
 * {@code t} are those whose |flow| in period {@code t} of that solution is strictly above their
 * capacity, as the case format version 2 specifies.
 *
 * <pre>{@code
 * MultiPeriodResult r = MultiPeriodClearing.clear(market);   // default solver
 * }</pre>
 */
public final class MultiPeriodClearing {

    private MultiPeriodClearing() {}

    /** Clears with the default solver and options. */
    public static MultiPeriodResult clear(MultiPeriodMarket market) {
        return clear(market, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
    }

    /** Clears with {@code solver} and {@code options}. */
    public static MultiPeriodResult clear(
            MultiPeriodMarket market, MarketSolver solver, SolverOptions options) {
        return clear(market, new MultiPeriodFormulation(), solver, options);
    }

    /**
     * Clears with a given formulation, solver and options.
     *
     * @throws UnsupportedProblemException when the solver does not support the formulated problem,
     *     with the reason
     */
    public static MultiPeriodResult clear(
            MultiPeriodMarket market,
            MultiPeriodFormulation formulation,
            MarketSolver solver,
            SolverOptions options) {
        MultiPeriodMarket resolved = resolveAutoCongestion(market, formulation, solver, options);
        FormulatedMultiPeriodMarket fm =
                formulation.formulate(
                        resolved != null
                                ? resolved
                                : market.withPeriods(t -> withoutCongestion(market.period(t))));
        solver.requireSupported(fm.problem());
        ProblemSolution s = solver.solve(fm.problem(), options);
        return fm.result(s);
    }

    /**
     * The market with each period's {@code auto} congestion lines replaced by the lines congested
     * in that period without the penalty; the market itself when no period has {@code auto} lines;
     * {@code null} when that first solve has no solution.
     */
    public static MultiPeriodMarket resolveAutoCongestion(
            MultiPeriodMarket market,
            MultiPeriodFormulation formulation,
            MarketSolver solver,
            SolverOptions options) {
        boolean auto = false;
        for (Market m : market.periods()) {
            auto |= m.congestionPenalty().map(CongestionPenalty::autoLines).orElse(false);
        }
        if (!auto) {
            return market;
        }
        MultiPeriodMarket without = market.withPeriods(t -> withoutCongestion(market.period(t)));
        FormulatedMultiPeriodMarket first = formulation.formulate(without);
        solver.requireSupported(first.problem());
        MultiPeriodResult r = first.result(solver.solve(first.problem(), options));
        if (!r.status().hasSolution()) {
            return null;
        }
        List<Market> periods = new ArrayList<>(market.periodCount());
        for (int t = 0; t < market.periodCount(); t++) {
            Market m = market.period(t);
            CongestionPenalty c = m.congestionPenalty().orElse(null);
            if (c != null && c.autoLines()) {
                MarketResult rt = r.period(t);
                List<String> lines = rt.network().map(n -> n.congestedLines()).orElse(List.of());
                m = m.toBuilder().congestionPenalty(c.withLines(lines)).build();
            }
            periods.add(m);
        }
        return market.withPeriods(periods::get);
    }

    private static Market withoutCongestion(Market market) {
        return market.congestionPenalty().isEmpty()
                ? market
                : market.toBuilder().congestionPenalty(null).build();
    }
}
