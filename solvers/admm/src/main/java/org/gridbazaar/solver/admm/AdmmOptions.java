package org.gridbazaar.solver.admm;

import java.util.Optional;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * Tuning of the distributed solvers, fixed when a solver is constructed. Validated on
 * construction; change one setting with the {@code with…} methods.
 *
 * <p>Stopping rule: both the primal residual (max over pairs of the reciprocity mismatch
 * {@code |t_ij + t_ji|}, kW) and the dual residual (max over pairs of
 * {@code rho |z_ij^k - z_ij^(k-1)|}, $/kW, with {@code z_ij = (t_ij - t_ji)/2}) must fall below
 * {@code eps * scale}, where {@code eps = max(SolverOptions.tolerance(), minRelativeTolerance)}
 * (these methods are first order: asking them for 1e-9 would only burn iterations), the primal scale is
 * {@code MarketProblem.injectionScale()} and the dual scale the largest marginal cost
 * {@code |b_k| + a_k max(|lo_k|, |hi_k|)} (at least 1).
 *
 * <p>Adaptive penalty: residual balancing (Boyd et al., "Distributed optimization and statistical
 * learning via ADMM", 2011, eq. 3.13) on the residuals divided by their tolerances: if
 * {@code r > mu s} the penalty is multiplied by {@code tau}, if {@code s > mu r} divided by it;
 * the penalty stays within a factor 1e4 of {@code rho0}, and adaptation stops after
 * {@value #ADAPTATION_ROUNDS} rounds so that the usual convergence
 * guarantee of a fixed penalty applies from then on.
 *
 * @param rho0                 initial penalty (and price step), $/kW^2, {@code > 0}
 * @param adaptive             whether to adapt the penalty by residual balancing
 * @param mu                   residual-balancing ratio, {@code > 1}
 * @param tau                  residual-balancing factor, {@code > 1}
 * @param freezeTolerance      relative tolerance below which a pair's trade is frozen at its consensus
 *                             (mismatch and change both below {@code freezeTolerance * injectionScale}); 0 turns freezing off
 * @param gammaRatio           for the consensus algorithm only: the proximal penalty {@code gamma} as a multiple of the price step
 * @param minRelativeTolerance the floor on the relative stopping tolerance, in {@code (0, 1)}
 * @param warmStart            a previous solution of a problem with the same arcs to start from, or {@code null}
 */
public record AdmmOptions(double rho0, boolean adaptive, double mu, double tau, double freezeTolerance,
                          double gammaRatio, double minRelativeTolerance, ProblemSolution warmStart) {

    /** Default initial penalty, $/kW^2. */
    public static final double DEFAULT_RHO0 = 1.0;
    /** Default residual-balancing ratio. */
    public static final double DEFAULT_MU = 10;
    /** Default residual-balancing factor. */
    public static final double DEFAULT_TAU = 2;
    /** Default floor on the relative tolerance. */
    public static final double DEFAULT_MIN_RELATIVE_TOLERANCE = 1e-4;
    /** Rounds during which the penalty may adapt. */
    public static final int ADAPTATION_ROUNDS = 1000;
    /** The defaults: rho0 1, adaptive, mu 10, tau 2, no freezing, gamma = price step, tolerance floor 1e-4, cold start. */
    public static final AdmmOptions DEFAULTS = new AdmmOptions(DEFAULT_RHO0, true, DEFAULT_MU, DEFAULT_TAU, 0, 1, DEFAULT_MIN_RELATIVE_TOLERANCE, null);

    public AdmmOptions {
        StringBuilder err = new StringBuilder();
        if (!(rho0 > 0 && rho0 < Double.POSITIVE_INFINITY)) {
            err.append("rho0 must be positive and finite, got ").append(rho0).append('\n');
        }
        if (!(mu > 1)) {
            err.append("mu must be > 1, got ").append(mu).append('\n');
        }
        if (!(tau > 1)) {
            err.append("tau must be > 1, got ").append(tau).append('\n');
        }
        if (!(freezeTolerance >= 0 && freezeTolerance < 1)) {
            err.append("freezeTolerance must be in [0, 1), got ").append(freezeTolerance).append('\n');
        }
        if (!(gammaRatio > 0 && gammaRatio < Double.POSITIVE_INFINITY)) {
            err.append("gammaRatio must be positive and finite, got ").append(gammaRatio).append('\n');
        }
        if (!(minRelativeTolerance > 0 && minRelativeTolerance < 1)) {
            err.append("minRelativeTolerance must be in (0, 1), got ").append(minRelativeTolerance).append('\n');
        }
        if (!err.isEmpty()) {
            throw new IllegalArgumentException(err.toString().strip());
        }
    }

    /** The warm start, if any. */
    public Optional<ProblemSolution> warmStartSolution() {
        return Optional.ofNullable(warmStart);
    }

    /** These options with another initial penalty. */
    public AdmmOptions withRho0(double value) {
        return new AdmmOptions(value, adaptive, mu, tau, freezeTolerance, gammaRatio, minRelativeTolerance, warmStart);
    }

    /** These options with adaptation on or off. */
    public AdmmOptions withAdaptive(boolean value) {
        return new AdmmOptions(rho0, value, mu, tau, freezeTolerance, gammaRatio, minRelativeTolerance, warmStart);
    }

    /** These options with another residual-balancing ratio. */
    public AdmmOptions withMu(double value) {
        return new AdmmOptions(rho0, adaptive, value, tau, freezeTolerance, gammaRatio, minRelativeTolerance, warmStart);
    }

    /** These options with another residual-balancing factor. */
    public AdmmOptions withTau(double value) {
        return new AdmmOptions(rho0, adaptive, mu, value, freezeTolerance, gammaRatio, minRelativeTolerance, warmStart);
    }

    /** These options with another freeze tolerance (0: off). */
    public AdmmOptions withFreezeTolerance(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, value, gammaRatio, minRelativeTolerance, warmStart);
    }

    /** These options with another gamma ratio (consensus algorithm). */
    public AdmmOptions withGammaRatio(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, freezeTolerance, value, minRelativeTolerance, warmStart);
    }

    /** These options with another tolerance floor. */
    public AdmmOptions withMinRelativeTolerance(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, freezeTolerance, gammaRatio, value, warmStart);
    }

    /** These options warm-started from {@code previous} (same arcs), or cold ({@code null}). */
    public AdmmOptions withWarmStart(ProblemSolution previous) {
        return new AdmmOptions(rho0, adaptive, mu, tau, freezeTolerance, gammaRatio, minRelativeTolerance, previous);
    }
}
