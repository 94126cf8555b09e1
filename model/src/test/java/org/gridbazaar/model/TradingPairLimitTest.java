package org.gridbazaar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The number of trading pairs is counted before anything is enumerated and capped at {@link
 * Market#MAX_TRADING_PAIRS}: a 50,000-peer {@code opposite-roles} market (625 million pairs) once
 * died of OutOfMemoryError while the formulation enumerated its pairs.
 */
class TradingPairLimitTest {

    static Market.Builder roles(int producers, int consumers, int prosumers) {
        Market.Builder b = Market.builder("roles");
        for (int k = 0; k < producers; k++) {
            b.producer("G" + k, 0, 10, QuadraticCost.linear(1));
        }
        for (int k = 0; k < consumers; k++) {
            b.consumer("C" + k, -10, 0, QuadraticCost.linear(5));
        }
        for (int k = 0; k < prosumers; k++) {
            b.prosumer("P" + k, -10, 10, QuadraticCost.linear(3));
        }
        return b;
    }

    @Test
    void fiftyThousandPeersWithOppositeRolesAreRejectedWithTheCountAndAHint() {
        List<String> v =
                assertThrows(InvalidMarketException.class, roles(25_000, 25_000, 0)::build)
                        .violations();
        assertEquals(1, v.size(), v::toString);
        assertTrue(
                v.get(0)
                        .startsWith(
                                "trading: opposite-roles allows 625,000,000 trading pairs among 50,000 peers "
                                        + "(25,000 producers, 25,000 consumers, 0 prosumers), more than the 20,000,000"),
                v.get(0));
        assertTrue(v.get(0).contains("Maybe list explicit trading pairs"), v.get(0));
    }

    @Test
    void theCountIncludesProsumersWithEveryoneAndWithEachOther() {
        // 6,325 prosumers: 19,999,650 pairs; one more: 20,005,975
        roles(0, 0, 6_325).build();
        List<String> v =
                assertThrows(InvalidMarketException.class, roles(0, 0, 6_326)::build).violations();
        assertTrue(
                v.get(0).startsWith("trading: opposite-roles allows 20,005,975 trading pairs"),
                v.get(0));
        // 1 producer, 1 consumer, 6,323 prosumers: 1 + 6,323 * 2 + 6,323 * 6,322 / 2 = 19,999,650
        roles(1, 1, 6_323).build();
        v =
                assertThrows(InvalidMarketException.class, roles(2_000, 2_000, 9_000)::build)
                        .violations();
        assertTrue(
                v.get(0).startsWith("trading: opposite-roles allows 80,495,500 trading pairs"),
                v.get(0));
    }

    @Test
    void aMarketJustUnderTheLimitBuildsWithoutEnumeratingItsPairs() {
        Market m = roles(4_000, 5_000, 0).build(); // exactly 20 million pairs
        assertEquals(9_000, m.peers().size());
        assertTrue(m.mayTrade(PeerId.of("G3999"), PeerId.of("C0")));
        List<String> v =
                assertThrows(InvalidMarketException.class, roles(4_001, 5_000, 0)::build)
                        .violations();
        assertTrue(
                v.get(0).startsWith("trading: opposite-roles allows 20,005,000 trading pairs"),
                v.get(0));
    }
}
