package org.gridbazaar.formulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The canonical problem's peer blocks: typed node keys, periods, private variables and local rows.
 */
class PeerBlockProblemTest {

    /**
     * A producer G and a storage peer S over two periods: S's net node x_t = d_t - c_t, energy e_t.
     */
    private static MarketProblem twoPeriodStorage() {
        MarketProblem.Builder b = MarketProblem.builder("storage");
        int g = b.peer("G"), s = b.peer("S");
        int[] gx = new int[2], sx = new int[2], c = new int[2], d = new int[2], e = new int[2];
        for (int t = 0; t < 2; t++) {
            gx[t] = b.node(g, MarketProblem.POWER, t, 0.02, 10 + 20 * t, 0, 0, 100);
            sx[t] = b.node(s, MarketProblem.POWER, t, 0, 0, 0, -5, 5);
            c[t] = b.variable(s, "charge", t, 0, 0, 0, 0, 5);
            d[t] = b.variable(s, "discharge", t, 0, 0.01, 0, 0, 5);
            e[t] = b.variable(s, "energy", t, 0, 0, 0, 0, 10);
            b.localRow(
                    s,
                    "net[t=" + t + "]",
                    new int[] {sx[t]},
                    new double[] {1},
                    new int[] {d[t], c[t]},
                    new double[] {-1, 1},
                    true,
                    0);
            b.arc(gx[t], sx[t], 0, 0);
            b.arc(sx[t], gx[t], 0, 0);
        }
        b.localRow(
                s,
                "energy[t=0]",
                new int[0],
                new double[0],
                new int[] {e[0], c[0], d[0]},
                new double[] {1, -1, 1},
                true,
                2);
        b.localRow(
                s,
                "energy[t=1]",
                new int[0],
                new double[0],
                new int[] {e[1], e[0], c[1], d[1]},
                new double[] {1, -1, -1, 1},
                true,
                0);
        return b.build();
    }

    @Test
    void nodesAreAddressedByPeerCommodityAndPeriod() {
        MarketProblem p = twoPeriodStorage();
        assertEquals(2, p.periodCount());
        for (int k = 0; k < p.nodeCount(); k++) {
            assertEquals(k, p.node(p.nodeKey(k)).orElseThrow(), "key of node " + k + " maps back");
        }
        assertEquals(
                new NodeKey(1, MarketProblem.POWER, 1),
                p.nodeKey(p.node(new NodeKey(1, MarketProblem.POWER, 1)).orElseThrow()));
        assertTrue(p.node(new NodeKey(1, MarketProblem.HEAT, 0)).isEmpty(), "no heat node");
        assertTrue(p.node(new NodeKey(0, MarketProblem.POWER, 2)).isEmpty(), "no period 2");
        assertTrue(p.node(new NodeKey(7, MarketProblem.POWER, 0)).isEmpty(), "no peer 7");
    }

    @Test
    void privateVariablesAndEqualityRowsMakeABlockProblem() {
        MarketProblem p = twoPeriodStorage();
        assertTrue(p.hasPeerBlocks());
        assertEquals(6, p.variableCount());
        assertEquals(6, p.variablesOfPeer(1).length);
        assertEquals(0, p.variablesOfPeer(0).length);
        assertEquals("energy", p.variableName(2));
        assertEquals(1, p.variablePeriod(5));
        assertEquals(4, p.sideConstraintCount());
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            assertTrue(p.sideIsEquality(r));
            assertEquals(1, p.sidePeer(r));
        }
        assertEquals("energy[t=1]", p.sideName(3));
        assertArrayEquals(new double[] {1, -1, -1, 1}, p.sideVariableCoefficients(3));
        // objective: G's costs plus S's discharge cost
        double[] x = {3, -3, 0, 0};
        double[] z = {3, 0, 5, 0, 0, 5};
        double[] f = {3, 0, 0, 0};
        double expected = 0.01 * 9 + 10 * 3 + 0 + 0;
        assertEquals(expected, p.objective(x, z, f), 1e-12);
    }

    @Test
    void aSinglePeriodMarketHasNoBlocks() {
        MarketProblem.Builder b = MarketProblem.builder("one");
        int g = b.peer("G"), c = b.peer("C");
        int gx = b.node(g, MarketProblem.POWER, 0.1, 1, 0, 0, 10);
        int cx = b.node(c, MarketProblem.POWER, 0.1, -5, 0, -10, 0);
        b.arc(gx, cx, 0, 0);
        b.sideConstraint(new int[] {gx}, new double[] {1}, 8);
        MarketProblem p = b.build();
        assertFalse(p.hasPeerBlocks());
        assertEquals(1, p.periodCount());
        assertEquals(0, p.sideVariables(0).length);
        assertFalse(p.sideIsEquality(0));
    }

    @Test
    void rowsStayWithinOnePeersBlock() {
        MarketProblem.Builder b = MarketProblem.builder("bad");
        int g = b.peer("G"), s = b.peer("S");
        int gx = b.node(g, MarketProblem.POWER, 0, 0, 0, 0, 1, 2);
        int z = b.variable(s, "charge", 0, 0, 0, 0, 0, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                b.localRow(
                                        s,
                                        "mixed",
                                        new int[] {gx},
                                        new double[] {1},
                                        new int[] {z},
                                        new double[] {1},
                                        true,
                                        0));
        assertTrue(
                e.getMessage().contains("mixed") && e.getMessage().contains("S"), e.getMessage());
        b.node(g, MarketProblem.POWER, 0, 0, 0, 0, 1, 2);
        assertThrows(IllegalArgumentException.class, b::build, "two power nodes of G in period 0");
    }
}
