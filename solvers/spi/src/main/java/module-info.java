/**
 * The solver SPI: {@code MarketSolver} (stateless, says what it supports and why not), options,
 * discovery by name through {@link java.util.ServiceLoader}, and {@code MarketClearing}, which
 * chains formulation, solver and result.
 */
module org.gridbazaar.solver.spi {
    requires transitive org.gridbazaar.formulations;
    exports org.gridbazaar.solver;
    exports org.gridbazaar.solver.study;
    uses org.gridbazaar.solver.MarketSolver;
}
