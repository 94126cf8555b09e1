package org.gridbazaar.solver.admm;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.internal.Negotiation;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.Transport;

/**
 * Distributed clearing by consensus ADMM on bilateral trades (name {@value #NAME}), after Baroche,
 * Le Goff Latimier et al., "Exogenous cost allocation in peer-to-peer electricity markets", IEEE
 * Trans. Power Systems 34(4), 2019. Every peer {@code i} solves only its own problem each round
 * {@code k}, then tells each partner {@code j} its trade, price and penalty:
 *
 * <pre>
 *   m_ij^k = (rho_i t_ij^k - rho_j t_ji^k) / (rho_i + rho_j)                       consensus trade
 *   lambda_ij^k = lambda_ij^(k-1) - theta rho_i rho_j / (rho_i + rho_j) (t_ij^k + t_ji^k)     price (same at both ends)
 *   t_i^(k+1) = argmin  C_i(x_i) + sum_j c_ij(t_ij) - sum_j lambda_ij^k t_ij + sum_j rho_i/2 (t_ij - m_ij^k)^2
 *               s.t.    x_i = sum_j t_ij in [lo_i, hi_i], sign rules on t_ij, own side constraints (CHP polygon)
 * </pre>
 *
 * where {@code t_ij} is the signed trade (kW, positive when {@code i} sells; reciprocity {@code
 * t_ij + t_ji = 0} is what the prices enforce), {@code C_i} the peer's quadratic costs (seed eq.
 * 12.6 / 12.22) and {@code c_ij} its own per-kW terms (preference, resistance and congestion
 * penalties, eq. 12.12 and 12.16: {@code sellerCost} of the arc where it sells, {@code buyerCost}
 * where it buys). {@code lambda_ij} is the bilateral price in $/kW: what the buyer pays and the
 * seller receives; {@code theta} is the price step ({@link AdmmOptions#priceStep()}, 1 in standard
 * ADMM, 1.6 by default, convergent below the golden ratio). With one penalty for all it is the
 * method of Baroche et al. ({@code m = (t_ij - t_ji)/2}, price step {@code rho/2}); here every
 * trade has its own penalty ($/kW^2), and the two ends may even use different ones ({@code rho_i},
 * {@code rho_j}), which is consensus ADMM with a penalty per constraint and still converges for any
 * fixed positive penalties. Each peer brings its own scale {@code b_i = rho0 * links_i * a_i} (its
 * curvature, or a floor for linear costs): scaled so, the proximal terms resist a change of a
 * peer's total as much as its own cost does, whatever its number of partners, which keeps the price
 * level converging at the same rate from 14 to 1,000 peers (in a linear analysis of an all-pairs
 * market with a penalty per end its error contracts by {@code sqrt(1/(1 + rho0))} per round,
 * whatever the number of peers and their curvatures; with one penalty for all, it is close to 1
 * wherever the penalty is far from {@code links * a}). By default both ends of a trade use the
 * geometric mean {@code sqrt(b_i b_j)}, learnt from each other's first proposal, so that the price
 * step is not set by the softer end alone (see {@link AdmmOptions}); either way it is times the
 * market-wide factor and the channel's factor of the residual balancing in {@link AdmmOptions}. The
 * announced penalty tells a partner the peer's curvature roughly; nothing else about its costs or
 * limits leaves it. Prices open at the average of the two ends' marginal costs at zero (their
 * opening offers) on a cold start, or at a previous solution's prices on a warm start.
 *
 * <p>What {@code OPTIMAL} guarantees, at relative tolerance {@code eps =
 * SolverOptions.tolerance()}:
 *
 * <ol>
 *   <li>the returned point is feasible: flows {@code f >= 0} on the market's arcs, each peer's
 *       set-point the sum of its trades ({@code x = N f} up to rounding, 1e-12 of the node's
 *       bounds) and within its bounds and side constraints;
 *   <li>its objective is within {@code eps * max(1, |objective|)} $ of the optimum, and this is
 *       proven, not estimated: {@link ProblemSolution#dualityGap()} is the objective minus a lower
 *       bound on the optimum that each peer computes from its own data at the returned trade prices
 *       (the least value its own problem can take at those prices; the sum over peers is a lower
 *       bound by weak duality), and it is at most that amount;
 *   <li>the negotiation's residuals are within {@code eps} of each trade's and each peer's own
 *       scale (the tests of {@link AdmmOptions}): every trade's reciprocity mismatch, the change of
 *       every consensus trade times its penalty, and every peer's balance.
 * </ol>
 *
 * Hence the returned trade prices are {@code eps}-optimal prices: at them the peers' own problems
 * sum to within the gap of the optimum. The point is recovered from the negotiation: every trade
 * settles at what both ends agree to (the smaller of two offers in the same direction), trades
 * below {@code eps} times the most their arc can carry are left out when the point still certifies,
 * and what that leaves a peer short of a minimum it must trade (a fixed demand, a must-run unit) is
 * routed by one maximum flow over the trades already made. When the residuals pass but the gap does
 * not, the negotiation continues; a run that stops on a limit returns {@code ITERATION_LIMIT} with
 * the peers' own aggregates, the agreed trades, its residuals and the last certificate in its
 * message; {@code INFEASIBLE} when a peer's own problem has no solution, or when the peers' reports
 * prove that no trades satisfy them all (every 20 rounds while the mismatch stalls, each peer
 * computes, from its own data and the mismatches on its links, the least value its feasible trades
 * can give the mismatch-weighted sum; a positive total over peers is a certificate of
 * infeasibility).
 *
 * <p>Other returned values: {@code y} each node's internal price (the multiplier of its aggregate:
 * {@code a x + b} inside its bounds, the price of its trades net of its own per-kW terms
 * otherwise), which matches the package's dual convention at convergence; arc prices the prices
 * after the last mismatch correction, with which every trade's stationarity error is its dual
 * residual. Besides its own data, the lower bound uses limits that hold at some optimum: a peer's
 * bounds tightened by global balance (from the market's totals of lower and upper bounds) and, per
 * trade, the partner's capacity; the peers announce these once. Problems with constraints across
 * peers (hard line limits) are not supported: no peer could enforce them.
 *
 * <p>Markets over time (problems with peer blocks, or of more than one period) are negotiated by
 * {@link org.gridbazaar.solver.admm.internal.HorizonNegotiation}: consensus ADMM on the arcs, every
 * peer solving its whole block over the horizon (nodes, storage and device variables, its rows)
 * exactly each round, with the same rule for {@code OPTIMAL}: a feasible point (the consensus
 * trades, completed by each peer's cheapest private variables) and a weak-duality bound from the
 * peers' own problems at the prices, within {@code eps * max(1, |objective|)}. Its {@code y} are
 * the multipliers of each peer's balance rows in its last round, its arc prices the negotiated
 * prices, and it returns the private variables and the peers' row multipliers.
 */
public final class AdmmSolver extends NegotiatingSolver {

    /** The solver's name. */
    public static final String NAME = "admm";

    private final Transport.Factory transports;
    private final HorizonTransport.Factory horizonTransports;

    /** A solver with {@link AdmmOptions#DEFAULTS}. */
    public AdmmSolver() {
        this(AdmmOptions.DEFAULTS);
    }

    /** A solver with the given tuning. */
    public AdmmSolver(AdmmOptions tuning) {
        this(tuning, null);
    }

    /**
     * A solver with the given tuning whose single-period negotiations run their peers' agents on
     * {@code transports} (for example in other processes); {@code null} runs them in process.
     * Markets over time run in process.
     */
    public AdmmSolver(AdmmOptions tuning, Transport.Factory transports) {
        this(tuning, transports, null);
    }

    /**
     * A solver with the given tuning whose single-period negotiations run their agents on {@code
     * transports} and whose negotiations over time run theirs on {@code horizonTransports} ({@code
     * null}: in process).
     */
    public AdmmSolver(
            AdmmOptions tuning,
            Transport.Factory transports,
            HorizonTransport.Factory horizonTransports) {
        super(tuning, Negotiation.Variant.ADMM, NAME, transports, horizonTransports);
        this.transports = transports;
        this.horizonTransports = horizonTransports;
    }

    /** Solves warm-started from {@code previous} (a solution of a problem with the same arcs). */
    public ProblemSolution solve(
            MarketProblem problem, SolverOptions options, ProblemSolution previous) {
        return new AdmmSolver(tuning().withWarmStart(previous), transports, horizonTransports)
                .solve(problem, options);
    }
}
