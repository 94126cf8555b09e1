/**
 * Distributed solvers (ADMM and consensus + innovation): each peer solves its own problem and
 * negotiates bilateral trades and prices with its partners.
 */
module org.gridbazaar.solver.admm {
    requires org.gridbazaar.solver.spi;

    exports org.gridbazaar.solver.admm;
    exports org.gridbazaar.solver.admm.transport;

    provides org.gridbazaar.solver.MarketSolver with
            org.gridbazaar.solver.admm.AdmmSolver,
            org.gridbazaar.solver.admm.ConsensusSolver;
}
