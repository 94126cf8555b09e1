package org.gridbazaar.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The resistance-based loss penalty (seed eq. 12.11–12.14): peer {@code i} pays {@code alpha_i *
 * R_ij * |P_ij|} $ on each power trade, where {@code R_ij} (ohm) is the total resistance of the
 * lines on the path between the buses of {@code i} and {@code j}.
 *
 * @param alpha default {@code alpha} in $/(kW*ohm), {@code >= 0}
 * @param perPeer per-peer values replacing the default for those peers
 */
public record ResistancePenalty(double alpha, Map<PeerId, Double> perPeer) {

    public ResistancePenalty {
        perPeer = Map.copyOf(Objects.requireNonNull(perPeer, "perPeer"));
    }

    /** The same {@code alpha} for every peer. */
    public static ResistancePenalty uniform(double alpha) {
        return new ResistancePenalty(alpha, Map.of());
    }

    /** {@code alpha_i} of a peer. */
    public double alphaOf(PeerId peer) {
        return perPeer.getOrDefault(peer, alpha);
    }

    /** Per-peer values in id order, for deterministic output. */
    public Map<PeerId, Double> sortedPerPeer() {
        return new TreeMap<>(perPeer);
    }
}
