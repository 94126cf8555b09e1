package org.gridbazaar.model;

import java.util.Objects;

/**
 * An unordered pair of distinct peers allowed to trade. Equality ignores order.
 *
 * @param first one peer
 * @param second the other peer
 */
public record PeerPair(PeerId first, PeerId second) {

    public PeerPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    /** The pair {@code {a, b}}. */
    public static PeerPair of(String a, String b) {
        return new PeerPair(PeerId.of(a), PeerId.of(b));
    }

    /** The same pair with its members in sorted order (the canonical form used for equality). */
    public PeerPair normalized() {
        return first.compareTo(second) <= 0 ? this : new PeerPair(second, first);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PeerPair other)) {
            return false;
        }
        return (first.equals(other.first) && second.equals(other.second))
                || (first.equals(other.second) && second.equals(other.first));
    }

    @Override
    public int hashCode() {
        return first.hashCode() ^ second.hashCode();
    }

    @Override
    public String toString() {
        return "[" + first + ", " + second + "]";
    }
}
