package org.gridbazaar.solver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.solver.admm.transport.HorizonCheck;
import org.gridbazaar.solver.admm.transport.HorizonCheckResult;
import org.gridbazaar.solver.admm.transport.HorizonCopies;
import org.gridbazaar.solver.admm.transport.HorizonHost;
import org.gridbazaar.solver.admm.transport.HorizonPrices;
import org.gridbazaar.solver.admm.transport.HorizonReport;
import org.gridbazaar.solver.admm.transport.HorizonSpec;
import org.gridbazaar.solver.admm.transport.NegotiationMessage;
import org.gridbazaar.solver.cluster.internal.CborCodec;
import org.gridbazaar.solver.cluster.internal.NodeProtocol;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.Test;

/**
 * Every message of a negotiation over time survives a CBOR round trip bit for bit (NaN, infinities,
 * -0.0 and subnormals included), and an agent built from a decoded spec answers exactly as one
 * built from the original.
 */
class HorizonMessagesCborTest {

    private static final double[] AWKWARD = {
        0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.NaN, 1e-300
    };
    private static final int[] ARCS = {3, 4, 5, 11, 12, 40, 41};
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

    private static HorizonSpec realSpec() {
        MarketProblem p =
                new MultiPeriodFormulation()
                        .formulate(
                                RandomHorizons.generate(
                                        2,
                                        RandomHorizons.Spec.full()
                                                .withPeers(2, 8)
                                                .withMaxPeriods(6)
                                                .withLinked(true)))
                        .problem();
        double[] cap = new double[p.arcCount()];
        java.util.Arrays.fill(cap, 1e3);
        // the peer with the most rows: storage, ramps or windows
        HorizonSpec best = null;
        for (int i = 0; i < p.peerCount(); i++) {
            HorizonSpec s = HorizonSpec.of(p, i, cap, 1e-9);
            if (best == null || s.sideRows().length > best.sideRows().length) {
                best = s;
            }
        }
        return best;
    }

    @Test
    void horizonSpecRoundTripsAndItsAgentAnswersTheSame() {
        HorizonSpec a = realSpec();
        assertTrue(a.sideRows().length > 0, "a peer with its own rows");
        HorizonSpec b = roundTrip(a, HorizonSpec.class);
        assertEquals(a.peer(), b.peer());
        assertArrayEquals(a.nodes(), b.nodes());
        assertArrayEquals(a.variables(), b.variables());
        assertArrayEquals(a.sideRows(), b.sideRows());
        assertArrayEquals(a.arcs(), b.arcs());
        assertArrayEquals(a.roles(), b.roles());
        assertArrayEquals(a.rowKeys(), b.rowKeys());
        assertArrayEquals(a.rowEquality(), b.rowEquality());
        assertArrayEquals(a.sideNodeCounts(), b.sideNodeCounts());
        sameBits(a.lower(), b.lower());
        sameBits(a.upper(), b.upper());
        sameBits(a.quadratic(), b.quadratic());
        sameBits(a.linear(), b.linear());
        sameBits(a.ownCosts(), b.ownCosts());
        sameBits(a.rowRhs(), b.rowRhs());
        for (int r = 0; r < a.rowRhs().length; r++) {
            assertArrayEquals(a.rowVariables()[r], b.rowVariables()[r]);
            sameBits(a.rowCoefficients()[r], b.rowCoefficients()[r]);
        }
        assertEquals(
                Double.doubleToRawLongBits(a.constant()), Double.doubleToRawLongBits(b.constant()));
        // the agents of both answer a round and a check with the same bits
        int n = a.arcs().length;
        double[] prices = new double[n], consensus = new double[n], penalties = new double[n];
        for (int l = 0; l < n; l++) {
            prices[l] = 10 + l;
            consensus[l] = 0.5 * l;
            penalties[l] = 0.2;
        }
        HorizonPrices m =
                new HorizonPrices(
                        NegotiationMessage.VERSION,
                        1,
                        a.peer(),
                        a.arcs(),
                        prices,
                        consensus,
                        penalties);
        HorizonCopies ca = new HorizonHost(List.of(a), false).round(List.of(m)).get(0),
                cb = new HorizonHost(List.of(b), false).round(List.of(m)).get(0);
        sameBits(ca.copies(), cb.copies());
        HorizonCheck check =
                new HorizonCheck(
                        NegotiationMessage.VERSION,
                        1,
                        a.peer(),
                        new double[a.nodes().length],
                        a.arcs(),
                        prices);
        HorizonCheckResult ra = new HorizonHost(List.of(a), false).check(List.of(check)).get(0),
                rb = new HorizonHost(List.of(b), false).check(List.of(check)).get(0);
        sameBits(ra.privateValues(), rb.privateValues());
        assertEquals(
                Double.doubleToRawLongBits(ra.lowerBound()),
                Double.doubleToRawLongBits(rb.lowerBound()));
    }

    @Test
    void perRoundMessagesRoundTripBitForBit() {
        HorizonPrices p =
                new HorizonPrices(
                        NegotiationMessage.VERSION, 7, 2, ARCS, AWKWARD, AWKWARD, AWKWARD);
        HorizonPrices q = roundTrip(p, HorizonPrices.class);
        assertEquals(7, q.round());
        assertArrayEquals(ARCS, q.arcs());
        sameBits(AWKWARD, q.prices());
        sameBits(AWKWARD, q.consensus());
        sameBits(AWKWARD, q.penalties());
        HorizonCopies c =
                new HorizonCopies(NegotiationMessage.VERSION, 7, 2, ARCS, AWKWARD, false, 0.25);
        HorizonCopies d = roundTrip(c, HorizonCopies.class);
        sameBits(AWKWARD, d.copies());
        assertEquals(false, d.converged());
        assertEquals(0.25, d.shortfall());
        HorizonCheck k = new HorizonCheck(NegotiationMessage.VERSION, 7, 2, AWKWARD, ARCS, AWKWARD);
        HorizonCheck l = roundTrip(k, HorizonCheck.class);
        sameBits(AWKWARD, l.setPoints());
        sameBits(AWKWARD, l.prices());
        HorizonCheckResult r =
                new HorizonCheckResult(
                        NegotiationMessage.VERSION, 7, 2, AWKWARD, 1e-12, Double.NEGATIVE_INFINITY);
        HorizonCheckResult s = roundTrip(r, HorizonCheckResult.class);
        sameBits(AWKWARD, s.privateValues());
        assertEquals(Double.NEGATIVE_INFINITY, s.lowerBound());
        assertEquals(1e-12, s.violation());
        HorizonReport t =
                new HorizonReport(NegotiationMessage.VERSION, 7, 2, AWKWARD, new double[] {-0.0});
        HorizonReport u = roundTrip(t, HorizonReport.class);
        sameBits(AWKWARD, u.nodePrices());
        sameBits(new double[] {-0.0}, u.sideDuals());
    }

    @Test
    void nodeMessagesOverTimeRoundTrip() {
        HorizonPrices p =
                new HorizonPrices(
                        NegotiationMessage.VERSION, 3, 0, ARCS, AWKWARD, AWKWARD, AWKWARD);
        HorizonCopies c =
                new HorizonCopies(NegotiationMessage.VERSION, 3, 0, ARCS, AWKWARD, true, 0);
        NodeProtocol.HorizonStepped st =
                roundTrip(
                        new NodeProtocol.HorizonStepped("run-2", 3, List.of(c)),
                        NodeProtocol.HorizonStepped.class);
        assertEquals(3, st.round());
        sameBits(AWKWARD, st.copies().get(0).copies());
        NodeProtocol.HostedHorizon h =
                roundTrip(
                        new NodeProtocol.HostedHorizon(
                                "run-2", "pekko://gridbazaar@127.0.0.1:1", new int[] {0, 1}),
                        NodeProtocol.HostedHorizon.class);
        assertArrayEquals(new int[] {0, 1}, h.peers());
        NodeProtocol.HorizonChecked ck =
                roundTrip(
                        new NodeProtocol.HorizonChecked(
                                "run-2",
                                3,
                                List.of(
                                        new HorizonCheckResult(
                                                NegotiationMessage.VERSION, 3, 0, AWKWARD, 0, -1))),
                        NodeProtocol.HorizonChecked.class);
        sameBits(AWKWARD, ck.results().get(0).privateValues());
        NodeProtocol.HorizonReported rp =
                roundTrip(
                        new NodeProtocol.HorizonReported(
                                "run-2",
                                List.of(
                                        new HorizonReport(
                                                NegotiationMessage.VERSION,
                                                3,
                                                0,
                                                AWKWARD,
                                                AWKWARD))),
                        NodeProtocol.HorizonReported.class);
        sameBits(AWKWARD, rp.reports().get(0).sideDuals());
        // requests (their reply address left out: this codec has no actor system to resolve it)
        NodeProtocol.HorizonStep step =
                roundTrip(
                        new NodeProtocol.HorizonStep("run-2", 3, List.of(p), null),
                        NodeProtocol.HorizonStep.class);
        sameBits(AWKWARD, step.prices().get(0).consensus());
        NodeProtocol.HorizonChecks checks =
                roundTrip(
                        new NodeProtocol.HorizonChecks(
                                "run-2",
                                3,
                                List.of(
                                        new HorizonCheck(
                                                NegotiationMessage.VERSION,
                                                3,
                                                0,
                                                AWKWARD,
                                                ARCS,
                                                AWKWARD)),
                                null),
                        NodeProtocol.HorizonChecks.class);
        sameBits(AWKWARD, checks.checks().get(0).setPoints());
        NodeProtocol.HostHorizon host =
                roundTrip(
                        new NodeProtocol.HostHorizon("run-2", List.of(realSpec()), null),
                        NodeProtocol.HostHorizon.class);
        assertEquals(1, host.agents().size());
        assertEquals(
                7,
                roundTrip(
                                new NodeProtocol.HorizonReportRequest("run-2", 7, null),
                                NodeProtocol.HorizonReportRequest.class)
                        .round());
    }
}
