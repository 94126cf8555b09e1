package org.gridbazaar.io;

import java.util.List;

/**
 * A case or result file that breaks the file format or describes an invalid market. Carries every
 * problem found, one line each: format problems start with the JSON path of the offending value
 * ({@code $.peers[3].power.min: expected a number, got string "5"}), syntax problems with the line
 * and column, and market-rule violations name the peer, line or bus. Nothing was built.
 */
public class CaseFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Where the text came from (a file name), for the message. */
    private final String sourceName;

    /** The problems, in the order found. */
    private final List<String> problems;

    /**
     * An exception for the text from {@code sourceName} listing {@code problems} (at least one).
     *
     * @param sourceName where the text came from, e.g. the file name
     * @param problems every problem found, one line each
     */
    public CaseFormatException(String sourceName, List<String> problems) {
        super(message(sourceName, problems));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    /** Where the text came from, as given to the reader. */
    public String sourceName() {
        return sourceName;
    }

    /** Every problem found, one line each, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String sourceName, List<String> problems) {
        return problems.size() == 1
                ? sourceName + ": " + problems.get(0)
                : sourceName
                        + ": "
                        + problems.size()
                        + " problems:\n  "
                        + String.join("\n  ", problems);
    }
}
