package org.gridbazaar.cli;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.UnsupportedProblemException;

/** A test solver, found through ServiceLoader, that supports nothing. */
public final class RefusingSolver implements MarketSolver {

    /** Its name for {@code --solver}. */
    public static final String NAME = "test-refuses-everything";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support supports(MarketProblem problem) {
        return Support.no("it is a test double that supports no market");
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        throw new UnsupportedProblemException(NAME, "it is a test double that supports no market");
    }
}
