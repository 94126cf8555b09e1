package org.gridbazaar.solver.admm.transport;

/**
 * A peer's part of a certificate of a market over time, computed from its own data only: its
 * cheapest private variables given its set-points in the candidate point, how far its bounds and
 * rows are from holding there, and its own term of the weak-duality bound (the least value its own
 * problem can take at the prices).
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round the round of the {@link HorizonCheck} answered
 * @param peer the answering peer
 * @param privateValues per own private variable (order of {@link HorizonSpec#variables()}), kW or
 *     kWh
 * @param violation the largest violation of its bounds and rows at the candidate, relative to their
 *     scale (each at least 1)
 * @param lowerBound its term of the lower bound on the market's optimum, $ (constants included;
 *     {@code -inf} when its own problem is unbounded at the prices)
 */
public record HorizonCheckResult(
        int version,
        int round,
        int peer,
        double[] privateValues,
        double violation,
        double lowerBound)
        implements NegotiationMessage {

    /** Checks the version. */
    public HorizonCheckResult {
        NegotiationMessage.requireVersion(version, "horizon check result");
        if (peer < 0) {
            throw new IllegalArgumentException(
                    "horizon check result: peer must be >= 0, got " + peer);
        }
    }
}
