package org.gridbazaar.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridbazaar.formulation.ProblemSolution.IterationRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Parses the convergence SVG and checks series, decimation, the log axis and the tolerance line.
 */
class ConvergencePlotTest {

    @TempDir Path dir;

    /**
     * An interior-point-like history: residuals and barrier parameter fall by 10x per iteration
     * from 1e2.
     */
    static List<IterationRecord> geometric(int iterations) {
        List<IterationRecord> h = new ArrayList<>();
        for (int k = 1; k <= iterations; k++) {
            h.add(
                    new IterationRecord(
                            k,
                            100 * Math.pow(0.1, k),
                            30 * Math.pow(0.1, k),
                            10 * Math.pow(0.1, k)));
        }
        return h;
    }

    private static Element series(Svg svg, String name) {
        return svg.one("series", "data-series", name);
    }

    @Test
    void onePolylinePerSeriesWithOnePointPerIteration() throws Exception {
        Svg svg = Svg.parse(ConvergencePlot.svg(geometric(12), "ipm on three-peers", 1e-8));
        assertEquals(3, svg.byClass("series").size());
        for (String s : List.of("primal", "dual", "penalty")) {
            Element line = series(svg, s);
            assertEquals("polyline", line.getLocalName());
            assertEquals(12, Svg.points(line).length, s);
        }
        assertEquals("ipm on three-peers", svg.byClass("plot-title").get(0).getTextContent());
    }

    @Test
    void penaltySeriesIsLeftOutWhenTheSolverRecordsNone() throws Exception {
        List<IterationRecord> h = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            h.add(new IterationRecord(k, 1.0 / k, 2.0 / k, Double.NaN));
        }
        Svg svg = Svg.parse(ConvergencePlot.svg(h, "no penalty", Double.NaN));
        assertEquals(2, svg.byClass("series").size());
        assertTrue(svg.byClass("penalty").isEmpty());
        assertTrue(svg.byClass("tolerance").isEmpty(), "NaN tolerance draws no line");
    }

    @Test
    void pointsThatALogScaleCannotShowAreSkipped() throws Exception {
        double[] primal = {1, 0, Double.NaN, -3, 1e-3, Double.POSITIVE_INFINITY, 1e-5};
        List<IterationRecord> h = new ArrayList<>();
        for (int k = 0; k < primal.length; k++) {
            h.add(new IterationRecord(k + 1, primal[k], 0.5, Double.NaN));
        }
        Svg svg = Svg.parse(ConvergencePlot.svg(h, "zeros", 0));
        double[][] pts = Svg.points(series(svg, "primal"));
        assertEquals(3, pts.length, "only 1, 1e-3 and 1e-5 can be drawn");
        for (double[] p : pts) {
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        }
        assertEquals(7, Svg.points(series(svg, "dual")).length);
        assertTrue(pts[0][0] < pts[1][0] && pts[1][0] < pts[2][0], "iterations run left to right");
    }

    @Test
    void theReturnedPointIsDrawnAndNamedWhereTheHistoryEndsElsewhere() throws Exception {
        // a forest pass ends with a dual residual of 3 in its history, and the point it returns has
        // 1e-13 and 0
        List<IterationRecord> h =
                List.of(
                        new IterationRecord(1, 0, 40, Double.NaN),
                        new IterationRecord(2, 0, 3, Double.NaN));
        Svg svg = Svg.parse(ConvergencePlot.svg(h, "forest", Double.NaN, Double.NaN, 1e-13, 0));
        List<Element> returned = svg.byClass("returned");
        assertEquals(1, returned.size(), "only the positive residual can be drawn on a log scale");
        assertTrue(Svg.hasClass(returned.get(0), "primal"));
        assertEquals(1e-13, Double.parseDouble(returned.get(0).getAttribute("data-value")));
        List<String> labels =
                svg.byClass("returned-label").stream().map(Element::getTextContent).toList();
        assertEquals(
                List.of("returned point 1.00e-13", "returned point 0 (not on a log scale)"),
                labels);
    }

    @Test
    void withoutAReturnedPointTheLegendSaysNothingOfIt() throws Exception {
        Svg svg = Svg.parse(ConvergencePlot.svg(geometric(5), "ipm", 1e-8));
        assertTrue(svg.byClass("returned").isEmpty());
        assertTrue(svg.byClass("returned-label").isEmpty());
    }

    @Test
    void singleIterationIsAVisibleMarker() throws Exception {
        Svg svg =
                Svg.parse(
                        ConvergencePlot.svg(
                                List.of(new IterationRecord(1, 3e-7, 4e-9, Double.NaN)),
                                "one",
                                1e-6));
        assertEquals(1, Svg.points(series(svg, "primal")).length);
        assertEquals(
                1, svg.byClass("point").stream().filter(e -> Svg.hasClass(e, "primal")).count());
        assertEquals(1, svg.byClass("point").stream().filter(e -> Svg.hasClass(e, "dual")).count());
    }

    @Test
    void emptyHistorySaysSo() throws Exception {
        Svg svg = Svg.parse(ConvergencePlot.svg(List.of(), "nothing", 1e-6));
        assertEquals("no iterations recorded", svg.byClass("no-data").get(0).getTextContent());
        for (Element s : svg.byClass("series")) {
            assertEquals(0, Svg.points(s).length);
        }
    }

    /** ADMM-like: a slowly falling, oscillating residual over thousands of iterations. */
    static List<IterationRecord> oscillating(int iterations) {
        List<IterationRecord> h = new ArrayList<>();
        for (int k = 1; k <= iterations; k++) {
            double trend = 10 * Math.exp(-k / 800.0);
            double wobble = 1 + 0.8 * Math.sin(k * 0.37);
            h.add(
                    new IterationRecord(
                            k, trend * wobble, trend * 0.1 * (2 - wobble), k % 50 == 0 ? 2 : 1));
        }
        h.set(1234, new IterationRecord(1235, 5e-6, 1e-3, 1)); // a dip the envelope must keep
        return h;
    }

    @Test
    void thousandsOfIterationsAreDecimatedToTheEnvelope() throws Exception {
        List<IterationRecord> h = oscillating(5000);
        Svg svg = Svg.parse(ConvergencePlot.svg(h, "admm", 1e-4));
        int[] kept =
                ConvergencePlot.keptIndices(
                        h, IterationRecord::primalResidual, ConvergencePlot.MAX_POINTS);
        double[][] pts = Svg.points(series(svg, "primal"));
        assertEquals(kept.length, pts.length);
        assertTrue(
                pts.length <= ConvergencePlot.MAX_POINTS
                        && pts.length > ConvergencePlot.MAX_POINTS / 2,
                "points " + pts.length);
        assertEquals(0, kept[0]);
        assertEquals(4999, kept[kept.length - 1]);
        assertTrue(Arrays.stream(kept).anyMatch(i -> i == 1234), "the deepest dip is kept");
        for (int i = 1; i < kept.length; i++) {
            assertTrue(kept[i] > kept[i - 1], "ascending");
            assertTrue(pts[i][0] >= pts[i - 1][0], "x runs with the iteration");
        }
        int maxAt = 0;
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).primalResidual() > h.get(maxAt).primalResidual()) {
                maxAt = i;
            }
        }
        int peak = maxAt;
        assertTrue(Arrays.stream(kept).anyMatch(i -> i == peak), "the highest point is kept");
        assertTrue(svg.byClass("point").isEmpty(), "no markers on hundreds of points");
        assertTrue(svg.byClass("plot-summary").get(0).getTextContent().contains("envelope"));
    }

    @Test
    void decimationKeepsEverythingUpToTheBoundAndRejectsTinyBounds() {
        List<IterationRecord> h = geometric(10);
        assertEquals(
                10, ConvergencePlot.keptIndices(h, IterationRecord::primalResidual, 10).length);
        int[] few =
                ConvergencePlot.keptIndices(oscillating(3000), IterationRecord::dualResidual, 20);
        assertTrue(few.length <= 20 && few.length >= 10, Arrays.toString(few));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConvergencePlot.keptIndices(h, IterationRecord::primalResidual, 3));
    }

    @Test
    void logAxisMapsValuesMonotonicallyAndDecadesEvenly() {
        ConvergencePlot.LogAxis axis = ConvergencePlot.LogAxis.spanning(3e-9, 4e2, 500, 50);
        assertEquals(-9, axis.lowDecade(), "3e-9 lies in the decade from 1e-9");
        assertEquals(3, axis.highDecade());
        double previous = Double.POSITIVE_INFINITY;
        for (double v = 3e-9; v <= 4e2; v *= 1.7) {
            double y = axis.y(v);
            assertTrue(y < previous, "larger values are higher up (smaller y): " + v);
            assertTrue(y <= 500 && y >= 50, "inside the frame: " + v);
            previous = y;
        }
        double decade = axis.y(1e-3) - axis.y(1e-2);
        assertEquals(
                decade, axis.y(1e1) - axis.y(1e2), 1e-9, "every decade is as tall as every other");
        assertEquals(
                axis.y(1e-4),
                (axis.y(1e-5) + axis.y(1e-3)) / 2,
                1e-9,
                "log scale: 1e-4 midway between 1e-5 and 1e-3");
    }

    @Test
    void tickLabelsAndPointsAgreeWithTheLogScale() throws Exception {
        Svg svg = Svg.parse(ConvergencePlot.svg(geometric(8), "ticks", Double.NaN));
        List<Element> ticks = svg.byClass("y-tick-label");
        assertTrue(ticks.size() >= 5);
        for (int i = 1; i < ticks.size(); i++) {
            int d0 = Integer.parseInt(ticks.get(i - 1).getAttribute("data-decade"));
            int d1 = Integer.parseInt(ticks.get(i).getAttribute("data-decade"));
            assertTrue(d1 > d0);
            assertTrue(
                    Svg.num(ticks.get(i), "y") < Svg.num(ticks.get(i - 1), "y"),
                    "higher decades higher up");
        }
        // primal at iteration 3 is 100 * 1e-3 = 1e-1: on the tick of decade -1 (the label sits 4 px
        // below the tick)
        double[][] pts = Svg.points(series(svg, "primal"));
        Element tick = svg.one("y-tick-label", "data-decade", "-1");
        assertEquals(Svg.num(tick, "y") - 4, pts[2][1], 0.02);
        assertTrue(pts[0][1] < pts[7][1], "a falling residual goes down the page");
    }

    @Test
    void toleranceIsADashedLineAtItsValue() throws Exception {
        Svg svg = Svg.parse(ConvergencePlot.svg(geometric(8), "tolerance", 1e-6));
        Element tol = svg.byClass("tolerance").get(0);
        assertEquals(1, svg.byClass("tolerance").size());
        assertEquals(Svg.num(tol, "y1"), Svg.num(tol, "y2"), 0);
        assertEquals(
                Svg.num(svg.one("y-tick-label", "data-decade", "-6"), "y") - 4,
                Svg.num(tol, "y1"),
                0.02);
        assertTrue(!tol.getAttribute("stroke-dasharray").isBlank());

        Svg two = Svg.parse(ConvergencePlot.svg(geometric(8), "two", 1e-6, 1e-4));
        assertEquals(2, two.byClass("tolerance").size());
        assertEquals(
                1,
                two.byClass("primal").stream().filter(e -> Svg.hasClass(e, "tolerance")).count());
        assertEquals(
                1, two.byClass("dual").stream().filter(e -> Svg.hasClass(e, "tolerance")).count());
    }

    @Test
    void titleIsEscapedAndFileMatches() throws Exception {
        String title = "admm <fast> & \"good\"";
        Path file = dir.resolve("conv.svg");
        ConvergencePlot.write(file, geometric(4), title, 1e-3);
        String text = Files.readString(file);
        assertEquals(ConvergencePlot.svg(geometric(4), title, 1e-3), text);
        assertEquals(title, Svg.parse(text).byClass("plot-title").get(0).getTextContent());
    }
}
