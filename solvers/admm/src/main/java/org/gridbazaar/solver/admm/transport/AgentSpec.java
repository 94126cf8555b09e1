package org.gridbazaar.solver.admm.transport;

/**
 * Everything one peer's agent starts from, sent once to the place that hosts it: the peer's own
 * data (costs, bounds, side constraints), its links, its opening trades and prices, the scales of
 * its channels and the algorithm's settings. Nothing here is another peer's private data: a link
 * carries the peer's own per-kW terms and which directions it may trade, and the channel scales are
 * what the market announces to both ends.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param peer the peer (index in the market)
 * @param rule the update rule
 * @param nodes the market's index of each own node (power first)
 * @param quadratic per own node, {@code a} of the cost {@code 0.5 a x^2 + b x}, $/kW^2
 * @param linear per own node, {@code b}, $/kW
 * @param lower per own node, the lower bound, kW (negative: consumption)
 * @param upper per own node, the upper bound, kW
 * @param sideRows side constraints {@code G x <= g} over the own nodes, one row per constraint
 * @param sideRhs their right-hand sides {@code g}
 * @param partners per link, the partner peer
 * @param commodities per link, the commodity (0 power, 1 heat)
 * @param linkNodes per link, the index of the own node it trades from
 * @param channels per link, the channel (one per unordered peer pair and commodity, shared with the
 *     partner)
 * @param arcOut per link, the market's arc on which the peer sells to the partner, or -1
 * @param arcIn per link, the market's arc on which the peer buys from the partner, or -1
 * @param sellCost per link, the peer's own per-kW term when it sells, $/kW
 * @param buyCost per link, the peer's own per-kW term when it buys, $/kW
 * @param initialTrades per link, the opening trade, kW (positive sells)
 * @param initialPrices per link, the opening price, $/kW, or {@code null} for a cold start (each
 *     end's marginal cost at zero)
 * @param primalScales per link, the channel's trade scale, kW
 * @param dualScales per link, the channel's price scale, $/kW
 * @param reach per own node, its largest injection in any feasible market, kW
 * @param settings the algorithm's settings, the same for every peer
 */
public record AgentSpec(
        int version,
        int peer,
        Rule rule,
        int[] nodes,
        double[] quadratic,
        double[] linear,
        double[] lower,
        double[] upper,
        double[][] sideRows,
        double[] sideRhs,
        int[] partners,
        int[] commodities,
        int[] linkNodes,
        int[] channels,
        int[] arcOut,
        int[] arcIn,
        double[] sellCost,
        double[] buyCost,
        double[] initialTrades,
        double[] initialPrices,
        double[] primalScales,
        double[] dualScales,
        double[] reach,
        Settings settings)
        implements NegotiationMessage {

    /** The update rule of a negotiation. */
    public enum Rule {
        /** Consensus ADMM (Baroche et al. 2019): one price per trade. */
        ADMM,
        /** Relaxed consensus + innovation (Sorin et al. 2019): a price per side. */
        CONSENSUS
    }

    /**
     * The algorithm's settings, the same for every peer (see {@code AdmmOptions} for their
     * meaning).
     *
     * @param rho0 base penalty factor
     * @param sharedPenalty whether both ends of a link use the geometric mean of their base
     *     penalties
     * @param priceStep the price step factor {@code theta}
     * @param gammaRatio proximal weight over penalty (consensus only)
     * @param beta consensus weight on the partner's price (consensus only)
     * @param eta relaxation of the proposal (consensus only)
     * @param freezeTolerance a link whose mismatch and move fall below it freezes, kW (0: never)
     * @param mu residual balancing: ratio that triggers a change
     * @param tau residual balancing: factor of a change
     * @param range residual balancing: largest factor either way
     * @param driftThreshold residual balancing: share of one-way moves that softens a channel (0:
     *     off)
     */
    public record Settings(
            double rho0,
            boolean sharedPenalty,
            double priceStep,
            double gammaRatio,
            double beta,
            double eta,
            double freezeTolerance,
            double mu,
            double tau,
            double range,
            double driftThreshold) {}

    /**
     * Checks the version and that every per-node and per-link array has one entry per node or link.
     */
    public AgentSpec {
        NegotiationMessage.requireVersion(version, "agent spec");
        String who = "agent spec of peer " + peer;
        if (rule == null || settings == null) {
            throw new IllegalArgumentException(who + ": rule and settings are required");
        }
        int n = nodes.length;
        for (double[] v : new double[][] {quadratic, linear, lower, upper, reach}) {
            if (v.length != n) {
                throw new IllegalArgumentException(
                        who + ": " + n + " nodes but " + v.length + " values in a per-node array");
            }
        }
        if (sideRows.length != sideRhs.length) {
            throw new IllegalArgumentException(
                    who
                            + ": "
                            + sideRows.length
                            + " side rows but "
                            + sideRhs.length
                            + " right-hand sides");
        }
        Links.check(
                who,
                peer,
                partners,
                commodities,
                sellCost,
                buyCost,
                initialTrades,
                primalScales,
                dualScales);
        int links = partners.length;
        for (int[] v : new int[][] {linkNodes, channels, arcOut, arcIn}) {
            if (v.length != links) {
                throw new IllegalArgumentException(
                        who
                                + ": "
                                + links
                                + " links but "
                                + v.length
                                + " values in a per-link array");
            }
        }
        if (initialPrices != null && initialPrices.length != links) {
            throw new IllegalArgumentException(
                    who + ": " + links + " links but " + initialPrices.length + " opening prices");
        }
        for (int l = 0; l < links; l++) {
            if (linkNodes[l] < 0 || linkNodes[l] >= n) {
                throw new IllegalArgumentException(
                        who + ": link " + l + " trades from own node " + linkNodes[l] + " of " + n);
            }
        }
    }

    /** The number of links. */
    public int links() {
        return partners.length;
    }
}
