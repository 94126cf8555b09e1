package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Finite inputs whose products overflow are rejected at build, each naming the peer, line or field,
 * so that no solver ever sees a cost, price or penalty term that is infinite or NaN.
 */
class NumericRangesTest {

    static List<String> violations(Market.Builder b) {
        return assertThrows(InvalidMarketException.class, b::build).violations();
    }

    static void assertOneStartsWith(List<String> v, String prefix) {
        assertEquals(
                1,
                v.stream().filter(s -> s.startsWith(prefix)).count(),
                () -> "expected one line starting with \"" + prefix + "\" in " + v);
    }

    static Network feeder(double resistanceOhm) {
        return new Network(
                12.66,
                "B1",
                List.of(
                        Line.of("L1", "B1", "B2", resistanceOhm, 0.1),
                        Line.of("L2", "B2", "B3", resistanceOhm, 0.1)));
    }

    static Market.Builder onFeeder() {
        return Market.builder("feeder")
                .peer(
                        Peer.of("G", Role.PRODUCER, 0, 100, QuadraticCost.of(0.02, 10, 0))
                                .atBus("B1"))
                .peer(Peer.of("C", Role.CONSUMER, -80, 0, QuadraticCost.of(0.1, 40, 0)).atBus("B3"))
                .network(feeder(2.0));
    }

    @Test
    void costCoefficientsNearTheDoubleRangeAreRejectedNamingPeerAndField() {
        List<String> v =
                violations(
                        Market.builder("huge costs")
                                .producer("G", 0, 100, QuadraticCost.of(1e300, 10, 0))
                                .consumer("C", -80, 0, QuadraticCost.of(0.1, -1e300, 2e12))
                                .peer(
                                        Peer.of("H", Role.PRODUCER, 0, 10, QuadraticCost.linear(1))
                                                .withHeat(
                                                        Injection.of(
                                                                0,
                                                                10,
                                                                QuadraticCost.of(0, 1e13, 0)))));
        assertEquals(4, v.size(), v::toString);
        assertOneStartsWith(
                v, "peer G: power cost a (1.0E300) is outside [-1.0E12, 1.0E12] $/kW^2");
        assertOneStartsWith(v, "peer C: power cost b (-1.0E300) is outside [-1.0E12, 1.0E12] $/kW");
        assertOneStartsWith(v, "peer C: power cost c (2.0E12) is outside [-1.0E12, 1.0E12] $");
        assertOneStartsWith(v, "peer H: heat cost b (1.0E13) is outside");
    }

    @Test
    void boundsAboveAPetawattAreRejectedButAPetawattIsASlackBound() {
        Market.builder("slack")
                .producer("GRID", 0, 1e15, QuadraticCost.linear(50))
                .consumer("C", -1e15, 0, QuadraticCost.linear(60))
                .build();
        List<String> v =
                violations(
                        Market.builder("too big")
                                .producer("G", 0, 1e16, QuadraticCost.linear(50))
                                .prosumer("P", -1e300, 5, QuadraticCost.linear(1)));
        assertEquals(2, v.size(), v::toString);
        assertOneStartsWith(v, "peer G: power max (1.0E16) is outside [-1.0E15, 1.0E15] kW");
        assertOneStartsWith(v, "peer P: power min (-1.0E300) is outside [-1.0E15, 1.0E15] kW");
    }

    @Test
    void preferenceCostsAndPenaltyRatesHaveALimit() {
        List<String> v =
                violations(
                        onFeeder()
                                .preference("C", "G", -1e13)
                                .resistancePenalty(
                                        new ResistancePenalty(0.5, Map.of(PeerId.of("G"), 1e308)))
                                .congestionPenalty(
                                        new CongestionPenalty(
                                                2e12, false, List.of("L2"), Map.of())));
        assertEquals(3, v.size(), v::toString);
        assertOneStartsWith(
                v, "preference of peer C for G: cost (-1.0E13) is outside [-1.0E12, 1.0E12] $/kW");
        assertOneStartsWith(
                v,
                "penalties.resistance alpha perPeer G (1.0E308) is outside [-1.0E12, 1.0E12] $/(kW*ohm)");
        assertOneStartsWith(
                v, "penalties.congestion beta (2.0E12) is outside [-1.0E12, 1.0E12] $/kW");
    }

    /**
     * Peers at the root (0 ohm) and 4 ohm from it: alpha_i times (R_i0 + 4 ohm) must stay within
     * 1e12 $/kW.
     */
    @Test
    void theDerivedResistanceTermIsCheckedPerPeer() {
        onFeeder()
                .resistancePenalty(ResistancePenalty.uniform(1e11))
                .build(); // at most 1e11 * (0 + 4) + ... = 8e11
        List<String> v =
                violations(
                        onFeeder()
                                .resistancePenalty(
                                        new ResistancePenalty(0.5, Map.of(PeerId.of("C"), 2e11))));
        // C sits 4 ohm from the root and the farthest peer too: the bound is 2e11 * 8 = 1.6e12
        assertEquals(
                List.of(
                        "peer C: penalties.resistance alpha (2.0E11 $/(kW*ohm)) times the path resistance to its farthest possible partner "
                                + "(up to 8.0 ohm) is 1.6E12 $/kW, outside [0, 1.0E12] $/kW. Maybe alpha is in the wrong unit ($ per kW and ohm)"),
                v);
    }

    @Test
    void lineValuesThatWouldOverflowPathResistancesOrLoadingsAreRejected() {
        Network net =
                new Network(
                        1e-6,
                        "B1",
                        List.of(
                                Line.of("L1", "B1", "B2", 1e300, 1e7),
                                Line.of("L2", "B2", "B3", 1.0, 0.1, 1e-6),
                                Line.of("L3", "B2", "B4", 1.0, 0.1, 1e16)));
        List<String> v = net.problems();
        assertEquals(5, v.size(), v::toString);
        assertOneStartsWith(v, "network: nominalVoltageKv (1.0E-6) is outside [0.001, 10000.0] kV");
        assertOneStartsWith(v, "line L1: resistanceOhm (1.0E300) is above 1000000.0 ohm");
        assertOneStartsWith(v, "line L1: reactanceOhm (1.0E7) is above 1000000.0 ohm");
        assertOneStartsWith(v, "line L2: capacityKw (1.0E-6) is outside [0.001, 1.0E15] kW");
        assertOneStartsWith(v, "line L3: capacityKw (1.0E16) is outside [0.001, 1.0E15] kW");
    }

    @Test
    void chpVerticesOutsideTheBoundRangeAreRejected() {
        List<String> problems =
                ChpRegion.of(new double[] {0, 0}, new double[] {1e300, 0}, new double[] {0, 100})
                        .problems();
        assertEquals(
                List.of(
                        "vertex 1 [1.0E300, 0.0] is outside [-1.0E15, 1.0E15] kW in heat or power. Maybe the values are in W, not kW"),
                problems);
    }

    @Test
    void everyRangeViolationIsReportedAtOnce() {
        List<String> v =
                violations(
                        Market.builder("all at once")
                                .producer("G", 0, 1e16, QuadraticCost.of(1e13, 1e13, 0))
                                .consumer("C", -1e16, 0, QuadraticCost.linear(60))
                                .preference("C", "G", 1e13));
        assertEquals(5, v.size(), v::toString);
        assertTrue(v.stream().allMatch(s -> s.contains("outside")), v::toString);
    }
}
