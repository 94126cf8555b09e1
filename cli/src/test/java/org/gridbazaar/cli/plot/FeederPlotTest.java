package org.gridbazaar.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gridbazaar.model.ChpRegion;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** Parses the feeder SVG and checks its structure, classes and the geometry of the flow arrows. */
class FeederPlotTest {

    @TempDir Path dir;

    /**
     * B1 (root) - L1 - B2, B3 - L2 - B2 (written child to parent), B2 - L3 - B4 (no capacity). A
     * cheap PV and a CHP at B3 behind the 50 kW line L2, a consumer at B4, a prosumer at B2 and an
     * expensive grid connection at the root: clearing pushes more than 50 kW through L2.
     */
    static Market fourBus() {
        Network net =
                new Network(
                        12.66,
                        "B1",
                        List.of(
                                Line.of("L1", "B1", "B2", 0.1, 0.05, 500),
                                Line.of("L2", "B3", "B2", 0.2, 0.1, 50),
                                Line.of("L3", "B2", "B4", 0.2, 0.1)));
        return Market.builder("four-bus")
                .network(net)
                .peer(
                        Peer.of("G", Role.PRODUCER, 0, 1000, QuadraticCost.of(0.01, 60, 0))
                                .atBus("B1"))
                .peer(
                        Peer.of("PV", Role.PRODUCER, 0, 200, QuadraticCost.of(0.01, 5, 0))
                                .atBus("B3"))
                .peer(
                        new Peer(
                                PeerId.of("CHP"),
                                Role.PRODUCER,
                                "B3",
                                Injection.of(0, 100, QuadraticCost.of(0.05, 30, 0)),
                                Injection.of(0, 80, QuadraticCost.of(0.02, 8, 0)),
                                ChpRegion.of(
                                        new double[] {0, 10},
                                        new double[] {0, 100},
                                        new double[] {80, 90},
                                        new double[] {80, 20})))
                .peer(
                        new Peer(
                                PeerId.of("C"),
                                Role.CONSUMER,
                                "B4",
                                Injection.of(-250, -100, QuadraticCost.of(0.06, 80, 0)),
                                Injection.of(-60, -10, QuadraticCost.of(0.04, 40, 0)),
                                null))
                .peer(
                        Peer.of("P", Role.PROSUMER, -20, 20, QuadraticCost.of(0.2, 40, 0))
                                .atBus("B2"))
                .build();
    }

    /**
     * A result with the given line flows (kW, positive from -> to) and the given congested list.
     */
    static MarketResult withFlows(
            Market m, Map<String, Double> flowKw, List<String> listedCongested) {
        List<LineFlow> flows = new ArrayList<>();
        for (Line l : m.network().orElseThrow().lines()) {
            double f = flowKw.getOrDefault(l.id(), 0.0);
            flows.add(
                    new LineFlow(
                            l.id(),
                            f,
                            l.capacity().isPresent()
                                    ? 100 * Math.abs(f) / l.capacityKw()
                                    : Double.NaN));
        }
        List<PeerOutcome> peers =
                m.peers().stream()
                        .map(p -> new PeerOutcome(p.id(), 0, Double.NaN, 0, Double.NaN, 0))
                        .toList();
        return new MarketResult(
                m.name(),
                Status.OPTIMAL,
                0,
                peers,
                List.of(),
                List.of(),
                Optional.of(new NetworkOutcome(flows, 1.5, listedCongested, List.of())),
                new SolverStats("test", 1, 0, 0, 0, Double.NaN));
    }

    private static Set<String> attributeSet(List<Element> elements, String attribute) {
        return elements.stream()
                .map(e -> e.getAttribute(attribute))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> busesOf(Market m) {
        return new TreeSet<>(m.network().orElseThrow().buses());
    }

    private static Set<String> linesOf(Market m) {
        return m.network().orElseThrow().lines().stream()
                .map(Line::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void oneElementPerBusLineAndPeer() throws Exception {
        Market m = fourBus();
        Svg svg = Svg.parse(FeederPlot.svg(m, MarketClearing.clear(m)));
        List<Element> buses = svg.byClass("bus");
        assertEquals(4, buses.size());
        assertEquals(busesOf(m), attributeSet(buses, "data-bus"));
        buses.forEach(b -> assertEquals("circle", b.getLocalName()));
        assertEquals(
                List.of("B1"),
                svg.byClass("root").stream().map(e -> e.getAttribute("data-bus")).toList());
        List<Element> lines = svg.byClass("line");
        assertEquals(3, lines.size());
        assertEquals(linesOf(m), attributeSet(lines, "data-line"));
        List<Element> peers = svg.byClass("peer");
        assertEquals(5, peers.size());
        assertEquals(Set.of("G", "PV", "CHP", "C", "P"), attributeSet(peers, "data-peer"));
        for (Element p : peers) {
            String bus = m.peer(PeerId.of(p.getAttribute("data-peer"))).orElseThrow().bus();
            assertEquals(bus, p.getAttribute("data-bus"), "peer " + p.getAttribute("data-peer"));
        }
        assertEquals(5, svg.byClass("peer-label").size(), "a small feeder labels every peer");
        assertEquals(4, svg.byClass("bus-label").size());
    }

    @Test
    void peersAreDrawnByKind() throws Exception {
        Market m = fourBus();
        Svg svg = Svg.parse(FeederPlot.svg(m, null));
        assertTrue(Svg.hasClass(svg.one("peer", "data-peer", "G"), "producer"));
        assertTrue(
                Svg.hasClass(svg.one("peer", "data-peer", "C"), "consumer"),
                "a consumer with heat demand is no CHP");
        assertTrue(Svg.hasClass(svg.one("peer", "data-peer", "P"), "prosumer"));
        Element chp = svg.one("peer", "data-peer", "CHP");
        assertTrue(Svg.hasClass(chp, "chp"));
        assertEquals("producer", chp.getAttribute("data-role"));
        assertEquals("circle", chp.getLocalName());
        assertEquals("polygon", svg.one("peer", "data-peer", "G").getLocalName());
    }

    @Test
    void linesRunFromTheirFromBusToTheirToBus() throws Exception {
        Market m = fourBus();
        Svg svg = Svg.parse(FeederPlot.svg(m, null));
        for (Line l : m.network().orElseThrow().lines()) {
            Element e = svg.one("line", "data-line", l.id());
            assertEquals(l.from(), e.getAttribute("data-from"));
            assertEquals(l.to(), e.getAttribute("data-to"));
            double[][] pts = Svg.points(e);
            double[] from = centre(svg, l.from()), to = centre(svg, l.to());
            // the polyline starts at (or on the circle of) the from bus and ends on the to bus
            assertTrue(
                    Math.hypot(pts[0][0] - from[0], pts[0][1] - from[1]) <= 7.01,
                    l.id() + " starts at " + l.from());
            assertTrue(
                    Math.hypot(pts[pts.length - 1][0] - to[0], pts[pts.length - 1][1] - to[1])
                            <= 7.01,
                    l.id() + " ends at " + l.to());
        }
    }

    private static double[] centre(Svg svg, String bus) {
        Element c = svg.one("bus", "data-bus", bus);
        return new double[] {Svg.num(c, "cx"), Svg.num(c, "cy")};
    }

    /** The direction of an arrow: from the middle of its base to its tip (the first point). */
    private static double[] arrowDirection(Element arrow) {
        double[][] p = Svg.points(arrow);
        assertEquals(3, p.length, "an arrow is a triangle");
        double baseX = (p[1][0] + p[2][0]) / 2, baseY = (p[1][1] + p[2][1]) / 2;
        return new double[] {p[0][0] - baseX, p[0][1] - baseY};
    }

    /**
     * Asserts that the arrow of every line with a non-zero flow points from its upstream bus to its
     * downstream bus.
     */
    private static void assertArrowsFollowFlows(Svg svg, Market m, MarketResult r) {
        Map<String, Double> flows = new LinkedHashMap<>();
        r.network().orElseThrow().lineFlows().forEach(f -> flows.put(f.lineId(), f.flowKw()));
        for (Line l : m.network().orElseThrow().lines()) {
            double f = flows.get(l.id());
            List<Element> arrows =
                    svg.index("flow-arrow", "data-line").getOrDefault(l.id(), List.of());
            if (Math.abs(f) < 1e-6) {
                assertTrue(arrows.size() <= 1, l.id());
                continue;
            }
            assertEquals(1, arrows.size(), "one arrow on " + l.id());
            // positive flow runs from -> to (LineFlow's documented convention)
            String up = f > 0 ? l.from() : l.to(), down = f > 0 ? l.to() : l.from();
            double[] u = centre(svg, up), d = centre(svg, down), a = arrowDirection(arrows.get(0));
            double dot = a[0] * (d[0] - u[0]) + a[1] * (d[1] - u[1]);
            assertTrue(
                    dot > 0,
                    l.id()
                            + " with flow "
                            + f
                            + " kW: arrow must point from "
                            + up
                            + " to "
                            + down);
        }
    }

    @Test
    void arrowsPointDownstreamForBothSignsAndBothLineOrientations() throws Exception {
        Market m = fourBus();
        // L1 is written parent -> child, L2 child -> parent; each gets both signs
        for (double sign : new double[] {1, -1}) {
            MarketResult r =
                    withFlows(
                            m,
                            Map.of("L1", sign * 120.0, "L2", sign * 30.0, "L3", -sign * 80.0),
                            List.of());
            Svg svg = Svg.parse(FeederPlot.svg(m, r));
            assertEquals(3, svg.byClass("flow-arrow").size());
            assertArrowsFollowFlows(svg, m, r);
            Element l2 = svg.one("line", "data-line", "L2");
            assertEquals(sign * 30.0, Svg.num(l2, "data-flow-kw"), 1e-12);
            assertEquals(60.0, Svg.num(l2, "data-loading-percent"), 1e-9);
        }
    }

    @Test
    void arrowOfAPositiveFlowOnAChildToParentLinePointsTowardsTheRoot() throws Exception {
        Market m = fourBus();
        Svg svg = Svg.parse(FeederPlot.svg(m, withFlows(m, Map.of("L2", 30.0), List.of())));
        // L2 runs from B3 to B2 and B2 is B3's parent, to the left of it: the arrow points left
        assertTrue(centre(svg, "B2")[0] < centre(svg, "B3")[0]);
        assertTrue(arrowDirection(svg.one("flow-arrow", "data-line", "L2"))[0] < 0);
        assertTrue(
                svg.byClass("flow-arrow").stream()
                        .noneMatch(a -> a.getAttribute("data-line").equals("L1")),
                "no arrow on a line without flow");
    }

    @Test
    void solvedFeederMarksItsCongestedLinesAndArrowsFollowTheSolverFlows() throws Exception {
        Market m = fourBus();
        MarketResult r = MarketClearing.clear(m);
        assertTrue(r.status().hasSolution(), r.status().toString());
        NetworkOutcome net = r.network().orElseThrow();
        assertTrue(
                net.congestedLines().contains("L2"),
                "the cheap producers behind L2 overload it: " + net.lineFlows());
        Svg svg = Svg.parse(FeederPlot.svg(m, r));
        Set<String> expected = new TreeSet<>(net.congestedLines());
        assertEquals(expected, attributeSet(svg.byClass("congested"), "data-line"));
        assertEquals(expected, attributeSet(svg.byClass("congestion-mark"), "data-line"));
        for (Element e : svg.byClass("congested")) {
            assertEquals("polyline", e.getLocalName());
            assertFalse(e.getAttribute("stroke-dasharray").isBlank(), "congested lines are dashed");
        }
        assertArrowsFollowFlows(svg, m, r);
        String summary = svg.byClass("plot-summary").get(0).getTextContent();
        assertTrue(summary.contains("1 congested line: L2"), summary);
    }

    @Test
    void linesOverCapacityAreCongestedEvenWhenTheResultDoesNotListThem() throws Exception {
        Market m = fourBus();
        // L1 (500 kW) carries 600 kW, L2 (50 kW) exactly 50 kW, L3 has no capacity; the result
        // lists L3
        MarketResult r = withFlows(m, Map.of("L1", 600.0, "L2", 50.0, "L3", 900.0), List.of("L3"));
        Svg svg = Svg.parse(FeederPlot.svg(m, r));
        assertEquals(Set.of("L1", "L3"), attributeSet(svg.byClass("congested"), "data-line"));
        assertTrue(Svg.hasClass(svg.one("line", "data-line", "L3"), "no-capacity"));
        assertFalse(
                Svg.hasClass(svg.one("line", "data-line", "L2"), "congested"),
                "at capacity is not over it");
    }

    @Test
    void withoutResultDrawsTheTopologyOnly() throws Exception {
        Market m = fourBus();
        Svg svg = Svg.parse(FeederPlot.svg(m, null));
        assertEquals(4, svg.byClass("bus").size());
        assertEquals(3, svg.byClass("line").size());
        assertEquals(5, svg.byClass("peer").size());
        assertTrue(svg.byClass("flow-arrow").isEmpty());
        assertTrue(svg.byClass("congested").isEmpty());
        svg.byClass("line").forEach(l -> assertFalse(l.hasAttribute("data-flow-kw")));
        assertTrue(svg.byClass("plot-summary").get(0).getTextContent().contains("topology only"));
    }

    @Test
    void resultWithoutNetworkQuantitiesDrawsTheTopologyAndSaysWhy() throws Exception {
        Market m = fourBus();
        MarketResult infeasible =
                new MarketResult(
                        m.name(),
                        Status.INFEASIBLE,
                        Double.NaN,
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        new SolverStats("test", 3, 0, Double.NaN, Double.NaN, Double.NaN));
        Svg svg = Svg.parse(FeederPlot.svg(m, infeasible));
        assertEquals(3, svg.byClass("line").size());
        assertTrue(svg.byClass("flow-arrow").isEmpty());
        String summary = svg.byClass("plot-summary").get(0).getTextContent();
        assertTrue(summary.contains("INFEASIBLE") && summary.contains("topology only"), summary);
    }

    @Test
    void idsAndNamesAreEscaped() throws Exception {
        String bus = "B<2> & \"north\" 'x'";
        String peer = "C&<1>\u0001";
        Network net =
                new Network(11, "root&1", List.of(Line.of("L&1", "root&1", bus, 0.1, 0.1, 100)));
        Market m =
                Market.builder("market <\"&'>")
                        .network(net)
                        .peer(
                                Peer.of("G", Role.PRODUCER, 0, 100, QuadraticCost.of(0.01, 10, 0))
                                        .atBus("root&1"))
                        .peer(
                                Peer.of(
                                                peer,
                                                Role.CONSUMER,
                                                -50,
                                                -10,
                                                QuadraticCost.of(0.01, 50, 0))
                                        .atBus(bus))
                        .build();
        Svg svg = Svg.parse(FeederPlot.svg(m, withFlows(m, Map.of("L&1", 40.0), List.of())));
        assertEquals("market <\"&'>", svg.root().getAttribute("data-market"));
        assertEquals(bus, svg.one("bus", "data-bus", bus).getAttribute("data-bus"));
        svg.one("line", "data-line", "L&1");
        // a control character cannot appear in XML 1.0; it is replaced, everything else is kept
        assertEquals(Set.of("G", "C&<1>\uFFFD"), attributeSet(svg.byClass("peer"), "data-peer"));
        assertTrue(svg.byClass("plot-title").get(0).getTextContent().contains("market <\"&'>"));
    }

    @Test
    void feederOfOneBusWithoutLinesIsDrawn() throws Exception {
        Market m =
                Market.builder("one-bus")
                        .network(new Network(0.4, "root", List.of()))
                        .peer(
                                Peer.of("G", Role.PRODUCER, 0, 100, QuadraticCost.of(0.01, 10, 0))
                                        .atBus("root"))
                        .peer(
                                Peer.of("C", Role.CONSUMER, -50, -10, QuadraticCost.of(0.01, 50, 0))
                                        .atBus("root"))
                        .build();
        Svg svg = Svg.parse(FeederPlot.svg(m, withFlows(m, Map.of(), List.of())));
        assertEquals(1, svg.byClass("bus").size());
        assertTrue(svg.byClass("line").isEmpty());
        assertEquals(2, svg.byClass("peer").size());
    }

    @Test
    void marketWithoutNetworkIsRefusedWithAReason() {
        Market m =
                Market.builder("no-grid")
                        .producer("G", 0, 100, QuadraticCost.of(0.01, 10, 0))
                        .consumer("C", -50, -10, QuadraticCost.of(0.01, 50, 0))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FeederPlot.svg(m, null));
        assertTrue(e.getMessage().contains("no network"), e.getMessage());
    }

    @Test
    void writesTheSameDocumentToAFileAndIsDeterministic() throws Exception {
        Market m = fourBus();
        MarketResult r = withFlows(m, Map.of("L1", 10.0, "L2", -20.0, "L3", 30.0), List.of());
        Path file = dir.resolve("feeder.svg");
        FeederPlot.write(file, m, r);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(FeederPlot.svg(m, r), text);
        assertEquals(text, FeederPlot.svg(fourBus(), r), "same market, same picture");
    }

    /**
     * A random radial feeder (each bus hangs off an earlier one), lines written in random
     * direction.
     */
    static Market randomFeeder(long seed, int buses, int peers) {
        Random rnd = new Random(seed);
        List<Line> lines = new ArrayList<>();
        for (int k = 1; k < buses; k++) {
            int parent = rnd.nextInt(k);
            String a = "B" + parent, b = "B" + k;
            double cap = rnd.nextBoolean() ? 50 + 500 * rnd.nextDouble() : Double.NaN;
            lines.add(
                    rnd.nextBoolean()
                            ? Line.of("L" + k, a, b, 0.1, 0.1, cap)
                            : Line.of("L" + k, b, a, 0.1, 0.1, cap));
        }
        Market.Builder mb =
                Market.builder("random-" + buses).network(new Network(12.66, "B0", lines));
        for (int i = 0; i < peers; i++) {
            String bus = "B" + rnd.nextInt(buses);
            mb.peer(
                    switch (i % 3) {
                        case 0 ->
                                Peer.of(
                                                "G" + i,
                                                Role.PRODUCER,
                                                0,
                                                100,
                                                QuadraticCost.of(0.01, 10, 0))
                                        .atBus(bus);
                        case 1 ->
                                Peer.of(
                                                "C" + i,
                                                Role.CONSUMER,
                                                -100,
                                                0,
                                                QuadraticCost.of(0.01, 50, 0))
                                        .atBus(bus);
                        default ->
                                Peer.of(
                                                "P" + i,
                                                Role.PROSUMER,
                                                -50,
                                                50,
                                                QuadraticCost.of(0.01, 30, 0))
                                        .atBus(bus);
                    });
        }
        return mb.build();
    }

    static MarketResult randomFlows(Market m, long seed) {
        Random rnd = new Random(seed);
        Map<String, Double> flows = new LinkedHashMap<>();
        List<String> over = new ArrayList<>();
        for (Line l : m.network().orElseThrow().lines()) {
            double f = rnd.nextInt(10) == 0 ? 0 : (rnd.nextDouble() - 0.5) * 800;
            flows.put(l.id(), f);
            if (l.capacity().isPresent() && Math.abs(f) > l.capacityKw()) {
                over.add(l.id());
            }
        }
        return withFlows(m, flows, over);
    }

    /** Distance from point p to the segment a-b. */
    private static double distance(double[] p, double[] a, double[] b) {
        double vx = b[0] - a[0], vy = b[1] - a[1];
        double len2 = vx * vx + vy * vy;
        double t =
                len2 == 0
                        ? 0
                        : Math.max(
                                0, Math.min(1, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / len2));
        return Math.hypot(p[0] - a[0] - t * vx, p[1] - a[1] - t * vy);
    }

    /** No line passes through a bus other than its own two, and no two buses overlap. */
    private static void assertNoLineCrossesABus(Svg svg) {
        Map<String, double[]> centres = new LinkedHashMap<>();
        double r = 0;
        for (Element b : svg.byClass("bus")) {
            centres.put(
                    b.getAttribute("data-bus"), new double[] {Svg.num(b, "cx"), Svg.num(b, "cy")});
            r = Svg.num(b, "r");
        }
        Set<String> seen = new HashSet<>();
        for (double[] c : centres.values()) {
            assertTrue(seen.add(c[0] + "," + c[1]), "two buses at " + c[0] + "," + c[1]);
        }
        for (Element line : svg.byClass("line")) {
            double[][] pts = Svg.points(line);
            String from = line.getAttribute("data-from"), to = line.getAttribute("data-to");
            for (Map.Entry<String, double[]> bus : centres.entrySet()) {
                if (bus.getKey().equals(from) || bus.getKey().equals(to)) {
                    continue;
                }
                for (int i = 1; i < pts.length; i++) {
                    assertTrue(
                            distance(bus.getValue(), pts[i - 1], pts[i]) > r,
                            "line "
                                    + line.getAttribute("data-line")
                                    + " passes through bus "
                                    + bus.getKey());
                }
            }
        }
    }

    @Test
    void linesNeverPassThroughOtherBuses() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Market m = randomFeeder(seed, 120, 80);
            MarketResult r = randomFlows(m, seed);
            Svg svg = Svg.parse(FeederPlot.svg(m, r));
            assertNoLineCrossesABus(svg);
            assertArrowsFollowFlows(svg, m, r);
        }
    }

    @Test
    void largeFeederKeepsEveryElementAndLeavesOutLabels() throws Exception {
        Market m = randomFeeder(7, 1200, 1000);
        MarketResult r = randomFlows(m, 7);
        String text = FeederPlot.svg(m, r);
        Svg svg = Svg.parse(text);
        assertEquals(1200, svg.byClass("bus").size());
        assertEquals(1199, svg.byClass("line").size());
        assertEquals(1000, svg.byClass("peer").size());
        assertEquals(linesOf(m), attributeSet(svg.byClass("line"), "data-line"));
        assertTrue(svg.byClass("peer-label").isEmpty(), "1,000 peer labels would be unreadable");
        assertTrue(svg.byClass("bus-label").isEmpty(), "1,200 bus labels would be unreadable");
        Set<String> over = new TreeSet<>(r.network().orElseThrow().congestedLines());
        assertEquals(over, attributeSet(svg.byClass("congested"), "data-line"));
        assertTrue(text.length() < 3_000_000, "size " + text.length());
        assertNoLineCrossesABus(svg);
        assertArrowsFollowFlows(svg, m, r);
    }

    @Test
    void mediumFeederKeepsBusLabelsButDropsPeerLabels() throws Exception {
        Market m = randomFeeder(3, 300, 250);
        Svg svg = Svg.parse(FeederPlot.svg(m, null));
        assertEquals(300, svg.byClass("bus-label").size());
        assertTrue(svg.byClass("peer-label").isEmpty());
        assertEquals(250, svg.byClass("peer").size());
    }

    @Test
    void loadingColourRunsFromPaleToRedAndSaturatesAboveCapacity() {
        assertEquals(FeederPlot.loadingColour(100), FeederPlot.loadingColour(250));
        assertEquals(FeederPlot.loadingColour(0), FeederPlot.loadingColour(-5));
        int redAt0 = Integer.parseInt(FeederPlot.loadingColour(0).substring(1, 3), 16);
        int greenAt0 = Integer.parseInt(FeederPlot.loadingColour(0).substring(3, 5), 16);
        int redAt100 = Integer.parseInt(FeederPlot.loadingColour(100).substring(1, 3), 16);
        int greenAt100 = Integer.parseInt(FeederPlot.loadingColour(100).substring(3, 5), 16);
        assertTrue(
                redAt100 > redAt0 && greenAt100 < greenAt0,
                "full lines are redder than empty ones");
    }
}
