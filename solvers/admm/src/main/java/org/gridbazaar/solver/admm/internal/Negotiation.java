package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;

/**
 * Drives a negotiation: builds one agent per peer, announces step sizes, runs rounds on a
 * {@link RoundExecutor}, and measures residuals from the proposals alone (the role of a market
 * platform relaying messages; it never reads an agent's private data during the negotiation). It
 * also collects one number per agent now and then, {@link Agent#mismatchSupport(boolean, double)}, to prove a
 * market infeasible when no trades can satisfy every peer at once.
 */
public final class Negotiation {

    /** Which algorithm. */
    public enum Variant {
        /** Baroche et al. 2019: one price per trade, penalty {@code rho}. */
        ADMM,
        /** Sorin et al. 2019 relaxed consensus + innovation: a price per side, proximal penalty {@code gamma}, relaxation. */
        CONSENSUS
    }

    /** Rounds between two infeasibility checks (made only while the primal residual stalls). */
    static final int CERTIFICATE_INTERVAL = 20;

    private Negotiation() {
    }

    /** Whether the agents can handle {@code problem}. */
    public static MarketSolver.Support supports(MarketProblem problem) {
        String coupling = couplingReason(problem);
        if (coupling != null) {
            return MarketSolver.Support.no(coupling);
        }
        for (int p = 0; p < problem.peerCount(); p++) {
            if (problem.nodesOfPeer(p).length > 2) {
                return MarketSolver.Support.no("peer " + problem.peerLabel(p) + " has " + problem.nodesOfPeer(p).length
                        + " nodes; the exact local solver handles one commodity or power + heat");
            }
        }
        PeerData.Channels ch = PeerData.channels(problem);
        for (PeerData d : PeerData.of(problem, ch)) {
            for (PeerData.Link l : d.links()) {
                if (l.arcOut() >= 0 && l.arcIn() >= 0 && l.cPlus() + l.cMinus() < 0) {
                    return MarketSolver.Support.no("peer " + problem.peerLabel(d.peer()) + ": its own per-kW terms towards "
                            + problem.peerLabel(l.partner()) + " sum to " + (l.cPlus() + l.cMinus())
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
        return "the problem has " + n + " constraint" + (n == 1 ? "" : "s") + " across peers (such as " + problem.couplingLabel(0)
                + "), which no peer can enforce from its own data and trades; the distributed solvers negotiate bilateral"
                + " trades only. Maybe clear it with structured-ipm, or without hard line limits (congestion penalties"
                + " steer trades away from congested lines)";
    }

    /** Runs the negotiation. */
    public static ProblemSolution run(MarketProblem problem, SolverOptions options, AdmmOptions tuning, Variant variant, String solverName) {
        long start = System.nanoTime();
        PeerData.Channels ch = PeerData.channels(problem);
        List<PeerData> data = PeerData.of(problem, ch);
        int nc = ch.count();
        double injScale = problem.injectionScale();
        double priceScale = problem.priceScale();
        // initial trades and prices per channel, from the low peer's view
        double[] t0 = new double[nc], lam0 = new double[nc];
        warmStart(problem, ch, tuning, t0, lam0);
        int[][] channelsOf = new int[data.size()][];
        for (PeerData d : data) {
            channelsOf[d.peer()] = d.links().stream().mapToInt(PeerData.Link::channel).toArray();
        }
        Network network = new Network(channelsOf);
        double eps = options.tolerance();
        Tolerances tol = Tolerances.of(eps, injScale, priceScale, problem.peerCount());
        double capacity = 0; // the market's total capacity, kW: no trade of a cycle-free feasible solution exceeds it
        for (int q = 0; q < problem.nodeCount(); q++) {
            capacity += Math.max(Math.abs(problem.lower()[q]), Math.abs(problem.upper()[q]));
        }
        PeerAgent.Balancing balancing = new PeerAgent.Balancing(injScale, priceScale, tuning.mu(), tuning.tau(), AdmmOptions.RHO_RANGE,
                tuning.driftThreshold());
        List<PeerAgent> agents = new ArrayList<>(data.size());
        for (PeerData d : data) {
            double[] ti = new double[d.links().size()], li = new double[d.links().size()];
            for (int l = 0; l < ti.length; l++) {
                PeerData.Link link = d.links().get(l);
                double sign = ch.lowPeer()[link.channel()] == d.peer() ? 1 : -1;
                ti[l] = sign * t0[link.channel()];
                li[l] = lam0[link.channel()];
            }
            if (tuning.warmStart() == null) {
                li = null; // cold start: opening prices
            }
            agents.add(new PeerAgent(d, network.mailbox(d.peer()), variant, tuning.rho0(), tuning.sharedPenalty(), tuning.priceStep(),
                    tuning.gammaRatio(), tuning.consensusWeight(), tuning.relaxation(), ti, li,
                    tuning.freezeTolerance() * injScale, balancing));
        }
        // the platform's view of every channel: the network entries of its low and high ends
        int[] lowSlot = new int[nc], highSlot = new int[nc];
        int[] lowPeer = new int[nc], highPeer = new int[nc];
        for (PeerData d : data) {
            for (int l = 0; l < channelsOf[d.peer()].length; l++) {
                int c = channelsOf[d.peer()][l];
                if (ch.lowPeer()[c] == d.peer()) {
                    lowSlot[c] = network.slot(d.peer(), l);
                    lowPeer[c] = d.peer();
                } else {
                    highSlot[c] = network.slot(d.peer(), l);
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
        double[] balance = new double[2 * problem.peerCount()];
        double[] zPrev = t0.clone();
        List<IterationRecord> history = new ArrayList<>();
        double multiplier = 1;
        Residuals res = null;
        Status status = Status.ITERATION_LIMIT;
        String why;
        int k = 0;
        try (RoundExecutor exec = new RoundExecutor(agents, network, tuning.threads())) {
            while (true) {
                if (k >= options.maxIterations()) {
                    why = "iteration limit (" + options.maxIterations() + ")";
                    break;
                }
                if ((System.nanoTime() - start) * 1e-9 > options.timeLimitSeconds()) {
                    why = "time limit (" + options.timeLimitSeconds() + " s)";
                    break;
                }
                if (options.progress().stopRequested()) {
                    why = "stop requested";
                    break;
                }
                k++;
                boolean adapt = tuning.adaptive() && k <= AdmmOptions.ADAPTATION_ROUNDS && k % tuning.adaptationInterval() == 0;
                exec.round(new Agent.Round(k, multiplier, adapt));
                for (PeerAgent a : agents) {
                    if (a.locallyInfeasible()) {
                        double s = (System.nanoTime() - start) * 1e-9;
                        return ProblemSolution.without(Status.INFEASIBLE, solverName, k, s, "peer " + problem.peerLabel(a.peer())
                                + " cannot meet its own bounds and side constraints with the trades it may make"
                                + "; maybe widen its bounds or allow it more trading partners");
                    }
                }
                res = residuals(network, variant, zPrev, lowSlot, highSlot);
                history.add(new IterationRecord(k, res.primalMax, res.dualMax, multiplier));
                options.progress().iteration(k, res.primalMax, res.dualMax);
                if (tol.met(res) && peerBalance(network, lowSlot, highSlot, lowPeer, highPeer, balance) <= tol.primalMax()) {
                    status = Status.OPTIMAL;
                    why = "converged: primal residual " + fmt(res.primalMax) + " <= " + fmt(tol.primalMax()) + " kW and dual residual "
                            + fmt(res.dualMax) + " <= " + fmt(tol.dualMax()) + " $/kW (relative tolerance " + eps + ")";
                    break;
                }
                if (k % CERTIFICATE_INTERVAL == 0 && res.primalMax > tol.primalMax() && stalled(history)
                        && infeasibilityProved(exec, agents, capacity)) {
                    double s = (System.nanoTime() - start) * 1e-9;
                    return ProblemSolution.without(Status.INFEASIBLE, solverName, k, s, "no trades satisfy every peer's own bounds"
                            + " and side constraints at once (after " + k + " rounds the reciprocity mismatch " + fmt(res.primalMax)
                            + " kW yields a certificate: summed over peers, the least each peer's trades can make of the"
                            + " mismatch-weighted total is positive); maybe check that sellers' minimum output can be bought"
                            + " and buyers' minimum consumption can be supplied");
                }
                if (adapt) {
                    // how far the bulk of each residual is from its tolerance: the few trades with the largest
                    // residuals are the channel factors' business
                    double np = tol.primalDistance(res), nd = tol.dualDistance(res);
                    if (np > tuning.mu() * nd && multiplier * tuning.tau() <= AdmmOptions.RHO_RANGE) {
                        multiplier *= tuning.tau();
                    } else if (nd > tuning.mu() * np && multiplier / tuning.tau() >= 1 / AdmmOptions.RHO_RANGE) {
                        multiplier /= tuning.tau();
                    }
                }
            }
        }
        if (res == null) {
            res = new Residuals(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (status != Status.OPTIMAL) {
            why = "stopped on " + why + " with primal residual " + fmt(res.primalMax) + " kW (tolerance " + fmt(tol.primalMax())
                    + ") and dual residual " + fmt(res.dualMax) + " $/kW (tolerance " + fmt(tol.dualMax()) + ")"
                    + stallNote(history, tol.primalMax());
        }
        why += String.format(Locale.ROOT, "; 2-norms: primal %s kW (tolerance %s), dual %s $/kW (tolerance %s)",
                fmt(res.primal2), fmt(tol.primal2()), fmt(res.dual2), fmt(tol.dual2()));
        return outcome(problem, ch, data, agents, network, lowSlot, highSlot, status, solverName, k,
                (System.nanoTime() - start) * 1e-9, res, history, why);
    }

    /**
     * Max- and 2-norms of the residuals.
     *
     * @param primalMax max-norm of the reciprocity mismatch, kW
     * @param primal2   2-norm of the reciprocity mismatch, kW
     * @param dualMax   max-norm of the dual residual, $/kW
     * @param dual2     2-norm of the dual residual, $/kW
     */
    record Residuals(double primalMax, double primal2, double dualMax, double dual2) {
    }

    /**
     * The stopping rule of {@link AdmmOptions}: {@code eps S_P} and {@code eps S_D} on the max-norms,
     * {@code sqrt(peers)} times those on the 2-norms.
     *
     * @param primalMax tolerance on the primal max-norm, kW
     * @param primal2   tolerance on the primal 2-norm, kW
     * @param dualMax   tolerance on the dual max-norm, $/kW
     * @param dual2     tolerance on the dual 2-norm, $/kW
     */
    record Tolerances(double primalMax, double primal2, double dualMax, double dual2) {

        /** The tolerances of relative tolerance {@code eps} for scales {@code S_P} (kW), {@code S_D} ($/kW) and {@code peers} peers. */
        static Tolerances of(double eps, double injectionScale, double priceScale, int peers) {
            double root = Math.sqrt(Math.max(1, peers));
            return new Tolerances(eps * injectionScale, eps * injectionScale * root, eps * priceScale, eps * priceScale * root);
        }

        /** Whether all four tests pass (NaN residuals never pass). */
        boolean met(Residuals r) {
            return r.primalMax() <= primalMax && r.primal2() <= primal2 && r.dualMax() <= dualMax && r.dual2() <= dual2;
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

    private static Residuals residuals(Network net, Variant variant, double[] zPrev, int[] lowSlot, int[] highSlot) {
        double rP = 0, rD = 0, rP2 = 0, rD2 = 0;
        double[] trade = net.outTrade, price = net.outPrice, pen = net.outPenalty;
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
            rP = Math.max(rP, r);
            rD = Math.max(rD, s);
            rP2 += r * r;
            rD2 += s * s;
        }
        return new Residuals(rP, Math.sqrt(rP2), rD, Math.sqrt(rD2));
    }

    /**
     * The largest gap between a peer's own trades and the consensus trades reported for it, per
     * commodity, kW: {@code max_i |sum_c (t_ic - z_ic)|}. Per-channel mismatches within tolerance can still add
     * up over a peer's many trades, and the reported set-point is the sum of its own trades.
     */
    private static double peerBalance(Network net, int[] lowSlot, int[] highSlot, int[] lowPeer, int[] highPeer, double[] balance) {
        java.util.Arrays.fill(balance, 0);
        double[] trade = net.outTrade, pen = net.outPenalty;
        for (int c = 0; c < lowSlot.length; c++) {
            double tl = trade[lowSlot[c]], th = trade[highSlot[c]];
            double z = consensus(tl, th, pen[lowSlot[c]], pen[highSlot[c]]);
            balance[lowPeer[c]] += tl - z;
            balance[highPeer[c]] += th + z;
        }
        double worst = 0;
        for (double v : balance) {
            worst = Math.max(worst, Math.abs(v));
        }
        return worst;
    }

    /** The consensus trade of a channel from the low end's view: the two proposals weighted by their penalties. */
    static double consensus(double tLow, double tHigh, double rhoLow, double rhoHigh) {
        return (rhoLow * tLow - rhoHigh * tHigh) / (rhoLow + rhoHigh);
    }

    /**
     * The trade both ends agree to, from the low end's view: the smaller of the two offers when they
     * point the same way, else nothing. It differs from each end's own proposal by at most the
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

    /** Whether the primal residual has fallen by less than a tenth over the last certificate interval (or there is none yet). */
    private static boolean stalled(List<IterationRecord> h) {
        int n = h.size();
        return n <= CERTIFICATE_INTERVAL || h.get(n - 1).primalResidual() > 0.9 * h.get(n - 1 - CERTIFICATE_INTERVAL).primalResidual();
    }

    /** Whether the agents' mismatch supports prove that no trades satisfy them all. */
    private static boolean infeasibilityProved(RoundExecutor exec, List<PeerAgent> agents, double capacity) {
        return proved(exec, agents, capacity, false) || proved(exec, agents, capacity, true);
    }

    private static boolean proved(RoundExecutor exec, List<PeerAgent> agents, double volumeBound, boolean weighted) {
        double[] h = new double[agents.size()];
        exec.forEach(h.length, a -> h[a] = agents.get(a).mismatchSupport(weighted, volumeBound));
        double sum = 0, size = 0;
        for (double v : h) {
            sum += v;
            size += Double.isInfinite(v) ? 0 : Math.abs(v);
        }
        // each term is already a lower bound; keep a margin for the rounding of this sum
        return sum > 1e-12 * size;
    }

    private static ProblemSolution outcome(MarketProblem problem, PeerData.Channels ch, List<PeerData> data, List<PeerAgent> agents,
                                           Network net, int[] lowSlot, int[] highSlot, Status status,
                                           String solverName, int k, double seconds, Residuals res,
                                           List<IterationRecord> history, String why) {
        // aggregates and node prices from the agents' final reports, flows and prices from the proposals
        int n = problem.nodeCount();
        double[] x = new double[n], y = new double[n];
        for (PeerAgent a : agents) {
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
            double tl = net.outTrade[lowSlot[c]], th = net.outTrade[highSlot[c]];
            double rl = net.outPenalty[lowSlot[c]], rh = net.outPenalty[highSlot[c]];
            double dir = nodePeer[tail[t]] == ch.lowPeer()[c] ? 1 : -1;
            f[t] = Math.max(0, dir * agreed(tl, th));
            // the price after the last mismatch correction (what both ends would use next): with it, each
            // end's stationarity error is exactly its dual residual
            arcPrices[t] = 0.5 * (net.outPrice[lowSlot[c]] + net.outPrice[highSlot[c]]) - rl * rh / (rl + rh) * (tl + th);
        }
        return ProblemSolution.of(status, x, f, y, arcPrices, solverName, k, seconds, res.primalMax, res.dualMax, Double.NaN,
                history, why);
    }

    private static String stallNote(List<IterationRecord> h, double epsP) {
        int n = h.size();
        if (n < 200) {
            return "";
        }
        double recent = h.get(n - 1).primalResidual(), earlier = h.get(n / 2).primalResidual();
        if (recent > epsP && recent > 0.9 * earlier) {
            return "; the primal residual has stopped decreasing (" + fmt(earlier) + " -> " + fmt(recent)
                    + " kW over the second half of the run), so the market may be infeasible: check that sellers' minimum output can be bought"
                    + " and buyers' minimum consumption can be supplied";
        }
        return "";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void warmStart(MarketProblem problem, PeerData.Channels ch, AdmmOptions tuning, double[] t0, double[] lam0) {
        ProblemSolution prev = tuning.warmStart();
        if (prev == null || !prev.hasPoint()) {
            return;
        }
        double[] f = prev.f();
        if (f.length != problem.arcCount()) {
            throw new IllegalArgumentException("warm start has " + f.length + " arcs but the problem has " + problem.arcCount()
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
