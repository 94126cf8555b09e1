package org.gridbazaar.architecture.coordination;

/**
 * A coordinator's price to one member for one round.
 *
 * @param version layout version, {@link CoordinationMessage#VERSION}
 * @param round the round of the coordinator's market (1-based)
 * @param coordinator the announcing coordinator's peer id
 * @param member the member's peer id
 * @param price the price, $/kWh: what the member receives per kWh it sells (pays per kWh it buys),
 *     before its coordinator's margin
 */
public record PriceAnnouncement(
        int version, int round, String coordinator, String member, double price)
        implements CoordinationMessage {

    /** Checks the version, the round, the ids and that the price is finite. */
    public PriceAnnouncement {
        CoordinationMessage.requireVersion(version, "price announcement");
        CoordinationMessage.requireId(coordinator, "price announcement: coordinator");
        CoordinationMessage.requireId(member, "price announcement: member");
        if (round < 1 || !Double.isFinite(price)) {
            throw new IllegalArgumentException(
                    "price announcement to "
                            + member
                            + ": round must be >= 1 and the price finite, got "
                            + round
                            + " and "
                            + price);
        }
    }

    /** An announcement of the current version. */
    public static PriceAnnouncement of(int round, String coordinator, String member, double price) {
        return new PriceAnnouncement(VERSION, round, coordinator, member, price);
    }
}
