package org.gridbazaar.architecture.coordination;

/**
 * A member's confirmation of its settlement: the power it takes.
 *
 * @param version layout version, {@link CoordinationMessage#VERSION}
 * @param member the member's peer id
 * @param power its set-point, kW (positive: it sells)
 */
public record SetPoint(int version, String member, double power) implements CoordinationMessage {

    /** Checks the version and the id. */
    public SetPoint {
        CoordinationMessage.requireVersion(version, "set-point");
        CoordinationMessage.requireId(member, "set-point: member");
    }
}
