package org.gridbazaar.solver.admm;

import java.util.Objects;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.UnsupportedProblemException;
import org.gridbazaar.solver.admm.internal.Negotiation;

/**
 * Distributed clearing by consensus ADMM on bilateral trades (name {@value #NAME}), after Baroche,
 * Le Goff Latimier et al., "Exogenous cost allocation in peer-to-peer electricity markets",
 * IEEE Trans. Power Systems 34(4), 2019. Every peer {@code i} solves only its own problem each
 * round:
 * <pre>
 *   t_i^{k+1} = argmin  C_i(x_i) + sum_j c_ij(t_ij) - sum_j lambda_ij^k t_ij + rho/2 sum_j (t_ij - (t_ij^k - t_ji^k)/2)^2
 *               s.t.    x_i = sum_j t_ij in [lo_i, hi_i], sign rules on t_ij, own side constraints (CHP polygon)
 *   lambda_ij^{k+1} = lambda_ij^k - rho/2 (t_ij^{k+1} + t_ji^{k+1})
 * </pre>
 * where {@code t_ij} is the signed trade (kW, positive when {@code i} sells; reciprocity
 * {@code t_ij + t_ji = 0} is what the prices enforce), {@code C_i} the peer's quadratic costs
 * (seed eq. 12.6 / 12.22) and {@code c_ij} its own per-kW terms (preference, resistance and congestion
 * penalties, eq. 12.12 and 12.16: {@code sellerCost} of the arc where it sells, {@code buyerCost}
 * where it buys). {@code lambda_ij} is the bilateral price in $/kW: what the buyer pays and the
 * seller receives, returned as {@link ProblemSolution#arcPrices()}.
 *
 * <p>Returned values: {@code x} the peers' aggregates; {@code f} the non-negative arc flows of the
 * consensus trades {@code (t_ij - t_ji)/2}; {@code y} each node's internal price (the multiplier of
 * its aggregate: {@code a x + b} inside its bounds, the price of its trades net of its own per-kW
 * terms otherwise), which matches the package's dual convention at convergence. Status
 * {@code OPTIMAL} means both residuals met the tolerance described in {@link AdmmOptions};
 * a run stopped on a limit returns {@code ITERATION_LIMIT}; {@code INFEASIBLE} only when a peer's
 * own problem has no solution (certain). A market that is infeasible only jointly shows as
 * {@code ITERATION_LIMIT} with a stalled primal residual, said in the message.
 */
public final class AdmmSolver implements MarketSolver {

    /** The solver's name. */
    public static final String NAME = "admm";

    private final AdmmOptions tuning;

    /** A solver with {@link AdmmOptions#DEFAULTS}. */
    public AdmmSolver() {
        this(AdmmOptions.DEFAULTS);
    }

    /** A solver with the given tuning. */
    public AdmmSolver(AdmmOptions tuning) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    /** The tuning. */
    public AdmmOptions tuning() {
        return tuning;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support supports(MarketProblem problem) {
        return Negotiation.supports(problem);
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        Support s = supports(problem);
        if (!s.supported()) {
            throw new UnsupportedProblemException(NAME, s.reason());
        }
        return Negotiation.run(problem, options, tuning, Negotiation.Variant.ADMM, NAME);
    }

    /** Solves warm-started from {@code previous} (a solution of a problem with the same arcs). */
    public ProblemSolution solve(MarketProblem problem, SolverOptions options, ProblemSolution previous) {
        return new AdmmSolver(tuning.withWarmStart(previous)).solve(problem, options);
    }
}
