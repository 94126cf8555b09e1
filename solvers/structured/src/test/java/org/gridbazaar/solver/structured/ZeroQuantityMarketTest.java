package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.RandomMarkets;
import org.gridbazaar.testkit.ResultChecker;
import org.junit.jupiter.api.Test;

/**
 * Markets in which every peer's power bound is 0 kW (every peer switched off) are legitimate
 * markets: the only feasible point trades nothing, at the peers' constant costs. The default solver
 * must answer {@code OPTIMAL} with all-zero trades. With line limits (side constraints) the
 * single-period interior point ran 134 to 140 iterations on them before it stopped: the
 * certificate's quantity floor was {@code 1e-12 * Double.MIN_NORMAL} there (no set-point and no
 * traded volume to scale by), so dust of 1e-300 kW counted as undecided, as the price floor once
 * did on markets without costs.
 */
class ZeroQuantityMarketTest {

    /** Random markets with networks, line limits and heat whose zeroed bounds stay feasible. */
    static final long[] SEEDS = {4, 6, 9, 10, 11, 12};

    /** {@code m} with every peer's power and heat bounds set to 0 kW, costs kept. */
    static Market switchedOff(Market m) {
        return RandomMarkets.switchedOff(m);
    }

    static Market switchedOff(long seed) {
        return switchedOff(RandomMarkets.generate(seed, RandomMarkets.Spec.full(8)));
    }

    /** The market's cost with every set-point at 0 kW: the constant terms, $. */
    static double idleCost(Market m) {
        double s = 0;
        for (Peer p : m.peers()) {
            s += p.power().cost().value(0) + (p.heat() == null ? 0 : p.heat().cost().value(0));
        }
        return s;
    }

    @Test
    void singlePeriodMarketsWithEveryBoundZeroAreOptimalWithoutTradesInFewIterations() {
        for (long seed : SEEDS) {
            Market m = switchedOff(seed);
            MarketResult r =
                    MarketClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, r.status(), "seed " + seed + ": " + r.message());
            assertEquals(idleCost(m), r.objective(), 1e-9, "seed " + seed);
            for (Trade t : r.trades()) {
                assertEquals(0, t.quantity(), 1e-9, "seed " + seed + ": " + t);
            }
            ResultChecker.assertConsistent(m, r, 1e-6);
            assertTrue(
                    r.solver().iterations() <= 20,
                    "seed " + seed + ": " + r.solver().iterations() + " iterations");
        }
    }

    @Test
    void aHorizonWithEveryBoundZeroIsOptimalWithoutTrades() {
        MultiPeriodMarket day = MultiPeriodMarket.repeated(switchedOff(4), Horizon.hourly(3));
        MultiPeriodResult r =
                MultiPeriodClearing.clear(day, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(3 * idleCost(switchedOff(4)), r.objective(), 1e-9);
        MultiPeriodChecks.assertConsistent(day, r, 1e-6);
    }
}
