package org.gridbazaar.architecture.coordination;

import java.util.List;

/**
 * Some members' agents did not answer within the transport's time-out (their process stopped, or
 * the network between them and the platform is cut). The clearing cannot go on without them: their
 * coordinator's price needs every member's answer.
 */
public final class MemberUnresponsiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The members that did not answer (peer ids), in the order they were addressed. */
    private final transient List<String> members;

    private final int round;

    /**
     * An exception for {@code members} that did not answer in round {@code round}.
     *
     * @param detail where they ran and how long the platform waited
     */
    public MemberUnresponsiveException(List<String> members, int round, String detail) {
        super(
                (members.size() == 1 ? "member " : "members ")
                        + String.join(", ", members)
                        + " did not answer in round "
                        + round
                        + ": "
                        + detail);
        this.members = List.copyOf(members);
        this.round = round;
    }

    /** The members that did not answer. */
    public List<String> members() {
        return members;
    }

    /** The round they did not answer (0: while starting, -1: the settlement). */
    public int round() {
        return round;
    }
}
