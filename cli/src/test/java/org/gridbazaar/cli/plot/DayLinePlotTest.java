package org.gridbazaar.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DayLinePlotTest {

    @Test
    void eachSeriesIsAStepLineOverItsPeriodsWithHigherValuesHigherUp() {
        String svg =
                DayLinePlot.plot(
                        "t",
                        "s",
                        "kW",
                        0,
                        List.of(
                                DayLinePlot.Series.of("a", new double[] {1, 3}),
                                new DayLinePlot.Series("b", new double[] {-2, 0}, true)));
        assertTrue(svg.startsWith("<?xml") && svg.trim().endsWith("</svg>"));
        Matcher m =
                Pattern.compile("data-series=\"a\">\\s*<polyline points=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find(), svg);
        String[] points = m.group(1).split(" ");
        assertEquals(4, points.length, "two points per period");
        double y0 = Double.parseDouble(points[0].split(",")[1]),
                y1 = Double.parseDouble(points[2].split(",")[1]);
        assertTrue(y1 < y0, "3 kW is drawn above 1 kW");
        assertEquals(points[1].split(",")[0], points[2].split(",")[0], "the periods join at one x");
        assertTrue(svg.contains("data-series=\"b\"") && svg.contains("stroke-dasharray=\"6,4\""));
    }

    @Test
    void seriesOfDifferentLengthsAreRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                DayLinePlot.plot(
                                        "t",
                                        "s",
                                        "kW",
                                        0,
                                        List.of(
                                                DayLinePlot.Series.of("a", new double[] {1, 3}),
                                                DayLinePlot.Series.of("b", new double[] {1}))));
        assertTrue(e.getMessage().contains("series b has 1 values, not 2"), e.getMessage());
    }
}
