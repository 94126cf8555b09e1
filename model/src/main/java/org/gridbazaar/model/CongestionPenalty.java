package org.gridbazaar.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The congestion penalty (seed eq. 12.15–12.18): peer {@code i} pays {@code beta_i * theta_ij *
 * |P_ij|} $ on each power trade, where {@code theta_ij} is 1 when the path between the buses of
 * {@code i} and {@code j} contains at least one penalized line, else 0.
 *
 * @param beta default {@code beta} in $/kW, {@code >= 0}
 * @param autoLines when true the penalized lines are those over capacity in the solution without
 *     this penalty (everything else kept); {@code lines} is then empty
 * @param lines the penalized line ids, when not automatic
 * @param perPeer per-peer values replacing the default for those peers
 */
public record CongestionPenalty(
        double beta, boolean autoLines, List<String> lines, Map<PeerId, Double> perPeer) {

    public CongestionPenalty {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        perPeer = Map.copyOf(Objects.requireNonNull(perPeer, "perPeer"));
        if (autoLines && !lines.isEmpty()) {
            throw new IllegalArgumentException(
                    "congestion penalty: lines are either automatic or listed, not both");
        }
    }

    /** A penalty of {@code beta} on the listed lines. */
    public static CongestionPenalty onLines(double beta, List<String> lines) {
        return new CongestionPenalty(beta, false, lines, Map.of());
    }

    /** A penalty of {@code beta} on the lines found congested without it. */
    public static CongestionPenalty auto(double beta) {
        return new CongestionPenalty(beta, true, List.of(), Map.of());
    }

    /** {@code beta_i} of a peer. */
    public double betaOf(PeerId peer) {
        return perPeer.getOrDefault(peer, beta);
    }

    /** Per-peer values in id order, for deterministic output. */
    public Map<PeerId, Double> sortedPerPeer() {
        return new TreeMap<>(perPeer);
    }

    /** This penalty applied to the given lines (used once {@code auto} lines are known). */
    public CongestionPenalty withLines(List<String> resolved) {
        return new CongestionPenalty(beta, false, resolved, perPeer);
    }
}
