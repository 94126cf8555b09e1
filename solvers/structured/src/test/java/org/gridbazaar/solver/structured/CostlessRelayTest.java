package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Role;
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

    @Test
    void aPoolOperatorFixedAtZeroOnAFeederWithALossPenaltyIsOptimal() {
        // the pool design of the market-architecture reductions with its operator fixed at 0 kW:
        // every peer trades with the operator, a fixed costless demand at the root, producers one
        // and two lines out paying alpha R on their trades. The trade operator -> C joins two
        // peers whose own price scales are 0; its reduced cost is a difference of prices the
        // producers set, and was measured against 1e-12 of the largest price, rejecting the optimum
        Network net =
                new Network(
                        0.4,
                        "B1",
                        List.of(
                                new Line("L1", "B1", "B2", 0.5, 0, Double.NaN),
                                new Line("L2", "B2", "B3", 1.0, 0, Double.NaN)));
        double alpha = 2;
        List<PeerPair> pairs = new java.util.ArrayList<>();
        for (String p : List.of("C", "G1", "G2", "G3", "IMPORT", "EXPORT")) {
            pairs.add(PeerPair.of(p, "OP"));
        }
        Market market =
                Market.builder("pool-line")
                        .network(net)
                        .resistancePenalty(
                                new ResistancePenalty(
                                        alpha,
                                        java.util.Map.of(
                                                PeerId.of("OP"), 0.0,
                                                PeerId.of("IMPORT"), 0.0,
                                                PeerId.of("EXPORT"), 0.0)))
                        .peer(
                                Peer.of("OP", Role.PROSUMER, 0, 0, QuadraticCost.of(0, 0, 0))
                                        .atBus("B1"))
                        .peer(
                                Peer.of("C", Role.CONSUMER, -30, -30, QuadraticCost.of(0, 0, 0))
                                        .atBus("B1"))
                        .peer(
                                Peer.of("G1", Role.PRODUCER, 0, 40, QuadraticCost.of(1, 10, 0))
                                        .atBus("B1"))
                        .peer(
                                Peer.of("G2", Role.PRODUCER, 0, 40, QuadraticCost.of(1, 10, 0))
                                        .atBus("B2"))
                        .peer(
                                Peer.of("G3", Role.PRODUCER, 0, 40, QuadraticCost.of(1, 10, 0))
                                        .atBus("B3"))
                        .peer(
                                Peer.of(
                                                "IMPORT",
                                                Role.PRODUCER,
                                                0,
                                                200,
                                                QuadraticCost.of(0, 1000, 0))
                                        .atBus("B1"))
                        .peer(
                                Peer.of("EXPORT", Role.CONSUMER, -200, 0, QuadraticCost.of(0, 0, 0))
                                        .atBus("B1"))
                        .tradingPairs(pairs)
                        .build();
        MarketResult r = MarketClearing.clear(market);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        double lambda = r.tradePrice("G1", "OP").orElseThrow();
        assertEquals(lambda, r.power("G1") + 10, 1e-6, "G1 at the root pays no penalty");
        assertEquals(lambda - alpha * 0.5, r.power("G2") + 10, 1e-6, "G2 one line out");
        assertEquals(lambda - alpha * 1.5, r.power("G3") + 10, 1e-6, "G3 two lines out");
        assertEquals(30, r.power("G1") + r.power("G2") + r.power("G3"), 1e-6);
    }
}
