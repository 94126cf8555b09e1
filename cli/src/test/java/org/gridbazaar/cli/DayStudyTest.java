package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.cli.StudyCommand.DayStudy;
import org.gridbazaar.horizon.ElectricVehicle;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbazaar study day}: what flexibility is worth on the community day, and the rules of
 * the day without it.
 */
class DayStudyTest {

    static DayStudy study;

    @TempDir Path dir;

    @BeforeAll
    static void runStudy() {
        study =
                DayStudy.run(
                        CommunityDayCaseTest.communityDay(),
                        Solvers.defaultSolver(),
                        SolverOptions.DEFAULTS.withTolerance(
                                Solvers.defaultSolver().defaultTolerance()));
    }

    @Test
    void bothDaysClearOptimalAndTheDayWithoutFlexibilityIsFeasible() {
        assertEquals(
                Status.OPTIMAL,
                study.flexible().result().status(),
                study.flexible().result().message());
        assertEquals(
                Status.OPTIMAL, study.fixed().result().status(), study.fixed().result().message());
        assertFalse(
                study.fixed().market().isLinked(),
                "the day without flexibility has no storage, ramps or windows");
        assertEquals(24, study.fixed().result().periodCount());
    }

    @Test
    void flexibilityLowersTotalCostAndPeakGridImport() {
        DayStudy.Metrics a = study.flexible().metrics(), b = study.fixed().metrics();
        assertTrue(
                a.totalCost() < 0.95 * b.totalCost(),
                "cost " + a.totalCost() + " vs " + b.totalCost());
        assertTrue(
                a.peakImportKw() < 0.9 * b.peakImportKw(),
                "peak " + a.peakImportKw() + " vs " + b.peakImportKw());
        assertTrue(
                a.gridImportKwh() < b.gridImportKwh(),
                "import " + a.gridImportKwh() + " vs " + b.gridImportKwh());
        assertTrue(
                a.storageThroughputKwh() > b.storageThroughputKwh(),
                "batteries cycle only in the flexible day");
        double peak = 0;
        for (double kw : a.importKw()) {
            peak = Math.max(peak, kw);
        }
        assertEquals(a.peakImportKw(), peak, 1e-9);
    }

    @Test
    void theDayWithoutFlexibilityIsItsPeriodsClearedOneByOne() {
        double sum = 0;
        for (int t = 0; t < study.fixed().market().periodCount(); t++) {
            MarketResult r =
                    MarketClearing.clear(
                            study.fixed().market().period(t),
                            Solvers.defaultSolver(),
                            SolverOptions.DEFAULTS.withTolerance(
                                    Solvers.defaultSolver().defaultTolerance()));
            // not OPTIMAL: structured-ipm on its own stops period 9 at ITERATION_LIMIT after 14
            // iterations, its per-peer
            // stationarity check 1.2 times over its limit (a solver defect, reported); the point is
            // good enough to compare
            assertTrue(
                    r.status().hasSolution(),
                    "period " + t + ": " + r.status() + " " + r.message());
            sum += r.objective() * study.fixed().market().hoursPerPeriod();
        }
        assertEquals(sum, study.fixed().metrics().totalCost(), 1e-5 * Math.abs(sum));
    }

    @Test
    void theVehiclesChargeWhatTheyNeedUncontrolledAndHeatPumpsKeepTheirEnergy() {
        double dt = study.fixed().market().hoursPerPeriod();
        study.fixedDay()
                .vehicleChargeKw()
                .forEach(
                        (id, c) -> {
                            for (int t = 0; t < c.length; t++) {
                                double kw = study.fixed().result().period(t).power(id);
                                assertEquals(
                                        -c[t], kw, 1e-4, id + " period " + t + " is a fixed load");
                            }
                        });
        assertEquals(6, study.fixedDay().vehicleChargeKw().size());
        study.flexible()
                .market()
                .energyWindows()
                .forEach(
                        (id, windows) -> {
                            for (EnergyWindow w : windows) {
                                double kwh = 0;
                                for (int t = w.from(); t <= w.to(); t++) {
                                    kwh += study.fixed().result().period(t).power(id.value()) * dt;
                                }
                                assertEquals(w.minKwh(), kwh, 1e-3, id + " window " + w);
                            }
                        });
    }

    @Test
    void uncontrolledChargingIsFullPowerFromArrivalUntilTheTargetIsMet() {
        Horizon h = Horizon.hourly(6);
        Storage ev =
                ElectricVehicle.on(h)
                        .battery(40, 20)
                        .chargerKw(10)
                        .efficiencies(0.8, 1)
                        .trip(0, 1, 8)
                        .departure(5, 30)
                        .build();
        // 12 kWh at arrival; 10 kW gives 8 kWh an hour; 2 kWh missing in the third hour plugged in:
        // 2.5 kW
        assertArrayEquals(
                new double[] {0, 0, 10, 10, 2.5, 0},
                DayStudy.uncontrolledCharging("EV", ev, 6, 1),
                1e-12);
        Storage late =
                ElectricVehicle.on(h)
                        .battery(40, 20)
                        .chargerKw(10)
                        .trip(0, 3, 8)
                        .departure(4, 35)
                        .build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DayStudy.uncontrolledCharging("EV9", late, 6, 1));
        assertTrue(
                e.getMessage().contains("EV9") && e.getMessage().contains("period 4"),
                e.getMessage());
        assertTrue(DayStudy.isVehicle(ev, 6));
        assertFalse(DayStudy.isVehicle(Storage.builder(10, 5).powerKw(5, 5).build(), 6));
    }

    @Test
    void aWindowIsSpreadEvenlyAndOverlappingWindowsAddUp() {
        double[] g =
                DayStudy.evenPower(
                        List.of(EnergyWindow.of(0, 3, -40, -40), EnergyWindow.of(2, 3, -10, -6)),
                        6,
                        0.5);
        assertArrayEquals(new double[] {-20, -20, -28, -28, Double.NaN, Double.NaN}, g, 1e-12);
    }

    @Test
    void theCommandPrintsTheComparisonAndBothRunsPerPeriodAndDrawsThem() throws Exception {
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run("study", "day", "--plot", dir.resolve("day").toString());
        assertEquals(0, r.exit(), r.err());
        for (String row :
                List.of(
                        "total cost $",
                        "grid import kWh",
                        "peak grid import kW",
                        "network losses kWh",
                        "storage throughput kWh",
                        "Grid import per period, kW")) {
            assertTrue(r.out().contains(row), row + " in\n" + r.out());
        }
        assertEquals(
                24,
                r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+[-\\d.]+\\s+[-\\d.]+")).count(),
                r.out());
        for (String f :
                List.of(
                        "day-flexible-traded.svg",
                        "day-flexible-storage.svg",
                        "day-fixed-traded.svg",
                        "day-fixed-storage.svg")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }

    @Test
    void aSinglePeriodCaseIsRefusedWithAHint() {
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run("study", "day", "builtin:feeder-11bus");
        assertEquals(2, r.exit());
        assertTrue(
                r.err().contains("market over time") && r.err().contains("gridbazaar study"),
                r.err());
    }
}
