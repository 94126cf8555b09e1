package org.gridbazaar.solver.structured.internal;

/**
 * The reduced Newton system of the interior point, {@code M dy = r} with {@code M = B^-1 + N S^-1
 * N'}: the per-peer inverse blocks {@code B^-1} ({@link PeerBlocks}) plus the weighted Laplacian of
 * the arcs ({@code N} the node-arc incidence, {@code S^-1 = 1/sigma} per arc, {@code sigma = zf/f
 * +} a small regularisation), of the size of the number of nodes (plus the coupling rows, which
 * keep their multiplier steps as unknowns: {@link CouplingBorder}). Prices in $/kW, weights in
 * kW^2/$. {@link NewtonSystem} forms the right-hand sides and recovers the full direction; an
 * implementation only factorises (or preconditions) {@code M} and solves with it:
 *
 * <ul>
 *   <li>{@link DenseReducedSystem}: assembles {@code M} and factorises it by Cholesky ({@code 8
 *       n^2} bytes, {@code n^3/3} flops per iteration); exact, and the only one with coupling rows.
 *   <li>{@link TreeReducedSystem}: never forms {@code M}; conjugate gradients with a spanning-tree
 *       preconditioner ({@link TreePcg}), memory and time per product linear in nodes plus arcs,
 *       solved only as accurately as the iteration needs.
 * </ul>
 *
 * One instance per run.
 */
interface ReducedSystem {

    /** The linear algebra this is. */
    InteriorPoint.LinearAlgebra algebra();

    /** The run's arcs have become {@code arcs} (arc pruning). */
    void arcsChanged(ArcSet arcs);

    /**
     * Follows the run's complementarity per pair {@code mu} against its first, {@code muStart}: an
     * inexact solver may solve early directions loosely.
     */
    void follow(double mu, double muStart);

    /**
     * Sets {@code M} for the blocks {@code blocks}, the arcs {@code arcs} with {@code sigma} and
     * {@code invSigma = 1/sigma} per arc, and the coupling rows' {@code border} (empty when there
     * are none), and factorises it; false when it is not numerically positive definite.
     */
    boolean factor(
            PeerBlocks blocks,
            ArcSet arcs,
            double[] sigma,
            double[] invSigma,
            CouplingBorder border);

    /**
     * Solves {@code M sol = rhs} (nodes, then coupling rows): the first solve of a Newton direction
     * ({@code refinement} false), or a refinement pass of it.
     */
    void solve(double[] rhs, double[] sol, boolean refinement);

    /**
     * Whether a refinement pass of the last direction buys nothing, given its errors against the
     * unreduced equations: per-node balance {@code balance} (kW), largest dual error ($/kW) and
     * side-row error. An exact solver always refines.
     */
    boolean refinementNegligible(double[] balance, double dualError, double sideError);

    /** Conjugate-gradient iterations over the run (0 on the dense path). */
    default long linearIterations() {
        return 0;
    }

    /** Refinement passes run over the run (counted on the iterative path only). */
    default int refinementPasses() {
        return 0;
    }

    /** Refinement passes skipped as negligible over the run (iterative path only). */
    default int refinementPassesSkipped() {
        return 0;
    }
}
