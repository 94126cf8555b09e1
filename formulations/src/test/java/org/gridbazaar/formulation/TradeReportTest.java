package org.gridbazaar.formulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;

/** Which trades a result reports: the cut is relative to the two peers' own reach. */
class TradeReportTest {

    private static MarketResult clearedAt(Market m, double flow) {
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        MarketProblem p = fm.problem();
        double[] f = new double[p.arcCount()];
        int[] tail = p.tail();
        for (int t = 0; t < f.length; t++) {
            if (tail[t] == fm.powerNode(0)) {
                f[t] = flow;
            }
        }
        double[] x = p.injections(f);
        double[] y = new double[p.nodeCount()];
        return fm.result(
                ProblemSolution.of(
                        Status.OPTIMAL, x, f, y, null, "hand", 1, 0, 0, 0, 0, List.of(), ""));
    }

    @Test
    void aHugeSlackBoundDoesNotHideTheTrades() {
        // 1e-9 of the market's largest bound would be 1e6 kW: every trade below it used to vanish
        Market m =
                Market.builder("huge")
                        .producer("G", 0, 1e15, QuadraticCost.of(0.02, 20, 0))
                        .consumer("C", -1000, 0, QuadraticCost.of(0.04, 60, 0))
                        .build();
        MarketResult r = clearedAt(m, 666.67);
        assertEquals(1, r.trades().size());
        assertEquals(666.67, r.traded("G", "C"), 1e-9);
    }

    @Test
    void aTradeBelowTheToleranceOfItsPeersIsLeftOut() {
        Market m =
                Market.builder("tiny")
                        .producer("G", 0, 1e15, QuadraticCost.of(0.02, 20, 0))
                        .consumer("C", -1000, 0, QuadraticCost.of(0.04, 60, 0))
                        .build();
        assertEquals(
                0, clearedAt(m, 1e-7).trades().size(), "1e-7 kW is below 1e-9 of C's 1,000 kW");
    }
}
