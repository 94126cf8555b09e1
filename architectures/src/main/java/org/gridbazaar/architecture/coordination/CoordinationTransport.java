package org.gridbazaar.architecture.coordination;

import java.util.List;

/**
 * Carries price coordination's messages between the coordinators (in the platform's process) and
 * the members' agents, in synchronous rounds: {@link #round} returns once every addressed member
 * has answered its announcement. Synchronous rounds keep the algorithm exactly the one analysed
 * (each price update sees every member's answer to the same price), so the result does not depend
 * on where the agents run.
 *
 * <p>Contract: answers come back in the order of the announcements, each the {@link MemberHost}
 * answer of the addressed member (so every transport yields the same doubles); the platform sees
 * members' answers and set-points, never a member's cost or bounds.
 */
public interface CoordinationTransport extends AutoCloseable {

    /** Opens a transport for one clearing. */
    @FunctionalInterface
    interface Factory {

        /**
         * Starts one agent per spec (member ids distinct) wherever this transport runs them.
         *
         * @throws MemberUnresponsiveException when some place that should host agents does not
         *     answer in time
         */
        CoordinationTransport open(List<MemberSpec> members);
    }

    /** The in-process transport: one {@link MemberHost} called on the calling thread. */
    static Factory inProcess() {
        return InProcessCoordination::new;
    }

    /**
     * One round: delivers every announcement and returns the answers, in the same order.
     *
     * @throws MemberUnresponsiveException when some members did not answer in time; the clearing
     *     cannot go on without them
     */
    List<MemberAnswer> round(List<PriceAnnouncement> announcements);

    /**
     * The last messages: delivers every settlement and returns the members' set-points, in the same
     * order.
     *
     * @throws MemberUnresponsiveException when some members did not answer in time
     */
    List<SetPoint> settle(List<Settlement> settlements);

    /** Stops the agents this transport started. */
    @Override
    void close();
}
