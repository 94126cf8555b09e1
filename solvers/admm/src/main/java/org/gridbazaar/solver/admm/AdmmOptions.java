package org.gridbazaar.solver.admm;

import java.util.Optional;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * Tuning of the distributed solvers ({@link AdmmSolver}, {@link ConsensusSolver}), fixed when a
 * solver is constructed. Validated on construction; change one setting with the {@code with…}
 * methods.
 *
 * <h2>Residuals and stopping rule</h2>
 * Per channel {@code c} (one per trading pair and commodity), with {@code t_ij}, {@code t_ji} the two
 * sides' last proposals (kW, each from its own point of view), {@code rho_i}, {@code rho_j} the
 * penalties they were made with and {@code lambda_ij}, {@code lambda_ji} their prices ($/kW):
 * <ul>
 *   <li>primal residual {@code r_c = t_ij + t_ji} (kW): the reciprocity mismatch;</li>
 *   <li>dual residual {@code s_c = max(rho_i, rho_j) |m_c^k - m_c^(k-1)|} ($/kW): the change of the
 *       consensus trade {@code m_c = (rho_i t_ij - rho_j t_ji)/(rho_i + rho_j)} weighted by the
 *       penalty (Boyd et al. 2011, sec. 3.3: the error of every trade's optimality condition at the
 *       updated price); for {@link ConsensusSolver} plus the price disagreement {@code |lambda_ij - lambda_ji|}.</li>
 * </ul>
 * With {@code eps = SolverOptions.tolerance()} (exactly as given: nothing loosens it), the
 * injection scale {@code S_P = MarketProblem.injectionScale()} (kW), the price scale
 * {@code S_D = max(1, |b_k|, a_k S_P, |w_t|)} ($/kW, as the test kit's KKT checker) and {@code P}
 * the number of peers, a run reports {@code OPTIMAL} only when all four hold:
 * <pre>
 *   max_c |r_c| &lt;= eps S_P          ||r||_2 &lt;= eps S_P sqrt(P)
 *   max_c |s_c| &lt;= eps S_D          ||s||_2 &lt;= eps S_D sqrt(P)
 * </pre>
 * The max-norm tests bound every single trade. The 2-norm tests allow the whole market what the
 * max-norm tests allow per peer, and they matter in large markets: a peer's balance error is the sum
 * of the mismatches over its trades, which max-norm tests alone let grow with its number of
 * partners (at 1,000 peers the 2-norm test asks a root-mean-square mismatch 16 times below the
 * max-norm tolerance). A fifth test bounds that balance error directly: for every peer and
 * commodity, {@code |sum_c (t_ic - m_ic)| <= eps S_P}, the gap between the peer's reported
 * set-point (the sum of its own trades) and the consensus trades reported for it (on the CHP study
 * case at {@code eps = 1e-6} it cut the largest set-point error from 0.11 to 0.012 kW for 82
 * rounds instead of 68). Otherwise the run ends on a limit with {@code ITERATION_LIMIT}, its last
 * residuals in {@link ProblemSolution#primalResidual()} / {@link ProblemSolution#dualResidual()}
 * (max-norms), the message (both norms and their tolerances) and the history (max-norms). These are
 * first-order methods: expect hundreds of rounds at {@code eps = 1e-4} and many more at the
 * centralized default {@code 1e-9}; ask for the tolerance you need.
 *
 * <h2>Penalties</h2>
 * Each end of a trade has its own penalty ($/kW^2): {@code rho_i = M * F_c * rho0 * links_i * a_i}, where
 * {@code links_i a_i} is the peer's own scale (number of partners times its cost curvature, or 1%
 * of its marginal cost over its range for a linear cost; see {@link AdmmSolver}), {@code M} a
 * market-wide factor and {@code F_c} a factor of the trade's channel, both 1 at the start.
 *
 * <h2>Adaptive penalty</h2>
 * Residual balancing (Boyd et al. 2011, eq. 3.13; He, Yang, Wang 2000), every
 * {@code adaptationInterval} rounds, at two levels. Market-wide, on the distances of the residuals
 * from their tolerances {@code p = max(max|r|/(eps S_P), ||r||_2/(eps S_P sqrt(peers)))} and
 * likewise {@code d}: if {@code p > mu d}, {@code M *= tau}; if {@code d > mu p}, {@code M /= tau}.
 * Per channel, as Song, Yoon and Pavlovic (AAAI 2016) adapt a penalty per constraint: both ends
 * compare the channel's {@code |r_c|/S_P} with {@code s_c/S_D} the same way and change {@code F_c};
 * they compute the same numbers, so they agree without a message. A trade that must still move a
 * long way (large dual residual, no mismatch) gets a softer penalty, a trade both sides disagree on
 * a stiffer one. Both factors stay within {@code [1/}{@value #RHO_RANGE}{@code , }{@value #RHO_RANGE}{@code ]}
 * and stop changing after {@value #ADAPTATION_ROUNDS} rounds, so that the convergence guarantee of
 * fixed penalties applies from then on; changing them only every few rounds leaves the method time
 * to respond between changes (changing every round with {@code mu = 3} did not converge until
 * adaptation stopped). Prices are kept unscaled ($/kW), so a new penalty needs no rescaling of them
 * (in the scaled form {@code u = lambda/rho} it would need {@code u *= rho_old/rho_new}); the price
 * step of a round is always computed from the penalties under which the trades it corrects were
 * made. The history's {@code penalty} is {@code M}.
 *
 * @param rho0               the penalty relative to each peer's own scale (see above), {@code > 0}
 * @param adaptive           whether to adapt the penalty by residual balancing
 * @param mu                 residual-balancing ratio, {@code > 1}
 * @param tau                residual-balancing factor, {@code > 1}
 * @param adaptationInterval rounds between two penalty changes, {@code >= 1}
 * @param freezeTolerance    relative tolerance below which a pair's trade is frozen at its consensus (mismatch
 *                           and change both below {@code freezeTolerance * S_P}); 0 turns freezing off
 * @param gammaRatio         {@link ConsensusSolver} only: its proximal penalty {@code gamma} as a multiple of the
 *                           price step {@code rho}, {@code > 0}
 * @param consensusWeight    {@link ConsensusSolver} only: the weight {@code beta} of the partner's price in a
 *                           peer's price update, in {@code (0, 1/2]}
 * @param relaxation         {@link ConsensusSolver} only: the relaxation {@code eta} of trade proposals, in {@code (0, 1]}
 * @param threads            threads of the in-process executor: 1 runs every peer's update in the calling thread,
 *                           {@code k > 1} on a pool of {@code k} threads, 0 on the common fork-join pool (small
 *                           markets, below 8,192 trade ends, always run in the calling thread: there a
 *                           fork-join barrier costs more than a round's work)
 * @param warmStart          a previous solution of a problem with the same arcs to start from, or {@code null}
 */
public record AdmmOptions(double rho0, boolean adaptive, double mu, double tau, int adaptationInterval,
                          double freezeTolerance, double gammaRatio, double consensusWeight, double relaxation,
                          int threads, ProblemSolution warmStart) {

    /** Default initial relative penalty. */
    public static final double DEFAULT_RHO0 = 1.0;
    /** Default residual-balancing ratio. */
    public static final double DEFAULT_MU = 10;
    /** Default residual-balancing factor. */
    public static final double DEFAULT_TAU = 2;
    /** Default rounds between penalty changes. */
    public static final int DEFAULT_ADAPTATION_INTERVAL = 10;
    /** Default consensus weight {@code beta}. */
    public static final double DEFAULT_CONSENSUS_WEIGHT = 0.25;
    /** Default relaxation {@code eta}. */
    public static final double DEFAULT_RELAXATION = 1.0;
    /** Rounds during which the penalty may adapt. */
    public static final int ADAPTATION_ROUNDS = 1000;
    /** How far residual balancing may move the penalty from its start, either way. */
    public static final double RHO_RANGE = 1e4;
    /**
     * The relative tolerance the distributed solvers report as their default
     * ({@link org.gridbazaar.solver.MarketSolver#defaultTolerance()}, used by the command line without
     * {@code --tolerance}): residuals fall linearly, so 1e-9 would take thousands of rounds; on the CHP study case
     * admm stopped at 1e-4 with set-points up to 3.7 kW (0.2% of their range) off, at 1e-6 within
     * 0.012 kW and 2e-6 of the objective.
     */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    /**
     * The defaults: relative rho0 1, adaptive (mu 10, tau 2, every 10 rounds), no freezing, gamma = rho,
     * beta 1/4, eta 1, common fork-join pool, cold start.
     */
    public static final AdmmOptions DEFAULTS = new AdmmOptions(DEFAULT_RHO0, true, DEFAULT_MU, DEFAULT_TAU,
            DEFAULT_ADAPTATION_INTERVAL, 0, 1, DEFAULT_CONSENSUS_WEIGHT, DEFAULT_RELAXATION, 0, null);

    public AdmmOptions {
        StringBuilder err = new StringBuilder();
        if (!(rho0 > 0 && rho0 < Double.POSITIVE_INFINITY)) {
            err.append("rho0 must be positive and finite, got ").append(rho0).append('\n');
        }
        if (!(mu > 1)) {
            err.append("mu must be > 1, got ").append(mu).append('\n');
        }
        if (!(tau > 1 && tau < Double.POSITIVE_INFINITY)) {
            err.append("tau must be > 1 and finite, got ").append(tau).append('\n');
        }
        if (adaptationInterval < 1) {
            err.append("adaptationInterval must be >= 1, got ").append(adaptationInterval).append('\n');
        }
        if (!(freezeTolerance >= 0 && freezeTolerance < 1)) {
            err.append("freezeTolerance must be in [0, 1), got ").append(freezeTolerance).append('\n');
        }
        if (!(gammaRatio > 0 && gammaRatio < Double.POSITIVE_INFINITY)) {
            err.append("gammaRatio must be positive and finite, got ").append(gammaRatio).append('\n');
        }
        if (!(consensusWeight > 0 && consensusWeight <= 0.5)) {
            err.append("consensusWeight must be in (0, 0.5], got ").append(consensusWeight).append('\n');
        }
        if (!(relaxation > 0 && relaxation <= 1)) {
            err.append("relaxation must be in (0, 1], got ").append(relaxation).append('\n');
        }
        if (threads < 0) {
            err.append("threads must be >= 0 (0: common pool), got ").append(threads).append('\n');
        }
        if (!err.isEmpty()) {
            throw new IllegalArgumentException(err.toString().strip());
        }
    }

    /** The warm start, if any. */
    public Optional<ProblemSolution> warmStartSolution() {
        return Optional.ofNullable(warmStart);
    }

    /** These options with another initial relative penalty. */
    public AdmmOptions withRho0(double value) {
        return new AdmmOptions(value, adaptive, mu, tau, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with adaptation on or off. */
    public AdmmOptions withAdaptive(boolean value) {
        return new AdmmOptions(rho0, value, mu, tau, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with another residual-balancing ratio. */
    public AdmmOptions withMu(double value) {
        return new AdmmOptions(rho0, adaptive, value, tau, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with another residual-balancing factor. */
    public AdmmOptions withTau(double value) {
        return new AdmmOptions(rho0, adaptive, mu, value, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with another number of rounds between penalty changes. */
    public AdmmOptions withAdaptationInterval(int value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, value, freezeTolerance, gammaRatio, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with another freeze tolerance (0: off). */
    public AdmmOptions withFreezeTolerance(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, adaptationInterval, value, gammaRatio, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with another gamma ratio (consensus algorithm). */
    public AdmmOptions withGammaRatio(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, adaptationInterval, freezeTolerance, value, consensusWeight, relaxation, threads, warmStart);
    }

    /** These options with another consensus weight {@code beta} (consensus algorithm). */
    public AdmmOptions withConsensusWeight(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, adaptationInterval, freezeTolerance, gammaRatio, value, relaxation, threads, warmStart);
    }

    /** These options with another relaxation {@code eta} (consensus algorithm). */
    public AdmmOptions withRelaxation(double value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, value, threads, warmStart);
    }

    /** These options with another executor thread count (1: calling thread, 0: common pool). */
    public AdmmOptions withThreads(int value) {
        return new AdmmOptions(rho0, adaptive, mu, tau, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, relaxation, value, warmStart);
    }

    /** These options warm-started from {@code previous} (same arcs), or cold ({@code null}). */
    public AdmmOptions withWarmStart(ProblemSolution previous) {
        return new AdmmOptions(rho0, adaptive, mu, tau, adaptationInterval, freezeTolerance, gammaRatio, consensusWeight, relaxation, threads, previous);
    }
}
