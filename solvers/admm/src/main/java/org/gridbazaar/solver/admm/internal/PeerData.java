package org.gridbazaar.solver.admm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.formulation.MarketProblem;

/**
 * What one peer knows privately: its nodes' costs and bounds, its side constraints, and per partner
 * link (one per partner and commodity) its own per-kW terms and the sign its trade may take. Built
 * once from the {@link MarketProblem}; agents see nothing else.
 *
 * @param peer peer index
 * @param nodes global node indices of the peer (power first)
 * @param a quadratic cost coefficients per own node, $/kW^2
 * @param b linear cost coefficients per own node, $/kW
 * @param lo lower bounds per own node, kW
 * @param hi upper bounds per own node, kW
 * @param sideG side-constraint coefficients over own nodes (rows {@code G x <= g})
 * @param sideRhs side-constraint right-hand sides
 * @param links the partner links
 */
public record PeerData(
        int peer,
        int[] nodes,
        double[] a,
        double[] b,
        double[] lo,
        double[] hi,
        double[][] sideG,
        double[] sideRhs,
        List<Link> links) {

    /**
     * One partner link of this peer.
     *
     * @param partner partner peer index
     * @param commodity commodity of the link
     * @param node index into the own nodes
     * @param channel the channel (unordered pair and commodity) shared with the partner
     * @param arcOut arc where this peer sells to the partner, or -1
     * @param arcIn arc where this peer buys from the partner, or -1
     * @param cPlus own per-kW term when selling ({@code sellerCost} of {@code arcOut}), $/kW
     * @param cMinus own per-kW term when buying ({@code buyerCost} of {@code arcIn}), $/kW
     */
    public record Link(
            int partner,
            int commodity,
            int node,
            int channel,
            int arcOut,
            int arcIn,
            double cPlus,
            double cMinus) {

        /** The directions this link allows, as a {@link TradeResponse} link kind. */
        public int kind() {
            return arcOut >= 0 && arcIn >= 0
                    ? TradeResponse.BOTH
                    : arcOut >= 0 ? TradeResponse.SELL : TradeResponse.BUY;
        }

        /** Lowest signed trade: 0 if the peer cannot buy on this link. */
        public double lower() {
            return arcIn >= 0 ? Double.NEGATIVE_INFINITY : 0;
        }

        /** Highest signed trade: 0 if the peer cannot sell on this link. */
        public double upper() {
            return arcOut >= 0 ? Double.POSITIVE_INFINITY : 0;
        }
    }

    /**
     * The channels of a problem: one per unordered peer pair and commodity with at least one arc.
     *
     * @param arcChannel channel of each arc
     * @param lowPeer per channel, the lower-indexed peer (its view of the trade is the reference
     *     sign)
     * @param count number of channels
     */
    public record Channels(int[] arcChannel, int[] lowPeer, int count) {}

    /** Numbers the channels of {@code problem}. */
    public static Channels channels(MarketProblem problem) {
        int[] tail = problem.tail(),
                head = problem.head(),
                nodePeer = problem.nodePeer(),
                com = problem.nodeCommodity();
        Map<Long, Integer> ids = new java.util.HashMap<>();
        List<Integer> low = new ArrayList<>();
        int[] arcChannel = new int[tail.length];
        for (int t = 0; t < tail.length; t++) {
            int i = nodePeer[tail[t]], j = nodePeer[head[t]];
            long key =
                    ((long) Math.min(i, j) * nodePeer.length + Math.max(i, j)) * 2 + com[tail[t]];
            Integer id = ids.get(key);
            if (id == null) {
                id = ids.size();
                ids.put(key, id);
                low.add(Math.min(i, j));
            }
            arcChannel[t] = id;
        }
        return new Channels(
                arcChannel, low.stream().mapToInt(Integer::intValue).toArray(), ids.size());
    }

    /**
     * The node bounds tightened by global balance, {@code {lo', hi'}}: within a commodity the
     * injections sum to zero, so no node sells more than all the others can buy, {@code x_k <=
     * -sum_{j != k} lo_j}, nor buys more than they can sell, {@code x_k >= -sum_{j != k} hi_j}.
     * Every feasible point meets them, so the problem does not change; a slack bound of 1e15 kW
     * beside a market of 1,000 kW becomes about 1,000 kW, and tolerances and root searches scaled
     * by a node's bounds stay meaningful. The problem's own bounds when tightening would cross a
     * node's bounds (an infeasible market, reported as such). Each peer needs only the market's two
     * totals of the bounds, not anyone's own.
     */
    public static double[][] impliedBounds(MarketProblem problem) {
        double[] lo = problem.lower(), hi = problem.upper();
        int[] com = problem.nodeCommodity();
        double[] sumLo = new double[2],
                sumHi = new double[2],
                sizeLo = new double[2],
                sizeHi = new double[2];
        for (int k = 0; k < lo.length; k++) {
            sumLo[com[k]] += lo[k];
            sumHi[com[k]] += hi[k];
            sizeLo[com[k]] += Math.abs(lo[k]);
            sizeHi[com[k]] += Math.abs(hi[k]);
        }
        double[] tLo = lo.clone(), tHi = hi.clone();
        for (int k = 0; k < lo.length; k++) {
            // less the rounding of the sums, so that the bounds stay implied
            double up = -(sumLo[com[k]] - lo[k]) + 1e-13 * lo.length * sizeLo[com[k]];
            double down = -(sumHi[com[k]] - hi[k]) - 1e-13 * lo.length * sizeHi[com[k]];
            // only where it tightens by more than rounding: the sums lose the small bounds beside a
            // huge one
            if (up < hi[k] && up >= lo[k]) {
                tHi[k] = up;
            }
            if (down > lo[k] && down <= tHi[k]) {
                tLo[k] = down;
            }
        }
        for (int k = 0; k < lo.length; k++) {
            if (tLo[k] > tHi[k]) {
                return new double[][] {lo.clone(), hi.clone()};
            }
        }
        return new double[][] {tLo, tHi};
    }

    /** The private data of every peer of {@code problem}. */
    public static List<PeerData> of(MarketProblem problem, Channels channels) {
        return of(problem, channels, problem.lower(), problem.upper());
    }

    /**
     * The private data of every peer of {@code problem}, with bounds {@code lo}, {@code hi} per
     * node in place of the problem's (bounds the problem implies, such as those of {@link
     * #impliedBounds}).
     */
    public static List<PeerData> of(
            MarketProblem problem, Channels channels, double[] lo, double[] hi) {
        int peers = problem.peerCount();
        double[] a = problem.quadratic(), b = problem.linear();
        int[] tail = problem.tail(),
                head = problem.head(),
                nodePeer = problem.nodePeer(),
                com = problem.nodeCommodity();
        double[] sc = problem.sellerCost(), bc = problem.buyerCost();
        // each peer's arcs and side constraints, in one pass each
        int[] arcCount = new int[peers];
        for (int t = 0; t < tail.length; t++) {
            arcCount[nodePeer[tail[t]]]++;
            arcCount[nodePeer[head[t]]]++;
        }
        int[][] arcsOf = new int[peers][];
        for (int p = 0; p < peers; p++) {
            arcsOf[p] = new int[arcCount[p]];
            arcCount[p] = 0;
        }
        for (int t = 0; t < tail.length; t++) {
            int i = nodePeer[tail[t]], j = nodePeer[head[t]];
            arcsOf[i][arcCount[i]++] = t;
            arcsOf[j][arcCount[j]++] = t;
        }
        List<List<Integer>> sidesOf = new ArrayList<>(peers);
        for (int p = 0; p < peers; p++) {
            sidesOf.add(new ArrayList<>());
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            sidesOf.get(problem.sidePeer(r)).add(r);
        }
        List<PeerData> out = new ArrayList<>(peers);
        for (int p = 0; p < peers; p++) {
            int[] nodes = problem.nodesOfPeer(p);
            Map<Integer, Integer> local = new LinkedHashMap<>();
            for (int k = 0; k < nodes.length; k++) {
                local.put(nodes[k], k);
            }
            // links keyed by channel, in arc order
            Map<Integer, int[]> arcs = new LinkedHashMap<>();
            for (int t : arcsOf[p]) {
                boolean out1 = nodePeer[tail[t]] == p;
                int[] pairArcs =
                        arcs.computeIfAbsent(channels.arcChannel()[t], c -> new int[] {-1, -1});
                pairArcs[out1 ? 0 : 1] = t;
            }
            List<Link> links = new ArrayList<>();
            for (Map.Entry<Integer, int[]> e : arcs.entrySet()) {
                int ao = e.getValue()[0], ai = e.getValue()[1];
                int any = ao >= 0 ? ao : ai;
                int ownNode = ao >= 0 ? tail[ao] : head[ai];
                int partner = ao >= 0 ? nodePeer[head[ao]] : nodePeer[tail[ai]];
                links.add(
                        new Link(
                                partner,
                                com[tail[any]],
                                local.get(ownNode),
                                e.getKey(),
                                ao,
                                ai,
                                ao >= 0 ? sc[ao] : 0,
                                ai >= 0 ? bc[ai] : 0));
            }
            List<double[]> rows = new ArrayList<>();
            List<Double> rhs = new ArrayList<>();
            for (int r : sidesOf.get(p)) {
                double[] row = new double[nodes.length];
                int[] sn = problem.sideNodes(r);
                double[] sg = problem.sideCoefficients(r);
                for (int q = 0; q < sn.length; q++) {
                    row[local.get(sn[q])] += sg[q];
                }
                rows.add(row);
                rhs.add(problem.sideRhs(r));
            }
            double[] pa = new double[nodes.length],
                    pb = new double[nodes.length],
                    pl = new double[nodes.length],
                    ph = new double[nodes.length];
            for (int k = 0; k < nodes.length; k++) {
                pa[k] = a[nodes[k]];
                pb[k] = b[nodes[k]];
                pl[k] = lo[nodes[k]];
                ph[k] = hi[nodes[k]];
            }
            // a one-node side constraint is a bound
            List<double[]> keptRows = new ArrayList<>();
            List<Double> keptRhs = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                int nz = -1, count = 0;
                for (int k = 0; k < row.length; k++) {
                    if (row[k] != 0) {
                        nz = k;
                        count++;
                    }
                }
                if (count == 1) {
                    double bound = rhs.get(r) / row[nz];
                    if (row[nz] > 0) {
                        ph[nz] = Math.min(ph[nz], bound);
                    } else {
                        pl[nz] = Math.max(pl[nz], bound);
                    }
                } else if (count > 1) {
                    keptRows.add(row);
                    keptRhs.add(rhs.get(r));
                } else if (rhs.get(r) < 0) {
                    pl[0] = Double.POSITIVE_INFINITY; // 0 <= negative: infeasible, caught by the
                    // local solve
                }
            }
            out.add(
                    new PeerData(
                            p,
                            nodes,
                            pa,
                            pb,
                            pl,
                            ph,
                            keptRows.toArray(double[][]::new),
                            keptRhs.stream().mapToDouble(Double::doubleValue).toArray(),
                            List.copyOf(links)));
        }
        return out;
    }
}
