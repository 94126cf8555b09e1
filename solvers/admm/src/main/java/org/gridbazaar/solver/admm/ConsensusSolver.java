package org.gridbazaar.solver.admm;

import java.util.Objects;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.UnsupportedProblemException;
import org.gridbazaar.solver.admm.internal.Negotiation;

/**
 * Distributed clearing by relaxed consensus + innovation (name {@value #NAME}), after Sorin, Bobo,
 * Pinson, "Consensus-based approach to peer-to-peer electricity markets with product
 * differentiation", IEEE Trans. Power Systems 34(2), 2019. Each round every peer first updates its
 * bilateral prices from the last proposals (the innovation step) and then solves its own problem
 * with a proximal penalty {@code gamma} around the consensus trade (the relaxed consensus step):
 * <pre>
 *   lambda_ij^{k+1} = lambda_ij^k - rho/2 (t_ij^k + t_ji^k)
 *   t_i^{k+1} = argmin  C_i(x_i) + sum_j c_ij(t_ij) - sum_j lambda_ij^{k+1} t_ij + gamma/2 sum_j (t_ij - (t_ij^k - t_ji^k)/2)^2
 * </pre>
 * with {@code gamma = gammaRatio * rho} ({@link AdmmOptions#gammaRatio()}); the price step
 * {@code rho} adapts by residual balancing like {@link AdmmSolver}'s penalty. The update equations
 * are the standard form of the method (the paper itself was not at hand when this was written);
 * with {@code gammaRatio = 1} and a fixed {@code rho} the iterates coincide with {@link AdmmSolver}'s,
 * the two differ in when an adapted step takes effect on prices and whenever {@code gammaRatio != 1}.
 * Variables, units, signs, returned values and statuses are as in {@link AdmmSolver}.
 */
public final class ConsensusSolver implements MarketSolver {

    /** The solver's name. */
    public static final String NAME = "consensus";

    private final AdmmOptions tuning;

    /** A solver with {@link AdmmOptions#DEFAULTS}. */
    public ConsensusSolver() {
        this(AdmmOptions.DEFAULTS);
    }

    /** A solver with the given tuning. */
    public ConsensusSolver(AdmmOptions tuning) {
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
        return Negotiation.run(problem, options, tuning, Negotiation.Variant.CONSENSUS, NAME);
    }
}
