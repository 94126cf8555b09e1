package org.gridbazaar.solver.cluster.coordination;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.gridbazaar.architecture.coordination.MemberAnswer;
import org.gridbazaar.architecture.coordination.MemberSpec;
import org.gridbazaar.architecture.coordination.PriceAnnouncement;
import org.gridbazaar.architecture.coordination.SetPoint;
import org.gridbazaar.architecture.coordination.Settlement;
import org.gridbazaar.solver.cluster.internal.ClusterMessage;

/**
 * What the platform (where the coordinators run) and a {@link CoordinationNode} (where some
 * members' agents run) say to each other: envelopes around the coordination messages of {@code
 * org.gridbazaar.architecture.coordination}, CBOR-encoded by the cluster's serializer. Every
 * request names its clearing ({@code session}, unique per run) and carries a sequence number; a
 * node answers a repeated request from its last answer without recomputing and ignores an older
 * one, so a duplicated, re-sent or delayed message changes nothing.
 */
public final class CoordinationProtocol {

    private CoordinationProtocol() {}

    /** A request to a node. */
    public sealed interface Command extends ClusterMessage permits Host, Round, Settle, Release {

        /** The clearing it belongs to. */
        String session();
    }

    /** Start one agent per spec; answered by {@link Hosted}. */
    public record Host(String session, List<MemberSpec> members, ActorRef<Hosted> replyTo)
            implements Command {}

    /** The members a node started, with the node's address. */
    public record Hosted(String session, String node, List<String> members)
            implements ClusterMessage {}

    /**
     * Request {@code sequence} (1-based, one per round or settlement) of a clearing: deliver these
     * announcements; answered by {@link Answered}.
     */
    public record Round(
            String session,
            int sequence,
            List<PriceAnnouncement> announcements,
            ActorRef<Answered> replyTo)
            implements Command {}

    /** The answers to request {@code sequence}, in the order of its announcements. */
    public record Answered(String session, int sequence, List<MemberAnswer> answers)
            implements ClusterMessage {}

    /** Request {@code sequence}: deliver these settlements; answered by {@link Settled}. */
    public record Settle(
            String session, int sequence, List<Settlement> settlements, ActorRef<Settled> replyTo)
            implements Command {}

    /** The set-points of request {@code sequence}, in the order of its settlements. */
    public record Settled(String session, int sequence, List<SetPoint> setPoints)
            implements ClusterMessage {}

    /** The clearing is over: stop its agents. */
    public record Release(String session) implements Command {}
}
