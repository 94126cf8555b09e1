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
import org.gridbazaar.solver.admm.transport.HorizonCheck;
import org.gridbazaar.solver.admm.transport.HorizonCheckResult;
import org.gridbazaar.solver.admm.transport.HorizonCopies;
import org.gridbazaar.solver.admm.transport.HorizonPrices;
import org.gridbazaar.solver.admm.transport.HorizonReport;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.NegotiationMessage;
import org.gridbazaar.solver.admm.transport.PeerUnresponsiveException;

/**
 * Consensus ADMM on trades for markets over time: problems with peer blocks (storage, ramps, energy
 * windows) and multi-period problems, which {@link Negotiation} refuses. Every peer ({@link
 * HorizonPeer}) solves its whole block over the horizon exactly (an interior point on its {@link
 * org.gridbazaar.solver.support.SeparableQp}) each round; what crosses peers is, per arc (seller
 * node, buyer node, one period), the two ends' copies of its flow, its consensus value and its
 * price.
 *
 * <p>Round {@code k}, per arc {@code a} with seller copy {@code s_a}, buyer copy {@code b_a},
 * consensus {@code m_a}, price {@code lambda_a} (what the buyer pays and the seller receives) and
 * penalty {@code rho}:
 *
 * <pre>
 *   seller:  min  C_i(x_i, z_i) + sum_a (sellerCost_a - lambda_a) s_a + rho/2 (s_a - m_a)^2   s.t. its block, 0 &lt;= s_a &lt;= cap_a
 *   buyer:   min  C_j(x_j, z_j) + sum_a (buyerCost_a + lambda_a) b_a + rho/2 (b_a - m_a)^2    s.t. its block, 0 &lt;= b_a &lt;= cap_a
 *   m_a      = (s_a + b_a) / 2
 *   lambda_a += rho (b_a - s_a) / 2                  (the price rises while the buyer asks for more than the seller offers)
 * </pre>
 *
 * which is consensus ADMM on {@code s_a = m_a = b_a} with dual {@code -lambda_a} for the seller's
 * copy and {@code +lambda_a} for the buyer's (they sum to zero after every round, so the consensus
 * is the plain average). {@code rho} is one penalty for all arcs, balanced every few rounds between
 * the primal and dual residuals (Boyd et al. 2011, section 3.4.1).
 *
 * <p><b>{@code consensus}</b> ({@link Negotiation.Variant#CONSENSUS}, the update of {@code
 * ConsensusSolver} over the horizon): each end keeps its own price, the seller {@code lambda^s_a}
 * and the buyer {@code lambda^b_a}, and each peer's local problem above uses its own end's price
 * and the penalty {@code gamma = gammaRatio * rho}. The returned copies are relaxed, {@code s_a +=
 * eta (s~_a - s_a)} and likewise {@code b_a}, then {@code m_a = (s_a + b_a) / 2} and
 *
 * <pre>
 *   lambda^s_a += - beta (lambda^s_a - lambda^b_a) + rho (b_a - s_a) / 2     consensus + innovation
 *   lambda^b_a += - beta (lambda^b_a - lambda^s_a) + rho (b_a - s_a) / 2
 * </pre>
 *
 * with {@code beta}, {@code eta} and {@code gammaRatio} from {@link AdmmOptions}; each end opens at
 * its own node's linear cost {@code b} (admm opens every arc at the two ends' average); the dual
 * residual adds {@code |lambda^s_a - lambda^b_a|}, and the certificate and the result use the two
 * prices' average. Both ends move by the same innovation, so their disagreement shrinks by {@code 1
 * - 2 beta} each round (by half at the default {@code beta = 1/4}); with {@code beta = 1/2}, {@code
 * eta = 1} and {@code gammaRatio = 1} they agree from the first update on, and the rounds are
 * admm's but for the first, which each end solves at its own opening price. The innovation step is
 * admm's ({@code theta = 1} on this path).
 *
 * <p>{@code cap_a} is the least of the period's (and commodity's) total supply and total demand
 * bounds: every cycle-free flow respects it, and there is a cycle-free optimum when the arc costs
 * have no negative cycle (checked in {@link #supports}); so the caps do not change the optimum, and
 * they make the peers' Lagrangian problems bounded.
 *
 * <p>Certificate, tried every {@value #CERTIFICATE_INTERVAL} rounds and when the residuals are
 * within the tolerance: at the first such round, then, while it fails, after 2, 4, 8, 16 and at
 * most {@value #CERTIFICATE_INTERVAL} rounds (an attempt costs two local solves per peer, more than
 * a round; near the tolerance the residuals pass in most rounds long before the point does): (1) a
 * point: every arc's flow is its consensus value (clipped at 0), every node's set-point the net of
 * those flows, and each peer completes it with its cheapest private variables subject to its rows;
 * it is feasible when every peer's bounds and rows hold within {@code eps} of their own scales; (2)
 * a lower bound: the sum over peers of the dual function of their Lagrangian problems at the prices
 * (weak duality, evaluated exactly at the multipliers their local solver returns, so valid whatever
 * its accuracy). {@code OPTIMAL} only when the point is feasible and objective minus bound is at
 * most {@code eps * max(1, |objective|)}.
 */
public final class HorizonNegotiation {

    /** Rounds between certificate attempts while the residuals are above the tolerance. */
    static final int CERTIFICATE_INTERVAL = 25;

    /** Rounds between penalty adaptations, and the last round that adapts. */
    static final int ADAPT_INTERVAL = 5, ADAPT_UNTIL = 2000;

    private HorizonNegotiation() {}

    /**
     * Whether {@code problem} is one for this path: it has peer blocks, more than one period, or
     * some peer has more nodes than the single-period negotiation handles. (A two-period market
     * whose peers have one node per period must come here too: the single-period negotiation would
     * read a peer's two nodes as its power and heat.)
     */
    public static boolean applies(MarketProblem problem) {
        if (problem.hasPeerBlocks() || problem.periodCount() > 1) {
            return true;
        }
        for (int p = 0; p < problem.peerCount(); p++) {
            if (problem.nodesOfPeer(p).length > 2) {
                return true;
            }
        }
        return false;
    }

    /** Whether the horizon negotiation can clear {@code problem}. */
    public static MarketSolver.Support supports(MarketProblem problem) {
        int n = problem.couplingConstraintCount();
        if (n > 0) {
            return MarketSolver.Support.no(
                    "the problem has "
                            + n
                            + " constraint"
                            + (n == 1 ? "" : "s")
                            + " across peers (such as "
                            + problem.couplingLabel(0)
                            + "), which no peer can enforce from its own data and trades; the distributed"
                            + " solvers negotiate bilateral trades only. Maybe clear it with structured-ipm, or without hard line limits");
        }
        String cycle = negativeCycle(problem);
        if (cycle != null) {
            return MarketSolver.Support.no(cycle);
        }
        return MarketSolver.Support.yes();
    }

    /**
     * A description of a cycle of arcs with negative total per-kW terms, or {@code null} when there
     * is none.
     */
    static String negativeCycle(MarketProblem p) {
        double[] w = p.arcCost();
        boolean anyNegative = false;
        for (double v : w) {
            anyNegative |= v < 0;
        }
        if (!anyNegative) {
            return null;
        }
        // Bellman-Ford from a virtual source at distance 0 to every node
        int nn = p.nodeCount();
        double[] d = new double[nn];
        int[] tail = p.tail(), head = p.head();
        for (int it = 0; it < nn; it++) {
            boolean changed = false;
            for (int a = 0; a < w.length; a++) {
                if (d[tail[a]] + w[a] < d[head[a]] - 1e-12 * Math.max(1, Math.abs(d[head[a]]))) {
                    d[head[a]] = d[tail[a]] + w[a];
                    changed = true;
                }
            }
            if (!changed) {
                return null;
            }
        }
        return "the per-kW terms of the trades form a cycle of negative total cost (trading around it would pay without"
                + " end), so the caps the distributed solver puts on trades could cut off the optimum; maybe give"
                + " preferences non-negative costs";
    }

    /** Runs the ADMM negotiation in process. */
    public static ProblemSolution run(
            MarketProblem problem, SolverOptions options, AdmmOptions tuning, String solverName) {
        return run(
                problem,
                options,
                tuning,
                Negotiation.Variant.ADMM,
                solverName,
                HorizonTransport.inProcess(tuning.threads() != 1));
    }

    /**
     * Runs the ADMM negotiation with the agents wherever {@code transports} starts them (see {@link
     * #run(MarketProblem, SolverOptions, AdmmOptions, Negotiation.Variant, String,
     * HorizonTransport.Factory)}).
     */
    public static ProblemSolution run(
            MarketProblem problem,
            SolverOptions options,
            AdmmOptions tuning,
            String solverName,
            HorizonTransport.Factory transports) {
        return run(problem, options, tuning, Negotiation.Variant.ADMM, solverName, transports);
    }

    /**
     * Runs the negotiation with the agents wherever {@code transports} starts them. A transport
     * that loses agents ends the run with status {@code ITERATION_LIMIT}, no point, and a message
     * naming the lost peers; one that cannot place the agents (a peer hosted twice or by no node, a
     * node holding another case) ends it before the first round the same way, with its message.
     */
    public static ProblemSolution run(
            MarketProblem problem,
            SolverOptions options,
            AdmmOptions tuning,
            Negotiation.Variant variant,
            String solverName,
            HorizonTransport.Factory transports) {
        long start = System.nanoTime();
        boolean consensus = variant == Negotiation.Variant.CONSENSUS;
        double beta = tuning.consensusWeight(), eta = tuning.relaxation();
        double gammaRatio = consensus ? tuning.gammaRatio() : 1;
        int na = problem.arcCount(), np = problem.peerCount();
        double eps = options.tolerance();
        double localTol = Math.min(1e-9, 1e-3 * eps);
        double[] cap = caps(problem);
        List<HorizonSpec> specs = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            specs.add(HorizonPeer.spec(problem, i, cap, localTol));
        }
        // per arc: the seller's and buyer's peer and their local arc positions
        int[] sellerPeer = new int[na],
                sellerSlot = new int[na],
                buyerPeer = new int[na],
                buyerSlot = new int[na];
        for (HorizonSpec h : specs) {
            for (int l = 0; l < h.arcs().length; l++) {
                int a = h.arcs()[l];
                if (h.roles()[l] != HorizonPeer.BUYS) {
                    sellerPeer[a] = h.peer();
                    sellerSlot[a] = l;
                }
                if (h.roles()[l] != HorizonPeer.SELLS) {
                    buyerPeer[a] = h.peer();
                    buyerSlot[a] = l;
                }
            }
        }
        double injScale = problem.injectionScale(), priceScale = problem.priceScale();
        double[] lambda = new double[na], m = new double[na], rho = new double[na];
        double[] b = problem.linear();
        ProblemSolution warm = tuning.warmStart();
        double[] warmArcPrices = warm == null ? null : warm.arcPrices();
        double[] warmFlows = warm == null ? null : warm.f();
        boolean warmPrices = warmArcPrices != null && warmArcPrices.length == na;
        int[] tail = problem.tail(), head = problem.head();
        for (int a = 0; a < na; a++) {
            lambda[a] = warmPrices ? warmArcPrices[a] : 0.5 * (b[tail[a]] + b[head[a]]);
            m[a] = warmFlows != null && warmFlows.length == na ? warmFlows[a] : 0;
        }
        // consensus: the buyer's own price of each arc (lambda is then the seller's), and the
        // relaxed proposals of both ends; for admm the buyer's price is the seller's
        double[] lambdaB = consensus ? lambda.clone() : lambda;
        if (consensus && !warmPrices) {
            // each end opens at its own node's price, and they agree only as the rounds go (an
            // arc whose two ends one peer holds has one price, which no round moves)
            for (int a = 0; a < na; a++) {
                if (sellerPeer[a] != buyerPeer[a] || sellerSlot[a] != buyerSlot[a]) {
                    lambda[a] = b[tail[a]];
                    lambdaB[a] = b[head[a]];
                }
            }
        }
        double[] sRel = consensus ? m.clone() : null, bRel = consensus ? m.clone() : null;
        double rhoNow = tuning.rho0() * priceScale / injScale;
        java.util.Arrays.fill(rho, rhoNow);
        List<IterationRecord> history = new ArrayList<>();
        Status status = Status.ITERATION_LIMIT;
        String why = "iteration limit (" + options.maxIterations() + ")";
        Certificate best = null;
        double primal = Double.NaN, dual = Double.NaN;
        int k = 0;
        double[] y = new double[problem.nodeCount()],
                sd = new double[problem.sideConstraintCount()];
        HorizonTransport opened;
        try {
            opened = transports.openFor(problem, specs);
        } catch (IllegalArgumentException e) {
            return Negotiation.agentsNotPlaced(e, solverName, (System.nanoTime() - start) * 1e-9);
        }
        try (HorizonTransport exec = opened) {
            int passWait = 1, nextPassAttempt = 0;
            while (k < options.maxIterations()) {
                if ((System.nanoTime() - start) * 1e-9 > options.timeLimitSeconds()) {
                    why = "time limit (" + options.timeLimitSeconds() + " s)";
                    break;
                }
                if (options.progress().stopRequested()) {
                    why = "stop requested";
                    break;
                }
                k++;
                List<HorizonCopies> copies =
                        exec.round(prices(specs, k, lambda, lambdaB, m, rho, gammaRatio));
                if (k == 1) {
                    for (int i = 0; i < np; i++) {
                        double shortfall = copies.get(i).shortfall();
                        if (shortfall > eps) {
                            double s = (System.nanoTime() - start) * 1e-9;
                            return ProblemSolution.without(
                                    Status.INFEASIBLE,
                                    solverName,
                                    k,
                                    s,
                                    "peer "
                                            + problem.peerLabel(i)
                                            + " cannot meet its own bounds and rows over the horizon with the trades it may make (the least"
                                            + " total violation of its rows is "
                                            + fmt(shortfall)
                                            + "); maybe widen its bounds or storage limits");
                        }
                    }
                }
                double rMax = 0, sMax = 0;
                double[] mNew = new double[na];
                for (int a = 0; a < na; a++) {
                    double s = copies.get(sellerPeer[a]).copies()[sellerSlot[a]],
                            bu = copies.get(buyerPeer[a]).copies()[buyerSlot[a]];
                    boolean twoEnds =
                            sellerPeer[a] != buyerPeer[a] || sellerSlot[a] != buyerSlot[a];
                    if (consensus) {
                        sRel[a] += eta * (s - sRel[a]);
                        bRel[a] += eta * (bu - bRel[a]);
                        s = sRel[a];
                        bu = bRel[a];
                    }
                    mNew[a] = 0.5 * (s + bu);
                    if (twoEnds && consensus) {
                        double innovation = rho[a] * (bu - s) / 2;
                        double ls = lambda[a], lb = lambdaB[a];
                        lambda[a] = ls - beta * (ls - lb) + innovation;
                        lambdaB[a] = lb - beta * (lb - ls) + innovation;
                    } else if (twoEnds) {
                        lambda[a] += rho[a] * (bu - s) / 2;
                    }
                    rMax = Math.max(rMax, Math.abs(bu - s));
                    sMax =
                            Math.max(
                                    sMax,
                                    rho[a] * Math.abs(mNew[a] - m[a])
                                            + Math.abs(lambda[a] - lambdaB[a]));
                }
                m = mNew;
                primal = rMax / injScale;
                dual = sMax / priceScale;
                history.add(new IterationRecord(k, primal, dual, rhoNow));
                options.progress().iteration(k, primal, dual);
                boolean passed = primal <= eps && dual <= eps;
                if (passed && k >= nextPassAttempt || k % CERTIFICATE_INTERVAL == 0) {
                    Certificate c = certify(problem, specs, exec, k, m, mean(lambda, lambdaB), eps);
                    if (best == null || c.betterThan(best)) {
                        best = c;
                    }
                    if (c.certified(eps)) {
                        status = Status.OPTIMAL;
                        best = c;
                        why = "certified";
                        break;
                    }
                    if (passed) {
                        passWait = Math.min(2 * passWait, CERTIFICATE_INTERVAL);
                        nextPassAttempt = k + passWait;
                    }
                }
                if (tuning.adaptive() && k % ADAPT_INTERVAL == 0 && k <= ADAPT_UNTIL) {
                    double factor =
                            primal > tuning.mu() * dual
                                    ? tuning.tau()
                                    : dual > tuning.mu() * primal ? 1 / tuning.tau() : 1;
                    if (factor != 1) {
                        rhoNow *= factor;
                        java.util.Arrays.fill(rho, rhoNow);
                    }
                }
            }
            if (best == null || status != Status.OPTIMAL) {
                Certificate c = certify(problem, specs, exec, k, m, mean(lambda, lambdaB), eps);
                if (best == null || c.betterThan(best)) {
                    best = c;
                }
            }
            for (HorizonReport r : exec.reports(k)) {
                HorizonSpec h = specs.get(r.peer());
                for (int i = 0; i < h.nodes().length; i++) {
                    y[h.nodes()[i]] = r.nodePrices()[i];
                }
                for (int q = 0; q < h.sideRows().length; q++) {
                    sd[h.sideRows()[q]] = r.sideDuals()[q];
                }
            }
        } catch (PeerUnresponsiveException e) {
            return Negotiation.lostPeers(
                    problem, e, solverName, k, (System.nanoTime() - start) * 1e-9);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        String message =
                String.format(
                        Locale.ROOT,
                        "%s after %d rounds (%.3g s, %.3g ms per round): objective %.10g, lower bound %.10g,"
                                + " gap %.3g, point violation %.3g, primal residual %.3g, dual residual %.3g, rho %.3g",
                        status == Status.OPTIMAL ? "certified optimal" : why,
                        k,
                        seconds,
                        1e3 * seconds / Math.max(1, k),
                        best.objective,
                        best.bound,
                        best.gap(),
                        best.violation,
                        primal,
                        dual,
                        rhoNow);
        return ProblemSolution.of(
                        status,
                        best.x,
                        best.f,
                        y,
                        mean(lambda, lambdaB),
                        solverName,
                        k,
                        seconds,
                        primal,
                        dual,
                        best.gap(),
                        history,
                        message)
                .withPrivateVariables(best.z)
                .withSideDuals(sd);
    }

    /** A candidate point with its objective, feasibility and a lower bound on the optimum. */
    static final class Certificate {
        double[] x, f, z;
        double objective, bound, violation;
        double eps;

        double gap() {
            return objective - bound;
        }

        boolean certified(double tol) {
            return violation <= tol && gap() <= tol * Math.max(1, Math.abs(objective));
        }

        boolean betterThan(Certificate o) {
            boolean feas = violation <= eps, ofeas = o.violation <= o.eps;
            if (feas != ofeas) {
                return feas;
            }
            return feas ? gap() < o.gap() : violation < o.violation;
        }
    }

    /**
     * Every peer's round-{@code k} message: the prices (a seller's end gets {@code sellerPrice}, a
     * buyer's end {@code buyerPrice}, one array for both under admm), consensus values and
     * penalties ({@code rho} times {@code penaltyRatio}: consensus's {@code gamma}).
     */
    private static List<HorizonPrices> prices(
            List<HorizonSpec> specs,
            int k,
            double[] sellerPrice,
            double[] buyerPrice,
            double[] m,
            double[] rho,
            double penaltyRatio) {
        List<HorizonPrices> out = new ArrayList<>(specs.size());
        for (HorizonSpec h : specs) {
            int[] arcs = h.arcs();
            double[] p = new double[arcs.length], c = new double[arcs.length];
            double[] r = new double[arcs.length];
            for (int l = 0; l < arcs.length; l++) {
                p[l] =
                        h.roles()[l] == HorizonPeer.BUYS
                                ? buyerPrice[arcs[l]]
                                : sellerPrice[arcs[l]];
                c[l] = m[arcs[l]];
                r[l] = penaltyRatio * rho[arcs[l]];
            }
            out.add(
                    new HorizonPrices(
                            NegotiationMessage.VERSION, k, h.peer(), arcs.clone(), p, c, r));
        }
        return out;
    }

    /** The average of the two ends' prices of each arc (the arc's price under admm). */
    private static double[] mean(double[] sellerPrice, double[] buyerPrice) {
        double[] out = new double[sellerPrice.length];
        for (int a = 0; a < out.length; a++) {
            out[a] = 0.5 * (sellerPrice[a] + buyerPrice[a]);
        }
        return out;
    }

    private static Certificate certify(
            MarketProblem p,
            List<HorizonSpec> specs,
            HorizonTransport exec,
            int k,
            double[] m,
            double[] lambda,
            double eps) {
        Certificate c = new Certificate();
        c.eps = eps;
        int na = p.arcCount();
        c.f = new double[na];
        for (int a = 0; a < na; a++) {
            c.f[a] = Math.max(0, m[a]);
        }
        c.x = p.injections(c.f);
        c.z = new double[p.variableCount()];
        List<HorizonCheck> checks = new ArrayList<>(specs.size());
        for (HorizonSpec h : specs) {
            double[] xs = new double[h.nodes().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = c.x[h.nodes()[i]];
            }
            int[] arcs = h.arcs();
            double[] prices = new double[arcs.length];
            for (int l = 0; l < arcs.length; l++) {
                prices[l] = lambda[arcs[l]];
            }
            checks.add(
                    new HorizonCheck(
                            NegotiationMessage.VERSION, k, h.peer(), xs, arcs.clone(), prices));
        }
        double v = 0, bound = 0;
        for (HorizonCheckResult r : exec.check(checks)) {
            int[] vars = specs.get(r.peer()).variables();
            for (int i = 0; i < vars.length; i++) {
                c.z[vars[i]] = r.privateValues()[i];
            }
            v = Math.max(v, r.violation());
            bound += r.lowerBound();
        }
        c.violation = v;
        c.bound = bound;
        c.objective = p.objective(c.x, c.z, c.f);
        return c;
    }

    /**
     * Per arc: the least of its period's (and commodity's) total supply bound and total demand
     * bound, which no cycle-free flow exceeds.
     */
    static double[] caps(MarketProblem p) {
        int periods = Math.max(1, p.periodCount());
        int[] commodity = p.nodeCommodity(), period = p.nodePeriod(), tail = p.tail();
        double[] upper = p.upper(), lower = p.lower();
        double[] supply = new double[2 * periods], demand = new double[2 * periods];
        for (int k = 0; k < p.nodeCount(); k++) {
            int g = commodity[k] * periods + period[k];
            supply[g] += Math.max(0, upper[k]);
            demand[g] += Math.max(0, -lower[k]);
        }
        double[] cap = new double[p.arcCount()];
        for (int a = 0; a < cap.length; a++) {
            int k = tail[a];
            int g = commodity[k] * periods + period[k];
            cap[a] = Math.min(supply[g], demand[g]);
        }
        return cap;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
