package org.gridbazaar.formulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;

/** A result never reports OPTIMAL with an objective or a point that is not finite. */
class FormulatedMarketNumericsTest {

    static FormulatedMarket twoPeers() {
        Market m =
                Market.builder("two")
                        .producer("G", 0, 100, QuadraticCost.of(0.02, 10, 0))
                        .consumer("C", -80, 0, QuadraticCost.of(0.1, 40, 0))
                        .build();
        return new P2PFormulation().formulate(m);
    }

    static ProblemSolution point(Status status, double[] x, double[] f, String message) {
        return ProblemSolution.of(
                status,
                x,
                f,
                new double[] {11, 11},
                null,
                "test",
                3,
                0.01,
                0,
                0,
                0,
                List.of(),
                message);
    }

    @Test
    void anObjectiveThatOverflowsIsANumericalErrorWithAMessage() {
        MarketResult r =
                twoPeers()
                        .result(
                                point(
                                        Status.OPTIMAL,
                                        new double[] {1e200, -1e200},
                                        new double[] {1e200},
                                        "converged"));
        assertEquals(Status.NUMERICAL_ERROR, r.status());
        assertTrue(Double.isNaN(r.objective()));
        assertTrue(r.peers().isEmpty() && r.trades().isEmpty());
        assertEquals(
                "the objective at the solver's point is Infinity $ (it overflows the range of a double); "
                        + "the solver reported OPTIMAL (converged), but there is no solution to report",
                r.message());
        assertEquals("test", r.solver().solver());
    }

    @Test
    void aPointThatIsNotFiniteIsANumericalErrorEvenAtTheIterationLimit() {
        MarketResult r =
                twoPeers()
                        .result(
                                point(
                                        Status.ITERATION_LIMIT,
                                        new double[] {50, -50},
                                        new double[] {Double.NaN},
                                        ""));
        assertEquals(Status.NUMERICAL_ERROR, r.status());
        assertEquals(
                "a trade of the solver's point is NaN (index 0); the solver reported ITERATION_LIMIT, but there is no solution to report",
                r.message());
    }

    @Test
    void aFinitePointIsReportedWithTheSolversStatusAndMessage() {
        MarketResult r =
                twoPeers()
                        .result(
                                point(
                                        Status.OPTIMAL,
                                        new double[] {50, -50},
                                        new double[] {50},
                                        "all fine"));
        assertEquals(Status.OPTIMAL, r.status());
        assertEquals("all fine", r.message());
        assertEquals(0.5 * 0.02 * 2500 + 10 * 50 + 0.5 * 0.1 * 2500 - 40 * 50, r.objective(), 1e-9);
    }

    /**
     * 1e307 kW at a power factor of 0.01 is 1e309 kvar (the objective, 1e307 - 1e307, is finite):
     * the AC sweep is reported as not converged.
     */
    @Test
    void reactivePowerThatOverflowsLeavesTheAcFlowUnconvergedInsteadOfThrowing() {
        org.gridbazaar.model.Network net =
                new org.gridbazaar.model.Network(
                        12.66,
                        "B1",
                        List.of(org.gridbazaar.model.Line.of("L1", "B1", "B2", 0.1, 0.1)));
        Market m =
                Market.builder("ac")
                        .peer(
                                org.gridbazaar.model.Peer.of(
                                                "G",
                                                org.gridbazaar.model.Role.PRODUCER,
                                                0,
                                                100,
                                                QuadraticCost.linear(1))
                                        .atBus("B1"))
                        .peer(
                                org.gridbazaar.model.Peer.of(
                                                "C",
                                                org.gridbazaar.model.Role.CONSUMER,
                                                -80,
                                                0,
                                                QuadraticCost.linear(1))
                                        .atBus("B2"))
                        .network(net)
                        .powerFactor(
                                "C",
                                org.gridbazaar.grid.PowerFactor.lagging(Market.MIN_POWER_FACTOR))
                        .build();
        FormulatedMarket fm = new P2PFormulation().formulate(m);
        MarketResult r =
                fm.result(
                        point(
                                Status.OPTIMAL,
                                new double[] {1e307, -1e307},
                                new double[] {1e307},
                                ""));
        assertEquals(Status.OPTIMAL, r.status());
        assertEquals(false, r.network().orElseThrow().ac().converged());
    }
}
