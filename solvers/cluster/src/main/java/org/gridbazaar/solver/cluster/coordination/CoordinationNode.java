package org.gridbazaar.solver.cluster.coordination;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.gridbazaar.architecture.coordination.MemberHost;
import org.gridbazaar.solver.cluster.coordination.CoordinationProtocol.Command;
import org.gridbazaar.solver.cluster.internal.ClusterMessage;

/**
 * An actor that hosts the agents of some members of a price coordination (one {@link MemberHost}
 * per clearing) and answers the platform's rounds. It registers with the cluster's receptionist
 * under {@link #SERVICE}; every {@code gridbazaar node} runs one next to its {@code PeerNode}. It
 * keeps each clearing's last answer: a request with the sequence number it last answered (a
 * duplicate or a re-send after a time-out) gets that answer again, an older one is ignored.
 */
public final class CoordinationNode extends AbstractBehavior<Command> {

    /** The receptionist key of every coordination node. */
    public static final ServiceKey<Command> SERVICE =
            ServiceKey.create(Command.class, "gridbazaar-coordination-node");

    /** The actor name a node process gives it. */
    public static final String NAME = "price-coordination";

    /** One clearing's agents and its last answer. */
    private static final class Session {
        final MemberHost host;
        final CoordinationProtocol.Hosted opening;
        int sequence;
        ClusterMessage last;

        Session(MemberHost host, CoordinationProtocol.Hosted opening) {
            this.host = host;
            this.opening = opening;
        }
    }

    private final Map<String, Session> sessions = new HashMap<>();
    private final String address;

    private CoordinationNode(ActorContext<Command> context) {
        super(context);
        address = context.getSystem().address().toString();
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE, context.getSelf()));
    }

    /** A node's behaviour; spawn it once per actor system that should host members' agents. */
    public static Behavior<Command> create() {
        return Behaviors.setup(CoordinationNode::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CoordinationProtocol.Host.class, this::host)
                .onMessage(CoordinationProtocol.Round.class, this::round)
                .onMessage(CoordinationProtocol.Settle.class, this::settle)
                .onMessage(CoordinationProtocol.Release.class, this::release)
                .build();
    }

    private Behavior<Command> host(CoordinationProtocol.Host m) {
        Session s = sessions.get(m.session());
        if (s == null) {
            MemberHost host = new MemberHost(m.members());
            s =
                    new Session(
                            host,
                            new CoordinationProtocol.Hosted(m.session(), address, host.members()));
            sessions.put(m.session(), s);
        }
        m.replyTo().tell(s.opening);
        return this;
    }

    /**
     * The session of a request numbered {@code sequence}, or {@code null} when it was answered
     * before (then {@code resend} gets the last answer again, if it is the last) or is unknown.
     */
    private Session fresh(
            String session, int sequence, java.util.function.Consumer<ClusterMessage> resend) {
        Session s = sessions.get(session);
        if (s == null) {
            getContext()
                    .getLog()
                    .warn("request {} of unknown clearing {} ignored", sequence, session);
            return null;
        }
        if (sequence == s.sequence && s.last != null) {
            resend.accept(s.last); // a duplicate or a re-send: the same answer, nothing recomputed
            return null;
        }
        if (sequence != s.sequence + 1) {
            getContext()
                    .getLog()
                    .debug(
                            "request {} of {} ignored: this node answered {}",
                            sequence,
                            session,
                            s.sequence);
            return null;
        }
        return s;
    }

    private Behavior<Command> round(CoordinationProtocol.Round m) {
        Session s =
                fresh(
                        m.session(),
                        m.sequence(),
                        last -> {
                            if (last instanceof CoordinationProtocol.Answered a) {
                                m.replyTo().tell(a);
                            }
                        });
        if (s != null) {
            CoordinationProtocol.Answered a =
                    new CoordinationProtocol.Answered(
                            m.session(), m.sequence(), s.host.answerAll(m.announcements()));
            s.sequence = m.sequence();
            s.last = a;
            m.replyTo().tell(a);
        }
        return this;
    }

    private Behavior<Command> settle(CoordinationProtocol.Settle m) {
        Session s =
                fresh(
                        m.session(),
                        m.sequence(),
                        last -> {
                            if (last instanceof CoordinationProtocol.Settled a) {
                                m.replyTo().tell(a);
                            }
                        });
        if (s != null) {
            CoordinationProtocol.Settled a =
                    new CoordinationProtocol.Settled(
                            m.session(), m.sequence(), s.host.settleAll(m.settlements()));
            s.sequence = m.sequence();
            s.last = a;
            m.replyTo().tell(a);
        }
        return this;
    }

    private Behavior<Command> release(CoordinationProtocol.Release m) {
        sessions.remove(m.session());
        return this;
    }
}
