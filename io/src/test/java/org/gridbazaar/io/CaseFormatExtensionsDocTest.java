package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code docs/case-format-extensions.md} are read by the readers and say what the
 * text around them says. Every {@code json} block there is a complete case or result file.
 */
class CaseFormatExtensionsDocTest {

    static final double KVAR = 0.01;

    static String doc() throws IOException {
        for (Path p :
                List.of(
                        Path.of("..", "docs", "case-format-extensions.md"),
                        Path.of("docs", "case-format-extensions.md"))) {
            if (Files.isRegularFile(p)) {
                return Files.readString(p);
            }
        }
        throw new AssertionError(
                "docs/case-format-extensions.md not found from " + Path.of("").toAbsolutePath());
    }

    static List<String> jsonBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc());
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void caseExampleHasTheDocumentedPowerFactors() throws IOException {
        Market m = CaseReader.read(jsonBlocks().get(0), "case-format-extensions.md");
        PeerId c1 = PeerId.of("C1"), p2 = PeerId.of("P2");
        assertEquals(PowerFactor.lagging(0.9), m.powerFactor(c1));
        assertEquals(PowerFactor.leading(0.95), m.powerFactor(p2));
        assertEquals(PowerFactor.UNITY, m.powerFactor(PeerId.of("G1")));
        // the reactive powers the text gives at the result example's set-points and in the tables
        assertEquals(-72.65, m.powerFactor(c1).reactiveKvar(-150), KVAR);
        assertEquals(-9.86, m.powerFactor(p2).reactiveKvar(30), KVAR);
        assertEquals(6.57, m.powerFactor(p2).reactiveKvar(-20), KVAR);
        assertEquals(-48.43, PowerFactor.lagging(0.9).reactiveKvar(-100), KVAR);
        assertEquals(48.43, PowerFactor.leading(0.9).reactiveKvar(-100), KVAR);
        String written = CaseWriter.write(m);
        assertTrue(written.contains("\"powerFactor\": 0.9\n"), written);
        assertTrue(
                written.contains("\"powerFactor\": {\"value\": 0.95, \"sense\": \"leading\"}"),
                written);
    }

    @Test
    void resultExampleHasTheDocumentedShadowPrices() throws IOException {
        List<String> blocks = jsonBlocks();
        assertEquals(2, blocks.size(), "one case and one result example");
        ResultFile r = ResultReader.read(blocks.get(1), "case-format-extensions.md");
        assertEquals(Status.OPTIMAL, r.status());
        ResultFile.LineFlowRow l1 = r.network().orElseThrow().lineFlows().get(0);
        ResultFile.LineFlowRow l2 = r.network().orElseThrow().lineFlows().get(1);
        assertEquals(13.6, l1.shadowPrice(), 1e-9);
        assertEquals(
                r.peer("P2").orElseThrow().price() - r.peer("G1").orElseThrow().price(),
                l1.shadowPrice(),
                1e-9,
                "the shadow price is the marginal cost difference across the binding line");
        assertTrue(l1.shadowPrice() > 0 && l1.flowKw() > 0, "binds from -> to, so positive");
        assertTrue(!l2.hasShadowPrice(), "L2 has no capacity");
    }

    @Test
    void resultExampleHasTheDocumentedCostsChargesAndAcPowerFlow() throws IOException {
        ResultFile r = ResultReader.read(jsonBlocks().get(1), "case-format-extensions.md");
        Market m = CaseReader.read(jsonBlocks().get(0), "case-format-extensions.md");
        // cost: the peer's own cost function at its set-point; without penalties they add up to the
        // objective
        double sum = 0;
        for (ResultFile.PeerRow p : r.peers()) {
            assertEquals(
                    m.peer(PeerId.of(p.id())).orElseThrow().power().cost().value(p.power()),
                    p.cost(),
                    1e-9,
                    p.id());
            assertTrue(Double.isNaN(p.heatPrice()), "no heat in the example");
            sum += p.cost();
        }
        assertEquals(-7875, r.peer("C1").orElseThrow().cost(), 1e-9, "the worked sign example");
        assertEquals(r.objective(), sum, 1e-9, "the peers' costs add up to the objective");
        // congestion charge: G1 -> C1 crosses L1 in its binding direction (dF = +1), P2 -> C1
        // crosses no binding line
        ResultFile.TradeRow g1c1 = r.trades().get(0), p2c1 = r.trades().get(1);
        assertEquals(
                r.network().orElseThrow().lineFlows().get(0).shadowPrice(),
                g1c1.congestionCharge(),
                1e-9);
        assertEquals(0.0, p2c1.congestionCharge());
        assertEquals(36, g1c1.buyerPrice(), 1e-9, "22.4 + 13.6");
        assertEquals(
                p2c1.buyerPrice(), g1c1.buyerPrice(), 1e-9, "C1 pays one price for all it buys");
        // ac: as the text says
        ResultFile.AcRow ac = r.network().orElseThrow().acPowerFlow().orElseThrow();
        assertTrue(ac.converged());
        assertEquals("B2", ac.minVoltageBus());
        assertTrue(ac.minVoltagePu() < 0.95, "below the band");
        assertEquals(java.util.List.of("B2"), ac.voltageViolations());
        assertTrue(ac.lossesKw() > r.network().orElseThrow().lossesKw(), "more than the estimate");
        assertEquals(8.05, ac.lossesKw(), 1e-9);
    }

    @Test
    void everyResultExtensionIsDocumentedWithItsUnit() throws IOException {
        String doc = doc();
        for (String field :
                java.util.List.of(
                        "heatPrice",
                        "cost",
                        "congestionCharge",
                        "shadowPrice",
                        "ac",
                        "powerFactor")) {
            assertTrue(
                    doc.contains("\n## " + field)
                            || doc.contains("## heatPrice and cost")
                                    && field.matches("heatPrice|cost"),
                    field + " has a section");
            assertTrue(doc.contains("| [`" + field + "`]"), field + " is in the overview table");
        }
        for (String member :
                java.util.List.of(
                        "converged",
                        "lossesKw",
                        "lossesKvar",
                        "minVoltagePu",
                        "minVoltageBus",
                        "maxVoltagePu",
                        "maxVoltageBus",
                        "voltageViolations")) {
            assertTrue(
                    doc.contains("| `" + member + "` |"),
                    "ac member " + member + " is in the ac table");
        }
    }
}
