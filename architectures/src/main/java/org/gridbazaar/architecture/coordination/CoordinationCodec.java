package org.gridbazaar.architecture.coordination;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire form of coordination messages: CBOR (RFC 8949) by Jackson, records by their component
 * names, doubles as 8-byte IEEE values (so every number arrives bit for bit); unknown fields fail.
 * The same encoding as the cluster's codec, so {@link #size} is what a message costs on the wire
 * before the transport's own envelope. Thread-safe.
 */
public final class CoordinationCodec {

    private static final ObjectMapper MAPPER =
            CBORMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private CoordinationCodec() {}

    /** The CBOR bytes of {@code message}. */
    public static byte[] encode(CoordinationMessage message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode " + message.getClass().getSimpleName() + " as CBOR", e);
        }
    }

    /** The size of {@code message}'s CBOR encoding, bytes. */
    public static int size(CoordinationMessage message) {
        return encode(message).length;
    }

    /** The message of type {@code type} in {@code bytes}. */
    public static <T extends CoordinationMessage> T decode(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot decode a "
                            + type.getSimpleName()
                            + " from "
                            + bytes.length
                            + " bytes of CBOR",
                    e);
        }
    }
}
