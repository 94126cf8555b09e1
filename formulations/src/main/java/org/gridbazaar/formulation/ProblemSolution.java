package org.gridbazaar.formulation;

import java.util.List;
import java.util.Objects;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;

/**
 * What a solver returns for a {@link MarketProblem}: why it stopped ({@link #termination()}, with
 * the case-format {@link #status()} as its coarse view), primal point ({@code x}, {@code f}), node
 * prices {@code y} (sign convention in the package documentation), optional per-arc prices
 * (distributed solvers negotiate those directly), and statistics. Arrays handed out are copies;
 * without a solution they are empty.
 */
public final class ProblemSolution {

    private final Termination termination;
    private final double[] x, f, y, arcPrices;
    private final String solver;
    private final int iterations;
    private final double seconds, primalResidual, dualResidual, dualityGap;
    private final List<IterationRecord> history;
    private final String message;
    private final double[] couplingDuals;
    private final double[] z, sideDuals;

    private ProblemSolution(
            Status status,
            double[] x,
            double[] f,
            double[] y,
            double[] arcPrices,
            String solver,
            int iterations,
            double seconds,
            double primalResidual,
            double dualResidual,
            double dualityGap,
            List<IterationRecord> history,
            String message) {
        this.x = x.clone();
        this.f = f.clone();
        this.y = y.clone();
        this.arcPrices = arcPrices == null ? null : arcPrices.clone();
        this.solver = solver;
        this.iterations = iterations;
        this.seconds = seconds;
        this.primalResidual = primalResidual;
        this.dualResidual = dualResidual;
        this.dualityGap = dualityGap;
        this.history = List.copyOf(history);
        this.message = message == null ? "" : message;
        this.couplingDuals = new double[0];
        this.z = new double[0];
        this.sideDuals = new double[0];
        this.termination =
                Termination.of(Objects.requireNonNull(status, "status"), hasPoint(), this.message);
    }

    private ProblemSolution(
            ProblemSolution s,
            double[] couplingDuals,
            Termination termination,
            double[] z,
            double[] sideDuals) {
        this.termination = termination;
        this.x = s.x;
        this.f = s.f;
        this.y = s.y;
        this.arcPrices = s.arcPrices;
        this.solver = s.solver;
        this.iterations = s.iterations;
        this.seconds = s.seconds;
        this.primalResidual = s.primalResidual;
        this.dualResidual = s.dualResidual;
        this.dualityGap = s.dualityGap;
        this.history = s.history;
        this.message = s.message;
        this.couplingDuals = couplingDuals.clone();
        this.z = z.clone();
        this.sideDuals = sideDuals.clone();
    }

    /**
     * This solution with the multipliers {@code mu_l >= 0} ($/kW) of the problem's coupling
     * constraints, in their order (see the package documentation for their sign).
     */
    public ProblemSolution withCouplingDuals(double[] duals) {
        return new ProblemSolution(
                this, Objects.requireNonNull(duals, "duals"), termination, z, sideDuals);
    }

    /**
     * This solution with a more precise account of why the solver stopped (a time limit, an
     * interrupt, what the returned point is); its {@link #status()} becomes {@code
     * termination.status()}.
     *
     * @throws IllegalArgumentException if the termination claims a point this solution does not
     *     carry, or denies one it carries
     */
    public ProblemSolution withTermination(Termination termination) {
        Objects.requireNonNull(termination, "termination");
        boolean claims = termination.primal() != Termination.PointStatus.NO_POINT;
        if (claims != hasPoint()) {
            throw new IllegalArgumentException(
                    "termination "
                            + termination
                            + (hasPoint()
                                    ? " says no point, but this solution carries one"
                                    : " claims a point, but this solution has none"));
        }
        return new ProblemSolution(this, couplingDuals, termination, z, sideDuals);
    }

    /**
     * This solution with the values of the problem's private variables {@code z_v}, in their order
     * (see {@link MarketProblem#variableCount()}).
     */
    public ProblemSolution withPrivateVariables(double[] values) {
        return new ProblemSolution(
                this,
                couplingDuals,
                termination,
                Objects.requireNonNull(values, "values"),
                sideDuals);
    }

    /**
     * This solution with the multipliers {@code lambda_r} of the problem's side constraints (rows
     * of the peers' blocks), in their order: {@code >= 0} for a {@code <=} row, of either sign for
     * an equality, entering stationarity as {@code + sum_r g_rk lambda_r} (the same sign as the
     * coupling multipliers; see the package documentation).
     */
    public ProblemSolution withSideDuals(double[] duals) {
        return new ProblemSolution(
                this, couplingDuals, termination, z, Objects.requireNonNull(duals, "duals"));
    }

    /**
     * The private variables' values, or an empty array when the problem has none or the solver
     * returned none.
     */
    public double[] privateVariables() {
        return z.clone();
    }

    /**
     * The side constraints' multipliers ($/kW), or an empty array when the solver returned none.
     */
    public double[] sideDuals() {
        return sideDuals.clone();
    }

    /**
     * The multipliers of the coupling constraints ($/kW, {@code >= 0}), or an empty array when the
     * problem has none or the solver returned none.
     */
    public double[] couplingDuals() {
        return couplingDuals.clone();
    }

    /**
     * A solution (status {@code OPTIMAL} or {@code ITERATION_LIMIT}, or another status with the
     * last iterate).
     *
     * @param arcPrices per-arc clearing prices, or {@code null} to derive them from {@code y}
     */
    public static ProblemSolution of(
            Status status,
            double[] x,
            double[] f,
            double[] y,
            double[] arcPrices,
            String solver,
            int iterations,
            double seconds,
            double primalResidual,
            double dualResidual,
            double dualityGap,
            List<IterationRecord> history,
            String message) {
        return new ProblemSolution(
                status,
                x,
                f,
                y,
                arcPrices,
                solver,
                iterations,
                seconds,
                primalResidual,
                dualResidual,
                dualityGap,
                history,
                message);
    }

    /**
     * A result without a solution (for example {@code INFEASIBLE}), with a human-readable reason.
     */
    public static ProblemSolution without(
            Status status, String solver, int iterations, double seconds, String message) {
        return new ProblemSolution(
                status,
                new double[0],
                new double[0],
                new double[0],
                null,
                solver,
                iterations,
                seconds,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                List.of(),
                message);
    }

    /** Why the solver stopped, in the case format's terms ({@code termination().status()}). */
    public Status status() {
        return termination.status();
    }

    /** Why the solver stopped and what the returned point is. */
    public Termination termination() {
        return termination;
    }

    /** Whether primal values are attached. */
    public boolean hasPoint() {
        return x.length > 0 || f.length > 0;
    }

    /** Node injections {@code x_k}, kW. */
    public double[] x() {
        return x.clone();
    }

    /** Arc flows {@code f_t >= 0}, kW. */
    public double[] f() {
        return f.clone();
    }

    /** Node prices {@code y_k}, $/kW. */
    public double[] y() {
        return y.clone();
    }

    /** Per-arc prices when the solver negotiated them, else {@code null}. */
    public double[] arcPrices() {
        return arcPrices == null ? null : arcPrices.clone();
    }

    /** The solver's name. */
    public String solver() {
        return solver;
    }

    /** Iterations used. */
    public int iterations() {
        return iterations;
    }

    /** Wall time, s. */
    public double seconds() {
        return seconds;
    }

    /** Max-norm primal residual, kW. */
    public double primalResidual() {
        return primalResidual;
    }

    /** Max-norm dual residual, $/kW. */
    public double dualResidual() {
        return dualResidual;
    }

    /** Duality gap, $ ({@code NaN} if unknown). */
    public double dualityGap() {
        return dualityGap;
    }

    /** Residuals per iteration (may be empty). */
    public List<IterationRecord> history() {
        return history;
    }

    /**
     * A human-readable note from the solver (why it stopped, what it could not do); may be empty.
     */
    public String message() {
        return message;
    }

    /**
     * One iteration's residuals.
     *
     * @param iteration 1-based iteration number
     * @param primalResidual max-norm primal residual, kW
     * @param dualResidual max-norm dual residual, $/kW (or the solver's own dual measure)
     * @param penalty the penalty parameter or barrier parameter in force
     */
    public record IterationRecord(
            int iteration, double primalResidual, double dualResidual, double penalty) {}
}
