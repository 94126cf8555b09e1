package org.gridbazaar.formulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable market problem in the canonical form stated in the package documentation.
 *
 * <p>Arrays handed out are copies. Solvers index nodes {@code 0..nodeCount()-1} and arcs {@code
 * 0..arcCount()-1}; {@link #nodesOfPeer(int)} groups the nodes of one peer (the scope of its side
 * constraints, and of a peer's local problem in distributed solvers).
 */
public final class MarketProblem {

    /** Commodity index of power nodes. */
    public static final int POWER = 0;

    /** Commodity index of heat nodes. */
    public static final int HEAT = 1;

    private final String name;
    private final String[] peerLabels;
    private final double[] a, b, c, lo, hi;
    private final int[] nodePeer, nodeCommodity, nodePeriod;
    private final int periods;

    /** Per peer: the node of (commodity, period) at {@code commodity * periods + period}, or -1. */
    private final int[][] nodeAt;

    private final String[] varNames;
    private final int[] varPeer, varPeriod;
    private final double[] va, vb, vc, vlo, vhi;
    private final int[][] peerVars;
    private final String[] sideNames;
    private final int[][] sideVars;
    private final double[][] sideVarCoefs;
    private final boolean[] sideEquality;
    private final boolean blocks;
    private final int[] tail, head;
    private final double[] sellerCost, buyerCost;
    private final int[][] sideNodes;
    private final double[][] sideCoefs;
    private final double[] sideRhs;
    private final int[][] peerNodes;
    private final int[] sidePeer;
    private final String[] couplingLabels;
    private final int[][] couplingNodes;
    private final double[][] couplingCoefs;
    private final double[] couplingRhs;

    private MarketProblem(Builder bd) {
        this.name = bd.name;
        this.peerLabels = bd.peerLabels.toArray(String[]::new);
        int n = bd.a.size();
        a = toArray(bd.a);
        b = toArray(bd.b);
        c = toArray(bd.c);
        lo = toArray(bd.lo);
        hi = toArray(bd.hi);
        nodePeer = bd.nodePeer.stream().mapToInt(Integer::intValue).toArray();
        nodeCommodity = bd.nodeCommodity.stream().mapToInt(Integer::intValue).toArray();
        nodePeriod = bd.nodePeriod.stream().mapToInt(Integer::intValue).toArray();
        int maxPeriod = 0;
        for (int t : nodePeriod) {
            maxPeriod = Math.max(maxPeriod, t);
        }
        periods = n == 0 ? 1 : maxPeriod + 1;
        tail = bd.tail.toArray();
        head = bd.head.toArray();
        sellerCost = bd.sellerCost.toArray();
        buyerCost = bd.buyerCost.toArray();
        sideNodes = bd.sideNodes.toArray(int[][]::new);
        sideCoefs = bd.sideCoefs.toArray(double[][]::new);
        sideRhs = toArray(bd.sideRhs);
        int peers = peerLabels.length;
        int[] counts = new int[peers];
        for (int k = 0; k < n; k++) {
            counts[nodePeer[k]]++;
        }
        peerNodes = new int[peers][];
        for (int p = 0; p < peers; p++) {
            peerNodes[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int k = 0; k < n; k++) {
            int p = nodePeer[k];
            peerNodes[p][counts[p]++] = k;
        }
        nodeAt = new int[peers][];
        for (int p = 0; p < peers; p++) {
            nodeAt[p] = new int[2 * periods];
            Arrays.fill(nodeAt[p], -1);
        }
        for (int k = 0; k < n; k++) {
            int slot = nodeCommodity[k] * periods + nodePeriod[k];
            if (nodeAt[nodePeer[k]][slot] >= 0) {
                throw new IllegalArgumentException(
                        "peer "
                                + peerLabels[nodePeer[k]]
                                + " has two nodes of commodity "
                                + nodeCommodity[k]
                                + " in period "
                                + nodePeriod[k]);
            }
            nodeAt[nodePeer[k]][slot] = k;
        }
        varNames = bd.varNames.toArray(String[]::new);
        varPeer = bd.varPeer.toArray();
        varPeriod = bd.varPeriod.toArray();
        va = bd.va.toArray();
        vb = bd.vb.toArray();
        vc = bd.vc.toArray();
        vlo = bd.vlo.toArray();
        vhi = bd.vhi.toArray();
        int[] varCounts = new int[peers];
        for (int v = 0; v < varPeer.length; v++) {
            varCounts[varPeer[v]]++;
        }
        peerVars = new int[peers][];
        for (int p = 0; p < peers; p++) {
            peerVars[p] = new int[varCounts[p]];
            varCounts[p] = 0;
        }
        for (int v = 0; v < varPeer.length; v++) {
            peerVars[varPeer[v]][varCounts[varPeer[v]]++] = v;
        }
        sidePeer = bd.sidePeer.toArray();
        sideNames = bd.sideNames.toArray(String[]::new);
        sideVars = bd.sideVars.toArray(int[][]::new);
        sideVarCoefs = bd.sideVarCoefs.toArray(double[][]::new);
        sideEquality = new boolean[sideRhs.length];
        boolean anyEquality = false;
        for (int r = 0; r < sideRhs.length; r++) {
            sideEquality[r] = bd.sideEquality.get(r);
            anyEquality |= sideEquality[r];
        }
        boolean spansPeriods = false;
        for (int r = 0; r < sideRhs.length && !spansPeriods; r++) {
            for (int k : sideNodes[r]) {
                spansPeriods |= nodePeriod[k] != nodePeriod[sideNodes[r][0]];
            }
        }
        blocks = varPeer.length > 0 || anyEquality || spansPeriods;
        couplingLabels = bd.couplingLabels.toArray(String[]::new);
        couplingNodes = bd.couplingNodes.toArray(int[][]::new);
        couplingCoefs = bd.couplingCoefs.toArray(double[][]::new);
        couplingRhs = toArray(bd.couplingRhs);
    }

    private static double[] toArray(List<Double> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** A new empty builder. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The market's name. */
    public String name() {
        return name;
    }

    /** Number of peers (node groups). */
    public int peerCount() {
        return peerLabels.length;
    }

    /** Label (id) of peer {@code p}, for messages. */
    public String peerLabel(int p) {
        return peerLabels[p];
    }

    /** Number of nodes {@code x_k}. */
    public int nodeCount() {
        return a.length;
    }

    /** Number of arcs {@code f_t}. */
    public int arcCount() {
        return tail.length;
    }

    /** Number of side constraints. */
    public int sideConstraintCount() {
        return sideRhs.length;
    }

    /** Quadratic coefficients {@code a_k} ($/kW^2). */
    public double[] quadratic() {
        return a.clone();
    }

    /** Linear coefficients {@code b_k} ($/kW). */
    public double[] linear() {
        return b.clone();
    }

    /** Constants {@code c_k} ($). */
    public double[] constant() {
        return c.clone();
    }

    /** Lower bounds {@code lo_k} (kW). */
    public double[] lower() {
        return lo.clone();
    }

    /** Upper bounds {@code hi_k} (kW). */
    public double[] upper() {
        return hi.clone();
    }

    /** The peer of each node. */
    public int[] nodePeer() {
        return nodePeer.clone();
    }

    /** The commodity ({@link #POWER} or {@link #HEAT}) of each node. */
    public int[] nodeCommodity() {
        return nodeCommodity.clone();
    }

    /** The nodes of peer {@code p} (its power node first). */
    public int[] nodesOfPeer(int p) {
        return peerNodes[p].clone();
    }

    /**
     * Number of periods: one more than the largest period of any node (1 for a single-period
     * market).
     */
    public int periodCount() {
        return periods;
    }

    /** The period of each node ({@code 0 .. periodCount()-1}). */
    public int[] nodePeriod() {
        return nodePeriod.clone();
    }

    /** The node a typed key addresses, if there is one; constant time. */
    public java.util.OptionalInt node(NodeKey key) {
        if (key.peer() < 0
                || key.peer() >= nodeAt.length
                || key.commodity() < 0
                || key.commodity() > 1
                || key.period() < 0
                || key.period() >= periods) {
            return java.util.OptionalInt.empty();
        }
        int k = nodeAt[key.peer()][key.commodity() * periods + key.period()];
        return k < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(k);
    }

    /** The typed key of node {@code k}. */
    public NodeKey nodeKey(int k) {
        return new NodeKey(nodePeer[k], nodeCommodity[k], nodePeriod[k]);
    }

    /**
     * Whether the problem has peer blocks beyond nodes and inequality rows within one period:
     * private variables, local equality rows, or rows over nodes of several periods (storage, ramps
     * and energy windows of a market over time). A solver that reads only nodes, arcs and
     * single-period inequality rows must refuse such a problem.
     */
    public boolean hasPeerBlocks() {
        return blocks;
    }

    /** Number of private variables {@code z_v} (variables of one peer that no trade touches). */
    public int variableCount() {
        return varPeer.length;
    }

    /** The peer that owns private variable {@code v}. */
    public int variablePeer(int v) {
        return varPeer[v];
    }

    /** The period of private variable {@code v}. */
    public int variablePeriod(int v) {
        return varPeriod[v];
    }

    /** The name of private variable {@code v} within its peer and period, e.g. {@code "charge"}. */
    public String variableName(int v) {
        return varNames[v];
    }

    /** Quadratic coefficients of the private variables ($/kW^2 per period, or per their unit). */
    public double[] variableQuadratic() {
        return va.clone();
    }

    /** Linear coefficients of the private variables. */
    public double[] variableLinear() {
        return vb.clone();
    }

    /** Constants of the private variables' costs, $. */
    public double[] variableConstant() {
        return vc.clone();
    }

    /** Lower bounds of the private variables. */
    public double[] variableLower() {
        return vlo.clone();
    }

    /** Upper bounds of the private variables. */
    public double[] variableUpper() {
        return vhi.clone();
    }

    /** The private variables of peer {@code p}. */
    public int[] variablesOfPeer(int p) {
        return peerVars[p].clone();
    }

    /** Seller node of each arc. */
    public int[] tail() {
        return tail.clone();
    }

    /** Buyer node of each arc. */
    public int[] head() {
        return head.clone();
    }

    /** The seller's per-kW terms on each arc ($/kW). */
    public double[] sellerCost() {
        return sellerCost.clone();
    }

    /** The buyer's per-kW terms on each arc ($/kW). */
    public double[] buyerCost() {
        return buyerCost.clone();
    }

    /** Total per-kW cost {@code w_t} of each arc ($/kW). */
    public double[] arcCost() {
        double[] w = new double[tail.length];
        for (int t = 0; t < w.length; t++) {
            w[t] = sellerCost[t] + buyerCost[t];
        }
        return w;
    }

    /** The nodes side constraint {@code r} involves. */
    public int[] sideNodes(int r) {
        return sideNodes[r].clone();
    }

    /** The coefficients of side constraint {@code r}, aligned with {@link #sideNodes(int)}. */
    public double[] sideCoefficients(int r) {
        return sideCoefs[r].clone();
    }

    /** The right-hand side {@code h_r}. */
    public double sideRhs(int r) {
        return sideRhs[r];
    }

    /**
     * The private variables side constraint {@code r} involves (empty for a row over nodes only).
     */
    public int[] sideVariables(int r) {
        return sideVars[r].clone();
    }

    /**
     * The coefficients of side constraint {@code r} on its private variables, aligned with {@link
     * #sideVariables(int)}.
     */
    public double[] sideVariableCoefficients(int r) {
        return sideVarCoefs[r].clone();
    }

    /**
     * Whether side constraint {@code r} is an equality ({@code = h_r}) rather than {@code <= h_r}.
     */
    public boolean sideIsEquality(int r) {
        return sideEquality[r];
    }

    /**
     * The name of side constraint {@code r} within its peer (empty when it was added without one).
     */
    public String sideName(int r) {
        return sideNames[r];
    }

    /** The peer whose nodes side constraint {@code r} involves. */
    public int sidePeer(int r) {
        return sidePeer[r];
    }

    /**
     * Number of coupling constraints (constraints over nodes of several peers, such as line
     * limits).
     */
    public int couplingConstraintCount() {
        return couplingRhs.length;
    }

    /**
     * What coupling constraint {@code r} stands for, e.g. {@code "L3 <= 900 kW"}; for messages and
     * results.
     */
    public String couplingLabel(int r) {
        return couplingLabels[r];
    }

    /** The nodes coupling constraint {@code r} involves. */
    public int[] couplingNodes(int r) {
        return couplingNodes[r].clone();
    }

    /**
     * The coefficients of coupling constraint {@code r}, aligned with {@link #couplingNodes(int)}.
     */
    public double[] couplingCoefficients(int r) {
        return couplingCoefs[r].clone();
    }

    /** The right-hand side of coupling constraint {@code r}. */
    public double couplingRhs(int r) {
        return couplingRhs[r];
    }

    /** The objective at a point ({@code $}): node costs with constants plus arc costs. */
    public double objective(double[] x, double[] f) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += 0.5 * a[k] * x[k] * x[k] + b[k] * x[k] + c[k];
        }
        for (int t = 0; t < tail.length; t++) {
            s += (sellerCost[t] + buyerCost[t]) * f[t];
        }
        return s;
    }

    /**
     * The objective at a point with private variables ({@code $}): node and private-variable costs
     * with constants plus arc costs.
     */
    public double objective(double[] x, double[] z, double[] f) {
        double s = objective(x, f);
        for (int v = 0; v < va.length; v++) {
            s += 0.5 * va[v] * z[v] * z[v] + vb[v] * z[v] + vc[v];
        }
        return s;
    }

    /** Net injections {@code N f} implied by arc flows. */
    public double[] injections(double[] f) {
        double[] x = new double[a.length];
        for (int t = 0; t < tail.length; t++) {
            x[tail[t]] += f[t];
            x[head[t]] -= f[t];
        }
        return x;
    }

    /** A largest magnitude among bounds, used to scale tolerances (at least 1). */
    public double injectionScale() {
        double s = 1;
        for (int k = 0; k < lo.length; k++) {
            s = Math.max(s, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
        }
        return s;
    }

    /**
     * A largest magnitude among prices, used to scale price tolerances ($/kW): max of 1, {@code
     * |b_k|}, {@code a_k * injectionScale()} and {@code |w_t|}.
     */
    public double priceScale() {
        double s = 1, scale = injectionScale();
        for (int k = 0; k < a.length; k++) {
            s = Math.max(s, Math.max(Math.abs(b[k]), a[k] * scale));
        }
        for (int t = 0; t < tail.length; t++) {
            s = Math.max(s, Math.abs(sellerCost[t] + buyerCost[t]));
        }
        return s;
    }

    @Override
    public String toString() {
        return "MarketProblem["
                + name
                + ", "
                + peerLabels.length
                + " peers, "
                + a.length
                + " nodes, "
                + (periods > 1 ? periods + " periods, " : "")
                + (va.length > 0 ? va.length + " private variables, " : "")
                + tail.length
                + " arcs, "
                + sideRhs.length
                + " side constraints, "
                + couplingRhs.length
                + " coupling constraints]";
    }

    /** Builds a {@link MarketProblem}. Nodes, arcs and side constraints are added in order. */
    public static final class Builder {
        private final String name;
        private final List<String> peerLabels = new ArrayList<>();
        private final List<Double> a = new ArrayList<>(),
                b = new ArrayList<>(),
                c = new ArrayList<>();
        private final List<Double> lo = new ArrayList<>(), hi = new ArrayList<>();
        private final List<Integer> nodePeer = new ArrayList<>(),
                nodeCommodity = new ArrayList<>(),
                nodePeriod = new ArrayList<>();
        private final List<String> varNames = new ArrayList<>();
        private final IntArray varPeer = new IntArray(), varPeriod = new IntArray();
        private final DoubleArray va = new DoubleArray(),
                vb = new DoubleArray(),
                vc = new DoubleArray();
        private final DoubleArray vlo = new DoubleArray(), vhi = new DoubleArray();
        private final IntArray sidePeer = new IntArray();
        private final List<String> sideNames = new ArrayList<>();
        private final List<int[]> sideVars = new ArrayList<>();
        private final List<double[]> sideVarCoefs = new ArrayList<>();
        private final List<Boolean> sideEquality = new ArrayList<>();
        // arcs number in the hundreds of thousands: primitive arrays, not boxed lists
        private final IntArray tail = new IntArray(), head = new IntArray();
        private final DoubleArray sellerCost = new DoubleArray(), buyerCost = new DoubleArray();
        private final List<int[]> sideNodes = new ArrayList<>();
        private final List<double[]> sideCoefs = new ArrayList<>();
        private final List<Double> sideRhs = new ArrayList<>();
        private final List<String> couplingLabels = new ArrayList<>();
        private final List<int[]> couplingNodes = new ArrayList<>();
        private final List<double[]> couplingCoefs = new ArrayList<>();
        private final List<Double> couplingRhs = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a peer and returns its index. */
        public int peer(String label) {
            peerLabels.add(label);
            return peerLabels.size() - 1;
        }

        /**
         * Adds a node of {@code peer} in period 0 with cost {@code 0.5 a x^2 + b x + c} on {@code
         * [lo, hi]}; returns its index.
         */
        public int node(
                int peer, int commodity, double qa, double qb, double qc, double min, double max) {
            return node(peer, commodity, 0, qa, qb, qc, min, max);
        }

        /**
         * Adds the node of {@code peer}'s {@code commodity} in {@code period} with cost {@code 0.5
         * a x^2 + b x + c} on {@code [lo, hi]}; returns its index. A peer has at most one node per
         * commodity and period.
         */
        public int node(
                int peer,
                int commodity,
                int period,
                double qa,
                double qb,
                double qc,
                double min,
                double max) {
            if (period < 0) {
                throw new IllegalArgumentException(
                        "node of peer " + peer + ": period " + period + " < 0");
            }
            if (commodity != POWER && commodity != HEAT) {
                throw new IllegalArgumentException(
                        "node of peer " + peer + ": unknown commodity " + commodity);
            }
            if (peer < 0 || peer >= peerLabels.size()) {
                throw new IllegalArgumentException("unknown peer index " + peer);
            }
            if (!(qa >= 0)
                    || !(min <= max)
                    || !Double.isFinite(min)
                    || !Double.isFinite(max)
                    || !Double.isFinite(qb)
                    || !Double.isFinite(qc)) {
                throw new IllegalArgumentException(
                        "node of peer "
                                + peerLabels.get(peer)
                                + ": need a >= 0 and finite min <= max, got a="
                                + qa
                                + " ["
                                + min
                                + ", "
                                + max
                                + "]");
            }
            a.add(qa);
            b.add(qb);
            c.add(qc);
            lo.add(min);
            hi.add(max);
            nodePeer.add(peer);
            nodeCommodity.add(commodity);
            nodePeriod.add(period);
            return a.size() - 1;
        }

        /**
         * Adds a private variable of {@code peer} (one no trade touches: a storage unit's charge,
         * discharge or energy, a device's power behind the peer's meter) with cost {@code 0.5 a z^2
         * + b z + c} on {@code [lo, hi]}; returns its index.
         *
         * @param name what it is within its peer and period, e.g. {@code "charge"}, for messages
         */
        public int variable(
                int peer,
                String name,
                int period,
                double qa,
                double qb,
                double qc,
                double min,
                double max) {
            if (peer < 0 || peer >= peerLabels.size()) {
                throw new IllegalArgumentException("unknown peer index " + peer);
            }
            if (!(qa >= 0)
                    || !(min <= max)
                    || !Double.isFinite(min)
                    || !Double.isFinite(max)
                    || !Double.isFinite(qb)
                    || !Double.isFinite(qc)
                    || period < 0) {
                throw new IllegalArgumentException(
                        "variable "
                                + name
                                + " of peer "
                                + peerLabels.get(peer)
                                + " in period "
                                + period
                                + ": need a >= 0, finite min <= max and period >= 0, got a="
                                + qa
                                + " ["
                                + min
                                + ", "
                                + max
                                + "]");
            }
            varNames.add(name);
            varPeer.add(peer);
            varPeriod.add(period);
            va.add(qa);
            vb.add(qb);
            vc.add(qc);
            vlo.add(min);
            vhi.add(max);
            return varNames.size() - 1;
        }

        /**
         * Adds a row of one peer's block, {@code sum nodeCoefs[i] x[nodes[i]] + sum varCoefs[j]
         * z[vars[j]] (<= or =) rhs}: a storage unit's energy balance, a ramp limit, an energy
         * window.
         *
         * @param name what the row is, for messages (e.g. {@code "energy[t=4]"})
         * @param equality {@code true} for {@code = rhs}, {@code false} for {@code <= rhs}
         */
        public Builder localRow(
                int peer,
                String name,
                int[] nodes,
                double[] nodeCoefs,
                int[] vars,
                double[] varCoefs,
                boolean equality,
                double rhs) {
            if (peer < 0 || peer >= peerLabels.size()) {
                throw new IllegalArgumentException("row " + name + ": unknown peer index " + peer);
            }
            if (nodes.length != nodeCoefs.length
                    || vars.length != varCoefs.length
                    || nodes.length + vars.length == 0) {
                throw new IllegalArgumentException(
                        "row "
                                + name
                                + " of peer "
                                + peerLabels.get(peer)
                                + " needs matching indices and coefficients, and at least one term");
            }
            for (int k : nodes) {
                if (k < 0 || k >= a.size() || nodePeer.get(k) != peer) {
                    throw new IllegalArgumentException(
                            "row "
                                    + name
                                    + ": node "
                                    + k
                                    + " is not one of peer "
                                    + peerLabels.get(peer)
                                    + "'s");
                }
            }
            for (int v : vars) {
                if (v < 0 || v >= varNames.size() || varPeer.get(v) != peer) {
                    throw new IllegalArgumentException(
                            "row "
                                    + name
                                    + ": variable "
                                    + v
                                    + " is not one of peer "
                                    + peerLabels.get(peer)
                                    + "'s");
                }
            }
            for (double g : nodeCoefs) {
                requireFinite(g, name);
            }
            for (double g : varCoefs) {
                requireFinite(g, name);
            }
            requireFinite(rhs, name);
            sidePeer.add(peer);
            sideNames.add(name);
            sideNodes.add(nodes.clone());
            sideCoefs.add(nodeCoefs.clone());
            sideVars.add(vars.clone());
            sideVarCoefs.add(varCoefs.clone());
            sideEquality.add(equality);
            sideRhs.add(rhs);
            return this;
        }

        private static void requireFinite(double v, String row) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "row "
                                + row
                                + ": coefficients and right-hand side must be finite, got "
                                + v);
            }
        }

        /**
         * Adds a directed arc from seller node {@code from} to buyer node {@code to}; returns its
         * index.
         */
        public int arc(int from, int to, double sellerTerms, double buyerTerms) {
            if (from == to || from < 0 || to < 0 || from >= a.size() || to >= a.size()) {
                throw new IllegalArgumentException("bad arc " + from + " -> " + to);
            }
            if (nodeCommodity.get(from).intValue() != nodeCommodity.get(to).intValue()) {
                throw new IllegalArgumentException(
                        "arc " + from + " -> " + to + " joins nodes of different commodities");
            }
            if (!Double.isFinite(sellerTerms) || !Double.isFinite(buyerTerms)) {
                throw new IllegalArgumentException("arc costs must be finite");
            }
            tail.add(from);
            head.add(to);
            sellerCost.add(sellerTerms);
            buyerCost.add(buyerTerms);
            return tail.size() - 1;
        }

        /** Adds {@code sum coefs[i] * x[nodes[i]] <= rhs}; all nodes must belong to one peer. */
        public Builder sideConstraint(int[] nodes, double[] coefs, double rhs) {
            if (nodes.length == 0 || nodes.length != coefs.length) {
                throw new IllegalArgumentException(
                        "a side constraint needs matching nodes and coefficients");
            }
            int peer = nodePeer.get(nodes[0]);
            for (int k : nodes) {
                if (nodePeer.get(k) != peer) {
                    throw new IllegalArgumentException(
                            "side constraints must stay within one peer's nodes");
                }
            }
            sidePeer.add(peer);
            sideNames.add("");
            sideNodes.add(nodes.clone());
            sideCoefs.add(coefs.clone());
            sideVars.add(new int[0]);
            sideVarCoefs.add(new double[0]);
            sideEquality.add(false);
            sideRhs.add(rhs);
            return this;
        }

        /**
         * Adds a coupling constraint {@code sum coefs[i] * x[nodes[i]] <= rhs} over nodes of any
         * peers (a line limit: the net injection below a line bounded by its capacity). Peers
         * cannot check it on their own, so distributed solvers may refuse problems that have one.
         */
        public Builder couplingConstraint(String label, int[] nodes, double[] coefs, double rhs) {
            if (nodes.length == 0 || nodes.length != coefs.length) {
                throw new IllegalArgumentException(
                        "coupling constraint " + label + " needs matching nodes and coefficients");
            }
            for (int k : nodes) {
                if (k < 0 || k >= a.size()) {
                    throw new IllegalArgumentException(
                            "coupling constraint " + label + ": unknown node " + k);
                }
            }
            for (double g : coefs) {
                if (!Double.isFinite(g)) {
                    throw new IllegalArgumentException(
                            "coupling constraint " + label + ": coefficients must be finite");
                }
            }
            if (!Double.isFinite(rhs)) {
                throw new IllegalArgumentException(
                        "coupling constraint " + label + ": right-hand side must be finite");
            }
            couplingLabels.add(label);
            couplingNodes.add(nodes.clone());
            couplingCoefs.add(coefs.clone());
            couplingRhs.add(rhs);
            return this;
        }

        /** The immutable problem. */
        public MarketProblem build() {
            return new MarketProblem(this);
        }
    }

    /** A growable int array. */
    private static final class IntArray {
        private int[] data = new int[16];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        int get(int i) {
            return data[i];
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    /** A growable double array. */
    private static final class DoubleArray {
        private double[] data = new double[16];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    /** Whether all arrays have consistent sizes (sanity for tests). */
    boolean consistent() {
        return Arrays.stream(new int[] {b.length, c.length, lo.length, hi.length, nodePeer.length})
                .allMatch(l -> l == a.length);
    }
}
