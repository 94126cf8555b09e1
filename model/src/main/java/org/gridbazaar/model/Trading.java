package org.gridbazaar.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which pairs of peers may trade (the sets {@code mu_i} of seed eq. 12.1). Heat trades use the same
 * pairs, where both peers have heat.
 */
public sealed interface Trading permits Trading.OppositeRoles, Trading.Pairs {

    /** Every pair that can trade at all: producer–consumer, and a prosumer with anyone. */
    static Trading oppositeRoles() {
        return OppositeRoles.INSTANCE;
    }

    /** Only the listed unordered pairs. */
    static Trading pairs(List<PeerPair> pairs) {
        return new Pairs(pairs);
    }

    /** Every pair that can trade at all: producer–consumer, and a prosumer with anyone. */
    enum OppositeRoles implements Trading {
        /** The single instance. */
        INSTANCE
    }

    /**
     * Only the listed pairs may trade; the order of the list is kept for reporting.
     *
     * @param pairs the allowed unordered pairs
     */
    record Pairs(List<PeerPair> pairs) implements Trading {
        public Pairs {
            pairs = List.copyOf(pairs);
        }

        /** The pairs as a set (duplicates, if any, collapse). */
        public Set<PeerPair> asSet() {
            return new LinkedHashSet<>(pairs);
        }
    }
}
