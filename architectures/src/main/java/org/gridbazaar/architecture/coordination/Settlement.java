package org.gridbazaar.architecture.coordination;

/**
 * The last message of a clearing to one member: the clearing price and its share of its range of
 * optima there (which point of {@code [lo, hi]} it takes, when its cost is linear at the price).
 *
 * @param version layout version, {@link CoordinationMessage#VERSION}
 * @param coordinator the coordinator's peer id
 * @param member the member's peer id
 * @param price the clearing price, $/kWh
 * @param share in {@code [0, 1]}: the member takes {@code lo + share (hi - lo)} kW
 */
public record Settlement(int version, String coordinator, String member, double price, double share)
        implements CoordinationMessage {

    /** Checks the version, the ids, that the price is finite and the share in [0, 1]. */
    public Settlement {
        CoordinationMessage.requireVersion(version, "settlement");
        CoordinationMessage.requireId(coordinator, "settlement: coordinator");
        CoordinationMessage.requireId(member, "settlement: member");
        if (!Double.isFinite(price) || !(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(
                    "settlement to "
                            + member
                            + ": price must be finite and share in [0, 1], got "
                            + price
                            + " and "
                            + share);
        }
    }

    /** A settlement of the current version. */
    public static Settlement of(String coordinator, String member, double price, double share) {
        return new Settlement(VERSION, coordinator, member, price, share);
    }
}
