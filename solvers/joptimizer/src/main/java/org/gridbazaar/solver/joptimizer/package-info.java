/**
 * The {@code joptimizer} solver, {@link org.gridbazaar.solver.joptimizer.JOptimizerSolver}: a
 * generic interior-point QP backend for small markets. Node prices follow the sign convention of
 * {@code org.gridbazaar.formulation} ({@code y_k = a_k x_k + b_k} in $/kW strictly inside the
 * bounds) and are recovered from the optimality conditions, since JOptimizer returns no
 * multipliers.
 *
 * <p>JOptimizer (com.joptimizer:joptimizer 5.0.0) is licensed under Creative Commons
 * Attribution-NoDerivatives 4.0; it is used unmodified, as a dependency. This module excludes the
 * log4j 1.2.17 it declares: JOptimizer logs through commons-logging only, which then writes to
 * {@code java.util.logging}, where the solver turns the logger {@code com.joptimizer} off unless
 * the application configured it (see {@link org.gridbazaar.solver.joptimizer.JOptimizerSolver}).
 */
package org.gridbazaar.solver.joptimizer;
