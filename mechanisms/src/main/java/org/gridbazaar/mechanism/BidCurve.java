package org.gridbazaar.mechanism;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A monotone piecewise-linear price-quantity curve: quantity in kW as a function of price in $/kWh,
 * given by its breakpoints and linear between them.
 *
 * <p><b>Sign convention.</b> A {@link Side#DEMAND demand} curve gives net demand: positive quantity
 * is power bought (imported), negative is power sold (a community that exports at high prices), and
 * the quantity never increases with price. A {@link Side#SUPPLY supply} curve gives power offered:
 * positive is power sold, and the quantity never decreases with price.
 *
 * <p><b>Breakpoints.</b> Prices are sorted (non-decreasing). Two consecutive breakpoints at one
 * price are a <em>step</em>: at that price the curve takes the whole range of quantities between
 * them (a block bid); there are never more than two at one price. Two consecutive breakpoints with
 * one quantity are a <em>flat</em>: the curve takes that quantity over the range of prices between
 * them. Below the first breakpoint's price the curve keeps the first quantity, above the last it
 * keeps the last (a bid says nothing beyond its prices, so it neither grows nor vanishes there). A
 * single breakpoint is a constant curve.
 *
 * <p><b>Exact aggregation.</b> {@link #sum} evaluates every member at the union of all members'
 * breakpoint prices, each once, and adds the values; a member with a step at a price contributes
 * both ends, so the sum has a step there (two breakpoints at one price). No new prices are created
 * and nothing is resampled, so the sum equals the members' sum everywhere up to the rounding of one
 * interpolation and one addition per member and price. The members are added in a canonical order
 * (sorted by their breakpoints), so the sum of a list does not depend on the list's order: it is
 * commutative bit for bit. Nested sums ({@code sum(sum(a, b), c)}) interpolate an already rounded
 * sum, so associativity holds to rounding (the tests check 1e-12 relative). The canonical order is
 * one fixed order at every price, and a rounded addition is monotone in each argument, so a sum of
 * monotone curves is monotone after rounding too.
 *
 * <p>Instances are immutable; equality is equality of side and breakpoints.
 */
public final class BidCurve {

    /** Which way a curve runs: demand falls with price, supply rises. */
    public enum Side {
        /** Net demand, kW, non-increasing in price; positive is power bought. */
        DEMAND,
        /** Supply offered, kW, non-decreasing in price; positive is power sold. */
        SUPPLY
    }

    private final Side side;
    private final double[] prices;
    private final double[] quantities;

    private BidCurve(Side side, double[] prices, double[] quantities) {
        this.side = side;
        this.prices = prices;
        this.quantities = quantities;
    }

    /** A demand curve through {@code breakpoints}, in order of price. */
    public static BidCurve demand(Breakpoint... breakpoints) {
        return of(Side.DEMAND, Arrays.asList(breakpoints));
    }

    /** A supply curve through {@code breakpoints}, in order of price. */
    public static BidCurve supply(Breakpoint... breakpoints) {
        return of(Side.SUPPLY, Arrays.asList(breakpoints));
    }

    /** A curve of {@code side} through {@code breakpoints}, in order of price. */
    public static BidCurve of(Side side, List<Breakpoint> breakpoints) {
        double[] p = new double[breakpoints.size()];
        double[] q = new double[breakpoints.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = breakpoints.get(i).price();
            q[i] = breakpoints.get(i).quantityKw();
        }
        return checked(side, p, q);
    }

    /**
     * A curve of {@code side} through the breakpoints {@code (prices[i], quantitiesKw[i])}; the
     * arrays are copied.
     *
     * @throws IllegalArgumentException listing every violation, one line each: lengths differ, no
     *     breakpoint, a coordinate not finite, prices unsorted, more than two breakpoints at one
     *     price, a repeated breakpoint, or quantities against the side's direction
     */
    public static BidCurve of(Side side, double[] prices, double[] quantitiesKw) {
        if (prices.length != quantitiesKw.length) {
            throw new IllegalArgumentException(
                    "bid curve: "
                            + prices.length
                            + " prices but "
                            + quantitiesKw.length
                            + " quantities; each breakpoint is one price and one quantity");
        }
        return checked(side, prices.clone(), quantitiesKw.clone());
    }

    private static BidCurve checked(Side side, double[] p, double[] q) {
        if (side == null) {
            throw new IllegalArgumentException(
                    "bid curve: side is null; Maybe BidCurve.Side.DEMAND or SUPPLY");
        }
        List<String> errors = violations(side, p, q);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "bid curve ("
                            + side.name().toLowerCase()
                            + ", "
                            + p.length
                            + " breakpoints) is invalid:\n  "
                            + String.join("\n  ", errors));
        }
        return new BidCurve(side, p, q);
    }

    private static final int MAX_REPORTED = 20;

    private static List<String> violations(Side side, double[] p, double[] q) {
        List<String> errors = new ArrayList<>();
        if (p.length == 0) {
            errors.add("no breakpoints; a constant curve is one breakpoint");
            return errors;
        }
        for (int i = 0; i < p.length; i++) {
            if (errors.size() == MAX_REPORTED) {
                errors.add(
                        "... and possibly more after breakpoint "
                                + (i - 1)
                                + " (the first "
                                + MAX_REPORTED
                                + " are shown)");
                break;
            }
            if (!Double.isFinite(p[i]) || !Double.isFinite(q[i])) {
                errors.add(
                        "breakpoint "
                                + i
                                + ": ("
                                + p[i]
                                + " $/kWh, "
                                + q[i]
                                + " kW) is not finite");
                continue;
            }
            if (i == 0 || !Double.isFinite(p[i - 1]) || !Double.isFinite(q[i - 1])) {
                continue;
            }
            if (p[i] < p[i - 1]) {
                errors.add(
                        "breakpoint "
                                + i
                                + ": price "
                                + p[i]
                                + " $/kWh is below the previous "
                                + p[i - 1]
                                + "; Maybe sort the breakpoints by price");
            } else if (p[i] == p[i - 1]) {
                if (i >= 2 && p[i - 2] == p[i]) {
                    errors.add(
                            "breakpoints "
                                    + (i - 2)
                                    + " to "
                                    + i
                                    + " share price "
                                    + p[i]
                                    + " $/kWh; a step is two breakpoints at one price: keep its first and last");
                } else if (q[i] == q[i - 1]) {
                    errors.add(
                            "breakpoint "
                                    + i
                                    + ": repeats breakpoint "
                                    + (i - 1)
                                    + " ("
                                    + p[i]
                                    + " $/kWh, "
                                    + q[i]
                                    + " kW); Maybe drop it");
                }
            }
            if (side == Side.DEMAND && q[i] > q[i - 1]) {
                errors.add(
                        "breakpoint "
                                + i
                                + ": demand rises from "
                                + q[i - 1]
                                + " to "
                                + q[i]
                                + " kW as price goes from "
                                + p[i - 1]
                                + " to "
                                + p[i]
                                + " $/kWh; demand never rises with price: Maybe this is a supply curve");
            } else if (side == Side.SUPPLY && q[i] < q[i - 1]) {
                errors.add(
                        "breakpoint "
                                + i
                                + ": supply falls from "
                                + q[i - 1]
                                + " to "
                                + q[i]
                                + " kW as price goes from "
                                + p[i - 1]
                                + " to "
                                + p[i]
                                + " $/kWh; supply never falls with price: Maybe this is a demand curve");
            }
        }
        return errors;
    }

    /** Demand or supply. */
    public Side side() {
        return side;
    }

    /** The number of breakpoints, at least 1. */
    public int size() {
        return prices.length;
    }

    /** The price of breakpoint {@code i}, $/kWh. */
    public double price(int i) {
        return prices[i];
    }

    /** The quantity of breakpoint {@code i}, kW. */
    public double quantityKw(int i) {
        return quantities[i];
    }

    /** The breakpoints in order of price (an unmodifiable view). */
    public List<Breakpoint> breakpoints() {
        return new AbstractList<>() {
            @Override
            public Breakpoint get(int i) {
                return new Breakpoint(prices[i], quantities[i]);
            }

            @Override
            public int size() {
                return prices.length;
            }
        };
    }

    /** The first breakpoint's price, $/kWh. */
    public double minPrice() {
        return prices[0];
    }

    /** The last breakpoint's price, $/kWh. */
    public double maxPrice() {
        return prices[prices.length - 1];
    }

    /** The largest absolute quantity of any breakpoint, kW: the curve's scale. */
    public double maxAbsQuantityKw() {
        double m = 0;
        for (double v : quantities) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * The quantities the curve takes at {@code price}, kW: a single quantity, or at the price of a
     * step the step's whole range. Exact at breakpoints; between them one linear interpolation,
     * kept within the segment's ends. Below the first and above the last price, the first and the
     * last quantity.
     *
     * @param price $/kWh, not NaN (infinities read the ends)
     */
    public QuantityRange quantityAt(double price) {
        if (Double.isNaN(price)) {
            throw new IllegalArgumentException("quantityAt: price is NaN");
        }
        int i = lowerBound(prices, price);
        double left = leftAt(i, price);
        double right = rightAt(i, price);
        return left <= right ? new QuantityRange(left, right) : new QuantityRange(right, left);
    }

    /** First index whose price is {@code >= price}, or {@code prices.length}. */
    static int lowerBound(double[] prices, double price) {
        int lo = 0, hi = prices.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prices[mid] < price) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The quantity just below {@code price}, given {@code i = lowerBound(price)}. */
    double leftAt(int i, double price) {
        if (i == prices.length) {
            return quantities[prices.length - 1];
        }
        if (prices[i] == price || i == 0) {
            return quantities[i];
        }
        return interpolate(i - 1, i, price);
    }

    /** The quantity just above {@code price}, given {@code i = lowerBound(price)}. */
    double rightAt(int i, double price) {
        if (i < prices.length
                && prices[i] == price
                && i + 1 < prices.length
                && prices[i + 1] == price) {
            return quantities[i + 1];
        }
        return leftAt(i, price);
    }

    /**
     * The quantity at {@code price} strictly between the distinct prices of {@code a} and {@code
     * b}.
     */
    private double interpolate(int a, int b, double price) {
        double qa = quantities[a], qb = quantities[b];
        if (qa == qb) {
            return qa;
        }
        double t = (price - prices[a]) / (prices[b] - prices[a]);
        double v = qa + (qb - qa) * t;
        double lo = Math.min(qa, qb), hi = Math.max(qa, qb);
        return v < lo ? lo : v > hi ? hi : v;
    }

    /**
     * The prices at which the curve takes {@code quantityKw}, $/kWh: a single price, or on a flat
     * segment at that quantity the flat's whole range; unbounded on the side where the curve is
     * constant beyond its breakpoints at that quantity. Empty when the curve never takes the
     * quantity (above its largest or below its smallest). On a step the price is the step's.
     *
     * @param quantityKw kW, finite
     */
    public Optional<PriceRange> priceAt(double quantityKw) {
        if (!Double.isFinite(quantityKw)) {
            throw new IllegalArgumentException(
                    "priceAt: quantity " + quantityKw + " kW is not finite");
        }
        // read a demand curve as a supply curve of -quantity: s is non-decreasing
        double sign = side == Side.DEMAND ? -1 : 1;
        double x = sign * quantityKw;
        int n = prices.length;
        if (x < sign * quantities[0] || x > sign * quantities[n - 1]) {
            return Optional.empty();
        }
        double low;
        if (sign * quantities[0] >= x) {
            low = Double.NEGATIVE_INFINITY;
        } else {
            int i = 1;
            while (sign * quantities[i] < x) {
                i++;
            }
            low = crossing(i - 1, i, x, sign);
        }
        double high;
        if (sign * quantities[n - 1] <= x) {
            high = Double.POSITIVE_INFINITY;
        } else {
            int i = n - 2;
            while (sign * quantities[i] > x) {
                i--;
            }
            high = crossing(i, i + 1, x, sign);
        }
        return Optional.of(new PriceRange(low, Math.max(low, high)));
    }

    /**
     * The price between breakpoints {@code a < b} where {@code sign * quantity} equals {@code x}.
     */
    private double crossing(int a, int b, double x, double sign) {
        double sa = sign * quantities[a], sb = sign * quantities[b];
        if (x == sa) {
            return prices[a];
        }
        if (x == sb || prices[a] == prices[b]) {
            return prices[b];
        }
        double v = prices[a] + (x - sa) / (sb - sa) * (prices[b] - prices[a]);
        return v < prices[a] ? prices[a] : v > prices[b] ? prices[b] : v;
    }

    /** {@link #sum(List)} of the given curves. */
    public static BidCurve sum(BidCurve... curves) {
        return sum(Arrays.asList(curves));
    }

    /**
     * The sum of curves of one side: at every price, the sum of the members' quantities (at a step,
     * of their ranges). Its breakpoints are the union of the members' breakpoint prices, with a
     * step wherever a member has one; see the class comment for why it is exact and commutative bit
     * for bit. Work is {@code O(U * M)} for {@code U} distinct prices and {@code M} members.
     *
     * @throws IllegalArgumentException if there is no curve or the sides differ
     */
    public static BidCurve sum(List<BidCurve> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException(
                    "sum of no bid curves; the sum needs at least one curve to know its side");
        }
        Side side = curves.get(0).side;
        for (int k = 0; k < curves.size(); k++) {
            if (curves.get(k).side != side) {
                throw new IllegalArgumentException(
                        "sum: curve "
                                + k
                                + " is "
                                + curves.get(k).side
                                + " but curve 0 is "
                                + side
                                + "; Maybe clear demand against supply instead of adding them");
            }
        }
        List<BidCurve> members = new ArrayList<>(curves);
        members.sort(CANONICAL);
        int total = 0;
        for (BidCurve c : members) {
            total += c.prices.length;
        }
        double[] union = new double[total];
        int at = 0;
        for (BidCurve c : members) {
            System.arraycopy(c.prices, 0, union, at, c.prices.length);
            at += c.prices.length;
        }
        Arrays.sort(union);
        int u = 0;
        for (int i = 0; i < union.length; i++) {
            if (u == 0 || union[i] != union[u - 1]) {
                union[u++] = union[i];
            }
        }
        Cursor[] cursors = new Cursor[members.size()];
        for (int k = 0; k < cursors.length; k++) {
            cursors[k] = new Cursor(members.get(k));
        }
        double[] p = new double[2 * u];
        double[] q = new double[2 * u];
        int n = 0;
        for (int j = 0; j < u; j++) {
            double price = union[j];
            double left = 0, right = 0;
            for (Cursor c : cursors) {
                c.moveTo(price);
                left += c.left;
                right += c.right;
            }
            p[n] = price;
            q[n++] = left;
            if (right != left) {
                p[n] = price;
                q[n++] = right;
            }
        }
        return checked(side, Arrays.copyOf(p, n), Arrays.copyOf(q, n));
    }

    /** A total order on curves by their breakpoints: the order members are added in. */
    private static final Comparator<BidCurve> CANONICAL =
            (a, b) -> {
                int c = Integer.compare(a.prices.length, b.prices.length);
                for (int i = 0; c == 0 && i < a.prices.length; i++) {
                    c = Double.compare(a.prices[i], b.prices[i]);
                }
                for (int i = 0; c == 0 && i < a.prices.length; i++) {
                    c = Double.compare(a.quantities[i], b.quantities[i]);
                }
                return c;
            };

    /**
     * Reads a curve at non-decreasing prices in one forward pass: {@link #moveTo} advances an index
     * over the breakpoints and never goes back, so reading all of a sweep's prices costs the number
     * of prices plus the number of breakpoints ({@link #steps} counts both).
     */
    static final class Cursor {
        final BidCurve curve;
        int next;
        double left;
        double right;
        long steps;

        Cursor(BidCurve curve) {
            this.curve = curve;
        }

        /** Reads the curve at {@code price}, which must not be below the previous one. */
        void moveTo(double price) {
            double[] p = curve.prices;
            while (next < p.length && p[next] < price) {
                next++;
                steps++;
            }
            steps++;
            left = curve.leftAt(next, price);
            right = curve.rightAt(next, price);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidCurve c
                && c.side == side
                && Arrays.equals(c.prices, prices)
                && Arrays.equals(c.quantities, quantities);
    }

    @Override
    public int hashCode() {
        return side.hashCode() * 31 * 31
                + Arrays.hashCode(prices) * 31
                + Arrays.hashCode(quantities);
    }

    /** The side and up to the first eight breakpoints, as {@code (price $/kWh, quantity kW)}. */
    @Override
    public String toString() {
        StringBuilder s =
                new StringBuilder("BidCurve[").append(side.name().toLowerCase()).append(':');
        for (int i = 0; i < Math.min(8, prices.length); i++) {
            s.append(" (").append(prices[i]).append(", ").append(quantities[i]).append(')');
        }
        if (prices.length > 8) {
            s.append(" ... ").append(prices.length).append(" breakpoints");
        }
        return s.append(']').toString();
    }
}
