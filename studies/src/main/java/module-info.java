/**
 * Grid studies over a market, in the shape of the seed chapter's case study: the pool baseline,
 * losses against the resistance penalty and congestion management. They run any {@code
 * MarketSolver}; they are not part of the solver SPI.
 */
module org.gridbazaar.studies {
    requires transitive org.gridbazaar.solver.spi;

    exports org.gridbazaar.study;
}
