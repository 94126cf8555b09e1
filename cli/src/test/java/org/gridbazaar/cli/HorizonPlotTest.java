package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gridbazaar.cli.plot.HorizonPlot;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@link HorizonPlot} and {@code solve --plot-horizon}: well-formed SVG, one series per peer shown,
 * values inside the plot area.
 */
class HorizonPlotTest {

    static MultiPeriodMarket day;
    static MultiPeriodResult dayResult;

    @TempDir Path dir;

    @BeforeAll
    static void clearTheDay() {
        day = CommunityDayCaseTest.communityDay();
        dayResult = MultiPeriodClearing.clear(day);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<Element> byClass(Document d, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split("\\s+")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** x, y, width, height of the plot area. */
    static double[] area(Document d) {
        Element a = byClass(d, "plot-area").get(0);
        return new double[] {num(a, "x"), num(a, "y"), num(a, "width"), num(a, "height")};
    }

    @Test
    void manyPeersGiveTheTopPeersAndOthersEachOneSeriesAndOneLegendEntry() throws Exception {
        Document d = parse(HorizonPlot.traded(day, dayResult));
        List<Element> series = byClass(d, "series");
        assertEquals(HorizonPlot.MAX_PEERS_SHOWN + 1, series.size());
        Set<String> ids = new LinkedHashSet<>();
        series.forEach(s -> ids.add(s.getAttribute("data-peer")));
        assertEquals(series.size(), ids.size(), "one series per peer: " + ids);
        assertTrue(ids.contains(HorizonPlot.OTHERS));
        Set<String> legend = new LinkedHashSet<>();
        byClass(d, "legend-entry").forEach(e -> legend.add(e.getAttribute("data-peer")));
        assertEquals(ids, legend);
    }

    @Test
    void barsLieInThePlotAreaScaleWithTheirPowerAndBalanceInEveryPeriod() throws Exception {
        Document d = parse(HorizonPlot.traded(day, dayResult));
        double[] a = area(d);
        Element zero = byClass(d, "zero-axis").get(0);
        double zeroY = num(zero, "y1");
        double scale = Double.NaN;
        Map<Integer, double[]> stacks = new HashMap<>();
        for (Element bar : byClass(d, "bar")) {
            double x = num(bar, "x"),
                    y = num(bar, "y"),
                    w = num(bar, "width"),
                    h = num(bar, "height"),
                    kw = num(bar, "data-kw");
            assertTrue(
                    x >= a[0] - 0.01
                            && x + w <= a[0] + a[2] + 0.01
                            && y >= a[1] - 0.01
                            && y + h <= a[1] + a[3] + 0.01,
                    "bar inside the plot area: "
                            + bar.getAttribute("data-peer")
                            + " "
                            + bar.getAttribute("data-period"));
            if (kw > 0) {
                assertTrue(y + h <= zeroY + 0.02, "a seller's bar above the axis");
            } else {
                assertTrue(y >= zeroY - 0.02, "a buyer's bar below the axis");
            }
            if (Math.abs(kw) > 50) {
                double s = h / Math.abs(kw);
                if (Double.isNaN(scale)) {
                    scale = s;
                }
                assertEquals(scale, s, 0.02 / Math.abs(kw) + 1e-3 * scale, "px per kW");
            }
            double[] st =
                    stacks.computeIfAbsent(
                            Integer.parseInt(bar.getAttribute("data-period")), k -> new double[2]);
            st[kw > 0 ? 0 : 1] += h;
        }
        assertFalse(Double.isNaN(scale));
        stacks.forEach(
                (t, st) -> assertEquals(st[0], st[1], 0.5, "period " + t + ": sold = bought"));
    }

    @Test
    void aFewPeersAreDrawnEachWithTheirOwnSeriesAndNoOthers() throws Exception {
        MultiPeriodMarket m =
                ((MarketCase.MultiPeriod)
                                CaseReader.readCase(MultiPeriodCommandTest.ARBITRAGE, "arbitrage"))
                        .market();
        MultiPeriodResult r = MultiPeriodClearing.clear(m);
        Document d = parse(HorizonPlot.traded(m, r));
        Set<String> ids = new LinkedHashSet<>();
        byClass(d, "series").forEach(s -> ids.add(s.getAttribute("data-peer")));
        assertEquals(Set.of("G", "L", "B"), ids);
        // period 0: G sells 20 kW, L and B buy 10 each; the seller's bar is twice each buyer's
        double g = 0, l = 0;
        for (Element bar : byClass(d, "bar")) {
            if (bar.getAttribute("data-period").equals("0")) {
                if (bar.getAttribute("data-peer").equals("G")) {
                    g = num(bar, "height");
                } else if (bar.getAttribute("data-peer").equals("L")) {
                    l = num(bar, "height");
                }
            }
        }
        assertEquals(2 * l, g, 0.05);
    }

    @Test
    void storageLinesStayInThePlotAreaAndBelowTheirCapacity() throws Exception {
        Document d = parse(HorizonPlot.storage(day, dayResult));
        double[] a = area(d);
        List<Element> lines = byClass(d, "energy"), caps = byClass(d, "capacity");
        assertEquals(day.storage().size(), lines.size());
        assertEquals(day.storage().size(), caps.size());
        for (int k = 0; k < lines.size(); k++) {
            Element line = lines.get(k), cap = caps.get(k);
            assertEquals(line.getAttribute("data-peer"), cap.getAttribute("data-peer"));
            String[] points = line.getAttribute("points").trim().split("\\s+");
            assertEquals(
                    day.periodCount() + 1,
                    points.length,
                    "initial energy and one point per period");
            double capY = num(cap, "y1"), bottom = a[1] + a[3];
            double capKwh = num(cap, "data-kwh");
            double lastKwh =
                    dayResult
                            .storage(line.getAttribute("data-peer"))
                            .orElseThrow()
                            .energyKwh(day.periodCount() - 1);
            for (int i = 0; i < points.length; i++) {
                String[] xy = points[i].split(",");
                double x = Double.parseDouble(xy[0]), y = Double.parseDouble(xy[1]);
                assertTrue(
                        x >= a[0] - 0.01
                                && x <= a[0] + a[2] + 0.01
                                && y >= a[1] - 0.01
                                && y <= bottom + 0.01,
                        points[i]);
                assertTrue(y >= capY - 0.02, "energy at most the capacity");
                if (i == points.length - 1) {
                    assertEquals(
                            lastKwh / capKwh,
                            (bottom - y) / (bottom - capY),
                            0.01,
                            "the last point maps its energy");
                }
            }
        }
    }

    @Test
    void solveDrawsBothPlotsOfAVersionTwoCase() throws Exception {
        Path c = Files.writeString(dir.resolve("a.json"), MultiPeriodCommandTest.ARBITRAGE);
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        c.toString(),
                        "-o",
                        dir.resolve("r.json").toString(),
                        "--plot-horizon",
                        dir.resolve("arb").toString());
        assertEquals(0, r.exit(), r.err());
        parse(Files.readString(dir.resolve("arb-traded.svg")));
        Document s = parse(Files.readString(dir.resolve("arb-storage.svg")));
        assertEquals(1, byClass(s, "energy").size());
    }

    @Test
    void aVersionOneCaseOrABadPathIsRefusedBeforeSolving() throws Exception {
        Path v1 = Files.writeString(dir.resolve("v1.json"), GridBazaarCommandTest.TWO_PEERS);
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        v1.toString(),
                        "-o",
                        dir.resolve("r.json").toString(),
                        "--plot-horizon",
                        dir.resolve("p").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--plot-horizon") && r.err().contains("version-2"), r.err());
        assertFalse(Files.exists(dir.resolve("r.json")));
        Path c = Files.writeString(dir.resolve("a.json"), MultiPeriodCommandTest.ARBITRAGE);
        GridBazaarCommandTest.Run bad =
                GridBazaarCommandTest.run(
                        "solve",
                        c.toString(),
                        "-o",
                        dir.resolve("r2.json").toString(),
                        "--plot-horizon",
                        dir.resolve("missing/p").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--plot-horizon"), bad.err());
        assertFalse(Files.exists(dir.resolve("r2.json")));
    }
}
