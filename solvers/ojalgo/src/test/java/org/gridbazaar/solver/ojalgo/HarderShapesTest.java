package org.gridbazaar.solver.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Trading;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.HardMarkets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pool markets scaled worse than {@link HardMarkets}' shapes, each with its exact optimum from
 * {@link HardMarkets#dispatch}: the solver may stop honestly ({@code NUMERICAL_ERROR},
 * {@code ITERATION_LIMIT}) but an {@code OPTIMAL} must be the optimum (objective to 1e-6 relative,
 * unique set-points to 1e-6 of each peer's scale).
 */
class HarderShapesTest {

    static Stream<Market> markets() {
        return Stream.of(
                // a 1e15 kW bound with nearly linear costs everywhere (a = 1e-9)
                pool(Market.builder("huge-bound-nearly-linear")
                        .producer("G", 0, 1e15, QuadraticCost.of(1e-9, 20, 0))
                        .producer("G2", 0, 300, QuadraticCost.of(1e-9, 25, 0))
                        .consumer("C", -1000, 0, QuadraticCost.of(1e-9, 60, 0))
                        .consumer("D", -400, -100, QuadraticCost.of(0.1, 45, 0))),
                // coefficients near 1e9 and 1e10 on quantities of 10 kW
                pool(Market.builder("coefficients-1e9")
                        .producer("G1", 0, 10, QuadraticCost.of(1e9, 1e9, 0))
                        .producer("G2", 0, 10, QuadraticCost.of(2e9, 1.5e9, 0))
                        .consumer("C1", -15, 0, QuadraticCost.of(1e9, 3e10, 0))
                        .consumer("C2", -5, -5, QuadraticCost.of(0, 2e10, 0))),
                // 5e5 kW trades beside a 2e-3 kW appliance: eight orders of magnitude in one market
                pool(Market.builder("kilowatts-and-milliwatts")
                        .producer("G", 0, 1e6, QuadraticCost.of(1e-6, 10, 0))
                        .producer("S", 0, 0.002, QuadraticCost.of(1000, 9, 0))
                        .consumer("T", -0.002, 0, QuadraticCost.of(1000, 50, 0))
                        .consumer("C", -5e5, 0, QuadraticCost.of(1e-5, 15, 0))));
    }

    private static Market pool(Market.Builder b) {
        return b.trading(Trading.oppositeRoles()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markets")
    void optimalIsNeverFarFromTheOptimum(Market m) {
        HardMarkets.Dispatch exact = HardMarkets.dispatch(m);
        MarketResult r = MarketClearing.clear(m, new OjAlgoSolver(), SolverOptions.DEFAULTS);
        if (r.status() != Status.OPTIMAL) {
            assertTrue(r.status() == Status.NUMERICAL_ERROR || r.status() == Status.ITERATION_LIMIT,
                    m.name() + " is feasible and bounded, yet the solver said " + r.status());
            return;
        }
        assertEquals(exact.objective(), r.objective(), 1e-6 * Math.max(1, Math.abs(exact.objective())), m.name() + ": objective");
        for (Map.Entry<String, Double> e : exact.setPoints().entrySet()) {
            assertEquals(e.getValue(), r.power(e.getKey()), 1e-6 * exact.scales().get(e.getKey()),
                    m.name() + ": set-point of " + e.getKey());
        }
    }
}
