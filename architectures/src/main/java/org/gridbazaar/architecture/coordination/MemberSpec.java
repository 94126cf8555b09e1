package org.gridbazaar.architecture.coordination;

/**
 * Everything one member's agent starts from, sent once to the place that hosts it: the member's own
 * power bounds and cost, and the margin its coordinator charges on every kW it trades. Nothing here
 * is another participant's data.
 *
 * <p>The member's problem at price {@code lambda} ($/kWh) is {@code min 0.5 a p^2 + b p - lambda p
 * + margin |p|} over {@code lower <= p <= upper} (kW, positive when it sells).
 *
 * @param version layout version, {@link CoordinationMessage#VERSION}
 * @param member the member's peer id
 * @param coordinator the peer id of its coordinator (pool operator or community manager)
 * @param lower its least power, kW (negative: it consumes)
 * @param upper its largest power, kW
 * @param quadratic {@code a} of its cost {@code 0.5 a p^2 + b p}, $/kWh per kW ({@code >= 0})
 * @param linear {@code b} of its cost, $/kWh
 * @param margin what its coordinator charges per kW traded either way, $/kWh ({@code >= 0})
 */
public record MemberSpec(
        int version,
        String member,
        String coordinator,
        double lower,
        double upper,
        double quadratic,
        double linear,
        double margin)
        implements CoordinationMessage {

    /** Checks the version, the ids, the bounds and the signs of the cost and margin. */
    public MemberSpec {
        CoordinationMessage.requireVersion(version, "member spec");
        CoordinationMessage.requireId(member, "member spec: member");
        CoordinationMessage.requireId(coordinator, "member spec of " + member + ": coordinator");
        if (!(lower <= upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException(
                    "member spec of "
                            + member
                            + ": bounds must be finite with lower <= upper, got ["
                            + lower
                            + ", "
                            + upper
                            + "] kW");
        }
        if (!(quadratic >= 0) || !Double.isFinite(quadratic) || !Double.isFinite(linear)) {
            throw new IllegalArgumentException(
                    "member spec of "
                            + member
                            + ": cost needs a finite quadratic >= 0 and a finite linear term, got "
                            + quadratic
                            + " and "
                            + linear);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException(
                    "member spec of " + member + ": margin must be finite and >= 0, got " + margin);
        }
    }

    /** A spec of the current version. */
    public static MemberSpec of(
            String member,
            String coordinator,
            double lower,
            double upper,
            double quadratic,
            double linear,
            double margin) {
        return new MemberSpec(
                VERSION, member, coordinator, lower, upper, quadratic, linear, margin);
    }
}
