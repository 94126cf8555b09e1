package org.gridbazaar.solver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.List;
import org.gridbazaar.solver.admm.transport.AgentSpec;
import org.gridbazaar.solver.admm.transport.Inbox;
import org.gridbazaar.solver.admm.transport.NegotiationMessage;
import org.gridbazaar.solver.admm.transport.PeerReport;
import org.gridbazaar.solver.admm.transport.Proposals;
import org.gridbazaar.solver.admm.transport.RoundStart;
import org.gridbazaar.solver.cluster.internal.CborCodec;
import org.gridbazaar.solver.cluster.internal.NodeProtocol;
import org.junit.jupiter.api.Test;

/**
 * Every message survives a CBOR round trip bit for bit, including NaN, infinities, -0.0 and
 * subnormals.
 */
class CborCodecTest {

    private static final double[] AWKWARD = {
        0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, 1e-300
    };
    private final CborCodec codec = new CborCodec();

    private <T> T roundTrip(T m, Class<T> type) {
        return codec.decode(codec.encode(m), type);
    }

    private static void sameBits(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(a[i]),
                    Double.doubleToRawLongBits(b[i]),
                    "entry " + i);
        }
    }

    static AgentSpec spec(double[] prices) {
        AgentSpec.Settings s =
                new AgentSpec.Settings(1.5, true, 1.6, 1, 0.1, 1.2, 0, 10, 2, 1e4, 0.9);
        return new AgentSpec(
                NegotiationMessage.VERSION,
                4,
                AgentSpec.Rule.CONSENSUS,
                new int[] {8, 9},
                new double[] {0.1, 0.2},
                new double[] {3, -1e-17},
                new double[] {0, -5},
                new double[] {20, Double.POSITIVE_INFINITY},
                new double[][] {{1, -0.5}},
                new double[] {2.5},
                new int[] {1, 7, 7},
                new int[] {0, 0, 1},
                new int[] {0, 0, 1},
                new int[] {3, 5, 6},
                new int[] {10, -1, 12},
                new int[] {-1, 11, -1},
                new double[] {0.01, 0, 0.3},
                new double[] {0, 0.02, 0},
                new double[] {1.5, -2.25, 0},
                prices,
                new double[] {20, 20, 5},
                new double[] {7, 7, 2},
                new double[] {20, 5},
                s);
    }

    @Test
    void agentSpecRoundTripsWithAndWithoutOpeningPrices() {
        for (double[] prices : new double[][] {null, {3.25, Double.MIN_VALUE, -0.0}}) {
            AgentSpec a = spec(prices), b = roundTrip(a, AgentSpec.class);
            assertEquals(a.peer(), b.peer());
            assertEquals(a.rule(), b.rule());
            assertEquals(a.settings(), b.settings());
            assertArrayEquals(a.nodes(), b.nodes());
            sameBits(a.upper(), b.upper());
            sameBits(a.linear(), b.linear());
            assertEquals(1, b.sideRows().length);
            sameBits(a.sideRows()[0], b.sideRows()[0]);
            assertArrayEquals(a.partners(), b.partners());
            assertArrayEquals(a.commodities(), b.commodities());
            assertArrayEquals(a.linkNodes(), b.linkNodes());
            assertArrayEquals(a.channels(), b.channels());
            assertArrayEquals(a.arcOut(), b.arcOut());
            assertArrayEquals(a.arcIn(), b.arcIn());
            sameBits(a.sellCost(), b.sellCost());
            sameBits(a.buyCost(), b.buyCost());
            sameBits(a.initialTrades(), b.initialTrades());
            if (prices == null) {
                assertNull(b.initialPrices());
            } else {
                sameBits(a.initialPrices(), b.initialPrices());
            }
            sameBits(a.primalScales(), b.primalScales());
            sameBits(a.dualScales(), b.dualScales());
            sameBits(a.reach(), b.reach());
        }
    }

    @Test
    void roundStartRoundTrips() {
        RoundStart a = RoundStart.of(17, 0.7071067811865476, true);
        assertEquals(a, roundTrip(a, RoundStart.class));
    }

    @Test
    void proposalsAndInboxRoundTripBitForBit() {
        int n = AWKWARD.length;
        int[] partners = new int[n], commodities = new int[n];
        for (int i = 0; i < n; i++) {
            partners[i] = 1000 + i;
            commodities[i] = i % 2;
        }
        double[] rev = new double[n];
        for (int i = 0; i < n; i++) {
            rev[i] = AWKWARD[n - 1 - i];
        }
        Proposals p =
                new Proposals(
                        NegotiationMessage.VERSION,
                        9,
                        12,
                        partners,
                        commodities,
                        AWKWARD,
                        rev,
                        AWKWARD);
        Proposals q = roundTrip(p, Proposals.class);
        assertEquals(9, q.round());
        assertEquals(12, q.peer());
        assertArrayEquals(partners, q.partners());
        assertArrayEquals(commodities, q.commodities());
        sameBits(p.trades(), q.trades());
        sameBits(p.prices(), q.prices());
        sameBits(p.penalties(), q.penalties());
        Inbox i =
                new Inbox(
                        NegotiationMessage.VERSION,
                        10,
                        12,
                        partners,
                        commodities,
                        rev,
                        AWKWARD,
                        rev);
        Inbox j = roundTrip(i, Inbox.class);
        assertEquals(10, j.round());
        sameBits(i.trades(), j.trades());
        sameBits(i.prices(), j.prices());
        sameBits(i.penalties(), j.penalties());
    }

    @Test
    void peerReportRoundTrips() {
        PeerReport a =
                new PeerReport(
                        NegotiationMessage.VERSION,
                        3,
                        2,
                        new double[] {-4.5, 0.1},
                        new double[] {7.25, Double.NaN},
                        true);
        PeerReport b = roundTrip(a, PeerReport.class);
        assertEquals(a.peer(), b.peer());
        assertEquals(a.round(), b.round());
        assertTrue(b.infeasible());
        sameBits(a.aggregates(), b.aggregates());
        sameBits(a.nodePrices(), b.nodePrices());
    }

    @Test
    void nodeAnswersRoundTrip() {
        Proposals p =
                new Proposals(
                        NegotiationMessage.VERSION,
                        2,
                        0,
                        new int[] {1},
                        new int[] {0},
                        new double[] {1.25},
                        new double[] {4},
                        new double[] {0.5});
        NodeProtocol.Stepped s =
                roundTrip(
                        new NodeProtocol.Stepped("run-1", 2, List.of(p), -1),
                        NodeProtocol.Stepped.class);
        assertEquals("run-1", s.session());
        assertEquals(-1, s.infeasiblePeer());
        sameBits(p.trades(), s.proposals().get(0).trades());
        NodeProtocol.Hosted h =
                roundTrip(
                        new NodeProtocol.Hosted(
                                "run-1", "pekko://gridbazaar@127.0.0.1:1", List.of(p)),
                        NodeProtocol.Hosted.class);
        assertEquals(1, h.proposals().size());
        NodeProtocol.SupportValues v =
                roundTrip(
                        new NodeProtocol.SupportValues(
                                "run-1",
                                new int[] {0, 1},
                                new double[] {Double.POSITIVE_INFINITY, -3}),
                        NodeProtocol.SupportValues.class);
        sameBits(new double[] {Double.POSITIVE_INFINITY, -3}, v.values());
        NodeProtocol.Reports r =
                roundTrip(
                        new NodeProtocol.Reports(
                                "run-1",
                                List.of(
                                        new PeerReport(
                                                NegotiationMessage.VERSION,
                                                2,
                                                0,
                                                new double[] {1},
                                                new double[] {2},
                                                false))),
                        NodeProtocol.Reports.class);
        assertEquals(0, r.reports().get(0).peer());
        NodeProtocol.Release x =
                roundTrip(new NodeProtocol.Release("run-1"), NodeProtocol.Release.class);
        assertEquals("run-1", x.session());
    }

    @Test
    void aMessageOfAnotherVersionIsRefusedOnDecoding() {
        byte[] bytes = codec.encode(RoundStart.of(1, 1, false));
        byte[] v2 =
                codec.encode(
                        new java.util.LinkedHashMap<>(
                                java.util.Map.of(
                                        "version",
                                        2,
                                        "round",
                                        1,
                                        "multiplier",
                                        1.0,
                                        "adaptChannels",
                                        false)));
        assertEquals(RoundStart.of(1, 1, false), codec.decode(bytes, RoundStart.class));
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> codec.decode(v2, RoundStart.class));
        assertTrue(
                String.valueOf(e.getCause().getMessage()).contains("version 2"),
                e.getCause().getMessage());
    }
}
