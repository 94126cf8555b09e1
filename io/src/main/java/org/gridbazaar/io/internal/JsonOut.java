package org.gridbazaar.io.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes JSON for the writers as a stream, straight to its target, through Jackson's {@link
 * JsonGenerator} and the {@link LayoutPrinter}: two-space indentation, {@code "key": value}, and an
 * object or array on one line whenever that fits in {@value #WIDTH} columns (so a peer's bounds and
 * cost, or a trade, read as in the specification's examples), else one member per line. Whole
 * numbers are written without a fraction and non-finite numbers as {@code null} (see {@link
 * #number(double)}).
 *
 * <p>Why streaming: a result of a 5,000-peer market holds millions of trades, and building it as
 * one tree or one string first ran out of memory. Only the container being decided is held back,
 * and only until its one-line form has passed {@value #WIDTH} characters, so memory stays bounded
 * by the line width times the nesting depth however large the document.
 *
 * <p>Use: {@code startObject()}, {@code field(name)} followed by a value or a container, {@code
 * end()}, then {@link #close()}, which checks every container was closed and ends the text with a
 * newline.
 */
public final class JsonOut implements Closeable {

    /** The column limit for writing an object or array on one line. */
    public static final int WIDTH = 100;

    private static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .build();

    private enum Kind {
        START_OBJECT,
        START_ARRAY,
        END,
        FIELD,
        STRING,
        NUMBER,
        BOOLEAN,
        NULL
    }

    /** One buffered event; {@code text} is the field name, the string, or the number's digits. */
    private record Token(Kind kind, String text) {}

    private static final Token START_OBJECT = new Token(Kind.START_OBJECT, null);
    private static final Token START_ARRAY = new Token(Kind.START_ARRAY, null);
    private static final Token END = new Token(Kind.END, null);
    private static final Token NULL = new Token(Kind.NULL, null);
    private static final Token TRUE = new Token(Kind.BOOLEAN, "true");
    private static final Token FALSE = new Token(Kind.BOOLEAN, "false");

    private final JsonGenerator gen;
    private final LayoutPrinter printer = new LayoutPrinter();

    /** Containers written to the generator and still open. */
    private int depth;

    /**
     * The tokens of the outermost container whose layout is not decided yet (empty when none): it
     * starts with that container's start token.
     */
    private final List<Token> pending = new ArrayList<>();

    /** Length of the pending tokens' one-line text. */
    private int pendingLength;

    /** The longest one-line text the pending container may have: {@code WIDTH - 2 * its depth}. */
    private int pendingLimit;

    /** For each container open in the pending tokens: whether it is an array. */
    private final List<Boolean> pendingArrays = new ArrayList<>();

    /** For each container open in the pending tokens: members or elements seen so far. */
    private final List<Integer> pendingCounts = new ArrayList<>();

    /** The last field name given, for messages. */
    private String lastField;

    private JsonOut(JsonGenerator gen) {
        this.gen = gen;
        gen.setPrettyPrinter(printer);
    }

    /** A writer of UTF-8 JSON to {@code out}, which it does not close. */
    public static JsonOut to(OutputStream out) {
        try {
            return new JsonOut(FACTORY.createGenerator(out, JsonEncoding.UTF8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer of JSON text to {@code out}, which it does not close. */
    public static JsonOut to(Writer out) {
        try {
            return new JsonOut(FACTORY.createGenerator(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an object (as a value, an array element or after {@link #field}). */
    public JsonOut startObject() {
        return handle(START_OBJECT);
    }

    /** Starts an array. */
    public JsonOut startArray() {
        return handle(START_ARRAY);
    }

    /** Ends the innermost open object or array. */
    public JsonOut end() {
        return handle(END);
    }

    /** The name of the next member of the open object. */
    public JsonOut field(String name) {
        lastField = name;
        return handle(new Token(Kind.FIELD, checked(name)));
    }

    /** A string value; {@code null} writes JSON {@code null}. */
    public JsonOut string(String s) {
        return handle(s == null ? NULL : new Token(Kind.STRING, checked(s)));
    }

    /**
     * {@code v} as a JSON number: whole numbers below 1e15 without a fraction (so {@code 3000}, not
     * {@code 3000.0}), others as {@link Double#toString(double)} writes them (the shortest decimal
     * that reads back to the same double, e.g. {@code 1.0E-9}), and {@code NaN} or infinities as
     * {@code null}. Negative zero keeps its sign ({@code -0.0}).
     */
    public JsonOut number(double v) {
        if (!Double.isFinite(v)) {
            return nullValue();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return handle(new Token(Kind.NUMBER, Long.toString((long) v)));
        }
        return handle(new Token(Kind.NUMBER, Double.toString(v)));
    }

    /** A whole number. */
    public JsonOut number(long v) {
        return handle(new Token(Kind.NUMBER, Long.toString(v)));
    }

    /** {@code true} or {@code false}. */
    public JsonOut bool(boolean v) {
        return handle(v ? TRUE : FALSE);
    }

    /** JSON {@code null}. */
    public JsonOut nullValue() {
        return handle(NULL);
    }

    /** Member {@code name} with string value {@code value}. */
    public JsonOut field(String name, String value) {
        return field(name).string(value);
    }

    /**
     * Member {@code name} with number value {@code value}, as {@link #number(double)} writes it.
     */
    public JsonOut field(String name, double value) {
        return field(name).number(value);
    }

    /**
     * Ends the document with a newline and flushes it to the target (which stays open).
     *
     * @throws IllegalStateException when an object or array is still open
     */
    @Override
    public void close() {
        if (depth != 0 || !pending.isEmpty()) {
            throw new IllegalStateException(
                    "JSON document closed with "
                            + (depth + pendingArrays.size())
                            + " containers open");
        }
        try {
            gen.writeRaw('\n');
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String checked(String s) {
        int at = Checker.loneSurrogate(s);
        if (at >= 0) {
            throw new IllegalArgumentException(
                    String.format(
                            java.util.Locale.ROOT,
                            "cannot write %s: it contains a lone UTF-16 surrogate (\\u%04X) at character %d, which no UTF-8 file can hold; "
                                    + "ids and names must be valid Unicode text",
                            s == lastField ? "field name" : "the value of \"" + lastField + "\"",
                            (int) s.charAt(at),
                            at + 1));
        }
        return s;
    }

    /**
     * Takes the next token: writes it, or holds it back while the layout of its container is open.
     */
    private JsonOut handle(Token t) {
        try {
            if (pending.isEmpty()) {
                if (t.kind() == Kind.START_OBJECT || t.kind() == Kind.START_ARRAY) {
                    pendingLimit = WIDTH - 2 * depth;
                    append(t);
                    if (pendingLength > pendingLimit) {
                        breakPending();
                    }
                } else {
                    emit(t, false);
                }
                return this;
            }
            append(t);
            if (pendingLength > pendingLimit) {
                breakPending();
            } else if (pendingArrays.isEmpty()) {
                // the pending container closed within the width: one line
                for (int i = 0; i < pending.size(); i++) {
                    emit(pending.get(i), i == 0);
                }
                clearPending();
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pending container is too long for one line: writes its start, one member per line, and
     * re-takes the rest.
     */
    private void breakPending() throws IOException {
        Token first = pending.get(0);
        List<Token> rest = new ArrayList<>(pending.subList(1, pending.size()));
        clearPending();
        emit(first, false);
        for (Token t : rest) {
            handle(t);
        }
    }

    private void clearPending() {
        pending.clear();
        pendingArrays.clear();
        pendingCounts.clear();
        pendingLength = 0;
    }

    /** Adds {@code t} to the pending tokens, with the length it adds to their one-line text. */
    private void append(Token t) {
        pending.add(t);
        int top = pendingArrays.size() - 1;
        switch (t.kind()) {
            case FIELD -> {
                pendingLength += (pendingCounts.get(top) > 0 ? 2 : 0) + quotedLength(t.text()) + 2;
                pendingCounts.set(top, pendingCounts.get(top) + 1);
            }
            case END -> {
                pendingLength += 1;
                pendingArrays.remove(top);
                pendingCounts.remove(top);
            }
            default -> {
                if (top >= 0 && pendingArrays.get(top)) {
                    pendingLength += pendingCounts.get(top) > 0 ? 2 : 0;
                    pendingCounts.set(top, pendingCounts.get(top) + 1);
                }
                switch (t.kind()) {
                    case START_OBJECT, START_ARRAY -> {
                        pendingLength += 1;
                        pendingArrays.add(t.kind() == Kind.START_ARRAY);
                        pendingCounts.add(0);
                    }
                    case STRING -> pendingLength += quotedLength(t.text());
                    case NUMBER, BOOLEAN -> pendingLength += t.text().length();
                    default -> pendingLength += 4; // null
                }
            }
        }
    }

    /**
     * Writes {@code t} to the generator; a container start opens on one line when {@code inline}.
     */
    private void emit(Token t, boolean inline) throws IOException {
        switch (t.kind()) {
            case START_OBJECT -> {
                printer.nextInline(inline);
                gen.writeStartObject();
                depth++;
            }
            case START_ARRAY -> {
                printer.nextInline(inline);
                gen.writeStartArray();
                depth++;
            }
            case END -> {
                if (gen.getOutputContext().inArray()) {
                    gen.writeEndArray();
                } else {
                    gen.writeEndObject();
                }
                depth--;
            }
            case FIELD -> gen.writeFieldName(t.text());
            case STRING -> gen.writeString(t.text());
            case NUMBER -> gen.writeNumber(t.text());
            case BOOLEAN -> gen.writeBoolean(t == TRUE);
            case NULL -> gen.writeNull();
        }
    }

    /**
     * The length of {@code s} as a JSON string, quotes and escapes included, as Jackson escapes it.
     */
    static int quotedLength(String s) {
        int n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f'
                    || c == '\r') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else {
                n += 1;
            }
        }
        return n;
    }
}
