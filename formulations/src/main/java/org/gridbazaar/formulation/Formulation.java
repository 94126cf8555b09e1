package org.gridbazaar.formulation;

import org.gridbazaar.model.Market;

/**
 * Turns a {@link Market} into a {@link MarketProblem}. Stateless; the returned {@link
 * FormulatedMarket} remembers how nodes and arcs map to peers and trades, so that a {@link
 * ProblemSolution} can be read back as a result keyed by peer ids.
 */
public interface Formulation {

    /** A short name, e.g. {@code p2p}. */
    String name();

    /**
     * Formulates a market. Congestion penalties must have their lines resolved (not {@code auto});
     * {@code MarketClearing} resolves them.
     *
     * @throws IllegalArgumentException if the market uses a feature this formulation does not
     *     cover, saying which
     */
    FormulatedMarket formulate(Market market);
}
