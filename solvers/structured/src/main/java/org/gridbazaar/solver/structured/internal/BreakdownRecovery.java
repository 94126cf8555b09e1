package org.gridbazaar.solver.structured.internal;

/**
 * What an interior-point run returns when its last iterations go wrong. A factorisation that finds
 * the reduced matrix not positive definite, a vanishing or NaN step, or residuals growing without
 * bound ({@link ConvergenceCheck#divergence}) break the run down; so, in effect, does an iterate
 * that loses the market-wide tests right after one that passed them all. Along the run it keeps two
 * iterates aside: the last <em>certified</em> one (every market-wide test passed, every node
 * decided within the certificate's margin) and the last <em>acceptable</em> one (residuals within
 * 1e-6 of their scales). After a breakdown, or a certified iterate lost at rounding level, the
 * certified iterate is the result; else, after a breakdown, the acceptable one (the run then
 * reports that it {@linkplain InteriorPoint.Outcome#recovered recovered}); with neither, the
 * breakdown is a numerical failure. One instance per run.
 */
final class BreakdownRecovery {

    /**
     * An iterate kept aside, with its iteration and residuals (kW, $/kW).
     *
     * @param iteration the iteration it was reached at
     * @param primalResidual its primal residual, kW
     * @param dualResidual its dual residual, $/kW
     * @param point a copy of the iterate (with the arcs it belongs to)
     */
    record Kept(int iteration, double primalResidual, double dualResidual, Iterate point) {}

    private Kept acceptable, certified;
    private boolean brokeDown, lostCertified;

    /** Keeps {@code it} of iteration {@code iter} as the certified iterate. */
    void keepCertified(int iter, Residuals res, Iterate it) {
        certified = new Kept(iter, res.primal, res.dual, it.copy());
    }

    /** Keeps {@code it} of iteration {@code iter} as the acceptable iterate. */
    void keepAcceptable(int iter, Residuals res, Iterate it) {
        acceptable = new Kept(iter, res.primal, res.dual, it.copy());
    }

    /**
     * Whether iteration {@code iter}, which did not pass the market-wide tests, comes right after a
     * certified iterate: iterations past rounding level only make it worse, so the run ends there
     * and returns the certified one.
     */
    boolean lostCertified(int iter) {
        if (certified != null && certified.iteration() == iter - 1) {
            lostCertified = true;
            return true;
        }
        return false;
    }

    /**
     * Records that the run broke down for {@code reason} into {@code out}; the breakdown is a
     * numerical failure unless an acceptable iterate was kept.
     */
    void breakDown(InteriorPoint.Outcome out, String reason) {
        out.breakdown = reason;
        out.numericalFailure = acceptable == null;
        brokeDown = true;
    }

    /**
     * The iterate the run returns instead of its last one, or {@code null} for the last one: the
     * certified iterate after a breakdown or a lost certified iterate; else, after a breakdown, the
     * acceptable one.
     */
    Kept returned() {
        return (brokeDown || lostCertified) && certified != null
                ? certified
                : brokeDown && acceptable != null ? acceptable : null;
    }

    /** Whether {@code kept} is the certified iterate (else the acceptable one). */
    boolean isCertified(Kept kept) {
        return kept == certified;
    }
}
