package org.gridbazaar.solver.structured.internal;

import java.util.Arrays;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.support.BlockKkt;
import org.gridbazaar.solver.support.DualityGap;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * Solves a problem with peer blocks (a market over time with storage, ramps or energy windows) by
 * {@link SeparableQpSolver} (its linear algebra chosen by {@code LinearAlgebra.AUTO}: the envelope,
 * or the node space on large markets), and decides infeasibility by its elastic phase-one problem
 * when the run does not converge.
 *
 * <p>Statuses: {@code OPTIMAL} when every row's residual, every variable's stationarity residual
 * and the complementarity gap are within the tolerance, each relative to its own terms, and the
 * point after the crossover with its multipliers also passes an independent check of the KKT
 * conditions ({@link BlockKkt}, to {@link #ACCEPT} on the market's scales) and a duality gap
 * ({@link DualityGap}, to {@link #GAP_ACCEPT} of the objective's scale; else {@code
 * NUMERICAL_ERROR} naming the worst residual or the gap's largest part); {@code INFEASIBLE} when
 * the run does not converge and the elastic problem's optimum leaves a row violated by more than
 * {@value #INFEASIBLE_VIOLATION} of its own scale, with the most violated rows named; otherwise the
 * reason the run stopped, with its point.
 */
public final class BlockSolve {

    /**
     * Relative KKT residual ({@link BlockKkt}, on the market's largest bound and price) up to which
     * a converged run's point, after the crossover, is accepted as optimal: an independent check of
     * the interior point's own stopping rule (its points measure 1e-13 to 1e-16 on the test and
     * campaign markets).
     */
    static final double ACCEPT = 1e-6;

    /**
     * Duality gap ({@link DualityGap}, relative to the objective's scale) up to which that point
     * and its multipliers are accepted as optimal: a certificate one large bound cannot loosen (its
     * points measure at most 3e-10 on the test markets and 1e-11 on the campaign's, 2026-12-07).
     */
    static final double GAP_ACCEPT = 1e-7;

    /** Relative slack up to which a bound or row counts as active in that check. */
    static final double ACCEPT_ACTIVITY = 1e-7;

    /**
     * Relative threshold to which the interior point decides the trades' bounds (their flows
     * against their rows' scales, their multipliers against their price terms), instead of the
     * tolerance: the crossover re-routes the trades over the arcs the run marks tight, and the
     * certificate counts a bound as active up to {@link #ACCEPT_ACTIVITY}, the same threshold. The
     * last iterations of a degenerate market otherwise only halve a few flows of 1e-6 of their
     * rows' scale (8 of 45 iterations at {@code 1000x20@24}, 2026-12-07). The certificate measures
     * on the market's scales (its largest bound and price), not the rows' own; on the benchmark
     * markets where the decision matters it passed even with the trades' decisions left out
     * altogether (a threshold of 1, 2026-12-07), and a point that misses it is {@code
     * NUMERICAL_ERROR} as always.
     */
    static final double TRADE_DECISION = ACCEPT_ACTIVITY;

    /** Relative violation above which the elastic problem proves a market infeasible. */
    static final double INFEASIBLE_VIOLATION = 1e-7;

    /** Interior-point iterations allowed. */
    static final int MAX_ITERATIONS = 200;

    private BlockSolve() {}

    /** Iteration callback: residuals after each iteration; returns {@code true} to stop. */
    public interface Monitor {
        boolean iteration(int k, double primal, double dual);
    }

    /** The {@link SeparableQp} the block path solves for {@code p} (see {@link StandardForm}). */
    public static SeparableQp standardForm(MarketProblem p) {
        return StandardForm.of(p).qp;
    }

    /** Solves {@code p}; {@code deadlineNanos} on {@link System#nanoTime()}'s clock. */
    public static ProblemSolution solve(
            MarketProblem p,
            String solver,
            double tol,
            int maxIter,
            double deadlineNanos,
            Monitor monitor,
            long startNanos) {
        return solve(
                p,
                solver,
                tol,
                maxIter,
                deadlineNanos,
                monitor,
                startNanos,
                SeparableQpSolver.LinearAlgebra.AUTO);
    }

    /**
     * {@link #solve(MarketProblem, String, double, int, double, Monitor, long)} with the Newton
     * systems solved as {@code algebra} says.
     */
    static ProblemSolution solve(
            MarketProblem p,
            String solver,
            double tol,
            int maxIter,
            double deadlineNanos,
            Monitor monitor,
            long startNanos,
            SeparableQpSolver.LinearAlgebra algebra) {
        StandardForm sf = StandardForm.of(p);
        SeparableQpSolver ipm =
                new SeparableQpSolver(sf.qp, algebra).decidingFirstTo(sf.arcs, TRADE_DECISION);
        int limit = Math.min(maxIter, MAX_ITERATIONS);
        double target = Math.max(tol, 1e-10);
        SeparableQpSolver.Outcome o =
                ipm.solve(
                        target,
                        limit,
                        deadlineNanos,
                        (k, pr, du, gap) -> monitor.iteration(k, pr, du));
        if (o.stop == SeparableQpSolver.Stop.ITERATION_LIMIT
                || o.stop == SeparableQpSolver.Stop.BREAKDOWN) {
            String why = infeasibility(sf, target, limit, deadlineNanos);
            if (why != null) {
                return ProblemSolution.without(
                        Status.INFEASIBLE, solver, o.iterations, seconds(startNanos), why);
            }
        }
        int arcs = sf.arcs, n = sf.nodes, z = sf.privates;
        double[] f = Arrays.copyOfRange(o.u, 0, arcs);
        double[] x = Arrays.copyOfRange(o.u, arcs, arcs + n);
        double[] vars = Arrays.copyOfRange(o.u, arcs + n, arcs + n + z);
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = -o.pi[sf.balanceRow[k]];
        }
        double[] side = new double[sf.sideRow.length];
        for (int r = 0; r < side.length; r++) {
            side[r] = o.pi[sf.sideRow[r]];
        }
        double[] coupling = new double[sf.couplingRow.length];
        for (int r = 0; r < coupling.length; r++) {
            coupling[r] = o.pi[sf.couplingRow[r]];
        }
        Status status;
        Termination termination;
        String message;
        switch (o.stop) {
            case CONVERGED -> {
                f = crossover(p, x, f, o.zl);
                BlockKkt kkt = BlockKkt.measure(p, x, f, vars, y, side, coupling, ACCEPT_ACTIVITY);
                DualityGap gap = DualityGap.measure(p, x, f, vars, y, side, coupling);
                if (kkt.primal() <= ACCEPT
                        && kkt.dual() <= ACCEPT
                        && gap.relative() <= GAP_ACCEPT) {
                    status = Status.OPTIMAL;
                    message = o.detail;
                    termination = Termination.optimal(message);
                } else if (kkt.primal() <= ACCEPT && kkt.dual() <= ACCEPT) {
                    status = Status.NUMERICAL_ERROR;
                    message =
                            String.format(
                                    java.util.Locale.ROOT,
                                    "the interior point converged and its point and multipliers"
                                            + " meet the KKT conditions checked independently,"
                                            + " but their duality gap is %.3g $ (%.3g of the"
                                            + " objective's scale %.3g $, limit %.0e), largest at"
                                            + " %s",
                                    gap.gap(),
                                    gap.relative(),
                                    gap.scale(),
                                    GAP_ACCEPT,
                                    gap.largest());
                    termination =
                            new Termination(
                                    Termination.Reason.NUMERICAL_ERROR,
                                    Termination.PointStatus.FEASIBLE,
                                    Termination.PointStatus.INFEASIBLE,
                                    message);
                } else {
                    status = Status.NUMERICAL_ERROR;
                    message =
                            String.format(
                                    java.util.Locale.ROOT,
                                    "the interior point converged, but its point and multipliers"
                                            + " miss the KKT conditions checked independently:"
                                            + " relative residuals %.3g primal, %.3g dual (limit"
                                            + " %.0e), worst at %s",
                                    kkt.primal(),
                                    kkt.dual(),
                                    ACCEPT,
                                    kkt.worst());
                    termination =
                            new Termination(
                                    Termination.Reason.NUMERICAL_ERROR,
                                    kkt.primal() <= ACCEPT
                                            ? Termination.PointStatus.FEASIBLE
                                            : Termination.PointStatus.INFEASIBLE,
                                    Termination.PointStatus.INFEASIBLE,
                                    message);
                }
            }
            case BREAKDOWN -> {
                status = Status.NUMERICAL_ERROR;
                message = "the interior point broke down: " + o.detail + residuals(o);
                termination =
                        new Termination(
                                Termination.Reason.NUMERICAL_ERROR,
                                Termination.PointStatus.UNDETERMINED,
                                Termination.PointStatus.UNDETERMINED,
                                message);
            }
            default -> {
                status = Status.ITERATION_LIMIT;
                Termination.Reason reason =
                        switch (o.stop) {
                            case TIME_LIMIT -> Termination.Reason.TIME_LIMIT;
                            case INTERRUPTED -> Termination.Reason.INTERRUPTED;
                            default -> Termination.Reason.ITERATION_LIMIT;
                        };
                message =
                        (o.stop == SeparableQpSolver.Stop.TIME_LIMIT
                                        ? "time limit reached after " + o.iterations + " iterations"
                                        : o.stop == SeparableQpSolver.Stop.INTERRUPTED
                                                ? "stopped on request after "
                                                        + o.iterations
                                                        + " iterations"
                                                : "iteration limit of " + limit + " reached")
                                + residuals(o);
                termination =
                        new Termination(
                                reason,
                                Termination.PointStatus.UNDETERMINED,
                                Termination.PointStatus.UNDETERMINED,
                                message);
            }
        }
        return ProblemSolution.of(
                        status,
                        x,
                        f,
                        y,
                        null,
                        solver,
                        o.iterations,
                        seconds(startNanos),
                        o.primal,
                        o.dual,
                        o.gap,
                        o.history,
                        message)
                .withPrivateVariables(vars)
                .withSideDuals(side)
                .withCouplingDuals(coupling)
                .withTermination(termination);
    }

    /**
     * A sparse flow realising the interior point's injections on the arcs it marks optimal (flow
     * above its reduced cost), made a forest; the interior point's own flow, which spreads dust
     * over every arc of the optimal face, when that flow misses some node's injection by more than
     * {@code 1e-9} of the node's own scale.
     */
    private static double[] crossover(
            MarketProblem p, double[] x, double[] f, double[] reducedCost) {
        int[] tail = p.tail(), head = p.head();
        boolean[] tight = new boolean[f.length];
        for (int a = 0; a < f.length; a++) {
            tight[a] = f[a] > reducedCost[a];
        }
        double scale = 1;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[] realised = FlowChecks.realise(x, tail, head, tight, 1e-9 * scale);
        if (realised == null) {
            return f;
        }
        double[] forest = FlowChecks.toForest(realised, tail, head, p.nodeCount());
        double[] injected = p.injections(forest);
        for (int k = 0; k < x.length; k++) {
            if (Math.abs(injected[k] - x[k]) > 1e-9 * Math.max(1, Math.abs(x[k]))) {
                return f;
            }
        }
        return forest;
    }

    private static String residuals(SeparableQpSolver.Outcome o) {
        return String.format(
                java.util.Locale.ROOT,
                "; relative residuals at the point returned: primal %.1e, dual %.1e, gap %.1e",
                o.primal,
                o.dual,
                o.gap);
    }

    /**
     * Why the problem is infeasible, naming its most violated rows, or {@code null} when the
     * elastic problem finds it feasible (or cannot decide).
     */
    private static String infeasibility(
            StandardForm sf, double tol, int limit, double deadlineNanos) {
        SeparableQp qp = sf.qp;
        SeparableQp elastic = qp.elastic();
        SeparableQpSolver.Outcome e =
                new SeparableQpSolver(elastic)
                        .solve(tol, limit, deadlineNanos, SeparableQpSolver.Monitor.NONE);
        if (e.stop != SeparableQpSolver.Stop.CONVERGED) {
            return null;
        }
        int rows = qp.rowCount();
        double[] violation = new double[rows];
        double[] scale = qp.rowScales(e.u);
        for (int j = qp.variableCount(); j < elastic.variableCount(); j++) {
            violation[elastic.elasticRow(j)] += e.u[j];
        }
        Integer[] order = new Integer[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
            violation[r] /= scale[r];
        }
        Arrays.sort(order, (a, b) -> Double.compare(violation[b], violation[a]));
        if (rows == 0 || violation[order[0]] <= INFEASIBLE_VIOLATION) {
            return null;
        }
        StringBuilder why =
                new StringBuilder(
                        "no point satisfies every bound and row together (phase-one problem); the rows that cannot hold are: ");
        for (int i = 0; i < Math.min(3, rows) && violation[order[i]] > INFEASIBLE_VIOLATION; i++) {
            if (i > 0) {
                why.append("; ");
            }
            why.append(sf.rowLabel(order[i]));
        }
        return why.toString();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
