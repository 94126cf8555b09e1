package org.gridbazaar.grid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Network;

/**
 * A validated radial network indexed for fast path queries.
 *
 * <p>Construction is {@code O(B log B)} for {@code B} buses; a path resistance or a
 * path-crosses-line query is {@code O(log B)} through the lowest common ancestor (binary lifting):
 * {@code R(u, v) = r(u) + r(v) - 2 r(lca(u, v))}, with {@code r} the resistance from the root. No
 * tree walk per pair.
 */
public final class RadialFeeder {

    private final Network network;
    private final String[] busNames;
    private final Map<String, Integer> busIndex;
    private final int[] parent;

    /** Index into network.lines() of the line to the parent, -1 at the root. */
    private final int[] parentLine;

    private final int[] depth;
    private final double[] resistanceToRoot;
    private final int[][] up;

    /** For each line: the child-side bus index. */
    private final int[] lineChild;

    /** Buses in breadth-first order from the root. */
    private final int[] order;

    private RadialFeeder(Network network) {
        this.network = network;
        List<String> names = new ArrayList<>(network.buses());
        this.busNames = names.toArray(String[]::new);
        this.busIndex = new HashMap<>();
        for (int i = 0; i < busNames.length; i++) {
            busIndex.put(busNames[i], i);
        }
        int n = busNames.length;
        List<Line> lines = network.lines();
        List<List<Integer>> adjacent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjacent.add(new ArrayList<>(2));
        }
        for (int l = 0; l < lines.size(); l++) {
            adjacent.get(busIndex.get(lines.get(l).from())).add(l);
            adjacent.get(busIndex.get(lines.get(l).to())).add(l);
        }
        parent = new int[n];
        parentLine = new int[n];
        depth = new int[n];
        resistanceToRoot = new double[n];
        lineChild = new int[lines.size()];
        order = new int[n];
        Arrays.fill(parent, -2);
        int root = busIndex.get(network.rootBus());
        parent[root] = -1;
        parentLine[root] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(root);
        int k = 0;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            order[k++] = u;
            for (int l : adjacent.get(u)) {
                Line line = lines.get(l);
                int v =
                        busIndex.get(line.from()) == u
                                ? busIndex.get(line.to())
                                : busIndex.get(line.from());
                if (parent[v] != -2) {
                    continue;
                }
                parent[v] = u;
                parentLine[v] = l;
                depth[v] = depth[u] + 1;
                resistanceToRoot[v] = resistanceToRoot[u] + line.resistanceOhm();
                lineChild[l] = v;
                queue.add(v);
            }
        }
        int levels = 1;
        while ((1 << levels) < n) {
            levels++;
        }
        up = new int[levels + 1][n];
        for (int i = 0; i < n; i++) {
            up[0][i] = parent[i] < 0 ? i : parent[i];
        }
        for (int j = 1; j <= levels; j++) {
            for (int i = 0; i < n; i++) {
                up[j][i] = up[j - 1][up[j - 1][i]];
            }
        }
    }

    /**
     * Indexes a network.
     *
     * @throws IllegalArgumentException naming the line or bus when the network is not one radial
     *     tree
     */
    public static RadialFeeder of(Network network) {
        List<String> problems = network.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid network: " + String.join("; ", problems));
        }
        return new RadialFeeder(network);
    }

    /** The network this feeder indexes. */
    public Network network() {
        return network;
    }

    /** Number of buses. */
    public int busCount() {
        return busNames.length;
    }

    /** The index of a bus (0 is the root). */
    public int bus(String name) {
        Integer i = busIndex.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown bus " + name);
        }
        return i;
    }

    /** The name of bus {@code index}. */
    public String busName(int index) {
        return busNames[index];
    }

    /** The parent bus of {@code bus}, -1 at the root. */
    public int parent(int bus) {
        return parent[bus];
    }

    /**
     * The index in {@code network().lines()} of the line from {@code bus} to its parent, -1 at the
     * root.
     */
    public int parentLine(int bus) {
        return parentLine[bus];
    }

    /** The bus on the far side of line {@code line} from the root. */
    public int childBus(int line) {
        return lineChild[line];
    }

    /** Total resistance from the root to {@code bus}, ohm. */
    public double resistanceToRoot(int bus) {
        return resistanceToRoot[bus];
    }

    /** The lowest common ancestor of two buses. */
    public int lowestCommonAncestor(int u, int v) {
        if (depth[u] < depth[v]) {
            int t = u;
            u = v;
            v = t;
        }
        int diff = depth[u] - depth[v];
        for (int j = 0; diff > 0; j++, diff >>= 1) {
            if ((diff & 1) != 0) {
                u = up[j][u];
            }
        }
        if (u == v) {
            return u;
        }
        for (int j = up.length - 1; j >= 0; j--) {
            if (up[j][u] != up[j][v]) {
                u = up[j][u];
                v = up[j][v];
            }
        }
        return parent[u];
    }

    /**
     * Whether {@code bus} lies on the far side of line {@code line} from the root (in the subtree
     * the line feeds).
     */
    public boolean isBelow(int bus, int line) {
        int child = lineChild[line];
        return depth[bus] >= depth[child] && lowestCommonAncestor(bus, child) == child;
    }

    /**
     * The sign that turns the net injection of the subtree below {@code line} (kW, positive into
     * the network) into the line's flow in its {@code from -> to} direction: {@code +1} when {@code
     * from} is the bus below the line, {@code -1} otherwise.
     */
    public int flowSign(int line) {
        return busIndex.get(network.lines().get(line).from()) == lineChild[line] ? 1 : -1;
    }

    /**
     * The path resistance {@code R_uv} in ohm between two buses (seed eq. 12.11); 0 on the same
     * bus.
     */
    public double pathResistance(int u, int v) {
        return resistanceToRoot[u]
                + resistanceToRoot[v]
                - 2 * resistanceToRoot[lowestCommonAncestor(u, v)];
    }

    /** The line indices on the path between two buses. */
    public List<Integer> pathLines(int u, int v) {
        int w = lowestCommonAncestor(u, v);
        List<Integer> out = new ArrayList<>();
        for (int x = u; x != w; x = parent[x]) {
            out.add(parentLine[x]);
        }
        List<Integer> tail = new ArrayList<>();
        for (int x = v; x != w; x = parent[x]) {
            tail.add(parentLine[x]);
        }
        for (int i = tail.size() - 1; i >= 0; i--) {
            out.add(tail.get(i));
        }
        return out;
    }

    /**
     * An indicator of the paths that cross a set of lines: {@code crosses(u, v)} is true when the
     * path between {@code u} and {@code v} contains at least one of them (seed eq. 12.15).
     *
     * @throws IllegalArgumentException naming the first id that is not a line of the network
     */
    public LineSetIndicator indicator(Collection<String> lineIds) {
        Set<String> wanted = new HashSet<>(lineIds);
        int[] count = new int[busNames.length];
        List<Line> lines = network.lines();
        Set<String> known = new HashSet<>();
        lines.forEach(l -> known.add(l.id()));
        for (String id : lineIds) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException(
                        "unknown line " + id + "; the indicator needs line ids of the network");
            }
        }
        for (int u : order) {
            if (parent[u] >= 0) {
                count[u] =
                        count[parent[u]] + (wanted.contains(lines.get(parentLine[u]).id()) ? 1 : 0);
            }
        }
        return (u, v) -> count[u] + count[v] - 2 * count[lowestCommonAncestor(u, v)] > 0;
    }

    /** Whether a path between two buses crosses at least one line of a set. */
    @FunctionalInterface
    public interface LineSetIndicator {
        /** True when the path between buses {@code u} and {@code v} contains a line of the set. */
        boolean crosses(int u, int v);
    }

    /**
     * Line flows (kW, positive from {@code from} to {@code to}, in the order of {@code
     * network().lines()}) implied by net injections per bus (kW, positive into the network). The
     * root absorbs the imbalance, so injections need not sum to zero.
     *
     * @throws IllegalArgumentException when the array does not hold one value per bus
     */
    public double[] lineFlows(double[] busInjectionKw) {
        if (busInjectionKw.length != busNames.length) {
            throw new IllegalArgumentException(
                    "lineFlows: expected one injection per bus ("
                            + busNames.length
                            + "), got "
                            + busInjectionKw.length
                            + "; index the array by bus(name)");
        }
        double[] subtree = busInjectionKw.clone();
        for (int k = order.length - 1; k > 0; k--) {
            int u = order[k];
            subtree[parent[u]] += subtree[u];
        }
        List<Line> lines = network.lines();
        double[] flows = new double[lines.size()];
        for (int l = 0; l < flows.length; l++) {
            int child = lineChild[l];
            // the subtree of `child` pushes subtree[child] kW towards the root
            boolean fromIsChild = busIndex.get(lines.get(l).from()) == child;
            flows[l] = fromIsChild ? subtree[child] : -subtree[child];
        }
        return flows;
    }

    /**
     * The loss estimate {@code sum_l r_l F_l^2 / (1000 V^2)} in kW for line flows in kW.
     *
     * @throws IllegalArgumentException when the array does not hold one flow per line
     */
    public double lossEstimateKw(double[] flowsKw) {
        if (flowsKw.length != network.lines().size()) {
            throw new IllegalArgumentException(
                    "lossEstimateKw: expected one flow per line ("
                            + network.lines().size()
                            + "), got "
                            + flowsKw.length
                            + "; pass the result of lineFlows");
        }
        double v = network.nominalVoltageKv();
        double sum = 0;
        List<Line> lines = network.lines();
        for (int l = 0; l < flowsKw.length; l++) {
            sum += lines.get(l).resistanceOhm() * flowsKw[l] * flowsKw[l];
        }
        return sum / (1000 * v * v);
    }
}
