package org.gridbazaar.solver.ojalgo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.support.BlockKkt;
import org.gridbazaar.solver.support.BlockPriceRecovery;
import org.gridbazaar.solver.support.DualityGap;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;
import org.ojalgo.structure.Access1D;

/**
 * A {@link MarketProblem} with peer blocks (a market over time: storage, ramps, energy windows) as
 * one dense convex QP for ojAlgo's active-set {@link ConvexSolver}: the cross-check of the default
 * solver's block path on small markets over time.
 *
 * <p>Variables {@code v = (x, f, z)}: node injections (kW), arc flows (kW) and the private
 * variables (device power, storage charge and discharge in kW, stored energy in kWh). ojAlgo
 * minimises {@code 0.5 v'Qv - C'v} with {@code Q = diag(a, 0, alpha)} and {@code C = -(b, w,
 * beta)}. Equalities: balance {@code x - N f = 0} (one per node, first), then the equality rows;
 * inequalities: {@code -f <= 0}, every finite bound (a fixed variable, {@code lo == hi}, as two
 * inequalities: as equalities, a peer whose variables are all fixed, such as an electric vehicle
 * away, makes its own equality rows linearly dependent, which ojAlgo answers with {@code FAILED}),
 * then the {@code <=} rows. ojAlgo's Lagrangian is {@code f(v) + mu'(A v - b)}, so node prices are
 * {@code y_k = -mu_k} of the balance rows and a row's multiplier is {@code lambda_r = mu_r} in the
 * package convention ({@link BlockKkt}).
 *
 * <p><b>Proximal iterations.</b> Given this problem directly, with its many flat directions (flows,
 * charge, discharge, energy), ojAlgo 55's active-set method often stops at a feasible point far
 * from optimal and calls it {@code OPTIMAL} (on {@code RandomHorizons} markets of 3 to 8 peers,
 * objectives 2 to 60 times off in 9 of 60). So the problem is solved by proximal-point iterations
 * ({@link #RHO}), each a QP that is strictly convex in every variable, started at the previous
 * point; their fixed point is the problem's solution.
 *
 * <p><b>Acceptance.</b> ojAlgo's {@code OPTIMAL} is reported {@link Status#OPTIMAL} only when the
 * point and its multipliers meet the KKT conditions of the original problem ({@link BlockKkt}) to
 * {@code max(tolerance, }{@link #ACCURACY}{@code )} relative and their duality gap ({@link
 * DualityGap}) is at most {@link #GAP_ACCEPT} of the objective's scale; the proximal iterations go
 * on until both hold or the point stops moving. When ojAlgo's multipliers miss them (it sometimes
 * returns stale ones, see {@link OjAlgoSolver}), prices and multipliers are recovered from the KKT
 * conditions at the point ({@link BlockPriceRecovery}) and kept when they meet them better. A point
 * that still misses is {@link Status#NUMERICAL_ERROR}, with the residuals and where the worst is;
 * the message says which prices the solution carries.
 */
final class PeerBlockQp {

    private final MarketProblem p;
    private final int n, m, nz, nv, neq, nin;
    private final int[] sideRow;
    private final R064Store q, qProximal, c, aeq, beq, ain, bin;
    private final boolean[] flat;

    private PeerBlockQp(MarketProblem p) {
        this.p = p;
        n = p.nodeCount();
        m = p.arcCount();
        nz = p.variableCount();
        nv = n + m + nz;
        int sides = p.sideConstraintCount();
        double[] lo = p.lower(), hi = p.upper(), vlo = p.variableLower(), vhi = p.variableUpper();
        int eqRows = n, inRows = m;
        for (int k = 0; k < n; k++) {
            inRows += finiteCount(lo[k], hi[k]);
        }
        for (int v = 0; v < nz; v++) {
            inRows += finiteCount(vlo[v], vhi[v]);
        }
        for (int r = 0; r < sides; r++) {
            if (p.sideIsEquality(r)) {
                eqRows++;
            } else {
                inRows++;
            }
        }
        neq = eqRows;
        nin = inRows;
        q = R064Store.FACTORY.make(nv, nv);
        qProximal = R064Store.FACTORY.make(nv, nv);
        c = R064Store.FACTORY.make(nv, 1);
        aeq = R064Store.FACTORY.make(neq, nv);
        beq = R064Store.FACTORY.make(neq, 1);
        ain = R064Store.FACTORY.make(Math.max(nin, 1), nv);
        bin = R064Store.FACTORY.make(Math.max(nin, 1), 1);
        sideRow = new int[sides];
        double[] a = p.quadratic(), b = p.linear(), w = p.arcCost();
        double[] va = p.variableQuadratic(), vb = p.variableLinear();
        int[] tail = p.tail(), head = p.head();
        for (int k = 0; k < n; k++) {
            q.set(k, k, a[k]);
            c.set(k, 0, -b[k]);
            aeq.set(k, k, 1);
        }
        for (int t = 0; t < m; t++) {
            c.set(n + t, 0, -w[t]);
            aeq.add(tail[t], n + t, -1);
            aeq.add(head[t], n + t, 1);
            ain.set(t, n + t, -1);
        }
        for (int v = 0; v < nz; v++) {
            q.set(n + m + v, n + m + v, va[v]);
            c.set(n + m + v, 0, -vb[v]);
        }
        flat = new boolean[nv];
        for (int j = 0; j < nv; j++) {
            flat[j] = q.get(j, j) < RHO;
            qProximal.set(j, j, flat[j] ? q.get(j, j) + RHO : q.get(j, j));
        }
        int re = n, ri = m;
        for (int j = 0; j < n + nz; j++) {
            int col = j < n ? j : m + j;
            double l = j < n ? lo[j] : vlo[j - n], u = j < n ? hi[j] : vhi[j - n];
            if (Double.isFinite(u)) {
                ain.set(ri, col, 1);
                bin.set(ri++, 0, u);
            }
            if (Double.isFinite(l)) {
                ain.set(ri, col, -1);
                bin.set(ri++, 0, -l);
            }
        }
        for (int r = 0; r < sides; r++) {
            boolean eq = p.sideIsEquality(r);
            R064Store rows = eq ? aeq : ain;
            int row = eq ? re++ : ri++;
            sideRow[r] = eq ? row : neq + row;
            int[] nodes = p.sideNodes(r), vars = p.sideVariables(r);
            double[] g = p.sideCoefficients(r), e = p.sideVariableCoefficients(r);
            for (int i = 0; i < nodes.length; i++) {
                rows.add(row, nodes[i], g[i]);
            }
            for (int i = 0; i < vars.length; i++) {
                rows.add(row, n + m + vars[i], e[i]);
            }
            (eq ? beq : bin).set(row, 0, p.sideRhs(r));
        }
    }

    /** Solves {@code p}, which has peer blocks and no coupling constraints. */
    static ProblemSolution solve(
            MarketProblem p, SolverOptions options, long start, OjAlgoSolver.StopWatch watch) {
        PeerBlockQp qp = new PeerBlockQp(p);
        Answer first;
        try {
            first = qp.proximalPoint(options, watch);
        } catch (RuntimeException e) {
            watch.release();
            boolean stopped = watch.interruptedBy(e) || watch.stopped();
            String why =
                    stopped
                            ? "stopped on request inside ojAlgo, without a point"
                            : "ojAlgo failed: " + e + "; Maybe try the structured-ipm solver";
            return withoutPoint(
                    stopped ? Termination.Reason.INTERRUPTED : Termination.Reason.NUMERICAL_ERROR,
                    0,
                    start,
                    why);
        }
        double tol = Math.max(options.tolerance(), ACCURACY);
        boolean limited = watch.stopped() || watch.pastDeadline();
        Answer answer = first;
        if (first.optimal() && !first.meets(tol) && !limited) {
            answer = qp.recovered(first, options);
        }
        return qp.report(answer, first.iterations, tol, limited, options, watch, start);
    }

    /** One run of ojAlgo: its state and point, the prices and row multipliers read from it. */
    private record Answer(
            Optimisation.State state,
            double[] v,
            double[] y,
            double[] lambda,
            boolean multipliers,
            BlockKkt kkt,
            DualityGap gap,
            int iterations,
            String prices) {

        boolean optimal() {
            return state.isOptimal();
        }

        /** Meets the KKT conditions to {@code tol} and the duality gap to {@link #GAP_ACCEPT}. */
        boolean meets(double tol) {
            return kkt != null && accepts(kkt, gap, tol);
        }

        double worse() {
            return kkt == null
                    ? Double.POSITIVE_INFINITY
                    : Math.max(Math.max(kkt.primal(), kkt.dual()), gap.relative());
        }

        Answer withIterations(int total) {
            return new Answer(state, v, y, lambda, multipliers, kkt, gap, total, prices);
        }
    }

    /**
     * Proximal-point iterations: each solves the problem with {@code (rho/2)|v_j - c_j|^2} added on
     * every variable whose own curvature is below {@code rho} (flows, charge, discharge, energy,
     * linear-cost injections), centred at the previous point {@code c} (the first at 0) and started
     * there; a strictly convex QP on those variables, which ojAlgo's active-set method solves
     * reliably where the original, with its flat directions, can stop at a feasible point that is
     * not optimal. A fixed point is a solution of the original problem (the proximal term's
     * gradient vanishes there), and the last iteration's multipliers are then the original's.
     */
    private Answer proximalPoint(SolverOptions options, OjAlgoSolver.StopWatch watch) {
        double tolerance = Math.max(options.tolerance(), OjAlgoSolver.ACCURACY);
        double scale = BlockKkt.primalScale(p);
        double[] center = null;
        Answer last = null;
        int iterations = 0;
        for (int k = 0; k < MAX_PROXIMAL_STEPS; k++) {
            R064Store cp = R064Store.FACTORY.make(nv, 1);
            for (int j = 0; j < nv; j++) {
                cp.set(j, 0, c.get(j, 0) + (center != null && flat[j] ? RHO * center[j] : 0));
            }
            Answer a =
                    run(
                            options,
                            watch,
                            center == null
                                    ? null
                                    : Optimisation.Result.of(
                                            Optimisation.State.APPROXIMATE, center),
                            qProximal,
                            cp);
            iterations += a.iterations();
            if (a.v() == null || watch.stopped() || watch.pastDeadline()) {
                return a.withIterations(iterations);
            }
            double move = 0;
            for (int j = 0; j < nv && center != null; j++) {
                move = Math.max(move, Math.abs(a.v()[j] - center[j]));
            }
            last = a;
            // the first iteration is centred at 0, not at a point of the problem: never final
            if (center != null && (a.optimal() && a.meets(tolerance) || move <= 1e-12 * scale)) {
                break;
            }
            center = a.v();
        }
        return last.withIterations(iterations);
    }

    /** The most proximal-point iterations; measured: 2 or 3 on small markets over time. */
    private static final int MAX_PROXIMAL_STEPS = 100;

    /**
     * The proximal weight {@code rho}, $/kW^2 (per squared unit of a private variable): small
     * against the peers' own curvatures (0.01 to 0.2 $/kW^2 in the test markets), so that a step
     * moves far, and large enough to make every flat direction strictly convex for ojAlgo.
     */
    static final double RHO = 1e-4;

    /**
     * The relative accuracy, on the price scale, to which ojAlgo's points and multipliers on
     * markets over time meet the KKT conditions: about 1e-7 to 2e-6 when its proximal iterations
     * stop moving (measured on {@code RandomHorizons} seeds 1 to 60, 3 to 8 peers, up to 5
     * periods), against 1e-7 on single periods; a point is accepted as optimal at {@code
     * max(tolerance, ACCURACY)}.
     */
    static final double ACCURACY = 1e-5;

    /**
     * The duality gap ({@link DualityGap}, relative to the objective's scale) up to which a point
     * and its multipliers are accepted as optimal, on top of the KKT conditions: one large bound (a
     * 100,000 kW grid connection) makes those loose enough to pass a point 1e-5 short of the
     * optimum, the gap does not. Ten times {@code structured-ipm}'s limit: ojAlgo's multipliers
     * meet the KKT conditions to about 1e-7 of the price scale, and the gap weighs a reduced cost's
     * error by its arc's room, so its answers measured up to 9.9e-8 at objectives within 1e-9 of
     * {@code structured-ipm}'s (test markets and campaign seeds 1001 to 1150, 2026-12-07).
     */
    static final double GAP_ACCEPT = 1e-6;

    /**
     * Whether a point with these KKT residuals and this duality gap is accepted as optimal: the
     * residuals within {@code tol}, the gap within {@link #GAP_ACCEPT}.
     */
    static boolean accepts(BlockKkt kkt, DualityGap gap, double tol) {
        return kkt.primal() <= tol && kkt.dual() <= tol && gap.relative() <= GAP_ACCEPT;
    }

    private Answer run(
            SolverOptions options,
            OjAlgoSolver.StopWatch watch,
            Optimisation.Result kick,
            R064Store objective,
            R064Store linear) {
        Optimisation.Options opt = new Optimisation.Options();
        opt.iterations_abort = options.maxIterations();
        if (Double.isFinite(options.timeLimitSeconds())) {
            opt.time_abort = Math.max(1L, (long) Math.ceil(options.timeLimitSeconds() * 1000));
        }
        ConvexSolver.Configuration defaults = new ConvexSolver.Configuration();
        opt.convex()
                .iterative(OjAlgoSolver.iterativeAccuracy(options.tolerance()))
                .solverSPD(s -> watch.watch(defaults.newSolverSPD(s)))
                .solverGeneral(s -> watch.watch(defaults.newSolverGeneral(s)));
        ConvexSolver.Builder builder =
                ConvexSolver.newBuilder(nv).objective(objective, linear).equalities(aeq, beq);
        if (nin > 0) {
            builder.inequalities(ain, bin);
        }
        ConvexSolver solver = builder.build(opt);
        Optimisation.Result result = watch.run(solver, kick);
        int iterations = OjAlgoSolver.iterations(solver);
        Optimisation.State state = result.getState();
        boolean hasPoint =
                state.isOptimal()
                        || state == Optimisation.State.FEASIBLE
                        || state == Optimisation.State.APPROXIMATE;
        if (!hasPoint) {
            return new Answer(state, null, null, null, false, null, null, iterations, "none");
        }
        double[] v = new double[nv];
        for (int j = 0; j < nv; j++) {
            v[j] = result.doubleValue(j);
        }
        double[] y = new double[n], lambda = new double[sideRow.length];
        Optional<Access1D<?>> mu = result.getMultipliers();
        boolean multipliers = mu.isPresent() && mu.get().count() >= neq + nin;
        if (multipliers) {
            for (int k = 0; k < n; k++) {
                y[k] = -mu.get().doubleValue(k);
            }
            for (int r = 0; r < sideRow.length; r++) {
                lambda[r] = mu.get().doubleValue(sideRow[r]);
            }
        } else {
            double[] a = p.quadratic(), b = p.linear();
            for (int k = 0; k < n; k++) {
                y[k] = a[k] * v[k] + b[k];
            }
        }
        BlockKkt kkt = BlockKkt.measure(p, x(v), f(v), z(v), y, lambda, activity(options));
        DualityGap gap = DualityGap.measure(p, x(v), f(v), z(v), y, lambda, null);
        return new Answer(
                state, v, y, lambda, multipliers, kkt, gap, iterations, "ojAlgo's multipliers");
    }

    /**
     * {@code answer} with prices and multipliers recovered from the KKT conditions at its point
     * ({@link BlockPriceRecovery}) when they meet the conditions better than ojAlgo's.
     */
    private Answer recovered(Answer answer, SolverOptions options) {
        double activity = activity(options);
        double[][] u =
                BlockPriceRecovery.recover(
                        p,
                        x(answer.v()),
                        f(answer.v()),
                        z(answer.v()),
                        answer.y(),
                        answer.lambda(),
                        activity * BlockKkt.primalScale(p));
        if (u == null) {
            return answer;
        }
        BlockKkt kkt =
                BlockKkt.measure(
                        p, x(answer.v()), f(answer.v()), z(answer.v()), u[0], u[1], activity);
        DualityGap gap =
                DualityGap.measure(
                        p, x(answer.v()), f(answer.v()), z(answer.v()), u[0], u[1], null);
        Answer better =
                new Answer(
                        answer.state(),
                        answer.v(),
                        u[0],
                        u[1],
                        true,
                        kkt,
                        gap,
                        answer.iterations(),
                        "prices recovered from the KKT conditions at the point");
        return better.worse() < answer.worse() ? better : answer;
    }

    private static double activity(SolverOptions options) {
        return Math.max(OjAlgoSolver.ACCEPT_ACTIVITY, 100 * options.tolerance());
    }

    private ProblemSolution report(
            Answer answer,
            int firstIterations,
            double tol,
            boolean limited,
            SolverOptions options,
            OjAlgoSolver.StopWatch watch,
            long start) {
        Optimisation.State state = answer.state();
        Termination.Reason limitReason =
                watch.stopped()
                        ? Termination.Reason.INTERRUPTED
                        : watch.pastDeadline()
                                ? Termination.Reason.TIME_LIMIT
                                : Termination.Reason.ITERATION_LIMIT;
        if (state == Optimisation.State.INFEASIBLE && !limited) {
            return ProblemSolution.without(
                    Status.INFEASIBLE,
                    OjAlgoSolver.NAME,
                    firstIterations,
                    seconds(start),
                    "ojAlgo: no point meets the bounds, rows and trading pairs together");
        }
        if (answer.v() == null) {
            boolean numerical = !limited;
            return withoutPoint(
                    numerical ? Termination.Reason.NUMERICAL_ERROR : limitReason,
                    firstIterations,
                    start,
                    "ojAlgo ended in state "
                            + state
                            + (numerical ? "; Maybe use the structured-ipm solver" : ""));
        }
        BlockKkt kkt = answer.kkt();
        DualityGap gap = answer.gap();
        String message =
                String.format(
                        Locale.ROOT,
                        "ojAlgo state %s; prices: %s; relative KKT residuals %.3g primal, %.3g dual;"
                                + " duality gap %.3g $ (%.3g of the objective's scale %.3g $)",
                        state,
                        answer.prices(),
                        kkt.primal(),
                        kkt.dual(),
                        gap.gap(),
                        gap.relative(),
                        gap.scale());
        Status status;
        Termination.Reason reason;
        if (answer.optimal() && !limited && answer.meets(tol)) {
            status = Status.OPTIMAL;
            reason = Termination.Reason.OPTIMAL;
        } else if (!answer.optimal() || limited) {
            status = Status.ITERATION_LIMIT;
            reason = limitReason;
            message += "; stopped before optimality";
        } else {
            status = Status.NUMERICAL_ERROR;
            reason = Termination.Reason.NUMERICAL_ERROR;
            boolean kktMet = kkt.primal() <= tol && kkt.dual() <= tol;
            message +=
                    (answer.multipliers() ? "" : "; ojAlgo returned no multipliers")
                            + (kktMet
                                    ? String.format(
                                            Locale.ROOT,
                                            "; ojAlgo reported %s but the duality gap of its point"
                                                    + " and multipliers is above %.0e of the"
                                                    + " objective's scale, largest at %s; Maybe"
                                                    + " use the structured-ipm solver",
                                            state,
                                            GAP_ACCEPT,
                                            gap.largest())
                                    : String.format(
                                            Locale.ROOT,
                                            "; ojAlgo reported %s but its point and multipliers"
                                                    + " miss the optimality conditions at"
                                                    + " tolerance %.3g, worst at %s; Maybe use the"
                                                    + " structured-ipm solver",
                                            state,
                                            tol,
                                            kkt.worst()));
        }
        double primal = kkt.primalKw(), dual = kkt.dualPerKw();
        int iterations = Math.max(1, firstIterations);
        options.progress().iteration(iterations, primal, dual);
        ProblemSolution solution =
                ProblemSolution.of(
                                status,
                                x(answer.v()),
                                f(answer.v()),
                                answer.y(),
                                null,
                                OjAlgoSolver.NAME,
                                firstIterations,
                                seconds(start),
                                primal,
                                dual,
                                Double.NaN,
                                List.of(
                                        new ProblemSolution.IterationRecord(
                                                iterations, primal, dual, Double.NaN)),
                                message)
                        .withPrivateVariables(z(answer.v()))
                        .withSideDuals(answer.lambda());
        if (status == Status.OPTIMAL) {
            return solution;
        }
        return solution.withTermination(
                new Termination(
                        reason,
                        kkt.primal() <= tol
                                ? Termination.PointStatus.FEASIBLE
                                : Termination.PointStatus.INFEASIBLE,
                        kkt.dual() <= tol && gap.relative() <= GAP_ACCEPT
                                ? Termination.PointStatus.FEASIBLE
                                : Termination.PointStatus.INFEASIBLE,
                        message));
    }

    private double[] x(double[] v) {
        return java.util.Arrays.copyOfRange(v, 0, n);
    }

    private double[] f(double[] v) {
        return java.util.Arrays.copyOfRange(v, n, n + m);
    }

    private double[] z(double[] v) {
        return java.util.Arrays.copyOfRange(v, n + m, nv);
    }

    private static ProblemSolution withoutPoint(
            Termination.Reason reason, int iterations, long start, String why) {
        Status status =
                reason == Termination.Reason.NUMERICAL_ERROR
                        ? Status.NUMERICAL_ERROR
                        : Status.ITERATION_LIMIT;
        return ProblemSolution.without(status, OjAlgoSolver.NAME, iterations, seconds(start), why)
                .withTermination(Termination.withoutPoint(reason, why));
    }

    private static int finiteCount(double lo, double hi) {
        return (Double.isFinite(lo) ? 1 : 0) + (Double.isFinite(hi) ? 1 : 0);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }
}
