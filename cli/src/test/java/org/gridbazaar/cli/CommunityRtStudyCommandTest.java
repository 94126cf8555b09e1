package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.mechanism.realtime.Community;
import org.gridbazaar.mechanism.realtime.CommunityPeriod;
import org.gridbazaar.mechanism.realtime.PeriodOutcome;
import org.gridbazaar.mechanism.realtime.TariffResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gridbazaar study community-rt}: the study runs once, through the command line with its
 * tables and plots, and its numbers are re-derived from the clearings they come from.
 */
class CommunityRtStudyCommandTest {

    static Path dir;
    static CommunityRtStudyCommand command;
    static CommunityRtStudyCommand.Study study;
    static String out;
    static int exit;

    @BeforeAll
    static void runStudy() throws IOException {
        dir = Files.createTempDirectory("community-rt");
        command = new CommunityRtStudyCommand();
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        exit = cl.execute("--csv", dir.toString(), "--plot", dir.resolve("rt").toString());
        out = o.toString();
        study = command.study;
        System.out.println(out);
        assertEquals(GridBazaarCommand.OK, exit, e.toString());
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        return lines.stream().map(l -> l.split(",")).toList();
    }

    @Test
    void theClearingTableIsThePeriodsOfTheLoop() throws IOException {
        List<String[]> rows = rows("clearing.csv");
        assertEquals(List.of("period", "price", "lseSupplyKw"), List.of(rows.get(0)));
        assertEquals(25, rows.size());
        for (PeriodOutcome p : study.day.periods()) {
            String[] r = rows.get(p.period() + 1);
            assertEquals(p.period(), Integer.parseInt(r[0]));
            assertEquals(p.price(), Double.parseDouble(r[1]), 1e-12);
            assertEquals(p.lseSupplyKw(), Double.parseDouble(r[2]), 1e-9);
            // the price lies between the LSE's two prices unless the substation limit binds
            assertTrue(
                    p.price() >= study.lse.wholesale(p.period()) - 1e-12, "period " + p.period());
            assertTrue(
                    p.price() <= study.lse.retail(p.period()) + 1e-12
                            || p.lseSupplyKw() >= study.lse.substationLimitKw() - 1e-6,
                    "period " + p.period());
        }
    }

    @Test
    void theCostsAreReDerivedFromTheClearingsAndTheTariffResponses() throws IOException {
        Map<String, Double> costs = new HashMap<>();
        for (String[] r : rows("costs.csv").subList(1, 10)) {
            costs.put(r[0] + "/" + r[1], Double.parseDouble(r[2]));
        }
        assertEquals(9, costs.size());
        double dt = 1;
        double totalTransactive = 0;
        for (Community c : study.communities) {
            double transactive = 0;
            for (PeriodOutcome p : study.day.periods()) {
                transactive += p.price() * p.community(c.name()).awardKw() * dt;
            }
            assertEquals(transactive, costs.get(c.name() + "/transactive"), 1e-6, c.name());
            totalTransactive += transactive;
            for (TariffResponse r :
                    List.of(study.flatResponses.get(c.name()), study.touResponses.get(c.name()))) {
                double bill = 0;
                double[] net = r.netImportKw();
                for (int t = 0; t < net.length; t++) {
                    bill +=
                            dt
                                    * (net[t] > 0
                                            ? r.tariff().importPrice(t) * net[t]
                                            : r.tariff().exportPrice(t) * net[t]);
                }
                assertEquals(
                        bill,
                        costs.get(c.name() + "/" + r.tariff().name()),
                        1e-4,
                        c.name() + " " + r.tariff().name());
            }
        }
        // money balances: what the communities pay is what the LSE receives, from the clearing
        // table alone
        double lse = 0;
        for (String[] r : rows("clearing.csv").subList(1, 25)) {
            lse += Double.parseDouble(r[1]) * Double.parseDouble(r[2]) * dt;
        }
        assertEquals(lse, totalTransactive, 1e-6);
    }

    @Test
    void theCommunitiesSitOnConsecutiveGroupsOfTheFeedersBuses() {
        Map<String, List<String>> expected =
                Map.of(
                        "A",
                        List.of("B2", "B3", "B4"),
                        "B",
                        List.of("B5", "B6", "B7"),
                        "C",
                        List.of("B8", "B9", "B10", "B11"));
        for (Community c : study.communities) {
            assertEquals(
                    expected.get(c.name()),
                    c.busOf().values().stream().distinct().toList(),
                    c.name());
            assertEquals(
                    3 * expected.get(c.name()).size(),
                    c.day().peers().size(),
                    c.name() + ": homes, battery and shops per bus");
        }
    }

    @Test
    void theTariffsChargeAPassiveCustomerTheLsesCostOfItsEnergy() {
        double[] load = CommunityRtStudyCommand.Study.grossLoadKw(study.communities);
        double atRetail = 0, flat = 0, tou = 0;
        for (int t = 0; t < load.length; t++) {
            atRetail += study.lse.retail(t) * load[t];
            flat += study.flat.importPrice(t) * load[t];
            tou += study.tou.importPrice(t) * load[t];
        }
        assertEquals(atRetail, flat, 1e-6 * atRetail);
        assertEquals(atRetail, tou, 1e-6 * atRetail);
    }

    @Test
    void storageEndsTheDayAtItsTargetAndTheFeederStaysWithinVoltageLimits() {
        PeriodOutcome last = study.day.periods().get(23);
        for (Community c : study.communities) {
            CommunityPeriod p = last.community(c.name());
            c.day()
                    .storage()
                    .forEach(
                            (id, unit) ->
                                    assertTrue(
                                            p.storageKwh().get(id.value())
                                                    >= unit.initialKwh() - 1e-4,
                                            id + " ends below its start"));
        }
        for (PeriodOutcome p : study.day.periods()) {
            assertTrue(p.powerFlow().converged(), "period " + p.period());
            assertTrue(p.powerFlow().minimumVoltage().magnitudePu() > 0.95, "period " + p.period());
            assertEquals(
                    p.lseSupplyKw() + p.lossesKw(),
                    p.powerFlow().rootSupplyKw(),
                    1e-6,
                    "period " + p.period());
        }
    }

    @Test
    void thePrintedTableAndThePlotsAreWritten() throws IOException {
        assertTrue(out.contains("community  flat $    tou $     transactive $"), out);
        assertTrue(out.contains("not a separate simulator"), out);
        for (String kind : List.of("prices", "dispatch", "storage")) {
            String svg = Files.readString(dir.resolve("rt-" + kind + ".svg"));
            assertTrue(svg.startsWith("<?xml") && svg.contains("</svg>"), kind);
        }
        assertTrue(
                Files.readString(dir.resolve("rt-dispatch.svg"))
                        .contains("data-series=\"A net import\""));
        assertTrue(
                Files.readString(dir.resolve("rt-prices.svg")).contains("data-series=\"cleared\""));
    }

    @Test
    void aCaseWithoutAFeederAndAMissingCsvDirectoryAreRefused() throws IOException {
        Path twoPeers = dir.resolve("two-peers.json");
        Files.writeString(twoPeers, GridBazaarCommandTest.TWO_PEERS);
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run("study", "community-rt", twoPeers.toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("has no network"), r.err());
        GridBazaarCommandTest.Run m =
                GridBazaarCommandTest.run(
                        "study", "community-rt", "--csv", dir.resolve("nowhere").toString());
        assertEquals(GridBazaarCommand.INVALID_INPUT, m.exit());
        assertTrue(m.err().contains("is not an existing directory"), m.err());
    }
}
