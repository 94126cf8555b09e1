package org.gridbazaar.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;

/** The KKT checker on problems with peer blocks (private variables, equality rows, periods). */
class BlockKktTest {

    /**
     * G (0.01 g^2 + 10 g in period 0, + 30 g in period 1), a consumer C of 4 kW in period 1 only,
     * and a storage peer S (2 kWh at the start, 10 kWh, 5 kW each way, 0.01 $/kWh on discharge).
     * Optimum: G makes 2 kW in period 0, S charges them and discharges 4 kW in period 1.
     */
    private static MarketProblem storageDay() {
        MarketProblem.Builder b = MarketProblem.builder("storage-day");
        int g = b.peer("G"), c = b.peer("C"), s = b.peer("S");
        int[] gx = new int[2],
                cx = new int[2],
                sx = new int[2],
                ch = new int[2],
                dis = new int[2],
                en = new int[2];
        for (int t = 0; t < 2; t++) {
            gx[t] = b.node(g, MarketProblem.POWER, t, 0.02, 10 + 20 * t, 0, 0, 100);
            cx[t] = b.node(c, MarketProblem.POWER, t, 0, 0, 0, -4 * t, -4 * t);
            sx[t] = b.node(s, MarketProblem.POWER, t, 0, 0, 0, -5, 5);
            ch[t] = b.variable(s, "charge", t, 0, 0, 0, 0, 5);
            dis[t] = b.variable(s, "discharge", t, 0, 0.01, 0, 0, 5);
            en[t] = b.variable(s, "energy", t, 0, 0, 0, 0, 10);
            b.arc(gx[t], sx[t], 0, 0);
            b.arc(sx[t], gx[t], 0, 0);
            b.arc(gx[t], cx[t], 0, 0);
            b.arc(sx[t], cx[t], 0, 0);
            b.localRow(
                    s,
                    "net[t=" + t + "]",
                    new int[] {sx[t]},
                    new double[] {1},
                    new int[] {dis[t], ch[t]},
                    new double[] {-1, 1},
                    true,
                    0);
        }
        b.localRow(
                s,
                "energy[t=0]",
                new int[0],
                new double[0],
                new int[] {en[0], ch[0], dis[0]},
                new double[] {1, -1, 1},
                true,
                2);
        b.localRow(
                s,
                "energy[t=1]",
                new int[0],
                new double[0],
                new int[] {en[1], en[0], ch[1], dis[1]},
                new double[] {1, -1, -1, 1},
                true,
                0);
        return b.build();
    }

    // nodes in order G0 C0 S0 G1 C1 S1; arcs per period G->S, S->G, G->C, S->C; variables c0 d0 e0
    // c1 d1 e1
    private static final double[] X = {2, 0, -2, 0, -4, 4};
    private static final double[] F = {2, 0, 0, 0, 0, 0, 0, 4};
    private static final double[] Y = {10.04, 10.04, 10.04, 10.05, 10.05, 10.05};
    private static final double[] Z = {2, 0, 4, 0, 4, 0};
    private static final double[] LAMBDA = {10.04, 10.05, 10.04, 10.04};

    private static ProblemSolution solution(double[] z, double[] lambda) {
        return ProblemSolution.of(
                        Status.OPTIMAL, X, F, Y, null, "hand", 0, 0, 0, 0, 0, List.of(), "")
                .withPrivateVariables(z)
                .withSideDuals(lambda);
    }

    @Test
    void theHandSolvedOptimumPassesWithItsMultipliers() {
        MarketProblem p = storageDay();
        KktChecker.Report r = KktChecker.assertKkt(p, solution(Z, LAMBDA), 1e-9);
        assertEquals(0, r.stationarity(), 1e-12);
        assertEquals(0.01 * 4 + 20 + 0.01 * 4, p.objective(X, Z, F), 1e-12);
    }

    @Test
    void aWrongMultiplierIsCaughtAtTheVariableItMisprices() {
        double[] lambda = LAMBDA.clone();
        lambda[3] = 12; // energy carried into period 1 priced at 12 instead of 10.04
        KktChecker.Report r = KktChecker.check(storageDay(), solution(Z, lambda), 1e-9);
        assertFalse(r.failures(1e-6).isEmpty());
        assertTrue(r.failures(1e-6).get(0).contains("energy"), r.failures(1e-6).toString());
    }

    @Test
    void anEnergyBalanceThatDoesNotHoldIsAPrimalViolation() {
        double[] z = Z.clone();
        z[2] = 5; // 1 kWh from nowhere
        KktChecker.Report r = KktChecker.check(storageDay(), solution(z, LAMBDA), 1e-9);
        assertEquals(1, r.side(), 1e-12);
    }

    @Test
    void aSolutionWithoutPrivateVariablesOrMultipliersFails() {
        MarketProblem p = storageDay();
        ProblemSolution bare =
                ProblemSolution.of(
                        Status.OPTIMAL, X, F, Y, null, "bare", 0, 0, 0, 0, 0, List.of(), "");
        AssertionError e =
                assertThrows(AssertionError.class, () -> KktChecker.assertKkt(p, bare, 1e-6));
        assertTrue(e.getMessage().contains("private variables"), e.getMessage());
    }

    @Test
    void aDayOf96PeriodsWithTwoHundredStoragePeersIsCheckedInOnePass() {
        // each peer: a storage unit that sells 1 kW to one buyer in every period, discharging from
        // a full start
        int peers = 200, periods = 96;
        MarketProblem.Builder b = MarketProblem.builder("day-96");
        int nodes = 0, arcs = 0, vars = 0;
        for (int i = 0; i < peers; i++) {
            int s = b.peer("S" + i), c = b.peer("C" + i);
            int prevEnergy = -1;
            for (int t = 0; t < periods; t++) {
                int sx = b.node(s, MarketProblem.POWER, t, 0, 0, 0, -5, 5);
                int cx = b.node(c, MarketProblem.POWER, t, 0, 0, 0, -1, -1);
                b.arc(sx, cx, 0, 0);
                int dis = b.variable(s, "discharge", t, 0, 0, 0, 0, 5);
                int en = b.variable(s, "energy", t, 0, 0, 0, 0, 200);
                b.localRow(
                        s,
                        "net[t=" + t + "]",
                        new int[] {sx},
                        new double[] {1},
                        new int[] {dis},
                        new double[] {-1},
                        true,
                        0);
                if (prevEnergy < 0) {
                    b.localRow(
                            s,
                            "energy[t=0]",
                            new int[0],
                            new double[0],
                            new int[] {en, dis},
                            new double[] {1, 1},
                            true,
                            100);
                } else {
                    b.localRow(
                            s,
                            "energy[t=" + t + "]",
                            new int[0],
                            new double[0],
                            new int[] {en, prevEnergy, dis},
                            new double[] {1, -1, 1},
                            true,
                            0);
                }
                prevEnergy = en;
                nodes += 2;
                arcs++;
                vars += 2;
            }
        }
        MarketProblem p = b.build();
        double[] x = new double[nodes],
                f = new double[arcs],
                y = new double[nodes],
                z = new double[vars];
        double[] lambda = new double[p.sideConstraintCount()];
        int k = 0, a = 0, v = 0;
        for (int i = 0; i < peers; i++) {
            for (int t = 0; t < periods; t++) {
                x[k] = 1;
                x[k + 1] = -1;
                k += 2;
                f[a++] = 1;
                z[v] = 1;
                z[v + 1] = 100 - (t + 1);
                v += 2;
            }
        }
        ProblemSolution sol =
                ProblemSolution.of(
                                Status.OPTIMAL,
                                x,
                                f,
                                y,
                                null,
                                "constructed",
                                0,
                                0,
                                0,
                                0,
                                0,
                                List.of(),
                                "")
                        .withPrivateVariables(z)
                        .withSideDuals(lambda);
        KktChecker.Report r = KktChecker.assertKkt(p, sol, 1e-9);
        assertEquals(0, r.side(), 1e-9);
        assertEquals(96, p.periodCount());
    }
}
