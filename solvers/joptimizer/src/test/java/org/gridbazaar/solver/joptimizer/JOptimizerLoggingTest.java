package org.gridbazaar.solver.joptimizer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.HardMarkets;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/**
 * JOptimizer writes nothing to stderr unless the application asks for its logs. The module's test
 * logging configuration leaves {@code com.joptimizer} unconfigured, as a library user's would.
 */
class JOptimizerLoggingTest {

    @Test
    void nothingReachesStderrWhenTheApplicationLeavesJOptimizersLoggerAlone() {
        // what an application without a logging configuration has: a console handler on stderr at
        // INFO on the root logger (created here so that it writes to the captured stream)
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Logger root = Logger.getLogger("");
        Handler console;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            console = new ConsoleHandler();
            console.setLevel(Level.INFO);
            root.addHandler(console);
            try {
                // JOptimizer's own phase one (1e15 kW bound: no strictly feasible start is routed)
                // and a limit it is stopped at both made it log at INFO and above
                JOptimizerSolver solver = new JOptimizerSolver();
                MarketProblem huge =
                        new org.gridbazaar.formulation.P2PFormulation()
                                .formulate(HardMarkets.hugeSlackBound().market())
                                .problem();
                solver.solve(huge, SolverOptions.DEFAULTS);
                solver.solve(
                        JOptimizerSolverTest.problem(8, RandomMarkets.Spec.basic(12)),
                        SolverOptions.DEFAULTS.withMaxIterations(2));
                console.flush();
            } finally {
                root.removeHandler(console);
            }
        } finally {
            System.setErr(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.isEmpty(), "stderr: " + out.lines().limit(5).toList());
        assertFalse(
                Logger.getLogger(JOptimizerSolver.LOGGER).isLoggable(Level.SEVERE),
                "the logger com.joptimizer is off by default");
    }
}
