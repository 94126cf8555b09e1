package org.gridbazaar.mechanism.realtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.mechanism.BidCurve;

/**
 * The load-serving entity's (LSE's) offer to the communities of a feeder in each period: it sells
 * at the wholesale price plus delivery charges, buys back at the wholesale price, and both up to
 * the substation's limit.
 *
 * <p>As a {@link BidCurve.Side#SUPPLY supply} curve of period {@code t} (positive: power the LSE
 * sells into the feeder, kW; negative: power it takes out of the feeder), with wholesale price
 * {@code w_t} and delivery charge {@code d} ($/kWh) and substation limit {@code S} (kW):
 *
 * <pre>
 *   (w_t, -S), (w_t, 0), (w_t + d, 0), (w_t + d, S)
 * </pre>
 *
 * a step at {@code w_t} (it takes up to {@code S} kW of export at that price), a flat at 0 between
 * the two prices (no trade with the wholesale market: the communities balance among themselves at a
 * price in between), and a step at {@code w_t + d} (it delivers up to {@code S} kW). With no
 * delivery charge the two steps are one, from {@code -S} to {@code S}. Beyond its breakpoints the
 * curve keeps its end quantities: above {@code w_t + d} the LSE offers no more than {@code S}, so a
 * demand beyond the limit raises the price until the communities' curves fall to {@code S}.
 *
 * <p>Losses of the feeder are not in the curve: the LSE buys them at the wholesale price (see
 * {@link RealTimeDay#lseLossCost()}).
 *
 * @param wholesale the wholesale price per period, $/kWh (copied; read with {@link
 *     #wholesale(int)})
 * @param deliveryCharge delivery charges added to the wholesale price on power sold to the feeder,
 *     $/kWh, non-negative
 * @param substationLimitKw the largest power through the substation either way, kW, positive
 */
public record LseSupply(double[] wholesale, double deliveryCharge, double substationLimitKw) {

    /**
     * Checks the offer, listing every problem.
     *
     * @throws IllegalArgumentException when there is no period, a price is not finite, the delivery
     *     charge is negative or the limit not positive
     */
    public LseSupply {
        List<String> errors = new ArrayList<>();
        if (wholesale == null || wholesale.length == 0) {
            errors.add("no wholesale prices; give one per period ($/kWh)");
        } else {
            wholesale = wholesale.clone();
            for (int t = 0; t < wholesale.length; t++) {
                if (!Double.isFinite(wholesale[t])) {
                    errors.add(
                            "wholesale price of period "
                                    + t
                                    + " is "
                                    + wholesale[t]
                                    + "; it must be finite");
                }
            }
        }
        if (!(deliveryCharge >= 0) || !Double.isFinite(deliveryCharge)) {
            errors.add(
                    "delivery charge " + deliveryCharge + " $/kWh must be finite and non-negative");
        }
        if (!(substationLimitKw > 0) || !Double.isFinite(substationLimitKw)) {
            errors.add("substation limit " + substationLimitKw + " kW must be positive and finite");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("LSE supply:\n  " + String.join("\n  ", errors));
        }
    }

    /** The wholesale prices, $/kWh (a copy). */
    @Override
    public double[] wholesale() {
        return wholesale.clone();
    }

    /** The number of periods. */
    public int periodCount() {
        return wholesale.length;
    }

    /** The wholesale price of period {@code t}, $/kWh: the price at which the LSE buys back. */
    public double wholesale(int t) {
        return wholesale[t];
    }

    /** The price at which the LSE sells in period {@code t}, $/kWh: wholesale plus delivery. */
    public double retail(int t) {
        return wholesale[t] + deliveryCharge;
    }

    /** The LSE's supply curve of period {@code t}; see the class comment. */
    public BidCurve curve(int t) {
        double w = wholesale[t], r = retail(t), s = substationLimitKw;
        if (r == w) {
            return BidCurve.of(BidCurve.Side.SUPPLY, new double[] {w, w}, new double[] {-s, s});
        }
        return BidCurve.of(
                BidCurve.Side.SUPPLY, new double[] {w, w, r, r}, new double[] {-s, 0, 0, s});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LseSupply other
                && Arrays.equals(wholesale, other.wholesale)
                && Double.compare(deliveryCharge, other.deliveryCharge) == 0
                && Double.compare(substationLimitKw, other.substationLimitKw) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(wholesale) + Double.hashCode(deliveryCharge))
                + Double.hashCode(substationLimitKw);
    }

    @Override
    public String toString() {
        return "LseSupply[wholesale="
                + Arrays.toString(wholesale)
                + ", deliveryCharge="
                + deliveryCharge
                + ", substationLimitKw="
                + substationLimitKw
                + "]";
    }
}
