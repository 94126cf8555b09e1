package org.gridbazaar.solver.joptimizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two exact building blocks under the price recovery and the starting point. */
class GeometryAndRoutingTest {

    private static Plane.Cone cone(double[]... generators) {
        return new Plane.Cone(List.of(generators));
    }

    @Test
    void coneOfTwoAxesIsTheQuadrant() {
        Plane.Cone k = cone(new double[] {1, 0}, new double[] {0, 2});
        assertEquals(0, k.distance(new double[] {3, 4}), 1e-12);
        assertEquals(1, k.distance(new double[] {-1, 5}), 1e-12, "nearest point (0, 5)");
        assertEquals(5, k.distance(new double[] {-3, -4}), 1e-12, "nearest point the apex");
    }

    @Test
    void singleGeneratorIsARayNotALine() {
        Plane.Cone k = cone(new double[] {1, 1});
        assertEquals(0, k.distance(new double[] {2, 2}), 1e-12);
        assertEquals(Math.hypot(2, 2), k.distance(new double[] {-2, -2}), 1e-12, "the opposite ray is outside");
        assertEquals(Math.sqrt(2), k.distance(new double[] {2, 0}), 1e-12);
    }

    @Test
    void oppositeGeneratorsSpanALineAndAThirdMakesAHalfPlane() {
        Plane.Cone line = cone(new double[] {1, 0}, new double[] {-1, 0});
        assertEquals(0, line.distance(new double[] {-7, 0}), 1e-12);
        assertEquals(3, line.distance(new double[] {4, -3}), 1e-12, "below the line");
        assertEquals(3, line.distance(new double[] {4, 3}), 1e-12, "above the line too");
        Plane.Cone half = cone(new double[] {1, 0}, new double[] {-1, 0}, new double[] {0.3, 1});
        assertEquals(0, half.distance(new double[] {-4, 3}), 1e-12);
        assertEquals(3, half.distance(new double[] {4, -3}), 1e-12);
    }

    @Test
    void generatorsAroundTheOriginSpanThePlaneAndNoneGiveTheApex() {
        Plane.Cone all = cone(new double[] {1, 0}, new double[] {-1, 1}, new double[] {-1, -1});
        assertEquals(0, all.distance(new double[] {-5, 0.1}), 1e-12);
        Plane.Cone apex = cone();
        assertEquals(5, apex.distance(new double[] {3, 4}), 1e-12);
    }

    @Test
    void clippingABoxByAHalfPlaneKeepsTheRightTriangle() {
        List<double[]> tri = Plane.clip(Plane.box(0, 2, 0, 2), 1, 1, 2, 0); // x + y <= 2
        double[] c = Plane.centroid(tri);
        assertTrue(c[0] + c[1] < 2 && c[0] > 0 && c[1] > 0, "centroid inside: " + c[0] + ", " + c[1]);
        assertTrue(Plane.clip(Plane.box(0, 1, 0, 1), 1, 1, -1, 0).isEmpty(), "x + y <= -1 misses the unit box");
    }

    @Test
    void routingMeetsInjectionIntervalsOnAllowedArcsOnly() {
        // producers 0 and 1, consumer 2 needs exactly 50 kW; 0 may sell 0..20, 1 may sell 0..100
        double[] lower = {0, 0, -50}, upper = {20, 100, -50};
        int[] commodity = {0, 0, 0}, tail = {0, 1}, head = {2, 2};
        double[] f = FlowRouting.route(lower, upper, commodity, tail, head, null, 1e-9);
        assertNotNull(f);
        assertEquals(50, f[0] + f[1], 1e-9);
        assertTrue(f[0] <= 20 + 1e-9 && f[0] >= 0 && f[1] >= 0);
        assertNull(FlowRouting.route(lower, upper, commodity, tail, head, new boolean[] {true, false}, 1e-9),
                "producer 0 alone cannot serve 50 kW");
        double[] bigDemand = {0, 0, -150}, bigDemandUpper = {20, 100, -150};
        assertNull(FlowRouting.route(bigDemand, bigDemandUpper, commodity, tail, head, null, 1e-9),
                "150 kW of demand exceeds 120 kW of supply");
    }

    @Test
    void routingKeepsCommoditiesApart() {
        // a heat consumer cannot be served by a power producer's surplus
        double[] lower = {0, -10}, upper = {100, -10};
        assertNull(FlowRouting.route(lower, upper, new int[] {0, 1}, new int[0], new int[0], null, 1e-9));
    }
}
