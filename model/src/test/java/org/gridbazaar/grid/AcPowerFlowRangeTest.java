package org.gridbazaar.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Network;
import org.junit.jupiter.api.Test;

/**
 * The sweep never throws on finite injections, however large: divergence, overflow to infinity and
 * a collapsed (zero) voltage all end as a result that says it did not converge.
 */
class AcPowerFlowRangeTest {

    static RadialFeeder threeBuses() {
        return RadialFeeder.of(
                new Network(
                        12.66,
                        "B1",
                        List.of(
                                Line.of("L1", "B1", "B2", 0.5, 0.3),
                                Line.of("L2", "B2", "B3", 0.5, 0.3))));
    }

    @Test
    void injectionsNearTheDoubleRangeGiveANonConvergedResultNotAnException() {
        RadialFeeder feeder = threeBuses();
        for (double p : new double[] {-1e300, 1e300, -Double.MAX_VALUE, 1e20, -1e9}) {
            AcPowerFlowResult r =
                    AcPowerFlow.DEFAULT.solve(
                            feeder, new double[] {0, 0, p}, new double[] {0, Double.MAX_VALUE, p});
            assertFalse(r.converged(), "P = " + p);
            assertEquals(3, r.busVoltages().size());
            assertEquals(2, r.lineFlows().size());
            r.minimumVoltage();
            r.maximumVoltage();
        }
    }

    @Test
    void theReactivePowerOfAnySmallPowerFactorIsZeroAtZeroActivePower() {
        PowerFactor tiny = PowerFactor.lagging(Double.MIN_VALUE);
        assertEquals(0.0, tiny.reactiveKvar(0.0), 0.0);
        assertEquals(0.0, PowerFactor.leading(Double.MIN_VALUE).reactiveKvar(-0.0), 0.0);
        assertTrue(
                Double.isInfinite(tiny.reactiveKvar(1)),
                "tan(acos(5e-324)) overflows: why a market has a smallest factor");
    }

    @Test
    void theSmallestPowerFactorAMarketAllowsGivesFiniteReactivePowerAtTheLargestBound() {
        double q =
                PowerFactor.lagging(org.gridbazaar.model.Market.MIN_POWER_FACTOR)
                        .reactiveKvar(-org.gridbazaar.model.Market.MAX_BOUND_KW);
        assertEquals(-99.995e15, q, 1e12);
    }
}
