package org.gridbazaar.solver.admm.transport;

/**
 * A value exchanged in a negotiation. Every message carries the version of its layout ({@link
 * #VERSION}); a receiver refuses any other, so that two builds with different layouts never mix
 * numbers silently.
 */
public sealed interface NegotiationMessage
        permits AgentSpec,
                RoundStart,
                Proposals,
                Inbox,
                PeerReport,
                HorizonSpec,
                HorizonPrices,
                HorizonCopies,
                HorizonCheck,
                HorizonCheckResult,
                HorizonReport {

    /** The layout version of every message of this package. */
    int VERSION = 1;

    /** The layout version this message was written with. */
    int version();

    /** Throws unless {@code version} is {@link #VERSION}; {@code what} names the message. */
    static void requireVersion(int version, String what) {
        org.gridbazaar.solver.support.MessageLayout.requireVersion(version, VERSION, what);
    }
}
