package org.gridbazaar.solver.admm.transport;

/**
 * A peer's answer to one round of a market over time: per arc it is an end of, its copy of the
 * trade (kW, the flow from seller to buyer it wants at the announced price and consensus), and
 * whether its local problem was solved.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param round the round answered
 * @param peer the answering peer
 * @param arcs the market's index of each arc, in the order of the peer's {@link HorizonSpec#arcs()}
 * @param copies per arc, the peer's copy of the trade, kW, {@code >= 0}
 * @param converged whether the peer's local solver converged
 * @param shortfall in round 1 when it did not converge, the least total violation of the peer's
 *     rows within its bounds relative to their scale (0 when its block is feasible); else 0
 */
public record HorizonCopies(
        int version,
        int round,
        int peer,
        int[] arcs,
        double[] copies,
        boolean converged,
        double shortfall)
        implements NegotiationMessage {

    /** Checks the version and that every array has one entry per arc. */
    public HorizonCopies {
        NegotiationMessage.requireVersion(version, "horizon copies");
        sameLength("horizon copies", peer, arcs, copies);
    }

    static void sameLength(String what, int peer, int[] arcs, double[]... values) {
        if (peer < 0) {
            throw new IllegalArgumentException(what + ": peer must be >= 0, got " + peer);
        }
        for (double[] v : values) {
            if (v.length != arcs.length) {
                throw new IllegalArgumentException(
                        what
                                + " of peer "
                                + peer
                                + ": "
                                + arcs.length
                                + " arcs but "
                                + v.length
                                + " values in one array");
            }
        }
    }
}
