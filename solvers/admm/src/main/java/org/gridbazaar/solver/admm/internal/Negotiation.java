package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
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
 * platform relaying messages; it never reads an agent's private data during the negotiation).
 */
public final class Negotiation {

    /** Which algorithm. */
    public enum Variant {
        /** Baroche et al. 2019: penalty = rho, prices updated with the rho that produced the trades. */
        ADMM,
        /** Sorin et al. 2019 relaxed consensus + innovation: price step rho, proximal penalty gamma = gammaRatio * rho. */
        CONSENSUS
    }

    /** How far residual balancing may move the penalty from {@code rho0}, either way. */
    static final double RHO_RANGE = 1e4;

    private Negotiation() {
    }

    /** Whether the agents can handle {@code problem}. */
    public static MarketSolver.Support supports(MarketProblem problem) {
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
                            + " < 0, which makes its local problem non-convex; maybe give preferences non-negative costs");
                }
            }
        }
        return MarketSolver.Support.yes();
    }

    /** Runs the negotiation. */
    public static ProblemSolution run(MarketProblem problem, SolverOptions options, AdmmOptions tuning, Variant variant, String solverName) {
        long start = System.nanoTime();
        PeerData.Channels ch = PeerData.channels(problem);
        List<PeerData> data = PeerData.of(problem, ch);
        int nc = ch.count();
        // initial trades and prices per channel, from the low peer's view
        double[] t0 = new double[nc], lam0 = new double[nc];
        warmStart(problem, ch, tuning, t0, lam0);
        double injScale = problem.injectionScale();
        List<PeerAgent> agents = new ArrayList<>(data.size());
        for (PeerData d : data) {
            double[] ti = new double[d.links().size()], li = new double[d.links().size()];
            for (int l = 0; l < ti.length; l++) {
                PeerData.Link link = d.links().get(l);
                double sign = ch.lowPeer()[link.channel()] == d.peer() ? 1 : -1;
                ti[l] = sign * t0[link.channel()];
                li[l] = lam0[link.channel()];
            }
            agents.add(new PeerAgent(d, ti, li, tuning.freezeTolerance() * injScale));
        }
        double eps = Math.max(options.tolerance(), tuning.minRelativeTolerance());
        double epsP = eps * injScale;
        double epsD = eps * priceScale(problem);

        double[] zPrev = t0.clone();
        double[] zLow = new double[nc], tLow = new double[nc], tHigh = new double[nc], lamLow = new double[nc], lamHigh = new double[nc];
        List<IterationRecord> history = new ArrayList<>();
        double rho = tuning.rho0();
        double prevPenalty = variant == Variant.ADMM ? rho : rho * tuning.gammaRatio();
        double rP = Double.NaN, rD = Double.NaN, rP2 = Double.NaN, rD2 = Double.NaN;
        Status status = Status.ITERATION_LIMIT;
        String why = "iteration limit";
        int k = 0;
        ForkJoinPool pool = ForkJoinPool.commonPool();
        RoundExecutor exec = new RoundExecutor(agents, pool);
        for (Proposal p : flatten(exec.inboxes())) {
            record(p, ch, tLow, tHigh, lamLow, lamHigh);
        }
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
            double penalty = variant == Variant.ADMM ? rho : rho * tuning.gammaRatio();
            double priceStep = variant == Variant.ADMM ? prevPenalty : rho;
            List<Proposal> sent = exec.round(new Agent.Round(k, priceStep, penalty));
            prevPenalty = penalty;
            for (Proposal p : sent) {
                record(p, ch, tLow, tHigh, lamLow, lamHigh);
            }
            for (PeerAgent a : agents) {
                if (a.locallyInfeasible()) {
                    double s = (System.nanoTime() - start) * 1e-9;
                    return ProblemSolution.without(Status.INFEASIBLE, solverName, k, s, "peer " + problem.peerLabel(a.peer())
                            + " cannot meet its own bounds and side constraints with the trades it may make"
                            + "; maybe widen its bounds or allow it more trading partners");
                }
            }
            rP = 0;
            rD = 0;
            rP2 = 0;
            rD2 = 0;
            for (int c = 0; c < nc; c++) {
                double r = Math.abs(tLow[c] + tHigh[c]);
                zLow[c] = 0.5 * (tLow[c] - tHigh[c]);
                double s = penalty * Math.abs(zLow[c] - zPrev[c]);
                rP = Math.max(rP, r);
                rD = Math.max(rD, s);
                rP2 += r * r;
                rD2 += s * s;
            }
            rP2 = Math.sqrt(rP2);
            rD2 = Math.sqrt(rD2);
            System.arraycopy(zLow, 0, zPrev, 0, nc);
            history.add(new IterationRecord(k, rP, rD, penalty));
            options.progress().iteration(k, rP, rD);
            if (rP <= epsP && rD <= epsD) {
                status = Status.OPTIMAL;
                why = "converged: primal residual " + fmt(rP) + " <= " + fmt(epsP) + " kW and dual residual " + fmt(rD) + " <= " + fmt(epsD)
                        + " $/kW (relative tolerance " + eps + ", first-order method)";
                break;
            }
            if (tuning.adaptive() && k <= AdmmOptions.ADAPTATION_ROUNDS) {
                double np = rP / epsP, nd = rD / epsD;
                if (np > tuning.mu() * nd && rho * tuning.tau() <= tuning.rho0() * RHO_RANGE) {
                    rho *= tuning.tau();
                } else if (nd > tuning.mu() * np && rho / tuning.tau() >= tuning.rho0() / RHO_RANGE) {
                    rho /= tuning.tau();
                }
            }
        }
        if (status != Status.OPTIMAL) {
            why = "stopped on " + why + " with primal residual " + fmt(rP) + " kW (tolerance " + fmt(epsP) + ") and dual residual "
                    + fmt(rD) + " $/kW (tolerance " + fmt(epsD) + ")" + stallNote(history, epsP);
        }
        why += "; 2-norms: primal " + fmt(rP2) + ", dual " + fmt(rD2);
        // read the outcome: aggregates and node prices from the agents' final reports, flows and prices from the proposals
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
            double z = 0.5 * (tLow[c] - tHigh[c]);
            double dir = nodePeer[tail[t]] == ch.lowPeer()[c] ? 1 : -1;
            f[t] = Math.max(0, dir * z);
            arcPrices[t] = 0.5 * (lamLow[c] + lamHigh[c]);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return ProblemSolution.of(status, x, f, y, arcPrices, solverName, k, seconds, rP, rD, Double.NaN, history, why);
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
        return String.format("%.3g", v);
    }

    private static List<Proposal> flatten(List<List<Proposal>> boxes) {
        List<Proposal> all = new ArrayList<>();
        boxes.forEach(all::addAll);
        return all;
    }

    private static void record(Proposal p, PeerData.Channels ch, double[] tLow, double[] tHigh, double[] lamLow, double[] lamHigh) {
        int c = p.channel();
        if (ch.lowPeer()[c] == p.from()) {
            tLow[c] = p.trade();
            lamLow[c] = p.price();
        } else {
            tHigh[c] = p.trade();
            lamHigh[c] = p.price();
        }
    }

    static double priceScale(MarketProblem problem) {
        double[] a = problem.quadratic(), b = problem.linear(), lo = problem.lower(), hi = problem.upper();
        double s = 1;
        for (int k = 0; k < a.length; k++) {
            s = Math.max(s, Math.abs(b[k]) + a[k] * Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
        }
        return s;
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
