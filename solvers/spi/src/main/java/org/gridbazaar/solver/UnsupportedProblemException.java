package org.gridbazaar.solver;

/** A solver was asked to solve a problem it does not support; the message says why. */
public class UnsupportedProblemException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception for solver {@code solver} with the reason it gave. */
    public UnsupportedProblemException(String solver, String reason) {
        super("solver " + solver + " does not support this market: " + reason);
    }
}
