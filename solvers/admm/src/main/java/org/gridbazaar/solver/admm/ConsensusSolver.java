package org.gridbazaar.solver.admm;

import org.gridbazaar.solver.admm.internal.Negotiation;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.Transport;

/**
 * Distributed clearing by relaxed consensus + innovation (name {@value #NAME}), after Sorin, Bobo,
 * Pinson, "Consensus-based approach to peer-to-peer electricity markets with product
 * differentiation", IEEE Trans. Power Systems 34(2), 2019, whose market is this library's: the
 * multi-bilateral economic dispatch with product differentiation (the seed chapter's eq.
 * 12.6-12.12). Unlike {@link AdmmSolver}, each side of a trade keeps its own price: peer {@code n}
 * (our {@code i}) its {@code lambda_nm}, peer {@code m} (our {@code j}) its {@code lambda_mn}; they
 * agree only at convergence. Each round {@code k}, every peer, from its own data and the partner's
 * last proposal {@code (P_mn, lambda_mn, rho_m)} on each of its trades {@code P_nm} (our {@code
 * t_ij}, kW):
 *
 * <pre>
 *   lambda_nm^(k+1) = lambda_nm^k - beta (lambda_nm^k - lambda_mn^k) - theta alpha_nm (P_nm^k + P_mn^k)    consensus + innovation
 *   P~_n = argmin  C_n(P_n) + sum_m c_nm(P_nm) - sum_m lambda_nm^(k+1) P_nm + sum_m gamma_n/2 (P_nm - m_nm^k)^2
 *          s.t.    P_n = sum_m P_nm in [lo_n, hi_n], sign rules, own side constraints          relaxed local problem
 *   P_nm^(k+1) = P_nm^k + eta (P~_nm - P_nm^k)                                                relaxed proposal
 * </pre>
 *
 * with the consensus step {@code beta} ({@link AdmmOptions#consensusWeight()}), the innovation step
 * {@code alpha_nm = rho_n rho_m / (rho_n + rho_m)} ($/kW^2, from the two sides' penalties as in
 * {@link AdmmSolver}) times the price step {@code theta} ({@link AdmmOptions#priceStep()}), the
 * relaxation penalty {@code gamma_n = gammaRatio * rho_n}, the proposal relaxation {@code eta}
 * ({@link AdmmOptions#relaxation()}) and {@code m_nm} the penalty-weighted average of the two
 * proposals. Consensus pulls the two prices of a trade together, innovation moves them against the
 * reciprocity mismatch ({@code P_nm + P_mn > 0}: more offered than taken, so the price falls), and
 * the local problem is "relaxed": reciprocity enters it as a quadratic penalty around the average
 * proposal instead of a hard constraint, which also makes the split of a peer's total over its
 * trades unique. A fixed point has {@code P_nm + P_mn = 0} and {@code lambda_nm = lambda_mn}:
 * adding the two price updates gives {@code 2 alpha (P_nm + P_mn) = 0}, then either update gives
 * {@code beta (lambda_nm - lambda_mn) = 0}; the local problems then are the KKT conditions of the
 * market. With {@code beta = 1/2}, {@code gammaRatio = 1} and {@code eta = 1} the two prices
 * coincide after one round and the iteration is {@link AdmmSolver}'s. The innovation step is scaled
 * by {@code theta} as in {@link AdmmSolver}; this is carried over from ADMM (Glowinski's longer
 * dual step), not from the paper, and measured on the benchmark markets only.
 *
 * <p>The equations above follow the reading of the paper (a local update per peer, prices
 * per trade driven by the mismatch, relaxed trade proposals) and the consensus + innovations scheme
 * of Kar, Moura and Hug that it builds on; the paper's own text could not be consulted when this
 * was written, so its equation numbers and any step-size schedule it prescribes are not reproduced.
 * The dual residual of this solver adds the price disagreement {@code |lambda_nm - lambda_mn|} to
 * {@link AdmmSolver}'s; the reported price of a trade is the average of its two sides' prices after
 * the last innovation, and it is at those prices that the optimality certificate's lower bound is
 * evaluated. Units, signs, returned values, statuses (what {@code OPTIMAL} guarantees: a feasible
 * point whose objective is certified within {@code tolerance * max(1, |objective|)} of the optimum
 * by a duality gap, and residuals within tolerance of each trade's and peer's own scale), the
 * adaptive penalties and the infeasibility certificate are as in {@link AdmmSolver}.
 *
 * <p>Markets over time (peer blocks, several periods) take {@link AdmmSolver}'s horizon path, each
 * peer solving its whole block over the horizon, with this update rule: each end of a trade keeps
 * its own price, moved by consensus and innovation, and the proposals are relaxed (the equations
 * are on {@code HorizonNegotiation}).
 */
public final class ConsensusSolver extends NegotiatingSolver {

    /** The solver's name. */
    public static final String NAME = "consensus";

    /** A solver with {@link AdmmOptions#DEFAULTS}. */
    public ConsensusSolver() {
        this(AdmmOptions.DEFAULTS);
    }

    /** A solver with the given tuning. */
    public ConsensusSolver(AdmmOptions tuning) {
        this(tuning, null);
    }

    /**
     * A solver with the given tuning whose peers' agents run on {@code transports} (for example in
     * other processes); {@code null} runs them in process.
     */
    public ConsensusSolver(AdmmOptions tuning, Transport.Factory transports) {
        this(tuning, transports, null);
    }

    /**
     * A solver with the given tuning whose single-period negotiations run their agents on {@code
     * transports} and whose negotiations over time run theirs on {@code horizonTransports} ({@code
     * null}: in process).
     */
    public ConsensusSolver(
            AdmmOptions tuning,
            Transport.Factory transports,
            HorizonTransport.Factory horizonTransports) {
        super(tuning, Negotiation.Variant.CONSENSUS, NAME, transports, horizonTransports);
    }
}
