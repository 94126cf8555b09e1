package org.gridbazaar.solver.cluster.internal;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko's serializer for every {@link ClusterMessage}: CBOR by {@link CborCodec}, the class name as
 * the manifest. Bound in this module's {@code reference.conf}; its identifier is {@value
 * #IDENTIFIER}.
 */
public final class CborSerializer extends SerializerWithStringManifest {

    /** The serializer's identifier (Pekko reserves 0 to 40). */
    public static final int IDENTIFIER = 4711;

    private final ExtendedActorSystem system;
    private volatile CborCodec codec;

    /** Created by Pekko's serialization extension. */
    public CborSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    private CborCodec codec() {
        CborCodec c = codec;
        if (c == null) {
            // the resolver needs the typed system, which is not complete when serializers are
            // created
            c = new CborCodec(ActorRefResolver.get(Adapter.toTyped(system)));
            codec = c;
        }
        return c;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        return o.getClass().getName();
    }

    @Override
    public byte[] toBinary(Object o) {
        return codec().encode(o);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) {
        Class<?> type;
        try {
            type = Class.forName(manifest, false, CborSerializer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "unknown message type "
                            + manifest
                            + "; maybe the nodes run different GridBazaar versions",
                    e);
        }
        if (!ClusterMessage.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(
                    "refusing to decode " + manifest + ", which is not a cluster message");
        }
        return codec().decode(bytes, type);
    }
}
