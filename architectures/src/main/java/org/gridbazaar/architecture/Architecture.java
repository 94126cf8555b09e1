package org.gridbazaar.architecture;

/**
 * The market designs GridBazaar clears over one population ({@link
 * org.gridbazaar.community.CommunityMarket}): chapter 12, section 12.5 of the source book (full
 * P2P, local P2P markets through community managers, hybrid markets), the community of Moret and
 * Pinson (IEEE Trans. Power Syst. 34(5), 2019) and the centralized pool.
 *
 * <p>Notation, per period {@code t} of {@code h} hours: peer {@code i} with power {@code p_i} (kW,
 * positive sells) in {@code [l_i, u_i]} and cost {@code f_i(p_i) = 0.5 a_i p_i^2 + b_i p_i + c_i}
 * ($/h); community {@code k} with members {@code N_k} and manager {@code k}; import {@code m >= 0}
 * and export {@code x >= 0} (kW) at tariffs {@code c_im >= c_ex} ($/kWh); {@code q_ij} the power
 * {@code i} sells to {@code j} (kW), {@code q_ij + q_ji = 0}. Every design minimises
 *
 * <pre>
 *   sum_i f_i(p_i) + c_im m - c_ex x + sum_k tau_k m_k + sum_(i in N_k) mu_k |q_ik|     ($/h)
 * </pre>
 *
 * ({@code tau_k}: manager {@code k}'s autonomy cost on its import {@code m_k}, $/kWh; {@code mu_k}:
 * its margin, $/kWh, on each member's trade with it; both 0 unless declared) subject to the bounds,
 * {@code p_i = sum_j q_ij}, every agent's balance and the design's trading pairs below. The
 * community price is the multiplier of the manager's balance, $/kWh.
 */
public enum Architecture {

    /**
     * Pool: every peer trades with one market operator {@code o}, which alone trades with the grid:
     * pairs {@code (i, o)} for every peer and {@code (o, grid)}; balance {@code sum_i q_oi + m - x
     * = 0}. One price per period (the operator's multiplier); a network is not priced per bus (see
     * {@code docs/architectures.md}). Communities and managers play no part.
     */
    POOL("pool"),

    /**
     * Full P2P: today's market. Peers trade bilaterally under the population's trading rule, and
     * each peer trades directly with the grid agents: pairs {@code (i, j)} allowed by the market,
     * {@code (i, grid)}. Prices per trade.
     */
    FULL_P2P("full-p2p"),

    /**
     * Community (Moret and Pinson 2019, the DTU summer-school model): members trade only with their
     * community's manager at the community price; each manager imports and exports through the grid
     * connection: pairs {@code (i, k)} for {@code i in N_k}, {@code (k, grid)}; manager balance
     * {@code sum_(i in N_k) q_ki + m_k - x_k = 0}. Communities do not trade with each other.
     */
    COMMUNITY("community"),

    /**
     * Local P2P markets: members trade only with their manager; managers trade bilaterally with
     * each other and with the grid: pairs {@code (i, k)}, {@code (k, k')}, {@code (k, grid)}.
     */
    LOCAL_P2P("local-p2p"),

    /**
     * Hybrid: members trade bilaterally inside and across communities (the population's trading
     * rule) and with their manager; managers trade with each other and the grid at the upper level:
     * pairs {@code (i, j)}, {@code (i, k)}, {@code (k, k')}, {@code (k, grid)}.
     */
    HYBRID("hybrid");

    private final String label;

    Architecture(String label) {
        this.label = label;
    }

    /**
     * The lower-case name used on the command line and in tables ({@code pool}, {@code full-p2p},
     * ...).
     */
    public String label() {
        return label;
    }

    /**
     * Whether members reach the grid and each other only through a coordinator (pool operator or
     * manager).
     */
    public boolean coordinated() {
        return this == POOL || this == COMMUNITY || this == LOCAL_P2P;
    }
}
