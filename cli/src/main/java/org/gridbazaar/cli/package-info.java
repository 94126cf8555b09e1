/**
 * The {@code gridbazaar} command line: {@code solve}, {@code study}, {@code validate} and {@code
 * solvers}.
 *
 * <p>Exit codes: 0 when a result was written (whatever its status) or the command succeeded; 2 for
 * invalid input (unreadable or invalid case, unknown solver, bad option values, a market the solver
 * does not support, an output path whose directory is missing, or the case file given as an
 * output), with every problem on stderr and no result file written; 1 for internal errors,
 * including "no solver on the class path". Output paths are checked before any solving, and every
 * file is replaced all at once (see {@link org.gridbazaar.cli.internal.OutputFiles}).
 */
package org.gridbazaar.cli;
