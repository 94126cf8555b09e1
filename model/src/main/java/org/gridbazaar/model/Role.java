package org.gridbazaar.model;

/**
 * What a peer may do in the market at the time step being cleared.
 *
 * <p>Sign convention (seed eq. 12.3 and 12.8–12.9): a peer's net power {@code P_i} is positive when
 * it injects (sells) and negative when it withdraws (buys). A producer has {@code 0 <= min <= max},
 * a consumer {@code min <= max <= 0}, a prosumer any {@code min <= max}.
 */
public enum Role {
    /** Only sells: every trade {@code P_ij >= 0}. */
    PRODUCER,
    /** Only buys: every trade {@code P_ij <= 0}. */
    CONSUMER,
    /** Sells to some partners and buys from others; trades of either sign. */
    PROSUMER;

    /** Whether a peer of this role may sell ({@code P_ij > 0}). */
    public boolean canSell() {
        return this != CONSUMER;
    }

    /** Whether a peer of this role may buy ({@code P_ij < 0}). */
    public boolean canBuy() {
        return this != PRODUCER;
    }

    /**
     * Whether two peers of these roles can trade at all: one of them must be able to sell and the
     * other to buy.
     */
    public boolean canTradeWith(Role other) {
        return (canSell() && other.canBuy()) || (canBuy() && other.canSell());
    }

    /**
     * The lower-case name used in case files ({@code producer}, {@code consumer}, {@code
     * prosumer}).
     */
    public String caseName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
