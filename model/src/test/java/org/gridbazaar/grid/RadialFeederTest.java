package org.gridbazaar.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Network;
import org.junit.jupiter.api.Test;

class RadialFeederTest {

    private static final double OHM_TOL = 1e-12;
    private static final double KW_TOL = 1e-9;

    /** Chain R - A - B - C with lines listed out of order and in mixed directions. */
    private static RadialFeeder chain() {
        return RadialFeeder.of(
                new Network(
                        11.0,
                        "R",
                        List.of(
                                Line.of("L3", "C", "B", 3.0, 0.0),
                                Line.of("L1", "R", "A", 1.0, 0.0),
                                Line.of("L2", "B", "A", 2.0, 0.0))));
    }

    /** Star: root H with leaves X (1 ohm), Y (2 ohm), Z (4 ohm), one line pointing at the root. */
    private static RadialFeeder star() {
        return RadialFeeder.of(
                new Network(
                        11.0,
                        "H",
                        List.of(
                                Line.of("LX", "H", "X", 1.0, 0.0),
                                Line.of("LY", "Y", "H", 2.0, 0.0),
                                Line.of("LZ", "H", "Z", 4.0, 0.0))));
    }

    private static double pathR(RadialFeeder f, String u, String v) {
        return f.pathResistance(f.bus(u), f.bus(v));
    }

    private static List<String> pathIds(RadialFeeder f, String u, String v) {
        List<String> ids = new ArrayList<>();
        for (int l : f.pathLines(f.bus(u), f.bus(v))) {
            ids.add(f.network().lines().get(l).id());
        }
        return ids;
    }

    @Test
    void rootIsBusZero() {
        assertEquals(0, chain().bus("R"));
        assertEquals(0, star().bus("H"));
        assertEquals(-1, chain().parent(0));
        assertEquals(-1, chain().parentLine(0));
    }

    @Test
    void chainPathResistancesAddUpAlongTheChain() {
        RadialFeeder f = chain();
        assertEquals(0.0, pathR(f, "B", "B"), OHM_TOL);
        assertEquals(1.0, pathR(f, "R", "A"), OHM_TOL);
        assertEquals(3.0, pathR(f, "R", "B"), OHM_TOL);
        assertEquals(6.0, pathR(f, "R", "C"), OHM_TOL);
        assertEquals(5.0, pathR(f, "A", "C"), OHM_TOL);
        assertEquals(5.0, pathR(f, "C", "A"), OHM_TOL);
        assertEquals(3.0, pathR(f, "B", "C"), OHM_TOL);
        assertEquals(6.0, f.resistanceToRoot(f.bus("C")), OHM_TOL);
    }

    @Test
    void starPathResistanceGoesThroughTheHub() {
        RadialFeeder f = star();
        assertEquals(3.0, pathR(f, "X", "Y"), OHM_TOL);
        assertEquals(5.0, pathR(f, "X", "Z"), OHM_TOL);
        assertEquals(6.0, pathR(f, "Z", "Y"), OHM_TOL);
        assertEquals(2.0, pathR(f, "Y", "H"), OHM_TOL);
        assertEquals(f.bus("H"), f.lowestCommonAncestor(f.bus("X"), f.bus("Z")));
    }

    @Test
    void pathResistanceIgnoresLineOrderAndDirection() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            Network net = RandomTrees.tree(random, 15, 11.0);
            List<Line> flipped = new ArrayList<>();
            for (Line l : net.lines()) {
                flipped.add(
                        0, Line.of(l.id(), l.to(), l.from(), l.resistanceOhm(), l.reactanceOhm()));
            }
            RadialFeeder a = RadialFeeder.of(net);
            RadialFeeder b = RadialFeeder.of(new Network(11.0, "B0", flipped));
            for (int u = 0; u < 15; u++) {
                for (int v = 0; v < 15; v++) {
                    String su = "B" + u;
                    String sv = "B" + v;
                    assertEquals(
                            pathR(a, su, sv),
                            pathR(b, su, sv),
                            1e-9,
                            "trial " + trial + " " + su + "-" + sv);
                }
            }
        }
    }

    @Test
    void pathLinesListTheLinesFromFirstBusToSecond() {
        RadialFeeder c = chain();
        assertEquals(List.of("L2", "L3"), pathIds(c, "A", "C"));
        assertEquals(List.of("L3", "L2"), pathIds(c, "C", "A"));
        assertEquals(List.of(), pathIds(c, "B", "B"));
        RadialFeeder s = star();
        assertEquals(List.of("LX", "LZ"), pathIds(s, "X", "Z"));
        assertEquals(List.of("LY"), pathIds(s, "H", "Y"));
    }

    @Test
    void pathLinesAgreeWithPathResistanceOnRandomTrees() {
        long seed = 11;
        Random random = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            RadialFeeder f = RadialFeeder.of(RandomTrees.tree(random, 25, 11.0));
            for (int u = 0; u < 25; u++) {
                for (int v = 0; v < 25; v++) {
                    List<Integer> path = f.pathLines(u, v);
                    double r = 0;
                    for (int l : path) {
                        r += f.network().lines().get(l).resistanceOhm();
                    }
                    assertEquals(
                            r, f.pathResistance(u, v), 1e-9, "seed " + seed + " trial " + trial);
                    assertEquals(path.size(), new HashSet<>(path).size(), "a path repeats a line");
                    assertConnectedWalk(f, u, v, path);
                }
            }
        }
    }

    /** The lines of a path, in order, form a walk from u to v. */
    private static void assertConnectedWalk(RadialFeeder f, int u, int v, List<Integer> path) {
        String at = f.busName(u);
        for (int l : path) {
            Line line = f.network().lines().get(l);
            assertTrue(
                    line.from().equals(at) || line.to().equals(at),
                    "line " + line.id() + " does not touch " + at);
            at = line.from().equals(at) ? line.to() : line.from();
        }
        assertEquals(f.busName(v), at);
    }

    @Test
    void indicatorIsTrueExactlyWhenThePathCrossesASelectedLine() {
        RadialFeeder c = chain();
        RadialFeeder.LineSetIndicator theta = c.indicator(Set.of("L2"));
        assertTrue(theta.crosses(c.bus("R"), c.bus("B")));
        assertTrue(theta.crosses(c.bus("C"), c.bus("A")));
        assertFalse(theta.crosses(c.bus("R"), c.bus("A")));
        assertFalse(theta.crosses(c.bus("B"), c.bus("C")));
        assertFalse(theta.crosses(c.bus("B"), c.bus("B")));

        RadialFeeder s = star();
        RadialFeeder.LineSetIndicator ly = s.indicator(List.of("LY", "LZ"));
        assertTrue(ly.crosses(s.bus("X"), s.bus("Y")));
        assertTrue(ly.crosses(s.bus("Z"), s.bus("Y")));
        assertFalse(ly.crosses(s.bus("X"), s.bus("H")));
        RadialFeeder.LineSetIndicator none = s.indicator(List.of());
        assertFalse(none.crosses(s.bus("X"), s.bus("Z")));
    }

    @Test
    void indicatorAgreesWithPathLinesOnRandomTrees() {
        long seed = 13;
        Random random = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            RadialFeeder f = RadialFeeder.of(RandomTrees.tree(random, 20, 11.0));
            Set<String> chosen = new HashSet<>();
            Set<Integer> chosenIdx = new HashSet<>();
            List<Line> lines = f.network().lines();
            for (int l = 0; l < lines.size(); l++) {
                if (random.nextInt(5) == 0) {
                    chosen.add(lines.get(l).id());
                    chosenIdx.add(l);
                }
            }
            RadialFeeder.LineSetIndicator theta = f.indicator(chosen);
            for (int u = 0; u < 20; u++) {
                for (int v = 0; v < 20; v++) {
                    boolean expected = f.pathLines(u, v).stream().anyMatch(chosenIdx::contains);
                    assertEquals(
                            expected,
                            theta.crosses(u, v),
                            "seed " + seed + " trial " + trial + " " + u + "-" + v);
                }
            }
        }
    }

    @Test
    void chainFlowsCarryTheDownstreamLoadWithTheLineSign() {
        RadialFeeder f = chain();
        double[] inj = new double[f.busCount()];
        inj[f.bus("A")] = -10;
        inj[f.bus("B")] = -20;
        inj[f.bus("C")] = 5;
        double[] flows = f.lineFlows(inj);
        // L1 R->A carries 25 kW towards A; L2 is listed B->A and carries 15 kW from A to B; L3 C->B
        // carries 5 kW
        assertEquals(25.0, flows[1], KW_TOL);
        assertEquals(-15.0, flows[2], KW_TOL);
        assertEquals(5.0, flows[0], KW_TOL);
    }

    @Test
    void flowsSatisfyKirchhoffAtEveryBusOnRandomTrees() {
        long seed = 17;
        Random random = new Random(seed);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(40);
            RadialFeeder f = RadialFeeder.of(RandomTrees.tree(random, n, 11.0));
            double[] inj = new double[n];
            for (int b = 0; b < n; b++) {
                inj[b] = 200 * random.nextDouble() - 100;
            }
            double[] flows = f.lineFlows(inj);
            double[] net = new double[n]; // flows into the bus minus flows out of it
            List<Line> lines = f.network().lines();
            for (int l = 0; l < lines.size(); l++) {
                net[f.bus(lines.get(l).to())] += flows[l];
                net[f.bus(lines.get(l).from())] -= flows[l];
            }
            double others = 0;
            for (int b = 1; b < n; b++) {
                assertEquals(
                        0.0,
                        net[b] + inj[b],
                        1e-9,
                        "seed " + seed + " trial " + trial + " bus " + f.busName(b));
                others += inj[b];
            }
            // the root sends into the lines whatever the other buses draw
            assertEquals(others, net[0], 1e-9, "seed " + seed + " trial " + trial + " root");
        }
    }

    @Test
    void lossEstimateIsSumOfRFSquaredOverThousandVSquared() {
        RadialFeeder f = chain(); // 11 kV; lines in list order L3 (3 ohm), L1 (1 ohm), L2 (2 ohm)
        double[] flows = {100, -200, 300};
        double expected =
                (3 * 100.0 * 100 + 1 * 200.0 * 200 + 2 * 300.0 * 300) / (1000 * 11.0 * 11.0);
        assertEquals(expected, f.lossEstimateKw(flows), 1e-12);
        assertEquals(0.0, f.lossEstimateKw(new double[3]), 0.0);
    }

    @Test
    void lossEstimateOfASingleLineMatchesThreePhaseFormula() {
        // 1 MW over 0.5 ohm at 12.66 kV: I = 1000 kW / (sqrt3 * 12.66 kV) A, loss = 3 I^2 R
        RadialFeeder f =
                RadialFeeder.of(new Network(12.66, "S", List.of(Line.of("L", "S", "T", 0.5, 0.0))));
        double current = 1000 / (Math.sqrt(3) * 12.66);
        double lossKw = 3 * current * current * 0.5 / 1000;
        double[] inj = {0, -1000};
        assertEquals(lossKw, f.lossEstimateKw(f.lineFlows(inj)), 1e-9);
    }

    @Test
    void unknownBusIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> chain().bus("Q"));
        assertTrue(e.getMessage().contains("Q"), e.getMessage());
    }

    @Test
    void invalidNetworkIsRejectedNamingTheLine() {
        Network loop =
                new Network(
                        11.0,
                        "R",
                        List.of(
                                Line.of("L1", "R", "A", 1, 0),
                                Line.of("L2", "A", "B", 1, 0),
                                Line.of("L3", "B", "R", 1, 0)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RadialFeeder.of(loop));
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
    }

    @Test
    void singleBusFeederHasNoLines() {
        RadialFeeder f = RadialFeeder.of(new Network(11.0, "R", List.of()));
        assertEquals(1, f.busCount());
        assertEquals(0.0, f.pathResistance(0, 0), 0.0);
        assertEquals(0, f.lineFlows(new double[] {5}).length);
    }

    @Test
    void wrongLengthArraysAreRejectedInsteadOfSilentlyTruncated() {
        RadialFeeder f = chain(); // 4 buses, 3 lines
        IllegalArgumentException shortInj =
                assertThrows(IllegalArgumentException.class, () -> f.lineFlows(new double[3]));
        assertTrue(shortInj.getMessage().contains("4"), shortInj.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.lineFlows(new double[5]));
        // a flow array missing a line used to give a partial sum
        IllegalArgumentException shortFlows =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> f.lossEstimateKw(new double[] {1, 2}));
        assertTrue(shortFlows.getMessage().contains("3"), shortFlows.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.lossEstimateKw(new double[4]));
    }

    @Test
    void indicatorOnAnUnknownLineIsRejectedNamingIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> chain().indicator(List.of("L2", "L7")));
        assertTrue(e.getMessage().contains("L7"), e.getMessage());
    }
}
