package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.Role;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in case {@code community-day} holds what docs/cases/community-day.md says it holds, and
 * clears.
 */
class CommunityDayCaseTest {

    @TempDir Path dir;

    static MultiPeriodMarket communityDay() {
        MarketCase c =
                CaseReader.readCase(
                        Cases.resourceText("cases/community-day.json"), "built-in community-day");
        return ((MarketCase.MultiPeriod) c).market();
    }

    @Test
    void theDayHasEveryKindOfFlexibilityOnTheFeederNetwork() {
        MultiPeriodMarket day = communityDay();
        assertEquals(24, day.periodCount());
        assertEquals(1.0, day.hoursPerPeriod(), 0);
        Market feeder =
                CaseReader.read(
                        Cases.resourceText("cases/feeder-11bus.json"), "built-in feeder-11bus");
        assertEquals(
                feeder.network().orElseThrow(),
                day.period(0).network().orElseThrow(),
                "the feeder's network");
        assertTrue(day.period(0).resistancePenalty().isPresent());
        assertTrue(day.period(0).congestionPenalty().orElseThrow().autoLines());
        long batteries =
                day.storage().values().stream()
                        .filter(s -> !StudyCommand.DayStudy.isVehicle(s, 24))
                        .count();
        long vehicles = day.storage().size() - batteries;
        assertEquals(10, batteries);
        assertEquals(6, vehicles);
        for (Storage s : day.storage().values()) {
            assertTrue(s.chargeEfficiency() < 1 && s.dischargeEfficiency() < 1, s.toString());
            assertTrue(s.standingLossPerHour() > 0, s.toString());
            assertTrue(
                    s.targets().stream().anyMatch(t -> t.period() == 23)
                            || StudyCommand.DayStudy.isVehicle(s, 24),
                    s.toString());
        }
        assertEquals(6, day.energyWindows().size());
        assertTrue(
                day.energyWindows().values().stream()
                        .flatMap(java.util.List::stream)
                        .allMatch(w -> w.minKwh() == w.maxKwh()));
        long chp = day.peers().stream().filter(p -> p.region().isPresent()).count();
        long heatBuyers =
                day.peers().stream()
                        .filter(p -> p.role() == Role.CONSUMER && p.heatSide().isPresent())
                        .count();
        assertEquals(2, chp);
        assertEquals(4, heatBuyers);
        assertTrue(
                day.peers().size() >= 30 && day.peers().size() <= 40,
                "a few tens of buildings: " + day.peers().size());
    }

    @Test
    void gridPricesAreTimeOfUseWithTheEveningDearestAndExportBelowImport() {
        MultiPeriodMarket day = communityDay();
        double night = Double.POSITIVE_INFINITY, evening = 0;
        for (int t = 0; t < 24; t++) {
            Peer in = day.period(t).peer(PeerId.of("GRID-IN")).orElseThrow();
            Peer out = day.period(t).peer(PeerId.of("GRID-OUT")).orElseThrow();
            double buy = in.power().cost().b(), sell = out.power().cost().b();
            assertTrue(
                    buy >= 0.05 && buy <= 0.40 && sell >= 0.0 && sell < buy,
                    "period " + t + ": " + buy + " / " + sell);
            int hour = (t + 6) % 24;
            if (hour < 6) {
                night = Math.min(night, buy);
            }
            if (hour >= 17 && hour <= 20) {
                evening = Math.max(evening, buy);
            }
        }
        assertTrue(evening > 3 * night, "evening " + evening + " vs night " + night);
    }

    @Test
    void theDayClearsOptimalAndTheCommandLineSolvesIt() {
        MultiPeriodResult r = MultiPeriodClearing.clear(communityDay());
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertTrue(r.solver().seconds() < 30, "solved in " + r.solver().seconds() + " s");
        GridBazaarCommandTest.Run run =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:community-day",
                        "-q",
                        "-o",
                        dir.resolve("r.json").toString());
        assertEquals(0, run.exit(), run.err());
    }
}
