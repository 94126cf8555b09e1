package org.gridbazaar.mechanism;

/**
 * Where a demand curve and a supply curve cross: the clearing price, $/kWh, the quantity traded, kW
 * (positive, bought by the demand side and sold by the supply side), and what kind of crossing it
 * was, which says which tie rule chose them.
 *
 * <p><b>Tolerance.</b> Demand and supply are taken to agree at a price when their quantities there
 * differ by at most {@code toleranceKw} (at a step, when their ranges come that close). The
 * default, {@link #DEFAULT_RELATIVE_TOLERANCE} times the largest absolute quantity of either curve,
 * is far above the rounding of sums and interpolations (about 1e-16 relative per operation) and far
 * below any quantity a bid means: two representations of one bid that differ only in rounding clear
 * alike.
 *
 * <p>Prices that differ only by rounding are one price too: the quantity at the clearing price is
 * read over the prices within {@link #DEFAULT_RELATIVE_PRICE_TOLERANCE} of the curves' largest
 * absolute breakpoint price, so the clearing quantity is on both curves at prices that close to the
 * clearing price (and within the quantity tolerance).
 *
 * <p><b>Tie rules.</b> Let {@code E(p) = demand(p) - supply(p)}, the excess demand, which never
 * increases with price; the prices where {@code |E| <= tolerance} form one closed range {@code [pa,
 * pb]}, cut to the prices where either curve has a breakpoint (beyond them both curves are
 * constant, and a bid says nothing there).
 *
 * <ul>
 *   <li>{@link Kind#POINT}: the range is one price (up to the tolerance); the quantity is the one
 *       both curves take there.
 *   <li>{@link Kind#FLAT}: the curves coincide over a range of prices (both flat at one quantity,
 *       on at least one whole segment between breakpoints longer than the price tolerance). The
 *       price is the <em>midpoint</em> of the range: every price in it clears the same quantity
 *       with the same welfare, and the midpoint splits the surplus of the range evenly between
 *       buyers and sellers, and, unlike either end, it moves only as much as the ends move when the
 *       curves are perturbed (the ends are where the curves leave each other, by more than the
 *       tolerance, so rounding noise cannot move them far).
 *   <li>{@link Kind#STEP}: at the clearing price both curves have steps that overlap on a range of
 *       quantities. The quantity is the <em>largest</em> of the overlap: every quantity in it has
 *       the same welfare (the marginal units are valued at the clearing price by both sides), and
 *       the largest serves the most bids on both sides, the volume rule of power exchanges.
 *   <li>{@link Kind#SUPPLY_SHORT}: demand exceeds supply by more than the tolerance at every price;
 *       {@link Kind#DEMAND_SHORT}: supply exceeds demand at every price. There is no trade: the
 *       price is NaN and the quantity 0.
 * </ul>
 *
 * <p><b>Termination.</b> {@link #between} is one forward merge over the two curves' breakpoints
 * (each visited at most once, in order of price, stopping once supply exceeds demand) and four
 * binary searches (each curve's quantities just below and above the clearing price); it never
 * iterates on prices, so no rounding artefact can make it loop, and its work is {@code O(n)} for
 * {@code n} breakpoints in all.
 *
 * @param price the clearing price, $/kWh; NaN when there is no trade
 * @param quantityKw the quantity traded, kW; 0 when there is no trade
 * @param kind the kind of crossing: which tie rule chose price and quantity
 */
public record Clearing(double price, double quantityKw, Kind kind) {

    /** The default tolerance relative to the larger scale of the two curves: 1e-9. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-9;

    /**
     * The price tolerance relative to the largest absolute breakpoint price of the two curves,
     * 1e-12: the quantity of a crossing is read over the prices this close to the clearing price,
     * so that two steps whose prices differ only by rounding overlap as at one price.
     */
    public static final double DEFAULT_RELATIVE_PRICE_TOLERANCE = 1e-12;

    /** The kinds of crossing; see the tie rules in {@link Clearing}. */
    public enum Kind {
        /** The curves cross at one price and one quantity. */
        POINT,
        /** The curves coincide over a range of prices: cleared at its midpoint. */
        FLAT,
        /** The curves' steps overlap on a range of quantities: the largest is traded. */
        STEP,
        /** Demand exceeds supply at every price: no trade. */
        SUPPLY_SHORT,
        /** Supply exceeds demand at every price: no trade. */
        DEMAND_SHORT
    }

    /** Checks that a trade has a finite price and no trade has quantity 0. */
    public Clearing {
        if (kind == null) {
            throw new IllegalArgumentException("clearing: kind is null");
        }
        boolean trade = kind != Kind.SUPPLY_SHORT && kind != Kind.DEMAND_SHORT;
        if (trade && (!Double.isFinite(price) || !Double.isFinite(quantityKw))) {
            throw new IllegalArgumentException(
                    "clearing "
                            + kind
                            + " at "
                            + price
                            + " $/kWh, "
                            + quantityKw
                            + " kW is not finite");
        }
        if (!trade && (!Double.isNaN(price) || quantityKw != 0)) {
            throw new IllegalArgumentException(
                    "clearing "
                            + kind
                            + " has no trade: price NaN and quantity 0, not "
                            + price
                            + " $/kWh, "
                            + quantityKw
                            + " kW");
        }
    }

    /** Whether the curves crossed (any kind but the two shorts). */
    public boolean hasTrade() {
        return kind != Kind.SUPPLY_SHORT && kind != Kind.DEMAND_SHORT;
    }

    /**
     * The default tolerance for two curves, kW: {@link #DEFAULT_RELATIVE_TOLERANCE} times their
     * largest absolute quantity.
     */
    public static double defaultToleranceKw(BidCurve demand, BidCurve supply) {
        return DEFAULT_RELATIVE_TOLERANCE
                * Math.max(demand.maxAbsQuantityKw(), supply.maxAbsQuantityKw());
    }

    /** {@link #between(BidCurve, BidCurve, double)} with {@link #defaultToleranceKw}. */
    public static Clearing between(BidCurve demand, BidCurve supply) {
        return between(demand, supply, defaultToleranceKw(demand, supply));
    }

    /**
     * Clears {@code demand} against {@code supply} by the tie rules of this class.
     *
     * @param toleranceKw the largest difference of quantities still taken as agreement, kW, finite
     *     and non-negative
     * @throws IllegalArgumentException if the sides are not demand and supply, or the tolerance is
     *     negative or not finite
     */
    public static Clearing between(BidCurve demand, BidCurve supply, double toleranceKw) {
        return new CurveCrossing(demand, supply, toleranceKw).clear();
    }
}
