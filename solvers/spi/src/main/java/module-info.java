/**
 * The solver SPI: {@code MarketSolver} (stateless, says what it supports and why not), options,
 * discovery by name through {@link java.util.ServiceLoader}, and {@code MarketClearing}, which
 * chains formulation, solver and result; {@code org.gridbazaar.solver.support}: building blocks for
 * solver implementers (maximum flow, flow routing, price recovery, KKT residuals).
 */
module org.gridbazaar.solver.spi {
    requires transitive org.gridbazaar.formulations;

    exports org.gridbazaar.solver;
    exports org.gridbazaar.solver.support;

    uses org.gridbazaar.solver.MarketSolver;
}
