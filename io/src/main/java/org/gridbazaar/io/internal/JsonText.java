package org.gridbazaar.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * Parses JSON text strictly: standard JSON only (no comments, no NaN or Infinity, no trailing
 * commas, no single quotes), duplicate keys rejected, nothing after the root value. A syntax error
 * becomes a single problem naming the line, column and the JSON path reached.
 */
public final class JsonText {

    /**
     * The strict mapper, built on first use: building an {@link ObjectMapper} loads much of
     * databind, a good part of a second in a fresh JVM, which a streamed read never needs.
     */
    private static final class Strict {
        static final ObjectMapper MAPPER =
                JsonMapper.builder(
                                JsonFactory.builder()
                                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                                        .build())
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .build();
    }

    /**
     * The factory of streaming parsers: jackson-core alone, and without the parser's duplicate
     * detection (which builds a set for every object of three or more keys), since a streaming
     * reader knows each object's keys and tells a repeated one itself.
     */
    private static final class Streaming {
        static final JsonFactory FACTORY =
                JsonFactory.builder()
                        .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                        .build();
    }

    private JsonText() {}

    /** The shared, strictly configured mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return Strict.MAPPER;
    }

    /**
     * A streaming parser over {@code text} (a byte order mark already removed) for a reader that
     * falls back to {@link #parse} on anything unusual: standard JSON only (a syntax error, NaN or
     * Infinity throws), but <em>no</em> duplicate-key detection, so the caller must tell repeated
     * keys itself, and no codec (no subtrees). Trailing tokens are the caller's to check.
     */
    public static JsonParser streamingParser(String text) throws java.io.IOException {
        return Streaming.FACTORY.createParser(text);
    }

    /**
     * The root value of {@code json}.
     *
     * @throws org.gridbazaar.io.CaseFormatException on a syntax error, a duplicate key or empty
     *     text
     */
    public static JsonNode parse(String json, String sourceName) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        if (text.isBlank()) {
            throw new org.gridbazaar.io.CaseFormatException(
                    sourceName, List.of("$: empty file, expected a JSON object"));
        }
        try {
            return Strict.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new org.gridbazaar.io.CaseFormatException(sourceName, List.of(describe(e)));
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String path = "$";
        if (e.getProcessor() instanceof JsonParser p) {
            path = path(p.getParsingContext());
        }
        JsonLocation loc = e.getLocation();
        String where =
                loc == null
                        ? ""
                        : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        if (message != null && message.startsWith("Duplicate field '")) {
            String key = message.substring("Duplicate field '".length(), message.length() - 1);
            String suffix = Paths.field("", key);
            if (path.endsWith(suffix)) {
                path = path.substring(0, path.length() - suffix.length());
            }
            return path
                    + ": duplicate key \""
                    + key
                    + "\""
                    + where
                    + "; each key may appear once in an object";
        }
        if (message != null && message.startsWith("Non-standard token")) {
            return path
                    + ": malformed JSON"
                    + where
                    + ": "
                    + message.replaceAll(":.*", "")
                    + "; NaN and Infinity are not allowed, numbers must be finite";
        }
        String first =
                message == null ? "unreadable JSON" : message.lines().findFirst().orElse(message);
        return path + ": malformed JSON" + where + ": " + first;
    }

    /**
     * The JSONPath-like location ({@code $.peers[3].power}) of the value a parser context is in.
     */
    static String path(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject()) {
                String name = c.getCurrentName();
                parts.push(name == null ? "" : Paths.field("", name));
            }
        }
        sb.append('$');
        parts.forEach(sb::append);
        return sb.toString();
    }
}
