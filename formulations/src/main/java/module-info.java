/**
 * Formulations: turn a {@code Market} into a solver-neutral {@code MarketProblem} and map a {@code
 * ProblemSolution} back to a {@code MarketResult} keyed by peer ids.
 */
module org.gridbazaar.formulations {
    requires transitive org.gridbazaar.model;

    exports org.gridbazaar.formulation;
}
