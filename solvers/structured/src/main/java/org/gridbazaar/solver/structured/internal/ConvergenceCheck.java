package org.gridbazaar.solver.structured.internal;

import static org.gridbazaar.solver.structured.internal.IpmProblem.maxNaN;

/**
 * When an interior-point run may stop, judged on the {@link Residuals} of each iterate against the
 * tolerance of the {@link IpmOptions} relative to the problem's {@link Scales}: converged (every
 * market-wide test passed and every node's set-point decided), stalled at rounding level, or
 * diverged. Also says which iterates are worth keeping should the run break down later ({@link
 * BreakdownRecovery}). Keeps the little history these tests need (first and least residuals, {@code
 * mu} five iterations back); one instance per run.
 */
final class ConvergenceCheck {

    /**
     * The run stops only when every node's set-point is decided within this many times the
     * tolerance on its own scales ({@link #undecided}): 1e-7 at the default tolerance, ten times
     * inside the contract's 1e-6 on set-points.
     */
    static final double DECIDED = 100;

    /**
     * An iterate that passes every other test and decides every node within this many times the
     * tolerance (the solver's certificate) is kept: when the next iterations break down or lose the
     * other tests at rounding level, it is the run's result.
     */
    static final double CERTIFIED = 1e3;

    /**
     * A run breaks down when a residual grows to this many times its first (or its scale, if
     * larger).
     */
    static final double DIVERGENCE = 1e6;

    private final IpmProblem p;
    private final double tol, scaleX, scaleB;

    /**
     * Per node: room for its own quantity and price scales at the current iterate ({@link
     * Certificate#scales}).
     */
    private final double[] nodeQ, nodeP;

    private final double[] muHistory = new double[5];
    private double muFiveAgo = Double.POSITIVE_INFINITY;
    private double leastResP = Double.POSITIVE_INFINITY, leastResD = Double.POSITIVE_INFINITY;
    private double firstResP, firstResD;

    ConvergenceCheck(IpmProblem p, double tol, Scales scales) {
        this.p = p;
        this.tol = tol;
        this.scaleX = scales.quantity();
        this.scaleB = scales.price();
        nodeQ = new double[p.n];
        nodeP = new double[p.n];
    }

    /**
     * Whether the residuals of iteration {@code iter} have grown a million times above the starting
     * point's (or are no longer numbers): then the reason, else {@code null}. Directions that have
     * lost all accuracy grow them (once to 1e45 over 300 iterations); smaller jumps, even from
     * 1e-13 to 30 $/kW near the end, are usually recovered from within an iteration or two. Call
     * once per iteration, in order.
     */
    String divergence(int iter, Residuals res) {
        double resP = res.primal, resD = res.dual;
        if (iter == 0) {
            firstResP = Math.max(resP, scaleX);
            firstResD = Math.max(resD, scaleB);
        }
        if (!(resP <= DIVERGENCE * firstResP) || !(resD <= DIVERGENCE * firstResD)) {
            return String.format(
                    java.util.Locale.ROOT,
                    "residuals diverged at iteration %d: primal %.3g kW "
                            + "(least %.3g), dual %.3g $/kW (least %.3g)",
                    iter,
                    resP,
                    leastResP,
                    resD,
                    leastResD);
        }
        leastResP = Math.min(leastResP, resP);
        leastResD = Math.min(leastResD, resD);
        return null;
    }

    /**
     * The primal residual of the first iterate or the injection scale, whichever is larger (kW).
     */
    double firstPrimal() {
        return firstResP;
    }

    /**
     * Whether every market-wide test passes. Complementarity is held to a per-pair level far below
     * the objective's resolution: set-points at a bound are off by {@code mu / z}, and a flat
     * optimum hides errors in x that a relative objective gap would not show. So is each peer's own
     * pair (bounds, side rows): an average can hide one pair far from centred, whose multiplier
     * then shows as a stationarity error at a set-point near its bound or on the edge of its
     * operating region.
     */
    boolean settled(Iterate it, Residuals res) {
        return res.primal <= tol * scaleX
                && res.dual <= tol * scaleB
                && res.mu <= 1e-2 * tol * scaleB
                && it.worstPeerPair() <= tol * scaleB;
    }

    /**
     * Whether a {@link #settled} iterate is converged: every node decided within {@link #DECIDED}.
     */
    boolean decided(double undecided) {
        return undecided <= DECIDED * tol;
    }

    /** Whether a {@link #settled} iterate is worth keeping as the certificate's point. */
    boolean certifiable(double undecided) {
        return undecided <= CERTIFIED * tol;
    }

    /**
     * Whether the residuals are small enough (1e-6 of their scales, complementarity per pair within
     * 100 times the tolerance) for the iterate to be returned should the last iterations break down
     * numerically.
     */
    boolean acceptable(Residuals res) {
        return res.primal <= 1e-6 * scaleX
                && res.dual <= 1e-6 * scaleB
                && res.mu <= 1e2 * tol * scaleB;
    }

    /**
     * Whether the run has stalled at rounding level: from iteration 10, {@code mu} fell by less
     * than half over five iterations at an {@link #acceptable} iterate. The certificate then says
     * how far it got.
     */
    boolean stalled(int iter, Residuals res) {
        return iter >= 10 && res.mu >= 0.5 * muFiveAgo && acceptable(res);
    }

    /** Records the complementarity per pair of iteration {@code iter} for {@link #stalled}. */
    void record(int iter, double mu) {
        muHistory[iter % 5] = mu;
        muFiveAgo = iter >= 4 ? muHistory[(iter + 1) % 5] : Double.POSITIVE_INFINITY;
    }

    /**
     * Largest over the nodes of the balance residual relative to the node's own quantity scale (the
     * mean traded per node at least), and over the nodes outside side rows of how far, relative to
     * the node's own scales, its set-point is from being decided. With {@code a > 0}: the smaller
     * of its distance to the bound its multiplier {@code z = zl - zu} points at and {@code |z| /
     * a}, relative to its quantity scale (at a degenerate bound both shrink only as {@code
     * sqrt(mu)}, and the set-point is off by as much); with {@code a = 0}: the smaller of {@code
     * |z|} relative to its price scale and that distance relative to its quantity scale. Every
     * node's set-point is decided on its own scales: a node near a bound with a small multiplier
     * settles only as {@code sqrt(mu)}, and on a market whose scales come from a 1e8 kW peer that
     * is far outside a 60 kW peer's tolerance.
     */
    double undecided(Iterate it, Residuals res) {
        int n = p.n;
        double[] a = p.a, b = p.b, lo = p.lo, hi = p.hi;
        boolean[] fixed = p.fixed, sided = p.sided;
        double[] x = it.x, zl = it.zl, zu = it.zu, rp = res.rp;
        double[] nodeQ = this.nodeQ, nodeP = this.nodeP;
        Certificate.scales(a, b, lo, hi, x, nodeQ, nodeP);
        double qMax = 0, pMax = 0;
        for (int k = 0; k < n; k++) {
            qMax = Math.max(qMax, nodeQ[k]);
            pMax = Math.max(pMax, nodeP[k]);
        }
        double qFloor = Certificate.quantityFloor(x, qMax), pFloor = Certificate.priceFloor(pMax);
        double volume = 0;
        for (int k = 0; k < n; k++) {
            volume += Math.max(0, x[k]);
        }
        double rowFloor = Math.max(qFloor, volume / n);
        double worst = 0;
        for (int k = 0; k < n; k++) {
            // balance, on the node's own scale or the mean traded per node, whichever is larger: a
            // row of a 1e12 kW peer must not hide 50 kW, nor a peer fixed at zero hold the run
            // past rounding level for the dust on its arcs; but the floor never exceeds what the
            // node can reach (a consumer fixed at -0.1 kW beside 1e6 kW of trades is not dust)
            double reach = Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
            worst =
                    maxNaN(
                            worst,
                            Math.abs(rp[k])
                                    / Math.max(
                                            nodeQ[k],
                                            reach > 0 ? Math.min(rowFloor, reach) : rowFloor));
            if (fixed[k] || sided[k]) {
                continue;
            }
            double z = zl[k] - zu[k],
                    pk = Math.max(nodeP[k], pFloor),
                    q = Math.max(nodeQ[k], qFloor);
            // distance to the bound the multiplier points at
            double slack = z >= 0 ? x[k] - lo[k] : hi[k] - x[k];
            // with curvature the set-point is off by the smaller of that distance and z / a (the
            // step to where the multiplier vanishes); without, the price is off by z
            double v =
                    a[k] > 0
                            ? Math.min(slack, Math.abs(z) / a[k]) / q
                            : Math.min(Math.abs(z) / pk, slack / q);
            worst = maxNaN(worst, v);
        }
        return worst;
    }
}
