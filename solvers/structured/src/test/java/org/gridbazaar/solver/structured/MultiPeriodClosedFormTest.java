package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

class MultiPeriodClosedFormTest {

    private static Market period(double gridPrice) {
        return Market.builder("arbitrage")
                .producer("G", 0, 100, QuadraticCost.linear(gridPrice))
                .consumer("L", -10, -10, QuadraticCost.linear(100))
                .prosumer("B", 0, 0, QuadraticCost.linear(0))
                .build();
    }

    private static MultiPeriodResult clear(double p0, double p1, double eta) {
        Storage battery = Storage.builder(10, 0).powerKw(10, 10).efficiencies(eta, eta).build();
        MultiPeriodMarket m = MultiPeriodMarket.builder("arbitrage", Horizon.hourly(2))
                .periods(t -> period(t == 0 ? p0 : p1)).storage("B", battery).build();
        return MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
    }

    @Test
    void losslessBatteryArbitragesTwoPeriods() {
        MultiPeriodResult r = clear(10, 50, 1);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        // charge 10 kWh at 10 $/kWh, serve the 10 kW load in period 1 from it; the load pays 100 $/kWh twice
        assertEquals(10 * 20 - 2000, r.objective(), 1e-6);
        assertEquals(10, r.storage("B").orElseThrow().energyKwh(0), 1e-6);
        assertEquals(0, r.storage("B").orElseThrow().energyKwh(1), 1e-6);
    }

    @Test
    void lossyBatteryDoesNotArbitrageASpreadBelowItsRoundTripLoss() {
        MultiPeriodResult r = clear(10, 14, 0.8);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(10 * 10 + 10 * 14 - 2000, r.objective(), 1e-6);
    }
}
