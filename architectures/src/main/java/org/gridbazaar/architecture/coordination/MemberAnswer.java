package org.gridbazaar.architecture.coordination;

/**
 * A member's answer to a price: its least and largest optimal power (equal unless its cost is
 * linear at that price), the slope of its optimal power in the price, and its nearest breakpoint
 * prices below and above, between which its answer is linear in the price.
 *
 * @param version layout version, {@link CoordinationMessage#VERSION}
 * @param round the round it answers
 * @param member the answering member's peer id
 * @param lo least optimal power, kW (positive: it sells)
 * @param hi largest optimal power, kW
 * @param slope {@code dp/dlambda}, kW per $/kWh ({@code >= 0})
 * @param below the nearest breakpoint price below the announced one, $/kWh ({@code -inf}: none)
 * @param above the nearest breakpoint price above, $/kWh ({@code +inf}: none)
 */
public record MemberAnswer(
        int version,
        int round,
        String member,
        double lo,
        double hi,
        double slope,
        double below,
        double above)
        implements CoordinationMessage {

    /** Checks the version, the id and that {@code lo <= hi}. */
    public MemberAnswer {
        CoordinationMessage.requireVersion(version, "member answer");
        CoordinationMessage.requireId(member, "member answer: member");
        if (!(lo <= hi)) {
            throw new IllegalArgumentException(
                    "member answer of " + member + ": lo " + lo + " > hi " + hi + " kW");
        }
    }
}
