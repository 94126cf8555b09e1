package org.gridbazaar.solver.admm;

import java.util.Optional;
import org.gridbazaar.formulation.ProblemSolution;

/**
 * Tuning of the distributed solvers ({@link AdmmSolver}, {@link ConsensusSolver}), fixed when a
 * solver is constructed. Validated on construction; change one setting with the {@code with…}
 * methods.
 *
 * <h2>Residuals and stopping rule</h2>
 *
 * Per channel {@code c} (one per trading pair and commodity), with {@code t_ij}, {@code t_ji} the
 * two sides' last proposals (kW, each from its own point of view), {@code rho_i}, {@code rho_j} the
 * penalties they were made with and {@code lambda_ij}, {@code lambda_ji} their prices ($/kW):
 *
 * <ul>
 *   <li>primal residual {@code r_c = t_ij + t_ji} (kW): the reciprocity mismatch;
 *   <li>dual residual {@code s_c = max(rho_i, rho_j) |m_c^k - m_c^(k-1)|} ($/kW): the change of the
 *       consensus trade {@code m_c = (rho_i t_ij - rho_j t_ji)/(rho_i + rho_j)} weighted by the
 *       penalty (Boyd et al. 2011, sec. 3.3: the error of every trade's optimality condition at the
 *       updated price); for {@link ConsensusSolver} plus the price disagreement {@code |lambda_ij -
 *       lambda_ji|}.
 * </ul>
 *
 * With {@code eps = SolverOptions.tolerance()} (exactly as given: nothing loosens it) and {@code P}
 * the number of peers, every residual is measured on its own scale, never on the market's extremes
 * (a 1e15 kW slack bound or one stiff 0.001 kW peer would otherwise set every trade's tolerance):
 *
 * <ul>
 *   <li>{@code R_k} (kW), a node's largest injection, {@code max(|lo_k|, |hi_k|)} with its bounds
 *       first tightened by global balance ({@code x_k <= -sum_{j != k} lo_j}, {@code x_k >= -sum_{j
 *       != k} hi_j} within a commodity; every feasible point meets them);
 *   <li>{@code S_c = max(R_i, R_j)} (kW) for channel {@code c} between nodes {@code i} and {@code
 *       j};
 *   <li>{@code D_c} ($/kW), the largest of {@code |b_k| + a_k R_k} over the channel's two nodes and
 *       of its arcs' per-kW terms {@code |sellerCost| + |buyerCost|}.
 * </ul>
 *
 * The residual tests are
 *
 * <pre>
 *   max_c |r_c| / S_c &lt;= eps          ||(r_c / S_c)_c||_2 &lt;= eps sqrt(P)
 *   max_c |s_c| / D_c &lt;= eps          ||(s_c / D_c)_c||_2 &lt;= eps sqrt(P)
 * </pre>
 *
 * The max-norm tests bound every single trade. The 2-norm tests allow the whole market what the
 * max-norm tests allow per peer, and they matter in large markets: a peer's balance error is the
 * sum of the mismatches over its trades, which max-norm tests alone let grow with its number of
 * partners. A fifth test bounds that balance error directly: for every peer and commodity, {@code
 * |sum_c (t_ic - m_ic)| <= eps R_i}, the gap between the peer's own set-point (the sum of its own
 * trades) and the consensus trades reported for it. When all five hold, the run is {@code OPTIMAL}
 * only if the optimality certificate of {@link AdmmSolver} holds too: a feasible point recovered
 * from the agreed trades whose objective is within {@code eps max(1, |objective|)} $ of a lower
 * bound on the optimum computed by the peers at the negotiated prices; if it does not, the
 * negotiation continues (checking the certificate again after {@code max(1, k/20)} rounds at round
 * {@code k}). Otherwise the run ends on a limit with {@code ITERATION_LIMIT}, its last residuals in
 * {@link ProblemSolution#primalResidual()} (kW) / {@link ProblemSolution#dualResidual()} ($/kW)
 * (unscaled max-norms), the message (scaled norms, their tolerances and the last certificate) and
 * the history (unscaled max-norms). These are first-order methods: expect hundreds of rounds at
 * {@code eps = 1e-4} and many more at the centralized default {@code 1e-9}; ask for the tolerance
 * you need.
 *
 * <h2>Penalties and price step</h2>
 *
 * Each peer has its own scale ($/kW^2) on each of its nodes: {@code b_i = rho0 * links_i * a_i}
 * (number of partners times its cost curvature, or 1% of its marginal cost over its range for a
 * linear cost; see {@link AdmmSolver}). With {@code sharedPenalty} (the default) both ends of a
 * trade use the same penalty {@code rho_c = M * F_c * sqrt(b_i b_j)}: each end learns the other's
 * scale from the penalty the partner announces with its first proposal (a peer's announced penalty
 * is its scale until adaptation starts), so no other data leaves a peer. Without it each end uses
 * its own, {@code rho_i = M * F_c * b_i}. {@code M} is a market-wide factor and {@code F_c} a
 * factor of the trade's channel, both 1 at the start. Peers' curvatures differ by up to 40 times in
 * the benchmark markets; with a penalty per end the price step {@code h = rho_i rho_j/(rho_i +
 * rho_j)} is then set by the softer end, which made prices correct a mismatch slowly. Sharing the
 * penalty cut the rounds to 1e-4 on {@code BenchmarkMarkets.halfAndHalf} from 50 to 33 (14 peers),
 * 410 to 168 (100 peers) and 738 to 609 (1,000 peers) before the other measures below.
 *
 * <p>The price moves by {@code priceStep * h} per kW of mismatch ({@code priceStep = 1} is standard
 * ADMM). A longer step, below the golden ratio {@code (1 + sqrt 5)/2}, keeps ADMM's convergence
 * (Glowinski's dual step for fixed penalties) and corrects a persistent mismatch faster: trades
 * that drift slowly towards a corner of their peers' problems otherwise trail a mismatch of a few
 * hundredths of a kW (at 1,000 peers, 1.6 instead of 1 cut 425 to 383 rounds for admm and 499 to
 * 371 for consensus). Over-relaxation of the consensus step (Boyd et al. 2011, sec. 3.4.3) was
 * measured and not adopted: of factors 1.3 to 1.8 only 1.3 at 100 peers saved rounds (410 to 347);
 * the others took up to 3.6 times as many (1,088 at 300 peers with 1.8), and factor 1.3 with a
 * price step of 1.6 converged on none of the markets tried within 3,000 rounds.
 *
 * <h2>Adaptive penalty</h2>
 *
 * Residual balancing (Boyd et al. 2011, eq. 3.13; He, Yang, Wang 2000), every {@code
 * adaptationInterval} rounds, at two levels. Market-wide, on the bulk of the market: with the
 * distances of the scaled residuals' 2-norms from their tolerances {@code p = ||r/S||_2/(eps
 * sqrt(peers))} and {@code d = ||s/D||_2/(eps sqrt(peers))}, if {@code p > mu d}, {@code M *= tau};
 * if {@code d > mu p}, {@code M /= tau}. (Balancing the worse of max- and 2-norm made the few
 * trades with the largest residuals stiffen or soften every other trade too.) Per channel, as Song,
 * Yoon and Pavlovic (AAAI 2016) adapt a penalty per constraint: both ends compare the channel's
 * {@code |r_c|/S_P} with {@code s_c/S_D} the same way and change {@code F_c} ({@code S_P}, {@code
 * S_D} here are the market-wide injection and price scales of {@code MarketProblem} computed with
 * the tightened bounds: a speed heuristic tuned on them, not a stopping test); they compute the
 * same numbers, so they agree without a message. A trade that must still move a long way (large
 * dual residual, no mismatch) gets a softer penalty, a trade both sides disagree on a stiffer one.
 * A third rule softens drifting trades: if over the interval the channel's consensus trade moved
 * one way ({@code |sum Delta m| >= driftThreshold * sum |Delta m|}) and its mean dual residual
 * {@code max(rho) |sum Delta m| / rounds / S_D} exceeds its largest mismatch {@code max |r_c| /
 * S_P} of the interval, {@code F_c /= tau} (unless the mismatch test stiffens it). Such a trade
 * follows a small price difference towards a corner of its peers' problems (typically a preference
 * pulling most of a peer's volume onto a few partners) by about {@code difference / rho} kW per
 * round, which plain residual balancing does not see, since its dual residual does not change with
 * {@code rho} (at 1,000 peers the rule cut 609 to 482 rounds for admm and 645 to 498 for consensus,
 * before the longer price step). Both factors stay within {@code [1/}{@value #RHO_RANGE}{@code ,
 * }{@value #RHO_RANGE}{@code ]} and stop changing after {@value #ADAPTATION_ROUNDS} rounds, so that
 * the convergence guarantee of fixed penalties applies from then on; changing them only every few
 * rounds leaves the method time to respond between changes (changing every round with {@code mu =
 * 3} did not converge until adaptation stopped). Prices are kept unscaled ($/kW), so a new penalty
 * needs no rescaling of them (in the scaled form {@code u = lambda/rho} it would need {@code u *=
 * rho_old/rho_new}); the price step of a round is always computed from the penalties under which
 * the trades it corrects were made. The history's {@code penalty} is {@code M}.
 *
 * <p>Defaults, measured on {@code BenchmarkMarkets.halfAndHalf(n, 20261122L)} at {@code eps = 1e-4}
 * (rounds for admm / consensus): 14 peers 26 / 27, 100 peers 98 / 109, 300 peers 139 / 139, 1,000
 * peers 383 / 371 (before: 50 / 50, 410 / 337, 305 / 293, 738 / 861). Rebalancing every 5 rather
 * than 10 rounds saved 11% of the rounds summed over seven other seeded markets (other seeds,
 * line-loss penalties on every trade, 20 partners per peer) and 15% / 1% at 1,000 peers; balancing
 * the market-wide factor on 2-norms saved another 6% on the seven. Those counts were measured with
 * the market-wide scales {@code S_P}, {@code S_D} in the stopping rule and without the certificate;
 * with the per-trade and per-peer scales and the certificate above: 14 peers 30 / 30, 100 peers 122
 * / 120, 1,000 peers 470 / 432 (the stricter tolerances of small peers and trades cost the rounds;
 * the certificate itself held back neither the 14- nor the 100-peer run at 1e-4).
 *
 * @param rho0 the penalty relative to each peer's own scale (see above), {@code > 0}
 * @param sharedPenalty whether both ends of a trade use the geometric mean of their scales (else
 *     each its own)
 * @param priceStep the price step as a multiple of {@code h}, in {@code (0, (1 + sqrt 5)/2)}
 * @param adaptive whether to adapt the penalty by residual balancing
 * @param mu residual-balancing ratio, {@code > 1}
 * @param tau residual-balancing factor, {@code > 1}
 * @param adaptationInterval rounds between two penalty changes, {@code >= 1}
 * @param driftThreshold how consistently a channel's consensus trade must move one way over an
 *     adaptation interval to count as drifting and be softened: 0 turns the rule off, else in
 *     {@code [0.5, 1]}
 * @param freezeTolerance relative tolerance below which a pair's trade is frozen at its consensus
 *     (mismatch and change both below {@code freezeTolerance * S_P}); 0 turns freezing off
 * @param gammaRatio {@link ConsensusSolver} only: its proximal penalty {@code gamma} as a multiple
 *     of the price step {@code rho}, {@code > 0}
 * @param consensusWeight {@link ConsensusSolver} only: the weight {@code beta} of the partner's
 *     price in a peer's price update, in {@code (0, 1/2]}
 * @param relaxation {@link ConsensusSolver} only: the relaxation {@code eta} of trade proposals, in
 *     {@code (0, 1]}
 * @param threads threads of the in-process executor: 1 runs every peer's update in the calling
 *     thread, {@code k > 1} on a pool of {@code k} threads, 0 on the common fork-join pool (small
 *     markets, below 8,192 trade ends, always run in the calling thread: there a fork-join barrier
 *     costs more than a round's work)
 * @param warmStart a previous solution of a problem with the same arcs to start from, or {@code
 *     null}
 */
public record AdmmOptions(
        double rho0,
        boolean sharedPenalty,
        double priceStep,
        boolean adaptive,
        double mu,
        double tau,
        int adaptationInterval,
        double driftThreshold,
        double freezeTolerance,
        double gammaRatio,
        double consensusWeight,
        double relaxation,
        int threads,
        ProblemSolution warmStart) {

    /** Default initial relative penalty. */
    public static final double DEFAULT_RHO0 = 1.0;

    /** Default residual-balancing ratio. */
    public static final double DEFAULT_MU = 10;

    /** Default residual-balancing factor. */
    public static final double DEFAULT_TAU = 2;

    /** Default rounds between penalty changes. */
    public static final int DEFAULT_ADAPTATION_INTERVAL = 5;

    /** Default price step, as a multiple of the ADMM step {@code h}. */
    public static final double DEFAULT_PRICE_STEP = 1.6;

    /** The golden ratio {@code (1 + sqrt 5)/2}: price steps must stay below it. */
    public static final double MAX_PRICE_STEP = (1 + Math.sqrt(5)) / 2;

    /** Default drift threshold. */
    public static final double DEFAULT_DRIFT_THRESHOLD = 0.9;

    /** Default consensus weight {@code beta}. */
    public static final double DEFAULT_CONSENSUS_WEIGHT = 0.25;

    /** Default relaxation {@code eta}. */
    public static final double DEFAULT_RELAXATION = 1.0;

    /** Rounds during which the penalty may adapt. */
    public static final int ADAPTATION_ROUNDS = 1000;

    /** How far residual balancing may move the penalty from its start, either way. */
    public static final double RHO_RANGE = 1e4;

    /**
     * The relative tolerance the distributed solvers report as their default ({@link
     * org.gridbazaar.solver.MarketSolver#defaultTolerance()}, used by the command line without
     * {@code --tolerance}): residuals fall linearly, so 1e-9 would take thousands of rounds; on the
     * CHP study case admm stopped at 1e-4 with set-points up to 3.7 kW (0.2% of their range) off,
     * at 1e-6 within 0.012 kW and 2e-6 of the objective.
     */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    /**
     * The defaults: relative rho0 1, shared penalties, price step 1.6, adaptive (mu 10, tau 2,
     * every 5 rounds, drift threshold 0.9), no freezing, gamma = rho, beta 1/4, eta 1, common
     * fork-join pool, cold start.
     */
    public static final AdmmOptions DEFAULTS =
            new AdmmOptions(
                    DEFAULT_RHO0,
                    true,
                    DEFAULT_PRICE_STEP,
                    true,
                    DEFAULT_MU,
                    DEFAULT_TAU,
                    DEFAULT_ADAPTATION_INTERVAL,
                    DEFAULT_DRIFT_THRESHOLD,
                    0,
                    1,
                    DEFAULT_CONSENSUS_WEIGHT,
                    DEFAULT_RELAXATION,
                    0,
                    null);

    public AdmmOptions {
        StringBuilder err = new StringBuilder();
        if (!(rho0 > 0 && rho0 < Double.POSITIVE_INFINITY)) {
            err.append("rho0 must be positive and finite, got ").append(rho0).append('\n');
        }
        if (!(priceStep > 0 && priceStep < MAX_PRICE_STEP)) {
            err.append("priceStep must be in (0, ")
                    .append(MAX_PRICE_STEP)
                    .append("), got ")
                    .append(priceStep)
                    .append('\n');
        }
        if (!(driftThreshold == 0 || driftThreshold >= 0.5 && driftThreshold <= 1)) {
            err.append("driftThreshold must be 0 (off) or in [0.5, 1], got ")
                    .append(driftThreshold)
                    .append('\n');
        }
        if (!(mu > 1)) {
            err.append("mu must be > 1, got ").append(mu).append('\n');
        }
        if (!(tau > 1 && tau < Double.POSITIVE_INFINITY)) {
            err.append("tau must be > 1 and finite, got ").append(tau).append('\n');
        }
        if (adaptationInterval < 1) {
            err.append("adaptationInterval must be >= 1, got ")
                    .append(adaptationInterval)
                    .append('\n');
        }
        if (!(freezeTolerance >= 0 && freezeTolerance < 1)) {
            err.append("freezeTolerance must be in [0, 1), got ")
                    .append(freezeTolerance)
                    .append('\n');
        }
        if (!(gammaRatio > 0 && gammaRatio < Double.POSITIVE_INFINITY)) {
            err.append("gammaRatio must be positive and finite, got ")
                    .append(gammaRatio)
                    .append('\n');
        }
        if (!(consensusWeight > 0 && consensusWeight <= 0.5)) {
            err.append("consensusWeight must be in (0, 0.5], got ")
                    .append(consensusWeight)
                    .append('\n');
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
        return new AdmmOptions(
                value,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with penalties shared by both ends of a trade, or one per end. */
    public AdmmOptions withSharedPenalty(boolean value) {
        return new AdmmOptions(
                rho0,
                value,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another price step (a multiple of the ADMM step). */
    public AdmmOptions withPriceStep(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                value,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with adaptation on or off. */
    public AdmmOptions withAdaptive(boolean value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                value,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another residual-balancing ratio. */
    public AdmmOptions withMu(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                value,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another residual-balancing factor. */
    public AdmmOptions withTau(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                value,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another number of rounds between penalty changes. */
    public AdmmOptions withAdaptationInterval(int value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                value,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another drift threshold (0: no softening of drifting trades). */
    public AdmmOptions withDriftThreshold(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                value,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another freeze tolerance (0: off). */
    public AdmmOptions withFreezeTolerance(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                value,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another gamma ratio (consensus algorithm). */
    public AdmmOptions withGammaRatio(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                value,
                consensusWeight,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another consensus weight {@code beta} (consensus algorithm). */
    public AdmmOptions withConsensusWeight(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                value,
                relaxation,
                threads,
                warmStart);
    }

    /** These options with another relaxation {@code eta} (consensus algorithm). */
    public AdmmOptions withRelaxation(double value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                value,
                threads,
                warmStart);
    }

    /** These options with another executor thread count (1: calling thread, 0: common pool). */
    public AdmmOptions withThreads(int value) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                value,
                warmStart);
    }

    /** These options warm-started from {@code previous} (same arcs), or cold ({@code null}). */
    public AdmmOptions withWarmStart(ProblemSolution previous) {
        return new AdmmOptions(
                rho0,
                sharedPenalty,
                priceStep,
                adaptive,
                mu,
                tau,
                adaptationInterval,
                driftThreshold,
                freezeTolerance,
                gammaRatio,
                consensusWeight,
                relaxation,
                threads,
                previous);
    }
}
