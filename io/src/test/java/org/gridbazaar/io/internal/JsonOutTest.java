package org.gridbazaar.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming writer lays JSON out exactly as the tree printer it replaced (kept here as the
 * reference, {@link #reference(JsonNode)}), formats numbers as before, and holds back only a
 * bounded amount of text however long the document.
 */
class JsonOutTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static String write(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonOut out = JsonOut.to(text)) {
            replay(node, out);
        }
        return text.toString();
    }

    static void replay(JsonNode node, JsonOut out) {
        if (node.isObject()) {
            out.startObject();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.field(e.getKey());
                replay(e.getValue(), out);
            }
            out.end();
        } else if (node.isArray()) {
            out.startArray();
            node.forEach(element -> replay(element, out));
            out.end();
        } else if (node.isTextual()) {
            out.string(node.textValue());
        } else if (node.isIntegralNumber()) {
            out.number(node.longValue());
        } else if (node.isNumber()) {
            out.number(node.doubleValue());
        } else if (node.isBoolean()) {
            out.bool(node.booleanValue());
        } else {
            out.nullValue();
        }
    }

    @Test
    void layoutMatchesTheTreePrinterOnSeededRandomDocuments() {
        for (long seed = 1; seed <= 150; seed++) {
            Random random = new Random(seed);
            JsonNode tree = randomObject(random, 0);
            assertEquals(reference(tree), write(tree), "seed " + seed);
        }
    }

    @Test
    void numbersAreFormattedAsBefore() {
        assertEquals(
                "[250, -3, 0, -0.0, 1.0E-9, 0.30000000000000004, 12345.67]\n",
                writeNumbers(250.0, -3.0, 0.0, -0.0, 1e-9, 0.1 + 0.2, 12345.67));
        assertEquals(
                "[123456789012345, 1.0E15, -2.5E-7, 4.9E-324, null, null, null]\n",
                writeNumbers(
                        123456789012345.0,
                        1e15,
                        -2.5e-7,
                        Double.MIN_VALUE,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY));
    }

    private static String writeNumbers(double... values) {
        StringWriter text = new StringWriter();
        try (JsonOut out = JsonOut.to(text)) {
            out.startArray();
            for (double v : values) {
                out.number(v);
            }
            out.end();
        }
        return text.toString();
    }

    @Test
    void quotedLengthCountsJacksonsEscapes() throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        for (String s :
                new String[] {
                    "",
                    "plain",
                    "q\"uote",
                    "back\\slash",
                    "tab\tnl\ncr\rbs\bff\f",
                    "ctl\u0001\u001f",
                    "\u007f\u00e9\u2028\uD83D\uDE00"
                }) {
            assertEquals(mapper.writeValueAsString(s).length(), JsonOut.quotedLength(s), s);
        }
    }

    @Test
    void onlyABoundedAmountOfTextIsHeldBack() {
        long[] written = {0};
        OutputStream counting =
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        written[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        written[0] += len;
                    }
                };
        int n = 50_000;
        long handedIn = 0;
        long maxHeldBack = 0;
        try (JsonOut out = JsonOut.to(counting)) {
            out.startObject().field("trades").startArray();
            for (int i = 0; i < n; i++) {
                out.startObject()
                        .field("seller", "G" + i)
                        .field("buyer", "C" + i)
                        .field("power", i + 0.5)
                        .field("price", 40.25)
                        .end();
                handedIn +=
                        58 + 2 * Integer.toString(i).length() + Double.toString(i + 0.5).length();
                maxHeldBack = Math.max(maxHeldBack, handedIn - written[0]);
            }
            out.end().end();
        }
        assertTrue(written[0] > (long) n * 60, "everything was written: " + written[0]);
        assertTrue(
                maxHeldBack < 20_000,
                "text held back at most the generator's buffer and one line, got " + maxHeldBack);
    }

    @Test
    void closingWithAnOpenContainerIsAnError() {
        JsonOut out = JsonOut.to(new StringWriter());
        out.startObject().field("a").startArray().number(1L);
        assertThrows(IllegalStateException.class, out::close);
    }

    @Test
    void aLoneSurrogateIsRefusedWithTheFieldItBelongsTo() {
        JsonOut out = JsonOut.to(new StringWriter());
        out.startObject();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> out.field("id", "G\uD800"));
        assertTrue(
                e.getMessage().contains("\"id\"") && e.getMessage().contains("\\uD800"),
                e.getMessage());
    }

    @Test
    void deepNestingBeyondTheWidthStillWrites() {
        ArrayNode root = NODES.arrayNode();
        ArrayNode a = root;
        for (int i = 0; i < 60; i++) {
            a = a.addArray();
        }
        a.add(1);
        String text = write(root);
        assertEquals(reference(root), text);
        assertFalse(text.isEmpty());
    }

    // ---------------------------------------------------------------- random documents

    private static final String[] KEYS = {
        "id",
        "power",
        "price",
        "a",
        "b",
        "c",
        "lineFlows",
        "seller",
        "buyer",
        "weird key \"q\"",
        "é",
        ""
    };
    private static final String[] STRINGS = {
        "G20",
        "C1",
        "",
        "a\"b",
        "tab\there",
        "ünïcode \uD83D\uDE00",
        "ctl\u0001",
        "x".repeat(45),
        "y".repeat(120)
    };

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode o = NODES.objectNode();
        int size = random.nextInt(depth == 0 ? 8 : 6);
        for (int i = 0; i < size; i++) {
            o.set(
                    KEYS[random.nextInt(KEYS.length)] + (random.nextInt(4) == 0 ? i : ""),
                    randomValue(random, depth + 1));
        }
        return o;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 4 : 7);
        switch (kind) {
            case 0:
                return NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 1:
                return number(random);
            case 2:
                return random.nextBoolean()
                        ? NODES.nullNode()
                        : NODES.booleanNode(random.nextBoolean());
            case 3:
                return NODES.numberNode(random.nextInt(2000) - 1000);
            case 4:
                return randomObject(random, depth);
            default:
                {
                    ArrayNode a = NODES.arrayNode();
                    int size = random.nextInt(depth <= 2 && random.nextBoolean() ? 14 : 4);
                    for (int i = 0; i < size; i++) {
                        a.add(randomValue(random, depth + 1));
                    }
                    return a;
                }
        }
    }

    /** A number node as the old writer made it from a double. */
    private static JsonNode number(Random random) {
        double[] special = {
            0.0, -0.0, 1e-9, 250.0, 1e15, 1e22, Double.NaN, 0.1 + 0.2, -420.0, 12345.67
        };
        double v =
                random.nextBoolean()
                        ? special[random.nextInt(special.length)]
                        : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12));
        if (!Double.isFinite(v)) {
            return NODES.nullNode();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return NODES.numberNode((long) v);
        }
        return NODES.numberNode(v);
    }

    // ---------------------------------------------------------------- the replaced tree printer,
    // as reference

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String reference(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        print(node, 0, sb);
        return sb.append('\n').toString();
    }

    private static void print(JsonNode node, int indent, StringBuilder sb) {
        String compact = compact(node);
        if (!node.isContainerNode() || node.isEmpty() || indent + compact.length() <= 100) {
            sb.append(compact);
            return;
        }
        String pad = "  ".repeat(indent / 2 + 1);
        String closePad = "  ".repeat(indent / 2);
        sb.append(node.isObject() ? "{\n" : "[\n");
        boolean first = true;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sb.append(first ? "" : ",\n")
                        .append(pad)
                        .append(scalar(NODES.textNode(e.getKey())))
                        .append(": ");
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
                sb.append(sb.length() > 1 ? ", " : "")
                        .append(scalar(NODES.textNode(e.getKey())))
                        .append(": ")
                        .append(compact(e.getValue()));
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
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
