package org.gridbazaar.formulation;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Trading;

/**
 * The full peer-to-peer market of the seed chapter (Hassan et al., "Peer-to-peer local transactive
 * markets", section 12.6) in the canonical form of this package:
 *
 * <ul>
 *   <li>basic market, eq. 12.6–12.10: one power node per peer with cost {@code 0.5 a P^2 + b P + c}
 *       and bounds (12.7); one arc per direction a pair may trade in (12.8–12.9); reciprocity
 *       (12.10) by construction;
 *   <li>product differentiation (Sorin, Bobo, Pinson 2019): each side's preference cost on the arcs
 *       of the pair;
 *   <li>resistance penalty, eq. 12.11–12.14: {@code alpha_i R_ij} added to each side's arc terms;
 *   <li>congestion penalty, eq. 12.15–12.18: {@code beta_i theta_ij} added likewise, with {@code
 *       theta_ij} from the penalized lines;
 *   <li>heat, eq. 12.19–12.38: one heat node per peer with heat, heat arcs on the same allowed
 *       pairs where both sides have heat, and the CHP polygon as half-plane side constraints on the
 *       peer's (heat, power) nodes (the general form of eq. 12.24–12.26). Preferences and penalties
 *       apply to power only.
 * </ul>
 *
 * The seed's sign parameters {@code S_i} (eq. 12.13, 12.17) make each side pay on {@code |P_ij|};
 * with one arc per direction that is a non-negative flow times a per-kW term.
 *
 * <p>Beyond the seed, {@link #withLineLimits()} gives the exact network-constrained market: every
 * line with a capacity gets two coupling constraints, {@code -cap <= F_l <= cap}, where the flow
 * {@code F_l} (kW, positive from the line's {@code from} bus to its {@code to} bus) is the net
 * power injection of the peers below the line. The multipliers are the lines' shadow prices,
 * reported in {@link org.gridbazaar.result.LineFlow#shadowPrice()}. Heat has no network.
 * Settlement: each node's price is {@code y_k - (G' mu)_k}, its marginal cost inside its bounds; a
 * trade from {@code i} to {@code j} that crosses binding lines carries a congestion charge {@code
 * sum_l shadow_l * dF_l} (the change of each line's flow per kW traded, which the grid operator
 * collects), so the buyer pays the seller's price plus that charge. A result's trade {@code price}
 * is then what the seller receives.
 */
public final class P2PFormulation implements Formulation {

    private final boolean lineLimits;

    /** The seed's market: line capacities are reported against, not enforced. */
    public P2PFormulation() {
        this(false);
    }

    private P2PFormulation(boolean lineLimits) {
        this.lineLimits = lineLimits;
    }

    /**
     * The market with every line capacity as a hard constraint (penalties, if any, still apply).
     */
    public static P2PFormulation withLineLimits() {
        return new P2PFormulation(true);
    }

    /** Whether line capacities are hard constraints. */
    public boolean enforcesLineLimits() {
        return lineLimits;
    }

    @Override
    public String name() {
        return lineLimits ? "p2p-line-limits" : "p2p";
    }

    @Override
    public FormulatedMarket formulate(Market market) {
        CongestionPenalty congestion = market.congestionPenalty().orElse(null);
        if (congestion != null && congestion.autoLines()) {
            throw new IllegalArgumentException(
                    "congestion penalty with \"auto\" lines must be resolved first (MarketClearing does it)");
        }
        List<Peer> peers = market.peers();
        int n = peers.size();
        MarketProblem.Builder pb = MarketProblem.builder(market.name());
        int[] powerNode = new int[n];
        int[] heatNode = new int[n];
        for (int i = 0; i < n; i++) {
            Peer p = peers.get(i);
            int idx = pb.peer(p.id().value());
            Injection pw = p.power();
            powerNode[i] =
                    pb.node(
                            idx,
                            MarketProblem.POWER,
                            pw.cost().a(),
                            pw.cost().b(),
                            pw.cost().c(),
                            pw.min(),
                            pw.max());
            heatNode[i] = -1;
            if (p.heat() != null) {
                Injection h = p.heat();
                heatNode[i] =
                        pb.node(
                                idx,
                                MarketProblem.HEAT,
                                h.cost().a(),
                                h.cost().b(),
                                h.cost().c(),
                                h.min(),
                                h.max());
            }
            if (p.chpRegion() != null && p.heat() != null) {
                ChpRegion region = p.chpRegion();
                for (double[] row : region.halfPlanes()) {
                    pb.sideConstraint(
                            new int[] {heatNode[i], powerNode[i]},
                            new double[] {row[0], row[1]},
                            row[2]);
                }
            }
        }
        RadialFeeder feeder = market.network().map(RadialFeeder::of).orElse(null);
        int[] bus = new int[n];
        if (feeder != null) {
            for (int i = 0; i < n; i++) {
                bus[i] = feeder.bus(peers.get(i).bus());
            }
        }
        ResistancePenalty resistance = market.resistancePenalty().orElse(null);
        RadialFeeder.LineSetIndicator theta =
                congestion != null && feeder != null ? feeder.indicator(congestion.lines()) : null;
        double[] alpha = new double[n];
        double[] beta = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = resistance == null ? 0 : resistance.alphaOf(peers.get(i).id());
            beta[i] = congestion == null ? 0 : congestion.betaOf(peers.get(i).id());
        }
        java.util.Map<Long, Double> pref = preferenceMatrix(market);

        List<int[]> arcPeers = new ArrayList<>();
        List<Integer> arcCommodity = new ArrayList<>();
        for (int[] pair : allowedPairs(market)) {
            int i = pair[0], j = pair[1];
            double r = feeder == null ? 0 : feeder.pathResistance(bus[i], bus[j]);
            boolean crosses = theta != null && theta.crosses(bus[i], bus[j]);
            double termI = prefOf(pref, i, j) + alpha[i] * r + (crosses ? beta[i] : 0);
            double termJ = prefOf(pref, j, i) + alpha[j] * r + (crosses ? beta[j] : 0);
            Peer pi = peers.get(i), pj = peers.get(j);
            if (pi.role().canSell() && pj.role().canBuy()) {
                pb.arc(powerNode[i], powerNode[j], termI, termJ);
                arcPeers.add(new int[] {i, j});
                arcCommodity.add(MarketProblem.POWER);
            }
            if (pj.role().canSell() && pi.role().canBuy()) {
                pb.arc(powerNode[j], powerNode[i], termJ, termI);
                arcPeers.add(new int[] {j, i});
                arcCommodity.add(MarketProblem.POWER);
            }
            if (heatNode[i] >= 0 && heatNode[j] >= 0) {
                if (pi.role().canSell() && pj.role().canBuy()) {
                    pb.arc(heatNode[i], heatNode[j], 0, 0);
                    arcPeers.add(new int[] {i, j});
                    arcCommodity.add(MarketProblem.HEAT);
                }
                if (pj.role().canSell() && pi.role().canBuy()) {
                    pb.arc(heatNode[j], heatNode[i], 0, 0);
                    arcPeers.add(new int[] {j, i});
                    arcCommodity.add(MarketProblem.HEAT);
                }
            }
        }
        List<int[]> limitRows = new ArrayList<>();
        if (lineLimits && feeder != null) {
            addLineLimits(pb, feeder, bus, powerNode, limitRows);
        }
        return new FormulatedMarket(
                market, pb.build(), powerNode, heatNode, arcPeers, arcCommodity, feeder, limitRows);
    }

    /** Two coupling constraints per line with a capacity and peers below it; rows {line, sign}. */
    private static void addLineLimits(
            MarketProblem.Builder pb,
            RadialFeeder feeder,
            int[] bus,
            int[] powerNode,
            List<int[]> rows) {
        List<org.gridbazaar.model.Line> lines = feeder.network().lines();
        for (int l = 0; l < lines.size(); l++) {
            double cap = lines.get(l).capacityKw();
            if (Double.isNaN(cap)) {
                continue;
            }
            List<Integer> below = new ArrayList<>();
            for (int i = 0; i < bus.length; i++) {
                if (feeder.isBelow(bus[i], l)) {
                    below.add(powerNode[i]);
                }
            }
            if (below.isEmpty()) {
                continue;
            }
            int[] nodes = below.stream().mapToInt(Integer::intValue).toArray();
            int sign = feeder.flowSign(l);
            double[] up = new double[nodes.length], down = new double[nodes.length];
            java.util.Arrays.fill(up, sign);
            java.util.Arrays.fill(down, -sign);
            String id = lines.get(l).id();
            pb.couplingConstraint(id + " <= " + cap + " kW", nodes, up, cap);
            rows.add(new int[] {l, 1});
            pb.couplingConstraint(id + " >= -" + cap + " kW", nodes, down, cap);
            rows.add(new int[] {l, -1});
        }
    }

    private static double prefOf(java.util.Map<Long, Double> pref, int i, int j) {
        if (pref == null) {
            return 0;
        }
        Double v = pref.get(pairKey(i, j));
        return v == null ? 0 : v;
    }

    /**
     * The directed pair's key, scrambled by an odd multiplier (a bijection, so keys stay distinct):
     * {@code Long.hashCode} of the plain {@code i << 32 | j} is {@code i ^ j}, which puts most of
     * 100,000 pairs of peers below 16,384 into shared buckets.
     */
    private static long pairKey(int i, int j) {
        return (((long) i << 32) | (j & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }

    /**
     * Preference costs keyed by (peer, partner) index pair; sparse, so memory follows the
     * preferences given.
     */
    private static java.util.Map<Long, Double> preferenceMatrix(Market market) {
        if (market.preferences().isEmpty()) {
            return null;
        }
        java.util.Map<Long, Double> m = new java.util.HashMap<>();
        market.preferences()
                .forEach(
                        p ->
                                m.put(
                                        pairKey(
                                                market.indexOf(p.peer()),
                                                market.indexOf(p.partner())),
                                        p.cost()));
        return m;
    }

    /**
     * The unordered pairs {@code {i, j}} (peer indices) that may trade, in a deterministic order.
     */
    static List<int[]> allowedPairs(Market market) {
        List<Peer> peers = market.peers();
        List<int[]> out = new ArrayList<>();
        if (market.trading() instanceof Trading.Pairs pairs) {
            for (PeerPair pair : pairs.pairs()) {
                int i = market.indexOf(pair.first()), j = market.indexOf(pair.second());
                out.add(new int[] {i, j});
            }
            return out;
        }
        for (int i = 0; i < peers.size(); i++) {
            for (int j = i + 1; j < peers.size(); j++) {
                if (peers.get(i).role().canTradeWith(peers.get(j).role())) {
                    out.add(new int[] {i, j});
                }
            }
        }
        return out;
    }

    /** Convenience: the id of peer {@code i}. */
    static PeerId id(Market m, int i) {
        return m.peers().get(i).id();
    }
}
