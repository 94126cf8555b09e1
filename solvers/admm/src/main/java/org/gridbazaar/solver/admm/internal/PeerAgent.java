package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A peer negotiating its bilateral trades (Baroche et al. 2019; Sorin et al. 2019). Each round it
 * <ol>
 *   <li>reads its partners' proposals {@code t_ji};</li>
 *   <li>updates each bilateral price {@code lambda_ij -= priceStep/2 (t_ij + t_ji)} and consensus
 *       {@code z_ij = (t_ij - t_ji)/2};</li>
 *   <li>solves its local problem exactly ({@link LocalProblem}): own cost + own per-kW terms
 *       {@code - sum lambda_ij t_ij + penalty/2 sum (t_ij - z_ij)^2};</li>
 *   <li>proposes the new {@code t_ij} with its price {@code lambda_ij}.</li>
 * </ol>
 * Optional freezing: a link whose mismatch and consensus change both fall below the freeze
 * tolerance is fixed at its consensus value; both sides see the same numbers, so both freeze it
 * in the same round at the same value.
 */
public final class PeerAgent implements Agent {

    private final PeerData data;
    private final double freezeTolerance;
    private final int nLinks;
    private final double[] t, lam, z, partnerT, lower, upper;
    private final boolean[] frozen;
    private final int[][] linksOfNode;
    private final java.util.Map<Integer, Integer> linkOfChannel = new java.util.HashMap<>();
    private double[] x, nu;
    private boolean infeasible;

    /**
     * An agent with its private data, initial trades and prices per link (aligned with
     * {@code data.links()}), and a freeze tolerance (kW, 0 for none).
     */
    public PeerAgent(PeerData data, double[] initialTrades, double[] initialPrices, double freezeTolerance) {
        this.data = data;
        this.freezeTolerance = freezeTolerance;
        nLinks = data.links().size();
        t = initialTrades.clone();
        lam = initialPrices.clone();
        z = t.clone();
        partnerT = new double[nLinks];
        lower = new double[nLinks];
        upper = new double[nLinks];
        frozen = new boolean[nLinks];
        int nodes = data.nodes().length;
        int[] count = new int[nodes];
        for (int l = 0; l < nLinks; l++) {
            PeerData.Link link = data.links().get(l);
            lower[l] = link.lower();
            upper[l] = link.upper();
            count[link.node()]++;
            linkOfChannel.put(link.channel(), l);
        }
        linksOfNode = new int[nodes][];
        for (int k = 0; k < nodes; k++) {
            linksOfNode[k] = new int[count[k]];
            count[k] = 0;
        }
        for (int l = 0; l < nLinks; l++) {
            int k = data.links().get(l).node();
            linksOfNode[k][count[k]++] = l;
        }
        x = new double[nodes];
        nu = data.b().clone();
    }

    @Override
    public int peer() {
        return data.peer();
    }

    @Override
    public List<Proposal> initialProposals() {
        return outbox();
    }

    private List<Proposal> outbox() {
        List<Proposal> out = new ArrayList<>(nLinks);
        for (int l = 0; l < nLinks; l++) {
            PeerData.Link link = data.links().get(l);
            out.add(new Proposal(data.peer(), link.partner(), link.commodity(), link.channel(), t[l], lam[l]));
        }
        return out;
    }

    private int linkOf(Proposal p) {
        Integer l = linkOfChannel.get(p.channel());
        if (l != null) {
            return l;
        }
        throw new IllegalStateException("peer " + data.peer() + " got a proposal on unknown channel " + p.channel());
    }

    @Override
    public List<Proposal> update(Round round, List<Proposal> inbox) {
        for (Proposal p : inbox) {
            partnerT[linkOf(p)] = p.trade();
        }
        for (int l = 0; l < nLinks; l++) {
            if (frozen[l]) {
                continue;
            }
            double r = t[l] + partnerT[l];
            lam[l] -= 0.5 * round.priceStep() * r;
            double zNew = 0.5 * (t[l] - partnerT[l]);
            double dz = zNew - z[l];
            z[l] = zNew;
            if (freezeTolerance > 0 && round.number() > 2 && Math.abs(r) < freezeTolerance && Math.abs(dz) < freezeTolerance) {
                frozen[l] = true;
                lower[l] = zNew;
                upper[l] = zNew;
            }
        }
        int nodes = data.nodes().length;
        TradeResponse[] resp = new TradeResponse[nodes];
        for (int k = 0; k < nodes; k++) {
            int[] ls = linksOfNode[k];
            double[] m = new double[ls.length], la = new double[ls.length], cp = new double[ls.length],
                    cm = new double[ls.length], lw = new double[ls.length], up = new double[ls.length];
            for (int q = 0; q < ls.length; q++) {
                int l = ls[q];
                PeerData.Link link = data.links().get(l);
                m[q] = z[l];
                la[q] = lam[l];
                cp[q] = link.cPlus();
                cm[q] = link.cMinus();
                lw[q] = lower[l];
                up[q] = upper[l];
            }
            resp[k] = new TradeResponse(m, la, cp, cm, lw, up, round.penalty());
        }
        LocalProblem.Solution s = new LocalProblem(data.a(), data.b(), data.lo(), data.hi(), data.sideG(), data.sideRhs(), resp).solve();
        infeasible = s == null;
        if (s != null) {
            x = s.x();
            nu = s.nu();
            for (int k = 0; k < nodes; k++) {
                int[] ls = linksOfNode[k];
                for (int q = 0; q < ls.length; q++) {
                    t[ls[q]] = s.trades()[k][q];
                }
            }
        }
        return outbox();
    }

    @Override
    public boolean locallyInfeasible() {
        return infeasible;
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
