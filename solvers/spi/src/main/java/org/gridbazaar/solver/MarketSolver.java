package org.gridbazaar.solver;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * A solver for {@link MarketProblem}s. Implementations are stateless and thread-safe: their own
 * tuning is fixed at construction, and everything about one solve comes in through the arguments.
 * Register an implementation for discovery by name in {@code
 * META-INF/services/org.gridbazaar.solver.MarketSolver} (and {@code provides} in its module
 * descriptor); it then needs a public no-argument constructor with default tuning.
 *
 * <p>A solver never throws for an infeasible market: it returns status {@code INFEASIBLE}. It
 * returns {@code ITERATION_LIMIT} (with its residuals) when it stops on a limit, never {@code
 * OPTIMAL}.
 */
public interface MarketSolver {

    /**
     * The solver's name, as used by {@code --solver} on the command line (e.g. {@code
     * structured-ipm}).
     */
    String name();

    /** Whether this solver can solve {@code problem}, and if not, why. */
    Support supports(MarketProblem problem);

    /**
     * Solves {@code problem}.
     *
     * @throws UnsupportedProblemException if {@link #supports(MarketProblem)} says no
     */
    ProblemSolution solve(MarketProblem problem, SolverOptions options);

    /**
     * Throws unless this solver {@linkplain #supports supports} {@code problem}; the first line of
     * every {@link #solve}.
     *
     * @throws UnsupportedProblemException naming this solver and the reason
     */
    default void requireSupported(MarketProblem problem) {
        Support support = supports(problem);
        if (!support.supported()) {
            throw new UnsupportedProblemException(name(), support.reason());
        }
    }

    /**
     * The relative tolerance this solver is meant to be run at when the caller does not choose one
     * (the command line uses it without {@code --tolerance}): {@link
     * SolverOptions#DEFAULT_TOLERANCE} for exact solvers; distributed solvers, whose residuals fall
     * linearly, state a looser one.
     */
    default double defaultTolerance() {
        return SolverOptions.DEFAULT_TOLERANCE;
    }

    /**
     * Whether a solver supports a problem.
     *
     * @param supported true when it does
     * @param reason why not (empty when supported)
     */
    record Support(boolean supported, String reason) {

        /** Supported. */
        public static Support yes() {
            return new Support(true, "");
        }

        /**
         * Not supported because the problem has peer blocks ({@link MarketProblem#hasPeerBlocks()}:
         * private variables or equality rows, as markets over time have) that {@code solver} does
         * not read; it must not solve the problem as if they were not there.
         */
        public static Support noPeerBlocks(String solver) {
            return no(
                    "the problem has peer blocks (private variables or equality rows: storage, ramps or energy"
                            + " windows of a market over time), which "
                            + solver
                            + " does not handle yet");
        }

        /** Not supported, because {@code reason}. */
        public static Support no(String reason) {
            return new Support(false, reason);
        }
    }
}
