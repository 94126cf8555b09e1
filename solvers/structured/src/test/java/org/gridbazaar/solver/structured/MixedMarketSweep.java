package org.gridbazaar.solver.structured;

import java.util.Locale;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;

/**
 * A sweep over {@link MixedMarkets} (not a test: minutes of CPU), printing one line per seed:
 * status, objective, iterations, residuals and time. Run with {@code java -cp ... MixedMarketSweep
 * FIRST_SEED LAST_SEED [PEERS_MIN PEERS_MAX]}; peers are drawn per seed in the range (default 150
 * to 300).
 */
final class MixedMarketSweep {

    private MixedMarketSweep() {}

    public static void main(String[] args) {
        long first = Long.parseLong(args[0]), last = Long.parseLong(args[1]);
        int lo = args.length > 2 ? Integer.parseInt(args[2]) : 150,
                hi = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        for (long seed = first; seed <= last; seed++) {
            int peers = lo + (int) Math.floorMod(seed * 7919, (long) (hi - lo + 1));
            Market m = MixedMarkets.generate(seed, peers);
            long t0 = System.nanoTime();
            MarketResult r =
                    MarketClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "seed %d peers %d %s objective %s iterations %d primal %.3g dual %.3g %.2fs%n",
                    seed,
                    m.peers().size(),
                    r.status(),
                    r.objectiveValue().isPresent()
                            ? String.format(Locale.ROOT, "%.6f", r.objective())
                            : "-",
                    r.solver().iterations(),
                    r.solver().primalResidual(),
                    r.solver().dualResidual(),
                    s);
        }
    }
}
