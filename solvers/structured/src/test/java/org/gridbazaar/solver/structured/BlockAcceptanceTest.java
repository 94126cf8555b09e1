package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.support.BlockKkt;
import org.junit.jupiter.api.Test;

/**
 * The independent KKT check behind the block path's {@code OPTIMAL} ({@link BlockKkt}) on a market
 * over time with a storage peer and a binding coupling constraint: the default solver's answer
 * passes it with its coupling multiplier, and fails it, naming the constraint or a node, without.
 */
class BlockAcceptanceTest {

    /**
     * Two periods: G (0.02 x^2 + 10 x, then + 30 x) sells to storage peer S (net -5..5 kW, a 10 kWh
     * battery starting at 2 kWh, node x_t = d_t - c_t, energy e_t = e_(t-1) + c_t - d_t) and to
     * consumer L (fixed at -4 kW, valuing energy at 100), with G's period-0 output limited to 6 kW
     * by a coupling constraint, which binds (the battery would buy more of the cheap hour).
     */
    static MarketProblem storageWithALimit() {
        MarketProblem.Builder b = MarketProblem.builder("storage-limit");
        int g = b.peer("G"), s = b.peer("S"), l = b.peer("L");
        int prev = -1, g0 = -1;
        for (int t = 0; t < 2; t++) {
            int gx = b.node(g, MarketProblem.POWER, t, 0.02, 10 + 20 * t, 0, 0, 100);
            g0 = t == 0 ? gx : g0;
            int sx = b.node(s, MarketProblem.POWER, t, 0, 0, 0, -5, 5);
            int lx = b.node(l, MarketProblem.POWER, t, 0, 100, 0, -4, -4);
            int c = b.variable(s, "charge", t, 0, 0, 0, 0, 5),
                    d = b.variable(s, "discharge", t, 0, 0, 0, 0, 5);
            int e = b.variable(s, "energy", t, 0, 0, 0, 0, 10);
            b.arc(gx, sx, 0, 0);
            b.arc(gx, lx, 0, 0);
            b.arc(sx, lx, 0, 0);
            b.localRow(
                    s,
                    "net[t=" + t + "]",
                    new int[] {sx},
                    new double[] {1},
                    new int[] {d, c},
                    new double[] {-1, 1},
                    true,
                    0);
            b.localRow(
                    s,
                    "energy[t=" + t + "]",
                    new int[0],
                    new double[0],
                    prev < 0 ? new int[] {e, c, d} : new int[] {e, prev, c, d},
                    prev < 0 ? new double[] {1, -1, 1} : new double[] {1, -1, -1, 1},
                    true,
                    prev < 0 ? 2 : 0);
            prev = e;
        }
        b.couplingConstraint("G limit in period 0", new int[] {g0}, new double[] {1}, 6);
        return b.build();
    }

    @Test
    void theDefaultSolversAnswerPassesWithItsCouplingMultiplierAndFailsWithout() {
        MarketProblem p = storageWithALimit();
        ProblemSolution s = new StructuredIpmSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        assertTrue(s.couplingDuals()[0] > 1, "the limit binds: " + s.couplingDuals()[0]);
        BlockKkt with =
                BlockKkt.measure(
                        p,
                        s.x(),
                        s.f(),
                        s.privateVariables(),
                        s.y(),
                        s.sideDuals(),
                        s.couplingDuals(),
                        1e-7);
        assertTrue(with.primal() < 1e-9 && with.dual() < 1e-9, with.toString());
        BlockKkt without =
                BlockKkt.measure(
                        p,
                        s.x(),
                        s.f(),
                        s.privateVariables(),
                        s.y(),
                        s.sideDuals(),
                        new double[1],
                        1e-7);
        assertTrue(without.dual() > 1e-3, without.toString());
        assertTrue(without.worst().contains("node"), without.worst());
    }
}
