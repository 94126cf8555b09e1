package org.gridbazaar.result;

/**
 * How the solve went.
 *
 * @param solver the solver's name
 * @param iterations iterations (interior-point or ADMM rounds)
 * @param seconds wall time of the solve, s
 * @param primalResidual max-norm of the primal residual (reciprocity and balance), kW
 * @param dualResidual max-norm of the dual (stationarity) residual, $/kW
 * @param dualityGap primal objective minus a dual bound, $ ({@code NaN} when the solver gives none)
 */
public record SolverStats(
        String solver,
        int iterations,
        double seconds,
        double primalResidual,
        double dualResidual,
        double dualityGap) {}
