package org.gridbazaar.solver.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.gridbazaar.solver.admm.transport.AgentHost;
import org.gridbazaar.solver.admm.transport.HorizonHost;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.Inbox;
import org.gridbazaar.solver.admm.transport.PeerReport;
import org.gridbazaar.solver.admm.transport.ProposalBoard;
import org.gridbazaar.solver.admm.transport.Proposals;
import org.gridbazaar.solver.cluster.internal.NodeProtocol;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * An actor that hosts the agents of some peers (a batch per negotiation, on one {@link AgentHost})
 * and runs their rounds when the platform asks. It registers itself with the cluster's receptionist
 * under {@link #SERVICE}, so the platform finds every node of the cluster. It keeps each
 * negotiation's last answer: a request for the round it last ran (a duplicate or a re-send after a
 * time-out) gets that answer again, a request for an older round is ignored, so repeated and
 * delayed messages never change an agent's state.
 */
public final class PeerNode extends AbstractBehavior<Command> {

    /** The receptionist key of every node. */
    public static final ServiceKey<Command> SERVICE =
            ServiceKey.create(Command.class, "gridbazaar-peer-node");

    /** One negotiation's agents and its last answer. */
    private static final class Session {
        final AgentHost host;
        final NodeProtocol.Hosted opening;
        NodeProtocol.Stepped last;

        Session(AgentHost host, NodeProtocol.Hosted opening) {
            this.host = host;
            this.opening = opening;
        }

        int round() {
            return last == null ? 0 : last.round();
        }
    }

    /** One negotiation over time: its agents and its last answer. */
    private static final class HorizonSession {
        final HorizonHost host;
        NodeProtocol.HorizonStepped last;

        HorizonSession(HorizonHost host) {
            this.host = host;
        }

        int round() {
            return last == null ? 0 : last.round();
        }
    }

    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, HorizonSession> horizons = new HashMap<>();
    private final String address;
    private final OwnPeers own;

    private PeerNode(ActorContext<Command> context, OwnPeers own) {
        super(context);
        this.own = own;
        address = context.getSystem().address().toString();
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE, context.getSelf()));
    }

    /** A node's behaviour; spawn it once per actor system that should host agents. */
    public static Behavior<Command> create() {
        return Behaviors.setup(c -> new PeerNode(c, null));
    }

    /**
     * The behaviour of a node that hosts the peers {@code own} from its own case (markets over
     * time), and no others.
     */
    public static Behavior<Command> create(OwnPeers own) {
        return Behaviors.setup(c -> new PeerNode(c, own));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NodeProtocol.Host.class, this::host)
                .onMessage(NodeProtocol.Step.class, this::step)
                .onMessage(NodeProtocol.Supports.class, this::supports)
                .onMessage(NodeProtocol.Report.class, this::report)
                .onMessage(NodeProtocol.Release.class, this::release)
                .onMessage(NodeProtocol.HostHorizon.class, this::hostHorizon)
                .onMessage(NodeProtocol.HorizonStep.class, this::horizonStep)
                .onMessage(NodeProtocol.HorizonChecks.class, this::horizonChecks)
                .onMessage(NodeProtocol.HorizonReportRequest.class, this::horizonReports)
                .onMessage(NodeProtocol.Describe.class, this::describe)
                .onMessage(NodeProtocol.HostOwnHorizon.class, this::hostOwnHorizon)
                .build();
    }

    private Behavior<Command> host(NodeProtocol.Host m) {
        Session s = sessions.get(m.session());
        if (s == null) {
            ProposalBoard board = ProposalBoard.local(m.agents());
            AgentHost host = new AgentHost(m.agents(), board, 1);
            List<Proposals> opening = new ArrayList<>(board.peerCount());
            for (int i = 0; i < board.peerCount(); i++) {
                opening.add(board.proposals(i, 0));
            }
            s = new Session(host, new NodeProtocol.Hosted(m.session(), address, opening));
            sessions.put(m.session(), s);
            getContext().getLog().debug("hosting {} agents for {}", board.peerCount(), m.session());
        }
        m.replyTo().tell(s.opening);
        return this;
    }

    private Behavior<Command> step(NodeProtocol.Step m) {
        Session s = sessions.get(m.session());
        if (s == null) {
            getContext()
                    .getLog()
                    .warn(
                            "round {} of unknown negotiation {} ignored",
                            m.start().round(),
                            m.session());
            return this;
        }
        int k = m.start().round();
        if (k == s.round() && s.last != null) {
            m.replyTo()
                    .tell(s.last); // a duplicate or a re-send: the same answer, nothing recomputed
            return this;
        }
        if (k != s.round() + 1) {
            getContext()
                    .getLog()
                    .debug(
                            "round {} of {} ignored: this node has run round {}",
                            k,
                            m.session(),
                            s.round());
            return this;
        }
        ProposalBoard board = s.host.board();
        for (Inbox in : m.inboxes()) {
            board.receive(in);
        }
        s.host.update(m.start());
        List<Proposals> out = new ArrayList<>(board.peerCount());
        for (int i = 0; i < board.peerCount(); i++) {
            out.add(board.proposals(i, k));
        }
        s.last = new NodeProtocol.Stepped(m.session(), k, out, s.host.firstInfeasiblePeer());
        m.replyTo().tell(s.last);
        return this;
    }

    private Behavior<Command> supports(NodeProtocol.Supports m) {
        Session s = sessions.get(m.session());
        if (s != null) {
            ProposalBoard board = s.host.board();
            int[] peers = new int[board.peerCount()];
            for (int i = 0; i < peers.length; i++) {
                peers[i] = board.peerAt(i);
            }
            m.replyTo()
                    .tell(
                            new NodeProtocol.SupportValues(
                                    m.session(),
                                    peers,
                                    s.host.mismatchSupports(m.weighted(), m.volumeBound())));
        }
        return this;
    }

    private Behavior<Command> report(NodeProtocol.Report m) {
        Session s = sessions.get(m.session());
        if (s != null) {
            List<PeerReport> reports = s.host.reports(s.round());
            m.replyTo().tell(new NodeProtocol.Reports(m.session(), reports));
        }
        return this;
    }

    private Behavior<Command> release(NodeProtocol.Release m) {
        Session s = sessions.remove(m.session());
        if (s != null) {
            s.host.close();
        }
        HorizonSession h = horizons.remove(m.session());
        if (h != null) {
            h.host.close();
        }
        return this;
    }

    private Behavior<Command> describe(NodeProtocol.Describe m) {
        m.replyTo()
                .tell(
                        own == null
                                ? new NodeProtocol.Described(m.session(), address, new int[0], "")
                                : new NodeProtocol.Described(
                                        m.session(), address, own.peers(), own.digest()));
        return this;
    }

    /**
     * Starts the agents of this node's own peers from its own case; refuses (no answer, so the
     * platform reports the node) a request for other peers or from a node without a case.
     */
    private Behavior<Command> hostOwnHorizon(NodeProtocol.HostOwnHorizon m) {
        HorizonSession s = horizons.get(m.session());
        if (s == null) {
            if (own == null || !java.util.Arrays.equals(own.peers(), m.peers())) {
                getContext()
                        .getLog()
                        .warn(
                                "asked to host peers {} from its own case, but this node hosts {}",
                                java.util.Arrays.toString(m.peers()),
                                own == null ? "none of its own" : own.ids());
                return this;
            }
            List<HorizonSpec> specs = new ArrayList<>(m.peers().length);
            for (int p : m.peers()) {
                specs.add(HorizonSpec.of(own.market(), p, m.caps(), m.localTolerance()));
            }
            s = new HorizonSession(new HorizonHost(specs, false));
            horizons.put(m.session(), s);
        }
        m.replyTo().tell(new NodeProtocol.HostedHorizon(m.session(), address, s.host.peers()));
        return this;
    }

    private Behavior<Command> hostHorizon(NodeProtocol.HostHorizon m) {
        HorizonSession s = horizons.get(m.session());
        if (s == null) {
            s = new HorizonSession(new HorizonHost(m.agents(), false));
            horizons.put(m.session(), s);
            getContext()
                    .getLog()
                    .debug("hosting {} agents over time for {}", m.agents().size(), m.session());
        }
        m.replyTo().tell(new NodeProtocol.HostedHorizon(m.session(), address, s.host.peers()));
        return this;
    }

    /**
     * A round of a negotiation over time: a repeat of the last round gets the same answer, an older
     * round is ignored, any later one is run (an agent over time keeps no state between rounds that
     * its answer depends on, so a node that joined late answers as one that ran every round).
     */
    private Behavior<Command> horizonStep(NodeProtocol.HorizonStep m) {
        HorizonSession s = horizons.get(m.session());
        if (s == null) {
            getContext()
                    .getLog()
                    .warn("round {} of unknown negotiation {} ignored", m.round(), m.session());
            return this;
        }
        if (s.last != null && m.round() == s.round()) {
            m.replyTo().tell(s.last);
            return this;
        }
        if (m.round() < s.round()) {
            return this;
        }
        s.last = new NodeProtocol.HorizonStepped(m.session(), m.round(), s.host.round(m.prices()));
        m.replyTo().tell(s.last);
        return this;
    }

    private Behavior<Command> horizonChecks(NodeProtocol.HorizonChecks m) {
        HorizonSession s = horizons.get(m.session());
        if (s != null) {
            m.replyTo()
                    .tell(
                            new NodeProtocol.HorizonChecked(
                                    m.session(), m.round(), s.host.check(m.checks())));
        }
        return this;
    }

    private Behavior<Command> horizonReports(NodeProtocol.HorizonReportRequest m) {
        HorizonSession s = horizons.get(m.session());
        if (s != null) {
            m.replyTo()
                    .tell(new NodeProtocol.HorizonReported(m.session(), s.host.reports(m.round())));
        }
        return this;
    }
}
