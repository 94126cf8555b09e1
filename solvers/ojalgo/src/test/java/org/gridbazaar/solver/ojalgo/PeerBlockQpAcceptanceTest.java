package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.support.BlockKkt;
import org.gridbazaar.solver.support.DualityGap;
import org.junit.jupiter.api.Test;

/**
 * The acceptance rule of {@code ojalgo-qp}'s block path ({@link PeerBlockQp#accepts}) on a market
 * with one large bound: producer G, whose node carries what its private unit u produces ({@code
 * 0.5*0.02 u^2 + 10 u}, 0..1000 kW; row {@code x_G - u = 0}), sells to consumer C ({@code 0.5*0.05
 * x^2 + 30 x}, -1000..0 kW) and could sell to a grid connection X taking up to 1,000,000 kW at 5
 * $/kW, which stays idle. The optimum is {@code q = 20 / 0.07} kW at {@code 0.02 q + 10} $/kW. The
 * 1,000,000 kW bound makes the KKT residuals' scales 1e6 kW and 50,000 $/kW, so a point 2 kW off
 * the optimum (1.4e-5 of the objective's scale short) passes them at ojAlgo's tolerance; its
 * duality gap does not pass.
 */
class PeerBlockQpAcceptanceTest {

    private static final double Q = 20 / 0.07, PRICE = 0.02 * Q + 10;

    private static MarketProblem withGridConnection() {
        MarketProblem.Builder b = MarketProblem.builder("grid connection");
        int g = b.peer("G"), c = b.peer("C"), x = b.peer("X");
        int xg = b.node(g, MarketProblem.POWER, 0, 0, 0, 0, 1000);
        int xc = b.node(c, MarketProblem.POWER, 0.05, 30, 0, -1000, 0);
        int xx = b.node(x, MarketProblem.POWER, 0, 5, 0, -1_000_000, 0);
        int u = b.variable(g, "unit", 0, 0.02, 10, 0, 0, 1000);
        b.localRow(
                g,
                "unit",
                new int[] {xg},
                new double[] {1},
                new int[] {u},
                new double[] {-1},
                true,
                0);
        b.arc(xg, xc, 0, 0);
        b.arc(xg, xx, 0, 0);
        return b.build();
    }

    private static double optimum() {
        return 0.01 * Q * Q + 10 * Q + 0.025 * Q * Q - 30 * Q;
    }

    @Test
    void aPointTwoKilowattsOffPassesTheKktResidualsButNotTheGap() {
        MarketProblem p = withGridConnection();
        double q = Q + 2;
        double[] x = {q, -q, 0}, f = {q, 0}, z = {q}, y = {PRICE, PRICE, 5}, lambda = {PRICE};
        double tol = Math.max(SolverOptions.DEFAULTS.tolerance(), PeerBlockQp.ACCURACY);
        BlockKkt kkt = BlockKkt.measure(p, x, f, z, y, lambda, OjAlgoSolver.ACCEPT_ACTIVITY);
        assertTrue(kkt.primal() <= tol && kkt.dual() <= tol, kkt.toString());
        DualityGap gap = DualityGap.measure(p, x, f, z, y, lambda, null);
        // 0.5 (0.02 + 0.05) 2^2 $: the point's extra cost, 1.4e-5 of the objective's scale
        assertEquals(0.14, gap.gap(), 1e-9, gap.toString());
        assertTrue(gap.relative() > 10 * PeerBlockQp.GAP_ACCEPT, gap.toString());
        assertFalse(PeerBlockQp.accepts(kkt, gap, tol));
        DualityGap at =
                DualityGap.measure(
                        p,
                        new double[] {Q, -Q, 0},
                        new double[] {Q, 0},
                        new double[] {Q},
                        y,
                        lambda,
                        null);
        assertTrue(at.relative() < 1e-12, at.toString());
    }

    @Test
    void ojalgoClearsTheMarketAtItsClosedFormOptimum() {
        MarketProblem p = withGridConnection();
        ProblemSolution s = new OjAlgoSolver().solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        double objective = p.objective(s.x(), s.privateVariables(), s.f());
        assertEquals(optimum(), objective, 1e-7 * Math.abs(optimum()), s.message());
        assertTrue(s.message().contains("duality gap"), s.message());
    }
}
