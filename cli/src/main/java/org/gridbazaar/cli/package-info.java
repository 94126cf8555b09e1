/**
 * The {@code gridbazaar} command line: {@code solve}, {@code validate} and {@code solvers}.
 *
 * <p>Exit codes: 0 when a result was written (whatever its status) or the command succeeded;
 * 2 for invalid input (unreadable or invalid case, unknown solver, bad option values, a market the
 * solver does not support), with every problem on stderr and no result file written; 1 for
 * internal errors, including "no solver on the class path".
 */
package org.gridbazaar.cli;
