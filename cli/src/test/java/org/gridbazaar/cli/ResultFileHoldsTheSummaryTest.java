package org.gridbazaar.cli;

import static org.gridbazaar.cli.GridBazaarCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.cli.GridBazaarCommandTest.Run;
import org.gridbazaar.io.ResultFile;
import org.gridbazaar.io.ResultReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code solve} prints about the solve is in the result file it writes (issue 17): costs, heat
 * prices, AC power flow, congestion charges.
 */
class ResultFileHoldsTheSummaryTest {

    static {
        System.setProperty(GridBazaarCommand.OJALGO_QUIET, "true");
    }

    /**
     * The case of docs/case-format-extensions.md: with line limits, L1 binds and G1 -> C1 pays its
     * rent.
     */
    static final String LIMITED =
            """
            {"format": "p2p-market-case/1", "name": "power-factor-example",
             "network": {"nominalVoltageKv": 0.4, "rootBus": "B1", "lines": [
               {"id": "L1", "from": "B1", "to": "B2", "resistanceOhm": 0.05, "reactanceOhm": 0.03, "capacityKw": 120},
               {"id": "L2", "from": "B2", "to": "B3", "resistanceOhm": 0.08, "reactanceOhm": 0.04}]},
             "peers": [
               {"id": "G1", "bus": "B1", "role": "producer", "power": {"min": 0, "max": 300, "cost": {"a": 0.02, "b": 20, "c": 0}}},
               {"id": "C1", "bus": "B2", "role": "consumer", "power": {"min": -150, "max": -50, "cost": {"a": 0.1, "b": 60, "c": 0}},
                "powerFactor": 0.9},
               {"id": "P2", "bus": "B3", "role": "prosumer", "power": {"min": -20, "max": 40, "cost": {"a": 0.2, "b": 30, "c": 0}},
                "powerFactor": {"value": 0.95, "sense": "leading"}}]}
            """;

    @TempDir Path dir;

    @Test
    void withLineLimitsTheFileHoldsChargesCostsAndTheAcPowerFlow() throws IOException {
        Path c = Files.writeString(dir.resolve("c.json"), LIMITED), out = dir.resolve("r.json");
        Run r = run("solve", c.toString(), "-o", out.toString(), "--line-limits");
        assertEquals(0, r.exit(), r.err());
        ResultFile f = ResultReader.read(out);
        ResultFile.TradeRow g1c1 =
                f.trades().stream().filter(t -> t.seller().equals("G1")).findFirst().orElseThrow();
        ResultFile.TradeRow p2c1 =
                f.trades().stream().filter(t -> t.seller().equals("P2")).findFirst().orElseThrow();
        assertEquals(
                13.6,
                g1c1.congestionCharge(),
                1e-6,
                "L1's shadow price: the trade loads it by 1 kW per kW");
        assertEquals(0, p2c1.congestionCharge(), 1e-6);
        assertEquals(
                p2c1.buyerPrice(), g1c1.buyerPrice(), 1e-6, "C1 pays one price for all it buys");
        double costs = f.peers().stream().mapToDouble(ResultFile.PeerRow::cost).sum();
        assertEquals(
                f.objective(), costs, 1e-6, "no penalties: the peers' costs are the objective");
        ResultFile.AcRow ac = f.network().orElseThrow().acPowerFlow().orElseThrow();
        assertTrue(ac.converged());
        assertTrue(
                r.out()
                        .contains(
                                String.format(
                                        Locale.ROOT,
                                        "losses %.2f kW, %.2f kvar",
                                        ac.lossesKw(),
                                        ac.lossesKvar())),
                r.out());
        assertTrue(
                r.out()
                        .contains(
                                String.format(
                                        Locale.ROOT,
                                        "voltage %.4f-%.4f p.u. (min at %s)",
                                        ac.minVoltagePu(),
                                        ac.maxVoltagePu(),
                                        ac.minVoltageBus())),
                r.out());
        assertEquals(List.of("B2"), ac.voltageViolations());
        assertTrue(r.out().contains("): B2"), r.out());
    }

    @Test
    void withoutLineLimitsThereIsNoChargeAndPeersWithHeatGetTheirHeatPrice() throws IOException {
        Path c = Files.writeString(dir.resolve("c.json"), OutputHandlingTest.fourBus()),
                out = dir.resolve("r.json");
        Run r = run("solve", c.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        ResultFile f = ResultReader.read(out);
        assertTrue(f.trades().stream().noneMatch(ResultFile.TradeRow::hasCongestionCharge));
        for (ResultFile.PeerRow p : f.peers()) {
            assertFalse(Double.isNaN(p.cost()), p.id() + " has its cost");
            assertEquals(
                    Double.isNaN(p.heat()),
                    Double.isNaN(p.heatPrice()),
                    p.id() + ": a heat price exactly for peers with heat");
            if (!Double.isNaN(p.heatPrice())) {
                assertTrue(
                        r.out().contains(String.format(Locale.ROOT, "%.2f", p.heatPrice())),
                        p.id() + "'s printed heat price:\n" + r.out());
            }
        }
        assertTrue(f.network().orElseThrow().acPowerFlow().isPresent());
    }
}
