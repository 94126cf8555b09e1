/**
 * The GridBazaar market model: peers, trading rules, preferences, the radial network and its
 * penalties ({@code org.gridbazaar.model}), radial-feeder computations ({@code
 * org.gridbazaar.grid}) and solver-neutral clearing results ({@code org.gridbazaar.result}).
 */
module org.gridbazaar.model {
    exports org.gridbazaar.model;
    exports org.gridbazaar.grid;
    exports org.gridbazaar.result;
    exports org.gridbazaar.horizon;
    exports org.gridbazaar.community;
}
