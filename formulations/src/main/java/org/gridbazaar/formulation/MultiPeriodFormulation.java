package org.gridbazaar.formulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;
import org.gridbazaar.model.Peer;

/**
 * Turns a {@link MultiPeriodMarket} into one {@link MarketProblem} over the horizon.
 *
 * <p>Each period's market is formulated by a single-period {@link Formulation} (by default {@link
 * P2PFormulation}), so a period means exactly what it means alone; the periods' problems are
 * stacked, node {@code (peer, commodity, t)} and arc by arc, with every cost multiplied by the
 * period length {@code dt} (costs are rates in $/h, and {@code dt * rate} is the period's $).
 * Multipliers of the stacked problem are therefore {@code dt} times the per-kWh prices; the {@link
 * FormulatedMultiPeriodMarket} divides them back.
 *
 * <p>What links the periods becomes each peer's block, in the peer's own rows and private variables
 * (names in brackets are the rows' and variables' names):
 *
 * <ul>
 *   <li><b>Storage</b>: private device power {@code g_t} ({@code "device"}, carrying the period's
 *       power bounds and cost), charge {@code c_t} in {@code [0, chargeKw_t]} and discharge {@code
 *       d_t} in {@code [0, dischargeKw_t]} ({@code "charge"}, {@code "discharge"}, each costing
 *       {@code dt * throughputCost} per kW), energy {@code E_t} in {@code [max(minKwh, target_t),
 *       capacityKwh]} ({@code "energy"}); rows {@code P_t - g_t - d_t + c_t = 0} ({@code "net[t]"})
 *       and {@code E_t - r E_(t-1) - dt*etaC*c_t + dt/etaD*d_t = -usage_t} ({@code "energy[t]"},
 *       with {@code r = (1 - loss)^dt} and {@code r E_-1} on the right in period 0). The trading
 *       node {@code P_t} itself has no cost and the bounds {@code [min_t - chargeKw_t, max_t +
 *       dischargeKw_t]} that the rows imply.
 *   <li><b>Ramp limits</b> on the device power: {@code g_t - g_(t-1) <= up} ({@code "rampUp[t]"}),
 *       {@code g_(t-1) - g_t <= down} ({@code "rampDown[t]"}), in period 0 against the initial
 *       power.
 *   <li><b>Energy windows</b>: {@code dt * sum g_t <= max} and {@code -dt * sum g_t <= -min}
 *       ({@code "window[from..to]"}), one equality when both bounds are equal.
 * </ul>
 *
 * Side constraints of a period (a CHP region) on a peer with storage apply to its device power.
 */
public final class MultiPeriodFormulation {

    private final Formulation periodFormulation;

    /** Periods formulated by {@link P2PFormulation}. */
    public MultiPeriodFormulation() {
        this(new P2PFormulation());
    }

    /** Periods formulated by {@code periodFormulation}. */
    public MultiPeriodFormulation(Formulation periodFormulation) {
        this.periodFormulation = Objects.requireNonNull(periodFormulation, "periodFormulation");
    }

    /** The formulation of each period. */
    public Formulation periodFormulation() {
        return periodFormulation;
    }

    /**
     * Formulates the market over its horizon. Congestion penalties with {@code auto} lines must be
     * resolved per period first ({@code MultiPeriodClearing} does it).
     */
    public FormulatedMultiPeriodMarket formulate(MultiPeriodMarket market) {
        int periods = market.periodCount();
        double dt = market.hoursPerPeriod();
        List<FormulatedMarket> parts = new ArrayList<>(periods);
        for (int t = 0; t < periods; t++) {
            parts.add(periodFormulation.formulate(market.period(t)));
        }
        List<Peer> peers = market.peers();
        int n = peers.size();
        MarketProblem.Builder pb = MarketProblem.builder(market.name());
        for (Peer p : peers) {
            pb.peer(p.id().value());
        }
        Storage[] storage = new Storage[n];
        Ramp[] ramp = new Ramp[n];
        List<List<EnergyWindow>> windows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Peer p = peers.get(i);
            storage[i] = market.storage().get(p.id());
            ramp[i] = market.ramps().get(p.id());
            windows.add(market.energyWindows().getOrDefault(p.id(), List.of()));
        }
        int[][] nodeOffset = new int[periods][];
        int[][] arcOffset = new int[periods][];
        // per peer and period: the device power, as a node (>= 0) or private variable (encoded -2 -
        // v)
        int[][] device = new int[n][periods];
        int[][] charge = new int[n][], discharge = new int[n][], energy = new int[n][];
        for (int i = 0; i < n; i++) {
            if (storage[i] != null) {
                charge[i] = new int[periods];
                discharge[i] = new int[periods];
                energy[i] = new int[periods];
            }
        }
        for (int t = 0; t < periods; t++) {
            MarketProblem q = parts.get(t).problem();
            double[] qa = q.quadratic(),
                    qb = q.linear(),
                    qc = q.constant(),
                    lo = q.lower(),
                    hi = q.upper();
            int[] nodePeer = q.nodePeer(), commodity = q.nodeCommodity();
            int[] map = new int[q.nodeCount()];
            for (int k = 0; k < map.length; k++) {
                int i = nodePeer[k];
                Storage s = storage[i];
                if (s != null && commodity[k] == MarketProblem.POWER) {
                    double cmax = s.chargeKw().at(t), dmax = s.dischargeKw().at(t);
                    map[k] =
                            pb.node(i, MarketProblem.POWER, t, 0, 0, 0, lo[k] - cmax, hi[k] + dmax);
                    int g =
                            pb.variable(
                                    i,
                                    "device",
                                    t,
                                    dt * qa[k],
                                    dt * qb[k],
                                    dt * qc[k],
                                    lo[k],
                                    hi[k]);
                    double tc = dt * s.throughputCost();
                    charge[i][t] = pb.variable(i, "charge", t, 0, tc, 0, 0, cmax);
                    discharge[i][t] = pb.variable(i, "discharge", t, 0, tc, 0, 0, dmax);
                    energy[i][t] =
                            pb.variable(
                                    i, "energy", t, 0, 0, 0, energyFloor(s, t), s.capacityKwh());
                    device[i][t] = -2 - g;
                    pb.localRow(
                            i,
                            "net[" + t + "]",
                            new int[] {map[k]},
                            new double[] {1},
                            new int[] {g, discharge[i][t], charge[i][t]},
                            new double[] {-1, -1, 1},
                            true,
                            0);
                } else {
                    map[k] =
                            pb.node(
                                    i,
                                    commodity[k],
                                    t,
                                    dt * qa[k],
                                    dt * qb[k],
                                    dt * qc[k],
                                    lo[k],
                                    hi[k]);
                    if (commodity[k] == MarketProblem.POWER) {
                        device[i][t] = map[k];
                    }
                }
            }
            nodeOffset[t] = map;
            int[] tail = q.tail(), head = q.head();
            double[] sc = q.sellerCost(), bc = q.buyerCost();
            int[] arcs = new int[tail.length];
            for (int a = 0; a < tail.length; a++) {
                arcs[a] = pb.arc(map[tail[a]], map[head[a]], dt * sc[a], dt * bc[a]);
            }
            arcOffset[t] = arcs;
            for (int r = 0; r < q.sideConstraintCount(); r++) {
                addSideRow(pb, q, r, map, device, t, "period " + t + " row " + r);
            }
            for (int r = 0; r < q.couplingConstraintCount(); r++) {
                int[] nodes = q.couplingNodes(r);
                int[] mapped = new int[nodes.length];
                for (int k = 0; k < nodes.length; k++) {
                    mapped[k] = map[nodes[k]];
                }
                pb.couplingConstraint(
                        q.couplingLabel(r) + " in period " + t,
                        mapped,
                        q.couplingCoefficients(r),
                        q.couplingRhs(r));
            }
        }
        for (int i = 0; i < n; i++) {
            if (storage[i] != null) {
                addEnergyRows(pb, i, storage[i], charge[i], discharge[i], energy[i], dt);
            }
            if (ramp[i] != null) {
                addRampRows(pb, i, ramp[i], device[i]);
            }
            for (EnergyWindow w : windows.get(i)) {
                addWindowRows(pb, i, w, device[i], dt);
            }
        }
        return new FormulatedMultiPeriodMarket(
                market,
                parts,
                pb.build(),
                nodeOffset,
                arcOffset,
                charge,
                discharge,
                energy,
                device);
    }

    /**
     * The least energy at the end of period {@code t}: {@code minKwh}, raised by a target in that
     * period.
     */
    private static double energyFloor(Storage s, int t) {
        double floor = s.minKwh();
        for (StorageTarget target : s.targets()) {
            if (target.period() == t) {
                floor = Math.max(floor, target.minKwh());
            }
        }
        return floor;
    }

    private static void addSideRow(
            MarketProblem.Builder pb,
            MarketProblem q,
            int r,
            int[] map,
            int[][] device,
            int t,
            String name) {
        int[] nodes = q.sideNodes(r);
        double[] coefs = q.sideCoefficients(r);
        int[] qv = q.sideVariables(r);
        if (qv.length > 0) {
            throw new IllegalArgumentException(
                    "a period's formulation with private variables cannot be stacked over a horizon");
        }
        List<Integer> outNodes = new ArrayList<>();
        List<Double> outNodeCoefs = new ArrayList<>();
        List<Integer> outVars = new ArrayList<>();
        List<Double> outVarCoefs = new ArrayList<>();
        int peer = q.sidePeer(r);
        for (int k = 0; k < nodes.length; k++) {
            int mapped = map[nodes[k]];
            int dev = device[peer][t];
            if (q.nodeCommodity()[nodes[k]] == MarketProblem.POWER && dev < -1) {
                outVars.add(-2 - dev);
                outVarCoefs.add(coefs[k]);
            } else {
                outNodes.add(mapped);
                outNodeCoefs.add(coefs[k]);
            }
        }
        String rowName = q.sideName(r).isEmpty() ? name : q.sideName(r) + "[" + t + "]";
        pb.localRow(
                peer,
                rowName,
                ints(outNodes),
                doubles(outNodeCoefs),
                ints(outVars),
                doubles(outVarCoefs),
                q.sideIsEquality(r),
                q.sideRhs(r));
    }

    private static void addEnergyRows(
            MarketProblem.Builder pb, int i, Storage s, int[] c, int[] d, int[] e, double dt) {
        double keep = s.retention(dt);
        double etaC = s.chargeEfficiency(), etaD = s.dischargeEfficiency();
        for (int t = 0; t < c.length; t++) {
            double usage = s.usageKwh().at(t);
            if (t == 0) {
                pb.localRow(
                        i,
                        "energy[0]",
                        new int[0],
                        new double[0],
                        new int[] {e[0], c[0], d[0]},
                        new double[] {1, -dt * etaC, dt / etaD},
                        true,
                        keep * s.initialKwh() - usage);
            } else {
                pb.localRow(
                        i,
                        "energy[" + t + "]",
                        new int[0],
                        new double[0],
                        new int[] {e[t], e[t - 1], c[t], d[t]},
                        new double[] {1, -keep, -dt * etaC, dt / etaD},
                        true,
                        -usage);
            }
        }
    }

    private static void addRampRows(MarketProblem.Builder pb, int i, Ramp ramp, int[] g) {
        for (int t = 0; t < g.length; t++) {
            if (t == 0 && !ramp.hasInitial()) {
                continue;
            }
            if (ramp.limitsUp()) {
                deviceRow(
                        pb,
                        i,
                        "rampUp[" + t + "]",
                        g,
                        t,
                        1,
                        t > 0 ? -1 : 0,
                        false,
                        ramp.upKw() + (t == 0 ? ramp.initialKw() : 0));
            }
            if (ramp.limitsDown()) {
                deviceRow(
                        pb,
                        i,
                        "rampDown[" + t + "]",
                        g,
                        t,
                        -1,
                        t > 0 ? 1 : 0,
                        false,
                        ramp.downKw() - (t == 0 ? ramp.initialKw() : 0));
            }
        }
    }

    /** A row {@code now * g_t + before * g_(t-1) (<= or =) rhs}. */
    private static void deviceRow(
            MarketProblem.Builder pb,
            int i,
            String name,
            int[] g,
            int t,
            double now,
            double before,
            boolean equality,
            double rhs) {
        List<Integer> nodes = new ArrayList<>(), vars = new ArrayList<>();
        List<Double> nodeCoefs = new ArrayList<>(), varCoefs = new ArrayList<>();
        term(g[t], now, nodes, nodeCoefs, vars, varCoefs);
        if (before != 0) {
            term(g[t - 1], before, nodes, nodeCoefs, vars, varCoefs);
        }
        pb.localRow(
                i,
                name,
                ints(nodes),
                doubles(nodeCoefs),
                ints(vars),
                doubles(varCoefs),
                equality,
                rhs);
    }

    private static void addWindowRows(
            MarketProblem.Builder pb, int i, EnergyWindow w, int[] g, double dt) {
        String name = "window[" + w.from() + ".." + w.to() + "]";
        boolean exact = w.hasMin() && w.hasMax() && w.minKwh() == w.maxKwh();
        if (w.hasMax() || exact) {
            windowRow(pb, i, name, w, g, dt, exact, w.hasMax() ? w.maxKwh() : w.minKwh());
        }
        if (w.hasMin() && !exact) {
            windowRow(pb, i, name, w, g, -dt, false, -w.minKwh());
        }
    }

    private static void windowRow(
            MarketProblem.Builder pb,
            int i,
            String name,
            EnergyWindow w,
            int[] g,
            double coef,
            boolean equality,
            double rhs) {
        List<Integer> nodes = new ArrayList<>(), vars = new ArrayList<>();
        List<Double> nodeCoefs = new ArrayList<>(), varCoefs = new ArrayList<>();
        for (int t = w.from(); t <= w.to(); t++) {
            term(g[t], coef, nodes, nodeCoefs, vars, varCoefs);
        }
        pb.localRow(
                i,
                name,
                ints(nodes),
                doubles(nodeCoefs),
                ints(vars),
                doubles(varCoefs),
                equality,
                rhs);
    }

    private static void term(
            int encoded,
            double coef,
            List<Integer> nodes,
            List<Double> nodeCoefs,
            List<Integer> vars,
            List<Double> varCoefs) {
        if (encoded >= 0) {
            nodes.add(encoded);
            nodeCoefs.add(coef);
        } else {
            vars.add(-2 - encoded);
            varCoefs.add(coef);
        }
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] doubles(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
