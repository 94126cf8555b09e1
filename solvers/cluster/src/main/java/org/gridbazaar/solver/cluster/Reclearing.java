package org.gridbazaar.solver.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.transport.HorizonCheck;
import org.gridbazaar.solver.admm.transport.HorizonCheckResult;
import org.gridbazaar.solver.admm.transport.HorizonCopies;
import org.gridbazaar.solver.admm.transport.HorizonPrices;
import org.gridbazaar.solver.admm.transport.HorizonReport;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.PeerUnresponsiveException;
import org.gridbazaar.solver.admm.transport.Transport;

/**
 * Clears a market on a transport that may lose peers, and clears it again without them: the outcome
 * of a fault-tolerant clearing. The first run's status is never {@code OPTIMAL} when it lost peers
 * (it stopped before converging, with no point); the re-clear is a complete, separate clearing of
 * the market without the lost peers and their trades, reported with its own status.
 */
public final class Reclearing {

    /**
     * What happened.
     *
     * @param first the first run's outcome (of the whole market)
     * @param lostPeers the peers lost in the first run (indices of the whole market), empty if none
     * @param lostLabels their labels
     * @param reduced the market without the lost peers, or {@code null} if none were lost
     * @param reclear the clearing of {@code reduced}, or {@code null} if none were lost or it could
     *     not run
     * @param reclearFailure why the re-clear could not run (for example no node left), or {@code
     *     null}
     */
    public record Outcome(
            ProblemSolution first,
            List<Integer> lostPeers,
            List<String> lostLabels,
            MarketProblem reduced,
            ProblemSolution reclear,
            String reclearFailure) {

        /** Whether the first run lost peers. */
        public boolean lostAny() {
            return !lostPeers.isEmpty();
        }

        /**
         * The clearing that stands: the re-clear when peers were lost and it ran, else the first
         * run.
         */
        public ProblemSolution standing() {
            return reclear == null ? first : reclear;
        }
    }

    /** Builds a solver (admm or consensus) that runs its agents on the given transport. */
    @FunctionalInterface
    public interface SolverOnTransport {

        /** The solver over {@code transports}. */
        MarketSolver create(Transport.Factory transports);
    }

    /**
     * Builds a solver that runs its single-period agents on one transport and its agents of markets
     * over time on another.
     */
    @FunctionalInterface
    public interface SolverOnTransports {

        /** The solver over {@code transports} and {@code horizons}. */
        MarketSolver create(Transport.Factory transports, HorizonTransport.Factory horizons);
    }

    private Reclearing() {}

    /**
     * Clears {@code problem} with the solver over {@code first}; if that loses peers, clears the
     * market without them with the solver over {@code second} (for example the surviving nodes).
     */
    public static Outcome clear(
            MarketProblem problem,
            SolverOptions options,
            SolverOnTransport solver,
            Transport.Factory first,
            Transport.Factory second) {
        return clear(problem, options, (t, h) -> solver.create(t), first, null, second, null);
    }

    /**
     * Clears {@code problem} (of one period or over time) with the solver over {@code first} and
     * {@code firstHorizon}; if that loses peers, clears the market without them with the solver
     * over {@code second} and {@code secondHorizon} (for example the surviving nodes).
     */
    public static Outcome clear(
            MarketProblem problem,
            SolverOptions options,
            SolverOnTransports solver,
            Transport.Factory first,
            HorizonTransport.Factory firstHorizon,
            Transport.Factory second,
            HorizonTransport.Factory secondHorizon) {
        List<PeerUnresponsiveException> failures = new ArrayList<>();
        Transport.Factory watched =
                (agents, board) ->
                        new Watched(watch(failures, () -> first.open(agents, board)), failures);
        HorizonTransport.Factory watchedHorizon =
                firstHorizon == null
                        ? null
                        : new HorizonTransport.Factory() {
                            @Override
                            public HorizonTransport open(List<HorizonSpec> agents) {
                                return new WatchedHorizon(
                                        watch(failures, () -> firstHorizon.open(agents)), failures);
                            }

                            @Override
                            public HorizonTransport openFor(
                                    MarketProblem market, List<HorizonSpec> agents) {
                                return new WatchedHorizon(
                                        watch(failures, () -> firstHorizon.openFor(market, agents)),
                                        failures);
                            }
                        };
        ProblemSolution out = solver.create(watched, watchedHorizon).solve(problem, options);
        if (failures.isEmpty()) {
            return new Outcome(out, List.of(), List.of(), null, null, null);
        }
        if (out.status() == Status.OPTIMAL) {
            throw new IllegalStateException("a run that lost peers reported OPTIMAL");
        }
        Set<Integer> lost = new TreeSet<>(failures.get(0).peers());
        List<String> labels = new ArrayList<>();
        for (int p : lost) {
            labels.add(problem.peerLabel(p));
        }
        MarketProblem reduced = without(problem, lost);
        try {
            ProblemSolution again = solver.create(second, secondHorizon).solve(reduced, options);
            return new Outcome(out, List.copyOf(lost), List.copyOf(labels), reduced, again, null);
        } catch (RuntimeException e) {
            return new Outcome(
                    out, List.copyOf(lost), List.copyOf(labels), reduced, null, e.getMessage());
        }
    }

    /**
     * {@code call}'s value; a lost peer it reports is recorded in {@code failures}, then thrown.
     */
    private static <T> T watch(
            List<PeerUnresponsiveException> failures, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (PeerUnresponsiveException e) {
            failures.add(e);
            throw e;
        }
    }

    /** A transport that records the failures of the one it wraps. */
    private static final class Watched implements Transport {
        private final Transport inner;
        private final List<PeerUnresponsiveException> failures;

        Watched(Transport inner, List<PeerUnresponsiveException> failures) {
            this.inner = inner;
            this.failures = failures;
        }

        private <T> T watch(java.util.function.Supplier<T> call) {
            return Reclearing.watch(failures, call);
        }

        @Override
        public void round(org.gridbazaar.solver.admm.transport.RoundStart round) {
            watch(
                    () -> {
                        inner.round(round);
                        return null;
                    });
        }

        @Override
        public int firstInfeasiblePeer() {
            return inner.firstInfeasiblePeer();
        }

        @Override
        public double[] mismatchSupports(boolean weighted, double volumeBound) {
            return watch(() -> inner.mismatchSupports(weighted, volumeBound));
        }

        @Override
        public List<org.gridbazaar.solver.admm.transport.PeerReport> reports() {
            return watch(inner::reports);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A transport over time that records the failures of the one it wraps. */
    private static final class WatchedHorizon implements HorizonTransport {
        private final HorizonTransport inner;
        private final List<PeerUnresponsiveException> failures;

        WatchedHorizon(HorizonTransport inner, List<PeerUnresponsiveException> failures) {
            this.inner = inner;
            this.failures = failures;
        }

        private <T> T watch(java.util.function.Supplier<T> call) {
            return Reclearing.watch(failures, call);
        }

        @Override
        public List<HorizonCopies> round(List<HorizonPrices> prices) {
            return watch(() -> inner.round(prices));
        }

        @Override
        public List<HorizonCheckResult> check(List<HorizonCheck> checks) {
            return watch(() -> inner.check(checks));
        }

        @Override
        public List<HorizonReport> reports(int round) {
            return watch(() -> inner.reports(round));
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /**
     * The market {@code problem} without the peers {@code lost}: their nodes, their side
     * constraints and every arc to or from them are dropped; everything else keeps its data and
     * order.
     *
     * @throws IllegalArgumentException for a problem this cannot reduce (several periods, peer
     *     blocks or constraints across peers)
     */
    public static MarketProblem without(MarketProblem problem, Set<Integer> lost) {
        if ((problem.periodCount() > 1 || problem.hasPeerBlocks())
                && problem.couplingConstraintCount() == 0) {
            return withoutOverTime(problem, lost);
        }
        if (problem.periodCount() > 1
                || problem.hasPeerBlocks()
                || problem.couplingConstraintCount() > 0) {
            throw new IllegalArgumentException(
                    "re-clearing without lost peers handles single-period markets without peer blocks or"
                            + " constraints across peers; "
                            + problem.name()
                            + " has "
                            + problem.periodCount()
                            + " periods");
        }
        MarketProblem.Builder b =
                MarketProblem.builder(
                        problem.name()
                                + " without "
                                + lost.size()
                                + " lost peer"
                                + (lost.size() == 1 ? "" : "s"));
        int[] newPeer = new int[problem.peerCount()], newNode = new int[problem.nodeCount()];
        java.util.Arrays.fill(newNode, -1);
        for (int p = 0; p < problem.peerCount(); p++) {
            newPeer[p] = lost.contains(p) ? -1 : b.peer(problem.peerLabel(p));
        }
        int[] nodePeer = problem.nodePeer(), com = problem.nodeCommodity();
        double[] a = problem.quadratic(),
                lin = problem.linear(),
                c = problem.constant(),
                lo = problem.lower(),
                hi = problem.upper();
        for (int k = 0; k < problem.nodeCount(); k++) {
            if (newPeer[nodePeer[k]] >= 0) {
                newNode[k] = b.node(newPeer[nodePeer[k]], com[k], a[k], lin[k], c[k], lo[k], hi[k]);
            }
        }
        int[] tail = problem.tail(), head = problem.head();
        double[] sc = problem.sellerCost(), bc = problem.buyerCost();
        for (int t = 0; t < tail.length; t++) {
            if (newNode[tail[t]] >= 0 && newNode[head[t]] >= 0) {
                b.arc(newNode[tail[t]], newNode[head[t]], sc[t], bc[t]);
            }
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            if (newPeer[problem.sidePeer(r)] < 0) {
                continue;
            }
            if (problem.sideIsEquality(r) || problem.sideVariables(r).length > 0) {
                throw new IllegalArgumentException(
                        "side constraint "
                                + r
                                + " is an equality or has private variables; not supported here");
            }
            int[] nodes = problem.sideNodes(r).clone();
            for (int q = 0; q < nodes.length; q++) {
                nodes[q] = newNode[nodes[q]];
            }
            b.sideConstraint(nodes, problem.sideCoefficients(r), problem.sideRhs(r));
        }
        return b.build();
    }

    /**
     * A market over time without the peers {@code lost}: their nodes in every period, their private
     * variables (storage, devices), their rows and every arc to or from them are dropped;
     * everything else keeps its data and order.
     */
    private static MarketProblem withoutOverTime(MarketProblem problem, Set<Integer> lost) {
        MarketProblem.Builder b =
                MarketProblem.builder(
                        problem.name()
                                + " without "
                                + lost.size()
                                + " lost peer"
                                + (lost.size() == 1 ? "" : "s"));
        int[] newPeer = new int[problem.peerCount()], newNode = new int[problem.nodeCount()];
        int[] newVar = new int[problem.variableCount()];
        java.util.Arrays.fill(newNode, -1);
        java.util.Arrays.fill(newVar, -1);
        for (int p = 0; p < problem.peerCount(); p++) {
            newPeer[p] = lost.contains(p) ? -1 : b.peer(problem.peerLabel(p));
        }
        int[] nodePeer = problem.nodePeer(), com = problem.nodeCommodity();
        int[] period = problem.nodePeriod();
        double[] a = problem.quadratic(),
                lin = problem.linear(),
                c = problem.constant(),
                lo = problem.lower(),
                hi = problem.upper();
        for (int k = 0; k < problem.nodeCount(); k++) {
            if (newPeer[nodePeer[k]] >= 0) {
                newNode[k] =
                        b.node(
                                newPeer[nodePeer[k]],
                                com[k],
                                period[k],
                                a[k],
                                lin[k],
                                c[k],
                                lo[k],
                                hi[k]);
            }
        }
        for (int v = 0; v < problem.variableCount(); v++) {
            int p = newPeer[problem.variablePeer(v)];
            if (p >= 0) {
                newVar[v] =
                        b.variable(
                                p,
                                problem.variableName(v),
                                problem.variablePeriod(v),
                                problem.variableQuadratic()[v],
                                problem.variableLinear()[v],
                                problem.variableConstant()[v],
                                problem.variableLower()[v],
                                problem.variableUpper()[v]);
            }
        }
        int[] tail = problem.tail(), head = problem.head();
        double[] sc = problem.sellerCost(), bc = problem.buyerCost();
        for (int t = 0; t < tail.length; t++) {
            if (newNode[tail[t]] >= 0 && newNode[head[t]] >= 0) {
                b.arc(newNode[tail[t]], newNode[head[t]], sc[t], bc[t]);
            }
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            int p = newPeer[problem.sidePeer(r)];
            if (p < 0) {
                continue;
            }
            int[] nodes = problem.sideNodes(r).clone();
            for (int q = 0; q < nodes.length; q++) {
                nodes[q] = newNode[nodes[q]];
            }
            int[] vars = problem.sideVariables(r).clone();
            for (int q = 0; q < vars.length; q++) {
                vars[q] = newVar[vars[q]];
            }
            b.localRow(
                    p,
                    problem.sideName(r),
                    nodes,
                    problem.sideCoefficients(r),
                    vars,
                    problem.sideVariableCoefficients(r),
                    problem.sideIsEquality(r),
                    problem.sideRhs(r));
        }
        return b.build();
    }
}
