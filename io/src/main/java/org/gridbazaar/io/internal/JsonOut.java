package org.gridbazaar.io.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builds and prints JSON for the writers: two-space indentation, {@code "key": value}, whole
 * numbers without a fraction, non-finite numbers as {@code null}.
 */
public final class JsonOut {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonOut() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * {@code v} as a JSON number: whole numbers below 1e15 without a fraction (so {@code 3000}, not
     * {@code 3000.0}), others as the shortest decimal that reads back to the same double, and
     * {@code NaN} or infinities as {@code null}. Negative zero keeps its sign.
     */
    public static JsonNode number(double v) {
        if (!Double.isFinite(v)) {
            return NODES.nullNode();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return NODES.numberNode((long) v);
        }
        return NODES.numberNode(v);
    }

    /**
     * The pretty-printed text of {@code node}, ending with a newline: two-space indentation, and an
     * object or array on one line whenever it fits in {@value #WIDTH} columns (so a peer's bounds
     * and cost read as in the specification's examples).
     */
    public static String print(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        print(node, 0, sb);
        return sb.append('\n').toString();
    }

    private static final int WIDTH = 100;

    private static void print(JsonNode node, int indent, StringBuilder sb) {
        String compact = compact(node);
        if (!node.isContainerNode() || node.isEmpty() || indent + compact.length() <= WIDTH) {
            sb.append(compact);
            return;
        }
        String pad = "  ".repeat(indent / 2 + 1);
        String closePad = "  ".repeat(indent / 2);
        sb.append(node.isObject() ? "{\n" : "[\n");
        boolean first = true;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(first ? "" : ",\n").append(pad).append(scalar(JsonNodeFactory.instance.textNode(e.getKey()))).append(": ");
                print(e.getValue(), indent + 2, sb);
                first = false;
            }
        } else {
            for (JsonNode element : node) {
                sb.append(first ? "" : ",\n").append(pad);
                print(element, indent + 2, sb);
                first = false;
            }
        }
        sb.append('\n').append(closePad).append(node.isObject() ? '}' : ']');
    }

    private static String compact(JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(sb.length() > 1 ? ", " : "").append(scalar(JsonNodeFactory.instance.textNode(e.getKey()))).append(": ").append(compact(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (JsonNode element : node) {
                sb.append(sb.length() > 1 ? ", " : "").append(compact(element));
            }
            return sb.append(']').toString();
        }
        return scalar(node);
    }

    private static String scalar(JsonNode node) {
        try {
            return JsonText.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }
}
