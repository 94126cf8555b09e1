package org.gridbazaar.solver.cluster.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Encodes messages as CBOR (RFC 8949) with Jackson: records by their component names, doubles as
 * 8-byte IEEE values (so every number arrives bit for bit), actor references as their serialized
 * path when an {@link ActorRefResolver} is given. Unknown fields fail, so a layout mismatch is
 * never read silently.
 */
public final class CborCodec {

    private final ObjectMapper mapper;

    /** A codec for messages without actor references. */
    public CborCodec() {
        this(null);
    }

    /**
     * A codec that writes and reads actor references through {@code resolver} (or refuses them if
     * {@code null}).
     */
    public CborCodec(ActorRefResolver resolver) {
        CBORMapper m =
                CBORMapper.builder()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build();
        if (resolver != null) {
            SimpleModule refs = new SimpleModule("gridbazaar-actor-refs");
            refs.addSerializer(
                    refClass(),
                    new JsonSerializer<ActorRef<?>>() {
                        @Override
                        public void serialize(
                                ActorRef<?> value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(resolver.toSerializationFormat(value));
                        }
                    });
            refs.addDeserializer(
                    refClass(),
                    new JsonDeserializer<ActorRef<?>>() {
                        @Override
                        public ActorRef<?> deserialize(JsonParser p, DeserializationContext ctxt)
                                throws IOException {
                            return resolver.resolveActorRef(p.getValueAsString());
                        }
                    });
            m.registerModule(refs);
        }
        mapper = m;
    }

    @SuppressWarnings("unchecked")
    private static Class<ActorRef<?>> refClass() {
        return (Class<ActorRef<?>>) (Class<?>) ActorRef.class;
    }

    /** The CBOR bytes of {@code message}. */
    public byte[] encode(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode " + message.getClass().getSimpleName() + " as CBOR", e);
        }
    }

    /** The message of type {@code type} in {@code bytes}. */
    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
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
