package org.gridbazaar.mechanism.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridbazaar.mechanism.BidCurve;

/**
 * What one community did in one period of the real-time loop.
 *
 * @param community the community's name
 * @param curve the demand curve it sent (net import, kW, against the period's price, $/kWh)
 * @param awardKw its net import at the cleared price, read from its own curve, kW (positive when it
 *     buys from the feeder); at a step of the curves, its share of the step; the dispatch holds the
 *     connection at exactly this power
 * @param priceTakingKw its net import had it re-cleared its market at the cleared price without the
 *     award, kW: {@code awardKw - priceTakingKw} is the error of the sampled curve at the cleared
 *     price; NaN when the loop was told not to measure it
 * @param paymentDollars what it pays for the period, $: {@code price * awardKw * dt} (negative when
 *     it is paid)
 * @param memberPowerKw each member's net power in the period, kW (positive: net production)
 * @param storageKwh each storage unit's energy at the end of the period, kWh: where the next period
 *     starts
 */
public record CommunityPeriod(
        String community,
        BidCurve curve,
        double awardKw,
        double priceTakingKw,
        double paymentDollars,
        Map<String, Double> memberPowerKw,
        Map<String, Double> storageKwh) {

    /** Copies the maps, keeping their order. */
    public CommunityPeriod {
        memberPowerKw = Collections.unmodifiableMap(new LinkedHashMap<>(memberPowerKw));
        storageKwh = Collections.unmodifiableMap(new LinkedHashMap<>(storageKwh));
    }

    /**
     * {@code awardKw - priceTakingKw}, kW: how far the curve's answer at the cleared price is from
     * exact re-clearing.
     */
    public double curveErrorKw() {
        return awardKw - priceTakingKw;
    }

    /** The total energy stored by the community's units at the end of the period, kWh. */
    public double storedKwh() {
        return storageKwh.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
