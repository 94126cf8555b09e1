package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.solver.admm.transport.AgentSpec;
import org.gridbazaar.solver.admm.transport.ProposalBoard;
import org.gridbazaar.solver.admm.transport.RoundStart;

/**
 * A peer negotiating its bilateral trades. Each round, for every link {@code j} (symbols of {@code
 * AdmmSolver} and {@code ConsensusSolver}), it reads the partner's proposal {@code (t_ji,
 * lambda_ji, rho_j)} and, with its own last {@code (t_ij, rho_i)}, {@code h_ij = rho_i rho_j /
 * (rho_i + rho_j)} and the price step {@code theta},
 *
 * <ol>
 *   <li>updates its own price: {@link Negotiation.Variant#ADMM} {@code lambda_ij -= theta h_ij
 *       (t_ij + t_ji)} (both sides compute the same number); {@link Negotiation.Variant#CONSENSUS}
 *       {@code lambda_ij += -beta (lambda_ij - lambda_ji) - theta h_ij (t_ij + t_ji)} (consensus
 *       with the partner's price plus innovation from the mismatch);
 *   <li>moves the proximal centre to the weighted average proposal {@code m_ij = (rho_i t_ij -
 *       rho_j t_ji) / (rho_i + rho_j)};
 *   <li>solves its local problem exactly ({@link LocalProblem}): own cost + own per-kW terms {@code
 *       - sum lambda_ij t_ij + gamma_i/2 sum (t_ij - m_ij)^2} over its own constraints, with {@code
 *       rho_i} = the announced multiplier times the link's channel factor times the link's scale
 *       (its own {@link #basePenalty base penalty}, or with shared penalties the geometric mean of
 *       its own and the partner's, learnt from the partner's first proposal) and {@code gamma_i =
 *       gammaRatio rho_i} ({@code = rho_i} for ADMM);
 *   <li>proposes {@code t_ij + eta (t~_ij - t_ij)} (the relaxation; {@code eta = 1} for ADMM) with
 *       its price and {@code rho_i}.
 * </ol>
 *
 * Every {@code adaptationInterval} rounds both ends of each link rebalance its channel factor
 * ({@link Balancing}) from numbers both see, so they agree without a message. Optional freezing: a
 * link whose mismatch and centre change both fall below the freeze tolerance is fixed at its
 * centre; both sides see the same numbers, so both freeze it in the same round at the same value.
 */
public final class PeerAgent implements Agent {

    private final PeerData data;
    private final Negotiation.Variant variant;
    private final double beta, eta, gammaRatio, priceStep, freezeTolerance;
    private final boolean sharedPenalty;
    private final double[] basePenalty, linkScale, ownPenalty, channelFactor;

    /**
     * Per link, since the last rebalancing: sum and absolute sum of the consensus moves (kW),
     * largest mismatch (kW).
     */
    private final double[] moveSum, moveAbs, mismatchMax;

    /** Rounds since the last rebalancing, this one included. */
    private int roundsSinceBalancing;

    private final Balancing balancing;

    /** Per link, the channel's primal scale {@code S_c} (kW) and dual scale {@code D_c} ($/kW). */
    private final double[] primalScale, dualScale;

    /**
     * Per-channel residual balancing, the same at both ends of every channel: every so many rounds
     * each end compares the channel's scaled mismatch {@code |r|/S_c} with its scaled dual residual
     * {@code max(rho_i, rho_j) |m - m_prev| / D_c} (the channel's own scales, as in the stopping
     * rule) and, if one exceeds {@code mu} times the other, multiplies or divides the channel's
     * penalty factor by {@code tau} (within {@code [1/range, range]}). A channel whose consensus
     * trade moved one way over the interval ({@code |sum dm| >= driftThreshold * sum |dm|}, {@code
     * driftThreshold > 0}) with a mean scaled dual residual above its largest scaled mismatch is
     * softened too. Both ends compute the same numbers, so they agree.
     */
    record Balancing(double mu, double tau, double range, double driftThreshold) {}

    private final int nLinks;
    private final int[] partners, channels, nodeOfLink, slotOfLink, kinds;
    private final double[] cPlus, cMinus;
    private final double[] t, lam, center;
    private final boolean[] frozen;
    private final int[][] linksOfNode;
    private final TradeResponse[] resp;
    private final LocalProblem local;
    private final Mailbox box;
    private double[] x, nu;
    private boolean infeasible;

    /**
     * An agent with its private data, algorithm, consensus weight {@code beta} and relaxation
     * {@code eta} (both used by {@link Negotiation.Variant#CONSENSUS} only), initial trades and
     * prices per link (aligned with {@code data.links()}), and a freeze tolerance (kW, 0 for none);
     * with {@code sharedPenalty} each link's scale becomes the geometric mean of the two ends' base
     * penalties in the first round, and {@code priceStep} multiplies every price step; {@code
     * primalScale} and {@code dualScale} are each link's channel scales (kW, $/kW), {@code reach}
     * each own node's largest injection in any feasible market (kW, its bounds tightened by global
     * balance).
     */
    PeerAgent(
            PeerData data,
            Agent.Mailbox mailbox,
            Negotiation.Variant variant,
            double rho0,
            boolean sharedPenalty,
            double priceStep,
            double gammaRatio,
            double beta,
            double eta,
            double[] initialTrades,
            double[] initialPrices,
            double freezeTolerance,
            Balancing balancing,
            double[] primalScale,
            double[] dualScale,
            double[] reach) {
        this.data = data;
        this.balancing = balancing;
        this.primalScale = primalScale.clone();
        this.dualScale = dualScale.clone();
        this.sharedPenalty = sharedPenalty;
        this.priceStep = priceStep;
        this.gammaRatio = variant == Negotiation.Variant.ADMM ? 1 : gammaRatio;
        this.variant = variant;
        this.beta = beta;
        this.eta = variant == Negotiation.Variant.ADMM ? 1 : eta;
        this.freezeTolerance = freezeTolerance;
        List<PeerData.Link> links = data.links();
        nLinks = links.size();
        partners = new int[nLinks];
        channels = new int[nLinks];
        nodeOfLink = new int[nLinks];
        slotOfLink = new int[nLinks];
        kinds = new int[nLinks];
        cPlus = new double[nLinks];
        cMinus = new double[nLinks];
        int nodes = data.nodes().length;
        int[] count = new int[nodes];
        for (int l = 0; l < nLinks; l++) {
            PeerData.Link link = links.get(l);
            partners[l] = link.partner();
            channels[l] = link.channel();
            nodeOfLink[l] = link.node();
            slotOfLink[l] = count[link.node()]++;
            kinds[l] = link.kind();
            cPlus[l] = link.cPlus();
            cMinus[l] = link.cMinus();
        }
        linksOfNode = new int[nodes][];
        for (int k = 0; k < nodes; k++) {
            linksOfNode[k] = new int[count[k]];
        }
        for (int l = 0; l < nLinks; l++) {
            linksOfNode[nodeOfLink[l]][slotOfLink[l]] = l;
        }
        resp = new TradeResponse[nodes];
        for (int k = 0; k < nodes; k++) {
            int[] ls = linksOfNode[k];
            int[] kd = new int[ls.length];
            double[] cp = new double[ls.length], cm = new double[ls.length];
            for (int q = 0; q < ls.length; q++) {
                kd[q] = kinds[ls[q]];
                cp[q] = cPlus[ls[q]];
                cm[q] = cMinus[ls[q]];
            }
            resp[k] = new TradeResponse(kd, cp, cm);
        }
        local =
                new LocalProblem(
                        data.a(),
                        data.b(),
                        data.lo(),
                        data.hi(),
                        data.sideG(),
                        data.sideRhs(),
                        resp,
                        reach);
        basePenalty = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            basePenalty[k] =
                    basePenalty(rho0, count[k], data.a()[k], data.b()[k], -reach[k], reach[k]);
        }
        linkScale = new double[nLinks];
        ownPenalty = new double[nLinks];
        channelFactor = new double[nLinks];
        moveSum = new double[nLinks];
        moveAbs = new double[nLinks];
        mismatchMax = new double[nLinks];
        for (int l = 0; l < nLinks; l++) {
            linkScale[l] = basePenalty[nodeOfLink[l]];
            ownPenalty[l] = linkScale[l];
            channelFactor[l] = 1;
        }
        t = initialTrades.clone();
        lam = initialPrices == null ? openingPrices(links) : initialPrices.clone();
        center = t.clone();
        frozen = new boolean[nLinks];
        box = mailbox;
        x = new double[nodes];
        for (int l = 0; l < nLinks; l++) {
            x[nodeOfLink[l]] += t[l];
        }
        nu = data.b().clone();
        writeOutbox();
    }

    /**
     * The agent of {@code spec}, writing the entries of board position {@code index}; it writes its
     * opening proposals there.
     */
    public static PeerAgent of(AgentSpec spec, ProposalBoard board, int index) {
        List<PeerData.Link> links = new ArrayList<>(spec.links());
        for (int l = 0; l < spec.links(); l++) {
            links.add(
                    new PeerData.Link(
                            spec.partners()[l],
                            spec.commodities()[l],
                            spec.linkNodes()[l],
                            spec.channels()[l],
                            spec.arcOut()[l],
                            spec.arcIn()[l],
                            spec.sellCost()[l],
                            spec.buyCost()[l]));
        }
        PeerData data =
                new PeerData(
                        spec.peer(),
                        spec.nodes().clone(),
                        spec.quadratic().clone(),
                        spec.linear().clone(),
                        spec.lower().clone(),
                        spec.upper().clone(),
                        deepClone(spec.sideRows()),
                        spec.sideRhs().clone(),
                        List.copyOf(links));
        Mailbox box =
                new Mailbox(
                        board.inTrades(),
                        board.inPrices(),
                        board.inPenalties(),
                        board.outTrades(),
                        board.outPrices(),
                        board.outPenalties(),
                        board.offset(index),
                        board.links(index));
        AgentSpec.Settings s = spec.settings();
        Negotiation.Variant variant =
                spec.rule() == AgentSpec.Rule.ADMM
                        ? Negotiation.Variant.ADMM
                        : Negotiation.Variant.CONSENSUS;
        return new PeerAgent(
                data,
                box,
                variant,
                s.rho0(),
                s.sharedPenalty(),
                s.priceStep(),
                s.gammaRatio(),
                s.beta(),
                s.eta(),
                spec.initialTrades(),
                spec.initialPrices(),
                s.freezeTolerance(),
                new Balancing(s.mu(), s.tau(), s.range(), s.driftThreshold()),
                spec.primalScales(),
                spec.dualScales(),
                spec.reach());
    }

    private static double[][] deepClone(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }

    @Override
    public int peer() {
        return data.peer();
    }

    @Override
    public int[] partners() {
        return partners.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public Mailbox mailbox() {
        return box;
    }

    /**
     * Cold start: on every link, the agent's marginal cost at the aggregate nearest to zero (its
     * opening ask or bid), $/kW.
     */
    private double[] openingPrices(List<PeerData.Link> links) {
        double[] p = new double[links.size()];
        for (int l = 0; l < p.length; l++) {
            int k = links.get(l).node();
            double x0 = Math.min(data.hi()[k], Math.max(data.lo()[k], 0));
            p[l] = data.a()[k] * x0 + data.b()[k];
        }
        return p;
    }

    /**
     * A node's own penalty at multiplier 1, $/kW^2: {@code rho0 * links * curvature}, the curvature
     * being {@code a} or, for a (nearly) linear cost, 1% of the marginal cost over the node's
     * range. With it the proximal term resists a change of the node's aggregate about as much as
     * its own cost does ({@code rho / links} per kW^2 of aggregate against {@code a}), whatever the
     * number of partners. In a linear analysis of an all-pairs market (peers inside their bounds)
     * the imbalance of the price level then obeys {@code e_(k+1) = e_k - e_(k-1) / (1 + rho0)}: it
     * contracts by {@code sqrt(1/(1 + rho0))} per round for {@code rho0 <= 3}, independent of the
     * number of peers and of their curvatures.
     */
    static double basePenalty(double rho0, int links, double a, double b, double lo, double hi) {
        double range = Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
        double floor = 1e-2 * Math.max(1, Math.abs(b)) / range;
        return rho0 * Math.max(1, links) * Math.max(a, floor);
    }

    private void writeOutbox() {
        System.arraycopy(t, 0, box.outTrade, box.offset, nLinks);
        System.arraycopy(lam, 0, box.outPrice, box.offset, nLinks);
        System.arraycopy(ownPenalty, 0, box.outPenalty, box.offset, nLinks);
    }

    @Override
    public void update(RoundStart round) {
        double[] inT = box.inTrade, inP = box.inPrice, inR = box.inPenalty;
        int off = box.offset;
        if (round.round() == 1 && sharedPenalty) {
            // the partners' first proposals carry their scales (multiplier and factors are still 1)
            for (int l = 0; l < nLinks; l++) {
                linkScale[l] = Math.sqrt(basePenalty[nodeOfLink[l]] * inR[off + l]);
            }
        }
        roundsSinceBalancing++;
        for (int l = 0; l < nLinks; l++) {
            if (frozen[l]) {
                continue;
            }
            double partner = inT[off + l];
            double pi = ownPenalty[l], pj = inR[off + l], w = pi + pj;
            double step = pi * pj / w;
            double r = t[l] + partner;
            if (round.round() == 1) {
                lam[l] = 0.5 * (lam[l] + inP[off + l]); // the two opening prices meet half-way
            }
            if (variant == Negotiation.Variant.ADMM) {
                lam[l] -= priceStep * step * r;
            } else {
                lam[l] += -beta * (lam[l] - inP[off + l]) - priceStep * step * r;
            }
            double zNew = (pi * t[l] - pj * partner) / w;
            double dz = zNew - center[l];
            center[l] = zNew;
            moveSum[l] += dz;
            moveAbs[l] += Math.abs(dz);
            mismatchMax[l] = Math.max(mismatchMax[l], Math.abs(r));
            if (round.adaptChannels()) {
                rebalance(l, Math.abs(r), Math.max(pi, pj), Math.abs(dz));
            }
            if (freezeTolerance > 0
                    && round.round() > 2
                    && Math.abs(r) < freezeTolerance
                    && Math.abs(dz) < freezeTolerance) {
                frozen[l] = true;
                resp[nodeOfLink[l]].freeze(slotOfLink[l], zNew);
            }
        }
        if (round.adaptChannels()) {
            roundsSinceBalancing = 0;
        }
        for (int l = 0; l < nLinks; l++) {
            ownPenalty[l] = round.multiplier() * channelFactor[l] * linkScale[l];
            resp[nodeOfLink[l]].set(
                    slotOfLink[l],
                    center[l],
                    lam[l],
                    gammaRatio * ownPenalty[l],
                    frozen[l] ? center[l] : Double.NaN);
        }
        LocalProblem.Solution s = local.solve();
        infeasible = s == null;
        if (s == null) {
            return;
        }
        double[][] tr = s.trades();
        java.util.Arrays.fill(x, 0);
        for (int l = 0; l < nLinks; l++) {
            double target = tr[nodeOfLink[l]][slotOfLink[l]];
            t[l] = frozen[l] ? center[l] : eta == 1 ? target : t[l] + eta * (target - t[l]);
            x[nodeOfLink[l]] += t[l];
        }
        if (nLinks == 0) {
            System.arraycopy(s.x(), 0, x, 0, x.length);
        }
        nu = s.nu().clone();
        writeOutbox();
    }

    /**
     * Residual balancing of link {@code l}'s channel factor (see {@link Balancing}) from this
     * round's mismatch {@code r} (kW), the larger penalty of the two ends ($/kW^2) and the
     * consensus move {@code dm} (kW), and the sums since the last rebalancing, which it then
     * clears.
     */
    private void rebalance(int l, double r, double rhoMax, double dm) {
        double tau = balancing.tau();
        double p = r / primalScale[l], d = rhoMax * dm / dualScale[l];
        boolean drifting =
                balancing.driftThreshold() > 0
                        && moveAbs[l] > 0
                        && Math.abs(moveSum[l]) >= balancing.driftThreshold() * moveAbs[l]
                        && rhoMax * Math.abs(moveSum[l]) / roundsSinceBalancing / dualScale[l]
                                > mismatchMax[l] / primalScale[l];
        if (p > balancing.mu() * d && channelFactor[l] * tau <= balancing.range()) {
            channelFactor[l] *= tau;
        } else if ((d > balancing.mu() * p || drifting)
                && channelFactor[l] / tau >= 1 / balancing.range()) {
            channelFactor[l] /= tau;
        }
        moveSum[l] = 0;
        moveAbs[l] = 0;
        mismatchMax[l] = 0;
    }

    @Override
    public boolean locallyInfeasible() {
        return infeasible;
    }

    @Override
    public double mismatchSupport(boolean weighted, double volumeBound) {
        double total = 0;
        double[] lo = data.lo(), hi = data.hi();
        for (int k = 0; k < linksOfNode.length; k++) {
            // min sum_l y_l t_l over t_l in [L_l, U_l] (the link's directions, volumes within the
            // bound),
            // sum_l t_l in [lo, hi]: start every link at L_l, then raise links in increasing order
            // of y
            // while the total is below lo, or while y < 0 and the total is below hi
            int[] ls = linksOfNode[k];
            double[] y = new double[ls.length];
            Integer[] order = new Integer[ls.length];
            double sum = 0, value = 0, magnitude = 0;
            for (int q = 0; q < ls.length; q++) {
                int l = ls[q];
                y[q] = t[l] + box.inTrade[box.offset + l];
                if (weighted) {
                    double pi = ownPenalty[l], pj = box.inPenalty[box.offset + l];
                    y[q] *= pi * pj / (pi + pj);
                }
                order[q] = q;
                double low = kinds[l] == TradeResponse.SELL ? 0 : -volumeBound;
                sum += low;
                value += y[q] * low;
                magnitude += Math.abs(y[q]) * volumeBound;
            }
            java.util.Arrays.sort(order, (u, v) -> Double.compare(y[u], y[v]));
            for (int q : order) {
                int l = ls[q];
                double room =
                        (kinds[l] == TradeResponse.BUY ? 0 : volumeBound)
                                - (kinds[l] == TradeResponse.SELL ? 0 : -volumeBound);
                double want = sum < lo[k] ? lo[k] - sum : 0;
                if (y[q] < 0) {
                    want = Math.max(want, hi[k] - sum);
                }
                double add = Math.min(room, Math.max(0, want));
                sum += add;
                value += y[q] * add;
            }
            double slack =
                    1e-9
                            * (Math.abs(lo[k])
                                    + Math.abs(hi[k])
                                    + ls.length * volumeBound); // rounding of the sums
            if (sum < lo[k] - slack || sum > hi[k] + slack) {
                return Double
                        .POSITIVE_INFINITY; // this node cannot meet its own bounds with any such
                // trades
            }
            // less a bound on the rounding of the sums, so that the result stays a lower bound
            total += value - 1e-12 * (magnitude + Math.abs(value));
        }
        return total;
    }

    @Override
    public double[] aggregates() {
        return x.clone();
    }

    @Override
    public double[] nodePrices() {
        return nu.clone();
    }
}
