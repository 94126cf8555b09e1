package org.gridbazaar.solver.admm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.HardMarkets;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;

/**
 * The optimality certificate: its lower bound never exceeds the optimum, and it is what stands
 * between a run and OPTIMAL.
 */
class CertificateTest {

    private static final List<RandomMarkets.Spec> SPECS =
            List.of(
                    RandomMarkets.Spec.basic(8).withProsumerShare(0.4),
                    RandomMarkets.Spec.basic(12).withPreferences(true).withFixedShare(0.3),
                    RandomMarkets.Spec.basic(9)
                            .withNetwork(5, true, true)
                            .withZeroQuadraticShare(0.5)
                            .withFixedShare(0.6),
                    RandomMarkets.Spec.basic(10).withHeat(0.6, 0.7),
                    RandomMarkets.Spec.basic(14).withExplicitPairs(true).withProsumerShare(0.3));

    /**
     * Optimal prices per channel from the reference's node prices: on a trade that is made, the
     * seller's node price plus its own per-kW term; on a channel without trades, the middle of the
     * prices at which neither end would trade ({@code y_buyer - buyerCost <= lambda <= y_seller +
     * sellerCost} on each of its arcs).
     */
    private static double[] referencePrices(
            MarketProblem pr, PeerData.Channels ch, ProblemSolution ref) {
        double[] y = ref.y(), sc = pr.sellerCost(), bc = pr.buyerCost(), f = ref.f();
        int[] tail = pr.tail(), head = pr.head();
        double[] low = new double[ch.count()],
                high = new double[ch.count()],
                made = new double[ch.count()];
        java.util.Arrays.fill(low, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(high, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(made, Double.NaN);
        for (int t = 0; t < pr.arcCount(); t++) {
            int c = ch.arcChannel()[t];
            low[c] = Math.max(low[c], y[head[t]] - bc[t]);
            high[c] = Math.min(high[c], y[tail[t]] + sc[t]);
            if (f[t] > 1e-9) {
                made[c] = y[tail[t]] + sc[t];
            }
        }
        double[] price = new double[ch.count()];
        for (int c = 0; c < price.length; c++) {
            price[c] = !Double.isNaN(made[c]) ? made[c] : 0.5 * (low[c] + high[c]);
        }
        return price;
    }

    private static double lowerBound(
            MarketProblem pr, PeerData.Channels ch, double[] price, double[] nodePrices) {
        double[][] implied = PeerData.impliedBounds(pr);
        List<PeerData> data = PeerData.of(pr, ch, implied[0], implied[1]);
        return Certificate.lowerBound(
                pr,
                data,
                ch.arcChannel(),
                price,
                nodePrices,
                Certificate.arcLimits(pr, implied[0], implied[1]));
    }

    @Test
    void lowerBoundIsNeverAboveTheOptimumAtAnyPrices() {
        SplittableRandom rnd = new SplittableRandom(7);
        int markets = 0;
        for (long seed = 1; seed <= 6; seed++) {
            for (RandomMarkets.Spec spec : SPECS) {
                MarketProblem pr =
                        new P2PFormulation()
                                .formulate(RandomMarkets.generate(seed, spec))
                                .problem();
                ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
                if (ref.status() != Status.OPTIMAL) {
                    continue;
                }
                markets++;
                double optimum = pr.objective(ref.x(), ref.f());
                double slack = 1e-9 * Math.max(1, Math.abs(optimum));
                PeerData.Channels ch = PeerData.channels(pr);
                double[] exact = referencePrices(pr, ch, ref);
                for (int trial = 0; trial < 20; trial++) {
                    double spread = trial == 0 ? 0 : Math.pow(10, -6 + trial % 7);
                    double[] price = exact.clone();
                    for (int c = 0; c < price.length; c++) {
                        price[c] += spread * (2 * rnd.nextDouble() - 1);
                    }
                    double[] nu = ref.y();
                    for (int k = 0; k < nu.length; k++) {
                        nu[k] += spread * (2 * rnd.nextDouble() - 1);
                    }
                    double lower = lowerBound(pr, ch, price, nu);
                    String ctx = pr.name() + " " + spec + ", price spread " + spread;
                    assertTrue(
                            lower <= optimum + slack,
                            ctx + ": lower bound " + lower + " above the optimum " + optimum);
                    if (trial == 0 && spec.heatShare() == 0) {
                        // at the optimal prices the bound is the optimum (strong duality)
                        assertEquals(optimum, lower, 1e-7 * Math.max(1, Math.abs(optimum)), ctx);
                    }
                }
            }
        }
        assertTrue(markets >= 20, "markets checked: " + markets);
    }

    @Test
    void lowerBoundOnBadlyScaledMarketsIsNeverAboveTheOptimum() {
        for (HardMarkets.Shape shape : HardMarkets.all()) {
            MarketProblem pr = new P2PFormulation().formulate(shape.market()).problem();
            PeerData.Channels ch = PeerData.channels(pr);
            ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
            for (double offset : new double[] {0, 1e-3, -1e-3, 1}) {
                double[] price = referencePrices(pr, ch, ref);
                for (int c = 0; c < price.length; c++) {
                    price[c] += offset * Math.max(1, Math.abs(price[c]));
                }
                double lower = lowerBound(pr, ch, price, ref.y());
                assertTrue(
                        lower
                                <= shape.objective()
                                        + 1e-9 * Math.max(1, Math.abs(shape.objective())),
                        shape.name()
                                + ", offset "
                                + offset
                                + ": lower bound "
                                + lower
                                + " above the optimum "
                                + shape.objective());
            }
        }
    }

    @Test
    void recoveredPointFromReferenceFlowsIsFeasible() {
        for (long seed = 1; seed <= 4; seed++) {
            for (RandomMarkets.Spec spec : SPECS) {
                MarketProblem pr =
                        new P2PFormulation()
                                .formulate(RandomMarkets.generate(seed, spec))
                                .problem();
                ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
                if (ref.status() != Status.OPTIMAL) {
                    continue;
                }
                // a slightly short settlement: every flow 1e-6 relative smaller
                double[] f = ref.f();
                for (int t = 0; t < f.length; t++) {
                    f[t] *= 1 - 1e-6;
                }
                Certificate.Point p = Certificate.recover(pr, f, ref.x());
                assertNotNull(p, pr.name() + " " + spec);
                double[] nf = pr.injections(p.f()), lo = pr.lower(), hi = pr.upper();
                for (int k = 0; k < nf.length; k++) {
                    double scale = Math.max(1, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
                    assertEquals(
                            nf[k], p.x()[k], 1e-11 * scale, pr.name() + ": balance of node " + k);
                    assertTrue(
                            p.x()[k] >= lo[k] && p.x()[k] <= hi[k],
                            pr.name() + ": node " + k + " within its bounds");
                }
                for (double v : p.f()) {
                    assertTrue(v >= 0, "flows are non-negative");
                }
            }
        }
    }

    @Test
    void runsStoppedEarlyAreNotOptimalAndOptimalRunsAreWithinTheirGap() {
        MarketProblem pr =
                new P2PFormulation()
                        .formulate(
                                RandomMarkets.generate(
                                        373,
                                        RandomMarkets.Spec.basic(5)
                                                .withNetwork(4, true, true)
                                                .withZeroQuadraticShare(0.5761735290155475)
                                                .withFixedShare(0.6712944314363957)))
                        .problem();
        ProblemSolution ref = new StructuredIpmSolver().solve(pr, SolverOptions.DEFAULTS);
        double optimum = pr.objective(ref.x(), ref.f());
        SolverOptions options = SolverOptions.DEFAULTS.withTolerance(1e-6);
        ProblemSolution full = new AdmmSolver().solve(pr, options);
        assertEquals(Status.OPTIMAL, full.status(), full.message());
        for (int limit = 1; limit < full.iterations(); limit++) {
            ProblemSolution s = new AdmmSolver().solve(pr, options.withMaxIterations(limit));
            assertEquals(
                    Status.ITERATION_LIMIT,
                    s.status(),
                    "stopped after " + limit + " of " + full.iterations() + " rounds");
        }
        // at a looser tolerance the residual tests pass earlier; OPTIMAL still only within the
        // certified gap
        for (double eps : new double[] {1e-2, 1e-3, 1e-4, 1e-5}) {
            ProblemSolution s =
                    new AdmmSolver().solve(pr, SolverOptions.DEFAULTS.withTolerance(eps));
            if (s.status() == Status.OPTIMAL) {
                double objective = pr.objective(s.x(), s.f());
                assertTrue(
                        objective - optimum
                                <= eps * Math.max(1, Math.abs(objective)) * (1 + 1e-9) + 1e-12,
                        "tolerance " + eps + ": objective " + objective + ", optimum " + optimum);
            }
        }
    }
}
