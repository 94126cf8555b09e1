package org.gridbazaar.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridbazaar.model.PeerId;
import org.junit.jupiter.api.Test;

class MarketResultTest {

    private static MarketResult result(List<PeerOutcome> peers, List<Trade> trades) {
        return new MarketResult(
                "r",
                Status.OPTIMAL,
                0,
                peers,
                trades,
                List.of(),
                Optional.empty(),
                new SolverStats("s", 1, 0, 0, 0, 0));
    }

    @Test
    void tradedIsSignedAndSumsBothDirections() {
        PeerId a = PeerId.of("A"), b = PeerId.of("B");
        MarketResult r =
                result(
                        List.of(
                                new PeerOutcome(a, 5, 0, 10, 0, 0),
                                new PeerOutcome(b, -5, 0, 10, 0, 0)),
                        List.of(new Trade(a, b, 7, 10), new Trade(b, a, 2, 11)));
        assertEquals(5, r.traded("A", "B"), 0);
        assertEquals(-5, r.traded("B", "A"), 0);
        assertEquals(0, r.traded("A", "C"), 0);
        assertEquals(10, r.tradePrice("A", "B").orElseThrow(), 0);
        assertEquals(11, r.tradePrice("B", "A").orElseThrow(), 0);
        assertTrue(r.tradePrice("A", "C").isEmpty());
        assertEquals(-5, r.power("B"), 0);
        assertEquals(10, r.peerPrice("A"), 0);
    }

    @Test
    void unknownPeerIsNamed() {
        MarketResult r = result(List.of(), List.of());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> r.power("X9"));
        assertTrue(e.getMessage().contains("X9"), e.getMessage());
    }

    @Test
    void lookUpsOnALargeResultAreIndexed() {
        // 200,000 trades: a linear scan per look-up would make this loop quadratic (4e10 steps)
        int n = 200_000;
        List<PeerOutcome> peers = new ArrayList<>();
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(new PeerOutcome(PeerId.of("P" + i), 0, 0, 0, 0, 0));
            trades.add(new Trade(PeerId.of("P" + i), PeerId.of("P" + ((i + 1) % n)), 1, i));
        }
        MarketResult r = result(peers, trades);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum +=
                    r.traded("P" + i, "P" + ((i + 1) % n))
                            + r.tradePrice("P" + i, "P" + ((i + 1) % n)).orElseThrow();
        }
        assertEquals(n + (double) n * (n - 1) / 2, sum, 1e-3);
    }
}
