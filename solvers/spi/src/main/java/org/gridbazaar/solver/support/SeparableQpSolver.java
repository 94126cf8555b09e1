package org.gridbazaar.solver.support;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * A primal-dual interior-point method (Mehrotra predictor-corrector) for a {@link SeparableQp}: in
 * GridBazaar, the markets with peer blocks (storage, ramps, energy windows over a horizon) and the
 * local problem of one peer in a distributed solver.
 *
 * <p>Each iteration eliminates every variable through its diagonal (costs are separable, so the
 * Hessian is diagonal) and solves the row-space system {@code (A W^-1 A' + D) dpi = r}, one
 * equation per balance row and per peer row, by an {@link EnvelopeCholesky} in the standard
 * problem's row order, or, on large markets ({@link LinearAlgebra}), in the node space: trades
 * eliminated into a graph Laplacian, each peer block's own rows eliminated densely, conjugate
 * gradients preconditioned by a spanning forest of trades and blocks ({@link NodeSpaceSystem}),
 * with the conjugate gradients' tolerance following the primal residual. A run on the node space
 * moves to the envelope for its remaining iterations when the conjugate gradients stall or cost
 * more than an envelope factorization. {@code W} holds costs and bound barriers, {@code D} the
 * slack barriers of inequality rows and a regularization of {@code 1e-12} relative for equality
 * rows. Costs are scaled by the largest linear cost; every residual is tested relative to the
 * magnitude of the terms that make it up (one row's or one variable's own scale, with the row's
 * reach: the largest magnitude its bounded terms can take), so that a 0.001 kW peer beside a 1e7 kW
 * backstop is held to its own scale.
 *
 * <p>Steps are Mehrotra's, safeguarded: once the iterate is nearly feasible (relative primal and
 * dual residuals at most 1e-3 and below the gap), a step must decrease the complementarity by a
 * share of its length. When the corrected direction does not (on a nearly linear block with wide
 * bounds the barrier weights are tiny, the steps in {@code u} huge, and the second-order term
 * {@code du' Q du} outweighs the first-order decrease, so that Mehrotra's heuristic alone can cycle
 * for ever), the step is taken along a centred Newton direction instead, as long as it minimises
 * the complementarity along it. No step raises both variables of a zero-cost cycle of two (a trade
 * and its reverse, {@link ZeroCostCycles}), along which only the barrier acts.
 *
 * <p>Fixed variables ({@code l == h}, a fixed demand) are constants of the run. Variables are
 * started inside their bounds, away from them by a tenth of the range (at most 1 on a one-sided
 * bound); row prices from a least-squares fit of the stationarity there, and bound multipliers from
 * the fitted reduced costs, every complementarity product at least 0.1.
 */
public final class SeparableQpSolver {

    /** Why a run stopped. */
    public enum Stop {
        CONVERGED,
        ITERATION_LIMIT,
        TIME_LIMIT,
        INTERRUPTED,
        BREAKDOWN
    }

    /** How the row-space Newton systems are solved. */
    public enum LinearAlgebra {
        /**
         * {@link #NODE_SPACE} when it applies and the envelope factorization would cost more than
         * {@link #NODE_SPACE_FLOPS_PER_ENTRY} flops per nonzero of the problem, else {@link
         * #ENVELOPE}.
         */
        AUTO,
        /**
         * An {@link EnvelopeCholesky} of the row-space matrix in the problem's row order, with
         * iterative refinement.
         */
        ENVELOPE,
        /**
         * The node-space reduction ({@link NodeSpaceSystem}): arcs into a graph Laplacian, each
         * block's own rows eliminated densely, conjugate gradients with a spanning-forest
         * preconditioner on the nodes. The envelope instead when it does not apply; for the rest of
         * the run at once when the conjugate gradients stall, and from the next iteration on when
         * one solve's conjugate gradients cost more than one envelope factorization; but never when
         * the envelope would take more than {@value #ENVELOPE_HEAP_SHARE} of the free heap (the run
         * then stays in the node space, {@link Outcome#envelopeDeclined}).
         */
        NODE_SPACE
    }

    /**
     * Envelope flops per problem nonzero above which {@link LinearAlgebra#AUTO} takes the node
     * space: the conjugate gradients cost some hundreds of passes over the nonzeros per iteration.
     */
    public static final double NODE_SPACE_FLOPS_PER_ENTRY = 1000;

    /**
     * Iteration callback with the relative primal, dual and gap measures; returns {@code true} to
     * stop.
     */
    public interface Monitor {
        /** A monitor that never stops a run. */
        Monitor NONE = (k, p, d, g) -> false;

        boolean iteration(int k, double primal, double dual, double gap);
    }

    /**
     * What a run ends with: why it stopped, the point {@code u}, the row multipliers {@code pi} (by
     * row index; {@code >= 0} for {@code <=} rows, and the sign convention {@code q u + c + A' pi -
     * zl + zu = 0}), the lower-bound multipliers {@code zl}, and the relative residuals of that
     * point. Fields are read-only by convention.
     */
    public static final class Outcome {
        /** Why the run stopped. */
        public Stop stop;

        /** Words on how it stopped (a breakdown, a recovered iterate); may be empty. */
        public String detail = "";

        /** Iterations made. */
        public int iterations;

        /** The point and the row multipliers (by row index). */
        public double[] u, pi;

        /** Lower-bound multipliers of the variables ({@code 0} where there is no lower bound). */
        public double[] zl;

        /**
         * Largest relative primal residual, dual residual, and complementarity gap relative to the
         * objective.
         */
        public double primal, dual, gap;

        /** The residuals after each iteration. */
        public final List<ProblemSolution.IterationRecord> history = new ArrayList<>();

        /**
         * The linear algebra the run ended with ({@link LinearAlgebra#ENVELOPE} or {@link
         * LinearAlgebra#NODE_SPACE}).
         */
        public LinearAlgebra linearAlgebra;

        /**
         * Conjugate-gradient iterations and Newton-system solves of the run on the node space (0 on
         * the envelope).
         */
        public long cgIterations, systemSolves;

        /**
         * Iterations whose Newton systems were solved in the node space (the others on the
         * envelope).
         */
        public int nodeSpaceIterations;

        /**
         * Iterations whose step was safeguarded (Mehrotra's corrected step replaced by a centred
         * one, see the class documentation).
         */
        public int safeguardedSteps;

        /**
         * Linear solves after which the run stayed in the node space because the envelope would not
         * fit in the heap (its solves costly, or its conjugate gradients stalled).
         */
        public int envelopeDeclined;

        /**
         * Whether the run broke down and its last good iterate, within {@value #RECOVERY_SLACK}
         * times the tolerance, was taken as converged.
         */
        public boolean recovered;

        Outcome() {}
    }

    private static final double STEP_TO_BOUNDARY = 0.995;

    /**
     * Least scale of a row's residual: a row's scale is the largest of its right-hand side, its
     * terms at the current point and its reach (the largest magnitude its bounded terms can take),
     * and at least this (in the rows' units, kW in a market).
     */
    static final double QUANTITY_FLOOR = 1e-9;

    /** Least scale of a variable's stationarity residual, relative to the largest linear cost. */
    static final double PRICE_FLOOR = 1e-6;

    /** Per row position: the reach of its bounded terms, at least {@link #QUANTITY_FLOOR}. */
    private final double[] rowReach;

    private final SeparableQp sf;
    private final double costScale;
    private final double[] q, c;
    private final boolean[] fixed;

    /**
     * Per variable: the regularization of its diagonal weight {@code w}, {@code 1e-12} times the
     * square of its column's largest coefficient (at least 1), so that the column's terms in the
     * row-space matrix stay below about {@code 1e12} whatever the variable's units. With a fixed
     * {@code 1e-12}, a costless variable between its bounds (a storage energy scaled so that its
     * coefficients are 1112) added {@code 1.2e18} to two rows with opposite signs; their relative
     * regularization ({@link #ROW_REGULARIZATION}) then outweighed the rest of the matrix along the
     * direction the variable cancels in, and the primal residual stalled at 1.1e-8 (a window QP of
     * the bonus mechanism). Columns with coefficients of at most 1 (trades) keep {@code 1e-12}.
     */
    private final double[] primalRegularization;

    /** The envelope factorization, built when first needed. */
    private EnvelopeCholesky k;

    /** Per variable: its column's pairs (position in the envelope, coefficient product). */
    private int[] pairStart, pairIndex;

    private double[] pairCoef;

    /** The node-space system while the run uses it, else {@code null}. */
    private NodeSpaceSystem nodeSpace;

    private final LinearAlgebra algebra;

    /** Relative residual at which the node-space conjugate gradients stop. */
    static final double CG_TOLERANCE = 1e-10;

    /** Relative residual of the conjugate gradients at most (the first iterations). */
    static final double CG_LOOSEST = 1e-3;

    /**
     * The conjugate gradients' relative residual follows the run's: this many times the larger of
     * the relative primal and dual residuals, within {@link #CG_TOLERANCE} and {@link #CG_LOOSEST}
     * (an inexact Newton method: a direction's error becomes primal residual, which need not be
     * smaller than what is left to do; once the rows hold, the stationarity still is, and solving
     * to the primal residual alone spent hundreds of conjugate-gradient iterations per solve on
     * directions whose dual residual was 1e-2: at {@code 1000x20@24}, 18,864 conjugate-gradient
     * iterations against 11,803, 2026-12-07).
     */
    static final double CG_FORCING = 1e-2;

    /** The relative residual the next node-space solves stop at. */
    private double cgTolerance = CG_TOLERANCE;

    /**
     * Conjugate-gradient iterations allowed per solve before the run falls back to the envelope.
     */
    static final int CG_MAX_ITERATIONS = 2000;

    /**
     * A solver for {@code sf}; it keeps its factorization workspace, so one instance serves one
     * problem at a time.
     */
    public SeparableQpSolver(SeparableQp sf) {
        this(sf, LinearAlgebra.AUTO);
    }

    /** A solver for {@code sf} that solves its Newton systems as {@code algebra} says. */
    public SeparableQpSolver(SeparableQp sf, LinearAlgebra algebra) {
        this.sf = sf;
        double scale = sf.costScale();
        costScale = scale;
        rowReach = new double[sf.rows];
        java.util.Arrays.fill(rowReach, QUANTITY_FLOOR);
        for (int j = 0; j < sf.vars; j++) {
            double reach =
                    Math.max(
                            Double.isFinite(sf.lo[j]) ? Math.abs(sf.lo[j]) : 0,
                            Double.isFinite(sf.hi[j]) ? Math.abs(sf.hi[j]) : 0);
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                rowReach[sf.colRow[p]] =
                        Math.max(rowReach[sf.colRow[p]], Math.abs(sf.colVal[p]) * reach);
            }
        }
        q = new double[sf.vars];
        c = new double[sf.vars];
        fixed = new boolean[sf.vars];
        for (int j = 0; j < sf.vars; j++) {
            q[j] = sf.q[j] / scale;
            c[j] = sf.c[j] / scale;
            fixed[j] = sf.lo[j] == sf.hi[j];
        }
        runLo = sf.lo.clone();
        runHi = sf.hi.clone();
        relaxed = ForcingRows.relax(sf, fixed, runLo, runHi);
        primalRegularization = new double[sf.vars];
        for (int j = 0; j < sf.vars; j++) {
            double norm = 0;
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                norm = Math.max(norm, sf.colVal[p] * sf.colVal[p]);
            }
            primalRegularization[j] = 1e-12 * Math.max(1, norm);
        }
        this.algebra = java.util.Objects.requireNonNull(algebra, "algebra");
        this.cycles = ZeroCostCycles.of(sf, fixed);
    }

    /**
     * The bounds of the run: the problem's, except those that forcing rows hold ({@link
     * ForcingRows}), moved outwards by a hair.
     */
    private final double[] runLo, runHi;

    /** The variables whose bounds the run moved, increasing. */
    private final int[] relaxed;

    /**
     * The zero-cost cycles of the problem's variables, kept from growing ({@link ZeroCostCycles}).
     */
    private final ZeroCostCycles cycles;

    /** The node-space system for a run, or {@code null} for the envelope. */
    private NodeSpaceSystem chooseSystem() {
        if (algebra == LinearAlgebra.ENVELOPE) {
            return null;
        }
        if (algebra == LinearAlgebra.AUTO
                && sf.factorFlops()
                        <= NODE_SPACE_FLOPS_PER_ENTRY * Math.max(1, sf.colStart[sf.vars])) {
            return null;
        }
        return NodeSpaceSystem.of(sf, fixed);
    }

    private void ensureEnvelope() {
        if (k != null) {
            return;
        }
        k = new EnvelopeCholesky(sf.first);
        pairStart = new int[sf.vars + 1];
        for (int j = 0; j < sf.vars; j++) {
            int len = sf.colStart[j + 1] - sf.colStart[j];
            pairStart[j + 1] = pairStart[j] + (fixed[j] ? 0 : len * (len + 1) / 2);
        }
        pairIndex = new int[pairStart[sf.vars]];
        pairCoef = new double[pairStart[sf.vars]];
        for (int j = 0; j < sf.vars; j++) {
            if (fixed[j]) {
                continue;
            }
            int at = pairStart[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                for (int r = sf.colStart[j]; r <= p; r++) {
                    int i1 = Math.max(sf.colRow[p], sf.colRow[r]),
                            i2 = Math.min(sf.colRow[p], sf.colRow[r]);
                    pairIndex[at] = k.index(i1, i2);
                    pairCoef[at++] =
                            sf.colVal[p]
                                    * sf.colVal[r]
                                    * (sf.colRow[p] == sf.colRow[r] && p != r ? 2 : 1);
                }
            }
        }
    }

    /**
     * Sets the row-space matrix {@code A diag(wInv) A' + diag(rowD)}, {@code rowD} the slack terms
     * {@code slack} plus the regularization, and factors it (or prepares the node-space system).
     */
    private void factorSystem(double[] slack) {
        int m = sf.rows;
        if (switchToEnvelope && nodeSpace != null) {
            cgDone += nodeSpace.cgIterations();
            solvesDone += nodeSpace.solves();
            nodeSpace = null;
        }
        switchToEnvelope = false;
        if (nodeSpace != null) {
            double[] diag = new double[m];
            for (int j = 0; j < sf.vars; j++) {
                if (fixed[j]) {
                    continue;
                }
                for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                    diag[sf.colRow[p]] += sf.colVal[p] * sf.colVal[p] * wInv[j];
                }
            }
            for (int r = 0; r < m; r++) {
                rowD[r] = slack[r] + ROW_REGULARIZATION * Math.max(1, diag[r]);
            }
            nodeSpace.factor(wInv, rowD);
            return;
        }
        ensureEnvelope();
        k.clear();
        double[] kv = k.values;
        for (int j = 0; j < sf.vars; j++) {
            if (fixed[j]) {
                continue;
            }
            double inv = wInv[j];
            for (int p = pairStart[j]; p < pairStart[j + 1]; p++) {
                kv[pairIndex[p]] += pairCoef[p] * inv;
            }
        }
        for (int r = 0; r < m; r++) {
            rowD[r] = slack[r] + ROW_REGULARIZATION * Math.max(1, k.diagonal(r));
            k.addDiagonal(r, rowD[r]);
        }
        k.factor();
    }

    /**
     * {@code x = K^-1 rhs} for the matrix of the last {@link #factorSystem}. On the node space, a
     * solve whose conjugate gradients stall moves the run to the envelope for good.
     */
    private void solveSystem(double[] rhs, double[] x, double[] start) {
        if (nodeSpace != null) {
            boolean solved = nodeSpace.solve(rhs, x, start, cgTolerance, CG_MAX_ITERATIONS);
            if (solved
                    && nodeSpace.lastIterations() * nodeSpace.iterationWork() * CG_WORK_RATIO
                            <= sf.factorFlops()) {
                return;
            }
            if (!envelopeFits()) {
                // the envelope would not fit in the heap: the run stays in the node space, with
                // the conjugate gradients' best direction when they stalled (the residuals decide
                // whether the run converges)
                envelopeDeclined++;
                return;
            }
            if (solved) {
                // this direction stands; from the next one the envelope is cheaper
                switchToEnvelope = true;
                return;
            }
            cgDone += nodeSpace.cgIterations();
            solvesDone += nodeSpace.solves();
            nodeSpace = null;
            factorSystem(rowSlack);
        }
        System.arraycopy(rhs, 0, x, 0, sf.rows);
        k.solve(x);
        refine(rhs, x);
    }

    /** Iterations of the run so far on the node space. */
    private int nodeSpaceIterations;

    /** Times the run stayed in the node space because the envelope would not fit. */
    private int envelopeDeclined;

    /**
     * Bytes the envelope may take when the node space hands over to it; negative: {@value
     * #ENVELOPE_HEAP_SHARE} of the heap free at that moment.
     */
    private long envelopeBudget = -1;

    /**
     * Share of the free heap (the JVM's maximum less what is in use) the envelope may take when the
     * node space would hand over to it; beyond it the run stays in the node space.
     */
    static final double ENVELOPE_HEAP_SHARE = 0.8;

    /** What the envelope factorization would take, bytes, once counted; -1 before. */
    private double envelopeBytes = -1;

    /** This solver with an envelope budget of {@code bytes} instead of the heap's share. */
    SeparableQpSolver withEnvelopeBudget(long bytes) {
        this.envelopeBudget = bytes;
        return this;
    }

    /**
     * Whether the envelope factorization (its doubles, and an index and a coefficient per pair of
     * entries of each column) fits in the budget.
     */
    private boolean envelopeFits() {
        if (k != null) {
            return true;
        }
        if (envelopeBytes < 0) {
            double bytes = 8.0 * sf.envelopeSize();
            for (int j = 0; j < sf.vars; j++) {
                int len = sf.colStart[j + 1] - sf.colStart[j];
                bytes += 12.0 * len * (len + 1) / 2;
            }
            envelopeBytes = bytes;
        }
        double bytes = envelopeBytes;
        double budget = envelopeBudget;
        if (budget < 0) {
            Runtime rt = Runtime.getRuntime();
            budget = ENVELOPE_HEAP_SHARE * (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        }
        return bytes <= budget;
    }

    /** Whether the next factorization moves the run to the envelope. */
    private boolean switchToEnvelope;

    /**
     * How many envelope flops one unit of {@link NodeSpaceSystem#iterationWork()} costs in time:
     * the conjugate gradients run at memory speed, the envelope's dot products near the
     * processor's. A solve whose conjugate gradients cost more than one envelope factorization
     * moves the rest of the run to the envelope.
     */
    static final double CG_WORK_RATIO = 4;

    /** The slack terms of the last factorization, kept for a fall-back to the envelope. */
    private double[] rowSlack;

    /**
     * Conjugate-gradient iterations and solves of node-space systems already given up in this run.
     */
    private long cgDone, solvesDone;

    /**
     * Runs until the relative primal and dual residuals and the gap are all at most {@code tol}, or
     * {@code maxIter} iterations, or {@code deadlineNanos} on {@link System#nanoTime()}'s clock, or
     * the monitor asks to stop.
     */
    public Outcome solve(double tol, int maxIter, double deadlineNanos, Monitor monitor) {
        Outcome kept = null, previous = null;
        Start previousStart = null;
        for (int k = firstStart.ordinal(); k < Start.values().length; k++) {
            Start start = Start.values()[k];
            Outcome o = run(tol, maxIter, deadlineNanos, monitor, start);
            if (o.stop == Stop.INTERRUPTED || o.stop == Stop.TIME_LIMIT) {
                return o;
            }
            if (o.stop == Stop.CONVERGED && !o.recovered) {
                if (previous != null && o.detail.isEmpty()) {
                    o.detail =
                            "converged from the "
                                    + start.label
                                    + " starting point after the "
                                    + previousStart.label
                                    + " one "
                                    + (previous.stop == Stop.CONVERGED
                                            ? "stopped short of the tolerance"
                                            : previous.stop == Stop.BREAKDOWN
                                                    ? "broke down"
                                                    : "stopped at its iteration limit");
                }
                return o;
            }
            previous = o;
            previousStart = start;
            // the next start may do better (the plain start: on nearly linear blocks whose fitted
            // prices mislead; the least-squares start: on badly scaled problems, a fixed 1e6 kW
            // demand beside 0.001 kW peers, where steps are cut short by every small bound while
            // the trades crawl towards the demand); keep the best answer so far
            if (kept == null
                    || kept.u == null
                    || o.u != null && o.stop == Stop.CONVERGED && kept.stop != Stop.CONVERGED) {
                kept = o;
            }
        }
        return kept;
    }

    /**
     * Where a run starts; {@link #solve} tries them in this order from {@link #firstStart} until
     * one converges.
     */
    enum Start {
        /** {@link #priceStart}: the plain point with prices fitted to it. */
        PRICES("price"),
        /**
         * Inside every bound by a tenth of its range (at most 1 on a one-sided bound), prices 0 and
         * every complementarity product 1.
         */
        PLAIN("plain"),
        /**
         * {@link #leastSquaresStart}: the least change of the plain point that satisfies the rows.
         */
        LEAST_SQUARES("least-squares");

        final String label;

        Start(String label) {
            this.label = label;
        }
    }

    /** Variables {@code [0, settled)} are decided to {@link #settledDecision}. */
    private int settled;

    private double settledDecision;

    /**
     * This solver with the bounds of variables {@code [0, count)} decided to {@code decision} of
     * their scales (slack against the variable's magnitude, multiplier against its price terms)
     * instead of to the run's tolerance: for variables whose values the caller settles afterwards
     * from the rest of the answer and checks independently. The block path re-routes its trades
     * over the arcs the run marks tight (a crossover) and accepts the result only through a
     * certificate of the KKT conditions; without this, the last iterations of a degenerate market
     * only halve a few trades' flows of 1e-6 of their rows' scale, between prices that already meet
     * the tolerance. A {@code decision} at or below the tolerance changes nothing; the residuals
     * and every other bound are held to the tolerance as before.
     *
     * @param count how many variables, from the first
     * @param decision relative threshold, for example 1e-7
     */
    public SeparableQpSolver decidingFirstTo(int count, double decision) {
        if (count < 0 || count > sf.vars || !(decision > 0) || !Double.isFinite(decision)) {
            throw new IllegalArgumentException(
                    "decidingFirstTo needs 0 <= count <= "
                            + sf.vars
                            + " and a positive finite decision, got "
                            + count
                            + " and "
                            + decision);
        }
        this.settled = count;
        this.settledDecision = decision;
        return this;
    }

    /**
     * The optimum of {@code problem} found from the active set of a previous point (a warm start,
     * see {@link ActiveSetQp}), without the set-up of an interior-point run: {@code previous.u} by
     * variable and {@code previous.pi} by row index in cost units, as an {@link Outcome} gives
     * them, typically the outcome of the same problem with slightly different costs. Returns an
     * outcome that meets {@code tol} ({@link Stop#CONVERGED}, no interior-point iterations), or
     * {@code null} when that active set does not lead to one within a few factorizations; then
     * {@link #solve}.
     *
     * @throws IllegalArgumentException when {@code previous} has no point or multipliers of this
     *     problem's sizes, or {@code tol} is not in (0, 1)
     */
    public static Outcome solveFrom(SeparableQp problem, Outcome previous, double tol) {
        if (!(tol > 0 && tol < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tol);
        }
        if (previous == null || previous.u == null || previous.pi == null) {
            throw new IllegalArgumentException(
                    "a warm start needs a previous point and multipliers");
        }
        return ActiveSetQp.solve(
                java.util.Objects.requireNonNull(problem, "problem"), tol, previous.u, previous.pi);
    }

    /** The first start {@link #solve} tries. */
    private Start firstStart = Start.PRICES;

    /** This solver, starting from {@code start} (and falling back to the later ones). */
    SeparableQpSolver startingFrom(Start start) {
        this.firstStart = start;
        return this;
    }

    private Outcome run(
            double tol, int maxIter, double deadlineNanos, Monitor monitor, Start start) {
        boolean leastSquares = start == Start.LEAST_SQUARES;
        int nv = sf.vars, m = sf.rows;
        rowD = new double[m];
        rowSlack = new double[m];
        nodeSpace = chooseSystem();
        switchToEnvelope = false;
        nodeSpaceIterations = 0;
        envelopeDeclined = 0;
        cgDone = 0;
        solvesDone = 0;
        wInv = new double[nv];
        refineRows = new double[m];
        refineVars = new double[nv]; // entries of fixed variables are never written and stay 0
        double[] lo = runLo, hi = runHi;
        double[] u = new double[nv],
                zl = new double[nv],
                zu = new double[nv],
                sl = new double[nv],
                sh = new double[nv];
        boolean[] hasLo = new boolean[nv], hasHi = new boolean[nv];
        for (int j = 0; j < nv; j++) {
            hasLo[j] = !fixed[j] && Double.isFinite(lo[j]);
            hasHi[j] = !fixed[j] && Double.isFinite(hi[j]);
            if (fixed[j]) {
                u[j] = lo[j];
            } else if (hasLo[j] && hasHi[j]) {
                u[j] = Math.min(Math.max(0, lo[j]), hi[j]);
            } else if (hasLo[j]) {
                u[j] = Math.max(0, lo[j]);
            } else if (hasHi[j]) {
                u[j] = Math.min(0, hi[j]);
            }
        }
        double[] pi = new double[m], s = new double[m];
        if (leastSquares) {
            leastSquaresStart(u, s);
        } else {
            double[] au0 = sf.multiply(u);
            for (int r = 0; r < m; r++) {
                s[r] = sf.inequality[r] ? Math.max(sf.b[r] - au0[r], 1) : 0;
            }
        }
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                continue;
            }
            if (!leastSquares) {
                // the plain start: a tenth of the range inside two bounds (at most 1 on a one-sided
                // one)
                if (hasLo[j] && hasHi[j]) {
                    double margin =
                            0.5 * Math.min(hi[j] - lo[j], Math.max(1, 0.1 * (hi[j] - lo[j])));
                    u[j] = Math.min(Math.max(0, lo[j] + margin), hi[j] - margin);
                } else if (hasLo[j]) {
                    u[j] = Math.max(0, lo[j] + 1);
                } else if (hasHi[j]) {
                    u[j] = Math.min(0, hi[j] - 1);
                }
            }
            // inside the bounds by a share of the range, or of the point's own size on a one-sided
            // bound
            if (hasLo[j] && hasHi[j]) {
                double margin = START_MARGIN * (hi[j] - lo[j]);
                u[j] = Math.min(Math.max(u[j], lo[j] + margin), hi[j] - margin);
            } else if (hasLo[j]) {
                u[j] = Math.max(u[j], lo[j] + START_MARGIN * Math.max(1, Math.abs(u[j] - lo[j])));
            } else if (hasHi[j]) {
                u[j] = Math.min(u[j], hi[j] - START_MARGIN * Math.max(1, Math.abs(hi[j] - u[j])));
            }
            if (hasLo[j]) {
                sl[j] = u[j] - lo[j];
                zl[j] = 1 / sl[j];
            }
            if (hasHi[j]) {
                sh[j] = hi[j] - u[j];
                zu[j] = 1 / sh[j];
            }
        }
        for (int r = 0; r < m; r++) {
            if (sf.inequality[r]) {
                s[r] = Math.max(s[r], START_MARGIN * Math.max(1, Math.abs(s[r])));
                pi[r] = 1 / s[r];
            }
        }
        if (start == Start.PRICES) {
            priceStart(u, s, sl, sh, zl, zu, pi, hasLo, hasHi);
        }
        int ineqCount = 0;
        for (int r = 0; r < m; r++) {
            if (sf.inequality[r]) {
                ineqCount++;
            }
        }
        int barrierCount = ineqCount;
        for (int j = 0; j < nv; j++) {
            barrierCount += (hasLo[j] ? 1 : 0) + (hasHi[j] ? 1 : 0);
        }
        // scales of each row's and each variable's residual: the magnitude of its terms
        double[] rowScale = new double[m], varScale = new double[nv];
        double[] rd = new double[nv], rp = new double[m];
        double[] w = new double[nv],
                g = new double[nv],
                rhs = new double[m],
                dpi = new double[m],
                du = new double[nv];
        double[] dzl = new double[nv], dzu = new double[nv], ds = new double[m];

        double[] dzlA = new double[nv],
                dzuA = new double[nv],
                dsA = new double[m],
                duA = new double[nv],
                dpiA = new double[m];
        Outcome out = new Outcome();
        for (int iter = 0; ; iter++) {
            // residuals
            double[] au = sf.multiply(u);
            double[] atpi = sf.transposeMultiply(pi);
            System.arraycopy(rowReach, 0, rowScale, 0, m);
            for (int j = 0; j < nv; j++) {
                for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                    rowScale[sf.colRow[p]] =
                            Math.max(rowScale[sf.colRow[p]], Math.abs(sf.colVal[p] * u[j]));
                }
            }
            double primal = 0;
            for (int r = 0; r < m; r++) {
                rp[r] = au[r] + s[r] - sf.b[r];
                rowScale[r] = Math.max(rowScale[r], Math.abs(sf.b[r]));
                primal = Math.max(primal, Math.abs(rp[r]) / rowScale[r]);
            }
            double dual = 0;
            for (int j = 0; j < nv; j++) {
                rd[j] = fixed[j] ? 0 : q[j] * u[j] + c[j] + atpi[j] - zl[j] + zu[j];
                varScale[j] =
                        Math.max(
                                PRICE_FLOOR,
                                Math.max(
                                        Math.max(Math.abs(q[j] * u[j]), Math.abs(c[j])),
                                        Math.max(Math.abs(atpi[j]), Math.max(zl[j], zu[j]))));
                dual = Math.max(dual, Math.abs(rd[j]) / varScale[j]);
            }
            double comp = 0;
            for (int j = 0; j < nv; j++) {
                if (hasLo[j]) {
                    comp += sl[j] * zl[j];
                }
                if (hasHi[j]) {
                    comp += sh[j] * zu[j];
                }
            }
            for (int r = 0; r < m; r++) {
                if (sf.inequality[r]) {
                    comp += s[r] * pi[r];
                }
            }
            double mu = barrierCount == 0 ? 0 : comp / barrierCount;
            double objective = 0;
            for (int j = 0; j < nv; j++) {
                objective += (0.5 * q[j] * u[j] + c[j]) * u[j];
            }
            // every bound and inequality row decided on its own scales: the slack small against
            // the variable's (row's) magnitude, or the multiplier small against its price terms
            // (each term of its reduced cost, q u, c and every a_ij pi_i apart: a trade between
            // two equal prices has no net price term, yet its multiplier is decided against them)
            double undecided = 0;
            for (int j = 0; j < nv; j++) {
                if (hasLo[j] || hasHi[j]) {
                    double ps =
                            Math.max(
                                    hasLo[j] ? Math.abs(lo[j]) : 0, hasHi[j] ? Math.abs(hi[j]) : 0);
                    // bounds without a magnitude (a trade's 0 and no upper bound): measured
                    // against the smallest of its rows' scales, in the variable's units, as its
                    // rows measure their residuals (a flow of 1e-6 kW between two 300 kW balances
                    // is decided, not 1e-6 of a unit); never below 1
                    boolean noMagnitude = ps == 0 && sf.colStart[j + 1] > sf.colStart[j];
                    double rowsScale = Double.POSITIVE_INFINITY, vs = varScale[j];
                    for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                        int row = sf.colRow[p];
                        double a = sf.colVal[p];
                        if (noMagnitude) {
                            rowsScale = Math.min(rowsScale, rowScale[row] / Math.abs(a));
                        }
                        vs = Math.max(vs, Math.abs(a * pi[row]));
                    }
                    ps = Math.max(1, noMagnitude ? rowsScale : ps);
                    // variables the caller settles afterwards count as decided at their own
                    // threshold, which this factor maps onto the tolerance
                    double weight = j < settled ? tol / Math.max(tol, settledDecision) : 1;
                    if (hasLo[j]) {
                        undecided = Math.max(undecided, weight * Math.min(sl[j] / ps, zl[j] / vs));
                    }
                    if (hasHi[j]) {
                        undecided = Math.max(undecided, weight * Math.min(sh[j] / ps, zu[j] / vs));
                    }
                }
            }
            for (int r = 0; r < m; r++) {
                if (sf.inequality[r]) {
                    undecided =
                            Math.max(
                                    undecided,
                                    Math.min(
                                            s[r] / rowScale[r], pi[r] / (1 + Math.abs(pi[r]) + 1)));
                }
            }
            double gap = Math.max(comp / (1 + Math.abs(objective)), undecided);
            out.history.add(new ProblemSolution.IterationRecord(iter, primal, dual, gap));
            boolean finite = Double.isFinite(primal + dual + gap);
            if (!finite) {
                return recover(
                        out, iter, tol, "residuals stopped being finite at iteration " + iter);
            }
            boolean converged = primal <= tol && dual <= tol && gap <= tol;
            cgTolerance =
                    Math.min(
                            CG_LOOSEST,
                            Math.max(CG_TOLERANCE, CG_FORCING * Math.max(primal, dual)));
            boolean stopped =
                    !converged && iter < maxIter && monitor.iteration(iter, primal, dual, gap);
            out.iterations = iter;
            out.primal = primal;
            out.dual = dual;
            out.gap = gap;
            out.u = u.clone();
            for (int j : relaxed) {
                out.u[j] = Math.min(Math.max(u[j], sf.lo[j]), sf.hi[j]);
            }
            out.pi = scaled(pi);
            out.zl = scaledVars(zl);
            if (converged || iter >= maxIter || System.nanoTime() > deadlineNanos || stopped) {
                out.linearAlgebra =
                        nodeSpace != null ? LinearAlgebra.NODE_SPACE : LinearAlgebra.ENVELOPE;
                out.nodeSpaceIterations = nodeSpaceIterations;
                out.envelopeDeclined = envelopeDeclined;
                out.cgIterations = cgDone + (nodeSpace != null ? nodeSpace.cgIterations() : 0);
                out.systemSolves = solvesDone + (nodeSpace != null ? nodeSpace.solves() : 0);
                out.stop =
                        converged
                                ? Stop.CONVERGED
                                : iter >= maxIter
                                        ? Stop.ITERATION_LIMIT
                                        : stopped ? Stop.INTERRUPTED : Stop.TIME_LIMIT;
                return out;
            }
            // W, and the row-space matrix
            for (int j = 0; j < nv; j++) {
                if (fixed[j]) {
                    continue;
                }
                double wj = q[j] + primalRegularization[j];
                if (hasLo[j]) {
                    wj += zl[j] / sl[j];
                }
                if (hasHi[j]) {
                    wj += zu[j] / sh[j];
                }
                w[j] = wj;
                wInv[j] = 1 / wj;
            }
            for (int r = 0; r < m; r++) {
                rowSlack[r] = sf.inequality[r] ? Math.min(s[r] / pi[r], 1e300) : 0;
            }
            if (nodeSpace != null && !switchToEnvelope) {
                nodeSpaceIterations++;
            }
            factorSystem(rowSlack);
            // predictor
            direction(
                    sl, sh, zl, zu, s, pi, hasLo, hasHi, rd, rp, w, g, rhs, 0, null, null, null,
                    null, null, duA, dpiA, dzlA, dzuA, dsA);
            double alphaA =
                    stepLength(
                            sl, sh, zl, zu, s, pi, hasLo, hasHi, duA, dzlA, dzuA, dsA, dpiA, 1.0);
            double compA = 0;
            for (int j = 0; j < nv; j++) {
                if (hasLo[j]) {
                    compA += (sl[j] + alphaA * duA[j]) * (zl[j] + alphaA * dzlA[j]);
                }
                if (hasHi[j]) {
                    compA += (sh[j] - alphaA * duA[j]) * (zu[j] + alphaA * dzuA[j]);
                }
            }
            for (int r = 0; r < m; r++) {
                if (sf.inequality[r]) {
                    compA += (s[r] + alphaA * dsA[r]) * (pi[r] + alphaA * dpiA[r]);
                }
            }
            double sigma = mu == 0 ? 0 : Math.pow(Math.max(0, compA / barrierCount) / mu, 3);
            sigma = Math.min(1, sigma);
            if (primal > tol && primal > gap && primal <= SAFEGUARD_RESIDUAL) {
                // nearly feasible, and the complementarity is ahead of the rows: centre, so that
                // slacks do not vanish before the primal residual does (no Newton step moves them)
                sigma = Math.max(sigma, LAGGING_PRIMAL_CENTRING);
            }
            // corrector
            direction(
                    sl,
                    sh,
                    zl,
                    zu,
                    s,
                    pi,
                    hasLo,
                    hasHi,
                    rd,
                    rp,
                    w,
                    g,
                    rhs,
                    sigma * mu,
                    duA,
                    dzlA,
                    dzuA,
                    dsA,
                    dpiA,
                    du,
                    dpi,
                    dzl,
                    dzu,
                    ds);
            double alpha =
                    stepLength(
                            sl,
                            sh,
                            zl,
                            zu,
                            s,
                            pi,
                            hasLo,
                            hasHi,
                            du,
                            dzl,
                            dzu,
                            ds,
                            dpi,
                            STEP_TO_BOUNDARY);
            if (Math.max(primal, dual) <= Math.min(gap, SAFEGUARD_RESIDUAL)
                    && barrierCount > 0
                    && complementarityAt(
                                    alpha, sl, sh, zl, zu, s, pi, hasLo, hasHi, du, dzl, dzu, ds,
                                    dpi)
                            > (1 - SUFFICIENT_DECREASE * alpha) * comp) {
                // nearly feasible, and the corrected direction does not decrease the
                // complementarity: its second-order term (du' Q du, with tiny barrier weights)
                // outweighs the first-order decrease, and Mehrotra's heuristic can cycle; take a
                // centred Newton direction instead, whose first-order decrease dominates for short
                // enough steps, with the step that minimises the complementarity along it
                out.safeguardedSteps++;
                alpha =
                        safeguardedStep(
                                mu, comp, sigma, sl, sh, zl, zu, s, pi, hasLo, hasHi, rd, rp, w, g,
                                rhs, du, dpi, dzl, dzu, ds);
            }
            if (!(alpha > 1e-12)) {
                return recover(
                        out,
                        iter,
                        tol,
                        "the step length fell to " + alpha + " at iteration " + iter);
            }
            for (int j = 0; j < nv; j++) {
                if (fixed[j]) {
                    continue;
                }
                u[j] += alpha * du[j];
                if (hasLo[j]) {
                    zl[j] += alpha * dzl[j];
                    sl[j] += alpha * du[j];
                }
                if (hasHi[j]) {
                    zu[j] += alpha * dzu[j];
                    sh[j] -= alpha * du[j];
                }
            }
            for (int r = 0; r < m; r++) {
                pi[r] += alpha * dpi[r];
                if (sf.inequality[r]) {
                    s[r] += alpha * ds[r];
                }
            }
        }
    }

    /**
     * Ends a run that broke down with the last finite iterate ({@code out} holds it): converged
     * when its residuals are within {@value #RECOVERY_SLACK} times the tolerance, which the detail
     * says, else a breakdown.
     */
    private static Outcome recover(Outcome out, int iter, double tol, String what) {
        boolean close =
                out.u != null
                        && out.primal <= RECOVERY_SLACK * tol
                        && out.dual <= RECOVERY_SLACK * tol
                        && out.gap <= RECOVERY_SLACK * tol;
        out.stop = close ? Stop.CONVERGED : Stop.BREAKDOWN;
        out.recovered = close;
        out.detail =
                close
                        ? what
                                + "; the point returned is iteration "
                                + out.iterations
                                + "'s, whose relative residuals are within "
                                + RECOVERY_SLACK
                                + " times the tolerance"
                        : what;
        if (out.u == null) {
            out.stop = Stop.BREAKDOWN;
        }
        return out;
    }

    /**
     * The plain start's multipliers: row prices {@code pi} from the least-squares fit of the
     * stationarity at the starting point, {@code min ||q u + c + A'pi||} at unit weights (one
     * row-space factorization and solve, as for {@link #leastSquaresStart}; an inequality row's
     * price kept at least 0), and each bound's multiplier the part of the fitted reduced cost
     * {@code g = q u + c + A'pi} it must carry plus {@value #START_CENTRING} over its slack ({@code
     * zl = max(g, 0) + 0.1 / sl}, {@code zu = max(-g, 0) + 0.1 / sh}; an inequality row's price
     * plus {@code 0.1 / s}). The prices of a market then start near its clearing prices instead of
     * at 0, and the first iterations need not raise them through short steps (the benchmark markets
     * over time: 32 iterations instead of 43 at 200 peers x 20 partners x 24 periods, 53 instead of
     * 65 at 1,000 peers, 39 instead of 48 at 100 peers x 96 periods).
     */
    private void priceStart(
            double[] u,
            double[] s,
            double[] sl,
            double[] sh,
            double[] zl,
            double[] zu,
            double[] pi,
            boolean[] hasLo,
            boolean[] hasHi) {
        int nv = sf.vars, m = sf.rows;
        factorAtUnitWeights();
        double[] rhs = new double[m];
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                continue;
            }
            double gj = q[j] * u[j] + c[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                rhs[sf.colRow[p]] -= sf.colVal[p] * gj;
            }
        }
        double[] y = new double[m];
        cgTolerance = CG_TOLERANCE;
        solveSystem(rhs, y, null);
        for (int r = 0; r < m; r++) {
            pi[r] = sf.inequality[r] ? Math.max(y[r], 0) + START_CENTRING / s[r] : y[r];
        }
        double[] atpi = sf.transposeMultiply(pi);
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                continue;
            }
            double g = q[j] * u[j] + c[j] + atpi[j];
            if (hasLo[j]) {
                zl[j] = Math.max(g, 0) + START_CENTRING / sl[j];
            }
            if (hasHi[j]) {
                zu[j] = Math.max(-g, 0) + START_CENTRING / sh[j];
            }
        }
    }

    /**
     * Factors the row-space matrix at unit weights (every variable's and every inequality row's
     * slack term 1), as both fitted starts use it.
     */
    private void factorAtUnitWeights() {
        for (int j = 0; j < sf.vars; j++) {
            if (!fixed[j]) {
                wInv[j] = 1;
            }
        }
        for (int r = 0; r < sf.rows; r++) {
            rowSlack[r] = sf.inequality[r] ? 1 : 0;
        }
        factorSystem(rowSlack);
    }

    /** The complementarity product each bound and inequality row starts with at least. */
    private static final double START_CENTRING = 0.1;

    /**
     * How far above the tolerance the last good iterate of a run that broke down may be, to be
     * returned as converged.
     */
    static final double RECOVERY_SLACK = 1e3;

    /**
     * Share of a variable's range (or of its distance to a one-sided bound) the starting point
     * keeps inside its bounds.
     */
    private static final double START_MARGIN = 1e-2;

    /**
     * The starting point's rows (Mehrotra's heuristic, without the costs): the least change of
     * {@code u} (and of the slacks {@code s} of inequality rows, from {@code max(b - A u, 0)}) that
     * makes {@code A u + s = b}, found with the row-space factorization at unit weights. The caller
     * then pushes it inside the bounds. With a fixed demand of 1e6 kW the trades start carrying it,
     * instead of starting at one kW and crawling there by steps that the bounds of every small peer
     * cut short.
     */
    private void leastSquaresStart(double[] u, double[] s) {
        int m = sf.rows;
        double[] au = sf.multiply(u);
        double[] rhs = new double[m];
        for (int r = 0; r < m; r++) {
            if (sf.inequality[r]) {
                s[r] = Math.max(sf.b[r] - au[r], 0);
            }
            rhs[r] = sf.b[r] - au[r] - s[r];
        }
        factorAtUnitWeights();
        double[] y = new double[m];
        cgTolerance = CG_TOLERANCE;
        solveSystem(rhs, y, null);
        for (int j = 0; j < sf.vars; j++) {
            if (fixed[j]) {
                continue;
            }
            double t = 0;
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                t += sf.colVal[p] * y[sf.colRow[p]];
            }
            u[j] += t;
        }
        for (int r = 0; r < m; r++) {
            if (sf.inequality[r]) {
                s[r] += y[r];
            }
        }
    }

    /** Diagonal of the row-space matrix's {@code D} and {@code W^-1} of the current iteration. */
    private double[] rowD, wInv;

    /** Scratch of {@link #refine}, allocated once per run rather than twice per direction. */
    private double[] refineRows, refineVars;

    /** Regularization of every row, relative to its diagonal. */
    private static final double ROW_REGULARIZATION = 1e-14;

    /** Iterative-refinement passes on the row-space system. */
    private static final int REFINEMENTS = 2;

    /**
     * Iterative refinement of {@code K x = rhs}, {@code K = A W^-1 A' + D}, with products by {@code
     * K} formed from its factors {@code A}, {@code W} and {@code D} (never the factored matrix), so
     * that the direction is exact to rounding whatever the factor's conditioning.
     */
    private void refine(double[] rhs, double[] x) {
        int m = sf.rows;
        double[] res = refineRows, t = refineVars;
        for (int pass = 0; pass < REFINEMENTS; pass++) {
            for (int j = 0; j < sf.vars; j++) {
                if (fixed[j]) {
                    continue;
                }
                double v = 0;
                for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                    v += sf.colVal[p] * x[sf.colRow[p]];
                }
                t[j] = v * wInv[j];
            }
            for (int r = 0; r < m; r++) {
                res[r] = rhs[r] - rowD[r] * x[r];
            }
            for (int j = 0; j < sf.vars; j++) {
                if (t[j] != 0) {
                    for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                        res[sf.colRow[p]] -= sf.colVal[p] * t[j];
                    }
                }
            }
            k.solve(res);
            for (int r = 0; r < m; r++) {
                x[r] += res[r];
            }
        }
    }

    /** Row multipliers in cost units (undoing the cost scaling), by row index. */
    private double[] scaled(double[] pi) {
        double[] out = new double[pi.length];
        for (int pos = 0; pos < pi.length; pos++) {
            out[sf.rowAt[pos]] = pi[pos] * costScale;
        }
        return out;
    }

    /** Variable multipliers in cost units. */
    private double[] scaledVars(double[] z) {
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = z[j] * costScale;
        }
        return out;
    }

    /**
     * One Newton direction for the complementarity target {@code target} (0 for the predictor),
     * with the predictor's second-order terms when {@code duA} is given.
     */
    private void direction(
            double[] sl,
            double[] sh,
            double[] zl,
            double[] zu,
            double[] s,
            double[] pi,
            boolean[] hasLo,
            boolean[] hasHi,
            double[] rd,
            double[] rp,
            double[] w,
            double[] g,
            double[] rhs,
            double target,
            double[] duA,
            double[] dzlA,
            double[] dzuA,
            double[] dsA,
            double[] dpiAff,
            double[] du,
            double[] dpi,
            double[] dzl,
            double[] dzu,
            double[] ds) {
        int nv = sf.vars, m = sf.rows;
        double[] rl = dzl, ru = dzu; // reuse as scratch for the complementarity right-hand sides
        for (int j = 0; j < nv; j++) {
            rl[j] = 0;
            ru[j] = 0;
            if (fixed[j]) {
                g[j] = 0;
                continue;
            }
            double gj = -rd[j];
            if (hasLo[j]) {
                rl[j] = target - sl[j] * zl[j] - (duA == null ? 0 : duA[j] * dzlA[j]);
                gj += rl[j] / sl[j];
            }
            if (hasHi[j]) {
                ru[j] = target - sh[j] * zu[j] + (duA == null ? 0 : duA[j] * dzuA[j]);
                gj -= ru[j] / sh[j];
            }
            g[j] = gj;
        }
        // rhs = A W^-1 g - h, with h = -rp - rs/pi for inequality rows and -rp for equality rows
        java.util.Arrays.fill(rhs, 0);
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                continue;
            }
            double t = g[j] / w[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                rhs[sf.colRow[p]] += sf.colVal[p] * t;
            }
        }
        double[] rs = ds; // scratch
        for (int r = 0; r < m; r++) {
            double h = -rp[r];
            if (sf.inequality[r]) {
                rs[r] = target - s[r] * pi[r] - (dsA == null ? 0 : dsA[r] * dpiAff[r]);
                h -= rs[r] / pi[r];
            }
            rhs[r] -= h;
        }
        solveSystem(rhs, dpi, dpiAff);
        // du = W^-1 (g - A' dpi)
        for (int j = 0; j < nv; j++) {
            if (fixed[j]) {
                du[j] = 0;
                continue;
            }
            double t = g[j];
            for (int p = sf.colStart[j]; p < sf.colStart[j + 1]; p++) {
                t -= sf.colVal[p] * dpi[sf.colRow[p]];
            }
            du[j] = t / w[j];
        }
        cycles.hold(du);
        for (int j = 0; j < nv; j++) {
            if (hasLo[j]) {
                dzl[j] = (rl[j] - zl[j] * du[j]) / sl[j];
            }
            if (hasHi[j]) {
                dzu[j] = (ru[j] + zu[j] * du[j]) / sh[j];
            }
        }
        for (int r = 0; r < m; r++) {
            ds[r] = sf.inequality[r] ? (rs[r] - s[r] * dpi[r]) / pi[r] : 0;
        }
    }

    /**
     * Sufficient decrease of the complementarity per unit step that a nearly feasible iterate's
     * step must achieve (else the step is safeguarded).
     */
    private static final double SUFFICIENT_DECREASE = 1e-2;

    /**
     * Relative primal and dual residuals at most which an iterate counts as nearly feasible, so
     * that its steps must decrease the complementarity (while the residuals are larger, a step may
     * trade complementarity for feasibility).
     */
    private static final double SAFEGUARD_RESIDUAL = 1e-3;

    /**
     * Least centring while the relative primal residual is above the tolerance and the gap but at
     * most {@link #SAFEGUARD_RESIDUAL}: with Mehrotra's centring alone, a window QP whose rows
     * leave 2.6e-5 kW of room below two limits drove both slacks and the complementarity to 1e-300
     * with the primal residual stuck at 1.1e-8. Chosen on that QP's five scalings and the test
     * markets: 0.5 left one scaling stalled, 1 (pure centring) stalled storage markets at 1e-6.
     */
    private static final double LAGGING_PRIMAL_CENTRING = 0.7;

    /** Least centring of the safeguarded direction. */
    private static final double SAFE_SIGMA = 0.3;

    /**
     * The safeguarded step: a centred Newton direction for the target {@code max(sigma, SAFE_SIGMA)
     * mu} without the predictor's second-order terms (written into {@code du, dpi, dzl, dzu, ds}),
     * and along it the step, within the fraction to the boundary, that minimises the
     * complementarity (a quadratic in the step, since the residuals are linear), halved until it
     * decreases the complementarity sufficiently.
     */
    private double safeguardedStep(
            double mu,
            double comp,
            double sigma,
            double[] sl,
            double[] sh,
            double[] zl,
            double[] zu,
            double[] s,
            double[] pi,
            boolean[] hasLo,
            boolean[] hasHi,
            double[] rd,
            double[] rp,
            double[] w,
            double[] g,
            double[] rhs,
            double[] du,
            double[] dpi,
            double[] dzl,
            double[] dzu,
            double[] ds) {
        direction(
                sl,
                sh,
                zl,
                zu,
                s,
                pi,
                hasLo,
                hasHi,
                rd,
                rp,
                w,
                g,
                rhs,
                Math.max(sigma, SAFE_SIGMA) * mu,
                null,
                null,
                null,
                null,
                null,
                du,
                dpi,
                dzl,
                dzu,
                ds);
        double alpha =
                stepLength(
                        sl,
                        sh,
                        zl,
                        zu,
                        s,
                        pi,
                        hasLo,
                        hasHi,
                        du,
                        dzl,
                        dzu,
                        ds,
                        dpi,
                        STEP_TO_BOUNDARY);
        // complementarity along the direction: comp + b a + c a^2, from two evaluations
        double c1 =
                complementarityAt(1, sl, sh, zl, zu, s, pi, hasLo, hasHi, du, dzl, dzu, ds, dpi);
        double ch =
                complementarityAt(0.5, sl, sh, zl, zu, s, pi, hasLo, hasHi, du, dzl, dzu, ds, dpi);
        double curvature = 2 * (c1 - 2 * ch + comp), slope = c1 - comp - curvature;
        if (curvature > 0 && slope < 0) {
            alpha = Math.min(alpha, -slope / (2 * curvature));
        }
        for (int halving = 0; halving < 60; halving++) {
            if (complementarityAt(alpha, sl, sh, zl, zu, s, pi, hasLo, hasHi, du, dzl, dzu, ds, dpi)
                    <= (1 - SUFFICIENT_DECREASE * alpha) * comp) {
                break;
            }
            alpha *= 0.5;
        }
        return alpha;
    }

    /** The complementarity {@code sum s z} after a step {@code alpha} along the direction. */
    private double complementarityAt(
            double alpha,
            double[] sl,
            double[] sh,
            double[] zl,
            double[] zu,
            double[] s,
            double[] pi,
            boolean[] hasLo,
            boolean[] hasHi,
            double[] du,
            double[] dzl,
            double[] dzu,
            double[] ds,
            double[] dpi) {
        double sum = 0;
        for (int j = 0; j < sf.vars; j++) {
            if (hasLo[j]) {
                sum += (sl[j] + alpha * du[j]) * (zl[j] + alpha * dzl[j]);
            }
            if (hasHi[j]) {
                sum += (sh[j] - alpha * du[j]) * (zu[j] + alpha * dzu[j]);
            }
        }
        for (int r = 0; r < sf.rows; r++) {
            if (sf.inequality[r]) {
                sum += (s[r] + alpha * ds[r]) * (pi[r] + alpha * dpi[r]);
            }
        }
        return sum;
    }

    private double stepLength(
            double[] sl,
            double[] sh,
            double[] zl,
            double[] zu,
            double[] s,
            double[] pi,
            boolean[] hasLo,
            boolean[] hasHi,
            double[] du,
            double[] dzl,
            double[] dzu,
            double[] ds,
            double[] dpi,
            double fraction) {
        double alpha = 1 / fraction;
        for (int j = 0; j < sf.vars; j++) {
            if (hasLo[j]) {
                if (du[j] < 0) {
                    alpha = Math.min(alpha, -sl[j] / du[j]);
                }
                if (dzl[j] < 0) {
                    alpha = Math.min(alpha, -zl[j] / dzl[j]);
                }
            }
            if (hasHi[j]) {
                if (du[j] > 0) {
                    alpha = Math.min(alpha, sh[j] / du[j]);
                }
                if (dzu[j] < 0) {
                    alpha = Math.min(alpha, -zu[j] / dzu[j]);
                }
            }
        }
        for (int r = 0; r < sf.rows; r++) {
            if (sf.inequality[r]) {
                if (ds[r] < 0) {
                    alpha = Math.min(alpha, -s[r] / ds[r]);
                }
                if (dpi[r] < 0) {
                    alpha = Math.min(alpha, -pi[r] / dpi[r]);
                }
            }
        }
        return Math.min(1, fraction * alpha);
    }
}
