package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridbazaar.grid.PowerFactor;
import org.junit.jupiter.api.Test;

class MarketPowerFactorTest {

    static final PeerId G = PeerId.of("G"), C = PeerId.of("C"), P = PeerId.of("P");

    static Market.Builder threePeers() {
        return Market.builder("pf")
                .producer("G", 0, 100, QuadraticCost.of(0.02, 10, 0))
                .consumer("C", -80, -10, QuadraticCost.of(0.1, 40, 0))
                .prosumer("P", -20, 30, QuadraticCost.of(0.05, 25, 0));
    }

    static List<String> violations(Market.Builder b) {
        return assertThrows(InvalidMarketException.class, b::build).violations();
    }

    @Test
    void peersWithoutAPowerFactorAreAtUnity() {
        Market m = threePeers().build();
        assertEquals(PowerFactor.UNITY, m.powerFactor(G));
        assertEquals(PowerFactor.UNITY, m.powerFactor(PeerId.of("nobody")));
        assertTrue(m.powerFactors().isEmpty());
        assertEquals(0.0, m.powerFactor(C).reactiveKvar(-50), 0.0);
    }

    @Test
    void givenPowerFactorsAreListedInPeerOrderWhateverTheOrderGiven() {
        Market m =
                threePeers()
                        .powerFactor("P", PowerFactor.leading(0.95))
                        .powerFactor("C", PowerFactor.lagging(0.9))
                        .build();
        assertEquals(PowerFactor.lagging(0.9), m.powerFactor(C));
        assertEquals(PowerFactor.leading(0.95), m.powerFactor(P));
        assertEquals(PowerFactor.UNITY, m.powerFactor(G));
        assertEquals(List.of(C, P), List.copyOf(m.powerFactors().keySet()));
        // a 100 kW load at 0.9 lagging absorbs about 48.4 kvar (PowerFactor javadoc)
        assertEquals(-48.43, m.powerFactor(C).reactiveKvar(-100), 0.01);
    }

    @Test
    void aLaterCallReplacesAnEarlierOneAndNullRemovesIt() {
        Market m =
                threePeers()
                        .powerFactor("C", PowerFactor.lagging(0.8))
                        .powerFactor("C", PowerFactor.leading(0.85))
                        .powerFactor("G", PowerFactor.lagging(0.9))
                        .powerFactor("G", null)
                        .build();
        assertEquals(Map.of(C, PowerFactor.leading(0.85)), m.powerFactors());
        assertEquals(PowerFactor.UNITY, m.powerFactor(G));
    }

    @Test
    void unityGivenInEitherSenseIsNotListed() {
        Market m =
                threePeers()
                        .powerFactor("G", PowerFactor.UNITY)
                        .powerFactor("C", PowerFactor.leading(1.0))
                        .build();
        assertTrue(m.powerFactors().isEmpty(), m.powerFactors().toString());
        assertEquals(PowerFactor.UNITY, m.powerFactor(C));
    }

    @Test
    void unknownPeerIsReportedWithTheOtherViolations() {
        List<String> v =
                violations(
                        threePeers()
                                .consumer("D", -5, 10, QuadraticCost.of(0, 1, 0))
                                .powerFactor("X", PowerFactor.lagging(0.9))
                                .powerFactor("Y", PowerFactor.UNITY)
                                .powerFactor("C", PowerFactor.lagging(0.9)));
        assertTrue(
                v.stream().anyMatch(s -> s.startsWith("power factor of peer X: unknown peer X")),
                v.toString());
        assertTrue(
                v.stream().anyMatch(s -> s.startsWith("power factor of peer Y: unknown peer Y")),
                "even a unity factor names a peer: " + v);
        assertTrue(
                v.stream().anyMatch(s -> s.startsWith("peer D: power max")),
                "the bound violation is reported too: " + v);
        assertEquals(3, v.size(), v.toString());
    }

    @Test
    void toBuilderCarriesPowerFactorsAndLeavesTheOriginalUnchanged() {
        Market m = threePeers().powerFactor("C", PowerFactor.lagging(0.9)).build();
        Market copy = m.toBuilder().build();
        assertEquals(m.powerFactors(), copy.powerFactors());

        Market changed =
                m.toBuilder()
                        .powerFactor("C", null)
                        .powerFactor("G", PowerFactor.leading(0.97))
                        .build();
        assertEquals(Map.of(G, PowerFactor.leading(0.97)), changed.powerFactors());
        assertEquals(
                Map.of(C, PowerFactor.lagging(0.9)),
                m.powerFactors(),
                "the original market is immutable");
    }

    @Test
    void replacingAPeerKeepsItsPowerFactor() {
        Market m = threePeers().powerFactor("P", PowerFactor.leading(0.9)).build();
        Market moved = m.toBuilder().replacePeer(m.peer(P).orElseThrow().atBus("B7")).build();
        assertEquals(PowerFactor.leading(0.9), moved.powerFactor(P));
    }

    @Test
    void powerFactorsCannotBeModified() {
        Market m = threePeers().powerFactor("C", PowerFactor.lagging(0.9)).build();
        assertThrows(
                UnsupportedOperationException.class,
                () -> m.powerFactors().put(G, PowerFactor.UNITY));
        assertThrows(UnsupportedOperationException.class, () -> m.powerFactors().clear());
    }

    @Test
    void aBlankPeerIdIsRejectedAtOnce() {
        assertThrows(
                IllegalArgumentException.class,
                () -> threePeers().powerFactor(" ", PowerFactor.lagging(0.9)));
    }

    /** 5e-324 is inside (0, 1] but its reactive power is infinite: it once crashed the AC sweep. */
    @Test
    void powerFactorsBelowTheSmallestAllowedAreRejectedNamingThePeer() {
        List<String> v =
                violations(
                        threePeers()
                                .powerFactor("C", PowerFactor.lagging(Double.MIN_VALUE))
                                .powerFactor("P", PowerFactor.leading(0.009)));
        assertEquals(
                List.of(
                        "peer C: powerFactor (4.9E-324) is below 0.01; the reactive power would be more than 100 times the active power. "
                                + "Maybe give a fraction such as 0.9, not a percentage or a phase angle",
                        "peer P: powerFactor (0.009) is below 0.01; the reactive power would be more than 100 times the active power. "
                                + "Maybe give a fraction such as 0.9, not a percentage or a phase angle"),
                v);
        assertEquals(
                0.01,
                threePeers()
                        .powerFactor("C", PowerFactor.lagging(0.01))
                        .build()
                        .powerFactor(C)
                        .value(),
                0.0);
    }
}
