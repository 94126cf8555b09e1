package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridbazaar.architecture.Architecture;
import org.gridbazaar.architecture.ArchitectureClearing;
import org.gridbazaar.architecture.ArchitectureMarket;
import org.gridbazaar.architecture.Clearing;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbazaar architectures} on its default population: its tables agree with the clearings
 * they come from.
 */
class ArchitecturesCommandTest {

    @TempDir Path dir;

    static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static double d(Map<String, String> row, String key) {
        return Double.parseDouble(row.get(key));
    }

    @Test
    void theDefaultComparisonsNumbersAreThoseOfTheClearings() throws IOException {
        Path svg = dir.resolve("designs.svg");
        long start = System.nanoTime();
        GridBazaarCommandTest.Run run =
                GridBazaarCommandTest.run(
                        "architectures", "--csv", dir.toString(), "--svg", svg.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exit(), run.err());
        System.out.printf("architectures on the default population: %.2f s%n", seconds);
        CommunityMarket population = ArchitecturesCommand.defaultPopulation();
        assertEquals(3, population.communities().size());
        assertEquals(20, population.communities().stream().mapToInt(c -> c.members().size()).sum());
        List<Map<String, String>> designs = csv(dir.resolve("designs.csv"));
        List<Map<String, String>> peers = csv(dir.resolve("peers.csv"));
        assertEquals(Architecture.values().length, designs.size());
        String chart = Files.readString(svg);
        for (Map<String, String> row : designs) {
            Architecture a =
                    Architecture.valueOf(
                            row.get("design").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            assertEquals("OPTIMAL", row.get("status"), a.label());
            Clearing c =
                    ArchitectureClearing.clear(
                            population, a, Solvers.defaultSolver(), SolverOptions.DEFAULTS);
            double total = d(row, "total_cost");
            assertEquals(c.objective(), total, 1e-6 * Math.abs(total), a.label() + " total cost");
            assertEquals(c.importKwh(), d(row, "import_kwh"), 1e-5, a.label() + " import");
            assertEquals(c.exportKwh(), d(row, "export_kwh"), 1e-5, a.label() + " export");
            assertEquals(
                    c.periods().get(0).network().orElseThrow().lossesKw(),
                    d(row, "losses_kwh"),
                    1e-6,
                    a.label() + " losses");
            assertEquals(
                    total,
                    d(row, "distributed_objective"),
                    1e-6 * Math.abs(total),
                    a.label() + " distributed clearing agrees");
            assertTrue(
                    Long.parseLong(row.get("messages")) > 0
                            && Long.parseLong(row.get("rounds")) > 0,
                    a.label());
            if (PriceCoordination.NAME.equals(row.get("distributed_solver"))) {
                // the counts are the clearing's own: its messages and their measured CBOR sizes
                Clearing d =
                        PriceCoordination.clear(
                                ArchitectureMarket.of(population, a),
                                1e-6,
                                SolverOptions.DEFAULT_MAX_ITERATIONS);
                assertEquals(d.messages().rounds(), Long.parseLong(row.get("rounds")), a.label());
                assertEquals(
                        d.messages().messages(), Long.parseLong(row.get("messages")), a.label());
                assertEquals(d.messages().bytes(), Long.parseLong(row.get("bytes")), a.label());
                double perMessage = (double) d.messages().bytes() / d.messages().messages();
                assertTrue(
                        perMessage > 40 && perMessage < 120,
                        a.label() + ": " + perMessage + " bytes of CBOR per message");
            }
            // bills: what the peers pay on balance is what the grid is paid on balance (no margins
            // here)
            double net = 0;
            List<Double> gains = new ArrayList<>();
            for (Map<String, String> p : peers) {
                if (p.get("design").equals(row.get("design"))) {
                    net += d(p, "net_bill");
                    gains.add(d(p, "gain"));
                }
            }
            assertEquals(20, gains.size());
            double grid =
                    ArchitecturesCommand.DEFAULT_IMPORT * d(row, "import_kwh")
                            - ArchitecturesCommand.DEFAULT_EXPORT * d(row, "export_kwh");
            assertEquals(
                    grid,
                    net,
                    1e-5 * Math.max(1, Math.abs(grid)),
                    a.label() + " peers' bills against the grid's exchange");
            double sum = 0, squares = 0;
            for (double g : gains) {
                sum += g;
                squares += g * g;
            }
            assertEquals(
                    sum * sum / (gains.size() * squares),
                    d(row, "jain_index"),
                    1e-9,
                    a.label() + " Jain's index of the gains");
            Matcher bar =
                    Pattern.compile("data-design=\"" + a.label() + "\" data-cost=\"([^\"]+)\"")
                            .matcher(chart);
            assertTrue(bar.find(), a.label() + " has a cost bar");
            assertEquals(total, Double.parseDouble(bar.group(1)), 1e-9 * Math.abs(total));
        }
        assertEquals(
                3,
                designs.stream()
                        .filter(r -> PriceCoordination.NAME.equals(r.get("distributed_solver")))
                        .count(),
                "pool, community and local P2P are cleared by price coordination");
        // the community design (members reach only their manager, managers only the grid) costs
        // more than the pool here:
        // west exports at 38 what north and east import at 46
        Map<String, Double> total = new HashMap<>();
        designs.forEach(r -> total.put(r.get("design"), d(r, "total_cost")));
        assertTrue(total.get("community") > total.get("pool") + 1, total.toString());
        assertEquals(total.get("pool"), total.get("full-p2p"), 1e-6 * total.get("pool"));
        List<Map<String, String>> drops = csv(dir.resolve("dropouts.csv"));
        assertEquals(2 * Architecture.values().length, drops.size());
        assertTrue(
                drops.stream().allMatch(r -> r.get("status").equals("OPTIMAL")),
                "every design re-clears after each drop-out");
        assertTrue(run.out().contains("money balances in every design"), run.out());
    }

    @Test
    void theDtuCommunityComparesToo() {
        GridBazaarCommandTest.Run run =
                GridBazaarCommandTest.run("architectures", "builtin:dtu14-community");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("community") && run.out().contains("-3,395.57"), run.out());
    }

    @Test
    void aCaseWithoutCommunitiesIsRefusedWithAHint() {
        GridBazaarCommandTest.Run run =
                GridBazaarCommandTest.run("architectures", "builtin:feeder-11bus");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("gridConnection"), run.err());
    }
}
