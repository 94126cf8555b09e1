package org.gridbazaar.model;

import java.util.List;

/**
 * A market that breaks the model's rules. Carries every violation found, one message each, naming
 * the peer, line, bus or field and the values involved; nothing was built.
 */
public class InvalidMarketException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The violations, in the order found. */
    private final List<String> violations;

    /** An exception listing {@code violations} (at least one). */
    public InvalidMarketException(List<String> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every violation found, one line each. */
    public List<String> violations() {
        return violations;
    }

    private static String message(List<String> violations) {
        return violations.size() == 1
                ? "invalid market: " + violations.get(0)
                : "invalid market, "
                        + violations.size()
                        + " problems:\n  "
                        + String.join("\n  ", violations);
    }
}
