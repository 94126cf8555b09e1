package org.gridbazaar.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.io.internal.Checker;
import org.gridbazaar.io.internal.Paths;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;

/**
 * The version-2 parts of {@link CaseReader}'s tree walk: the horizon, series, storage, ramp limits
 * and energy windows, recorded with the same {@link Checker} (so every problem carries its JSON
 * path), and the assembly of the period markets and the {@link MultiPeriodMarket} once the shape is
 * right.
 *
 * <p>Why this shape: the walk of version 1 reads a version-2 file with the values of period 0
 * (arrays of series are read here and their first value handed back), so every rule version 1
 * checks on the values of a period is checked by the same code; the periods whose values differ are
 * then built from period 0's peers with the series resolved to that period, reusing the previous
 * period's market when nothing changes. Linear in (peers + pairs + preferences) times the periods
 * whose values differ.
 */
final class HorizonReader {

    private final Checker check;

    /** Number of periods, or 0 while (or when) the horizon is not known. */
    private int periods;

    private Horizon horizon;

    /**
     * The array series of peers' power and heat sides, by JSON path ({@code
     * $.peers[3].power.cost.b}).
     */
    private final Map<String, Series> arrays = new HashMap<>();

    private final Map<String, Storage> storage = new LinkedHashMap<>();
    private final Map<String, Ramp> ramps = new LinkedHashMap<>();
    private final Map<String, List<EnergyWindow>> windows = new LinkedHashMap<>();

    /**
     * The id of the peer being read, for messages; {@code null} outside a peer or when its id is
     * not valid.
     */
    private String peer;

    HorizonReader(Checker check) {
        this.check = check;
    }

    /**
     * The {@code horizon} block at {@code $.horizon} ({@code node} may be {@code null}: missing).
     */
    void horizon(JsonNode node) {
        String path = "$.horizon";
        if (node == null) {
            check.problem(
                    path,
                    "missing required field; a version-2 case needs {\"periods\": N, \"hoursPerPeriod\": h} (hoursPerPeriod defaults to 1)");
            return;
        }
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return;
        }
        check.fields(o, path, List.of("periods"), List.of("hoursPerPeriod"));
        Integer n = check.integer(o.get("periods"), path + ".periods");
        if (n != null && (n < 1 || n > Horizon.MAX_PERIODS)) {
            check.problem(
                    path + ".periods",
                    "must be between 1 and " + Horizon.MAX_PERIODS + ", got " + n);
            n = null;
        }
        Double dt =
                o.has("hoursPerPeriod")
                        ? check.number(o.get("hoursPerPeriod"), path + ".hoursPerPeriod")
                        : Double.valueOf(1.0);
        if (dt != null && !(dt > 0)) {
            check.problem(
                    path + ".hoursPerPeriod",
                    "must be a number > 0 (hours), got " + o.get("hoursPerPeriod").asText());
            dt = null;
        }
        if (n != null && dt != null) {
            periods = n;
            horizon = Horizon.of(n, dt);
        }
    }

    /**
     * A series at {@code path}: a finite number, or an array of exactly {@code periods} finite
     * numbers; {@code null} (with a problem) otherwise. Absent ({@code null} node): {@code null}
     * without a problem. Messages name the path followed by {@code who} ({@code " (peer B7)"}).
     */
    private Series series(JsonNode node, String path, String who) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            Double v = check.number(node, path + who);
            return v == null ? null : Series.constant(v);
        }
        if (!(node instanceof ArrayNode array)) {
            check.problem(
                    path + who,
                    "expected a number or an array of "
                            + (periods > 0
                                    ? periods + " numbers (one per period)"
                                    : "numbers, one per period")
                            + ", got "
                            + Checker.describe(node));
            return null;
        }
        boolean ok = true;
        if (periods > 0 && array.size() != periods) {
            check.problem(
                    path + who,
                    "has "
                            + array.size()
                            + (array.size() == 1 ? " value" : " values")
                            + " but the horizon has "
                            + periods
                            + " periods; give one number for"
                            + " every period, or an array of exactly "
                            + periods
                            + " numbers");
            ok = false;
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < array.size(); i++) {
            Double v = check.number(array.get(i), Paths.index(path, i) + who);
            if (v == null) {
                ok = false;
            } else {
                values[i] = v;
            }
        }
        return ok && periods > 0 ? Series.of(values) : null;
    }

    /** Starts reading peer {@code id} ({@code null} when its id is not valid): messages name it. */
    void peer(String id) {
        peer = id;
    }

    /**
     * A series of the current peer's {@code power} or {@code heat} side: its value in period 0, the
     * series kept when it is an array.
     */
    Double sideSeries(JsonNode node, String path) {
        Series s = series(node, path, who(peer));
        if (s == null) {
            return null;
        }
        if (!s.isConstant()) {
            arrays.put(path, s);
        }
        return s.at(0);
    }

    /** Where a peer's problems are reported: the path, and the peer id when it is known. */
    private static String at(String path, String peerId) {
        return peerId == null ? path : path + " (peer " + peerId + ")";
    }

    /** What follows a path to name the peer: {@code " (peer B7)"}, or nothing. */
    private static String who(String peerId) {
        return peerId == null ? "" : " (peer " + peerId + ")";
    }

    /** A number {@code >= 0}, or {@code null} with a problem at {@code where}. */
    private Double nonNegative(JsonNode node, String where) {
        Double v = check.number(node, where);
        if (v != null && v < 0) {
            check.problem(where, "must be >= 0, got " + v);
            return null;
        }
        return v;
    }

    /**
     * The {@code storage} block of peer {@code id} (at {@code path}) whose role is {@code role}
     * ({@code null}: not valid).
     */
    void storage(JsonNode node, String path, String id, String role) {
        String where = at(path, id);
        if (role != null && !"prosumer".equals(role)) {
            check.problem(
                    where,
                    "storage is only allowed on a prosumer (its role is "
                            + role
                            + "); Maybe make the peer a prosumer");
        }
        ObjectNode o = check.object(node, where);
        if (o == null) {
            return;
        }
        check.fields(
                o,
                path,
                List.of("capacityKwh", "initialKwh", "chargeKw", "dischargeKw"),
                List.of(
                        "minKwh",
                        "chargeEfficiency",
                        "dischargeEfficiency",
                        "standingLossPerHour",
                        "usageKwh",
                        "targets",
                        "throughputCost"),
                who(id));
        Double capacity = check.number(o.get("capacityKwh"), at(path + ".capacityKwh", id));
        if (capacity != null && !(capacity > 0)) {
            check.problem(at(path + ".capacityKwh", id), "must be > 0, got " + capacity);
            capacity = null;
        }
        Double min =
                o.has("minKwh")
                        ? check.number(o.get("minKwh"), at(path + ".minKwh", id))
                        : Double.valueOf(0);
        if (min != null && capacity != null && !(min >= 0 && min <= capacity)) {
            check.problem(
                    at(path + ".minKwh", id),
                    "must be in [0, capacityKwh = " + capacity + "], got " + min);
            min = null;
        }
        Double initial = check.number(o.get("initialKwh"), at(path + ".initialKwh", id));
        if (initial != null
                && min != null
                && capacity != null
                && !(initial >= min && initial <= capacity)) {
            check.problem(
                    at(path + ".initialKwh", id),
                    "must be in [minKwh = "
                            + min
                            + ", capacityKwh = "
                            + capacity
                            + "], got "
                            + initial);
            initial = null;
        }
        Series charge = nonNegativeSeries(o.get("chargeKw"), path + ".chargeKw", id);
        Series discharge = nonNegativeSeries(o.get("dischargeKw"), path + ".dischargeKw", id);
        Series usage =
                o.has("usageKwh")
                        ? nonNegativeSeries(o.get("usageKwh"), path + ".usageKwh", id)
                        : Series.constant(0);
        Double chargeEff = efficiency(o.get("chargeEfficiency"), path + ".chargeEfficiency", id);
        Double dischargeEff =
                efficiency(o.get("dischargeEfficiency"), path + ".dischargeEfficiency", id);
        Double loss =
                o.has("standingLossPerHour")
                        ? check.number(
                                o.get("standingLossPerHour"), at(path + ".standingLossPerHour", id))
                        : Double.valueOf(0);
        if (loss != null && !(loss >= 0 && loss < 1)) {
            check.problem(
                    at(path + ".standingLossPerHour", id),
                    "must be in [0, 1) (a fraction of the stored energy per hour), got " + loss);
            loss = null;
        }
        Double throughput =
                o.has("throughputCost")
                        ? nonNegative(o.get("throughputCost"), at(path + ".throughputCost", id))
                        : Double.valueOf(0);
        List<Integer> targetPeriods = new ArrayList<>();
        List<Double> targetKwh = new ArrayList<>();
        boolean targetsOk =
                !o.has("targets")
                        || targets(
                                o.get("targets"),
                                path + ".targets",
                                id,
                                capacity,
                                targetPeriods,
                                targetKwh);
        if (capacity == null
                || min == null
                || initial == null
                || charge == null
                || discharge == null
                || usage == null
                || chargeEff == null
                || dischargeEff == null
                || loss == null
                || throughput == null
                || !targetsOk
                || id == null) {
            return;
        }
        Storage.Builder b =
                Storage.builder(capacity, initial)
                        .minKwh(min)
                        .chargeKw(charge)
                        .dischargeKw(discharge)
                        .usageKwh(usage)
                        .efficiencies(chargeEff, dischargeEff)
                        .standingLossPerHour(loss)
                        .throughputCost(throughput);
        for (int i = 0; i < targetPeriods.size(); i++) {
            b.target(targetPeriods.get(i), targetKwh.get(i));
        }
        try {
            storage.put(id, b.build());
        } catch (IllegalArgumentException e) {
            check.problem(where, e.getMessage());
        }
    }

    private Series nonNegativeSeries(JsonNode node, String path, String id) {
        String where = at(path, id);
        if (node == null) {
            return null; // missing: reported by the fields check
        }
        Series s = series(node, path, who(id));
        if (s == null) {
            return null;
        }
        int n = s.isConstant() ? 1 : s.length();
        for (int t = 0; t < n; t++) {
            if (s.at(t) < 0) {
                check.problem(
                        s.isConstant() ? where : at(Paths.index(path, t), id),
                        "must be >= 0, got " + s.at(t));
                return null;
            }
        }
        return s;
    }

    private Double efficiency(JsonNode node, String path, String id) {
        if (node == null) {
            return 1.0;
        }
        Double v = check.number(node, at(path, id));
        if (v != null && !(v > 0 && v <= 1)) {
            check.problem(
                    at(path, id), "must be in (0, 1] (a fraction, not a percentage), got " + v);
            return null;
        }
        return v;
    }

    /** Reads {@code targets} into the two lists; whether they are all valid. */
    private boolean targets(
            JsonNode node,
            String path,
            String id,
            Double capacity,
            List<Integer> periodsOut,
            List<Double> kwhOut) {
        ArrayNode array = check.array(node, at(path, id));
        if (array == null) {
            return false;
        }
        boolean ok = true;
        Map<Integer, Integer> byPeriod = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(path, i);
            ObjectNode o = check.object(array.get(i), at(p, id));
            if (o == null) {
                ok = false;
                continue;
            }
            check.fields(o, p, List.of("period", "minKwh"), List.of(), who(id));
            Integer t = check.integer(o.get("period"), at(p + ".period", id));
            Double kwh = check.number(o.get("minKwh"), at(p + ".minKwh", id));
            if (t != null && periods > 0 && (t < 0 || t >= periods)) {
                check.problem(
                        at(p + ".period", id),
                        "period "
                                + t
                                + " is not a period of the horizon (0 .. "
                                + (periods - 1)
                                + ")");
                t = null;
            }
            if (t != null) {
                Integer first = byPeriod.putIfAbsent(t, i);
                if (first != null) {
                    check.problem(
                            at(p + ".period", id),
                            "a second target in period "
                                    + t
                                    + " (the first is "
                                    + Paths.index(path, first)
                                    + "); at most one target per period");
                    t = null;
                }
            }
            if (kwh != null && capacity != null && kwh > capacity) {
                check.problem(
                        at(p + ".minKwh", id),
                        "must be <= capacityKwh = " + capacity + ", got " + kwh);
                kwh = null;
            }
            if (t == null || kwh == null) {
                ok = false;
            } else {
                periodsOut.add(t);
                kwhOut.add(kwh);
            }
        }
        return ok;
    }

    /** The {@code ramp} block of a peer's power side. */
    void ramp(JsonNode node, String path, String id) {
        ObjectNode o = check.object(node, at(path, id));
        if (o == null) {
            return;
        }
        check.fields(o, path, List.of(), List.of("upKw", "downKw", "initialKw"), who(id));
        Double up =
                o.has("upKw")
                        ? nonNegative(o.get("upKw"), at(path + ".upKw", id))
                        : Double.valueOf(Double.NaN);
        Double down =
                o.has("downKw")
                        ? nonNegative(o.get("downKw"), at(path + ".downKw", id))
                        : Double.valueOf(Double.NaN);
        Double initial =
                o.has("initialKw")
                        ? check.number(o.get("initialKw"), at(path + ".initialKw", id))
                        : Double.valueOf(Double.NaN);
        if (up == null || down == null || initial == null || id == null) {
            return;
        }
        try {
            ramps.put(id, new Ramp(up, down, initial));
        } catch (IllegalArgumentException e) {
            check.problem(at(path, id), e.getMessage());
        }
    }

    /** The {@code energy} windows of a peer's power side. */
    void windows(JsonNode node, String path, String id) {
        ArrayNode array = check.array(node, at(path, id));
        if (array == null) {
            return;
        }
        List<EnergyWindow> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(path, i);
            String where = at(p, id);
            ObjectNode o = check.object(array.get(i), where);
            if (o == null) {
                continue;
            }
            check.fields(o, p, List.of("from", "to"), List.of("minKwh", "maxKwh"), who(id));
            Integer from = check.integer(o.get("from"), at(p + ".from", id));
            Integer to = check.integer(o.get("to"), at(p + ".to", id));
            Double min =
                    o.has("minKwh")
                            ? check.number(o.get("minKwh"), at(p + ".minKwh", id))
                            : Double.valueOf(Double.NaN);
            Double max =
                    o.has("maxKwh")
                            ? check.number(o.get("maxKwh"), at(p + ".maxKwh", id))
                            : Double.valueOf(Double.NaN);
            boolean ok = from != null && to != null && min != null && max != null;
            if (from != null && from < 0) {
                check.problem(
                        at(p + ".from", id),
                        "must be >= 0 (periods are numbered from 0), got " + from);
                ok = false;
            }
            if (from != null && to != null && to < from) {
                check.problem(at(p + ".to", id), "must be >= from (" + from + "), got " + to);
                ok = false;
            }
            if (to != null && periods > 0 && to >= periods) {
                check.problem(
                        at(p + ".to", id),
                        "must be < periods ("
                                + periods
                                + "; the last period is "
                                + (periods - 1)
                                + "), got "
                                + to);
                ok = false;
            }
            if (!o.has("minKwh") && !o.has("maxKwh")) {
                check.problem(where, "a window needs at least one of minKwh and maxKwh");
                ok = false;
            }
            if (min != null && max != null && min > max) {
                check.problem(
                        at(p + ".minKwh", id),
                        "minKwh (" + min + ") is above maxKwh (" + max + ")");
                ok = false;
            }
            if (ok) {
                try {
                    list.add(new EnergyWindow(from, to, min, max));
                } catch (IllegalArgumentException e) {
                    check.problem(where, e.getMessage());
                }
            }
        }
        if (id != null) {
            windows.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list);
        }
    }

    /**
     * The market over the horizon, from the shape read with period 0's values.
     *
     * @throws CaseFormatException listing every market rule broken: those broken in every period
     *     once, the others prefixed with the periods in which they are
     */
    MultiPeriodMarket build(CaseShape shape, String sourceName) {
        List<Peer> base = shape.peers();
        // per peer with an array series: its index and its ten series (null where constant)
        List<Integer> varying = new ArrayList<>();
        List<Series[]> series = new ArrayList<>();
        String[] fields = {
            "power.min",
            "power.max",
            "power.cost.a",
            "power.cost.b",
            "power.cost.c",
            "heat.min",
            "heat.max",
            "heat.cost.a",
            "heat.cost.b",
            "heat.cost.c"
        };
        if (!arrays.isEmpty()) {
            for (int i = 0; i < base.size(); i++) {
                Series[] s = new Series[fields.length];
                boolean any = false;
                for (int f = 0; f < fields.length; f++) {
                    s[f] = arrays.get("$.peers[" + i + "]." + fields[f]);
                    any |= s[f] != null;
                }
                if (any) {
                    varying.add(i);
                    series.add(s);
                }
            }
        }
        List<Market> markets = new ArrayList<>(periods);
        List<List<String>> violations = new ArrayList<>(periods);
        for (int t = 0; t < periods; t++) {
            if (t > 0 && !changes(series, t)) {
                markets.add(markets.get(t - 1));
                violations.add(violations.get(t - 1));
                continue;
            }
            List<Peer> peers = base;
            if (!varying.isEmpty()) {
                peers = new ArrayList<>(base);
                for (int k = 0; k < varying.size(); k++) {
                    int i = varying.get(k);
                    peers.set(i, at(base.get(i), series.get(k), t));
                }
            }
            try {
                markets.add(shape.withPeers(peers).build(sourceName));
                violations.add(List.of());
            } catch (CaseFormatException e) {
                markets.add(null);
                violations.add(e.problems());
            }
        }
        List<String> problems = periodProblems(violations);
        if (!problems.isEmpty()) {
            throw new CaseFormatException(sourceName, problems);
        }
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(shape.name(), horizon).periods(markets);
        storage.forEach(b::storage);
        ramps.forEach(b::ramp);
        windows.forEach((id, list) -> list.forEach(w -> b.energyWindow(id, w)));
        try {
            return b.build();
        } catch (InvalidMarketException e) {
            throw new CaseFormatException(sourceName, e.violations());
        } catch (IllegalArgumentException e) {
            throw new CaseFormatException(sourceName, List.of(e.getMessage()));
        }
    }

    /** Whether any array series has another value in period {@code t} than in {@code t - 1}. */
    private static boolean changes(List<Series[]> series, int t) {
        for (Series[] s : series) {
            for (Series x : s) {
                if (x != null && Double.compare(x.at(t), x.at(t - 1)) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Peer {@code p} with its array series resolved to period {@code t}. */
    private static Peer at(Peer p, Series[] s, int t) {
        Injection power = side(p.power(), s, 0, t);
        Injection heat = p.heat() == null ? null : side(p.heat(), s, 5, t);
        return new Peer(p.id(), p.role(), p.bus(), power, heat, p.chpRegion());
    }

    private static Injection side(Injection base, Series[] s, int from, int t) {
        QuadraticCost c = base.cost();
        return Injection.of(
                value(s[from], base.min(), t),
                value(s[from + 1], base.max(), t),
                QuadraticCost.of(
                        value(s[from + 2], c.a(), t),
                        value(s[from + 3], c.b(), t),
                        value(s[from + 4], c.c(), t)));
    }

    private static double value(Series s, double constant, int t) {
        return s == null ? constant : s.at(t);
    }

    /**
     * Problems of the period markets: a problem found in every period once, as it is; any other
     * with the periods it is found in ({@code period 3: ...}, {@code periods 3, 4, 9: ...}).
     */
    private static List<String> periodProblems(List<List<String>> violations) {
        Map<String, List<Integer>> where = new LinkedHashMap<>();
        for (int t = 0; t < violations.size(); t++) {
            for (String s : new LinkedHashSet<>(violations.get(t))) {
                where.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
            }
        }
        List<String> out = new ArrayList<>();
        int n = violations.size();
        for (Map.Entry<String, List<Integer>> e : where.entrySet()) {
            List<Integer> ts = e.getValue();
            out.add(ts.size() == n ? e.getKey() : periods(ts) + ": " + e.getKey());
        }
        return out;
    }

    /**
     * {@code period 3}, or {@code periods 3, 4, 9}, or {@code periods 3, 4, 5, ... (12 periods)}.
     */
    private static String periods(List<Integer> ts) {
        if (ts.size() == 1) {
            return "period " + ts.get(0);
        }
        StringBuilder sb = new StringBuilder("periods ");
        for (int i = 0; i < Math.min(ts.size(), 5); i++) {
            sb.append(i > 0 ? ", " : "").append(ts.get(i));
        }
        if (ts.size() > 5) {
            sb.append(", ... (").append(ts.size()).append(" periods)");
        }
        return sb.toString();
    }
}
