package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gridbazaar.io.ResultFile;
import org.gridbazaar.io.ResultReader;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over the command line: valid cases with one field replaced by an extreme
 * number, a strange string, a removed field or a duplicated element, solved by every solver. Every
 * input must end in exit 0 with a readable result or exit 2 with the problem on stderr, never an
 * internal error; the default solver answers every valid mutant {@code OPTIMAL} or {@code
 * INFEASIBLE}; where two solvers both say {@code OPTIMAL}, their objectives agree. With the system
 * property {@code gridbazaar.fuzz.keep=DIR} the mutants are also copied to {@code DIR} to replay
 * them; {@code gridbazaar.fuzz.mutants=N} makes N mutants of each seed case (default 25).
 */
class MutatedCasesTest {

    /**
     * Escapes non-ASCII characters, so a lone surrogate reaches the reader as {@code \uD800} in
     * valid UTF-8.
     */
    private static final ObjectMapper JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                    .build();

    private static final double[] EXTREMES = {
        0,
        -0.0,
        1,
        -1,
        1e-300,
        5e-324,
        1e15,
        -1e15,
        1e8,
        1e300,
        -1e300,
        1.7976931348623157e308,
        -1.7976931348623157e308,
        1e6,
        1e-9,
        0.5,
        2
    };
    private static final String[] STRINGS = {
        "",
        " ",
        "\uD800",
        "a\u0000b",
        "x".repeat(300),
        "G20",
        "B1",
        "auto",
        "opposite-roles",
        "\u00e9\u00e8",
        "-1"
    };
    private static final String[] SOLVERS = {
        "structured-ipm", "admm", "consensus", "ojalgo-qp", "joptimizer"
    };

    @TempDir Path dir;

    @Test
    void everyMutantEndsInAResultOrAClearErrorWithEverySolver() throws IOException {
        List<String> seeds =
                List.of(
                        Cases.defaultCaseText(),
                        resource("four-bus-example.json"),
                        Cases.resourceText("cases/feeder-11bus.json"));
        List<String> failures = new ArrayList<>();
        int results = 0, invalid = 0;
        for (int s = 0; s < seeds.size(); s++) {
            JsonNode base = JSON.readTree(seeds.get(s));
            for (int m = 0; m < Integer.getInteger("gridbazaar.fuzz.mutants", 25); m++) {
                long seed = 1000L * s + m;
                JsonNode mutant = mutate(base.deepCopy(), new SplittableRandom(seed));
                Path file = dir.resolve("mutant-" + seed + ".json");
                Files.writeString(file, JSON.writeValueAsString(mutant));
                String keep = System.getProperty("gridbazaar.fuzz.keep");
                if (keep != null) {
                    Files.createDirectories(Path.of(keep));
                    Files.copy(
                            file,
                            Path.of(keep).resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Map<String, Double> optimal = new HashMap<>();
                for (String solver : SOLVERS) {
                    Path out = dir.resolve("result-" + seed + "-" + solver + ".json");
                    GridBazaarCommandTest.Run r =
                            GridBazaarCommandTest.run(
                                    "solve",
                                    file.toString(),
                                    "--solver",
                                    solver,
                                    "--max-iterations",
                                    "3000",
                                    "--output",
                                    out.toString());
                    String where = "mutant " + seed + " with " + solver + " (" + file + ")";
                    if (r.exit() == 0) {
                        results++;
                        ResultFile res = ResultReader.read(out);
                        if (res.status() == Status.OPTIMAL) {
                            optimal.put(solver, res.objective());
                        } else if (solver.equals("structured-ipm")
                                && res.status() != Status.INFEASIBLE) {
                            failures.add(
                                    where
                                            + ": the default solver returned "
                                            + res.status()
                                            + " on a valid case");
                        }
                    } else if (r.exit() == 2) {
                        invalid++;
                        if (Files.exists(out)) {
                            failures.add(where + ": exit 2 but a result was written");
                        }
                        if (r.err().isBlank()) {
                            failures.add(where + ": exit 2 with nothing on stderr");
                        }
                    } else {
                        failures.add(
                                where
                                        + ": exit "
                                        + r.exit()
                                        + ": "
                                        + r.err().lines().limit(3).toList());
                    }
                    if (r.err().contains("internal error") || r.err().contains("\tat ")) {
                        failures.add(
                                where
                                        + ": stack trace on stderr: "
                                        + r.err().lines().limit(3).toList());
                    }
                }
                Double ref = optimal.get("structured-ipm");
                if (ref != null) {
                    for (Map.Entry<String, Double> e : optimal.entrySet()) {
                        double tol =
                                (e.getKey().equals("admm") || e.getKey().equals("consensus")
                                                ? 1e-4
                                                : 1e-6)
                                        * Math.max(1, Math.abs(ref));
                        if (!(Math.abs(e.getValue() - ref) <= tol)) {
                            failures.add(
                                    "mutant "
                                            + seed
                                            + ": "
                                            + e.getKey()
                                            + " says OPTIMAL at "
                                            + e.getValue()
                                            + ", structured-ipm at "
                                            + ref
                                            + " ("
                                            + file
                                            + ")");
                        }
                    }
                }
            }
        }
        assertTrue(
                failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        System.out.println(
                "MutatedCasesTest: " + results + " results, " + invalid + " invalid inputs");
        assertTrue(
                results > 0 && invalid > 0,
                "the mutants exercise both paths: "
                        + results
                        + " results, "
                        + invalid
                        + " invalid");
    }

    @Test
    void mutationIsDeterministic() throws IOException {
        JsonNode base = JSON.readTree(resource("four-bus-example.json"));
        assertEquals(
                mutate(base.deepCopy(), new SplittableRandom(7)),
                mutate(base.deepCopy(), new SplittableRandom(7)));
        assertFalse(
                base.equals(mutate(base.deepCopy(), new SplittableRandom(7))),
                "a mutant differs from its seed");
    }

    private static String resource(String name) throws IOException {
        try (var in = MutatedCasesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One or two random mutations of the tree. */
    static JsonNode mutate(JsonNode root, SplittableRandom rnd) {
        int count = 1 + rnd.nextInt(2);
        for (int i = 0; i < count; i++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            Slot slot = slots.get(rnd.nextInt(slots.size()));
            JsonNode current =
                    slot.parent() instanceof ObjectNode o
                            ? o.get(slot.field())
                            : slot.parent().get(slot.index());
            if (current != null && current.isNumber() && rnd.nextBoolean()) {
                // rescale a number by a power of ten: mostly still a valid market, badly scaled
                slot.set(
                        JSON.getNodeFactory()
                                .numberNode(
                                        current.doubleValue() * Math.pow(10, rnd.nextInt(-6, 7))));
                continue;
            }
            switch (rnd.nextInt(4)) {
                case 0, 1 ->
                        slot.set(
                                JSON.getNodeFactory()
                                        .numberNode(EXTREMES[rnd.nextInt(EXTREMES.length)]));
                case 2 ->
                        slot.set(
                                JSON.getNodeFactory()
                                        .textNode(STRINGS[rnd.nextInt(STRINGS.length)]));
                default -> slot.remove();
            }
        }
        return root;
    }

    /** A place in the tree that can be replaced or removed. */
    private record Slot(JsonNode parent, String field, int index) {
        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                out.add(new Slot(o, f, -1));
                collect(o.get(f), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }
}
