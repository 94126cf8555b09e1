package org.gridbazaar.solver.admm.transport;

/**
 * What the platform announces for one round: its number and the step sizes every agent uses.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round 1-based round number
 * @param multiplier the factor on every agent's own base penalty this round (market-wide residual
 *     balancing), {@code > 0}
 * @param adaptChannels whether the two ends of every channel rebalance that channel's penalty
 *     factor this round
 */
public record RoundStart(int version, int round, double multiplier, boolean adaptChannels)
        implements NegotiationMessage {

    /** Checks the version, the round number and the multiplier. */
    public RoundStart {
        NegotiationMessage.requireVersion(version, "round start");
        if (round < 1) {
            throw new IllegalArgumentException("round start: round must be >= 1, got " + round);
        }
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException(
                    "round start: multiplier must be positive and finite, got " + multiplier);
        }
    }

    /** A round start of the current version. */
    public static RoundStart of(int round, double multiplier, boolean adaptChannels) {
        return new RoundStart(VERSION, round, multiplier, adaptChannels);
    }
}
