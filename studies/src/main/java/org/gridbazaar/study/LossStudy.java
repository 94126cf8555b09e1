package org.gridbazaar.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.result.AcOutcome;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;

/**
 * Losses of one market under different structures, as the seed's Table 12.2: the pool baseline, the
 * basic P2P market (no penalties), and the P2P market with a uniform resistance penalty {@code
 * alpha} for each value asked. Each row has the spec's loss estimate ({@code sum r F^2 / (1000
 * V^2)}, kW) and the AC losses of a backward/forward sweep power flow (kW, with each peer's power
 * factor; unity where none is given), as every result with a network carries them ({@link
 * org.gridbazaar.result.NetworkOutcome#acPowerFlow()}).
 */
public final class LossStudy {

    /**
     * One structure's outcome.
     *
     * @param structure "pool", "basic P2P" or "P2P alpha=..."
     * @param alpha the resistance penalty, $/(kW*ohm) ({@code NaN} for the pool)
     * @param status the clearing's status
     * @param lossEstimateKw the spec's loss estimate, kW ({@code NaN} without a solution)
     * @param acLossesKw AC power-flow losses, kW ({@code NaN} without a solution or when the sweep
     *     diverged)
     * @param objective total cost of the clearing, $ (penalties included)
     * @param congestedLines lines over capacity in this clearing
     */
    public record Row(
            String structure,
            double alpha,
            Status status,
            double lossEstimateKw,
            double acLossesKw,
            double objective,
            List<String> congestedLines) {
        /** Copies the list. */
        public Row {
            congestedLines = List.copyOf(congestedLines);
        }
    }

    private LossStudy() {}

    /**
     * Clears the pool baseline, the basic P2P market and one market per {@code alpha} (a uniform
     * resistance penalty replacing the case's own; the case's congestion penalty is dropped, so the
     * table shows losses only).
     */
    public static List<Row> run(
            Market market, List<Double> alphas, MarketSolver solver, SolverOptions options) {
        Objects.requireNonNull(alphas, "alphas");
        for (double alpha : alphas) {
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
            }
        }
        Market basic = market.toBuilder().resistancePenalty(null).congestionPenalty(null).build();
        List<Row> rows = new ArrayList<>();
        rows.add(row("pool", Double.NaN, PoolBaseline.of(basic), solver, options));
        rows.add(row("basic P2P", 0, basic, solver, options));
        for (double alpha : alphas) {
            Market m =
                    basic.toBuilder().resistancePenalty(ResistancePenalty.uniform(alpha)).build();
            rows.add(row("P2P alpha=" + alpha, alpha, m, solver, options));
        }
        return rows;
    }

    private static Row row(
            String name, double alpha, Market m, MarketSolver solver, SolverOptions options) {
        MarketResult r = MarketClearing.clear(m, solver, options);
        if (!r.status().hasSolution() || r.network().isEmpty()) {
            return new Row(name, alpha, r.status(), Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        return new Row(
                name,
                alpha,
                r.status(),
                r.network().get().lossesKw(),
                r.network()
                        .get()
                        .acPowerFlow()
                        .filter(AcOutcome::converged)
                        .map(AcOutcome::lossesKw)
                        .orElse(Double.NaN),
                r.objective(),
                r.network().get().congestedLines());
    }
}
