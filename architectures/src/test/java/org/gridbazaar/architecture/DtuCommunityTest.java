package org.gridbazaar.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DTU summer-school community reproduces its published optimum, centrally and by price
 * coordination.
 */
class DtuCommunityTest {

    @ParameterizedTest(name = "pv7={0}")
    @ValueSource(booleans = {true, false})
    void centralizedClearingReproducesThePublishedOptimum(boolean pv7) {
        Clearing c =
                ArchitectureClearing.clear(
                        DtuCommunity.population(pv7),
                        Architecture.COMMUNITY,
                        Solvers.defaultSolver(),
                        SolverOptions.DEFAULTS);
        assertPublished(c, pv7);
    }

    @ParameterizedTest(name = "pv7={0}")
    @ValueSource(booleans = {true, false})
    void priceCoordinationReproducesThePublishedOptimumInFewRounds(boolean pv7) {
        Clearing c =
                PriceCoordination.clear(
                        ArchitectureMarket.of(DtuCommunity.population(pv7), Architecture.COMMUNITY),
                        1e-6,
                        50);
        assertPublished(c, pv7);
        assertTrue(c.messages().rounds() <= 50, "rounds " + c.messages().rounds());
        assertTrue(c.messages().messages() > 0);
    }

    static void assertPublished(Clearing c, boolean pv7) {
        assertEquals(Status.OPTIMAL, c.status());
        double objective = pv7 ? DtuCommunity.OBJECTIVE : DtuCommunity.OBJECTIVE_NOPV;
        double imported = pv7 ? DtuCommunity.IMPORT : DtuCommunity.IMPORT_NOPV;
        assertEquals(objective, c.objective(), 1e-6 * Math.abs(objective) + 1e-4, "objective");
        assertEquals(imported, c.importKw(0), 1e-6, "import");
        assertEquals(0, c.exportKw(0), 1e-6, "export");
        for (int i = 0; i < 14; i++) {
            assertEquals(
                    DtuCommunity.setPoint(i, pv7), c.power("A" + (i + 1), 0), 1e-6, "A" + (i + 1));
        }
        CommunityOutcome community = c.communities(0).get(0);
        assertEquals(70, community.price(), 1e-6, "community price");
        assertEquals(imported, community.importKw(), 1e-6);
        assertTrue(c.bills().imbalance() < 1e-9, "money balances: " + c.bills().imbalance());
    }
}
