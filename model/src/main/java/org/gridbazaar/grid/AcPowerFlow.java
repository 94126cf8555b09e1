package org.gridbazaar.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gridbazaar.model.Line;

/**
 * Backward/forward sweep AC power flow of a radial feeder with constant-power buses.
 *
 * <p><b>Model.</b> Three-phase balanced, solved on the per-phase equivalent in per unit: voltage
 * base the network's nominal line-to-line voltage {@code V_n} (kV), power base 1 MVA, impedance
 * base {@code V_n^2 / 1 MVA} ohm. Each line is a series impedance {@code R + jX} from {@link
 * Line#resistanceOhm()} and {@link Line#reactanceOhm()} (ohm per phase; no shunt). The root bus is
 * the slack, held at {@code 1.0 p.u.} (i.e. {@code V_n}) and angle 0. Every other bus has a
 * constant-power net injection {@code S_k = P_k + jQ_k}, three-phase kW and kvar, positive into the
 * network (a load is negative, as for peers' {@code P_i}); an injection given for the root is
 * netted against what the grid supplies there.
 *
 * <p><b>Method</b> (Shirmohammadi et al., 1988; the power-flow counterpart of Baran &amp; Wu,
 * 1989): start from flat voltages {@code V = 1}; then repeat
 *
 * <ol>
 *   <li>bus currents drawn {@code I_k = conj(-S_k / V_k)};
 *   <li>backward sweep, leaves to root: line current {@code J_l = I_child + sum of J} of the lines
 *       below the child;
 *   <li>forward sweep, root to leaves: {@code V_child = V_parent - Z_l J_l};
 * </ol>
 *
 * until no complex bus voltage changes by more than {@link #tolerancePu()}, or {@link
 * #maxIterations()} sweeps. The reported line flows and losses are recomputed from the final
 * voltages: {@code S = V conj(J)} at each end of a line, so that power balances exactly at every
 * non-root bus, and a line's loss is the difference of its two end powers ({@code = R|J|^2 +
 * jX|J|^2} to within the tolerance).
 *
 * <p>The sweep converges for feeders loaded below their loadability with a linear rate; it diverges
 * beyond (voltage collapse), which the result reports as not converged rather than as an exception.
 *
 * <p>Compared with {@link RadialFeeder#lossEstimateKw}, which evaluates {@code sum r F^2 / (1000
 * V_n^2)} on lossless active flows at nominal voltage, the AC losses add the reactive current, the
 * voltage drop and the losses carried upstream; the two agree to first order for a lightly loaded
 * feeder at unity power factor.
 *
 * @param tolerancePu convergence tolerance on the largest change of a complex bus voltage in one
 *     sweep, p.u., {@code > 0}
 * @param maxIterations the largest number of sweeps, {@code >= 1}
 */
public record AcPowerFlow(double tolerancePu, int maxIterations) {

    /** Default tolerance: {@value} p.u. (0.13 mV on a 12.66 kV feeder). */
    public static final double DEFAULT_TOLERANCE_PU = 1e-8;

    /** Default iteration limit: {@value}. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    /** The default options. */
    public static final AcPowerFlow DEFAULT =
            new AcPowerFlow(DEFAULT_TOLERANCE_PU, DEFAULT_MAX_ITERATIONS);

    /** Base power of the per-unit system, kVA. */
    private static final double BASE_KVA = 1000.0;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when the tolerance is not finite and positive or the
     *     iteration limit is below 1
     */
    public AcPowerFlow {
        if (!(tolerancePu > 0) || !Double.isFinite(tolerancePu)) {
            throw new IllegalArgumentException(
                    "tolerancePu must be a finite number > 0, got " + tolerancePu);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** These options with another tolerance, p.u. */
    public AcPowerFlow withTolerance(double tolerancePu) {
        return new AcPowerFlow(tolerancePu, maxIterations);
    }

    /** These options with another iteration limit. */
    public AcPowerFlow withMaxIterations(int maxIterations) {
        return new AcPowerFlow(tolerancePu, maxIterations);
    }

    /**
     * Solves the power flow for net injections keyed by bus id; a bus absent from a map injects 0.
     *
     * @param feeder the radial feeder
     * @param activeKw net active injection per bus, kW, positive into the network
     * @param reactiveKvar net reactive injection per bus, kvar, positive into the network
     * @throws IllegalArgumentException naming the bus when a bus is unknown or a value is not
     *     finite
     */
    public AcPowerFlowResult solve(
            RadialFeeder feeder, Map<String, Double> activeKw, Map<String, Double> reactiveKvar) {
        return solve(
                feeder,
                toArray(feeder, activeKw, "activeKw"),
                toArray(feeder, reactiveKvar, "reactiveKvar"));
    }

    private static double[] toArray(RadialFeeder feeder, Map<String, Double> byBus, String what) {
        double[] out = new double[feeder.busCount()];
        for (Map.Entry<String, Double> e : byBus.entrySet()) {
            int b;
            try {
                b = feeder.bus(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        what
                                + ": unknown bus "
                                + e.getKey()
                                + "; the buses are the root and the ends of the lines");
            }
            out[b] = e.getValue();
        }
        return out;
    }

    /**
     * Solves the power flow for net injections indexed by {@link RadialFeeder} bus index (0 is the
     * root).
     *
     * @param feeder the radial feeder
     * @param activeKw net active injection per bus, kW, positive into the network
     * @param reactiveKvar net reactive injection per bus, kvar, positive into the network
     * @throws IllegalArgumentException when an array's length is not the bus count or a value is
     *     not finite (naming the bus)
     */
    public AcPowerFlowResult solve(RadialFeeder feeder, double[] activeKw, double[] reactiveKvar) {
        int n = feeder.busCount();
        check(feeder, activeKw, "activeKw");
        check(feeder, reactiveKvar, "reactiveKvar");
        List<Line> lines = feeder.network().lines();
        double vNominalKv = feeder.network().nominalVoltageKv();
        double zBase = vNominalKv * vNominalKv * 1000.0 / BASE_KVA;

        // topological order: parents before children
        int[] order = topologicalOrder(feeder);
        int root = order[0];
        double[] r = new double[n];
        double[] x = new double[n];
        int[] parent = new int[n];
        for (int b = 0; b < n; b++) {
            parent[b] = feeder.parent(b);
            int l = feeder.parentLine(b);
            if (l >= 0) {
                r[b] = lines.get(l).resistanceOhm() / zBase;
                x[b] = lines.get(l).reactanceOhm() / zBase;
            }
        }
        double[] p = new double[n];
        double[] q = new double[n];
        for (int b = 0; b < n; b++) {
            p[b] = activeKw[b] / BASE_KVA;
            q[b] = reactiveKvar[b] / BASE_KVA;
        }

        double[] vr = new double[n];
        double[] vi = new double[n];
        Arrays.fill(vr, 1.0);
        double[] jr = new double[n]; // current in the line from parent[b] to b, flowing towards b
        double[] ji = new double[n];
        int iterations = 0;
        boolean converged = false;
        double change = Double.POSITIVE_INFINITY;
        while (iterations < maxIterations) {
            iterations++;
            backwardSweep(order, parent, p, q, vr, vi, jr, ji);
            change = 0;
            for (int k = 1; k < n; k++) {
                int b = order[k];
                int a = parent[b];
                double nr = vr[a] - (r[b] * jr[b] - x[b] * ji[b]);
                double ni = vi[a] - (r[b] * ji[b] + x[b] * jr[b]);
                change = Math.max(change, Math.hypot(nr - vr[b], ni - vi[b]));
                vr[b] = nr;
                vi[b] = ni;
            }
            if (!Double.isFinite(change)) {
                change = Double.NaN;
                break;
            }
            if (change <= tolerancePu) {
                converged = true;
                break;
            }
        }
        // line currents consistent with the final voltages
        backwardSweep(order, parent, p, q, vr, vi, jr, ji);

        List<AcPowerFlowResult.BusVoltage> voltages = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            double m = Math.hypot(vr[b], vi[b]);
            voltages.add(
                    new AcPowerFlowResult.BusVoltage(
                            feeder.busName(b), m * vNominalKv, m, Math.atan2(vi[b], vr[b])));
        }
        double iBaseA = BASE_KVA / (Math.sqrt(3) * vNominalKv);
        List<AcPowerFlowResult.BranchFlow> flows = new ArrayList<>(lines.size());
        double lossP = 0;
        double lossQ = 0;
        double rootP = -p[root];
        double rootQ = -q[root];
        for (int l = 0; l < lines.size(); l++) {
            int c = feeder.childBus(l);
            int a = parent[c];
            // S = V conj(J): power entering at the parent end and leaving at the child end
            double upP = vr[a] * jr[c] + vi[a] * ji[c];
            double upQ = vi[a] * jr[c] - vr[a] * ji[c];
            double downP = vr[c] * jr[c] + vi[c] * ji[c];
            double downQ = vi[c] * jr[c] - vr[c] * ji[c];
            lossP += upP - downP;
            lossQ += upQ - downQ;
            if (a == root) {
                rootP += upP;
                rootQ += upQ;
            }
            boolean fromIsParent = feeder.bus(lines.get(l).from()) == a;
            double fromP = fromIsParent ? upP : -downP;
            double fromQ = fromIsParent ? upQ : -downQ;
            double toP = fromIsParent ? downP : -upP;
            double toQ = fromIsParent ? downQ : -upQ;
            flows.add(
                    new AcPowerFlowResult.BranchFlow(
                            lines.get(l).id(),
                            fromP * BASE_KVA,
                            fromQ * BASE_KVA,
                            toP * BASE_KVA,
                            toQ * BASE_KVA,
                            Math.hypot(jr[c], ji[c]) * iBaseA));
        }
        return new AcPowerFlowResult(
                vNominalKv,
                voltages,
                flows,
                lossP * BASE_KVA,
                lossQ * BASE_KVA,
                rootP * BASE_KVA,
                rootQ * BASE_KVA,
                iterations,
                converged,
                change);
    }

    /**
     * Sets {@code J[b]}, the current from {@code parent[b]} into {@code b}, to the currents drawn
     * by the subtree of {@code b} at the present voltages (leaves first).
     */
    private static void backwardSweep(
            int[] order,
            int[] parent,
            double[] p,
            double[] q,
            double[] vr,
            double[] vi,
            double[] jr,
            double[] ji) {
        for (int k = 1; k < order.length; k++) {
            int b = order[k];
            // current drawn I = conj(-S / V) = -(P - jQ) / conj(V) = -(P - jQ) V / |V|^2
            double m2 = vr[b] * vr[b] + vi[b] * vi[b];
            jr[b] = -(p[b] * vr[b] + q[b] * vi[b]) / m2;
            ji[b] = -(p[b] * vi[b] - q[b] * vr[b]) / m2;
        }
        int root = order[0];
        for (int k = order.length - 1; k >= 1; k--) {
            int b = order[k];
            int a = parent[b];
            if (a != root) {
                jr[a] += jr[b];
                ji[a] += ji[b];
            }
        }
    }

    private static int[] topologicalOrder(RadialFeeder feeder) {
        int n = feeder.busCount();
        int[] childCount = new int[n];
        for (int b = 0; b < n; b++) {
            if (feeder.parent(b) >= 0) {
                childCount[feeder.parent(b)]++;
            }
        }
        int[][] children = new int[n][];
        for (int b = 0; b < n; b++) {
            children[b] = new int[childCount[b]];
        }
        int[] fill = new int[n];
        int root = -1;
        for (int b = 0; b < n; b++) {
            int a = feeder.parent(b);
            if (a >= 0) {
                children[a][fill[a]++] = b;
            } else {
                root = b;
            }
        }
        int[] order = new int[n];
        order[0] = root;
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int u = order[head++];
            for (int c : children[u]) {
                order[tail++] = c;
            }
        }
        return order;
    }

    private static void check(RadialFeeder feeder, double[] values, String what) {
        if (values.length != feeder.busCount()) {
            throw new IllegalArgumentException(
                    what
                            + ": expected one value per bus ("
                            + feeder.busCount()
                            + "), got "
                            + values.length
                            + "; index the array by RadialFeeder.bus(name)");
        }
        for (int b = 0; b < values.length; b++) {
            if (!Double.isFinite(values[b])) {
                throw new IllegalArgumentException(
                        what
                                + " of bus "
                                + feeder.busName(b)
                                + " must be finite, got "
                                + values[b]);
            }
        }
    }
}
