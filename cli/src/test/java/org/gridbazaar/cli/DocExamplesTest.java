package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of the user guide and the README, compiled as pasted (imports included,
 * warnings as errors) against the test class path and run; where an example is followed by an
 * output block (a fence of language {@code text}, or without a language, before the next Java
 * example), what it prints must be exactly that block.
 */
class DocExamplesTest {

    private static final Pattern FENCE =
            Pattern.compile("(?m)^```([a-z]*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME =
            Pattern.compile("(?m)^public (?:final )?class (\\w+)");

    @TempDir Path work;

    @TestFactory
    Stream<DynamicTest> guideExamples() throws IOException {
        return examples(Path.of("../docs/guide.md"));
    }

    @TestFactory
    Stream<DynamicTest> readmeExamples() throws IOException {
        return examples(Path.of("../README.md"));
    }

    private Stream<DynamicTest> examples(Path doc) throws IOException {
        List<Example> examples = parse(Files.readString(doc));
        assertFalse(examples.isEmpty(), doc + " has no Java example");
        return examples.stream()
                .map(
                        e ->
                                DynamicTest.dynamicTest(
                                        doc.getFileName() + ": " + e.className(), () -> run(e)));
    }

    /** A Java block and the output block after it, if any ({@code null} when none). */
    record Example(String className, String source, String expectedOutput) {}

    static List<Example> parse(String markdown) {
        List<String[]> fences = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            fences.add(new String[] {m.group(1), m.group(2)});
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < fences.size(); i++) {
            if (!fences.get(i)[0].equals("java")) {
                continue;
            }
            String source = fences.get(i)[1];
            Matcher name = CLASS_NAME.matcher(source);
            assertTrue(name.find(), "a Java example is not a complete public class:\n" + source);
            String expected = null;
            for (int j = i + 1; j < fences.size() && !fences.get(j)[0].equals("java"); j++) {
                if (fences.get(j)[0].equals("text") || fences.get(j)[0].isEmpty()) {
                    expected = fences.get(j)[1];
                    break;
                }
            }
            examples.add(new Example(name.group(1), source, expected));
        }
        return examples;
    }

    private void run(Example example) throws Exception {
        Path src = work.resolve(example.className()).resolve(example.className() + ".java");
        Path out = work.resolve(example.className()).resolve("classes");
        Files.createDirectories(out);
        Files.writeString(src, example.source());
        ToolProvider javac =
                ToolProvider.findFirst("javac")
                        .orElseThrow(() -> new AssertionError("no javac: run the tests on a JDK"));
        StringWriter diagnostics = new StringWriter();
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        PrintWriter report = new PrintWriter(diagnostics);
        boolean compiled =
                javac.run(
                                report,
                                report,
                                "--release",
                                "17",
                                "-Xlint:all,-path",
                                "-Werror",
                                "-encoding",
                                "UTF-8",
                                "-classpath",
                                classPath,
                                "-d",
                                out.toString(),
                                src.toString())
                        == 0;
        assertTrue(compiled, example.className() + " does not compile:\n" + diagnostics);

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(example.className()).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8).replace("\r", "");
        if (example.expectedOutput() != null) {
            assertEquals(
                    example.expectedOutput(),
                    text,
                    example.className() + " prints something else than the document shows");
        }
    }
}
