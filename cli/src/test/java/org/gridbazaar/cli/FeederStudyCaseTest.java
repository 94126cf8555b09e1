package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.study.CongestionStudy;
import org.gridbazaar.study.LossStudy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in 11-bus study case shows the seed's findings (section 12.6.5): losses fall from pool
 * to basic P2P to P2P with the resistance penalty, and with alpha; lines L6 and L9 are congested in
 * the basic market, and the congestion penalty clears them, at a beta that matches the lines'
 * shadow prices line by line.
 */
class FeederStudyCaseTest {

    private static Market market;
    private static List<LossStudy.Row> losses;
    private static CongestionStudy congestion;

    @BeforeAll
    static void study() {
        StringWriter errors = new StringWriter();
        market = Cases.load(Path.of("builtin:feeder-11bus"), new PrintWriter(errors));
        assertTrue(market != null, errors.toString());
        losses =
                LossStudy.run(
                        market,
                        List.of(5.0, 10.0, 20.0, 30.0, 35.0),
                        Solvers.defaultSolver(),
                        SolverOptions.DEFAULTS);
        congestion =
                CongestionStudy.run(market, Solvers.defaultSolver(), SolverOptions.DEFAULTS, 1e-7);
    }

    @Test
    void lossesFallFromPoolToP2PToPenalizedP2PAndWithAlpha() {
        assertEquals(7, losses.size());
        losses.forEach(r -> assertEquals(Status.OPTIMAL, r.status(), r.structure()));
        LossStudy.Row pool = losses.get(0), basic = losses.get(1);
        assertTrue(pool.lossEstimateKw() > basic.lossEstimateKw(), losses.toString());
        assertTrue(pool.acLossesKw() > basic.acLossesKw(), losses.toString());
        assertTrue(losses.get(2).lossEstimateKw() < basic.lossEstimateKw(), losses.toString());
        for (int i = 3; i < losses.size(); i++) {
            assertTrue(
                    losses.get(i).lossEstimateKw() <= losses.get(i - 1).lossEstimateKw() + 1e-6,
                    losses.toString());
        }
        assertTrue(
                losses.get(losses.size() - 1).lossEstimateKw() < 0.5 * basic.lossEstimateKw(),
                losses.toString());
    }

    @Test
    void twoLinesCongestedInTheBasicMarketAndThePenaltyClearsThem() {
        assertEquals(List.of("L6", "L9"), congestion.congestedWithoutPenalty());
        assertEquals(List.of("L6", "L9"), losses.get(1).congestedLines());
        assertTrue(
                congestion.smallestBeta() > 0 && congestion.smallestBeta() < 100,
                "beta " + congestion.smallestBeta());
        assertEquals(Status.OPTIMAL, congestion.penalized().status());
        assertTrue(congestion.penalized().network().orElseThrow().congestedLines().isEmpty());
        // C9 at B6 bought across L6 from G12/G13 at B7; with the penalty no more than L6's capacity
        // crosses it
        LineFlow l6 = congestion.penalized().network().orElseThrow().lineFlows().get(5);
        assertEquals("L6", l6.lineId());
        assertTrue(Math.abs(l6.flowKw()) <= 700 * (1 + 1e-9));
    }

    @Test
    void penaltyAndShadowPriceAgreeLineByLine() {
        assertEquals(2, congestion.lineChecks().size());
        for (CongestionStudy.LineCheck k : congestion.lineChecks()) {
            assertTrue(Math.abs(k.shadowAlone()) > 1, k.toString());
            assertEquals(0, k.mismatch(), 1e-5 * Math.abs(k.shadowAlone()), k.toString());
        }
        // in the market with both limits, both lines bind and nothing else does
        congestion
                .shadowPrices()
                .forEach(
                        (line, mu) ->
                                assertEquals(
                                        List.of("L6", "L9").contains(line),
                                        Math.abs(mu) > 1e-6,
                                        line + " " + mu));
    }

    @Test
    void studyCommandPrintsTheLossTableAndDrawsTheFeeder(@TempDir Path dir) throws Exception {
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run("study", "--plot", dir.resolve("feeder").toString());
        assertEquals(GridBazaarCommand.OK, r.exit(), r.err());
        assertTrue(r.out().contains("pool"), r.out());
        assertTrue(r.out().contains("basic P2P"), r.out());
        assertTrue(r.out().contains("P2P alpha=35.0"), r.out());
        assertTrue(r.out().contains("congested without penalty: L6, L9"), r.out());
        for (String name : List.of("feeder-before.svg", "feeder-after.svg")) {
            Path svg = dir.resolve(name);
            assertTrue(Files.size(svg) > 0);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            assertEquals(
                    "svg",
                    f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getLocalName());
        }
    }

    @Test
    void solveWithLineLimitsReportsShadowPrices(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:feeder-11bus",
                        "--line-limits",
                        "--output",
                        out.toString());
        assertEquals(GridBazaarCommand.OK, r.exit(), r.err());
        assertTrue(r.out().contains("shadow $/kW"), r.out());
        assertTrue(Files.readString(out).contains("\"shadowPrice\""));
    }

    @Test
    void solveReportsAcLossesAndVoltageViolations(@TempDir Path dir) throws Exception {
        // 150 kW over 0.1 ohm at 0.4 kV: the far bus sags to about 0.895 p.u. (drop ~ r P / V^2,
        // plus the losses)
        String weak =
                "{\"format\": \"p2p-market-case/1\", \"name\": \"weak\", \"network\": {\"nominalVoltageKv\": 0.4, "
                        + "\"rootBus\": \"B1\", \"lines\": [{\"id\": \"L1\", \"from\": \"B1\", \"to\": \"B2\", \"resistanceOhm\": 0.1}]}, "
                        + "\"peers\": [{\"id\": \"G\", \"role\": \"producer\", \"bus\": \"B1\", \"power\": {\"min\": 0, \"max\": 500, "
                        + "\"cost\": {\"a\": 0.01, \"b\": 10, \"c\": 0}}}, {\"id\": \"C\", \"role\": \"consumer\", \"bus\": \"B2\", "
                        + "\"power\": {\"min\": -150, \"max\": -150, \"cost\": {\"a\": 0, \"b\": 0, \"c\": 0}}}]}";
        Path file = dir.resolve("weak.json");
        Files.writeString(file, weak);
        GridBazaarCommandTest.Run r =
                GridBazaarCommandTest.run(
                        "solve", file.toString(), "--output", dir.resolve("r.json").toString());
        assertEquals(GridBazaarCommand.OK, r.exit(), r.err());
        assertTrue(r.out().contains("AC power flow:   losses"), r.out());
        assertTrue(r.out().contains("voltage violations (outside 0.95-1.05 p.u.): B2\n"), r.out());
        assertTrue(
                r.out().matches("(?s).*voltage 0\\.89[0-9]+-1\\.0000 p\\.u\\. \\(min at B2\\).*"),
                r.out());
        GridBazaarCommandTest.Run ok =
                GridBazaarCommandTest.run(
                        "solve",
                        "builtin:feeder-11bus",
                        "--output",
                        dir.resolve("f.json").toString());
        assertTrue(
                ok.out().contains("voltage violations (outside 0.95-1.05 p.u.): none"), ok.out());
    }

    @Test
    void unknownBuiltinCaseIsInvalidInput() {
        GridBazaarCommandTest.Run r = GridBazaarCommandTest.run("solve", "builtin:nope");
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("builtin:feeder-11bus"), r.err());
    }

    @Test
    void lineLimitsWithoutANetworkIsInvalidInput() {
        GridBazaarCommandTest.Run r = GridBazaarCommandTest.run("solve", "--line-limits");
        assertEquals(GridBazaarCommand.INVALID_INPUT, r.exit());
        assertTrue(r.err().contains("needs a case with a network"), r.err());
    }
}
