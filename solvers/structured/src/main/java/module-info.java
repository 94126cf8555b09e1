/**
 * The default centralized solver: a primal-dual interior-point method that exploits the market's
 * flow structure, with an exact max-flow feasibility check and a crossover to a sparse flow.
 */
module org.gridbazaar.solver.structured {
    requires org.gridbazaar.solver.spi;

    exports org.gridbazaar.solver.structured;

    provides org.gridbazaar.solver.MarketSolver with
            org.gridbazaar.solver.structured.StructuredIpmSolver;
}
