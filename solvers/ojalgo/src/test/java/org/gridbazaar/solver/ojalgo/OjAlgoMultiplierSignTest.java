package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * Pins the sign and scale of ojAlgo's multipliers as mapped to node prices {@code y}: on a two-peer
 * market the closed form is {@code P = (b_c - b_p) / (a_p + a_c)} and both prices equal {@code a_p
 * P + b_p}, positive. A sign or power-of-ten slip in the mapping fails here.
 */
class OjAlgoMultiplierSignTest {

    private static ProblemSolution solveTwoPeers(double ap, double bp, double ac, double bc) {
        MarketProblem.Builder b = MarketProblem.builder("two");
        int g = b.peer("G"), c = b.peer("C");
        int ng = b.node(g, MarketProblem.POWER, ap, bp, 0, 0, 1000);
        int nc = b.node(c, MarketProblem.POWER, ac, bc, 0, -1000, 0);
        b.arc(ng, nc, 0, 0);
        return new OjAlgoSolver().solve(b.build(), SolverOptions.DEFAULTS);
    }

    @Test
    void nodePricesArePositiveMarginalCostsAtTheTwoPeerClosedForm() {
        ProblemSolution s = solveTwoPeers(0.02, 10, 0.05, 30);
        double q = 20 / 0.07, price = 0.02 * q + 10; // 15.714 $/kW
        assertEquals(Status.OPTIMAL, s.status());
        assertEquals(q, s.x()[0], 1e-5 * q);
        assertEquals(price, s.y()[0], 1e-6 * price, "producer node price");
        assertEquals(price, s.y()[1], 1e-6 * price, "consumer node price");
    }

    @Test
    void scaleOfMultipliersFollowsTheCostsWithoutHiddenFactors() {
        // the same market with costs times 100 and times 0.01: prices scale exactly with them
        for (double k : new double[] {0.01, 1, 100}) {
            ProblemSolution s = solveTwoPeers(0.02 * k, 10 * k, 0.05 * k, 30 * k);
            double price = (0.02 * 20 / 0.07 + 10) * k;
            assertEquals(price, s.y()[0], 1e-6 * price, "price with costs scaled by " + k);
        }
    }

    @Test
    void arcWithTermsSeparatesTheTwoNodePrices() {
        // seller pays 2 $/kW, buyer 3 $/kW: y_C = y_G + 5 on the arc with positive flow
        MarketProblem.Builder b = MarketProblem.builder("terms");
        int g = b.peer("G"), c = b.peer("C");
        int ng = b.node(g, MarketProblem.POWER, 0.02, 10, 0, 0, 1000);
        int nc = b.node(c, MarketProblem.POWER, 0.05, 30, 0, -1000, 0);
        b.arc(ng, nc, 2, 3);
        ProblemSolution s = new OjAlgoSolver().solve(b.build(), SolverOptions.DEFAULTS);
        double q = 15 / 0.07; // a_p q + b_p + 5 = -a_c q + b_c
        assertEquals(q, s.x()[0], 1e-5 * q);
        assertEquals(0.02 * q + 10, s.y()[0], 1e-6 * 20, "seller node price = its marginal cost");
        assertEquals(0.02 * q + 15, s.y()[1], 1e-6 * 20, "buyer node price = seller's + w");
    }
}
