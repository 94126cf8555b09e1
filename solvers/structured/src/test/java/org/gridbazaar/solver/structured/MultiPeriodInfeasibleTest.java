package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

/**
 * Markets whose every period is feasible alone but whose links over time cannot hold: the result is
 * {@code INFEASIBLE}, with no objective, no periods, no storage, and a reason naming the peer.
 */
class MultiPeriodInfeasibleTest {

    private static void assertInfeasibleNaming(MultiPeriodMarket m, String peer) {
        MultiPeriodResult r =
                MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.INFEASIBLE, r.status(), r.message());
        assertEquals(0, r.periodCount());
        assertTrue(r.storage().isEmpty());
        assertTrue(Double.isNaN(r.objective()), "objective " + r.objective());
        assertTrue(
                r.message().contains(peer), "the reason should name " + peer + ": " + r.message());
    }

    @Test
    void storageTargetAboveWhatTheChargerCanReachIsInfeasible() {
        // an empty battery charging at most 2 kW holds at most 4 kWh after two hours; the target
        // asks 8
        assertInfeasibleNaming(
                org.gridbazaar.testkit.HorizonClosedForms.unreachableTarget(), "Battery7");
    }

    @Test
    void energyWindowAskingMoreThanTheBoundsAllowIsInfeasible() {
        // at most 5 kW for two hours is 10 kWh; the window asks exactly 20
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("window", Horizon.hourly(2))
                        .periods(
                                t ->
                                        Market.builder("window")
                                                .producer("Grid", 0, 100, QuadraticCost.linear(10))
                                                .consumer("Shift3", -5, 0, QuadraticCost.linear(50))
                                                .build())
                        .energyWindow("Shift3", EnergyWindow.of(0, 1, -20, -20))
                        .build();
        assertInfeasibleNaming(m, "Shift3");
    }

    @Test
    void rampThatCannotReachAFixedDemandIsInfeasible() {
        // the only producer starts at 0 kW and rises at most 10 kW per period; demand is a fixed 30
        // kW
        // from period 0 on (it could serve the demand in period 2, but not in periods 0 and 1)
        MultiPeriodMarket m =
                MultiPeriodMarket.builder("ramp", Horizon.of(3, 0.5))
                        .periods(
                                t ->
                                        Market.builder("ramp")
                                                .producer("Gen5", 0, 100, QuadraticCost.linear(10))
                                                .consumer(
                                                        "Load", -30, -30, QuadraticCost.linear(100))
                                                .build())
                        .ramp("Gen5", Ramp.of(10, 10).startingAt(0))
                        .build();
        assertInfeasibleNaming(m, "Gen5");
    }
}
