package org.gridbazaar.mechanism.realtime;

import static org.gridbazaar.mechanism.realtime.RealtimeFixtures.SOLVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.mechanism.BidCurve;
import org.gridbazaar.mechanism.CommunityBidding;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * How many prices a community's curve needs: the curve of the loop's first period for a household
 * with PV and a battery (8 hours of look-ahead), sampled on 3, 6, 11 and 21 prices over [0, 0.5]
 * $/kWh plus the LSE's two prices, against exact re-clearing at 50 prices between them.
 */
class CommunityCurveErrorTest {

    private static final double[] PV = {0, 0, 6, 9, 8, 2, 0, 0};
    private static final double[] FORECAST = {0.08, 0.10, 0.11, 0.11, 0.14, 0.19, 0.15};
    private static final double WHOLESALE = 0.04, RETAIL = 0.09;

    @Test
    void theCurveIsExactAtTheLsePricesAndItsErrorBetweenGridPricesIsMeasured() {
        Community a = RealtimeFixtures.household("a", "F2", 3, PV);
        MultiPeriodMarket w = CommunityWindow.window(a, 0, 8, Map.of());
        double[] exact = new double[50];
        double[] at = new double[50];
        for (int i = 0; i < 50; i++) {
            at[i] = 0.5 * (i + 0.37) / 50;
            exact[i] =
                    CommunityBidding.netImportKw(
                            w, at[i], FORECAST, a.connectionKw(), SOLVER, SolverOptions.DEFAULTS);
        }
        int[] sizes = {3, 6, 11, 21};
        double[] mean = new double[sizes.length];
        StringBuilder report =
                new StringBuilder("CommunityCurveErrorTest: |curve - exact| at 50 prices, kW:");
        for (int s = 0; s < sizes.length; s++) {
            double[] base = new double[sizes[s]];
            for (int k = 0; k < base.length; k++) {
                base[k] = 0.5 * k / (base.length - 1);
            }
            double[] grid = RealTimeLoop.gridPrices(base, WHOLESALE, RETAIL);
            BidCurve c =
                    CommunityBidding.curve(
                            w, grid, FORECAST, a.connectionKw(), SOLVER, SolverOptions.DEFAULTS);
            double max = 0, sum = 0;
            for (int i = 0; i < 50; i++) {
                double e = Math.abs(c.quantityAt(at[i]).lowKw() - exact[i]);
                max = Math.max(max, e);
                sum += e;
            }
            mean[s] = sum / 50;
            report.append(
                    String.format(
                            java.util.Locale.ROOT,
                            " %d+2 prices: max %.3f, mean %.3f;",
                            sizes[s],
                            max,
                            mean[s]));
            for (double p : new double[] {WHOLESALE, RETAIL}) {
                assertEquals(
                        CommunityBidding.netImportKw(
                                w, p, FORECAST, a.connectionKw(), SOLVER, SolverOptions.DEFAULTS),
                        c.quantityAt(p).lowKw(),
                        1e-5,
                        "the curve is exact at the LSE's price " + p);
            }
        }
        System.out.println(report);
        assertTrue(mean[3] < mean[0], report.toString());
        assertTrue(mean[3] <= mean[1] + 1e-9, report.toString());
    }
}
