package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation of CHP feasible regions: every rejection names the vertex that is wrong, valid regions
 * in either orientation give the same half-planes.
 */
class ChpRegionTest {

    /** The classic A-B-C-D region of seed Fig. 12.9 (heat, power in kW), clockwise. */
    private static final ChpRegion ABCD =
            ChpRegion.of(
                    new double[] {0, 247},
                    new double[] {180, 215},
                    new double[] {104.8, 81},
                    new double[] {0, 98.8});

    private static ChpRegion region(double... heatPower) {
        List<HeatPowerPoint> v = new ArrayList<>();
        for (int i = 0; i < heatPower.length; i += 2) {
            v.add(new HeatPowerPoint(heatPower[i], heatPower[i + 1]));
        }
        return new ChpRegion(v);
    }

    private static String onlyProblem(ChpRegion r) {
        List<String> p = r.problems();
        assertEquals(1, p.size(), "expected one problem, got " + p);
        return p.get(0);
    }

    private static void assertMentions(String problem, String... parts) {
        for (String part : parts) {
            assertTrue(problem.contains(part), "'" + problem + "' should mention '" + part + "'");
        }
    }

    @Test
    void validRegionsInEitherOrientationHaveNoProblems() {
        assertEquals(List.of(), ABCD.problems());
        List<HeatPowerPoint> reversed = new ArrayList<>(ABCD.vertices());
        Collections.reverse(reversed);
        assertEquals(List.of(), new ChpRegion(reversed).problems());
        assertEquals(List.of(), region(0, 80, 0, 400, 180, 380, 300, 200, 250, 60).problems());
        assertEquals(
                List.of(),
                region(0, 0, 50, 0, 100, 0, 100, 100, 0, 100).problems(),
                "a collinear extra vertex is allowed");
    }

    @Test
    void nonConvexVertexIsNamed() {
        String p = onlyProblem(region(0, 0, 100, 0, 30, 30, 100, 100, 0, 100));
        assertMentions(p, "vertex 2", "[30.0, 30.0]", "non-convex");
    }

    @Test
    void selfIntersectingPolygonNamesTheCrossingEdges() {
        // a symmetric bow-tie has zero signed area: it must not be mistaken for a collinear list
        String bowTie = onlyProblem(region(0, 0, 100, 100, 100, 0, 0, 100));
        assertMentions(bowTie, "vertex 0", "vertex 1", "vertex 2", "vertex 3", "not simple");
        String lopsided = onlyProblem(region(0, 0, 200, 100, 200, 0, 0, 200));
        assertMentions(lopsided, "edge from vertex 0", "edge from vertex 2", "not simple");
        // a pentagram turns the same way at every vertex: only the crossings show it
        double[] star = new double[10];
        for (int k = 0; k < 5; k++) {
            double angle = Math.PI / 2 + k * 4 * Math.PI / 5;
            star[2 * k] = 100 + 100 * Math.cos(angle);
            star[2 * k + 1] = 100 + 100 * Math.sin(angle);
        }
        assertMentions(
                onlyProblem(region(star)), "edge from vertex 0", "5 pairs of edges", "not simple");
    }

    @Test
    void repeatedVertexIsNamedWithTheOneItRepeats() {
        assertMentions(
                onlyProblem(region(0, 0, 100, 0, 100, 0, 0, 100)),
                "vertex 2 [100.0, 0.0] repeats vertex 1");
        assertMentions(
                onlyProblem(region(0, 0, 100, 0, 100, 100, 100, 0, 0, 100)),
                "vertex 3 [100.0, 0.0] repeats vertex 1");
        assertMentions(
                onlyProblem(region(0, 0, 100, 0, 0, 100, 0, 0)),
                "vertex 3 [0.0, 0.0] repeats vertex 0");
    }

    @Test
    void collinearVerticesAreDegenerateAndNamed() {
        assertMentions(
                onlyProblem(region(0, 0, 50, 50, 100, 100)),
                "vertex 1 [50.0, 50.0]",
                "vertex 0",
                "vertex 2",
                "zero area");
        assertMentions(
                onlyProblem(region(0, 0, 50, 50, 150, 150, 100, 100)), "vertex 1", "zero area");
    }

    @Test
    void boundaryThatDoublesBackIsNamed() {
        assertMentions(
                onlyProblem(region(0, 0, 200, 0, 100, 0, 100, 100)),
                "vertex 1 [200.0, 0.0] doubles back");
        assertMentions(
                onlyProblem(region(0, 0, 200, 0, 200, 200, 200, 100, 0, 200)),
                "vertex 2 [200.0, 200.0] doubles back");
    }

    @Test
    void tooFewVertices() {
        assertMentions(onlyProblem(region(0, 0, 100, 0)), "at least 3 vertices, got 2");
    }

    @Test
    void marketBuildReportsTheRegionProblemWithThePeer() {
        Peer chp =
                Peer.of("CHP12", Role.PRODUCER, 0, 300, QuadraticCost.of(0.02, 20, 0))
                        .withHeat(Injection.of(0, 300, QuadraticCost.of(0.01, 10, 0)))
                        .withChpRegion(region(0, 0, 100, 0, 30, 30, 100, 100, 0, 100));
        InvalidMarketException e =
                assertThrows(
                        InvalidMarketException.class,
                        () ->
                                Market.builder("m")
                                        .peer(chp)
                                        .consumer("C1", -100, 0, QuadraticCost.of(0.02, 40, 0))
                                        .build());
        assertEquals(1, e.violations().size(), e.violations().toString());
        assertMentions(e.violations().get(0), "peer CHP12: chpRegion vertex 2", "non-convex");
    }

    @Test
    void halfPlanesAreTheSameInEitherOrientation() {
        List<HeatPowerPoint> reversed = new ArrayList<>(ABCD.vertices());
        Collections.reverse(reversed);
        List<double[]> cw = ABCD.halfPlanes(), ccw = new ChpRegion(reversed).halfPlanes();
        assertEquals(4, cw.size());
        for (HeatPowerPoint probe :
                List.of(
                        new HeatPowerPoint(50, 150),
                        new HeatPowerPoint(200, 150),
                        new HeatPowerPoint(50, 260),
                        new HeatPowerPoint(-1, 150),
                        new HeatPowerPoint(60, 85))) {
            assertEquals(inside(cw, probe), inside(ccw, probe), "probe " + probe);
        }
        assertTrue(inside(cw, new HeatPowerPoint(50, 150)));
        for (HeatPowerPoint v : ABCD.vertices()) {
            for (double[] row : ccw) {
                assertTrue(
                        row[0] * v.heat() + row[1] * v.power() <= row[2] + 1e-9,
                        "vertex " + v + " inside every half-plane");
            }
        }
    }

    private static boolean inside(List<double[]> rows, HeatPowerPoint p) {
        return rows.stream().allMatch(r -> r[0] * p.heat() + r[1] * p.power() <= r[2] + 1e-9);
    }
}
