package org.gridbazaar.solver.structured;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.UnsupportedProblemException;
import org.gridbazaar.solver.structured.internal.FlowChecks;
import org.gridbazaar.solver.structured.internal.InteriorPoint;

/**
 * The default centralized solver, {@code structured-ipm}: a primal-dual interior-point method
 * (Mehrotra predictor-corrector) whose Newton system is reduced to one equation per node
 * (peer and commodity) instead of one per trade, by eliminating the trades through their
 * diagonal barrier terms. Costs sit on each peer's aggregate injection and trades carry only
 * linear terms, so the reduced matrix is a weighted graph Laplacian plus a block-diagonal term.
 *
 * <p>Around the interior-point method:
 * <ul>
 *   <li>an exact feasibility check by maximum flow (a circulation with bounds) before solving,
 *       for problems without side constraints, so an infeasible market is reported
 *       {@code INFEASIBLE} with certainty; with side constraints (CHP regions), a phase-one problem
 *       decides when the main run does not converge;</li>
 *   <li>a crossover after convergence: a flow realising the optimal injections using only the arcs
 *       the interior point marks as optimal (zero reduced cost), found by maximum flow. It is
 *       optimal and far sparser than the interior-point flow, which spreads trades over every
 *       arc of the optimal face.</li>
 * </ul>
 * The result carries a certificate: primal residual (balance and bounds, kW), dual residual
 * ($/kW) and the complementarity gap ($), which bounds the distance to the optimal objective.
 *
 * <p>Memory and time: the reduced matrix is dense, {@code 8 n^2} bytes and {@code n^3/3} flops per
 * iteration for {@code n} nodes; {@link #supports} declines above {@value #MAX_NODES} nodes.
 */
public final class StructuredIpmSolver implements MarketSolver {

    /** Largest number of nodes (peers times commodities) accepted: the reduced matrix is dense. */
    public static final int MAX_NODES = 6000;
    /** Interior-point iteration limit used when the options allow more. */
    public static final int DEFAULT_MAX_IPM_ITERATIONS = 300;

    @Override
    public String name() {
        return "structured-ipm";
    }

    @Override
    public Support supports(MarketProblem problem) {
        if (problem.nodeCount() > MAX_NODES) {
            return Support.no(problem.nodeCount() + " nodes (peers x commodities) exceed " + MAX_NODES
                    + ": the reduced Newton matrix is dense (8 n^2 bytes)");
        }
        return Support.yes();
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        Support support = supports(problem);
        if (!support.supported()) {
            throw new UnsupportedProblemException(name(), support.reason());
        }
        long start = System.nanoTime();
        int n = problem.nodeCount();
        double[] lo = problem.lower(), hi = problem.upper();
        int[] tail = problem.tail(), head = problem.head();
        if (problem.sideConstraintCount() == 0
                && !FlowChecks.feasible(n, problem.nodeCommodity(), lo, hi, tail, head, 1e-9)) {
            return ProblemSolution.without(Status.INFEASIBLE, name(), 0, seconds(start),
                    "no injections within the bounds can be balanced by trades on the allowed pairs (maximum-flow check)");
        }
        double deadline = Double.isInfinite(options.timeLimitSeconds()) ? Double.POSITIVE_INFINITY
                : start + options.timeLimitSeconds() * 1e9;
        InteriorPoint ipm = new InteriorPoint(problem);
        int maxIter = Math.min(options.maxIterations(), DEFAULT_MAX_IPM_ITERATIONS);
        InteriorPoint.Outcome o = ipm.solve(options.tolerance(), maxIter, deadline, (k, p, d, mu) -> {
            options.progress().iteration(k, p, d);
            return options.progress().stopRequested();
        });
        if (!o.converged) {
            if (problem.sideConstraintCount() > 0 && !o.stopped && PhaseOne.infeasible(problem, options.tolerance(), deadline)) {
                return ProblemSolution.without(Status.INFEASIBLE, name(), o.iterations, seconds(start),
                        "no point satisfies the bounds, side constraints and trading rules together (phase-one problem)");
            }
            Status status = o.numericalFailure ? Status.NUMERICAL_ERROR : Status.ITERATION_LIMIT;
            String why = o.numericalFailure ? "the reduced Newton system became singular"
                    : o.stopped ? "stopped on request" : "iteration or time limit reached before tolerance";
            return ProblemSolution.of(status, o.x, o.f, o.y, null, name(), o.iterations, seconds(start),
                    o.primalResidual, o.dualResidual, o.gap, o.history, why);
        }
        double[] f = crossover(problem, o);
        double[] x = problem.injections(f);
        double violation = 0;
        for (int k = 0; k < n; k++) {
            violation = Math.max(violation, Math.max(lo[k] - x[k], x[k] - hi[k]));
        }
        for (int s = 0; s < problem.sideConstraintCount(); s++) {
            int[] nodes = problem.sideNodes(s);
            double[] g = problem.sideCoefficients(s);
            double v = -problem.sideRhs(s);
            for (int i = 0; i < nodes.length; i++) {
                v += g[i] * x[nodes[i]];
            }
            violation = Math.max(violation, v);
        }
        return ProblemSolution.of(Status.OPTIMAL, x, f, o.y, null, name(), o.iterations, seconds(start),
                Math.max(0, violation), o.dualResidual, o.gap, o.history, "");
    }

    /** A sparse optimal flow on the arcs with zero reduced cost, or the interior-point flow if none is found. */
    private static double[] crossover(MarketProblem problem, InteriorPoint.Outcome o) {
        int m = problem.arcCount();
        double[] x = problem.injections(o.f);
        // nodes at a bound of zero keep interior-point dust of ~1e-9 scale each with no optimal
        // arc to carry it; the crossover drops that dust, so allow it per node
        double tol = 1e-9 * problem.injectionScale() * Math.max(100, problem.nodeCount());
        boolean[] tight = new boolean[m];
        for (int t = 0; t < m; t++) {
            tight[t] = o.f[t] > o.zf[t];
        }
        double[] f = FlowChecks.realise(x, problem.tail(), problem.head(), tight, tol);
        if (f == null) {
            double zmax = 0;
            for (int t = 0; t < m; t++) {
                zmax = Math.max(zmax, o.zf[t]);
            }
            for (int t = 0; t < m; t++) {
                tight[t] = tight[t] || o.zf[t] <= 1e-6 * Math.max(1, zmax);
            }
            f = FlowChecks.realise(x, problem.tail(), problem.head(), tight, tol);
        }
        return f != null ? FlowChecks.toForest(f, problem.tail(), problem.head(), problem.nodeCount()) : o.f.clone();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Phase one for problems with side constraints: the least total imbalance over the feasible set. */
    static final class PhaseOne {
        private PhaseOne() {
        }

        static boolean infeasible(MarketProblem p, double tol, double deadline) {
            MarketProblem.Builder b = MarketProblem.builder(p.name() + " (phase one)");
            for (int q = 0; q < p.peerCount(); q++) {
                b.peer(p.peerLabel(q));
            }
            double[] lo = p.lower(), hi = p.upper();
            int[] peer = p.nodePeer(), commodity = p.nodeCommodity();
            for (int k = 0; k < p.nodeCount(); k++) {
                b.node(peer[k], commodity[k], 0, 0, 0, lo[k], hi[k]);
            }
            int[] tail = p.tail(), head = p.head();
            for (int t = 0; t < p.arcCount(); t++) {
                b.arc(tail[t], head[t], 0, 0);
            }
            for (int s = 0; s < p.sideConstraintCount(); s++) {
                b.sideConstraint(p.sideNodes(s), p.sideCoefficients(s), p.sideRhs(s));
            }
            int[] hub = new int[2];
            for (int c = 0; c < 2; c++) {
                int hp = b.peer("elastic hub " + c);
                hub[c] = b.node(hp, c, 0, 0, 0, 0, 0);
            }
            for (int k = 0; k < p.nodeCount(); k++) {
                b.arc(hub[commodity[k]], k, 0.5, 0.5);
                b.arc(k, hub[commodity[k]], 0.5, 0.5);
            }
            MarketProblem phaseOne = b.build();
            InteriorPoint.Outcome o = new InteriorPoint(phaseOne).solve(Math.max(tol, 1e-9), DEFAULT_MAX_IPM_ITERATIONS, deadline, null);
            if (!o.converged) {
                return false;
            }
            double elastic = phaseOne.objective(o.x, o.f);
            return elastic > 1e-6 * p.injectionScale();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
