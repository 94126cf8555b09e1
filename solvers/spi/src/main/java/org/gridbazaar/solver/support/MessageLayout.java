package org.gridbazaar.solver.support;

/**
 * The check every versioned wire message makes on arrival (the distributed solvers' negotiation
 * messages, price coordination's messages): a receiver refuses a layout version other than its own,
 * so that two builds with different layouts never mix numbers silently.
 */
public final class MessageLayout {

    private MessageLayout() {}

    /**
     * Throws unless {@code version} is {@code supported}; {@code what} names the message in the
     * error.
     */
    public static void requireVersion(int version, int supported, String what) {
        if (version != supported) {
            throw new IllegalArgumentException(
                    what
                            + ": message version "
                            + version
                            + " is not supported (this build reads version "
                            + supported
                            + "); maybe run the same GridBazaar version on every node");
        }
    }
}
