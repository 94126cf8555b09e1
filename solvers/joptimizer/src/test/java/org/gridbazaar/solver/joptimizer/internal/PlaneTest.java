package org.gridbazaar.solver.joptimizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact plane geometry under the CHP peers' price placement and local feasibility check. */
class PlaneTest {

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
        assertEquals(
                Math.hypot(2, 2),
                k.distance(new double[] {-2, -2}),
                1e-12,
                "the opposite ray is outside");
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
        assertTrue(
                c[0] + c[1] < 2 && c[0] > 0 && c[1] > 0, "centroid inside: " + c[0] + ", " + c[1]);
        assertTrue(
                Plane.clip(Plane.box(0, 1, 0, 1), 1, 1, -1, 0).isEmpty(),
                "x + y <= -1 misses the unit box");
    }
}
