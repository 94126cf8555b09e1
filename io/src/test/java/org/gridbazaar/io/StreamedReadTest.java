package org.gridbazaar.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streamed read of a case gives exactly what the tree walk gives: the same market (compared
 * through {@link CaseWriter}) for every case of a valid shape, and the same problems, word for
 * word, for everything else (where the streamed read gives up and the tree walk reports).
 */
class StreamedReadTest {

    /**
     * What reading {@code json} ends in: the market as written, or the exception and its problems.
     */
    static String outcome(java.util.function.Supplier<org.gridbazaar.model.Market> read) {
        try {
            return "market " + CaseWriter.write(read.get());
        } catch (CaseFormatException e) {
            return "problems " + e.problems();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void assertSameOutcome(String json) {
        assertEquals(
                outcome(() -> CaseReader.readByTree(json, "t.json")),
                outcome(() -> CaseReader.read(json, "t.json")),
                json);
    }

    private static String resource(String name) {
        try (InputStream in = StreamedReadTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theExampleIsStreamedToTheSameMarket() {
        for (String name : List.of("four-bus-example.json", "four-bus-example-written.json")) {
            String json = resource(name);
            assertTrue(CaseReader.streams(json), name);
            assertSameOutcome(json);
            assertSameOutcome("\uFEFF" + json);
        }
    }

    @Test
    void randomCasesAreStreamedToTheSameMarketOrTheSameRuleViolations() {
        int markets = 0;
        for (long seed = 1; seed <= 300; seed++) {
            String json = new Generator(new Random(seed)).caseJson();
            assertTrue(CaseReader.streams(json), "seed " + seed + ":\n" + json);
            assertSameOutcome(json);
            if (outcome(() -> CaseReader.read(json, "t.json")).startsWith("market ")) {
                markets++;
            }
        }
        assertTrue(
                markets >= 30,
                "a good part of the random cases are valid markets, not only rule violations: "
                        + markets);
    }

    @Test
    void mutatedCasesGiveTheTreeWalksProblems() {
        int fellBack = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed * 7919);
            String base = new Generator(random).caseJson();
            for (int k = 0; k < 15; k++) {
                String json = mutate(base, random);
                if (!CaseReader.streams(json)) {
                    fellBack++;
                }
                assertSameOutcome(json);
            }
        }
        assertTrue(fellBack > 1000, "most mutants are not plainly valid: " + fellBack);
    }

    @Test
    void unusualButValidNumbersAndTextAreReadAlike() {
        String peer =
                "{\"id\": \"%s\", \"role\": \"producer\", \"power\": {\"min\": %s, \"max\": %s}}";
        for (String[] v :
                new String[][] {
                    {"P", "0", "12345678901234567890"},
                    {"P", "-0", "1e400"},
                    {"P", "0.0", "2147483648"},
                    {"P", "0", "9223372036854775808"},
                    {"P", "0", "1E2"},
                    {"P", "-0.0", "4.9e-324"},
                    {"\\uD83D\\uDE00", "0", "1"},
                    {"\\uD83D", "0", "1"},
                    {" ", "0", "1"},
                    {"\\u00e9", "0", "1"}
                }) {
            assertSameOutcome(CaseReaderTest.withPeers(String.format(peer, (Object[]) v)));
        }
        assertFalse(
                CaseReader.streams(
                        CaseReaderTest.withPeers(String.format(peer, "P", "0", "1e400"))));
        for (String trailing : List.of("", " ", "\n", " {}", " x", "]", " null")) {
            assertSameOutcome(
                    CaseReaderTest.withPeers(String.format(peer, "P", "0", "1")) + trailing);
        }
        for (String text :
                List.of("", " ", "[]", "null", "{}", "{\"format\": \"p2p-market-case/1\"}")) {
            assertSameOutcome(text);
        }
    }

    @Test
    void numbersAreReadToTheSameDoubles() {
        Random random = new Random(20261207L);
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            double d =
                    switch (i % 4) {
                        // every mantissa, within the market rules' cost bounds (below 1e12)
                        case 0 ->
                                Double.longBitsToDouble(
                                                random.nextLong() & 0x000FFFFFFFFFFFFFL
                                                        | 0x3FF0000000000000L)
                                        * Math.pow(2, random.nextInt(90) - 70);
                        case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 20);
                        case 2 -> random.nextGaussian();
                        default -> Double.MIN_VALUE * random.nextInt(1000);
                    };
            String text = String.valueOf(d);
            if (i % 3 == 0 && text.length() > 6) {
                text = text.replace("E", "0000E").substring(0, text.length() - 2);
                if (text.endsWith(".") || text.endsWith("E") || text.endsWith("-")) {
                    text = text + "1";
                }
            }
            if (i > 0) {
                peers.append(", ");
            }
            peers.append("{\"id\": \"P")
                    .append(i)
                    .append(
                            "\", \"role\": \"prosumer\", \"power\": {\"min\": -1, \"max\": 0, \"cost\": {\"b\": ")
                    .append(text)
                    .append("}}}");
        }
        String json = CaseReaderTest.withPeers(peers.toString());
        assertTrue(CaseReader.streams(json));
        String outcome = outcome(() -> CaseReader.read(json, "t.json"));
        assertTrue(
                outcome.startsWith("market "),
                outcome.substring(0, Math.min(600, outcome.length())));
        assertSameOutcome(json);
    }

    /**
     * {@code json} with one random change: a character dropped, a value swapped, a key repeated or
     * added, ...
     */
    static String mutate(String json, Random random) {
        int at = random.nextInt(json.length());
        switch (random.nextInt(9)) {
            case 0:
                return json.substring(0, at) + json.substring(at + 1);
            case 1:
                {
                    int brace = json.indexOf('{', at);
                    if (brace < 0) {
                        return json;
                    }
                    int keyEnd = json.indexOf(',', brace);
                    return keyEnd < 0
                            ? json
                            : json.substring(0, keyEnd + 1)
                                    + json.substring(brace + 1, keyEnd + 1)
                                    + json.substring(keyEnd + 1);
                }
            case 2:
                {
                    int brace = json.indexOf('{', at);
                    String field =
                            List.of(
                                            "\"extra\": 1, ",
                                            "\"id\": \"Z\", ",
                                            "\"min\": 0, ",
                                            "\"cost\": 1, ",
                                            "\"peer\": \"P1\", ",
                                            "\"lines\": [], ",
                                            "\"perPeer\": {}, ",
                                            "\"Max\": 1, ")
                                    .get(random.nextInt(8));
                    return brace < 0
                            ? json
                            : json.substring(0, brace + 1) + field + json.substring(brace + 1);
                }
            case 3:
                {
                    String[] values = {
                        "null",
                        "\"5\"",
                        "true",
                        "[]",
                        "{}",
                        "-1",
                        "1e400",
                        "0",
                        "\"\"",
                        "\"\\uDC00\"",
                        "1.5",
                        "[1, 2]",
                        "[\"P1\"]"
                    };
                    int colon = json.indexOf(": ", at);
                    if (colon < 0) {
                        return json;
                    }
                    int end = colon + 2;
                    char c = json.charAt(end);
                    if (c == '{' || c == '[') {
                        return json;
                    }
                    if (c == '"') {
                        end = json.indexOf('"', end + 1) + 1;
                    } else {
                        while (end < json.length() && ",}] \n".indexOf(json.charAt(end)) < 0) {
                            end++;
                        }
                    }
                    return json.substring(0, colon + 2)
                            + values[random.nextInt(values.length)]
                            + json.substring(end);
                }
            case 4:
                {
                    String[] from = {
                        "producer",
                        "consumer",
                        "\"min\"",
                        "\"max\"",
                        "\"P1\"",
                        "\"peer\"",
                        "opposite-roles",
                        "auto",
                        "leading",
                        "\"B1\""
                    };
                    String[] to = {
                        "prosumer",
                        "Consumer",
                        "\"mn\"",
                        "\"maximum\"",
                        "\"P0\"",
                        "\"peers\"",
                        "pairs",
                        "none",
                        "Leading",
                        "\"B0\""
                    };
                    int k = random.nextInt(from.length);
                    return json.replaceFirst(
                            java.util.regex.Pattern.quote(from[k]),
                            java.util.regex.Matcher.quoteReplacement(to[k]));
                }
            case 5:
                return json.substring(0, at) + "," + json.substring(at);
            case 6:
                {
                    int bracket = json.indexOf('[', at);
                    return bracket < 0
                            ? json
                            : json.substring(0, bracket + 1) + "]" + json.substring(bracket + 1);
                }
            case 7:
                return json.replaceFirst("\\d", String.valueOf(random.nextInt(10)));
            default:
                return json.substring(0, at) + "\\uD800" + json.substring(at);
        }
    }

    /**
     * Seeded random cases of a valid shape, each optional part present or not, keys in random
     * order.
     */
    static final class Generator {
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        private boolean maybe() {
            return random.nextBoolean();
        }

        private String number() {
            return switch (random.nextInt(8)) {
                case 0 -> String.valueOf(random.nextInt(2000) - 1000);
                case 1 -> String.valueOf(random.nextDouble() * 100);
                case 2 -> String.valueOf(-random.nextDouble() * 100);
                case 3 -> (random.nextInt(9) + 1) + "e" + (random.nextInt(5) - 2);
                case 4 -> "0";
                case 5 -> String.valueOf(random.nextLong() >> random.nextInt(40));
                case 6 -> "1.0E-3";
                default -> String.valueOf(random.nextInt(100)) + ".25";
            };
        }

        private static String object(List<String> members) {
            List<String> shuffled = new ArrayList<>(members);
            return "{" + String.join(", ", shuffled) + "}";
        }

        private String shuffledObject(List<String> members) {
            List<String> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            return object(shuffled);
        }

        private String injection(boolean positive) {
            List<String> m = new ArrayList<>();
            double a = random.nextDouble() * 50;
            double b = a + random.nextDouble() * 50;
            m.add("\"min\": " + (positive ? a : -b));
            m.add("\"max\": " + (positive ? b : -a));
            if (maybe()) {
                List<String> c = new ArrayList<>();
                for (String k : List.of("a", "b", "c")) {
                    if (maybe()) {
                        c.add("\"" + k + "\": " + number());
                    }
                }
                m.add("\"cost\": " + shuffledObject(c));
            }
            return shuffledObject(m);
        }

        String caseJson() {
            int n = 1 + random.nextInt(12);
            int buses = 1 + random.nextInt(5);
            boolean network = maybe();
            List<String> root = new ArrayList<>();
            root.add("\"format\": \"p2p-market-case/1\"");
            root.add(
                    "\"name\": \"case "
                            + random.nextInt(100)
                            + (maybe() ? " \\u00e9\\uD83D\\uDE00" : "")
                            + "\"");
            if (maybe()) {
                root.add("\"description\": \"" + (maybe() ? "" : "d \\\"quoted\\\"") + "\"");
            }
            if (network) {
                List<String> lines = new ArrayList<>();
                for (int i = 1; i < buses; i++) {
                    List<String> l =
                            new ArrayList<>(
                                    List.of(
                                            "\"id\": \"L" + i + "\"",
                                            "\"from\": \"B" + random.nextInt(i) + "\"",
                                            "\"to\": \"B" + i + "\"",
                                            "\"resistanceOhm\": " + (0.01 + random.nextDouble())));
                    if (maybe()) {
                        l.add("\"reactanceOhm\": " + random.nextDouble());
                    }
                    if (maybe()) {
                        l.add("\"capacityKw\": " + (1 + random.nextInt(100)));
                    }
                    lines.add(shuffledObject(l));
                }
                root.add(
                        "\"network\": "
                                + shuffledObject(
                                        List.of(
                                                "\"nominalVoltageKv\": 0.4",
                                                "\"rootBus\": \"B0\"",
                                                "\"lines\": [" + String.join(", ", lines) + "]")));
            }
            List<String> peers = new ArrayList<>();
            String[] roles = {"producer", "consumer", "prosumer"};
            for (int i = 0; i < n; i++) {
                String role = roles[random.nextInt(3)];
                List<String> m = new ArrayList<>();
                m.add("\"id\": \"P" + i + "\"");
                m.add("\"role\": \"" + role + "\"");
                m.add(
                        "\"power\": "
                                + injection(
                                        role.equals("producer")
                                                || (role.equals("prosumer") && maybe())));
                if (network || random.nextInt(4) == 0) {
                    m.add("\"bus\": \"B" + random.nextInt(buses) + "\"");
                }
                if (random.nextInt(4) == 0) {
                    m.add("\"heat\": " + injection(role.equals("producer")));
                    if (maybe()) {
                        m.add(
                                "\"chpRegion\": [[0, "
                                        + (10 + random.nextInt(10))
                                        + "], [5, 12], [3, 2], [0, 3]]");
                    }
                }
                if (random.nextInt(4) == 0) {
                    m.add(
                            "\"powerFactor\": "
                                    + (maybe()
                                            ? "0.9" + random.nextInt(10)
                                            : shuffledObject(
                                                    List.of(
                                                            "\"value\": 0.8",
                                                            "\"sense\": \""
                                                                    + (maybe()
                                                                            ? "leading"
                                                                            : "lagging")
                                                                    + "\""))));
                }
                peers.add(shuffledObject(m));
            }
            root.add("\"peers\": [" + String.join(", ", peers) + "]");
            List<String> pairs = new ArrayList<>();
            List<String> preferences = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && random.nextInt(3) == 0) {
                        pairs.add("[\"P" + i + "\", \"P" + j + "\"]");
                        if (maybe()) {
                            preferences.add(
                                    shuffledObject(
                                            List.of(
                                                    "\"peer\": \"P" + i + "\"",
                                                    "\"partner\": \"P" + j + "\"",
                                                    "\"cost\": " + number())));
                        }
                    }
                }
            }
            switch (random.nextInt(3)) {
                case 0 -> root.add("\"trading\": {\"partners\": \"opposite-roles\"}");
                case 1 -> root.add("\"trading\": {\"pairs\": [" + String.join(", ", pairs) + "]}");
                default -> {}
            }
            if (maybe()) {
                root.add("\"preferences\": [" + String.join(", ", preferences) + "]");
            }
            if (maybe()) {
                List<String> penalties = new ArrayList<>();
                String perPeer = "\"perPeer\": {\"P0\": " + random.nextDouble() + "}";
                if (maybe()) {
                    penalties.add(
                            "\"resistance\": "
                                    + shuffledObject(
                                            maybe()
                                                    ? List.of("\"alpha\": 0.5", perPeer)
                                                    : List.of("\"alpha\": 1")));
                }
                if (maybe()) {
                    String lines = maybe() || !network || buses < 2 ? "\"auto\"" : "[\"L1\"]";
                    penalties.add(
                            "\"congestion\": "
                                    + shuffledObject(
                                            maybe()
                                                    ? List.of(
                                                            "\"beta\": 2",
                                                            "\"lines\": " + lines,
                                                            perPeer)
                                                    : List.of(
                                                            "\"beta\": 2", "\"lines\": " + lines)));
                }
                root.add("\"penalties\": " + shuffledObject(penalties));
            }
            return (maybe() ? "\n" : "") + shuffledObject(root) + (maybe() ? "\n" : "");
        }
    }
}
