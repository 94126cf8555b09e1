package org.gridbazaar.architecture.coordination;

/**
 * A value exchanged in price coordination. Every message carries the version of its layout ({@link
 * #VERSION}); a receiver refuses any other, so that two builds with different layouts never mix
 * numbers silently.
 */
public sealed interface CoordinationMessage
        permits MemberSpec, PriceAnnouncement, MemberAnswer, SharedSums, Settlement, SetPoint {

    /** The layout version of every message of this package. */
    int VERSION = 1;

    /** The layout version this message was written with. */
    int version();

    /** Throws unless {@code version} is {@link #VERSION}; {@code what} names the message. */
    static void requireVersion(int version, String what) {
        org.gridbazaar.solver.support.MessageLayout.requireVersion(version, VERSION, what);
    }

    /** Throws unless {@code id} is a non-blank id; {@code what} names the message and field. */
    static String requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank id, got " + id);
        }
        return id;
    }
}
