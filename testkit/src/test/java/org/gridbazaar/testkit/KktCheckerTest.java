package org.gridbazaar.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;

class KktCheckerTest {

    /**
     * Producer 0.5*0.02 x^2 + 10 x on [0, 500], consumer 0.5*0.05 x^2 + 30 x on [-400, 0], one arc.
     */
    private static MarketProblem twoPeers() {
        MarketProblem.Builder b = MarketProblem.builder("two");
        int g = b.peer("G"), c = b.peer("C");
        int ng = b.node(g, MarketProblem.POWER, 0.02, 10, 0, 0, 500);
        int nc = b.node(c, MarketProblem.POWER, 0.05, 30, 0, -400, 0);
        b.arc(ng, nc, 0, 0);
        return b.build();
    }

    private static ProblemSolution point(double q, double yg, double yc) {
        return ProblemSolution.of(
                Status.OPTIMAL,
                new double[] {q, -q},
                new double[] {q},
                new double[] {yg, yc},
                null,
                "hand",
                0,
                0,
                0,
                0,
                0,
                List.of(),
                "");
    }

    @Test
    void closedFormPointPasses() {
        double q = 20 / 0.07, p = 0.02 * q + 10;
        KktChecker.Report r = KktChecker.assertKkt(twoPeers(), point(q, p, p), 1e-9);
        assertTrue(r.primal() < 1e-9 && r.dual() < 1e-9, r.toString());
    }

    @Test
    void priceWithTheWrongSignFailsStationarityNamingThePeer() {
        double q = 20 / 0.07, p = 0.02 * q + 10;
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () -> KktChecker.assertKkt(twoPeers(), point(q, -p, -p), 1e-6));
        assertTrue(
                e.getMessage().contains("stationarity") && e.getMessage().contains("(peer "),
                e.getMessage());
    }

    @Test
    void unbalancedPointFailsOnBalance() {
        ProblemSolution s =
                ProblemSolution.of(
                        Status.OPTIMAL,
                        new double[] {100, -90},
                        new double[] {100},
                        new double[] {12, 12},
                        null,
                        "hand",
                        0,
                        0,
                        0,
                        0,
                        0,
                        List.of(),
                        "");
        AssertionError e =
                assertThrows(AssertionError.class, () -> KktChecker.assertKkt(twoPeers(), s, 1e-6));
        assertTrue(e.getMessage().contains("balance"), e.getMessage());
    }

    @Test
    void chpPeerAtAVertexNeedsNonNegativeMultipliers() {
        // peer with heat h and power p, side constraint p + h <= 100 and p <= 80 (as side rows),
        // consumer buys both
        MarketProblem.Builder b = MarketProblem.builder("chp");
        int g = b.peer("CHP"), c = b.peer("C");
        int gp = b.node(g, MarketProblem.POWER, 0, 10, 0, 0, 200);
        int gh = b.node(g, MarketProblem.HEAT, 0, 5, 0, 0, 200);
        int cp = b.node(c, MarketProblem.POWER, 0, 50, 0, -200, 0);
        int ch = b.node(c, MarketProblem.HEAT, 0, 40, 0, -200, 0);
        double s = Math.sqrt(0.5);
        b.sideConstraint(new int[] {gh, gp}, new double[] {s, s}, 100 * s);
        b.sideConstraint(new int[] {gh, gp}, new double[] {0, 1}, 80);
        b.arc(gp, cp, 0, 0);
        b.arc(gh, ch, 0, 0);
        MarketProblem prob = b.build();
        // optimum: p = 80, h = 20; prices y = 50 (power) and 40 (heat) set by the consumers
        // (interior)
        // stationarity at CHP: (10 - 50, 5 - 40) = (-40, -35) = -lambda1 (s, s) - lambda2 (0, 1):
        // lambda1 = 35/s, lambda2 = 5
        ProblemSolution ok =
                ProblemSolution.of(
                        Status.OPTIMAL,
                        new double[] {80, 20, -80, -20},
                        new double[] {80, 20},
                        new double[] {50, 40, 50, 40},
                        null,
                        "hand",
                        0,
                        0,
                        0,
                        0,
                        0,
                        List.of(),
                        "");
        KktChecker.assertKkt(prob, ok, 1e-9);
        // at (p, h) = (20, 80) the same prices need a negative multiplier of the p <= 80 row: not
        // optimal
        ProblemSolution bad =
                ProblemSolution.of(
                        Status.OPTIMAL,
                        new double[] {20, 80, -20, -80},
                        new double[] {20, 80},
                        new double[] {50, 40, 50, 40},
                        null,
                        "hand",
                        0,
                        0,
                        0,
                        0,
                        0,
                        List.of(),
                        "");
        AssertionError e =
                assertThrows(AssertionError.class, () -> KktChecker.assertKkt(prob, bad, 1e-6));
        assertTrue(e.getMessage().contains("peer CHP"), e.getMessage());
    }
}
