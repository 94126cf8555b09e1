package org.gridbazaar.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.junit.jupiter.api.Test;

class CommunityBiddingTest {

    private static final StructuredIpmSolver SOLVER = new StructuredIpmSolver();
    private static final double KW = 1e-5;

    /**
     * PV of 5 kW at 0.02 $/kWh and a load of 2 kW firm plus 6 kW worth 0.25 $/kWh: net import is 8
     * kW below 0.02 $/kWh (PV off), 3 kW up to 0.25 (PV on), and -3 kW above (flexible load off).
     */
    @Test
    void linearCostMembersBidTheirKnownStepFunction() {
        Market m =
                Market.builder("street")
                        .producer("PV", 0, 5, QuadraticCost.linear(0.02))
                        .consumer("L", -8, -2, QuadraticCost.linear(0.25))
                        .build();
        MultiPeriodMarket community = MultiPeriodMarket.repeated(m, Horizon.hourly(1));
        double[] grid = {0.01, 0.05, 0.10, 0.20, 0.30};
        BidCurve c =
                CommunityBidding.curve(
                        community, grid, new double[0], 20, SOLVER, SolverOptions.DEFAULTS);
        double[] expected = {8, 3, 3, 3, -3};
        for (int k = 0; k < grid.length; k++) {
            assertEquals(expected[k], c.quantityKw(k), KW, "net import at " + grid[k] + " $/kWh");
        }
        // between 0.20 and 0.30 the sampled curve is a slope where the members have a step at 0.25
        assertEquals(0.0, c.quantityAt(0.25).lowKw(), KW);
    }

    /**
     * A day-ahead look-ahead of 4 hours: PV, a load of quadratic utility, a battery that can shift
     * energy.
     */
    private static MultiPeriodMarket withBattery() {
        double[] pv = {3, 4, 1, 0};
        return MultiPeriodMarket.builder("block", Horizon.hourly(4))
                .periods(
                        t ->
                                Market.builder("block")
                                        .producer("PV", 0, pv[t], QuadraticCost.linear(0))
                                        // buys 12 - 20 p kW at price p, between 2 and 10 kW
                                        .consumer("L", -10, -2, QuadraticCost.of(0.05, 0.6, 0))
                                        .prosumer("B", 0, 0, QuadraticCost.linear(0))
                                        .build())
                .storage("B", Storage.builder(10, 5).powerKw(5, 5).efficiencies(0.95, 0.95).build())
                .build();
    }

    private static final double[] FORECAST = {0.30, 0.10, 0.20};

    /**
     * The error of the sampled curve against exact re-clearing at the midpoints between grid
     * prices, for 6, 11, 21 and 41 prices over [0, 0.5] $/kWh. The battery answers with steps (at
     * the prices where charging now beats charging later, and discharging now beats later), so the
     * largest error does not fall with the grid: a step is a slope over one grid interval. The mean
     * error over the midpoints falls about as the grid interval does.
     */
    @Test
    void theSampledCurveIsExactAtItsPricesAndItsErrorBetweenThemIsMeasured() {
        MultiPeriodMarket community = withBattery();
        double[] meanError = new double[4];
        int[] sizes = {6, 11, 21, 41};
        StringBuilder report =
                new StringBuilder(
                        "CommunityBiddingTest: error of the sampled curve at midpoints, kW:");
        for (int s = 0; s < sizes.length; s++) {
            int k = sizes[s];
            double[] grid = new double[k];
            for (int i = 0; i < k; i++) {
                grid[i] = 0.5 * i / (k - 1);
            }
            BidCurve c =
                    CommunityBidding.curve(
                            community, grid, FORECAST, 50, SOLVER, SolverOptions.DEFAULTS);
            double max = 0, sum = 0;
            for (int i = 0; i + 1 < k; i++) {
                double mid = 0.5 * (grid[i] + grid[i + 1]);
                double exact =
                        CommunityBidding.netImportKw(
                                community, mid, FORECAST, 50, SOLVER, SolverOptions.DEFAULTS);
                double err = Math.abs(c.quantityAt(mid).lowKw() - exact);
                max = Math.max(max, err);
                sum += err;
            }
            meanError[s] = sum / (k - 1);
            report.append(String.format(" %d prices: max %.4f, mean %.4f;", k, max, meanError[s]));
            // exact at its own prices: a fresh clearing at a grid price gives the point again
            assertEquals(
                    CommunityBidding.netImportKw(
                            community, grid[1], FORECAST, 50, SOLVER, SolverOptions.DEFAULTS),
                    c.quantityKw(1),
                    KW);
        }
        System.out.println(report);
        assertTrue(meanError[3] < meanError[0], report.toString());
    }

    /**
     * Refinement against a uniform grid with the same number of clearings (41), both measured at
     * the 100 midpoints of a 101-price grid over [0, 0.5] $/kWh by exact re-clearing: the refined
     * curve puts its clearings at the battery's steps and the load's kinks. The battery's steps are
     * at the forecast prices (0.1 and 0.3 $/kWh) and at them times its round-trip efficiency (0.95
     * squared: about 0.18 and 0.27 $/kWh), where a grid price that lands exactly on one is an
     * indifferent battery, and the interior point's answer there is one point of the step's range
     * (0.6 kW at 0.3 $/kWh).
     */
    @Test
    void refiningWhereTheCurveBendsBeatsAUniformGridOfEqualCost() {
        MultiPeriodMarket community = withBattery();
        double[] uniform = new double[41], coarse = new double[11];
        for (int i = 0; i < 41; i++) {
            uniform[i] = 0.5 * i / 40;
        }
        for (int i = 0; i < 11; i++) {
            coarse[i] = 0.5 * i / 10;
        }
        BidCurve u =
                CommunityBidding.curve(
                        community, uniform, FORECAST, 50, SOLVER, SolverOptions.DEFAULTS);
        BidCurve r =
                CommunityBidding.refinedCurve(
                        community, coarse, FORECAST, 50, 41, SOLVER, SolverOptions.DEFAULTS);
        assertEquals(41, r.size());
        double maxU = 0, maxR = 0, sumU = 0, sumR = 0;
        for (int i = 0; i < 100; i++) {
            double p = 0.5 * (i + 0.5) / 100;
            double exact =
                    CommunityBidding.netImportKw(
                            community, p, FORECAST, 50, SOLVER, SolverOptions.DEFAULTS);
            double eu = Math.abs(u.quantityAt(p).lowKw() - exact),
                    er = Math.abs(r.quantityAt(p).lowKw() - exact);
            maxU = Math.max(maxU, eu);
            maxR = Math.max(maxR, er);
            sumU += eu;
            sumR += er;
        }
        String report =
                String.format(
                        "CommunityBiddingTest: 41 clearings, error at 100 prices, kW: uniform max %.4f mean %.4f;"
                                + " refined from 11 max %.4f mean %.4f",
                        maxU, sumU / 100, maxR, sumR / 100);
        System.out.println(report);
        // measured: uniform max 1.92 mean 0.121 kW; refined max 0.46 mean 0.0084 kW
        assertTrue(sumR < 0.2 * sumU && maxR < maxU, report);
    }

    @Test
    void aMisfitCommunityIsRefusedWithEveryReason() {
        MultiPeriodMarket community = withBattery();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CommunityBidding.curve(
                                        community,
                                        new double[] {0.1, 0.1},
                                        new double[] {0.1},
                                        -5,
                                        SOLVER,
                                        SolverOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("1 forecast prices for 4 periods"), e.getMessage());
        assertTrue(e.getMessage().contains("connection limit -5.0 kW"), e.getMessage());
    }
}
