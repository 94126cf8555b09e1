/**
 * Market architectures over one population ({@code org.gridbazaar.architecture}): pool, full
 * peer-to-peer, community, local peer-to-peer and hybrid markets, each a formulation over the same
 * {@link org.gridbazaar.community.CommunityMarket}; their centralized clearing through any {@link
 * org.gridbazaar.solver.MarketSolver}, a distributed clearing by price coordination among members
 * and managers, every participant's bill, and the comparison of the designs.
 */
module org.gridbazaar.architectures {
    requires transitive org.gridbazaar.model;
    requires transitive org.gridbazaar.solver.spi;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.cbor;

    exports org.gridbazaar.architecture;
    exports org.gridbazaar.architecture.coordination;

    // Jackson reads and writes the coordination messages (records) reflectively
    opens org.gridbazaar.architecture.coordination to
            com.fasterxml.jackson.databind;
}
