package org.gridbazaar.model;

import java.util.Objects;

/**
 * The identifier of a peer, unique within a market (for example {@code "G20"} or {@code "C1"}).
 *
 * @param value the non-blank identifier text, without lone UTF-16 surrogates (text that is not
 *     Unicode cannot be written to a case or result file)
 */
public record PeerId(String value) implements Comparable<PeerId> {

    public PeerId {
        Objects.requireNonNull(value, "peer id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("peer id must not be blank");
        }
        String surrogate = Ids.surrogateProblem("peer id", value);
        if (surrogate != null) {
            throw new IllegalArgumentException(surrogate);
        }
    }

    /** Shorthand for {@code new PeerId(value)}. */
    public static PeerId of(String value) {
        return new PeerId(value);
    }

    /**
     * Equal ids have equal text. Written out (not the record's generated method): ids are hashed
     * millions of times while a case is read.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PeerId other && value.equals(other.value));
    }

    /** The hash code of the text. */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(PeerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
