package org.gridbazaar.solver.cluster;

import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.ConsensusSolver;
import org.gridbazaar.solver.cluster.internal.NodeProtocol.Command;

/**
 * {@code admm} or {@code consensus} with the peers' agents on a {@link LocalCluster}: what it
 * returns is the clearing of the whole market (status never {@code OPTIMAL} if a node was lost);
 * when peers were lost, {@link #lastOutcome()} also holds the re-clear of the market without them,
 * on the surviving nodes.
 */
public final class ClusterSolver implements MarketSolver {

    private final String name;
    private final AdmmOptions tuning;
    private final LocalCluster cluster;
    private final PekkoTransport.Statistics stats = new PekkoTransport.Statistics();
    private volatile Reclearing.Outcome last;

    /**
     * The solver {@code name} ({@value AdmmSolver#NAME} or {@value ConsensusSolver#NAME}) on {@code
     * cluster}.
     *
     * @throws IllegalArgumentException for another name
     */
    public ClusterSolver(String name, AdmmOptions tuning, LocalCluster cluster) {
        if (!name.equals(AdmmSolver.NAME) && !name.equals(ConsensusSolver.NAME)) {
            throw new IllegalArgumentException(
                    "--cluster runs the distributed solvers only (admm, consensus), not "
                            + name
                            + "; maybe add --solver admm");
        }
        this.name = name;
        this.tuning = tuning;
        this.cluster = cluster;
    }

    private MarketSolver on(
            org.gridbazaar.solver.admm.transport.Transport.Factory t,
            org.gridbazaar.solver.admm.transport.HorizonTransport.Factory h) {
        return name.equals(AdmmSolver.NAME)
                ? new AdmmSolver(tuning, t, h)
                : new ConsensusSolver(tuning, t, h);
    }

    @Override
    public String name() {
        return name;
    }

    private int clearings;

    @Override
    public Support supports(MarketProblem problem) {
        return on(null, null).supports(problem);
    }

    @Override
    public double defaultTolerance() {
        return on(null, null).defaultTolerance();
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        requireSupported(problem);
        clearings++;
        Set<ActorRef<Command>> before = new HashSet<>(stats.lostNodes());
        last =
                Reclearing.clear(
                        problem,
                        options,
                        this::on,
                        cluster.transports(stats, false),
                        cluster.horizonTransports(stats, false),
                        (agents, board) -> {
                            Set<ActorRef<Command>> lost = new HashSet<>(stats.lostNodes());
                            lost.removeAll(before);
                            return cluster.transportsWithout(lost, stats).open(agents, board);
                        },
                        new org.gridbazaar.solver.admm.transport.HorizonTransport.Factory() {
                            @Override
                            public org.gridbazaar.solver.admm.transport.HorizonTransport open(
                                    java.util.List<org.gridbazaar.solver.admm.transport.HorizonSpec>
                                            agents) {
                                return openFor(null, agents);
                            }

                            @Override
                            public org.gridbazaar.solver.admm.transport.HorizonTransport openFor(
                                    MarketProblem market,
                                    java.util.List<org.gridbazaar.solver.admm.transport.HorizonSpec>
                                            agents) {
                                Set<ActorRef<Command>> lost = new HashSet<>(stats.lostNodes());
                                lost.removeAll(before);
                                return cluster.horizonTransportsWithout(lost, stats)
                                        .openFor(market, agents);
                            }
                        });
        return last.first();
    }

    /**
     * The outcome of the last {@link #solve}, with its re-clear if peers were lost, or {@code null}
     * before any.
     */
    public Reclearing.Outcome lastOutcome() {
        return last;
    }

    /**
     * How many problems this solver has been asked to clear: the statistics add up all of them (two
     * for a market with {@code auto} congestion lines, cleared once without the penalty and once
     * with the lines it found congested).
     */
    public int clearings() {
        return clearings;
    }

    /** What the runs so far moved. */
    public PekkoTransport.Statistics statistics() {
        return stats;
    }
}
