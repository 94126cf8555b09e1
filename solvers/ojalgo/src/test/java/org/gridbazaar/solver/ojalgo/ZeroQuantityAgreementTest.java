package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.model.Market;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/**
 * Markets whose every peer bound is 0 kW (networks with line limits, heat): {@code ojalgo-qp} and
 * {@code structured-ipm} both answer {@code OPTIMAL} without trades and with the same cost (the
 * peers' constant terms, $), an independent check of the default solver on the markets whose
 * certificate once had no quantity scale. On seeds 6, 10 and 11 ojAlgo's solver ended in its state
 * {@code FAILED} ({@code NUMERICAL_ERROR}) while the fixed nodes were equality rows, which are
 * linearly dependent with the balance rows when every node is fixed.
 */
class ZeroQuantityAgreementTest {

    @Test
    void ojAlgoAndTheDefaultSolverAgreeOnMarketsWithEveryBoundZero() {
        for (long seed : new long[] {4, 6, 9, 10, 11, 12}) {
            Market m =
                    RandomMarkets.switchedOff(
                            RandomMarkets.generate(seed, RandomMarkets.Spec.full(8)));
            MarketResult reference =
                    MarketClearing.clear(m, new OjAlgoSolver(), SolverOptions.DEFAULTS);
            MarketResult structured =
                    MarketClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
            assertEquals(
                    Status.OPTIMAL,
                    reference.status(),
                    "seed " + seed + ": " + reference.message());
            assertEquals(
                    Status.OPTIMAL,
                    structured.status(),
                    "seed " + seed + ": " + structured.message());
            assertEquals(
                    reference.objective(),
                    structured.objective(),
                    1e-9 * Math.max(1, Math.abs(reference.objective())),
                    "seed " + seed);
            for (MarketResult r : new MarketResult[] {reference, structured}) {
                for (Trade t : r.trades()) {
                    assertEquals(0, t.quantity(), 1e-9, "seed " + seed + ": " + t);
                }
            }
        }
    }
}
