package org.gridbazaar.io.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Typed, path-tracking access to a JSON tree that records a problem for every unknown field,
 * missing required field and value of the wrong type, and carries on, so that a reader can report
 * everything that is wrong at once. Accessors return {@code null} when the value is absent or
 * wrong.
 */
public final class Checker {

    private final List<String> problems = new ArrayList<>();

    /** The problems recorded so far, in the order found. */
    public List<String> problems() {
        return problems;
    }

    /** Records {@code message} for the value at {@code path}. */
    public void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** {@code node} as an object, or {@code null} (with a problem) when it is something else. */
    public ObjectNode object(JsonNode node, String path) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        problem(path, "expected an object, got " + describe(node));
        return null;
    }

    /** {@code node} as an array, or {@code null} (with a problem) when it is something else. */
    public ArrayNode array(JsonNode node, String path) {
        if (node instanceof ArrayNode a) {
            return a;
        }
        problem(path, "expected an array, got " + describe(node));
        return null;
    }

    /**
     * Checks that {@code o} holds every required field and no field outside {@code required} and
     * {@code optional}, naming the closest known field for a misspelt one.
     */
    public void fields(ObjectNode o, String path, List<String> required, List<String> optional) {
        fields(o, path, required, optional, "");
    }

    /**
     * As {@link #fields(ObjectNode, String, List, List)}, with {@code where} appended to each
     * member's path in the messages (e.g. {@code " (peer B7)"}).
     */
    public void fields(
            ObjectNode o, String path, List<String> required, List<String> optional, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!required.contains(name) && !optional.contains(name)) {
                List<String> known = new ArrayList<>(required);
                known.addAll(optional);
                String hint = closest(name, known);
                problem(
                        Paths.field(path, name) + where,
                        "unknown field"
                                + (hint != null
                                        ? "; Maybe you meant \"" + hint + "\""
                                        : "; known fields here: " + String.join(", ", known)));
            }
        }
        for (String name : required) {
            if (!o.has(name)) {
                problem(Paths.field(path, name) + where, "missing required field");
            }
        }
    }

    /** A finite number, or {@code null}. */
    public Double number(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            problem(path, "expected a number, got " + describe(node));
            return null;
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            problem(path, "number " + node.asText() + " is out of range (numbers must be finite)");
            return null;
        }
        return v;
    }

    /** A whole number that fits in an {@code int}, or {@code null}. */
    public Integer integer(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problem(path, "expected a whole number, got " + describe(node));
            return null;
        }
        return node.intValue();
    }

    /** A string that is valid Unicode text (see {@link #unicode}), or {@code null}. */
    public String string(JsonNode node, String path) {
        return string(node, path, "text");
    }

    /**
     * A string that is valid Unicode text, or {@code null}; {@code what} names the kind of value in
     * the message about a lone surrogate ({@code "ids"}, {@code "names"}, ...).
     */
    public String string(JsonNode node, String path, String what) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            problem(path, "expected a string, got " + describe(node));
            return null;
        }
        return unicode(node.textValue(), path, what);
    }

    /** A string that is not blank and is valid Unicode text, or {@code null}. */
    public String nonBlank(JsonNode node, String path) {
        return nonBlank(node, path, "text");
    }

    /**
     * A string that is not blank and is valid Unicode text, or {@code null}; {@code what} as in
     * {@link #string(JsonNode, String, String)}.
     */
    public String nonBlank(JsonNode node, String path, String what) {
        String s = string(node, path, what);
        if (s != null && s.isBlank()) {
            problem(path, "must not be blank");
            return null;
        }
        return s;
    }

    /**
     * An id (of a peer, bus or line): a string that is not blank and is valid Unicode text, or
     * {@code null}.
     */
    public String id(JsonNode node, String path) {
        return nonBlank(node, path, "ids");
    }

    /**
     * {@code s} when it is valid Unicode text, or {@code null} with a problem when it holds a lone
     * UTF-16 surrogate (JSON allows the escape <code>"&#92;uD800"</code> alone, but no UTF-8 file
     * or Unicode-aware tool can carry it, so a writer would fail on it later). Also for object keys
     * that are ids.
     */
    public String unicode(String s, String path, String what) {
        int at = loneSurrogate(s);
        if (at < 0) {
            return s;
        }
        problem(
                path,
                String.format(
                        Locale.ROOT,
                        "contains a lone UTF-16 surrogate (\\u%04X); %s must be valid Unicode text"
                                + " (it is character %d of %d); Maybe the text was cut between the two halves of a surrogate pair",
                        (int) s.charAt(at),
                        what,
                        at + 1,
                        s.length()));
        return null;
    }

    /**
     * The index of the first lone surrogate in {@code s}, or -1 when every surrogate is half of a
     * pair.
     */
    public static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A number or JSON {@code null} (read as {@code NaN}); Java {@code null} when absent or wrong.
     */
    public Double numberOrNull(JsonNode node, String path) {
        if (node != null && node.isNull()) {
            return Double.NaN;
        }
        return number(node, path);
    }

    /**
     * What a value is, for messages: {@code string "5"}, {@code number 5}, {@code an array}, ...
     */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String t = node.textValue();
            return "string \"" + (t.length() > 40 ? t.substring(0, 37) + "..." : t) + "\"";
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The known name closest to {@code name}: same letters ignoring case, or at most 2 edits away.
     */
    static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d =
                    k.equalsIgnoreCase(name)
                            ? 0
                            : distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.min(2, Math.max(1, name.length() / 3)) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
