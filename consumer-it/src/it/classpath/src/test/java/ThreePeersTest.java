import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridbazaar.solver.MarketClearing;
import org.junit.jupiter.api.Test;

/**
 * The README's example, compiled as pasted against the installed GridBazaar artifacts on the class path:
 * it prints exactly what the README shows.
 */
class ThreePeersTest {

    static final String EXPECTED = """
            OPTIMAL, objective -8582.14 $
            G1 -> C1: 135.71 kW at 22.71 $/kW
            G2 -> C1: 114.29 kW at 20.71 $/kW
            G1: 135.71 kW, marginal cost 22.71 $/kW
            G2: 114.29 kW, marginal cost 20.71 $/kW
            C1: -250.00 kW, marginal cost 50.00 $/kW
            """;

    @Test
    void theReadmeExamplePrintsWhatTheReadmeShows() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ThreePeers.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
        System.out.print(printed);
        assertEquals(EXPECTED, printed);
    }

    @Test
    void theExampleAndItsOutputAreTheReadmes() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("gridbazaar.readme"))).replace("\r", "");
        int example = readme.indexOf("## Example");
        int javaStart = readme.indexOf("```java\n", example) + "```java\n".length();
        int javaEnd = readme.indexOf("```\n", javaStart);
        int outputStart = readme.indexOf("```\n", javaEnd + 4) + 4;
        int outputEnd = readme.indexOf("```\n", outputStart);
        String source = Files.readString(Path.of("src/main/java/ThreePeers.java")).replace("\r", "");
        assertEquals(readme.substring(javaStart, javaEnd), source, "the example is the README's, as pasted");
        assertEquals(readme.substring(outputStart, outputEnd), EXPECTED, "the expected output is the README's");
    }

    @Test
    void gridBazaarIsOnTheClassPath() {
        assertFalse(MarketClearing.class.getModule().isNamed(), MarketClearing.class.getModule().toString());
    }
}
