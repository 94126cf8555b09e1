/**
 * Reading and writing GridBazaar case files ({@code p2p-market-case/1}, and {@code
 * p2p-market-case/2} for markets over time) and result files ({@code p2p-market-result/1} and
 * {@code /2}), as specified in the project's case-format specifications ({@code case-format.md},
 * {@code case-format-v2.md}): a strict reader that reports every problem at once with its JSON
 * path, and writers whose output the readers accept.
 */
module org.gridbazaar.io {
    requires transitive org.gridbazaar.model;
    requires com.fasterxml.jackson.databind;

    exports org.gridbazaar.io;
    // the command line replaces its plot files the way the writers replace results
    exports org.gridbazaar.io.internal to
            org.gridbazaar.cli;
}
