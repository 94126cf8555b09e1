package org.gridbazaar.benchmarks;

import java.util.List;
import java.util.Locale;

import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.ConsensusSolver;

/**
 * Prints the number of rounds the distributed solvers ({@code admm}, {@code consensus}) need to reach
 * a relative tolerance of 1e-4 on the {@link BenchmarkMarkets} markets of 14 and 100 peers, with the
 * adaptive penalty (residual balancing, the default) and with a fixed penalty {@code rho0 = 1}.
 * Iteration counts are deterministic, so this is a plain program rather than a JMH benchmark; the
 * wall time printed is a single run and only indicative.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.gridbazaar.benchmarks.AdmmIterations [peers...]}.
 */
public final class AdmmIterations {

    private AdmmIterations() {
    }

    /**
     * Runs the table.
     *
     * @param args peer counts (default 14 and 100)
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {14, 100} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        SolverOptions options = SolverOptions.DEFAULTS.withTolerance(1e-4).withMaxIterations(10_000).withTimeLimitSeconds(120);
        System.out.println("| peers | trades (arcs) | solver | rho | iterations | status | primal res. | dual res. | wall s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            Market market = BenchmarkMarkets.halfAndHalf(n, BenchmarkMarkets.SEED);
            int arcs = new P2PFormulation().formulate(market).problem().arcCount();
            for (boolean adaptive : new boolean[] {true, false}) {
                AdmmOptions tuning = AdmmOptions.DEFAULTS.withAdaptive(adaptive);
                for (MarketSolver s : List.<MarketSolver>of(new AdmmSolver(tuning), new ConsensusSolver(tuning))) {
                    long t0 = System.nanoTime();
                    MarketResult r = MarketClearing.clear(market, s, options);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "| %d | %d | %s | %s | %d | %s | %.2e | %.2e | %.2f |%n", n, arcs, s.name(),
                            adaptive ? "adaptive (rho0 1)" : "fixed 1", r.solver().iterations(), r.status(),
                            r.solver().primalResidual(), r.solver().dualResidual(), secs);
                }
            }
        }
    }
}
