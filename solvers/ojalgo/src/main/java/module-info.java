/**
 * The ojAlgo backend: a dense convex QP of the canonical market problem, solved by ojAlgo's
 * active-set {@code ConvexSolver}. For small and medium markets and as an independent reference;
 * large markets belong to the structured interior-point solver.
 */
module org.gridbazaar.solver.ojalgo {
    requires org.gridbazaar.solver.spi;
    requires ojalgo;
    exports org.gridbazaar.solver.ojalgo;
    provides org.gridbazaar.solver.MarketSolver with org.gridbazaar.solver.ojalgo.OjAlgoSolver;
}
