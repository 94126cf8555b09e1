package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.junit.jupiter.api.Test;

/**
 * Energy relayed through peers that are fixed and have no cost (a community's coordinator fixed at
 * 0 kW, consumers fixed at their demand), as the market-architecture reductions build them: those
 * peers' prices are set by the trades alone, and the acceptance test must still certify the optimum
 * (by the forest method for the small relay, by the interior point for the large one).
 */
class CostlessRelayTest {

    @Test
    void aRelayThroughFixedCostlessPeersIsOptimal() {
        Market market =
                Market.builder("relay")
                        .producer("G", 0, 100, QuadraticCost.of(0.1, 10, 0))
                        .prosumer("M", 0, 0, QuadraticCost.of(0, 0, 0))
                        .consumer("C", -50, -50, QuadraticCost.of(0, 0, 0))
                        .tradingPairs(List.of(PeerPair.of("G", "M"), PeerPair.of("M", "C")))
                        .build();
        MarketResult r = MarketClearing.clear(market);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(50, r.power("G"), 1e-7);
        assertEquals(0.1 * 50 + 10, r.tradePrice("G", "M").orElseThrow(), 1e-7);
        assertEquals(0.1 * 50 + 10, r.tradePrice("M", "C").orElseThrow(), 1e-7);
        assertEquals(0.5 * 0.1 * 50 * 50 + 10 * 50, r.objective(), 1e-7);
    }

    @Test
    void aManagerRelayingForManyFixedCostlessMembersIsOptimal() {
        Market.Builder b =
                Market.builder("community").prosumer("M", 0, 0, QuadraticCost.of(0, 0, 0));
        List<PeerPair> pairs = new java.util.ArrayList<>();
        double demand = 0;
        for (int k = 0; k < 300; k++) {
            b.producer(
                    "G" + k,
                    0,
                    20 + k % 7,
                    QuadraticCost.of(0.05 + 0.001 * (k % 11), 8 + k % 13, 0));
            b.consumer("C" + k, -(3 + k % 5), -(3 + k % 5), QuadraticCost.of(0, 0, 0));
            demand += 3 + k % 5;
            pairs.add(PeerPair.of("G" + k, "M"));
            pairs.add(PeerPair.of("M", "C" + k));
        }
        MarketResult r = MarketClearing.clear(b.tradingPairs(pairs).build());
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        double supplied = 0;
        for (int k = 0; k < 300; k++) {
            supplied += r.power("G" + k);
        }
        assertEquals(demand, supplied, 1e-6);
    }
}
