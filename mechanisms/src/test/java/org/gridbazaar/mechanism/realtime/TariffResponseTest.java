package org.gridbazaar.mechanism.realtime;

import static org.gridbazaar.mechanism.realtime.RealtimeFixtures.SOLVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.solver.SolverOptions;
import org.junit.jupiter.api.Test;

class TariffResponseTest {

    /**
     * A load of 10 kW in two hours and a lossless battery of 10 kWh, empty, 5 kW each way, that
     * must end empty: under 0.10 then 0.30 $/kWh it charges 5 kW in the cheap hour and gives them
     * back in the dear one, so the bill is 0.10 * 15 + 0.30 * 5 = 3.00 $ instead of 4.00 $.
     */
    @Test
    void aBatteryShiftsItsLoadToTheCheapHourAsTheClosedFormSays() {
        MultiPeriodMarket day =
                MultiPeriodMarket.builder("home", Horizon.hourly(2))
                        .periods(
                                t ->
                                        Market.builder("home")
                                                .consumer(
                                                        "load", -10, -10, QuadraticCost.linear(0.5))
                                                .prosumer("battery", 0, 0, QuadraticCost.linear(0))
                                                .tradingPairs(List.of())
                                                .build())
                        .storage(
                                "battery",
                                Storage.builder(10, 0).powerKw(5, 5).target(1, 0).build())
                        .build();
        Community home = new Community("home", day, Map.of("load", "F2", "battery", "F2"), 50);
        Tariff tou = new Tariff("tou", new double[] {0.10, 0.30}, new double[] {0.02, 0.02});
        TariffResponse r = TariffResponse.of(home, tou, SOLVER, SolverOptions.DEFAULTS);
        assertEquals(15, r.netImportKw()[0], 1e-5);
        assertEquals(5, r.netImportKw()[1], 1e-5);
        assertEquals(3.00, r.costDollars(), 1e-5);
        TariffResponse flat =
                TariffResponse.of(
                        home, Tariff.flat("flat", 2, 0.20, 0.02), SOLVER, SolverOptions.DEFAULTS);
        assertEquals(4.00, flat.costDollars(), 1e-5, "under a flat price shifting gains nothing");
    }

    /**
     * PV of 6 kW against a load of 2 kW: 4 kW exported at 0.04 $/kWh, a credit of 0.16 $ for the
     * hour.
     */
    @Test
    void exportsArePaidTheExportPrice() {
        Market m =
                Market.builder("pv")
                        .consumer("load", -2, -2, QuadraticCost.linear(0.5))
                        .producer("pv", 0, 6, QuadraticCost.linear(0))
                        .tradingPairs(List.of())
                        .build();
        Community c =
                new Community(
                        "pv",
                        MultiPeriodMarket.repeated(m, Horizon.hourly(1)),
                        Map.of("load", "F2", "pv", "F2"),
                        50);
        TariffResponse r =
                TariffResponse.of(
                        c, Tariff.flat("flat", 1, 0.2, 0.04), SOLVER, SolverOptions.DEFAULTS);
        assertEquals(-4, r.netImportKw()[0], 1e-5);
        assertEquals(-0.16, r.costDollars(), 1e-6);
    }

    @Test
    void aTariffThatPaysMoreForExportThanItChargesIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Tariff("odd", new double[] {0.1, 0.2}, new double[] {0.05, 0.3}));
        assertTrue(e.getMessage().contains("period 1: export price 0.3"), e.getMessage());
    }
}
