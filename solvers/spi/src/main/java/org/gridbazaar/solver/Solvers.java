package org.gridbazaar.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds solvers on the class path or module path through {@link ServiceLoader}. No global registry:
 * every call loads afresh, and solvers can always be passed in explicitly instead.
 */
public final class Solvers {

    /** The name of the default solver, used when it is present. */
    public static final String DEFAULT = "structured-ipm";

    private Solvers() {}

    /** Every solver found, in discovery order. */
    public static List<MarketSolver> available() {
        List<MarketSolver> out = new ArrayList<>();
        ServiceLoader.load(MarketSolver.class, Solvers.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /** The solver called {@code name}, if present. */
    public static Optional<MarketSolver> byName(String name) {
        return available().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The solver called {@code name}.
     *
     * @throws IllegalArgumentException listing the names that are available
     */
    public static MarketSolver require(String name) {
        return byName(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no solver named "
                                                + name
                                                + "; available: "
                                                + available().stream()
                                                        .map(MarketSolver::name)
                                                        .toList()));
    }

    /** The default solver ({@value #DEFAULT}), or the first one found. */
    public static MarketSolver defaultSolver() {
        return byName(DEFAULT)
                .or(() -> available().stream().findFirst())
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no MarketSolver found; add gridbazaar-solver-structured to the class path"));
    }
}
