package org.gridbazaar.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.io.internal.Checker;
import org.gridbazaar.io.internal.JsonText;
import org.gridbazaar.io.internal.Paths;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.HeatPowerPoint;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.Preference;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;

/**
 * Reads a market case file ({@code p2p-market-case/1}, see the project's case-format specification
 * ({@code case-format.md})) strictly.
 *
 * <p>Every unknown field, missing required field, value of the wrong type (a string where a number
 * belongs, for example), number out of range, duplicate key and duplicate peer or line id is a
 * problem, never silently ignored. Problems are collected in two passes and reported all at once in
 * a {@link CaseFormatException}: first the file's shape, each message starting with the JSON path
 * ({@code $.peers[3].power.min: expected a number, got string "5"}); then, when the shape is right,
 * the market rules checked by {@link Market.Builder#build()} (bounds against roles, the network
 * tree, trading pairs, preferences, penalties), each naming the peer, line or bus.
 *
 * <p>Required fields, as the specification has them (a missing one is a problem):
 *
 * <ul>
 *   <li>at the root: {@code format}, {@code name} (not blank), {@code peers} (at least one);
 *   <li>a peer: {@code id}, {@code role}, {@code power} with {@code min} and {@code max}; in {@code
 *       heat}, also {@code min} and {@code max};
 *   <li>{@code network}: {@code nominalVoltageKv}, {@code rootBus}, {@code lines}; a line: {@code
 *       id}, {@code from}, {@code to}, {@code resistanceOhm};
 *   <li>a preference: {@code peer}, {@code partner}, {@code cost};
 *   <li>{@code penalties.resistance}: {@code alpha}; {@code penalties.congestion}: {@code beta} and
 *       {@code lines};
 *   <li>{@code trading}: exactly one of {@code partners} and {@code pairs}.
 * </ul>
 *
 * Everything else is optional, and absent means:
 *
 * <ul>
 *   <li>{@code description}: empty; {@code network}: none (then a peer's {@code bus} is optional
 *       and unused); {@code trading}: {@code opposite-roles}; {@code preferences}: none; {@code
 *       penalties}, or either penalty in it: none;
 *   <li>a peer's {@code heat}: no heat side; {@code chpRegion}: none; {@code bus}: none (an error
 *       only when the case has a network, reported by the market rules);
 *   <li>{@code cost} of {@code power} or {@code heat}: zero cost; inside it, each of {@code a},
 *       {@code b}, {@code c}: 0;
 *   <li>a line's {@code reactanceOhm}: 0; {@code capacityKw}: no capacity (never congested);
 *   <li>{@code perPeer} of either penalty: no per-peer values.
 * </ul>
 *
 * Every string kept (ids, names, buses, lines, the description) must be valid Unicode text: one
 * holding a lone UTF-16 surrogate (which JSON's <code>&#92;u</code> escape can express) is a
 * problem at its JSON path, since no UTF-8 file could hold it when a result is written.
 *
 * <p>Besides the specification, a peer may carry the optional {@code powerFactor} of the project's
 * case-format extensions ({@code docs/case-format-extensions.md}): a number in {@code (0, 1]}
 * (lagging) or {@code {"value": 0.9, "sense": "leading"}}, read into {@link Market#powerFactor};
 * absent means unity, and it changes the meaning of no other field.
 *
 * <p>A case is first read in one pass over the JSON tokens (jackson-core's streaming parser, no
 * tree, no paths), which takes only a case of valid shape; at the first thing that is not (an
 * unknown, missing or repeated key, a wrong type, a lone surrogate, a syntax error, ...) the text
 * is read again as a tree and walked with every path, and that walk alone reports the problems.
 * Both give the same market for a valid case; the first is several times faster in a fresh JVM,
 * where large cases are read.
 *
 * <h2>Version 2: markets over time</h2>
 *
 * {@link #readCase(String, String)} reads a case of either version into a {@link MarketCase}:
 * {@code p2p-market-case/1} as {@link #read(String, String)} does (streamed first), and {@code
 * p2p-market-case/2} (the project's {@code case-format-v2.md}) into a {@link
 * org.gridbazaar.horizon.MultiPeriodMarket}, by the tree walk, as strictly: an unknown field is a
 * problem in either version, so {@code horizon}, {@code storage}, {@code power.ramp} and {@code
 * power.energy} are problems in a version-1 file and allowed in a version-2 one. Given a version-2
 * file, {@link #read(String, String)} reports one problem saying to use {@code readCase}. In
 * version 2:
 *
 * <ul>
 *   <li>{@code horizon} is required: {@code periods} a whole number {@code >= 1}, {@code
 *       hoursPerPeriod} a number {@code > 0} (default 1);
 *   <li>the series {@code power.min}, {@code power.max}, {@code power.cost.a/b/c}, the same under
 *       {@code heat}, and {@code storage.chargeKw}, {@code dischargeKw}, {@code usageKwh} are a
 *       number (every period) or an array of exactly {@code periods} numbers (one per period);
 *       another length is a problem naming the path and both lengths;
 *   <li>{@code storage} (only on a prosumer): required {@code capacityKwh > 0} (kWh), {@code
 *       initialKwh} in {@code [minKwh, capacityKwh]}, {@code chargeKw >= 0} and {@code dischargeKw
 *       >= 0} (kW); optional {@code minKwh} in {@code [0, capacityKwh]} (default 0), {@code
 *       chargeEfficiency} and {@code dischargeEfficiency} in {@code (0, 1]} (default 1), {@code
 *       standingLossPerHour} in {@code [0, 1)} (default 0), {@code usageKwh >= 0} (default 0),
 *       {@code targets} (default none; each {@code {"period": t, "minKwh": x}} with {@code t} a
 *       period of the horizon, {@code x <= capacityKwh}, at most one per period) and {@code
 *       throughputCost >= 0} in $/kWh (default 0);
 *   <li>{@code power.ramp}: optional {@code upKw >= 0}, {@code downKw >= 0} (kW per period; absent:
 *       no limit that way) and {@code initialKw} (the device power before period 0; absent: period
 *       0 is free);
 *   <li>{@code power.energy}: windows {@code {"from", "to", "minKwh", "maxKwh"}} with {@code 0 <=
 *       from <= to < periods}, at least one of the bounds (kWh, in the sign convention of the
 *       device power: a consumer's energy is negative) and {@code minKwh <= maxKwh}.
 * </ul>
 *
 * Every problem of these parts names the JSON path followed by the peer ({@code
 * $.peers[3].storage.chargeKw (peer B7): must be >= 0, got -1.0}). The version-1 walk reads the
 * file with period 0's values, so every version-1 rule on the shape is checked once; the market
 * rules ({@link Market.Builder#build()}) are checked in every period whose values differ from the
 * previous one, and a rule broken in some periods only is reported with them ({@code periods 1, 2:
 * peer G: power min (-1.0) is negative; ...}), one broken in all of them once. Nothing is built
 * unless everything is valid. Reading is linear in (peers + pairs + preferences) times the periods
 * whose values differ.
 *
 * <pre>{@code
 * Market market = CaseReader.read(Path.of("four-bus.json"));
 * MarketCase either = CaseReader.readCase(Path.of("two-days.json"));
 * }</pre>
 */
public final class CaseReader {

    /**
     * The value of {@code format} of a version-1 case (one market), which {@link #read(String,
     * String)} accepts.
     */
    public static final String FORMAT = "p2p-market-case/1";

    /**
     * The value of {@code format} of a version-2 case (a market over time), which {@link
     * #readCase(String, String)} also accepts.
     */
    public static final String FORMAT_V2 = "p2p-market-case/2";

    private static final List<String> ROOT_REQUIRED = List.of("format", "name", "peers");
    private static final List<String> ROOT_OPTIONAL =
            List.of("description", "network", "trading", "preferences", "penalties");
    private static final List<String> ROOT_OPTIONAL_V2 =
            List.of("description", "horizon", "network", "trading", "preferences", "penalties");
    private static final List<String> PEER_OPTIONAL =
            List.of("bus", "heat", "chpRegion", "powerFactor");
    private static final List<String> PEER_OPTIONAL_V2 =
            List.of("bus", "heat", "chpRegion", "powerFactor", "storage");
    private static final Double ZERO = 0.0;

    /** The cost of a peer whose {@code cost} block is absent: none. */
    static final QuadraticCost ZERO_COST = QuadraticCost.of(0, 0, 0);

    private final Checker check = new Checker();

    /** Power factors read from peers, by peer id, in file order. */
    private final Map<String, PowerFactor> powerFactors = new LinkedHashMap<>();

    /**
     * Whether a peer of the file was left out of the shape for a reason other than a duplicate id.
     */
    private boolean peerLeftOut;

    /** The reader of the version-2 parts, or {@code null} when reading a version-1 case. */
    private final HorizonReader horizon;

    private CaseReader(boolean version2) {
        horizon = version2 ? new HorizonReader(check) : null;
    }

    /**
     * Reads the case file at {@code file} (UTF-8).
     *
     * @throws CaseFormatException if the file is not a valid case, listing every problem; also when
     *     the file does not exist or is not UTF-8 text
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static Market read(Path file) {
        return read(text(file), file.toString());
    }

    /**
     * Reads a case from JSON text.
     *
     * @param json the case file's content
     * @param sourceName where the text came from (a file name), used in messages
     * @throws CaseFormatException if the text is not a valid case, listing every problem
     */
    public static Market read(String json, String sourceName) {
        CaseShape shape = streamedShape(json);
        return (shape != null ? shape : treeShape(json, sourceName)).build(sourceName);
    }

    /**
     * Reads {@code json} by the tree walk alone, as {@link #read(String, String)} does when the
     * streamed read gives up; for tests.
     */
    static Market readByTree(String json, String sourceName) {
        return treeShape(json, sourceName).build(sourceName);
    }

    /**
     * Whether the streamed read takes {@code json} without giving up (a valid shape); for tests.
     */
    static boolean streams(String json) {
        return streamedShape(json) != null;
    }

    /** The shape read from the token stream, or {@code null} when anything is not plainly valid. */
    private static CaseShape streamedShape(String json) {
        return new StreamedCaseReader().read(json.startsWith("\uFEFF") ? json.substring(1) : json);
    }

    /** The shape read by the tree walk, or a {@link CaseFormatException} listing every problem. */
    private static CaseShape treeShape(String json, String sourceName) {
        return new CaseReader(false).shape(JsonText.parse(json, sourceName), sourceName);
    }

    /**
     * Reads a case of either version from {@code json}: a version-1 case ({@code
     * p2p-market-case/1}) as {@link #read(String, String)} reads it, a version-2 case ({@code
     * p2p-market-case/2}, a market over time, see {@code case-format-v2.md}) as described in the
     * class documentation.
     *
     * @param json the case file's content
     * @param sourceName where the text came from (a file name), used in messages
     * @throws CaseFormatException if the text is not a valid case of either version, listing every
     *     problem; a {@code format} that is neither is the only problem reported, naming both
     *     accepted values
     */
    public static MarketCase readCase(String json, String sourceName) {
        CaseShape streamed = streamedShape(json);
        if (streamed != null) {
            return new MarketCase.SinglePeriod(streamed.build(sourceName));
        }
        JsonNode root = JsonText.parse(json, sourceName);
        JsonNode format = root instanceof ObjectNode o ? o.get("format") : null;
        if (!(root instanceof ObjectNode)
                || format != null && format.isTextual() && FORMAT.equals(format.textValue())) {
            return new MarketCase.SinglePeriod(
                    new CaseReader(false).shape(root, sourceName).build(sourceName));
        }
        if (format != null && format.isTextual() && FORMAT_V2.equals(format.textValue())) {
            CaseReader reader = new CaseReader(true);
            CaseShape shape = reader.shape(root, sourceName);
            return new MarketCase.MultiPeriod(reader.horizon.build(shape, sourceName));
        }
        throw new CaseFormatException(
                sourceName,
                List.of(
                        "$.format: "
                                + (format == null
                                        ? "missing required field"
                                        : "got " + Checker.describe(format))
                                + "; expected \""
                                + FORMAT
                                + "\" (one market) or \""
                                + FORMAT_V2
                                + "\" (a market over time)"));
    }

    /**
     * Reads the case file of either version at {@code file} (UTF-8); see {@link #readCase(String,
     * String)}.
     *
     * @throws CaseFormatException if the file is not a valid case, listing every problem; also when
     *     the file does not exist or is not UTF-8 text
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static MarketCase readCase(Path file) {
        return readCase(text(file), file.toString());
    }

    /**
     * The text of {@code file}, or a {@link CaseFormatException} when it does not exist or is not
     * UTF-8.
     */
    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CaseFormatException(file.toString(), List.of("no such file"));
        } catch (CharacterCodingException e) {
            throw new CaseFormatException(
                    file.toString(), List.of("not UTF-8 text; a case file is UTF-8 JSON"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shape of the case at {@code rootNode}, or a {@link CaseFormatException} listing every
     * shape problem.
     */
    private CaseShape shape(JsonNode rootNode, String sourceName) {
        ObjectNode root = check.object(rootNode, "$");
        if (root == null) {
            throw new CaseFormatException(sourceName, check.problems());
        }
        if (horizon == null
                && root.has("format")
                && FORMAT_V2.equals(root.get("format").textValue())) {
            throw new CaseFormatException(
                    sourceName,
                    List.of(
                            "$.format: expected \""
                                    + FORMAT
                                    + "\", got \""
                                    + FORMAT_V2
                                    + "\": a version-2 case (a market over time), which CaseReader.read does not take;"
                                    + " Maybe read it with CaseReader.readCase, which reads both versions"));
        }
        if (horizon != null) {
            check.fields(root, "$", ROOT_REQUIRED, ROOT_OPTIONAL_V2);
            horizon.horizon(root.get("horizon"));
        } else {
            check.fields(root, "$", ROOT_REQUIRED, ROOT_OPTIONAL);
        }
        String format = check.string(root.get("format"), "$.format");
        if (horizon == null
                && format != null
                && !format.equals(FORMAT)) { // readCase gives version 2 only FORMAT_V2
            check.problem(
                    "$.format",
                    "expected \""
                            + FORMAT
                            + "\", got \""
                            + format
                            + "\""
                            + (format.startsWith("p2p-market-case/")
                                    ? "; this reader knows version 1 only"
                                    : ""));
        }
        String name = check.nonBlank(root.get("name"), "$.name", "names");
        String description = check.string(root.get("description"), "$.description", "descriptions");
        Network network = root.has("network") ? network(root.get("network"), "$.network") : null;
        List<Peer> peers = peers(root.get("peers"), "$.peers");
        Trading trading =
                root.has("trading")
                        ? trading(root.get("trading"), "$.trading")
                        : Trading.oppositeRoles();
        List<Preference> preferences =
                root.has("preferences")
                        ? preferences(root.get("preferences"), "$.preferences")
                        : List.of();
        Penalties penalties =
                root.has("penalties") ? penalties(root.get("penalties")) : Penalties.NONE;
        CaseShape shape =
                new CaseShape(
                        name,
                        description,
                        network,
                        peers,
                        powerFactors,
                        trading,
                        preferences,
                        penalties.resistance(),
                        penalties.congestion());
        if (!check.problems().isEmpty()) {
            List<String> problems = new ArrayList<>(check.problems());
            boolean complete =
                    name != null
                            && trading != null
                            && !peerLeftOut
                            && !peers.isEmpty()
                            && (network != null || !root.has("network"));
            if (horizon == null && complete) {
                // Every peer and the network were read, so the market rules can be checked on them
                // too: the report then lists the rule violations with the shape problems, at once.
                // (Without a peer or the network, such checks would report what is missing, not
                // wrong.)
                try {
                    shape.build(sourceName);
                } catch (CaseFormatException e) {
                    problems.addAll(e.problems());
                }
            }
            throw new CaseFormatException(sourceName, problems);
        }
        return shape;
    }

    /** The two penalties of a case; either may be {@code null} (absent or wrong). */
    record Penalties(ResistancePenalty resistance, CongestionPenalty congestion) {
        static final Penalties NONE = new Penalties(null, null);
    }

    /** The {@code penalties} block at {@code $.penalties}. */
    private Penalties penalties(JsonNode node) {
        ResistancePenalty resistance = null;
        CongestionPenalty congestion = null;
        ObjectNode penalties = check.object(node, "$.penalties");
        if (penalties != null) {
            check.fields(penalties, "$.penalties", List.of(), List.of("resistance", "congestion"));
            if (penalties.has("resistance")) {
                resistance = resistance(penalties.get("resistance"), "$.penalties.resistance");
            }
            if (penalties.has("congestion")) {
                congestion = congestion(penalties.get("congestion"), "$.penalties.congestion");
            }
        }
        return new Penalties(resistance, congestion);
    }

    private Network network(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(o, path, List.of("nominalVoltageKv", "rootBus", "lines"), List.of());
        Double voltage = check.number(o.get("nominalVoltageKv"), path + ".nominalVoltageKv");
        String root = check.id(o.get("rootBus"), path + ".rootBus");
        List<Line> lines = new ArrayList<>();
        ArrayNode array = o.has("lines") ? check.array(o.get("lines"), path + ".lines") : null;
        if (array != null) {
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < array.size(); i++) {
                String p = Paths.index(path + ".lines", i);
                ObjectNode l = check.object(array.get(i), p);
                if (l == null) {
                    continue;
                }
                check.fields(
                        l,
                        p,
                        List.of("id", "from", "to", "resistanceOhm"),
                        List.of("reactanceOhm", "capacityKw"));
                String id = check.id(l.get("id"), p + ".id");
                String from = check.id(l.get("from"), p + ".from");
                String to = check.id(l.get("to"), p + ".to");
                Double r = check.number(l.get("resistanceOhm"), p + ".resistanceOhm");
                Double x =
                        l.has("reactanceOhm")
                                ? check.number(l.get("reactanceOhm"), p + ".reactanceOhm")
                                : ZERO;
                Double cap =
                        l.has("capacityKw")
                                ? check.number(l.get("capacityKw"), p + ".capacityKw")
                                : Double.valueOf(Double.NaN);
                if (id != null) {
                    Integer first = ids.putIfAbsent(id, i);
                    if (first != null) {
                        check.problem(
                                p + ".id",
                                "duplicate line id \""
                                        + id
                                        + "\" (first used by $.network.lines["
                                        + first
                                        + "])");
                    }
                }
                if (id != null
                        && from != null
                        && to != null
                        && r != null
                        && x != null
                        && cap != null) {
                    lines.add(new Line(id, from, to, r, x, cap));
                }
            }
        }
        return voltage != null && root != null ? new Network(voltage, root, lines) : null;
    }

    private List<Peer> peers(JsonNode node, String path) {
        List<Peer> peers = new ArrayList<>();
        if (node == null) {
            return peers;
        }
        ArrayNode array = check.array(node, path);
        if (array == null) {
            return peers;
        }
        if (array.isEmpty()) {
            check.problem(path, "a market needs at least one peer");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(path, i);
            ObjectNode o = check.object(array.get(i), p);
            if (o == null) {
                peerLeftOut = true;
                continue;
            }
            check.fields(
                    o,
                    p,
                    List.of("id", "role", "power"),
                    horizon == null ? PEER_OPTIONAL : PEER_OPTIONAL_V2);
            String id = check.id(o.get("id"), p + ".id");
            if (horizon != null) {
                horizon.peer(id);
            }
            boolean duplicate = false;
            if (id != null) {
                Integer first = ids.putIfAbsent(id, i);
                if (first != null) {
                    check.problem(
                            p + ".id",
                            "duplicate peer id \""
                                    + id
                                    + "\" (first used by $.peers["
                                    + first
                                    + "])");
                    duplicate = true; // reported here once; the first peer of that id stands for it
                    id = null;
                }
            }
            Role role = role(o.get("role"), p + ".role");
            String bus = o.has("bus") ? check.id(o.get("bus"), p + ".bus") : null;
            Injection power = o.has("power") ? injection(o.get("power"), p + ".power", true) : null;
            Injection heat = o.has("heat") ? injection(o.get("heat"), p + ".heat", false) : null;
            if (horizon != null) {
                if (o.get("power") instanceof ObjectNode po) {
                    if (po.has("ramp")) {
                        horizon.ramp(po.get("ramp"), p + ".power.ramp", id);
                    }
                    if (po.has("energy")) {
                        horizon.windows(po.get("energy"), p + ".power.energy", id);
                    }
                }
                if (o.has("storage")) {
                    horizon.storage(
                            o.get("storage"),
                            p + ".storage",
                            id,
                            role == null ? null : role.caseName());
                }
                horizon.peer(null);
            }
            ChpRegion region =
                    o.has("chpRegion") ? chpRegion(o.get("chpRegion"), p + ".chpRegion") : null;
            PowerFactor pf =
                    o.has("powerFactor")
                            ? powerFactor(o.get("powerFactor"), p + ".powerFactor")
                            : null;
            if (id != null && role != null && power != null) {
                peers.add(new Peer(PeerId.of(id), role, bus, power, heat, region));
            } else if (!duplicate) {
                peerLeftOut = true;
            }
            if (id != null && pf != null) {
                powerFactors.putIfAbsent(id, pf);
            }
        }
        return peers;
    }

    /**
     * A peer's {@code powerFactor}: a number in {@code (0, 1]} (lagging), or an object with a
     * {@code value} in {@code (0, 1]} and a {@code sense} of {@code "lagging"} or {@code
     * "leading"}.
     */
    private PowerFactor powerFactor(JsonNode node, String path) {
        if (node.isNumber()) {
            Double value = powerFactorValue(node, path);
            return value == null ? null : PowerFactor.lagging(value);
        }
        if (!node.isObject()) {
            check.problem(
                    path,
                    "expected a number in (0, 1] (lagging) or an object {\"value\": 0.9, \"sense\": \"lagging\" or \"leading\"}, got "
                            + Checker.describe(node));
            return null;
        }
        ObjectNode o = (ObjectNode) node;
        check.fields(o, path, List.of("value", "sense"), List.of());
        Double value = o.has("value") ? powerFactorValue(o.get("value"), path + ".value") : null;
        String sense = check.string(o.get("sense"), path + ".sense");
        Boolean lagging = null;
        if ("lagging".equals(sense)) {
            lagging = true;
        } else if ("leading".equals(sense)) {
            lagging = false;
        } else if (sense != null) {
            check.problem(
                    path + ".sense",
                    "expected \"lagging\" or \"leading\", got \""
                            + sense
                            + "\""
                            + "; lagging means reactive power with the sign of active power (an inductive load), leading the opposite sign");
        }
        return value != null && lagging != null ? new PowerFactor(value, lagging) : null;
    }

    /**
     * A power factor's value: a finite number in {@code (0, 1]}, or {@code null} with a problem.
     */
    private Double powerFactorValue(JsonNode node, String path) {
        Double v = check.number(node, path);
        if (v == null) {
            return null;
        }
        if (v > 0 && v <= 1) {
            return v;
        }
        String hint;
        if (v > 1 && v <= 100) {
            hint = "; Maybe a percentage: give " + (v / 100) + " for " + node.asText() + " %";
        } else if (v < 0 && v >= -1) {
            hint =
                    "; Maybe give the sense in {\"value\": "
                            + (-v)
                            + ", \"sense\": \"leading\"} instead of a sign";
        } else if (v == 0) {
            hint =
                    "; 0 would mean infinite reactive power per kW; for no reactive power leave the field out (unity)";
        } else {
            hint = "";
        }
        check.problem(path, "power factor must be in (0, 1], got " + node.asText() + hint);
        return null;
    }

    private Role role(JsonNode node, String path) {
        String s = check.string(node, path);
        if (s == null) {
            return null;
        }
        for (Role r : Role.values()) {
            if (r.caseName().equals(s)) {
                return r;
            }
        }
        check.problem(
                path, "expected \"producer\", \"consumer\" or \"prosumer\", got \"" + s + "\"");
        return null;
    }

    /**
     * A {@code power} ({@code isPower}) or {@code heat} block; in version 2 its numbers are series,
     * and power may have {@code ramp} and {@code energy}.
     */
    private Injection injection(JsonNode node, String path, boolean isPower) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(
                o,
                path,
                List.of("min", "max"),
                horizon != null && isPower ? List.of("cost", "ramp", "energy") : List.of("cost"));
        Double min = seriesOrNumber(o.get("min"), path + ".min");
        Double max = seriesOrNumber(o.get("max"), path + ".max");
        QuadraticCost cost = o.has("cost") ? cost(o.get("cost"), path + ".cost") : ZERO_COST;
        return min != null && max != null && cost != null ? Injection.of(min, max, cost) : null;
    }

    /** A {@code cost} block: {@code a}, {@code b} and {@code c} each default to 0. */
    private QuadraticCost cost(JsonNode node, String path) {
        ObjectNode c = check.object(node, path);
        if (c == null) {
            return null;
        }
        check.fields(c, path, List.of(), List.of("a", "b", "c"));
        Double a = c.has("a") ? seriesOrNumber(c.get("a"), path + ".a") : ZERO;
        Double b = c.has("b") ? seriesOrNumber(c.get("b"), path + ".b") : ZERO;
        Double k = c.has("c") ? seriesOrNumber(c.get("c"), path + ".c") : ZERO;
        return a != null && b != null && k != null ? QuadraticCost.of(a, b, k) : null;
    }

    /**
     * A number in version 1; in version 2 a series, of which the value in period 0 (see {@link
     * HorizonReader#sideSeries}).
     */
    private Double seriesOrNumber(JsonNode node, String path) {
        return horizon == null ? check.number(node, path) : horizon.sideSeries(node, path);
    }

    private ChpRegion chpRegion(JsonNode node, String path) {
        ArrayNode array = check.array(node, path);
        if (array == null) {
            return null;
        }
        List<HeatPowerPoint> vertices = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(path, i);
            JsonNode v = array.get(i);
            if (!(v instanceof ArrayNode pair) || pair.size() != 2) {
                check.problem(
                        p,
                        "expected a vertex [heat, power] (an array of 2 numbers), got "
                                + (v instanceof ArrayNode a
                                        ? "an array of " + a.size()
                                        : Checker.describe(v)));
                ok = false;
                continue;
            }
            Double heat = check.number(pair.get(0), p + "[0]");
            Double power = check.number(pair.get(1), p + "[1]");
            if (heat == null || power == null) {
                ok = false;
            } else {
                vertices.add(new HeatPowerPoint(heat, power));
            }
        }
        return ok ? new ChpRegion(vertices) : null;
    }

    private Trading trading(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(o, path, List.of(), List.of("partners", "pairs"));
        boolean partners = o.has("partners");
        boolean pairs = o.has("pairs");
        if (partners == pairs) {
            check.problem(
                    path,
                    partners
                            ? "holds both \"partners\" and \"pairs\"; give exactly one of them"
                            : "must hold exactly one of \"partners\" (\"opposite-roles\") and \"pairs\"");
            return null;
        }
        if (partners) {
            String s = check.string(o.get("partners"), path + ".partners");
            if (s != null && !s.equals("opposite-roles")) {
                check.problem(
                        path + ".partners",
                        "expected \"opposite-roles\", got \""
                                + s
                                + "\"; to restrict trading, list \"pairs\" instead");
            }
            return Trading.oppositeRoles();
        }
        String pp = path + ".pairs";
        ArrayNode array = check.array(o.get("pairs"), pp);
        if (array == null) {
            return null;
        }
        List<PeerPair> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(pp, i);
            JsonNode v = array.get(i);
            if (!(v instanceof ArrayNode pair) || pair.size() != 2) {
                check.problem(
                        p,
                        "expected a pair [peer, peer] (an array of 2 peer ids), got "
                                + (v instanceof ArrayNode a
                                        ? "an array of " + a.size()
                                        : Checker.describe(v)));
                continue;
            }
            String a = check.id(pair.get(0), p + "[0]");
            String b = check.id(pair.get(1), p + "[1]");
            if (a != null && b != null) {
                list.add(PeerPair.of(a, b));
            }
        }
        return Trading.pairs(list);
    }

    private List<Preference> preferences(JsonNode node, String path) {
        List<Preference> list = new ArrayList<>();
        ArrayNode array = check.array(node, path);
        if (array == null) {
            return list;
        }
        for (int i = 0; i < array.size(); i++) {
            String p = Paths.index(path, i);
            ObjectNode o = check.object(array.get(i), p);
            if (o == null) {
                continue;
            }
            check.fields(o, p, List.of("peer", "partner", "cost"), List.of());
            String peer = check.id(o.get("peer"), p + ".peer");
            String partner = check.id(o.get("partner"), p + ".partner");
            Double cost = check.number(o.get("cost"), p + ".cost");
            if (peer != null && partner != null && cost != null) {
                list.add(new Preference(PeerId.of(peer), PeerId.of(partner), cost));
            }
        }
        return list;
    }

    private ResistancePenalty resistance(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(o, path, List.of("alpha"), List.of("perPeer"));
        Double alpha = check.number(o.get("alpha"), path + ".alpha");
        Map<PeerId, Double> perPeer = perPeer(o.get("perPeer"), path + ".perPeer");
        return alpha != null && perPeer != null ? new ResistancePenalty(alpha, perPeer) : null;
    }

    private CongestionPenalty congestion(JsonNode node, String path) {
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        check.fields(o, path, List.of("beta", "lines"), List.of("perPeer"));
        Double beta = check.number(o.get("beta"), path + ".beta");
        Map<PeerId, Double> perPeer = perPeer(o.get("perPeer"), path + ".perPeer");
        JsonNode linesNode = o.get("lines");
        String lp = path + ".lines";
        Boolean auto = null;
        List<String> lines = new ArrayList<>();
        if (linesNode != null) {
            if (linesNode.isTextual() && linesNode.textValue().equals("auto")) {
                auto = true;
            } else if (linesNode instanceof ArrayNode array) {
                auto = false;
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < array.size(); i++) {
                    String id = check.id(array.get(i), Paths.index(lp, i));
                    if (id != null && !seen.add(id)) {
                        check.problem(Paths.index(lp, i), "line \"" + id + "\" listed twice");
                    } else if (id != null) {
                        lines.add(id);
                    }
                }
            } else {
                check.problem(
                        lp,
                        "expected \"auto\" or an array of line ids, got "
                                + Checker.describe(linesNode));
            }
        }
        return beta != null && perPeer != null && auto != null
                ? new CongestionPenalty(beta, auto, auto ? List.of() : lines, perPeer)
                : null;
    }

    private Map<PeerId, Double> perPeer(JsonNode node, String path) {
        Map<PeerId, Double> map = new LinkedHashMap<>();
        if (node == null) {
            return map;
        }
        ObjectNode o = check.object(node, path);
        if (o == null) {
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String p = Paths.field(path, e.getKey());
            if (e.getKey().isBlank()) {
                check.problem(p, "peer id must not be blank");
                ok = false;
                continue;
            }
            if (check.unicode(e.getKey(), p, "ids") == null) {
                ok = false;
                continue;
            }
            Double v = check.number(e.getValue(), p);
            if (v == null) {
                ok = false;
            } else {
                map.put(PeerId.of(e.getKey()), v);
            }
        }
        return ok ? map : null;
    }
}
