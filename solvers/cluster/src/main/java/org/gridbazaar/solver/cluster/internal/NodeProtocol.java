package org.gridbazaar.solver.cluster.internal;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.gridbazaar.solver.admm.transport.AgentSpec;
import org.gridbazaar.solver.admm.transport.HorizonCheck;
import org.gridbazaar.solver.admm.transport.HorizonCheckResult;
import org.gridbazaar.solver.admm.transport.HorizonCopies;
import org.gridbazaar.solver.admm.transport.HorizonPrices;
import org.gridbazaar.solver.admm.transport.HorizonReport;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.Inbox;
import org.gridbazaar.solver.admm.transport.PeerReport;
import org.gridbazaar.solver.admm.transport.Proposals;
import org.gridbazaar.solver.admm.transport.RoundStart;

/**
 * What the platform and a node that hosts agents say to each other. Every request names its
 * negotiation ({@code session}, unique per run) so that a node can host several and a late answer
 * of an earlier run is never taken for a current one. A node answers a repeated request from its
 * last answer without recomputing, so a duplicated or re-sent message changes nothing.
 */
public final class NodeProtocol {

    private NodeProtocol() {}

    /** A request to a node. */
    public sealed interface Command extends ClusterMessage
            permits Host,
                    Step,
                    Supports,
                    Report,
                    Release,
                    HostHorizon,
                    HorizonStep,
                    HorizonChecks,
                    HorizonReportRequest,
                    Describe,
                    HostOwnHorizon {

        /** The negotiation it belongs to. */
        String session();
    }

    /**
     * Start one agent per spec for {@code session}; answered by {@link Hosted} with their opening
     * proposals.
     */
    public record Host(String session, List<AgentSpec> agents, ActorRef<Hosted> replyTo)
            implements Command {}

    /** The opening proposals of the agents a node started, with the node's address. */
    public record Hosted(String session, String node, List<Proposals> proposals)
            implements ClusterMessage {}

    /** Run round {@code start.round()} from these inboxes; answered by {@link Stepped}. */
    public record Step(
            String session, RoundStart start, List<Inbox> inboxes, ActorRef<Stepped> replyTo)
            implements Command {}

    /**
     * The new proposals of a node's agents after {@code round}, and the lowest of its peers whose
     * local problem had no solution (-1: none).
     */
    public record Stepped(String session, int round, List<Proposals> proposals, int infeasiblePeer)
            implements ClusterMessage {}

    /** Ask for every hosted agent's mismatch support; answered by {@link SupportValues}. */
    public record Supports(
            String session, boolean weighted, double volumeBound, ActorRef<SupportValues> replyTo)
            implements Command {}

    /** Per hosted peer, its mismatch support ({@code +inf}: no trades meet its own bounds). */
    public record SupportValues(String session, int[] peers, double[] values)
            implements ClusterMessage {}

    /** Ask for every hosted agent's report; answered by {@link Reports}. */
    public record Report(String session, int round, ActorRef<Reports> replyTo) implements Command {}

    /** The reports of a node's agents. */
    public record Reports(String session, List<PeerReport> reports) implements ClusterMessage {}

    /** The negotiation is over: stop its agents. */
    public record Release(String session) implements Command {}

    /**
     * Start one agent of a market over time per spec for {@code session}; answered by {@link
     * HostedHorizon}.
     */
    public record HostHorizon(
            String session, List<HorizonSpec> agents, ActorRef<HostedHorizon> replyTo)
            implements Command {}

    /** The agents of a market over time a node started, with the node's address. */
    public record HostedHorizon(String session, String node, int[] peers)
            implements ClusterMessage {}

    /**
     * Run round {@code round} of a market over time at these prices; answered by {@link
     * HorizonStepped}.
     */
    public record HorizonStep(
            String session, int round, List<HorizonPrices> prices, ActorRef<HorizonStepped> replyTo)
            implements Command {}

    /** The copies of a node's agents after {@code round}. */
    public record HorizonStepped(String session, int round, List<HorizonCopies> copies)
            implements ClusterMessage {}

    /**
     * Ask for every hosted agent's part of a certificate at a candidate point; answered by {@link
     * HorizonChecked}.
     */
    public record HorizonChecks(
            String session, int round, List<HorizonCheck> checks, ActorRef<HorizonChecked> replyTo)
            implements Command {}

    /** The certificate parts of a node's agents. */
    public record HorizonChecked(String session, int round, List<HorizonCheckResult> results)
            implements ClusterMessage {}

    /**
     * Ask for every hosted agent's report of a market over time; answered by {@link
     * HorizonReported}.
     */
    public record HorizonReportRequest(String session, int round, ActorRef<HorizonReported> replyTo)
            implements Command {}

    /** The reports of a node's agents of a market over time. */
    public record HorizonReported(String session, List<HorizonReport> reports)
            implements ClusterMessage {}

    /** Ask a node which peers it hosts from its own case; answered by {@link Described}. */
    public record Describe(String session, ActorRef<Described> replyTo) implements Command {}

    /**
     * What a node hosts: the peers of its own case ({@code --peers CASE --ids ...}; empty for a
     * node that hosts whichever peers the platform sends) and the digest of that case's public data
     * ({@code ""} when it has none).
     */
    public record Described(String session, String node, int[] ownPeers, String digest)
            implements ClusterMessage {}

    /**
     * Start the agents of {@code peers} over time from the node's own case, with the trades' caps
     * {@code caps} (kW, by arc of the market) and the local tolerance; answered by {@link
     * HostedHorizon}. Nothing private crosses: the node reads its peers' data from its own case.
     */
    public record HostOwnHorizon(
            String session,
            int[] peers,
            double[] caps,
            double localTolerance,
            ActorRef<HostedHorizon> replyTo)
            implements Command {}
}
