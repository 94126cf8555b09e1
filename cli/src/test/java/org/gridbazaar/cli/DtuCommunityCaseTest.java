package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.io.CommunityCaseReader;
import org.gridbazaar.io.ResultFile;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.model.Peer;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code solve builtin:dtu14-community} (and {@code -nopv}) writes a result with the optimum the
 * DTU summer-school notebook (A-Eltved/peer-2-peer-markets, p2p.ipynb) publishes, with the default
 * solver and with the distributed price coordination.
 */
class DtuCommunityCaseTest {

    @TempDir Path dir;

    @Test
    void validateReadsTheCommunitiesAndNamesWhatIsWrongWithThem() throws IOException {
        GridBazaarCommandTest.Run ok =
                GridBazaarCommandTest.run("validate", "builtin:dtu14-community");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("1 community: dtu14 (14 members)"), ok.out());

        String text =
                Cases.resourceText("cases/dtu14-community.json").replace("\"A14\"]", "\"A99\"]");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, text);
        GridBazaarCommandTest.Run r = GridBazaarCommandTest.run("validate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("member A99 is not a peer of the market"), r.err());
        assertTrue(r.err().contains("peer A14: belongs to no community"), r.err());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "dtu14-community, structured-ipm, -3395.5726, 75.761905",
        "dtu14-community, price-coordination, -3395.5726, 75.761905",
        "dtu14-community-nopv, structured-ipm, -4917.2532, 94.150794",
        "dtu14-community-nopv, price-coordination, -4917.2532, 94.150794"
    })
    void solveWritesThePublishedOptimum(
            String name, String solver, double objective, double imported) throws IOException {
        Path result = dir.resolve("R.json");
        GridBazaarCommandTest.Run run =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:" + name,
                        "--solver",
                        solver,
                        "--output",
                        result.toString());
        assertEquals(0, run.exit(), run.err());
        String text = Files.readString(result);
        ResultFile r = ResultReader.read(text, "R.json");
        assertEquals(Status.OPTIMAL, r.status());
        assertEquals(
                objective,
                r.objective(),
                1e-6 * Math.abs(objective),
                "objective with the grid's cost");
        assertEquals(imported, r.peer("grid-import").orElseThrow().power(), 1e-6, "import");
        List<CommunityOutcome> cs = ResultReader.communities(text, "R.json");
        assertEquals(1, cs.size());
        assertEquals(70, cs.get(0).price(), 1e-6, "community price");
        assertEquals(imported, cs.get(0).importKw(), 1e-6);
        assertEquals(0, cs.get(0).exportKw(), 1e-6);
        // every agent at its closed-form set-point for price 70, computed from the built-in case's
        // own data
        CommunityMarket population =
                CommunityCaseReader.read(Cases.resourceText("cases/" + name + ".json"), name);
        assertEquals(14, population.period(0).peers().size());
        for (Peer p : population.period(0).peers()) {
            double expected =
                    Math.max(
                            p.power().min(),
                            Math.min(
                                    p.power().max(),
                                    (70 - p.power().cost().b()) / p.power().cost().a()));
            assertEquals(
                    expected, r.peer(p.id().value()).orElseThrow().power(), 1e-6, p.id().value());
        }
        assertTrue(run.out().contains("money balances"), run.out());
        if (solver.equals("price-coordination")) {
            assertTrue(run.out().matches("(?s).*distributed: [1-9]\\d? rounds.*"), run.out());
        }
    }
}
