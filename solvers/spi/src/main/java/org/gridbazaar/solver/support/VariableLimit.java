package org.gridbazaar.solver.support;

import java.util.Optional;
import org.gridbazaar.formulation.MarketProblem;

/**
 * A size limit for backends that form dense matrices over all variables, whose time grows quickly
 * with their number: at most {@code maxVariables} variables, counted as the problem's nodes (one
 * net injection each, kW) plus its arcs (one flow each, kW). Immutable.
 *
 * @param maxVariables the most nodes plus arcs accepted, {@code >= 1}
 */
public record VariableLimit(int maxVariables) {

    /**
     * @throws IllegalArgumentException if {@code maxVariables < 1}
     */
    public VariableLimit {
        if (maxVariables < 1) {
            throw new IllegalArgumentException("maxVariables must be >= 1, got " + maxVariables);
        }
    }

    /** Whether {@code problem} has at most {@link #maxVariables()} nodes plus arcs. */
    public boolean admits(MarketProblem problem) {
        return problem.nodeCount() + problem.arcCount() <= maxVariables;
    }

    /**
     * Why {@code problem} is too large, for {@code MarketSolver.Support.no} (the backend adds its
     * own reason and advice), or empty when it {@linkplain #admits fits}: for example {@code "40
     * nodes + 2000 arcs = 2040 variables is above this solver's limit of 2000"}.
     */
    public Optional<String> exceededBy(MarketProblem problem) {
        if (admits(problem)) {
            return Optional.empty();
        }
        int nv = problem.nodeCount() + problem.arcCount();
        return Optional.of(
                problem.nodeCount()
                        + " nodes + "
                        + problem.arcCount()
                        + " arcs = "
                        + nv
                        + " variables is above this solver's limit of "
                        + maxVariables);
    }

    /**
     * Like {@link #exceededBy} for a problem with peer blocks, counting its private variables too
     * (storage charge, discharge and energy, device power): for example {@code "40 nodes + 2000
     * arcs + 30 private variables = 2070 variables is above this solver's limit of 2000"}.
     */
    public Optional<String> exceededWithPrivateVariablesBy(MarketProblem problem) {
        int nv = problem.nodeCount() + problem.arcCount() + problem.variableCount();
        if (nv <= maxVariables) {
            return Optional.empty();
        }
        return Optional.of(
                problem.nodeCount()
                        + " nodes + "
                        + problem.arcCount()
                        + " arcs + "
                        + problem.variableCount()
                        + " private variables = "
                        + nv
                        + " variables is above this solver's limit of "
                        + maxVariables);
    }
}
