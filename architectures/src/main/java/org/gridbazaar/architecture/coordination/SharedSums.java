package org.gridbazaar.architecture.coordination;

/**
 * What one manager tells another in local P2P after a round: the sum of its members' answers (the
 * same five numbers as a {@link MemberAnswer}, summed: powers and slopes add, breakpoints are the
 * nearest of any member), from which every manager computes the same next price.
 *
 * @param version layout version, {@link CoordinationMessage#VERSION}
 * @param round the round
 * @param from the sending manager's peer id
 * @param to the receiving manager's peer id
 * @param lo summed least optimal power, kW
 * @param hi summed largest optimal power, kW
 * @param slope summed slope, kW per $/kWh
 * @param below nearest breakpoint below, $/kWh
 * @param above nearest breakpoint above, $/kWh
 */
public record SharedSums(
        int version,
        int round,
        String from,
        String to,
        double lo,
        double hi,
        double slope,
        double below,
        double above)
        implements CoordinationMessage {

    /** Checks the version and the ids. */
    public SharedSums {
        CoordinationMessage.requireVersion(version, "shared sums");
        CoordinationMessage.requireId(from, "shared sums: from");
        CoordinationMessage.requireId(to, "shared sums: to");
    }
}
