package org.gridbazaar.mechanism.realtime;

import java.util.List;
import org.gridbazaar.grid.AcPowerFlowResult;
import org.gridbazaar.mechanism.BidCurve;
import org.gridbazaar.mechanism.Clearing;

/**
 * One period of the real-time loop: the clearing of the communities' curves against the LSE's
 * supply curve, each community's award and dispatch, and the AC power flow of the feeder at that
 * dispatch.
 *
 * @param period the period, from 0
 * @param lseCurve the LSE's supply curve of the period
 * @param aggregate the sum of the communities' curves (net import of the feeder, kW)
 * @param clearing where they cross: the price ($/kWh), the quantity (kW) and the tie rule used
 * @param communities each community's period, in the order the communities were given
 * @param powerFlow the AC power flow of the feeder with the members' dispatched powers as
 *     injections at their buses; the substation (root) supplies the rest and the losses
 */
public record PeriodOutcome(
        int period,
        BidCurve lseCurve,
        BidCurve aggregate,
        Clearing clearing,
        List<CommunityPeriod> communities,
        AcPowerFlowResult powerFlow) {

    /** Copies the list. */
    public PeriodOutcome {
        communities = List.copyOf(communities);
    }

    /** The cleared price, $/kWh. */
    public double price() {
        return clearing.price();
    }

    /**
     * The power the LSE delivers into the feeder for the communities, kW: the sum of the awards
     * (negative when the feeder exports). It equals the clearing's quantity to the clearing's
     * tolerance; money is settled on it.
     */
    public double lseSupplyKw() {
        double s = 0;
        for (CommunityPeriod c : communities) {
            s += c.awardKw();
        }
        return s;
    }

    /** The feeder's active losses, kW, from the AC power flow. */
    public double lossesKw() {
        return powerFlow.lossesKw();
    }

    /** The community period of {@code name}. */
    public CommunityPeriod community(String name) {
        return communities.stream()
                .filter(c -> c.community().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no community " + name + " in period " + period));
    }
}
