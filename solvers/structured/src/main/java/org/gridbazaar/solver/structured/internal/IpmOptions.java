package org.gridbazaar.solver.structured.internal;

/**
 * What one interior-point run is asked for.
 *
 * @param tolerance convergence tolerance, relative to the problem's {@link Scales} (residuals in kW
 *     and $/kW, complementarity in $)
 * @param maxIterations iteration limit
 * @param deadlineNanos when to stop, in {@link System#nanoTime} ({@code +infinity}: never)
 * @param pruneRatio how readily the iterative path sets aside arcs that look empty ({@link
 *     ArcPruning}); 0 never sets any aside
 * @param centralityFloor the centring target's floor as a fraction of the starting complementarity
 *     times the primal residual's fraction of its start; 0 leaves Mehrotra's target alone
 */
record IpmOptions(
        double tolerance,
        int maxIterations,
        double deadlineNanos,
        double pruneRatio,
        double centralityFloor) {

    /**
     * The solvers' default tolerance, 300 iterations, no deadline, the default pruning ratio, no
     * centrality floor.
     */
    static final IpmOptions DEFAULTS =
            new IpmOptions(
                    org.gridbazaar.solver.SolverOptions.DEFAULT_TOLERANCE,
                    300,
                    Double.POSITIVE_INFINITY,
                    ArcPruning.DEFAULT_RATIO,
                    0);

    IpmOptions {
        if (!(pruneRatio >= 0)) {
            throw new IllegalArgumentException("pruning ratio must be >= 0, got " + pruneRatio);
        }
        if (!(centralityFloor >= 0)) {
            throw new IllegalArgumentException(
                    "centrality floor must be >= 0, got " + centralityFloor);
        }
    }

    /** These options with the given pruning ratio. */
    IpmOptions withPruneRatio(double ratio) {
        return new IpmOptions(tolerance, maxIterations, deadlineNanos, ratio, centralityFloor);
    }

    /** These options with the given centrality floor. */
    IpmOptions withCentralityFloor(double floor) {
        return new IpmOptions(tolerance, maxIterations, deadlineNanos, pruneRatio, floor);
    }

    /** These options with the given tolerance and limits. */
    IpmOptions withLimits(double tolerance, int maxIterations, double deadlineNanos) {
        return new IpmOptions(tolerance, maxIterations, deadlineNanos, pruneRatio, centralityFloor);
    }
}
