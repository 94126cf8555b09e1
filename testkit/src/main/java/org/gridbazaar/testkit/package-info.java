/**
 * Test kit: {@link org.gridbazaar.testkit.KktChecker} (optimality conditions of the canonical form,
 * with the dual sign convention of {@code org.gridbazaar.formulation}), {@link
 * org.gridbazaar.testkit.ResultChecker} (roles, trading rules, balance and prices of a {@code
 * MarketResult}), {@link org.gridbazaar.testkit.RandomMarkets} (seeded valid markets) and {@link
 * org.gridbazaar.testkit.SolverContract} (the conformance suite of every solver).
 *
 * <p>Tolerances are relative: primal quantities (kW) are compared against {@code tol *
 * MarketProblem.injectionScale()}, prices ($/kW) against {@code tol} times the problem's price
 * scale (the largest of 1, {@code |b_k|}, {@code a_k * injectionScale} and {@code |w_t|}).
 */
package org.gridbazaar.testkit;
