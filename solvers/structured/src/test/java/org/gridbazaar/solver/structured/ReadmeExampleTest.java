package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketClearing;
import org.junit.jupiter.api.Test;

/** The README's Java example, run as written; its printed output must match the README. */
class ReadmeExampleTest {

    static void example(PrintStream out) {
        Market market =
                Market.builder("three-peers")
                        .producer(
                                "G1",
                                0,
                                200,
                                QuadraticCost.of(0.02, 20, 0)) // 0.5*0.02*P^2 + 20*P $
                        .producer("G2", 0, 150, QuadraticCost.of(0.05, 15, 0))
                        .consumer("C1", -250, -50, QuadraticCost.of(0.04, 60, 0)) // buys 50..250 kW
                        .preference("C1", "G2", 2.0) // C1 pays 2 $/kW extra on G2's energy
                        .build();
        MarketResult result = MarketClearing.clear(market); // default solver: structured-ipm
        out.printf("%s, objective %.2f $%n", result.status(), result.objective());
        result.trades()
                .forEach(
                        t ->
                                out.printf(
                                        "%s -> %s: %.2f kW at %.2f $/kW%n",
                                        t.seller(), t.buyer(), t.quantity(), t.price()));
        result.peers()
                .forEach(
                        p ->
                                out.printf(
                                        "%s: %.2f kW, marginal cost %.2f $/kW%n",
                                        p.id(), p.power(), p.price()));
    }

    @Test
    void readmeExamplePrintsTheDocumentedSummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
        System.out.print(printed);
        assertEquals(EXPECTED, printed);
    }

    static final String EXPECTED =
            """
            OPTIMAL, objective -8582.14 $
            G1 -> C1: 135.71 kW at 22.71 $/kW
            G2 -> C1: 114.29 kW at 20.71 $/kW
            G1: 135.71 kW, marginal cost 22.71 $/kW
            G2: 114.29 kW, marginal cost 20.71 $/kW
            C1: -250.00 kW, marginal cost 50.00 $/kW
            """;
}
