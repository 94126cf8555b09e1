/**
 * Test support shared by every solver module: a KKT checker for {@code MarketProblem} solutions, a
 * result checker for {@code MarketResult}s, seeded random markets, and the abstract {@code
 * SolverContract} conformance suite that every backend's tests extend.
 */
module org.gridbazaar.testkit {
    requires transitive org.gridbazaar.solver.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;

    exports org.gridbazaar.testkit;

    // JUnit discovers and invokes the contract's inherited test methods reflectively
    opens org.gridbazaar.testkit to
            org.junit.platform.commons;
}
