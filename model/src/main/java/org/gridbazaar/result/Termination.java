package org.gridbazaar.result;

import java.util.Objects;

/**
 * Why a solver stopped, separated from what it returned (after OR-Tools MathOpt's {@code
 * Termination} and MathOptInterface's termination, primal and dual statuses): a run stopped by a
 * time limit, by an interrupt or by an iteration limit are different facts, and each may or may not
 * carry a usable point.
 *
 * <p>The case-format's {@link Status} is a coarser view of the same facts ({@link #status()}):
 * {@link Reason#TIME_LIMIT} and {@link Reason#INTERRUPTED} are written as {@code ITERATION_LIMIT},
 * since the file format has no status of their own.
 *
 * @param reason why the solver stopped
 * @param primal what the returned primal point (set-points and trades) is
 * @param dual what the returned prices are
 * @param detail a human-readable explanation (which limit, which residual and how far); may be
 *     empty
 */
public record Termination(Reason reason, PointStatus primal, PointStatus dual, String detail) {

    /** Why a solver stopped. */
    public enum Reason {
        /** Solved: the returned point meets the optimality conditions to the solver's tolerance. */
        OPTIMAL,
        /** The market has no feasible clearing. */
        INFEASIBLE,
        /**
         * The objective is unbounded below (cannot occur for a valid market; kept for backends).
         */
        UNBOUNDED,
        /** Stopped on the iteration (or round) limit. */
        ITERATION_LIMIT,
        /** Stopped on the time limit. */
        TIME_LIMIT,
        /**
         * Stopped because the caller interrupted it (Ctrl-C on the command line, or a thread
         * interrupt).
         */
        INTERRUPTED,
        /** Stopped because of numerical trouble (breakdown, overflow, a singular system). */
        NUMERICAL_ERROR
    }

    /** What a returned point (primal or dual) is. */
    public enum PointStatus {
        /** No point was returned. */
        NO_POINT,
        /** The point satisfies its constraints to the solver's tolerance. */
        FEASIBLE,
        /**
         * A point was returned whose residuals exceed the solver's tolerance (they are in the
         * statistics).
         */
        INFEASIBLE,
        /** A point was returned and its feasibility was not determined. */
        UNDETERMINED
    }

    public Termination {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(primal, "primal");
        Objects.requireNonNull(dual, "dual");
        detail = detail == null ? "" : detail;
        if (reason == Reason.OPTIMAL
                && (primal != PointStatus.FEASIBLE || dual != PointStatus.FEASIBLE)) {
            throw new IllegalArgumentException(
                    "an OPTIMAL termination needs a feasible primal and dual point, got "
                            + primal
                            + " / "
                            + dual);
        }
    }

    /** An optimal termination: primal and dual points feasible to tolerance. */
    public static Termination optimal(String detail) {
        return new Termination(Reason.OPTIMAL, PointStatus.FEASIBLE, PointStatus.FEASIBLE, detail);
    }

    /** A termination without any point (for example {@link Reason#INFEASIBLE}). */
    public static Termination withoutPoint(Reason reason, String detail) {
        return new Termination(reason, PointStatus.NO_POINT, PointStatus.NO_POINT, detail);
    }

    /**
     * The termination implied by a case-format status alone, for solvers that report only that: an
     * optimal point is feasible; a point returned with another status is of undetermined
     * feasibility; a status without a solution carries no point.
     *
     * @param hasPoint whether a point was returned
     */
    public static Termination of(Status status, boolean hasPoint, String detail) {
        Reason reason = Reason.valueOf(status.name());
        if (status == Status.OPTIMAL) {
            return optimal(detail);
        }
        PointStatus point = hasPoint ? PointStatus.UNDETERMINED : PointStatus.NO_POINT;
        return new Termination(reason, point, point, detail);
    }

    /**
     * The case-format status of this termination (time limits and interrupts are {@code
     * ITERATION_LIMIT}).
     */
    public Status status() {
        switch (reason) {
            case OPTIMAL:
                return Status.OPTIMAL;
            case INFEASIBLE:
                return Status.INFEASIBLE;
            case UNBOUNDED:
                return Status.UNBOUNDED;
            case NUMERICAL_ERROR:
                return Status.NUMERICAL_ERROR;
            default:
                return Status.ITERATION_LIMIT;
        }
    }
}
