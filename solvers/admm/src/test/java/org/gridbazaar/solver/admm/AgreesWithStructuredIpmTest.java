package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADMM against the centralized interior-point reference on seeded random markets with prosumers and
 * per-kW terms.
 */
class AgreesWithStructuredIpmTest {

    /**
     * Producers, consumers and prosumers (arcs both ways) on all allowed pairs, with random per-kW
     * terms.
     */
    static MarketProblem randomMarket(long seed) {
        Random rnd = new Random(seed);
        MarketProblem.Builder b = MarketProblem.builder("random " + seed);
        int n = 10;
        int[] node = new int[n], role = new int[n]; // 0 producer, 1 consumer, 2 prosumer
        for (int i = 0; i < n; i++) {
            role[i] = rnd.nextInt(3);
            int p = b.peer("N" + i);
            double a = 0.05 + 0.2 * rnd.nextDouble();
            double cap = 20 + 30 * rnd.nextDouble();
            node[i] =
                    switch (role[i]) {
                        case 0 ->
                                b.node(
                                        p,
                                        MarketProblem.POWER,
                                        a,
                                        1 + 4 * rnd.nextDouble(),
                                        0,
                                        0,
                                        cap);
                        case 1 ->
                                b.node(
                                        p,
                                        MarketProblem.POWER,
                                        a,
                                        6 + 6 * rnd.nextDouble(),
                                        0,
                                        -cap,
                                        0);
                        default ->
                                b.node(
                                        p,
                                        MarketProblem.POWER,
                                        a,
                                        3 + 4 * rnd.nextDouble(),
                                        0,
                                        -cap / 2,
                                        cap / 2);
                    };
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean iSells = role[i] != 1 && role[j] != 0,
                        jSells = role[j] != 1 && role[i] != 0;
                double ti = 0.3 * rnd.nextDouble(), tj = 0.3 * rnd.nextDouble();
                if (iSells) {
                    b.arc(node[i], node[j], ti, tj);
                }
                if (jSells) {
                    b.arc(node[j], node[i], tj, ti);
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void admmAgreesWithStructuredIpm(long seed) {
        MarketProblem pr = randomMarket(seed);
        ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
        assertEquals(
                Status.OPTIMAL, ref.status(), "reference, seed " + seed + ": " + ref.message());
        double fr = pr.objective(ref.x(), ref.f());
        ProblemSolution sol =
                new AdmmSolver()
                        .solve(
                                pr,
                                SolverOptions.DEFAULTS
                                        .withTolerance(1e-7)
                                        .withMaxIterations(20_000));
        String ctx = "seed " + seed + ": " + sol.message();
        assertEquals(Status.OPTIMAL, sol.status(), ctx);
        assertEquals(fr, pr.objective(sol.x(), sol.f()), 1e-4 * Math.abs(fr), "objective, " + ctx);
        double[] lo = pr.lower(), hi = pr.upper();
        for (int k = 0; k < lo.length; k++) {
            assertEquals(ref.x()[k], sol.x()[k], 1e-3 * (hi[k] - lo[k]), "node " + k + ", " + ctx);
        }
    }
}
