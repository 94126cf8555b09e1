package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.transport.AgentSpec;
import org.gridbazaar.solver.admm.transport.PeerReport;
import org.gridbazaar.solver.admm.transport.PeerUnresponsiveException;
import org.gridbazaar.solver.admm.transport.ProposalBoard;
import org.gridbazaar.solver.admm.transport.RoundStart;
import org.gridbazaar.solver.admm.transport.Transport;
import org.gridbazaar.solver.support.FlowForest;

/**
 * Drives a negotiation: builds one agent per peer, announces step sizes, runs rounds on a {@link
 * org.gridbazaar.solver.admm.transport.Transport} (in process by default), and measures residuals
 * from the proposals alone (the role of a market platform relaying messages; it never reads an
 * agent's private data during the negotiation). It also collects one number per agent now and then,
 * {@link Agent#mismatchSupport(boolean, double)}, to prove a market infeasible when no trades can
 * satisfy every peer at once.
 */
public final class Negotiation {

    /** Which algorithm. */
    public enum Variant {
        /** Baroche et al. 2019: one price per trade, penalty {@code rho}. */
        ADMM,
        /**
         * Sorin et al. 2019 relaxed consensus + innovation: a price per side, proximal penalty
         * {@code gamma}, relaxation.
         */
        CONSENSUS
    }

    /** Rounds between two infeasibility checks (made only while the primal residual stalls). */
    static final int CERTIFICATE_INTERVAL = 20;

    private Negotiation() {}

    /** Whether the agents can handle {@code problem}. */
    public static MarketSolver.Support supports(MarketProblem problem) {
        if (problem.hasPeerBlocks()) {
            return MarketSolver.Support.noPeerBlocks(
                    "this negotiation (admm clears peer blocks on its horizon path)");
        }
        if (problem.periodCount() > 1) {
            return MarketSolver.Support.no(
                    "the market has "
                            + problem.periodCount()
                            + " periods; this negotiation's local solver reads a peer's nodes as one power and one heat node of a single period"
                            + "; maybe use admm, whose horizon path solves each peer's block over all periods");
        }
        String coupling = couplingReason(problem);
        if (coupling != null) {
            return MarketSolver.Support.no(coupling);
        }
        for (int p = 0; p < problem.peerCount(); p++) {
            if (problem.nodesOfPeer(p).length > 2) {
                return MarketSolver.Support.no(
                        "peer "
                                + problem.peerLabel(p)
                                + " has "
                                + problem.nodesOfPeer(p).length
                                + " nodes; the exact local solver handles one commodity or power + heat");
            }
        }
        PeerData.Channels ch = PeerData.channels(problem);
        for (PeerData d : PeerData.of(problem, ch)) {
            for (PeerData.Link l : d.links()) {
                if (l.arcOut() >= 0 && l.arcIn() >= 0 && l.cPlus() + l.cMinus() < 0) {
                    return MarketSolver.Support.no(
                            "peer "
                                    + problem.peerLabel(d.peer())
                                    + ": its own per-kW terms towards "
                                    + problem.peerLabel(l.partner())
                                    + " sum to "
                                    + (l.cPlus() + l.cMinus())
                                    + " < 0 on a pair that trades both ways, which makes its local problem non-convex"
                                    + "; maybe give preferences non-negative costs");
                }
            }
        }
        return MarketSolver.Support.yes();
    }

    /**
     * Why a problem with constraints across peers (such as hard line limits) cannot be negotiated
     * peer by peer, or {@code null} when it has none. No peer can check such a constraint alone.
     */
    private static String couplingReason(MarketProblem problem) {
        int n = problem.couplingConstraintCount();
        if (n == 0) {
            return null;
        }
        return "the problem has "
                + n
                + " constraint"
                + (n == 1 ? "" : "s")
                + " across peers (such as "
                + problem.couplingLabel(0)
                + "), which no peer can enforce from its own data and trades; the distributed solvers negotiate bilateral"
                + " trades only. Maybe clear it with structured-ipm, or without hard line limits (congestion penalties"
                + " steer trades away from congested lines)";
    }

    /** Runs the negotiation in process, on {@link AdmmOptions#threads()} threads. */
    public static ProblemSolution run(
            MarketProblem problem,
            SolverOptions options,
            AdmmOptions tuning,
            Variant variant,
            String solverName) {
        return run(
                problem,
                options,
                tuning,
                variant,
                solverName,
                Transport.inProcess(tuning.threads()));
    }

    /**
     * Runs the negotiation with the agents wherever {@code transports} starts them. A transport
     * that loses peers ends the run with status {@code ITERATION_LIMIT}, no point, and a message
     * naming them; one that cannot place the agents (a peer hosted twice or by no node, a node
     * holding another case) ends it before the first round the same way ({@link #agentsNotPlaced}).
     */
    public static ProblemSolution run(
            MarketProblem problem,
            SolverOptions options,
            AdmmOptions tuning,
            Variant variant,
            String solverName,
            Transport.Factory transports) {
        long start = System.nanoTime();
        PeerData.Channels ch = PeerData.channels(problem);
        double[][] implied = PeerData.impliedBounds(problem);
        // agents keep the problem's bounds (implied bounds would enlarge the set of clearing
        // prices); the
        // certificate and the scales use the implied ones
        List<PeerData> data = PeerData.of(problem, ch);
        List<PeerData> boundData = PeerData.of(problem, ch, implied[0], implied[1]);
        int nc = ch.count();
        Scales scales = Scales.of(problem, ch, implied[0], implied[1]);
        // initial trades and prices per channel, from the low peer's view
        double[] t0 = new double[nc], lam0 = new double[nc];
        warmStart(problem, ch, tuning, t0, lam0);
        int[][] channelsOf = new int[data.size()][];
        for (PeerData d : data) {
            channelsOf[d.peer()] = d.links().stream().mapToInt(PeerData.Link::channel).toArray();
        }
        double eps = options.tolerance();
        Tolerances tol = Tolerances.of(eps, problem.peerCount());
        double capacity =
                0; // the market's total capacity, kW: no trade of a cycle-free feasible solution
        // exceeds it
        for (int q = 0; q < problem.nodeCount(); q++) {
            capacity += Math.max(Math.abs(problem.lower()[q]), Math.abs(problem.upper()[q]));
        }
        AgentSpec.Settings settings =
                new AgentSpec.Settings(
                        tuning.rho0(),
                        tuning.sharedPenalty(),
                        tuning.priceStep(),
                        tuning.gammaRatio(),
                        tuning.consensusWeight(),
                        tuning.relaxation(),
                        tuning.freezeTolerance() * scales.marketPrimal,
                        tuning.mu(),
                        tuning.tau(),
                        AdmmOptions.RHO_RANGE,
                        tuning.driftThreshold());
        List<AgentSpec> specs = new ArrayList<>(data.size());
        for (PeerData d : data) {
            double[] ti = new double[d.links().size()], li = new double[d.links().size()];
            double[] sp = new double[ti.length], sd = new double[ti.length];
            for (int l = 0; l < ti.length; l++) {
                PeerData.Link link = d.links().get(l);
                double sign = ch.lowPeer()[link.channel()] == d.peer() ? 1 : -1;
                ti[l] = sign * t0[link.channel()];
                li[l] = lam0[link.channel()];
                sp[l] = scales.marketPrimal;
                sd[l] = scales.marketDual;
            }
            if (tuning.warmStart() == null) {
                li = null; // cold start: opening prices
            }
            specs.add(spec(d, variant, settings, ti, li, sp, sd, nodeReach(d, scales)));
        }
        ProposalBoard network = ProposalBoard.routed(specs);
        // the platform's view of every channel: the network entries of its low and high ends
        int[] lowSlot = new int[nc], highSlot = new int[nc];
        int[] lowPeer = new int[nc], highPeer = new int[nc];
        for (PeerData d : data) {
            for (int l = 0; l < channelsOf[d.peer()].length; l++) {
                int c = channelsOf[d.peer()][l];
                if (ch.lowPeer()[c] == d.peer()) {
                    lowSlot[c] = network.offset(d.peer()) + l;
                    lowPeer[c] = d.peer();
                } else {
                    highSlot[c] = network.offset(d.peer()) + l;
                    highPeer[c] = d.peer();
                }
            }
        }
        // balance per (peer, commodity): index 2 * peer + commodity
        int[] channelCommodity = new int[nc];
        int[] arcTail = problem.tail(), arcCommodity = problem.nodeCommodity();
        for (int t = 0; t < arcTail.length; t++) {
            channelCommodity[ch.arcChannel()[t]] = arcCommodity[arcTail[t]];
        }
        for (int c = 0; c < nc; c++) {
            lowPeer[c] = 2 * lowPeer[c] + channelCommodity[c];
            highPeer[c] = 2 * highPeer[c] + channelCommodity[c];
        }
        double[] balanceScale = new double[2 * problem.peerCount()];
        java.util.Arrays.fill(balanceScale, Double.MIN_NORMAL);
        for (int k = 0; k < problem.nodeCount(); k++) {
            balanceScale[2 * problem.nodePeer()[k] + problem.nodeCommodity()[k]] = scales.node[k];
        }
        double[] balance = new double[2 * problem.peerCount()];
        double[] zPrev = t0.clone();
        List<IterationRecord> history = new ArrayList<>();
        double multiplier = 1;
        Residuals res = null;
        Status status = Status.ITERATION_LIMIT;
        Termination.Reason limit = Termination.Reason.ITERATION_LIMIT;
        String why;
        Verdict verdict = null, lastVerdict = null;
        int nextCertificate = 0;
        int k = 0;
        List<PeerReport> reports;
        Transport opened;
        try {
            opened = transports.open(specs, network);
        } catch (IllegalArgumentException e) {
            return agentsNotPlaced(e, solverName, (System.nanoTime() - start) * 1e-9);
        }
        try (Transport exec = opened) {
            while (true) {
                if (k >= options.maxIterations()) {
                    why = "iteration limit (" + options.maxIterations() + ")";
                    break;
                }
                if ((System.nanoTime() - start) * 1e-9 > options.timeLimitSeconds()) {
                    why = "time limit (" + options.timeLimitSeconds() + " s)";
                    limit = Termination.Reason.TIME_LIMIT;
                    break;
                }
                if (options.progress().stopRequested()) {
                    why = "stop requested";
                    limit = Termination.Reason.INTERRUPTED;
                    break;
                }
                k++;
                boolean adapt =
                        tuning.adaptive()
                                && k <= AdmmOptions.ADAPTATION_ROUNDS
                                && k % tuning.adaptationInterval() == 0;
                exec.round(RoundStart.of(k, multiplier, adapt));
                int stuck = exec.firstInfeasiblePeer();
                if (stuck >= 0) {
                    double s = (System.nanoTime() - start) * 1e-9;
                    return ProblemSolution.without(
                            Status.INFEASIBLE,
                            solverName,
                            k,
                            s,
                            "peer "
                                    + problem.peerLabel(stuck)
                                    + " cannot meet its own bounds and side constraints with the trades it may make"
                                    + "; maybe widen its bounds or allow it more trading partners");
                }
                res = residuals(network, variant, zPrev, lowSlot, highSlot, scales);
                history.add(new IterationRecord(k, res.primalRaw, res.dualRaw, multiplier));
                options.progress().iteration(k, res.primalRaw, res.dualRaw);
                if (tol.met(res)
                        && peerBalance(
                                        network,
                                        lowSlot,
                                        highSlot,
                                        lowPeer,
                                        highPeer,
                                        balance,
                                        balanceScale)
                                <= eps
                        && k >= nextCertificate) {
                    lastVerdict =
                            certify(
                                    problem,
                                    ch,
                                    boundData,
                                    exec.reports(),
                                    network,
                                    lowSlot,
                                    highSlot,
                                    scales,
                                    eps,
                                    implied);
                    if (lastVerdict.certified()) {
                        verdict = lastVerdict;
                        status = Status.OPTIMAL;
                        why =
                                "converged: every trade's mismatch within "
                                        + eps
                                        + " of its scale and every price within "
                                        + eps
                                        + " of its channel's price scale (largest "
                                        + fmt(res.primalMax)
                                        + " and "
                                        + fmt(res.dualMax)
                                        + " of them); certified: objective "
                                        + fmt(verdict.upper)
                                        + " $ of a feasible point, lower bound "
                                        + fmt(verdict.lower)
                                        + " $ from the negotiated prices, gap "
                                        + fmt(verdict.gap())
                                        + " <= "
                                        + fmt(verdict.allowedGap)
                                        + " $ (relative tolerance "
                                        + eps
                                        + ")";
                        break;
                    }
                    // the certificate costs about a round: not every round while the gap closes
                    nextCertificate = k + Math.max(1, k / 20);
                }
                if (k % CERTIFICATE_INTERVAL == 0
                        && res.primalMax > tol.primalMax()
                        && stalled(history)
                        && infeasibilityProved(exec, capacity)) {
                    double s = (System.nanoTime() - start) * 1e-9;
                    return ProblemSolution.without(
                            Status.INFEASIBLE,
                            solverName,
                            k,
                            s,
                            "no trades satisfy every peer's own bounds"
                                    + " and side constraints at once (after "
                                    + k
                                    + " rounds the reciprocity mismatch "
                                    + fmt(res.primalRaw)
                                    + " kW yields a certificate: summed over peers, the least each peer's trades can make of the"
                                    + " mismatch-weighted total is positive); maybe check that sellers' minimum output can be bought"
                                    + " and buyers' minimum consumption can be supplied");
                }
                if (adapt) {
                    // how far the bulk of each residual is from its tolerance: the few trades with
                    // the largest
                    // residuals are the channel factors' business
                    double np = tol.primalDistance(res), nd = tol.dualDistance(res);
                    if (np > tuning.mu() * nd
                            && multiplier * tuning.tau() <= AdmmOptions.RHO_RANGE) {
                        multiplier *= tuning.tau();
                    } else if (nd > tuning.mu() * np
                            && multiplier / tuning.tau() >= 1 / AdmmOptions.RHO_RANGE) {
                        multiplier /= tuning.tau();
                    }
                }
            }
            reports = exec.reports();
        } catch (PeerUnresponsiveException e) {
            return lostPeers(problem, e, solverName, k, (System.nanoTime() - start) * 1e-9);
        }
        if (res == null) {
            res =
                    new Residuals(
                            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (status != Status.OPTIMAL) {
            why =
                    "stopped on "
                            + why
                            + " with primal residual "
                            + fmt(res.primalRaw)
                            + " kW and dual residual "
                            + fmt(res.dualRaw)
                            + " $/kW (largest scaled: "
                            + fmt(res.primalMax)
                            + " and "
                            + fmt(res.dualMax)
                            + ", tolerance "
                            + eps
                            + ")"
                            + (lastVerdict == null
                                    ? ""
                                    : "; last certificate: " + lastVerdict.describe())
                            + (res.primalMax > tol.primalMax() ? stallNote(history) : "");
        }
        why +=
                String.format(
                        Locale.ROOT,
                        "; scaled 2-norms: primal %s (tolerance %s), dual %s (tolerance %s)",
                        fmt(res.primal2),
                        fmt(tol.primal2()),
                        fmt(res.dual2),
                        fmt(tol.dual2()));
        ProblemSolution out =
                outcome(
                        problem,
                        ch,
                        data,
                        reports,
                        network,
                        lowSlot,
                        highSlot,
                        status,
                        solverName,
                        k,
                        (System.nanoTime() - start) * 1e-9,
                        res,
                        history,
                        why,
                        verdict);
        return status == Status.OPTIMAL
                ? out
                : out.withTermination(
                        new Termination(
                                limit,
                                Termination.PointStatus.UNDETERMINED,
                                Termination.PointStatus.UNDETERMINED,
                                why));
    }

    /**
     * Per channel, the scale of its trade {@code S_c} (kW: the largest flow its arcs can carry at
     * some optimum, {@link Certificate#arcLimits}) and of its price {@code D_c} ($/kW: the largest
     * of {@code |b_k| + a_k R_k} over its two ends' nodes, {@code R_k} a node's largest injection,
     * and its arcs' per-kW terms); per node, {@code R_k} (kW). Why per channel: scales of the whole
     * market let one huge but slack bound or one stiff tiny peer set every trade's tolerance.
     */
    static final class Scales {
        final double[] primal, dual, node, limits;

        /** The largest node and channel scales of the market (kW, $/kW). */
        final double marketPrimal, marketDual;

        private Scales(
                double[] primal,
                double[] dual,
                double[] node,
                double[] limits,
                double marketPrimal,
                double marketDual) {
            this.marketPrimal = marketPrimal;
            this.marketDual = marketDual;
            this.primal = primal;
            this.dual = dual;
            this.node = node;
            this.limits = limits;
        }

        static Scales of(MarketProblem problem, PeerData.Channels ch, double[] lo, double[] hi) {
            int n = problem.nodeCount(), nc = ch.count();
            double[] a = problem.quadratic(),
                    b = problem.linear(),
                    sc = problem.sellerCost(),
                    bc = problem.buyerCost();
            int[] tail = problem.tail(), head = problem.head();
            double[] node = new double[n], nodePrice = new double[n];
            double largest = 0, largestPrice = 0;
            for (int k = 0; k < n; k++) {
                node[k] = Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
                nodePrice[k] = Math.abs(b[k]) + a[k] * node[k];
                largest = Math.max(largest, node[k]);
                largestPrice = Math.max(largestPrice, nodePrice[k]);
            }
            double[] limits = Certificate.arcLimits(problem, lo, hi);
            double[] primal = new double[nc], dual = new double[nc];
            for (int t = 0; t < tail.length; t++) {
                int c = ch.arcChannel()[t];
                primal[c] = Math.max(primal[c], Math.max(node[tail[t]], node[head[t]]));
                dual[c] =
                        Math.max(
                                dual[c],
                                Math.max(
                                        Math.max(nodePrice[tail[t]], nodePrice[head[t]]),
                                        Math.abs(sc[t]) + Math.abs(bc[t])));
                largestPrice = Math.max(largestPrice, Math.abs(sc[t]) + Math.abs(bc[t]));
            }
            // a channel that can carry nothing still needs a positive scale; so does a node that
            // cannot move
            double floorP = Math.max(Double.MIN_NORMAL, 1e-12 * largest),
                    floorD = Math.max(Double.MIN_NORMAL, 1e-12 * largestPrice);
            for (int c = 0; c < nc; c++) {
                primal[c] = Math.max(primal[c], floorP);
                dual[c] = Math.max(dual[c], floorD);
            }
            for (int k = 0; k < n; k++) {
                node[k] = Math.max(node[k], floorP);
            }
            // the market-wide scales of the penalty balancing (a speed heuristic, not a stopping
            // test): the
            // injection and price scales of MarketProblem with the implied bounds
            double marketPrimal = Math.max(1, largest), marketDual = 1;
            for (int k = 0; k < n; k++) {
                marketDual = Math.max(marketDual, Math.max(Math.abs(b[k]), a[k] * marketPrimal));
            }
            for (int t = 0; t < tail.length; t++) {
                marketDual = Math.max(marketDual, Math.abs(sc[t] + bc[t]));
            }
            return new Scales(primal, dual, node, limits, marketPrimal, marketDual);
        }
    }

    /**
     * A certificate's numbers.
     *
     * @param point the recovered feasible point, or {@code null} when none was found
     * @param upper its objective, $ (an upper bound on the optimum)
     * @param lower the lower bound from the negotiated prices, $
     * @param allowedGap the largest gap that certifies, $: {@code eps max(1, |upper|)}
     */
    record Verdict(Certificate.Point point, double upper, double lower, double allowedGap) {

        double gap() {
            return upper - lower;
        }

        boolean certified() {
            return point != null && gap() <= allowedGap;
        }

        String describe() {
            if (point == null) {
                return "no feasible point recovered from the agreed trades";
            }
            return "objective "
                    + fmt(upper)
                    + " $, lower bound "
                    + fmt(lower)
                    + " $, gap "
                    + fmt(gap())
                    + " (allowed "
                    + fmt(allowedGap)
                    + ")";
        }
    }

    /**
     * The optimality certificate at the current proposals (see {@link Certificate}): first with the
     * trades below their channel's tolerance left out, then, if that point does not certify, with
     * all.
     */
    private static Verdict certify(
            MarketProblem problem,
            PeerData.Channels ch,
            List<PeerData> data,
            List<PeerReport> agents,
            ProposalBoard net,
            int[] lowSlot,
            int[] highSlot,
            Scales scales,
            double eps,
            double[][] implied) {
        int nc = ch.count();
        double[] price = new double[nc];
        for (int c = 0; c < nc; c++) {
            price[c] = settledPrice(net, lowSlot[c], highSlot[c]);
        }
        double[] nodePrices = new double[problem.nodeCount()],
                agentX = new double[problem.nodeCount()];
        for (PeerReport a : agents) {
            int[] nodes = data.get(a.peer()).nodes();
            double[] ay = a.nodePrices(), ax = a.aggregates();
            for (int q = 0; q < nodes.length; q++) {
                nodePrices[nodes[q]] = ay[q];
                agentX[nodes[q]] = ax[q];
            }
        }
        double lower =
                Certificate.lowerBound(
                        problem, data, ch.arcChannel(), price, nodePrices, scales.limits);
        Verdict best = null;
        for (boolean cut : new boolean[] {true, false}) {
            double[] f = settledFlows(problem, ch, net, lowSlot, highSlot, cut ? eps : 0, scales);
            Certificate.Point p = Certificate.recover(problem, f, agentX);
            Verdict v =
                    p == null
                            ? new Verdict(null, Double.NaN, lower, Double.NaN)
                            : new Verdict(
                                    p,
                                    problem.objective(p.x(), p.f()),
                                    lower,
                                    eps * Math.max(1, Math.abs(problem.objective(p.x(), p.f()))));
            if (v.certified()) {
                return v;
            }
            if (best == null || best.point == null) {
                best = v;
            }
        }
        return best;
    }

    /** The message that starts peer {@code d}'s agent. */
    private static AgentSpec spec(
            PeerData d,
            Variant variant,
            AgentSpec.Settings settings,
            double[] trades,
            double[] prices,
            double[] primalScales,
            double[] dualScales,
            double[] reach) {
        int n = d.links().size();
        int[] partners = new int[n],
                commodities = new int[n],
                linkNodes = new int[n],
                channels = new int[n],
                arcOut = new int[n],
                arcIn = new int[n];
        double[] sell = new double[n], buy = new double[n];
        for (int l = 0; l < n; l++) {
            PeerData.Link link = d.links().get(l);
            partners[l] = link.partner();
            commodities[l] = link.commodity();
            linkNodes[l] = link.node();
            channels[l] = link.channel();
            arcOut[l] = link.arcOut();
            arcIn[l] = link.arcIn();
            sell[l] = link.cPlus();
            buy[l] = link.cMinus();
        }
        return new AgentSpec(
                AgentSpec.VERSION,
                d.peer(),
                variant == Variant.ADMM ? AgentSpec.Rule.ADMM : AgentSpec.Rule.CONSENSUS,
                d.nodes(),
                d.a(),
                d.b(),
                d.lo(),
                d.hi(),
                d.sideG(),
                d.sideRhs(),
                partners,
                commodities,
                linkNodes,
                channels,
                arcOut,
                arcIn,
                sell,
                buy,
                trades,
                prices,
                primalScales,
                dualScales,
                reach,
                settings);
    }

    /**
     * The outcome of a run that lost peers: no point (the others' trades with them are unsettled),
     * the peers named.
     */
    /**
     * The answer of a run whose transport refused to start its agents ({@code refused}, whose
     * message names the peers and nodes): status {@code ITERATION_LIMIT} after 0 rounds, no point,
     * and that message.
     */
    static ProblemSolution agentsNotPlaced(
            IllegalArgumentException refused, String solverName, double seconds) {
        String why =
                "no round was run: the transport could not place the peers' agents: "
                        + refused.getMessage();
        return stoppedWithoutPoint(solverName, 0, seconds, why);
    }

    static ProblemSolution lostPeers(
            MarketProblem problem,
            PeerUnresponsiveException e,
            String solverName,
            int k,
            double seconds) {
        StringBuilder names = new StringBuilder();
        for (int p : e.peers()) {
            names.append(names.length() == 0 ? "" : ", ").append(problem.peerLabel(p));
        }
        String why =
                "stopped in round "
                        + k
                        + ": peer"
                        + (e.peers().size() == 1 ? " " : "s ")
                        + names
                        + " stopped answering ("
                        + e.getMessage()
                        + "); no trades are returned, since every partner of a lost peer still waits for its proposals"
                        + "; maybe clear the market again without "
                        + (e.peers().size() == 1 ? "it" : "them");
        return stoppedWithoutPoint(solverName, k, seconds, why);
    }

    /** A run stopped after {@code rounds} rounds, with no point, for the reason {@code why}. */
    private static ProblemSolution stoppedWithoutPoint(
            String solverName, int rounds, double seconds, String why) {
        return ProblemSolution.without(Status.ITERATION_LIMIT, solverName, rounds, seconds, why)
                .withTermination(
                        new Termination(
                                Termination.Reason.INTERRUPTED,
                                Termination.PointStatus.NO_POINT,
                                Termination.PointStatus.NO_POINT,
                                why));
    }

    private static double[] nodeReach(PeerData d, Scales scales) {
        double[] r = new double[d.nodes().length];
        for (int q = 0; q < r.length; q++) {
            r[q] = scales.node[d.nodes()[q]];
        }
        return r;
    }

    /**
     * The channel's price after the last mismatch correction, $/kW (what both ends would use next).
     */
    private static double settledPrice(ProposalBoard net, int low, int high) {
        double[] trade = net.outTrades(), pen = net.outPenalties(), price = net.outPrices();
        double tl = trade[low], th = trade[high];
        double rl = pen[low], rh = pen[high];
        return 0.5 * (price[low] + price[high]) - rl * rh / (rl + rh) * (tl + th);
    }

    /**
     * Per arc, the agreed trade (kW); trades below {@code cut} times the most the arc can carry are
     * left out.
     */
    private static double[] settledFlows(
            MarketProblem problem,
            PeerData.Channels ch,
            ProposalBoard net,
            int[] lowSlot,
            int[] highSlot,
            double cut,
            Scales scales) {
        int[] tail = problem.tail(), nodePeer = problem.nodePeer();
        double[] f = new double[problem.arcCount()];
        for (int t = 0; t < f.length; t++) {
            int c = ch.arcChannel()[t];
            double dir = nodePeer[tail[t]] == ch.lowPeer()[c] ? 1 : -1;
            double v =
                    Math.max(
                            0,
                            dir
                                    * agreed(
                                            net.outTrades()[lowSlot[c]],
                                            net.outTrades()[highSlot[c]]));
            f[t] = v < cut * scales.limits[t] ? 0 : v;
        }
        return f;
    }

    /**
     * Max- and 2-norms of the residuals, each trade's scaled by its channel's scales, and the
     * unscaled max-norms for the history.
     *
     * @param primalMax max-norm of the scaled reciprocity mismatch {@code |r_c| / S_c}
     * @param primal2 2-norm of the scaled mismatch
     * @param dualMax max-norm of the scaled dual residual {@code s_c / D_c}
     * @param dual2 2-norm of the scaled dual residual
     * @param primalRaw max-norm of the mismatch, kW
     * @param dualRaw max-norm of the dual residual, $/kW
     */
    record Residuals(
            double primalMax,
            double primal2,
            double dualMax,
            double dual2,
            double primalRaw,
            double dualRaw) {}

    /**
     * The stopping rule of {@link AdmmOptions} on scaled residuals: {@code eps} on the max-norms,
     * {@code eps sqrt(peers)} on the 2-norms.
     *
     * @param primalMax tolerance on the scaled primal max-norm
     * @param primal2 tolerance on the scaled primal 2-norm
     * @param dualMax tolerance on the scaled dual max-norm
     * @param dual2 tolerance on the scaled dual 2-norm
     */
    record Tolerances(double primalMax, double primal2, double dualMax, double dual2) {

        /** The tolerances of relative tolerance {@code eps} for {@code peers} peers. */
        static Tolerances of(double eps, int peers) {
            double root = Math.sqrt(Math.max(1, peers));
            return new Tolerances(eps, eps * root, eps, eps * root);
        }

        /** Whether all four tests pass (NaN residuals never pass). */
        boolean met(Residuals r) {
            return r.primalMax() <= primalMax
                    && r.primal2() <= primal2
                    && r.dualMax() <= dualMax
                    && r.dual2() <= dual2;
        }

        /** How many times its tolerance the primal residual's 2-norm is. */
        double primalDistance(Residuals r) {
            return r.primal2() / primal2;
        }

        /** How many times its tolerance the dual residual's 2-norm is. */
        double dualDistance(Residuals r) {
            return r.dual2() / dual2;
        }
    }

    private static Residuals residuals(
            ProposalBoard net,
            Variant variant,
            double[] zPrev,
            int[] lowSlot,
            int[] highSlot,
            Scales scales) {
        double rP = 0, rD = 0, rP2 = 0, rD2 = 0, rawP = 0, rawD = 0;
        double[] trade = net.outTrades(), price = net.outPrices(), pen = net.outPenalties();
        for (int c = 0; c < zPrev.length; c++) {
            double tl = trade[lowSlot[c]], th = trade[highSlot[c]];
            double pl = price[lowSlot[c]], ph = price[highSlot[c]];
            double rl = pen[lowSlot[c]], rh = pen[highSlot[c]];
            double r = Math.abs(tl + th);
            double z = consensus(tl, th, rl, rh);
            double s = Math.max(rl, rh) * Math.abs(z - zPrev[c]);
            if (variant == Variant.CONSENSUS) {
                s += Math.abs(pl - ph);
            }
            zPrev[c] = z;
            rawP = Math.max(rawP, r);
            rawD = Math.max(rawD, s);
            r /= scales.primal[c];
            s /= scales.dual[c];
            rP = Math.max(rP, r);
            rD = Math.max(rD, s);
            rP2 += r * r;
            rD2 += s * s;
        }
        return new Residuals(rP, Math.sqrt(rP2), rD, Math.sqrt(rD2), rawP, rawD);
    }

    /**
     * The largest gap between a peer's own trades and the consensus trades reported for it, per
     * commodity, relative to the node's largest injection: {@code max_i |sum_c (t_ic - z_ic)| /
     * R_i}. Per-channel mismatches within tolerance can still add up over a peer's many trades.
     */
    private static double peerBalance(
            ProposalBoard net,
            int[] lowSlot,
            int[] highSlot,
            int[] lowPeer,
            int[] highPeer,
            double[] balance,
            double[] scale) {
        java.util.Arrays.fill(balance, 0);
        double[] trade = net.outTrades(), pen = net.outPenalties();
        for (int c = 0; c < lowSlot.length; c++) {
            double tl = trade[lowSlot[c]], th = trade[highSlot[c]];
            double z = consensus(tl, th, pen[lowSlot[c]], pen[highSlot[c]]);
            balance[lowPeer[c]] += tl - z;
            balance[highPeer[c]] += th + z;
        }
        double worst = 0;
        for (int q = 0; q < balance.length; q++) {
            worst = Math.max(worst, Math.abs(balance[q]) / scale[q]);
        }
        return worst;
    }

    /**
     * The consensus trade of a channel from the low end's view: the two proposals weighted by their
     * penalties.
     */
    static double consensus(double tLow, double tHigh, double rhoLow, double rhoHigh) {
        return (rhoLow * tLow - rhoHigh * tHigh) / (rhoLow + rhoHigh);
    }

    /**
     * The trade both ends agree to, from the low end's view: the smaller of the two offers when
     * they point the same way, else nothing. It differs from each end's own proposal by at most the
     * mismatch, and a trade one side refuses is not reported as made.
     */
    static double agreed(double tLow, double tHigh) {
        if (tLow > 0 && tHigh < 0) {
            return Math.min(tLow, -tHigh);
        }
        if (tLow < 0 && tHigh > 0) {
            return -Math.min(-tLow, tHigh);
        }
        return 0;
    }

    /**
     * Whether the primal residual has fallen by less than a tenth over the last certificate
     * interval (or there is none yet).
     */
    private static boolean stalled(List<IterationRecord> h) {
        int n = h.size();
        return n <= CERTIFICATE_INTERVAL
                || h.get(n - 1).primalResidual()
                        > 0.9 * h.get(n - 1 - CERTIFICATE_INTERVAL).primalResidual();
    }

    /** Whether the agents' mismatch supports prove that no trades satisfy them all. */
    private static boolean infeasibilityProved(Transport exec, double capacity) {
        return proved(exec, capacity, false) || proved(exec, capacity, true);
    }

    private static boolean proved(Transport exec, double volumeBound, boolean weighted) {
        double[] h = exec.mismatchSupports(weighted, volumeBound);
        double sum = 0, size = 0;
        for (double v : h) {
            sum += v;
            size += Double.isInfinite(v) ? 0 : Math.abs(v);
        }
        // each term is already a lower bound; keep a margin for the rounding of this sum
        return sum > 1e-12 * size;
    }

    private static ProblemSolution outcome(
            MarketProblem problem,
            PeerData.Channels ch,
            List<PeerData> data,
            List<PeerReport> agents,
            ProposalBoard net,
            int[] lowSlot,
            int[] highSlot,
            Status status,
            String solverName,
            int k,
            double seconds,
            Residuals res,
            List<IterationRecord> history,
            String why,
            Verdict verdict) {
        // aggregates and node prices from the agents' final reports, flows and prices from the
        // proposals;
        // a certified run returns its recovered feasible point instead
        int n = problem.nodeCount();
        double[] x = new double[n], y = new double[n];
        for (PeerReport a : agents) {
            int[] nodes = data.get(a.peer()).nodes();
            double[] ax = a.aggregates(), ay = a.nodePrices();
            for (int q = 0; q < nodes.length; q++) {
                x[nodes[q]] = ax[q];
                y[nodes[q]] = ay[q];
            }
        }
        int[] tail = problem.tail(), nodePeer = problem.nodePeer();
        double[] f = new double[problem.arcCount()], arcPrices = new double[problem.arcCount()];
        for (int t = 0; t < f.length; t++) {
            int c = ch.arcChannel()[t];
            double tl = net.outTrades()[lowSlot[c]], th = net.outTrades()[highSlot[c]];
            double dir = nodePeer[tail[t]] == ch.lowPeer()[c] ? 1 : -1;
            f[t] = Math.max(0, dir * agreed(tl, th));
            // the price after the last mismatch correction (what both ends would use next): with
            // it, each
            // end's stationarity error is exactly its dual residual
            arcPrices[t] = settledPrice(net, lowSlot[c], highSlot[c]);
        }
        double gap = Double.NaN;
        if (verdict != null) {
            x = verdict.point().x();
            f = verdict.point().f();
            gap = verdict.gap();
            // the agreed trades leave flow on cycles of (nearly) equally priced trades: thousands
            // of
            // trades under 0.01 kW on 1,000 peers. The same injections on a forest of those trades
            // are as good a point wherever the arc costs around the cycles cancel; keep the forest
            // when the certified gap still holds with its arc costs
            double[] forest = FlowForest.of(f, problem.tail(), problem.head(), n);
            double[] w = problem.arcCost();
            double change = 0;
            for (int t = 0; t < f.length; t++) {
                change += w[t] * (forest[t] - f[t]);
            }
            if (verdict.upper + change - verdict.lower <= verdict.allowedGap) {
                f = forest;
                gap += change;
            }
        }
        return ProblemSolution.of(
                status,
                x,
                f,
                y,
                arcPrices,
                solverName,
                k,
                seconds,
                res.primalRaw,
                res.dualRaw,
                gap,
                history,
                why);
    }

    private static String stallNote(List<IterationRecord> h) {
        int n = h.size();
        if (n < 200) {
            return "";
        }
        double recent = h.get(n - 1).primalResidual(), earlier = h.get(n / 2).primalResidual();
        if (recent > 0 && recent > 0.9 * earlier) {
            return "; the primal residual has stopped decreasing ("
                    + fmt(earlier)
                    + " -> "
                    + fmt(recent)
                    + " kW over the second half of the run), so the market may be infeasible: check that sellers' minimum output can be bought"
                    + " and buyers' minimum consumption can be supplied";
        }
        return "";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void warmStart(
            MarketProblem problem,
            PeerData.Channels ch,
            AdmmOptions tuning,
            double[] t0,
            double[] lam0) {
        ProblemSolution prev = tuning.warmStart();
        if (prev == null || !prev.hasPoint()) {
            return;
        }
        double[] f = prev.f();
        if (f.length != problem.arcCount()) {
            throw new IllegalArgumentException(
                    "warm start has "
                            + f.length
                            + " arcs but the problem has "
                            + problem.arcCount()
                            + "; maybe the market changed its trading pairs since that solution");
        }
        double[] prices = prev.arcPrices();
        if (prices == null) {
            double[] y = prev.y();
            double[] sc = problem.sellerCost();
            int[] tail = problem.tail();
            prices = new double[f.length];
            for (int t = 0; t < f.length; t++) {
                prices[t] = y.length == problem.nodeCount() ? y[tail[t]] + sc[t] : 0;
            }
        }
        int[] tail = problem.tail(), nodePeer = problem.nodePeer();
        double[] weight = new double[t0.length];
        for (int t = 0; t < f.length; t++) {
            int c = ch.arcChannel()[t];
            double dir = nodePeer[tail[t]] == ch.lowPeer()[c] ? 1 : -1;
            t0[c] += dir * f[t];
            double w = f[t] + 1e-12;
            lam0[c] += w * prices[t];
            weight[c] += w;
        }
        for (int c = 0; c < t0.length; c++) {
            lam0[c] /= weight[c];
        }
    }
}
