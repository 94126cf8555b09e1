package org.gridbazaar.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.junit.jupiter.api.Test;

/** The grid studies against closed forms on a two-bus feeder. */
class GridStudyTest {

    private final StructuredIpmSolver solver = new StructuredIpmSolver();

    /**
     * Cheap G at the root B1, dear H and a fixed 300 kW consumer beyond line L1 of capacity 100 kW.
     */
    private static Market twoBus() {
        return Market.builder("two-bus")
                .peer(
                        Peer.of("G", Role.PRODUCER, 0, 1000, QuadraticCost.of(0.01, 10, 0))
                                .atBus("B1"))
                .peer(
                        Peer.of("H", Role.PRODUCER, 0, 1000, QuadraticCost.of(0.01, 30, 0))
                                .atBus("B2"))
                .peer(
                        Peer.of("C", Role.CONSUMER, -300, -300, QuadraticCost.of(0, 0, 0))
                                .atBus("B2"))
                .network(new Network(11, "B1", List.of(Line.of("L1", "B1", "B2", 0.1, 0.05, 100))))
                .build();
    }

    @Test
    void smallestBetaIsHalfTheShadowPriceOnASingleLine() {
        CongestionStudy c = CongestionStudy.run(twoBus(), solver, SolverOptions.DEFAULTS, 1e-9);
        assertEquals(List.of("L1"), c.congestedWithoutPenalty());
        // G's delivered marginal cost 10 + 0.01*100 + 2 beta meets H's 30 + 0.01*200 at exactly 100
        // kW
        assertEquals(10.5, c.smallestBeta(), 1e-6);
        assertEquals(21, c.shadowPrices().get("L1"), 1e-6);
        assertEquals(1, c.lineChecks().size());
        assertEquals(0, c.lineChecks().get(0).mismatch(), 1e-6);
        assertEquals(100, c.penalized().network().orElseThrow().lineFlows().get(0).flowKw(), 1e-4);
        assertTrue(c.penalized().network().orElseThrow().congestedLines().isEmpty());
    }

    @Test
    void nothingCongestedNeedsNoPenalty() {
        Market m =
                twoBus().toBuilder()
                        .network(
                                new Network(
                                        11,
                                        "B1",
                                        List.of(Line.of("L1", "B1", "B2", 0.1, 0.05, 1000))))
                        .build();
        CongestionStudy c = CongestionStudy.run(m, solver, SolverOptions.DEFAULTS, 1e-6);
        assertTrue(c.congestedWithoutPenalty().isEmpty());
        assertEquals(0, c.smallestBeta());
    }

    @Test
    void congestionOfFixedDemandCannotBeClearedByAPenalty() {
        // without H the consumer's 300 kW must cross the 100 kW line whatever beta is
        Market m =
                Market.builder("no-local-supply")
                        .peer(
                                Peer.of("G", Role.PRODUCER, 0, 1000, QuadraticCost.of(0.01, 10, 0))
                                        .atBus("B1"))
                        .peer(
                                Peer.of("C", Role.CONSUMER, -300, -300, QuadraticCost.of(0, 0, 0))
                                        .atBus("B2"))
                        .network(
                                new Network(
                                        11,
                                        "B1",
                                        List.of(Line.of("L1", "B1", "B2", 0.1, 0.05, 100))))
                        .build();
        CongestionStudy c = CongestionStudy.run(m, solver, SolverOptions.DEFAULTS, 1e-3);
        assertEquals(Double.POSITIVE_INFINITY, c.smallestBeta());
        assertEquals(Status.INFEASIBLE, c.lineLimited().status());
    }

    @Test
    void poolSuppliesEverythingFromTheRootAndLosesMore() {
        Market pool = PoolBaseline.of(twoBus());
        assertEquals(List.of("G"), PoolBaseline.gridConnection(twoBus()));
        assertEquals(
                0, pool.peer(new org.gridbazaar.model.PeerId("H")).orElseThrow().power().max());
        Market m =
                twoBus().toBuilder()
                        .replacePeer(
                                Peer.of("H", Role.PRODUCER, 0, 1000, QuadraticCost.of(0.01, 12, 0))
                                        .atBus("B2"))
                        .build();
        List<LossStudy.Row> rows =
                LossStudy.run(m, List.of(5.0, 50.0), solver, SolverOptions.DEFAULTS);
        assertEquals(
                List.of("pool", "basic P2P", "P2P alpha=5.0", "P2P alpha=50.0"),
                rows.stream().map(LossStudy.Row::structure).toList());
        // pool: 300 kW over 0.1 ohm at 11 kV; loss estimate r F^2 / (1000 V^2)
        assertEquals(0.1 * 300 * 300 / (1000 * 121.0), rows.get(0).lossEstimateKw(), 1e-6);
        // basic: G's cheaper energy crosses the line: x_G = 300 - x_H with 10 + 0.01 x_G = 12 +
        // 0.01 x_H -> x_G = 250
        assertEquals(0.1 * 250 * 250 / (1000 * 121.0), rows.get(1).lossEstimateKw(), 1e-5);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(
                    rows.get(i).lossEstimateKw() <= rows.get(i - 1).lossEstimateKw() + 1e-9,
                    rows.toString());
        }
        for (LossStudy.Row r : rows) {
            // one lightly loaded line: the AC losses are the estimate to within a few percent
            assertEquals(
                    r.lossEstimateKw(),
                    r.acLossesKw(),
                    0.05 * r.lossEstimateKw() + 1e-9,
                    r.toString());
        }
    }

    @Test
    void poolNeedsAGridConnection() {
        Market noRoot =
                twoBus().toBuilder()
                        .replacePeer(
                                Peer.of("G", Role.PRODUCER, 0, 1000, QuadraticCost.of(0.01, 10, 0))
                                        .atBus("B2"))
                        .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PoolBaseline.of(noRoot));
        assertTrue(e.getMessage().contains("root bus B1"), e.getMessage());
    }
}
