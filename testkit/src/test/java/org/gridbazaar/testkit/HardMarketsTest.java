package org.gridbazaar.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.junit.jupiter.api.Test;

class HardMarketsTest {

    @Test
    void dispatchOfTwoPeersIsWhereTheMarginalCurvesCross() {
        // q = (60 - 20) / (0.02 + 0.04), price 0.02 q + 20
        Market m =
                Market.builder("two")
                        .producer("G", 0, 5000, QuadraticCost.of(0.02, 20, 1))
                        .consumer("C", -1000, 0, QuadraticCost.of(0.04, 60, 0))
                        .build();
        HardMarkets.Dispatch d = HardMarkets.dispatch(m);
        double q = 40 / 0.06;
        assertEquals(0.02 * q + 20, d.price(), 1e-9);
        assertEquals(q, d.setPoints().get("G"), 1e-9);
        assertEquals(-q, d.setPoints().get("C"), 1e-9);
        assertEquals(0.01 * q * q + 20 * q + 1 + 0.02 * q * q - 60 * q, d.objective(), 1e-8);
    }

    @Test
    void linearCostPeersAreFilledInMeritOrder() {
        // 200 kW fixed demand; PV (marginal 5 + 0.01 x) sells all 50 kW, import at 100 $/kW serves
        // the rest
        Market m =
                Market.builder("merit")
                        .producer("import", 0, 1e8, QuadraticCost.of(0, 100, 0))
                        .producer("PV", 0, 50, QuadraticCost.of(0.01, 5, 0))
                        .consumer("L", -200, -200, QuadraticCost.of(0, 200, 0))
                        .build();
        HardMarkets.Dispatch d = HardMarkets.dispatch(m);
        assertEquals(100, d.price(), 1e-9);
        assertEquals(0.005 * 2500 + 250 + 150 * 100 - 40000, d.objective(), 1e-6);
    }

    @Test
    void aSlackBoundDoesNotChangeTheOptimum() {
        HardMarkets.Shape huge = HardMarkets.hugeSlackBound();
        Market tame =
                huge.market().toBuilder()
                        .replacePeer(
                                Peer.of("G", Role.PRODUCER, 0, 2000, QuadraticCost.of(0.02, 20, 0)))
                        .build();
        assertEquals(
                HardMarkets.dispatch(tame).objective(),
                huge.objective(),
                1e-9 * Math.abs(huge.objective()));
    }
}
