package org.gridbazaar.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.io.internal.Checker;
import org.gridbazaar.io.internal.JsonText;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.HeatPowerPoint;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Line;
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
 * The streamed read of a case: one pass over Jackson's tokens, no tree, no path strings. A valid
 * case is read straight from the token stream, building the same values {@link CaseReader}'s tree
 * walk builds, in the same order. The first thing that is not plainly valid (an unknown, missing or
 * repeated key, a value of the wrong type, a blank id, a lone surrogate, a number out of range, a
 * syntax error, ...) abandons it, and the tree walk reads the text again to report every problem
 * with its path: the messages stay the tree walk's alone. It needs jackson-core only; databind (the
 * tree, the mapper) is loaded only when it gives up.
 */
final class StreamedCaseReader {

    /** Power factors read from peers, by peer id, in file order. */
    private final Map<String, PowerFactor> powerFactors = new LinkedHashMap<>();

    /** Thrown (without a stack trace) to abandon the streamed read. */
    private static final class Unusual extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super("not plainly valid", null, false, false);
        }
    }

    private static final Unusual UNUSUAL = Unusual.INSTANCE;

    /**
     * The shape of the case in {@code text} read as a token stream, or {@code null} when anything
     * in it is not plainly valid (then the tree walk reports what is wrong).
     */
    CaseShape read(String text) {
        try (JsonParser p = JsonText.streamingParser(text)) {
            return streamedRoot(p);
        } catch (Unusual | IOException | RuntimeException e) {
            return null;
        }
    }

    private CaseShape streamedRoot(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        String name = null;
        String description = null;
        Network network = null;
        List<Peer> peers = null;
        Trading trading = Trading.oppositeRoles();
        List<Preference> preferences = List.of();
        CaseReader.Penalties penalties = CaseReader.Penalties.NONE;
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "format" -> {
                    bit = 1;
                    if (!CaseReader.FORMAT.equals(string(p))) {
                        throw UNUSUAL;
                    }
                }
                case "name" -> {
                    bit = 2;
                    name = id(p);
                }
                case "peers" -> {
                    bit = 4;
                    peers = streamedPeers(p);
                }
                case "description" -> {
                    bit = 8;
                    description = string(p);
                }
                case "network" -> {
                    bit = 16;
                    network = streamedNetwork(p);
                }
                case "trading" -> {
                    bit = 32;
                    trading = streamedTrading(p);
                }
                case "preferences" -> {
                    bit = 64;
                    preferences = streamedPreferences(p);
                }
                case "penalties" -> {
                    bit = 128;
                    penalties = streamedPenalties(p);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if ((seen & 7) != 7 || p.nextToken() != null) {
            throw UNUSUAL;
        }
        return new CaseShape(
                name,
                description,
                network,
                peers,
                powerFactors,
                trading,
                preferences,
                penalties.resistance(),
                penalties.congestion());
    }

    /** {@code seen} with {@code bit} added; a key already seen is unusual (a duplicate key). */
    private static int once(int seen, int bit) throws Unusual {
        if ((seen & bit) != 0) {
            throw UNUSUAL;
        }
        return seen | bit;
    }

    /** The next value: a string that is valid Unicode text. */
    private static String string(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw UNUSUAL;
        }
        String s = p.getText();
        if (Checker.loneSurrogate(s) >= 0) {
            throw UNUSUAL;
        }
        return s;
    }

    /** The next value: an id, a string that is valid Unicode text and not blank. */
    private static String id(JsonParser p) throws IOException, Unusual {
        String s = string(p);
        if (s.isBlank()) {
            throw UNUSUAL;
        }
        return s;
    }

    /**
     * The next value: a finite number, as the tree walk reads it ({@code doubleValue()} of its
     * node).
     */
    private static double number(JsonParser p) throws IOException, Unusual {
        return number(p, p.nextToken());
    }

    /** The value at token {@code t}: a finite number. */
    private static double number(JsonParser p, JsonToken t) throws IOException, Unusual {
        double v;
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            v = p.getDoubleValue();
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.INT) {
                v = p.getIntValue();
            } else if (type == JsonParser.NumberType.LONG) {
                v = p.getLongValue();
            } else {
                throw UNUSUAL;
            }
        } else {
            throw UNUSUAL;
        }
        if (!Double.isFinite(v)) {
            throw UNUSUAL;
        }
        return v;
    }

    /** Moves onto the next value, which must be an array. */
    private static void startArray(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw UNUSUAL;
        }
    }

    /** After a loop over an array's elements: the array must have ended there. */
    private static void endArray(JsonParser p) throws Unusual {
        if (!p.hasToken(JsonToken.END_ARRAY)) {
            throw UNUSUAL;
        }
    }

    private Network streamedNetwork(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        double voltage = 0;
        String root = null;
        List<Line> lines = new ArrayList<>();
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "nominalVoltageKv" -> {
                    bit = 1;
                    voltage = number(p);
                }
                case "rootBus" -> {
                    bit = 2;
                    root = id(p);
                }
                case "lines" -> {
                    bit = 4;
                    streamedLines(p, lines);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if (seen != 7) {
            throw UNUSUAL;
        }
        return new Network(voltage, root, lines);
    }

    private static void streamedLines(JsonParser p, List<Line> lines) throws IOException, Unusual {
        startArray(p);
        Set<String> ids = new HashSet<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            String from = null;
            String to = null;
            double r = 0;
            double x = 0;
            double cap = Double.NaN;
            int seen = 0;
            for (String f; (f = p.nextFieldName()) != null; ) {
                int bit;
                switch (f) {
                    case "id" -> {
                        bit = 1;
                        id = id(p);
                    }
                    case "from" -> {
                        bit = 2;
                        from = id(p);
                    }
                    case "to" -> {
                        bit = 4;
                        to = id(p);
                    }
                    case "resistanceOhm" -> {
                        bit = 8;
                        r = number(p);
                    }
                    case "reactanceOhm" -> {
                        bit = 16;
                        x = number(p);
                    }
                    case "capacityKw" -> {
                        bit = 32;
                        cap = number(p);
                    }
                    default -> throw UNUSUAL;
                }
                seen = once(seen, bit);
            }
            if ((seen & 15) != 15 || !ids.add(id)) {
                throw UNUSUAL;
            }
            lines.add(new Line(id, from, to, r, x, cap));
        }
        endArray(p);
    }

    private List<Peer> streamedPeers(JsonParser p) throws IOException, Unusual {
        startArray(p);
        List<Peer> peers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            Role role = null;
            String bus = null;
            Injection power = null;
            Injection heat = null;
            ChpRegion region = null;
            PowerFactor pf = null;
            int seen = 0;
            for (String f; (f = p.nextFieldName()) != null; ) {
                int bit;
                switch (f) {
                    case "id" -> {
                        bit = 1;
                        id = id(p);
                    }
                    case "role" -> {
                        bit = 2;
                        role = streamedRole(p);
                    }
                    case "power" -> {
                        bit = 4;
                        power = streamedInjection(p);
                    }
                    case "bus" -> {
                        bit = 8;
                        bus = id(p);
                    }
                    case "heat" -> {
                        bit = 16;
                        heat = streamedInjection(p);
                    }
                    case "chpRegion" -> {
                        bit = 32;
                        region = streamedChpRegion(p);
                    }
                    case "powerFactor" -> {
                        bit = 64;
                        pf = streamedPowerFactor(p);
                    }
                    default -> throw UNUSUAL;
                }
                seen = once(seen, bit);
            }
            if ((seen & 7) != 7 || !ids.add(id)) {
                throw UNUSUAL;
            }
            peers.add(new Peer(PeerId.of(id), role, bus, power, heat, region));
            if (pf != null) {
                powerFactors.putIfAbsent(id, pf);
            }
        }
        endArray(p);
        if (peers.isEmpty()) {
            throw UNUSUAL;
        }
        return peers;
    }

    /** A {@code chpRegion}: vertices {@code [heat, power]}. */
    private static ChpRegion streamedChpRegion(JsonParser p) throws IOException, Unusual {
        return new ChpRegion(
                pairs(
                        p,
                        StreamedCaseReader::number,
                        (heat, power) -> new HeatPowerPoint(heat, power)));
    }

    /** Reads one element of a pair. */
    @FunctionalInterface
    private interface Element<T> {
        T read(JsonParser p) throws IOException, Unusual;
    }

    /** An array of two-element arrays {@code [[u, v], ...]}, each made into one value. */
    private static <T, R> List<R> pairs(
            JsonParser p, Element<T> element, java.util.function.BiFunction<T, T, R> make)
            throws IOException, Unusual {
        startArray(p);
        List<R> list = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
            T first = element.read(p);
            T second = element.read(p);
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw UNUSUAL;
            }
            list.add(make.apply(first, second));
        }
        endArray(p);
        return list;
    }

    /**
     * A {@code powerFactor}: a number in {@code (0, 1]}, or {@code {"value": ..., "sense": ...}}.
     */
    private static PowerFactor streamedPowerFactor(JsonParser p) throws IOException, Unusual {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            return PowerFactor.lagging(powerFactorValue(number(p, t)));
        }
        double value = 0;
        boolean lagging = true;
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "value" -> {
                    bit = 1;
                    value = powerFactorValue(number(p));
                }
                case "sense" -> {
                    bit = 2;
                    String sense = string(p);
                    if (sense.equals("leading")) {
                        lagging = false;
                    } else if (!sense.equals("lagging")) {
                        throw UNUSUAL;
                    }
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if (seen != 3) {
            throw UNUSUAL;
        }
        return new PowerFactor(value, lagging);
    }

    /** {@code v} when it is a power factor, in {@code (0, 1]}. */
    private static double powerFactorValue(double v) throws Unusual {
        if (v > 0 && v <= 1) {
            return v;
        }
        throw UNUSUAL;
    }

    private static CaseReader.Penalties streamedPenalties(JsonParser p)
            throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        ResistancePenalty resistance = null;
        CongestionPenalty congestion = null;
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "resistance" -> {
                    bit = 1;
                    resistance = streamedResistance(p);
                }
                case "congestion" -> {
                    bit = 2;
                    congestion = streamedCongestion(p);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        return new CaseReader.Penalties(resistance, congestion);
    }

    private static ResistancePenalty streamedResistance(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        double alpha = 0;
        Map<PeerId, Double> perPeer = new LinkedHashMap<>();
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "alpha" -> {
                    bit = 1;
                    alpha = number(p);
                }
                case "perPeer" -> {
                    bit = 2;
                    streamedPerPeer(p, perPeer);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if ((seen & 1) != 1) {
            throw UNUSUAL;
        }
        return new ResistancePenalty(alpha, perPeer);
    }

    private static CongestionPenalty streamedCongestion(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        double beta = 0;
        boolean auto = false;
        List<String> lines = new ArrayList<>();
        Map<PeerId, Double> perPeer = new LinkedHashMap<>();
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "beta" -> {
                    bit = 1;
                    beta = number(p);
                }
                case "lines" -> {
                    bit = 2;
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.VALUE_STRING && p.getText().equals("auto")) {
                        auto = true;
                    } else if (t == JsonToken.START_ARRAY) {
                        Set<String> seenLines = new HashSet<>();
                        for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
                            if (e != JsonToken.VALUE_STRING) {
                                throw UNUSUAL;
                            }
                            String id = p.getText();
                            if (id.isBlank()
                                    || Checker.loneSurrogate(id) >= 0
                                    || !seenLines.add(id)) {
                                throw UNUSUAL;
                            }
                            lines.add(id);
                        }
                    } else {
                        throw UNUSUAL;
                    }
                }
                case "perPeer" -> {
                    bit = 4;
                    streamedPerPeer(p, perPeer);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if ((seen & 3) != 3) {
            throw UNUSUAL;
        }
        return new CongestionPenalty(beta, auto, auto ? List.of() : lines, perPeer);
    }

    /** A penalty's {@code perPeer}: peer id to number, into {@code map}. */
    private static void streamedPerPeer(JsonParser p, Map<PeerId, Double> map)
            throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        for (String key; (key = p.nextFieldName()) != null; ) {
            if (key.isBlank()
                    || Checker.loneSurrogate(key) >= 0
                    || map.put(PeerId.of(key), number(p)) != null) {
                throw UNUSUAL;
            }
        }
    }

    private static Role streamedRole(JsonParser p) throws IOException, Unusual {
        String s = string(p);
        for (Role r : Role.values()) {
            if (r.caseName().equals(s)) {
                return r;
            }
        }
        throw UNUSUAL;
    }

    private static Injection streamedInjection(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        double min = 0;
        double max = 0;
        QuadraticCost cost = CaseReader.ZERO_COST;
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "min" -> {
                    bit = 1;
                    min = number(p);
                }
                case "max" -> {
                    bit = 2;
                    max = number(p);
                }
                case "cost" -> {
                    bit = 4;
                    cost = streamedCost(p);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if ((seen & 3) != 3) {
            throw UNUSUAL;
        }
        return Injection.of(min, max, cost);
    }

    private static QuadraticCost streamedCost(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        double a = 0;
        double b = 0;
        double c = 0;
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "a" -> {
                    bit = 1;
                    a = number(p);
                }
                case "b" -> {
                    bit = 2;
                    b = number(p);
                }
                case "c" -> {
                    bit = 4;
                    c = number(p);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        return QuadraticCost.of(a, b, c);
    }

    private static Trading streamedTrading(JsonParser p) throws IOException, Unusual {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        Trading trading = null;
        int seen = 0;
        for (String f; (f = p.nextFieldName()) != null; ) {
            int bit;
            switch (f) {
                case "partners" -> {
                    bit = 1;
                    if (!"opposite-roles".equals(string(p))) {
                        throw UNUSUAL;
                    }
                    trading = Trading.oppositeRoles();
                }
                case "pairs" -> {
                    bit = 2;
                    trading = streamedPairs(p);
                }
                default -> throw UNUSUAL;
            }
            seen = once(seen, bit);
        }
        if (seen != 1 && seen != 2) {
            throw UNUSUAL;
        }
        return trading;
    }

    private static Trading streamedPairs(JsonParser p) throws IOException, Unusual {
        return Trading.pairs(pairs(p, StreamedCaseReader::id, PeerPair::of));
    }

    private static List<Preference> streamedPreferences(JsonParser p) throws IOException, Unusual {
        startArray(p);
        List<Preference> list = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String peer = null;
            String partner = null;
            double cost = 0;
            int seen = 0;
            for (String f; (f = p.nextFieldName()) != null; ) {
                int bit;
                switch (f) {
                    case "peer" -> {
                        bit = 1;
                        peer = id(p);
                    }
                    case "partner" -> {
                        bit = 2;
                        partner = id(p);
                    }
                    case "cost" -> {
                        bit = 4;
                        cost = number(p);
                    }
                    default -> throw UNUSUAL;
                }
                seen = once(seen, bit);
            }
            if (seen != 7) {
                throw UNUSUAL;
            }
            list.add(new Preference(PeerId.of(peer), PeerId.of(partner), cost));
        }
        endArray(p);
        return list;
    }
}
