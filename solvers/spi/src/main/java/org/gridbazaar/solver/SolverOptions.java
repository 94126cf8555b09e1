package org.gridbazaar.solver;

import java.util.Objects;

/**
 * Options every solver honours. Validated on construction; change one with the {@code with…}
 * methods.
 *
 * @param tolerance relative optimality tolerance (residuals and gap, scaled by the problem's size),
 *     {@code (0, 1)}
 * @param maxIterations iteration limit, {@code >= 1}
 * @param timeLimitSeconds wall-time limit, s, {@code > 0} (use {@link Double#POSITIVE_INFINITY} for
 *     none)
 * @param progress receives progress and may ask the solver to stop
 */
public record SolverOptions(
        double tolerance, int maxIterations, double timeLimitSeconds, Progress progress) {

    /** Default relative tolerance of centralized solvers. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    /** Default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;

    /** The defaults: tolerance 1e-9, 10,000 iterations, no time limit, no progress. */
    public static final SolverOptions DEFAULTS =
            new SolverOptions(
                    DEFAULT_TOLERANCE,
                    DEFAULT_MAX_ITERATIONS,
                    Double.POSITIVE_INFINITY,
                    Progress.NONE);

    public SolverOptions {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(timeLimitSeconds > 0)) {
            throw new IllegalArgumentException(
                    "timeLimitSeconds must be > 0, got " + timeLimitSeconds);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /** These options with another tolerance. */
    public SolverOptions withTolerance(double value) {
        return new SolverOptions(value, maxIterations, timeLimitSeconds, progress);
    }

    /** These options with another iteration limit. */
    public SolverOptions withMaxIterations(int value) {
        return new SolverOptions(tolerance, value, timeLimitSeconds, progress);
    }

    /** These options with another time limit (s). */
    public SolverOptions withTimeLimitSeconds(double value) {
        return new SolverOptions(tolerance, maxIterations, value, progress);
    }

    /** These options reporting to {@code listener}. */
    public SolverOptions withProgress(Progress listener) {
        return new SolverOptions(tolerance, maxIterations, timeLimitSeconds, listener);
    }
}
