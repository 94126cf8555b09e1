package org.gridbazaar.result;

/**
 * Why the solver stopped. Only {@link #OPTIMAL} carries a solution that satisfies the optimality
 * conditions to the solver's tolerance.
 */
public enum Status {
    /** Solved to tolerance. */
    OPTIMAL,
    /** The market has no feasible clearing (bounds and trading rules cannot be met together). */
    INFEASIBLE,
    /** The objective is unbounded below (cannot occur for a valid market; kept for backends). */
    UNBOUNDED,
    /** Stopped on an iteration or time limit before reaching tolerance; residuals tell how far. */
    ITERATION_LIMIT,
    /** The backend failed numerically. */
    NUMERICAL_ERROR;

    /** Whether a solution is attached (optimal, or the last iterate of a limited run). */
    public boolean hasSolution() {
        return this == OPTIMAL || this == ITERATION_LIMIT;
    }
}
