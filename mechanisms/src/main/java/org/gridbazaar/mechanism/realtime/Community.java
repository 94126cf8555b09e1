package org.gridbazaar.mechanism.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.mechanism.CommunityBidding;
import org.gridbazaar.model.Peer;

/**
 * A community of customers taking part in the real-time loop: its members' market over the whole
 * day, where each member sits on the distribution feeder, and how much it may import or export.
 *
 * <p><b>The market.</b> {@link #day()} is a {@link MultiPeriodMarket} of the members over the day
 * (the loop's periods, {@code dt} hours each), without a network and without the grid connection:
 * the loop adds the connection as one peer ({@value CommunityBidding#GRID_PEER}) in every period,
 * as {@link CommunityBidding} does. A member's power follows the market's convention: positive is
 * net production (PV output beyond its own load, a battery discharging), negative is net
 * consumption. Storage units carry their energy from one period of the loop to the next; their
 * targets (for example, back to the initial energy at the end of the day) are enforced once they
 * enter the look-ahead. Ramps and energy windows are refused: the loop does not carry their state
 * from one period to the next yet.
 *
 * <p><b>Placement on the feeder.</b> {@link #busOf()} maps every member id to the feeder bus it is
 * connected to; several members may share a bus, and a member's net power in a period is its active
 * injection at that bus in the AC power flow (reactive power from the member's power factor in the
 * period's market). The community's connection to the LSE is no bus: the LSE delivers at the
 * feeder's root (the substation), and the feeder carries the power to the members.
 *
 * @param name the community's name, not blank
 * @param day the members' market over the whole day
 * @param busOf member id to feeder bus id, one entry per member (copied, order kept)
 * @param connectionKw the largest import and export of the community, kW, positive
 */
public record Community(
        String name, MultiPeriodMarket day, Map<String, String> busOf, double connectionKw) {

    /**
     * Checks the community, listing every problem at once.
     *
     * @throws IllegalArgumentException naming the community and member: blank name, a member
     *     without a bus or a bus without a member, a network, ramps or energy windows, a member
     *     named like the grid peer, a connection limit that is not positive and finite
     */
    public Community {
        List<String> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add("name is blank");
        }
        if (day == null) {
            throw new IllegalArgumentException("community " + name + ": day market is null");
        }
        if (busOf == null) {
            throw new IllegalArgumentException(
                    "community " + name + ": busOf is null; Maybe Map.of(member, bus, ...)");
        }
        busOf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(busOf));
        for (Peer peer : day.peers()) {
            String id = peer.id().value();
            if (!busOf.containsKey(id)) {
                errors.add("member " + id + " has no feeder bus; Maybe add it to busOf");
            }
            if (id.equals(CommunityBidding.GRID_PEER)) {
                errors.add(
                        "member "
                                + id
                                + " is named like the grid connection the loop adds; Maybe rename it");
            }
        }
        for (Map.Entry<String, String> e : busOf.entrySet()) {
            if (day.peers().stream().noneMatch(p -> p.id().value().equals(e.getKey()))) {
                errors.add("busOf: " + e.getKey() + " is not a member of the market " + day.name());
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                errors.add("busOf: member " + e.getKey() + " has a blank bus");
            }
        }
        if (day.period(0).network().isPresent()) {
            errors.add(
                    "the market has a network; the feeder is the loop's, so give the members' buses in busOf instead");
        }
        if (!day.ramps().isEmpty()) {
            errors.add(
                    "members "
                            + day.ramps().keySet()
                            + " have ramps, which the loop does not carry from one period to the next");
        }
        if (!day.energyWindows().isEmpty()) {
            errors.add(
                    "members "
                            + day.energyWindows().keySet()
                            + " have energy windows, which the loop does not carry from one period to the next; Maybe model them as storage");
        }
        if (!(connectionKw > 0) || !Double.isFinite(connectionKw)) {
            errors.add("connection limit " + connectionKw + " kW must be positive and finite");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "community " + name + ":\n  " + String.join("\n  ", errors));
        }
    }

    /** The number of periods of the day. */
    public int periodCount() {
        return day.periodCount();
    }
}
