package org.gridbazaar.solver.cluster.internal;

/**
 * Marks the messages that cross between actor systems; Pekko serializes every one of them with
 * {@link CborSerializer} (the binding is in this module's {@code reference.conf}), never with Java
 * serialization.
 */
public interface ClusterMessage {}
