package org.gridbazaar.solver.joptimizer;

import com.joptimizer.exception.JOptimizerException;
import com.joptimizer.solvers.AugmentedKKTSolver;
import com.joptimizer.solvers.BasicKKTSolver;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.joptimizer.internal.ScaledBlockQp;
import org.gridbazaar.solver.support.BlockKkt;
import org.gridbazaar.solver.support.BlockPriceRecovery;
import org.gridbazaar.solver.support.DualityGap;

/**
 * {@link JOptimizerSolver} on a {@link MarketProblem} with peer blocks (a market over time:
 * storage, ramps, energy windows): the cross-check of the default solver's block path on small
 * markets over time, independent of ojAlgo and of the default solver's interior point for its
 * point.
 *
 * <p>The problem goes to JOptimizer's primal-dual method as one QP ({@link ScaledBlockQp}), started
 * by JOptimizer's own phase one. JOptimizer returns the point only; node prices and side-row
 * multipliers are recovered from the KKT conditions at that point ({@link BlockPriceRecovery}). The
 * run is {@link Status#OPTIMAL} only when the point and those multipliers meet the KKT conditions
 * ({@link BlockKkt}) to {@code max(}{@value JOptimizerSolver#ACCEPT_TOLERANCE}{@code , tolerance)}
 * relative and their duality gap ({@link DualityGap}) is at most {@value #GAP_ACCEPT} of the
 * objective's scale; otherwise {@link Status#NUMERICAL_ERROR} with the residuals and where the
 * worst is. A market whose bounds and rows leave no strictly feasible point (an infeasible one, or
 * one that some row holds at a bound in every feasible point) stops in JOptimizer's phase one and
 * is reported {@link Status#NUMERICAL_ERROR}: this path does not decide infeasibility, except for
 * rows on fixed values only and peers without partners whose bounds exclude 0 ({@link
 * Status#INFEASIBLE}).
 */
final class PeerBlockPath {

    /**
     * The duality gap, relative to the objective's scale, up to which a point and its recovered
     * multipliers are accepted as optimal (the same as {@code ojalgo-qp}'s).
     */
    static final double GAP_ACCEPT = 1e-6;

    private PeerBlockPath() {}

    static ProblemSolution solve(MarketProblem p, SolverOptions options) {
        long start = System.nanoTime();
        String name = JOptimizerSolver.NAME;
        if (options.progress().stopRequested()) {
            return JOptimizerSolver.stoppedBeforeTheSolve();
        }
        ScaledBlockQp qp = new ScaledBlockQp(p);
        if (!qp.violatedConstantRows().isEmpty()) {
            return ProblemSolution.without(
                    Status.INFEASIBLE,
                    name,
                    0,
                    seconds(start),
                    String.join("; ", qp.violatedConstantRows()));
        }
        int limit = Math.min(options.maxIterations(), JOptimizerSolver.DEFAULT_MAX_IPM_ITERATIONS);
        double deadline =
                Double.isInfinite(options.timeLimitSeconds())
                        ? Double.POSITIVE_INFINITY
                        : start + options.timeLimitSeconds() * 1e9;
        double tol = Math.max(options.tolerance(), 1e-12);
        JOptimizerSolver.Watch watch =
                new JOptimizerSolver.Watch(qp::equalityResidual, options, limit, deadline);
        double[] v;
        double[] startPoint = qp.strictlyFeasiblePoint();
        if (qp.dimension() == 0) {
            v = new double[0];
        } else {
            try {
                v = run(watch, qp, startPoint, 0.1 * tol, tol, limit);
            } catch (JOptimizerException | RuntimeException e) {
                String why =
                        "JOptimizer failed after "
                                + watch.iterations
                                + " iterations: "
                                + (e.getMessage() != null ? e.getMessage() : e.toString())
                                + (startPoint == null
                                        ? " (no strictly feasible point was found to start from: the"
                                                + " market may be infeasible, or hold a bound or"
                                                + " row tight in every feasible point)"
                                        : "")
                                + "; Maybe use the structured-ipm solver";
                return ProblemSolution.without(
                                Status.NUMERICAL_ERROR, name, watch.iterations, seconds(start), why)
                        .withTermination(
                                Termination.withoutPoint(Termination.Reason.NUMERICAL_ERROR, why));
            }
        }
        double accept = Math.max(JOptimizerSolver.ACCEPT_TOLERANCE, tol);
        Measured point = Measured.of(p, qp, v, tol);
        if (!point.meets(accept) && watch.stoppedBy == null && qp.dimension() > 0) {
            // an interior point leaves a little flow on arcs that carry none at the optimum; at a
            // surrogate gap of 0.1 tol it can reach the activity threshold and mislead the price
            // recovery (seed 66 of the tests' random horizons): once more, to a gap 100 times
            // smaller, and the better of the two answers
            try {
                Measured again =
                        Measured.of(p, qp, run(watch, qp, startPoint, 1e-3 * tol, tol, limit), tol);
                if (again.meets(accept) || again.worse() < point.worse()) {
                    point = again;
                }
            } catch (JOptimizerException | RuntimeException e) {
                // keep the first answer
            }
        }
        double[] x = point.x, f = point.f, z = point.z, y = point.y, lambda = point.lambda;
        BlockKkt kkt = point.kkt;
        DualityGap gap = point.gap;
        boolean primalMet = kkt.primal() <= accept;
        boolean dualMet = kkt.dual() <= accept && gap.relative() <= GAP_ACCEPT;
        String message =
                String.format(
                        Locale.ROOT,
                        "JOptimizer PrimalDualMethod, %d iterations; prices: %s; relative KKT"
                                + " residuals %.3g primal, %.3g dual; duality gap %.3g $ (%.3g of"
                                + " the objective's scale %.3g $)",
                        watch.iterations,
                        !point.recovered()
                                ? "marginal costs (no multipliers recovered from the KKT"
                                        + " conditions at the point)"
                                : "recovered from the KKT conditions at the point",
                        kkt.primal(),
                        kkt.dual(),
                        gap.gap(),
                        gap.relative(),
                        gap.scale());
        Status status;
        Termination.Reason reason;
        if (watch.stoppedBy != null && !(watch.atIterationLimit && primalMet && dualMet)) {
            status = Status.ITERATION_LIMIT;
            reason = watch.reason;
            message += "; stopped: " + watch.stoppedBy;
        } else if (primalMet && dualMet) {
            status = Status.OPTIMAL;
            reason = Termination.Reason.OPTIMAL;
        } else {
            status = Status.NUMERICAL_ERROR;
            reason = Termination.Reason.NUMERICAL_ERROR;
            message +=
                    String.format(
                            Locale.ROOT,
                            "; JOptimizer converged but its point and the recovered multipliers"
                                    + " miss the optimality conditions at %.3g (duality gap limit"
                                    + " %.0e), worst at %s; largest part of the gap at %s; Maybe"
                                    + " use the structured-ipm solver",
                            accept,
                            GAP_ACCEPT,
                            kkt.worst(),
                            gap.largest());
        }
        ProblemSolution solution =
                ProblemSolution.of(
                                status,
                                x,
                                f,
                                y,
                                null,
                                name,
                                watch.iterations,
                                seconds(start),
                                kkt.primalKw(),
                                kkt.dualPerKw(),
                                gap.gap(),
                                watch.history,
                                message)
                        .withPrivateVariables(z)
                        .withSideDuals(lambda);
        if (status == Status.OPTIMAL) {
            return solution;
        }
        return solution.withTermination(
                new Termination(
                        reason,
                        primalMet
                                ? Termination.PointStatus.FEASIBLE
                                : Termination.PointStatus.INFEASIBLE,
                        dualMet
                                ? Termination.PointStatus.FEASIBLE
                                : Termination.PointStatus.INFEASIBLE,
                        message));
    }

    /**
     * Runs JOptimizer from {@code startPoint}, and when that run fails (JOptimizer may still judge
     * the start not strictly feasible) from its own phase one; each with JOptimizer's default
     * linear algebra first and, when that finds a Newton matrix not positive definite (near the
     * end, where the barrier terms of inactive bounds vanish and the flat directions of flows and
     * storage leave the Hessian singular), with {@code AugmentedKKTSolver}, which adds {@code A'A}
     * to it. The iterations of all runs count toward the limit; the first failure is rethrown when
     * every run fails.
     */
    private static double[] run(
            JOptimizerSolver.Watch watch,
            ScaledBlockQp qp,
            double[] startPoint,
            double gapTolerance,
            double tol,
            int limit)
            throws JOptimizerException {
        Exception first = null;
        for (double[] from :
                startPoint == null ? new double[][] {null} : new double[][] {startPoint, null}) {
            for (boolean augmented : new boolean[] {false, true}) {
                try {
                    watch.setOptimizationRequest(qp.request(from, gapTolerance, tol, limit + 1));
                    watch.setKKTSolver(augmented ? new AugmentedKKTSolver() : new BasicKKTSolver());
                    watch.optimize();
                    return watch.getOptimizationResponse().getSolution();
                } catch (JOptimizerException | RuntimeException e) {
                    first = first == null ? e : first;
                    if (watch.stoppedBy != null) {
                        break;
                    }
                }
            }
        }
        if (first instanceof JOptimizerException je) {
            throw je;
        }
        throw (RuntimeException) first;
    }

    /** A point of JOptimizer's in the market's units, with recovered prices and their measures. */
    private record Measured(
            double[] x,
            double[] f,
            double[] z,
            double[] y,
            double[] lambda,
            boolean recovered,
            BlockKkt kkt,
            DualityGap gap) {

        static Measured of(MarketProblem p, ScaledBlockQp qp, double[] v, double tol) {
            double[] x = qp.injections(v), f = qp.flows(v), z = qp.privateVariables(v);
            // JOptimizer stops at a small surrogate duality gap, where the slacks of active
            // constraints are orders of magnitude below 100 tol of the scale
            double activity = Math.max(1e-7, 100 * tol);
            double[] a = p.quadratic(), b = p.linear();
            double[] guessY = new double[x.length], noLambda = new double[p.sideConstraintCount()];
            for (int k = 0; k < x.length; k++) {
                guessY[k] = a[k] * x[k] + b[k];
            }
            double[][] u =
                    BlockPriceRecovery.recover(
                            p, x, f, z, guessY, noLambda, activity * BlockKkt.primalScale(p));
            double[] y = u == null ? guessY : u[0], lambda = u == null ? noLambda : u[1];
            return new Measured(
                    x,
                    f,
                    z,
                    y,
                    lambda,
                    u != null,
                    BlockKkt.measure(p, x, f, z, y, lambda, activity),
                    DualityGap.measure(p, x, f, z, y, lambda, null));
        }

        boolean meets(double accept) {
            return kkt.primal() <= accept && kkt.dual() <= accept && gap.relative() <= GAP_ACCEPT;
        }

        double worse() {
            return Math.max(Math.max(kkt.primal(), kkt.dual()), gap.relative());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }
}
