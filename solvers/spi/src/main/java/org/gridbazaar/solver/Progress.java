package org.gridbazaar.solver;

/**
 * Receives a solver's progress and may ask it to stop. Solvers call {@link #iteration} once per
 * iteration and stop with status {@code ITERATION_LIMIT} when {@link #stopRequested()} is true or
 * the thread is interrupted.
 */
public interface Progress {

    /** Ignores progress and never stops. */
    Progress NONE =
            new Progress() {
                @Override
                public void iteration(int iteration, double primalResidual, double dualResidual) {}
            };

    /**
     * Called after each iteration with max-norm residuals (kW and $/kW, or the solver's own
     * measure).
     */
    void iteration(int iteration, double primalResidual, double dualResidual);

    /** Whether the caller wants the solver to stop (for example after Ctrl-C). */
    default boolean stopRequested() {
        return Thread.currentThread().isInterrupted();
    }
}
