package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Flows with interval injections: circulations with bounds, feasible and infeasible. */
class FlowRoutingTest {

    private static final double TOL = 1e-9;

    /**
     * Asserts non-negative flows, zero on arcs not allowed, and injections within the intervals.
     */
    private static void assertRoutes(
            double[] f, double[] lower, double[] upper, int[] tail, int[] head, boolean[] allowed) {
        assertNotNull(f, "a routing exists");
        double[] x = new double[lower.length];
        for (int t = 0; t < f.length; t++) {
            assertTrue(f[t] >= 0, "flow on arc " + t + " is " + f[t]);
            if (allowed != null && !allowed[t]) {
                assertEquals(0, f[t], 0, "arc " + t + " is not allowed");
            }
            x[tail[t]] += f[t];
            x[head[t]] -= f[t];
        }
        for (int k = 0; k < x.length; k++) {
            assertTrue(
                    x[k] >= lower[k] - TOL && x[k] <= upper[k] + TOL,
                    "node "
                            + k
                            + " injects "
                            + x[k]
                            + " kW outside ["
                            + lower[k]
                            + ", "
                            + upper[k]
                            + "]");
        }
    }

    @Test
    void routingMeetsInjectionIntervalsOnAllowedArcsOnly() {
        // producers 0 and 1, consumer 2 needs exactly 50 kW; 0 may sell 0..20, 1 may sell 0..100
        double[] lower = {0, 0, -50}, upper = {20, 100, -50};
        int[] commodity = {0, 0, 0}, tail = {0, 1}, head = {2, 2};
        double[] f = FlowRouting.route(lower, upper, commodity, tail, head, null, TOL);
        assertRoutes(f, lower, upper, tail, head, null);
        assertEquals(50, f[0] + f[1], TOL);
        assertNull(
                FlowRouting.route(
                        lower, upper, commodity, tail, head, new boolean[] {true, false}, TOL),
                "producer 0 alone cannot serve 50 kW");
        boolean[] onlyOne = {false, true};
        assertRoutes(
                FlowRouting.route(lower, upper, commodity, tail, head, onlyOne, TOL),
                lower,
                upper,
                tail,
                head,
                onlyOne);
    }

    @Test
    void demandAboveSupplyIsAnInfeasibleCirculation() {
        double[] lower = {0, 0, -150}, upper = {20, 100, -150};
        assertNull(
                FlowRouting.route(
                        lower, upper, new int[3], new int[] {0, 1}, new int[] {2, 2}, null, TOL),
                "150 kW of demand exceeds 120 kW of supply");
    }

    @Test
    void mustSellAboveWhatBuyersCanTakeIsInfeasible() {
        // a fixed 80 kW must-run producer and a consumer that takes at most 60 kW
        double[] lower = {80, -60}, upper = {80, 0};
        assertNull(
                FlowRouting.route(
                        lower, upper, new int[2], new int[] {0}, new int[] {1}, null, TOL));
        double[] smaller = {50, -60};
        double[] f =
                FlowRouting.route(
                        smaller,
                        new double[] {50, 0},
                        new int[2],
                        new int[] {0},
                        new int[] {1},
                        null,
                        TOL);
        assertRoutes(f, smaller, new double[] {50, 0}, new int[] {0}, new int[] {1}, null);
        assertEquals(50, f[0], TOL);
    }

    @Test
    void routingKeepsCommoditiesApart() {
        // a heat consumer cannot be served by a power producer's surplus, nor through a power arc
        double[] lower = {0, -10}, upper = {100, -10};
        assertNull(
                FlowRouting.route(
                        lower, upper, new int[] {0, 1}, new int[0], new int[0], null, TOL));
        double[] lower2 = {0, -10, 0, -10}, upper2 = {100, -10, 100, -10};
        int[] commodity = {0, 0, 1, 1};
        double[] f =
                FlowRouting.route(
                        lower2, upper2, commodity, new int[] {0, 2}, new int[] {1, 3}, null, TOL);
        assertRoutes(f, lower2, upper2, new int[] {0, 2}, new int[] {1, 3}, null);
    }

    @Test
    void prosumersPassFlowOnAndShortfallsWithinTheToleranceAreAccepted() {
        // 0 sells 40 kW, prosumer 1 may do anything in [-5, 5], consumer 2 needs 42 kW via 1 only
        double[] lower = {40, -5, -42}, upper = {40, 5, -42};
        int[] tail = {0, 1}, head = {1, 2};
        double[] f = FlowRouting.route(lower, upper, new int[3], tail, head, null, TOL);
        assertRoutes(f, lower, upper, tail, head, null);
        assertEquals(42, f[1], TOL, "1 forwards 40 kW and adds 2 of its own");
        double[] short1 = {40, -5, -45.5}, shortU = {40, 5, -45.5};
        assertNull(
                FlowRouting.route(short1, shortU, new int[3], tail, head, null, 0.1),
                "0.5 kW short, beyond 0.1");
        assertNotNull(
                FlowRouting.route(short1, shortU, new int[3], tail, head, null, 1),
                "0.5 kW short, within 1");
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FlowRouting.route(
                                new double[2],
                                new double[3],
                                new int[2],
                                new int[0],
                                new int[0],
                                null,
                                0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FlowRouting.route(
                                new double[2],
                                new double[2],
                                new int[2],
                                new int[1],
                                new int[0],
                                null,
                                0));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FlowRouting.route(
                                new double[2],
                                new double[2],
                                new int[2],
                                new int[0],
                                new int[0],
                                null,
                                -1));
    }
}
