package org.gridbazaar.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.gridbazaar.formulation.P2PFormulation;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a selection of the JMH benchmarks (or reads a JMH JSON result file) and writes the generated
 * section of {@code docs/benchmarks.md} and the plot {@code docs/benchmarks-time-vs-size.svg}: the
 * machine (CPU, {@code nproc}, memory, JVM, load average before and after the run), the date, the
 * JMH commands and options, one table per benchmark method (solver, market, trades, score, error,
 * unit) and a log-log plot of the time per operation (ms) against the number of trades (arcs of the
 * {@link P2PFormulation}), one series per solver.
 *
 * <p>Only the text between the markers {@link #BEGIN} and {@link #END} is rewritten; if they are
 * absent they are appended once, under the heading {@link #HEADING}, at the end of the file. Text
 * outside the markers (the hand-written analysis) is never touched.
 *
 * <p>Usage, from the repository root:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.BenchmarkReport [options]
 *   --from FILE.json       report on an existing JMH JSON result (repeatable; no benchmark is run)
 *   --quick                structured-ipm at 20, 50, 100 peers, ojalgo-qp and joptimizer at 20;
 *                          -wi 1 -w 1s -i 2 -r 1s
 *   --solver NAME=M,M,...  a solver and its markets ("N", "N-penalties", "NxK"); repeatable, replaces the
 *                          default selection (structured-ipm at 20, 50, 100, 200, 1000-penalties, 10000x20,
 *                          ojalgo-qp at 20 and joptimizer at 20, 40, 50)
 *   --benchmark REGEX      JMH include pattern (default CentralizedSolveBenchmark\.clear$)
 *   -f N -wi N -w TIME -i N -r TIME -to TIME   as in JMH (defaults 1, 2, 2s, 3, 2s, 10min)
 *   --json FILE            where a run writes its JMH JSON (default benchmarks/target/benchmark-report.json)
 *   --doc FILE             the Markdown file (default docs/benchmarks.md)
 *   --svg FILE             the plot (default docs/benchmarks-time-vs-size.svg)
 * </pre>
 *
 * <p>A run also writes {@code FILE.json.machine.properties} beside the JSON (machine, dates, load
 * averages, commands, requested combinations), so that {@code --from FILE.json} regenerates the
 * same report later. Without that file the machine lines describe the machine the report runs on
 * and say so. Combinations that were requested but have no result (a solver that refuses the
 * market, or a market above {@link CentralizedSolveBenchmark#MAX_VARIABLES the benchmark's size
 * cap} for the solver, fails in the benchmark's setup) are listed under their table. The default
 * selection stays within those caps: the dense solvers only at sizes where one clearing takes at
 * most about 10 s on an idle 2-core machine (joptimizer at 50 peers about 5.5 s).
 */
public final class BenchmarkReport {

    /** Opening marker of the generated section. */
    public static final String BEGIN = "<!-- BEGIN GENERATED: BenchmarkReport -->";

    /** Closing marker of the generated section. */
    public static final String END = "<!-- END GENERATED: BenchmarkReport -->";

    /** Heading written above the markers when they are first appended. */
    public static final String HEADING = "## Generated: time against size";

    private static final String JAR = "benchmarks/target/benchmarks.jar";
    private static final String DEFAULT_BENCHMARK = "CentralizedSolveBenchmark\\.clear$";
    private static final String SIDECAR_SUFFIX = ".machine.properties";

    private BenchmarkReport() {}

    /**
     * Runs the selection (or reads {@code --from} files) and writes the report.
     *
     * @param args options, see the class documentation
     * @throws Exception if a benchmark run, a file or the JSON fails
     */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("BenchmarkReport: " + e.getMessage());
            System.err.println("Maybe run with --help.");
            System.exit(2);
            return;
        }
        if (settings.help) {
            System.out.println(usage());
            return;
        }
        if (!Files.isRegularFile(settings.doc)) {
            throw new IllegalArgumentException(
                    "no Markdown file at "
                            + settings.doc.toAbsolutePath()
                            + ". Maybe run from the repository root, or pass --doc.");
        }
        List<Source> sources = new ArrayList<>();
        if (settings.from.isEmpty()) {
            sources.add(run(settings));
        } else {
            for (Path file : settings.from) {
                sources.add(Source.read(file));
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Source s : sources) {
            measurements.addAll(s.measurements);
        }
        if (measurements.isEmpty()) {
            System.err.println(
                    "BenchmarkReport: warning: no benchmark results; the report will say so.");
        }
        String svg = Plot.svg(measurements);
        writeAtomically(settings.svg, svg);
        Path link =
                settings.doc.toAbsolutePath().getParent().relativize(settings.svg.toAbsolutePath());
        String section =
                Markdown.section(sources, measurements, link.toString().replace('\\', '/'));
        String doc = Files.readString(settings.doc, StandardCharsets.UTF_8);
        writeAtomically(settings.doc, replaceGenerated(doc, section));
        System.out.println(
                "BenchmarkReport: "
                        + measurements.size()
                        + " results written to "
                        + settings.doc
                        + " (between the markers) and "
                        + settings.svg);
    }

    private static String usage() {
        return "java -cp "
                + JAR
                + " org.gridbazaar.benchmarks.BenchmarkReport [--from FILE.json]... [--quick]"
                + " [--solver NAME=MARKET,...]... [--benchmark REGEX] [-f N] [-wi N] [-w TIME] [-i N] [-r TIME]"
                + " [-to TIME] [--json FILE] [--doc FILE] [--svg FILE]\n"
                + "Markets: \"N\" (all pairs), \"N-penalties\" (all pairs, resistance penalty), \"NxK\" (K partners)."
                + " TIME: e.g. 500ms, 2s, 10min.";
    }

    /**
     * {@code document} with the text between the markers replaced by {@code section}; the markers
     * (and {@link #HEADING}) are appended at the end when absent.
     *
     * @throws IllegalStateException if only one marker is present, or they are out of order or
     *     repeated
     */
    static String replaceGenerated(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 && end < 0) {
            StringBuilder sb = new StringBuilder(document);
            if (!document.endsWith("\n")) {
                sb.append('\n');
            }
            sb.append('\n')
                    .append(HEADING)
                    .append("\n\n")
                    .append(BEGIN)
                    .append('\n')
                    .append(section)
                    .append(END)
                    .append('\n');
            return sb.toString();
        }
        if (begin < 0
                || end < begin
                || document.indexOf(BEGIN, begin + 1) >= 0
                || document.indexOf(END, end + 1) >= 0) {
            throw new IllegalStateException(
                    "the markers in the Markdown file are broken ("
                            + BEGIN
                            + " at "
                            + begin
                            + ", "
                            + END
                            + " at "
                            + end
                            + "). Maybe fix them by hand: exactly one of each, BEGIN first.");
        }
        return document.substring(0, begin + BEGIN.length())
                + "\n"
                + section
                + document.substring(end);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // createTempFile makes the file owner-only; give it the target's permissions (or
            // rw-r--r--)
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(
                        tmp,
                        Files.exists(file)
                                ? Files.getPosixFilePermissions(file)
                                : PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Running JMH

    private static Source run(Settings s) throws RunnerException, IOException {
        Properties env = new Properties();
        env.setProperty("date.start", now());
        env.setProperty("load.start", loadAverage());
        Machine.capture(env);
        List<RunResult> results = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        List<String> requested = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : s.selection.entrySet()) {
            String solver = e.getKey();
            List<String> markets = e.getValue();
            ChainedOptionsBuilder options =
                    new OptionsBuilder()
                            .include(s.benchmark)
                            .param("solver", solver)
                            .param("peers", markets.toArray(new String[0]))
                            .forks(s.forks)
                            .warmupIterations(s.warmupIterations)
                            .warmupTime(s.warmupTime)
                            .measurementIterations(s.iterations)
                            .measurementTime(s.iterationTime)
                            .timeout(s.timeout)
                            .shouldFailOnError(false);
            String command =
                    "java -jar "
                            + JAR
                            + " '"
                            + s.benchmark
                            + "' -p solver="
                            + solver
                            + " -p peers="
                            + String.join(",", markets)
                            + " -f "
                            + s.forks
                            + " -wi "
                            + s.warmupIterations
                            + " -w "
                            + jmhTime(s.warmupTime)
                            + " -i "
                            + s.iterations
                            + " -r "
                            + jmhTime(s.iterationTime)
                            + " -to "
                            + jmhTime(s.timeout);
            commands.add(command);
            for (String m : markets) {
                requested.add(solver + "|" + m);
            }
            System.out.println("BenchmarkReport: running " + command);
            results.addAll(new Runner(options.build()).run());
        }
        env.setProperty("date.end", now());
        env.setProperty("load.end", loadAverage());
        for (int i = 0; i < commands.size(); i++) {
            env.setProperty("command." + i, commands.get(i));
        }
        for (int i = 0; i < requested.size(); i++) {
            env.setProperty("requested." + i, requested.get(i));
        }
        env.setProperty("benchmark", s.benchmark);
        Files.createDirectories(s.json.toAbsolutePath().getParent());
        try (PrintStream out =
                new PrintStream(Files.newOutputStream(s.json), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        try (Writer w = Files.newBufferedWriter(sidecar(s.json), StandardCharsets.UTF_8)) {
            env.store(
                    w,
                    "Machine and run of " + s.json.getFileName() + ", written by BenchmarkReport");
        }
        System.out.println(
                "BenchmarkReport: JMH JSON in " + s.json + ", machine in " + sidecar(s.json));
        return Source.read(s.json);
    }

    private static Path sidecar(Path json) {
        return json.resolveSibling(json.getFileName() + SIDECAR_SUFFIX);
    }

    private static String jmhTime(TimeValue t) {
        return t.getTime()
                + switch (t.getTimeUnit()) {
                    case NANOSECONDS -> "ns";
                    case MICROSECONDS -> "us";
                    case MILLISECONDS -> "ms";
                    case SECONDS -> "s";
                    case MINUTES -> "min";
                    case HOURS -> "hr";
                    case DAYS -> "days";
                };
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or a note why not. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown (no /proc/loadavg)";
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Command line

    /** Parsed command line (mutable only while parsing). */
    private static final class Settings {
        final List<Path> from = new ArrayList<>();
        final Map<String, List<String>> selection = new LinkedHashMap<>();
        String benchmark = DEFAULT_BENCHMARK;
        int forks = 1;
        int warmupIterations = 2;
        TimeValue warmupTime = TimeValue.seconds(2);
        int iterations = 3;
        TimeValue iterationTime = TimeValue.seconds(2);
        TimeValue timeout = TimeValue.minutes(10);
        Path json = Path.of("benchmarks/target/benchmark-report.json");
        Path doc = Path.of("docs/benchmarks.md");
        Path svg = Path.of("docs/benchmarks-time-vs-size.svg");
        boolean help;

        static Settings parse(String[] args) {
            Settings s = new Settings();
            boolean quick = false;
            Map<String, String> explicit = new HashMap<>();
            Map<String, List<String>> solvers = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> s.help = true;
                    case "--quick" -> quick = true;
                    case "--from" -> s.from.add(Path.of(value(args, ++i, a)));
                    case "--solver" -> {
                        String v = value(args, ++i, a);
                        int eq = v.indexOf('=');
                        if (eq <= 0 || eq == v.length() - 1) {
                            throw new IllegalArgumentException(
                                    "--solver wants NAME=MARKET,MARKET (e.g. structured-ipm=20,1000-penalties), got '"
                                            + v
                                            + "'");
                        }
                        solvers.computeIfAbsent(v.substring(0, eq), k -> new ArrayList<>())
                                .addAll(List.of(v.substring(eq + 1).split(",")));
                    }
                    case "--benchmark",
                            "-f",
                            "-wi",
                            "-w",
                            "-i",
                            "-r",
                            "-to",
                            "--json",
                            "--doc",
                            "--svg" ->
                            explicit.put(a, value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (quick) {
                s.selection.put("structured-ipm", List.of("20", "50", "100"));
                s.selection.put("ojalgo-qp", List.of("20"));
                s.selection.put("joptimizer", List.of("20"));
                s.warmupIterations = 1;
                s.warmupTime = TimeValue.seconds(1);
                s.iterations = 2;
                s.iterationTime = TimeValue.seconds(1);
            } else {
                s.selection.put(
                        "structured-ipm",
                        List.of("20", "50", "100", "200", "1000-penalties", "10000x20"));
                s.selection.put("ojalgo-qp", List.of("20"));
                s.selection.put("joptimizer", List.of("20", "40", "50"));
            }
            if (!solvers.isEmpty()) {
                s.selection.clear();
                s.selection.putAll(solvers);
            }
            for (Map.Entry<String, String> e : explicit.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "--benchmark" -> s.benchmark = v;
                    case "-f" -> s.forks = positive(v, "-f", 1);
                    case "-wi" -> s.warmupIterations = positive(v, "-wi", 0);
                    case "-w" -> s.warmupTime = time(v, "-w");
                    case "-i" -> s.iterations = positive(v, "-i", 1);
                    case "-r" -> s.iterationTime = time(v, "-r");
                    case "-to" -> s.timeout = time(v, "-to");
                    case "--json" -> s.json = Path.of(v);
                    case "--doc" -> s.doc = Path.of(v);
                    case "--svg" -> s.svg = Path.of(v);
                    default -> throw new AssertionError(e.getKey());
                }
            }
            return s;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String v, String option, int min) {
            try {
                int n = Integer.parseInt(v);
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    option + " wants an integer >= " + min + ", got '" + v + "'");
        }

        private static TimeValue time(String v, String option) {
            try {
                return TimeValue.fromString(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        option + " wants a time such as 500ms, 2s or 10min, got '" + v + "'");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Results

    /** The market family of a {@code peers} parameter, which sets the plot marker. */
    enum Family {
        ALL_PAIRS("all pairs, preferences"),
        PENALTIES("all pairs, resistance penalty"),
        PARTNERS("K partners per producer, penalty"),
        OTHER("other");

        final String description;

        Family(String description) {
            this.description = description;
        }
    }

    /**
     * One JMH result.
     *
     * @param benchmark full benchmark name, e.g. {@code
     *     org.gridbazaar.benchmarks.CentralizedSolveBenchmark.clear}
     * @param solver the {@code solver} parameter, or the benchmark class's simple name if it has
     *     none
     * @param market the market parameters as JMH gives them ({@code peers=...} and the others)
     * @param family market family (plot marker)
     * @param marketText human-readable market
     * @param trades number of trades (arcs), or {@code -1} if unknown
     * @param score JMH score in {@code unit}
     * @param error JMH score error (99.9% half-width) in {@code unit}, NaN if none
     * @param unit JMH unit, e.g. {@code ms/op}
     * @param raw per-iteration scores, all forks
     * @param options the JMH options of this result, human-readable
     */
    record Measurement(
            String benchmark,
            String solver,
            String market,
            Family family,
            String marketText,
            long trades,
            double score,
            double error,
            String unit,
            List<Double> raw,
            String options) {

        Measurement {
            raw = List.copyOf(raw);
        }

        /** Short benchmark name: class and method. */
        String shortBenchmark() {
            int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
            return benchmark.substring(dot + 1);
        }

        /** The method name. */
        String method() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        /**
         * Time per operation in ms, or NaN if the unit is not a time per operation or an operation
         * rate.
         */
        double millisPerOp() {
            String[] u = unit.split("/");
            if (u.length != 2) {
                return Double.NaN;
            }
            if (u[1].equals("op")) {
                return score * millis(u[0]);
            }
            if (u[0].equals("ops")) {
                return millis(u[1]) / score;
            }
            return Double.NaN;
        }

        /**
         * {@code score ± error} in ms, as {low, high}; NaN if the unit is not a time per operation.
         */
        double[] millisRange() {
            String[] u = unit.split("/");
            if (u.length != 2 || !u[1].equals("op") || !Double.isFinite(error)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double f = millis(u[0]);
            return new double[] {(score - error) * f, (score + error) * f};
        }

        private static double millis(String unit) {
            return switch (unit) {
                case "ns" -> 1e-6;
                case "us" -> 1e-3;
                case "ms" -> 1;
                case "s" -> 1e3;
                case "min" -> 6e4;
                default -> Double.NaN;
            };
        }
    }

    /** A JMH JSON result file, its measurements and (if recorded) its machine. */
    private static final class Source {
        final Path file;
        final List<Measurement> measurements;
        final Properties env;
        final boolean envRecorded;
        final Map<String, Object> firstEntry;

        private Source(
                Path file,
                List<Measurement> measurements,
                Properties env,
                boolean envRecorded,
                Map<String, Object> firstEntry) {
            this.file = file;
            this.measurements = measurements;
            this.env = env;
            this.envRecorded = envRecorded;
            this.firstEntry = firstEntry;
        }

        static Source read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                        "no JMH JSON result at "
                                + file.toAbsolutePath()
                                + ". Maybe write one with -rf json -rff "
                                + file
                                + ".");
            }
            Object root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(root instanceof List<?> entries)) {
                throw new IllegalArgumentException(
                        file + " is not a JMH JSON result (expected a top-level array)");
            }
            List<Measurement> out = new ArrayList<>();
            Map<String, Object> first = null;
            Map<String, Long> trades = new HashMap<>();
            for (Object o : entries) {
                Map<String, Object> e = Json.object(o, file + ": result");
                if (first == null) {
                    first = e;
                }
                out.add(measurement(e, trades));
            }
            Properties env = new Properties();
            Path side = sidecar(file);
            boolean recorded = Files.isRegularFile(side);
            if (recorded) {
                try (Reader r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
                    env.load(r);
                }
            } else {
                Machine.capture(env);
                env.setProperty(
                        "date.start",
                        Files.getLastModifiedTime(file)
                                .toInstant()
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
            }
            return new Source(file, out, env, recorded, first == null ? Map.of() : first);
        }

        private static Measurement measurement(
                Map<String, Object> e, Map<String, Long> tradeCache) {
            String benchmark = Json.string(e.get("benchmark"));
            Map<String, Object> params =
                    e.get("params") == null ? Map.of() : Json.object(e.get("params"), "params");
            Map<String, String> p = new TreeMap<>();
            params.forEach((k, v) -> p.put(k, String.valueOf(v)));
            String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
            className = className.substring(className.lastIndexOf('.') + 1);
            String solver = p.containsKey("solver") ? p.remove("solver") : className;
            String peers = p.get("peers");
            Family family = Family.OTHER;
            String text = p.isEmpty() ? "–" : p.toString().replaceAll("[{}]", "");
            long trades = -1;
            if (peers != null && className.equals("CentralizedSolveBenchmark") && p.size() == 1) {
                family = family(peers);
                text = marketText(peers, family);
                trades = tradeCache.computeIfAbsent(peers, BenchmarkReport::trades);
            }
            Map<String, Object> metric =
                    Json.object(e.get("primaryMetric"), benchmark + ": primaryMetric");
            List<Double> raw = new ArrayList<>();
            if (metric.get("rawData") instanceof List<?> forks) {
                for (Object fork : forks) {
                    if (fork instanceof List<?> its) {
                        for (Object v : its) {
                            raw.add(Json.number(v));
                        }
                    }
                }
            }
            String options =
                    String.format(
                            Locale.ROOT,
                            "JMH %s, mode %s, %s fork(s), warmup %s x %s, measurement %s x %s, %s thread(s)%s",
                            e.get("jmhVersion"),
                            e.get("mode"),
                            integer(e.get("forks")),
                            integer(e.get("warmupIterations")),
                            e.get("warmupTime"),
                            integer(e.get("measurementIterations")),
                            e.get("measurementTime"),
                            integer(e.get("threads")),
                            jvmArgs(e.get("jvmArgs")));
            return new Measurement(
                    benchmark,
                    solver,
                    String.valueOf(params.get("peers")),
                    family,
                    text,
                    trades,
                    Json.number(metric.get("score")),
                    Json.number(metric.get("scoreError")),
                    Json.string(metric.get("scoreUnit")),
                    raw,
                    options);
        }

        private static String integer(Object o) {
            return o instanceof Double d && d == Math.rint(d)
                    ? String.valueOf(d.longValue())
                    : String.valueOf(o);
        }

        private static String jvmArgs(Object o) {
            if (o instanceof List<?> l && !l.isEmpty()) {
                return ", JVM arguments " + l;
            }
            return ", default JVM flags";
        }
    }

    static Family family(String peers) {
        if (peers.matches("\\d+")) {
            return Family.ALL_PAIRS;
        }
        if (peers.matches("\\d+-penalties")) {
            return Family.PENALTIES;
        }
        if (peers.matches("\\d+x\\d+")) {
            return Family.PARTNERS;
        }
        return Family.OTHER;
    }

    static String marketText(String peers, Family family) {
        return switch (family) {
            case ALL_PAIRS -> group(Long.parseLong(peers)) + " all-pairs";
            case PENALTIES ->
                    group(Long.parseLong(peers.substring(0, peers.indexOf('-'))))
                            + " all-pairs, penalties";
            case PARTNERS -> {
                int x = peers.indexOf('x');
                yield group(Long.parseLong(peers.substring(0, x)))
                        + " x "
                        + peers.substring(x + 1)
                        + " partners";
            }
            case OTHER -> peers;
        };
    }

    /**
     * Number of arcs of the {@link P2PFormulation} of {@link CentralizedSolveBenchmark}'s market,
     * or -1.
     */
    private static long trades(String peers) {
        try {
            return new P2PFormulation()
                    .formulate(CentralizedSolveBenchmark.market(peers))
                    .problem()
                    .arcCount();
        } catch (RuntimeException e) {
            System.err.println(
                    "BenchmarkReport: cannot size market '" + peers + "': " + e.getMessage());
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Machine

    /** What can be read about this machine without privileges. */
    private static final class Machine {
        private Machine() {}

        static void capture(Properties env) {
            env.setProperty("nproc", String.valueOf(Runtime.getRuntime().availableProcessors()));
            env.setProperty("cpu", cpuModel());
            env.setProperty("memory", memory());
            env.setProperty(
                    "jvm",
                    System.getProperty("java.vm.name")
                            + " "
                            + System.getProperty("java.runtime.version")
                            + " ("
                            + System.getProperty("java.vendor")
                            + ")");
            env.setProperty(
                    "os",
                    System.getProperty("os.name")
                            + " "
                            + System.getProperty("os.version")
                            + " "
                            + System.getProperty("os.arch"));
            String commit = commit();
            if (commit != null) {
                env.setProperty("commit", commit);
            }
        }

        private static String cpuModel() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
                String model = null;
                int processors = 0;
                for (String l : lines) {
                    if (l.startsWith("processor")) {
                        processors++;
                    } else if (model == null && l.startsWith("model name")) {
                        model = l.substring(l.indexOf(':') + 1).trim();
                    }
                }
                return (model == null ? "unknown model" : model)
                        + ", "
                        + processors
                        + " logical processor(s) in /proc/cpuinfo";
            } catch (IOException | RuntimeException e) {
                return "unknown (no /proc/cpuinfo)";
            }
        }

        private static String memory() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (l.startsWith("MemTotal:")) {
                        long kb = Long.parseLong(l.replaceAll("\\D", ""));
                        return String.format(
                                Locale.ROOT, "%.1f GiB (MemTotal)", kb / 1024.0 / 1024.0);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through
            }
            return "unknown (no /proc/meminfo)";
        }

        private static String commit() {
            try {
                Process p =
                        new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                                .redirectErrorStream(true)
                                .start();
                String out =
                        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                                .trim();
                if (p.waitFor(10, TimeUnit.SECONDS)
                        && p.exitValue() == 0
                        && out.matches("[0-9a-f]{4,40}")) {
                    return out;
                }
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Markdown

    private static final class Markdown {
        private Markdown() {}

        static String section(List<Source> sources, List<Measurement> all, String svgLink) {
            StringBuilder md = new StringBuilder();
            md.append("_Written by `org.gridbazaar.benchmarks.BenchmarkReport` at ")
                    .append(now())
                    .append(
                            "; do not edit between these markers, rerun the report (see \"How to reproduce\")._\n\n");
            machine(md, sources);
            Map<String, List<Measurement>> byBenchmark = new LinkedHashMap<>();
            for (Measurement m : all) {
                byBenchmark.computeIfAbsent(m.shortBenchmark(), k -> new ArrayList<>()).add(m);
            }
            if (all.isEmpty()) {
                md.append(
                        "No benchmark results: every requested combination failed (see the JMH log).\n\n");
            }
            for (Map.Entry<String, List<Measurement>> e : byBenchmark.entrySet()) {
                md.append("### `").append(e.getKey()).append("`\n\n");
                md.append(
                        "| solver | market | trades | score | ± error (99.9%) | unit | iterations |\n");
                md.append("|---|---|---:|---:|---:|---|---|\n");
                List<Measurement> rows = new ArrayList<>(e.getValue());
                rows.sort(
                        Comparator.comparing(Measurement::solver)
                                .thenComparingLong(Measurement::trades));
                for (Measurement m : rows) {
                    StringBuilder raw = new StringBuilder();
                    for (Double r : m.raw()) {
                        raw.append(raw.length() == 0 ? "" : " / ").append(significant(r));
                    }
                    md.append("| ")
                            .append(cell(m.solver()))
                            .append(" | ")
                            .append(cell(m.marketText()))
                            .append(" (`")
                            .append(cell(m.market()))
                            .append("`) | ")
                            .append(m.trades() < 0 ? "–" : group(m.trades()))
                            .append(" | ")
                            .append(significant(m.score()))
                            .append(" | ")
                            .append(
                                    Double.isFinite(m.error())
                                            ? "± " + significant(m.error())
                                            : "–")
                            .append(" | ")
                            .append(cell(m.unit()))
                            .append(" | ")
                            .append(raw)
                            .append(" |\n");
                }
                md.append('\n');
                Set<String> options = new LinkedHashSet<>();
                rows.forEach(m -> options.add(m.options()));
                for (String o : options) {
                    md.append("Options: ").append(o).append(".\n");
                }
                md.append('\n');
            }
            List<String> missing = missing(sources, all);
            if (!missing.isEmpty()) {
                md.append(
                                "Requested but no result (refused in setup by the solver or by the benchmark's size cap for it,"
                                        + " failed in teardown, or timed out;"
                                        + " the JMH log says which): ")
                        .append(String.join(", ", missing))
                        .append(".\n\n");
            }
            md.append("### Plot\n\n");
            md.append("![Time per ")
                    .append(Plot.what(all))
                    .append(" against the number of trades, log-log, one series per solver](")
                    .append(svgLink)
                    .append(")\n\n");
            md.append("[")
                    .append(svgLink)
                    .append("](")
                    .append(svgLink)
                    .append(
                            "): one series per solver, marker shape by market family, error bars = JMH's 99.9% half-width"
                                    + " (clipped at the bottom of the plot when the error exceeds the score). An error of \"–\" means"
                                    + " JMH computed none (fewer than 3 measurement iterations in all).\n");
            return md.toString();
        }

        /**
         * Machine once (from the first source), then each result file with its dates, load and
         * commands.
         */
        private static void machine(StringBuilder md, List<Source> sources) {
            Source first = sources.get(0);
            Properties env = first.env;
            md.append("Machine");
            if (!first.envRecorded) {
                md.append(
                        " (not recorded with the results: these lines describe the machine this report was generated on)");
            }
            md.append(":\n\n");
            md.append("- CPU: ")
                    .append(env.getProperty("cpu"))
                    .append("; `nproc` = ")
                    .append(env.getProperty("nproc"))
                    .append(".\n");
            md.append("- Memory: ")
                    .append(env.getProperty("memory"))
                    .append("; OS: ")
                    .append(env.getProperty("os"))
                    .append(".\n");
            Map<String, Object> e = first.firstEntry;
            if (e.get("vmName") != null) {
                md.append("- JVM of the benchmarks: ")
                        .append(e.get("vmName"))
                        .append(' ')
                        .append(e.get("vmVersion"))
                        .append(" (JDK ")
                        .append(e.get("jdkVersion"))
                        .append(").\n");
            } else {
                md.append("- JVM: ").append(env.getProperty("jvm")).append(".\n");
            }
            md.append('\n');
            for (Source s : sources) {
                Properties p = s.env;
                md.append("Results `")
                        .append(s.file.toString().replace('\\', '/'))
                        .append("` (")
                        .append(s.measurements.size())
                        .append(s.measurements.size() == 1 ? " result" : " results")
                        .append("):\n\n");
                if (s.envRecorded) {
                    md.append("- Date: ")
                            .append(p.getProperty("date.start"))
                            .append(" to ")
                            .append(p.getProperty("date.end", "?"))
                            .append(" (UTC)");
                    if (p.getProperty("commit") != null) {
                        md.append(", `main` at `").append(p.getProperty("commit")).append('`');
                    }
                    md.append(".\n");
                    md.append("- Load average (1, 5, 15 min): ")
                            .append(p.getProperty("load.start"))
                            .append(" at the start, ")
                            .append(p.getProperty("load.end"))
                            .append(" at the end, on ")
                            .append(p.getProperty("nproc"))
                            .append(" cores")
                            .append(
                                    overloaded(p)
                                            ? ": above the core count, so other jobs were competing and the"
                                                    + " times are pessimistic"
                                            : "")
                            .append(".\n");
                } else {
                    md.append("- Date: ")
                            .append(p.getProperty("date.start"))
                            .append(" (UTC, when the JSON was last modified; no `")
                            .append(s.file.getFileName())
                            .append(SIDECAR_SUFFIX)
                            .append("` beside it, so commit and load average are unknown).\n");
                }
                List<String> commands = new ArrayList<>();
                for (int i = 0; p.getProperty("command." + i) != null; i++) {
                    commands.add(p.getProperty("command." + i));
                }
                if (!commands.isEmpty()) {
                    md.append("- Run in-process through JMH's `Runner`, equivalent to:\n\n```sh\n");
                    commands.forEach(c -> md.append(c).append('\n'));
                    md.append("```\n");
                }
                md.append('\n');
            }
        }

        /**
         * Whether a 1-minute load average, at the start or the end, exceeds the number of cores
         * (the 5 and 15 minute ones mostly reflect what ran before).
         */
        private static boolean overloaded(Properties p) {
            try {
                double cores = Double.parseDouble(p.getProperty("nproc", "1"));
                for (String key : List.of("load.start", "load.end")) {
                    String oneMinute = p.getProperty(key, "").split(",")[0].trim();
                    if (!oneMinute.isEmpty() && Double.parseDouble(oneMinute) > cores) {
                        return true;
                    }
                }
            } catch (NumberFormatException e) {
                return false;
            }
            return false;
        }

        private static List<String> missing(List<Source> sources, List<Measurement> all) {
            Set<String> have = new HashSet<>();
            for (Measurement m : all) {
                have.add(m.solver() + "|" + m.market());
            }
            List<String> missing = new ArrayList<>();
            for (Source s : sources) {
                for (int i = 0; s.env.getProperty("requested." + i) != null; i++) {
                    String r = s.env.getProperty("requested." + i);
                    if (!have.contains(r)) {
                        missing.add("`" + r.replace('|', ' ') + "`");
                    }
                }
            }
            return missing;
        }

        private static String cell(String s) {
            return s.replace("|", "\\|").replace("\n", " ");
        }
    }

    /** {@code v} with 3 significant digits and thousands separators, e.g. 0.723, 12.2, 4,150. */
    static String significant(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a == 0) {
            return "0";
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ------------------------------------------------------------------------------------------------
    // SVG

    /** The log-log plot of time per operation (ms) against trades. */
    static final class Plot {
        private static final int W = 950, H = 540;
        private static final double LEFT = 90, RIGHT = 640, TOP = 60, BOTTOM = 470;
        private static final String[] COLORS = {
            "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"
        };

        /**
         * Fixed colours of the centralized solvers, so that a solver keeps its colour when others
         * are added.
         */
        private static final Map<String, String> SOLVER_COLORS =
                Map.of(
                        "ojalgo-qp",
                        COLORS[0],
                        "structured-ipm",
                        COLORS[1],
                        "joptimizer",
                        COLORS[2]);

        private Plot() {}

        /** "clearing" if every result times {@code clear}, else "operation". */
        static String what(List<Measurement> all) {
            return !all.isEmpty() && all.stream().allMatch(m -> m.method().equals("clear"))
                    ? "clearing"
                    : "operation";
        }

        static String svg(List<Measurement> all) {
            List<Measurement> points = new ArrayList<>();
            Set<String> methods = new LinkedHashSet<>();
            for (Measurement m : all) {
                double t = m.millisPerOp();
                if (m.trades() > 0 && Double.isFinite(t) && t > 0) {
                    points.add(m);
                    methods.add(m.shortBenchmark());
                }
            }
            boolean oneMethod = methods.size() <= 1;
            String what = what(points);
            StringBuilder s = new StringBuilder();
            s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(W)
                    .append("\" height=\"")
                    .append(H)
                    .append("\" viewBox=\"0 0 ")
                    .append(W)
                    .append(' ')
                    .append(H)
                    .append(
                            "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n");
            s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            text(
                    s,
                    (LEFT + RIGHT) / 2,
                    26,
                    "middle",
                    16,
                    "bold",
                    "Time per " + what + " against number of trades (log-log)");
            text(
                    s,
                    (LEFT + RIGHT) / 2,
                    45,
                    "middle",
                    12,
                    "normal",
                    oneMethod && !methods.isEmpty()
                            ? "JMH "
                                    + methods.iterator().next()
                                    + ", written by BenchmarkReport "
                                    + now().substring(0, 10)
                            : "JMH, written by BenchmarkReport " + now().substring(0, 10));
            if (points.isEmpty()) {
                text(
                        s,
                        (LEFT + RIGHT) / 2,
                        (TOP + BOTTOM) / 2,
                        "middle",
                        14,
                        "normal",
                        "no time-per-operation results with a known number of trades");
                return s.append("</svg>\n").toString();
            }
            double xLo = Double.MAX_VALUE, xHi = 0, yLo = Double.MAX_VALUE, yHi = 0;
            for (Measurement m : points) {
                xLo = Math.min(xLo, m.trades());
                xHi = Math.max(xHi, m.trades());
                double t = m.millisPerOp();
                double[] r = m.millisRange();
                yLo = Math.min(yLo, t);
                yHi = Math.max(yHi, Double.isFinite(r[1]) ? Math.max(t, r[1]) : t);
            }
            Axis x = Axis.of(xLo, xHi, LEFT, RIGHT);
            Axis y = Axis.of(yLo, yHi, BOTTOM, TOP);
            // grid and ticks: a labelled line at every decade, light lines and short ticks at 2..9
            // times it
            s.append("<g stroke-width=\"1\">\n");
            for (int d = (int) Math.floor(x.logLo()); d <= x.logHi(); d++) {
                for (int k = 1; k <= 9; k++) {
                    double v = k * Math.pow(10, d);
                    if (!x.contains(v)) {
                        continue;
                    }
                    double px = x.at(v);
                    line(s, px, TOP, px, BOTTOM, k == 1 ? "#c8c8c8" : "#eeeeee", null);
                    line(s, px, BOTTOM, px, BOTTOM + (k == 1 ? 6 : 3), "black", null);
                    if (k == 1) {
                        text(s, px, BOTTOM + 21, "middle", 12, "normal", tickLabel(d));
                    }
                }
            }
            for (int d = (int) Math.floor(y.logLo()); d <= y.logHi(); d++) {
                for (int k = 1; k <= 9; k++) {
                    double v = k * Math.pow(10, d);
                    if (!y.contains(v)) {
                        continue;
                    }
                    double py = y.at(v);
                    line(s, LEFT, py, RIGHT, py, k == 1 ? "#c8c8c8" : "#eeeeee", null);
                    line(s, LEFT - (k == 1 ? 6 : 3), py, LEFT, py, "black", null);
                    if (k == 1) {
                        text(s, LEFT - 9, py + 4, "end", 12, "normal", tickLabel(d));
                    }
                }
            }
            s.append("</g>\n");
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"black\"/>\n",
                            LEFT,
                            TOP,
                            RIGHT - LEFT,
                            BOTTOM - TOP));
            text(
                    s,
                    (LEFT + RIGHT) / 2,
                    BOTTOM + 44,
                    "middle",
                    13,
                    "normal",
                    "trades (arcs of the formulation), log scale");
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text transform=\"translate(%.1f %.1f) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">%s</text>\n",
                            24.0,
                            (TOP + BOTTOM) / 2,
                            escape("time per " + what + " (ms), log scale")));
            // series
            Map<String, List<Measurement>> series = new LinkedHashMap<>();
            points.sort(
                    Comparator.comparing(Measurement::solver)
                            .thenComparingLong(Measurement::trades));
            for (Measurement m : points) {
                String key = oneMethod ? m.solver() : m.solver() + " (" + m.method() + ")";
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
            boolean errorBars = false;
            boolean dashed = false;
            Map<String, String> colors = new LinkedHashMap<>();
            for (Map.Entry<String, List<Measurement>> e : series.entrySet()) {
                String color = color(e.getValue().get(0).solver(), colors.values());
                colors.put(e.getKey(), color);
                s.append("<g>\n<title>").append(escape(e.getKey())).append("</title>\n");
                // solid polyline within a market family, dashed segment where the family changes
                List<Measurement> pts = e.getValue();
                StringBuilder poly = new StringBuilder();
                for (int i = 0; i < pts.size(); i++) {
                    Measurement m = pts.get(i);
                    if (i > 0 && pts.get(i - 1).family() != m.family()) {
                        polyline(s, poly, color);
                        Measurement prev = pts.get(i - 1);
                        s.append(
                                String.format(
                                        Locale.ROOT,
                                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                                                + " stroke-width=\"2\" stroke-dasharray=\"5 4\"/>%n",
                                        x.at(prev.trades()),
                                        y.at(prev.millisPerOp()),
                                        x.at(m.trades()),
                                        y.at(m.millisPerOp()),
                                        color));
                        dashed = true;
                    }
                    poly.append(
                            String.format(
                                    Locale.ROOT,
                                    "%.1f,%.1f ",
                                    x.at(m.trades()),
                                    y.at(m.millisPerOp())));
                }
                polyline(s, poly, color);
                for (Measurement m : e.getValue()) {
                    double px = x.at(m.trades());
                    double[] r = m.millisRange();
                    if (Double.isFinite(r[1])) {
                        errorBars = true;
                        double top = y.at(r[1]);
                        boolean bottomInside = r[0] > 0 && y.contains(r[0]);
                        double bottom = bottomInside ? y.at(r[0]) : BOTTOM;
                        line(s, px, top, px, bottom, color, "0.7");
                        line(s, px - 4, top, px + 4, top, color, "0.7");
                        if (bottomInside) {
                            line(s, px - 4, bottom, px + 4, bottom, color, "0.7");
                        }
                    }
                    marker(
                            s,
                            m.family(),
                            px,
                            y.at(m.millisPerOp()),
                            color,
                            m.solver()
                                    + ", "
                                    + m.marketText()
                                    + ": "
                                    + group(m.trades())
                                    + " trades, "
                                    + significant(m.millisPerOp())
                                    + " ms");
                }
                s.append("</g>\n");
            }
            // legend
            double lx = RIGHT + 22, ly = TOP + 6;
            text(s, lx, ly + 4, "start", 13, "bold", "solver");
            ly += 22;
            for (Map.Entry<String, String> e : colors.entrySet()) {
                line(s, lx, ly, lx + 28, ly, e.getValue(), null, 2);
                marker(s, Family.ALL_PAIRS, lx + 14, ly, e.getValue(), null);
                text(s, lx + 36, ly + 4, "start", 12, "normal", e.getKey());
                ly += 20;
            }
            ly += 12;
            text(s, lx, ly + 4, "start", 13, "bold", "market");
            ly += 22;
            Set<Family> families = new LinkedHashSet<>();
            points.stream().map(Measurement::family).sorted().forEach(families::add);
            for (Family f : families) {
                marker(s, f, lx + 14, ly, "#555555", null);
                text(s, lx + 36, ly + 4, "start", 12, "normal", f.description);
                ly += 20;
            }
            if (dashed) {
                ly += 4;
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\""
                                        + " stroke-width=\"2\" stroke-dasharray=\"5 4\"/>%n",
                                lx,
                                ly,
                                lx + 28,
                                ly));
                text(s, lx + 36, ly + 4, "start", 12, "normal", "joins different markets");
                ly += 20;
            }
            if (!errorBars) {
                return s.append("</svg>\n").toString();
            }
            ly += 12;
            line(s, lx + 14, ly - 8, lx + 14, ly + 8, "#555555", "0.7");
            line(s, lx + 10, ly - 8, lx + 18, ly - 8, "#555555", "0.7");
            line(s, lx + 10, ly + 8, lx + 18, ly + 8, "#555555", "0.7");
            text(s, lx + 36, ly + 4, "start", 12, "normal", "JMH error, 99.9%");
            return s.append("</svg>\n").toString();
        }

        /**
         * The solver's fixed colour if it has one and no series uses it yet, else the first palette
         * colour no series uses (cycling through the palette when all are used).
         */
        private static String color(String solver, Collection<String> used) {
            String fixed = SOLVER_COLORS.get(solver);
            if (fixed != null && !used.contains(fixed)) {
                return fixed;
            }
            for (String c : COLORS) {
                if (!used.contains(c) && !SOLVER_COLORS.containsValue(c)) {
                    return c;
                }
            }
            for (String c : COLORS) {
                if (!used.contains(c)) {
                    return c;
                }
            }
            return COLORS[used.size() % COLORS.length];
        }

        /**
         * A log scale from {@code 10^logLo} to {@code 10^logHi} on pixels {@code pixelLo..pixelHi}:
         * whole decades around the data, with at least 0.05 decade between a point and the frame.
         */
        private record Axis(double logLo, double logHi, double pixelLo, double pixelHi) {
            static Axis of(double min, double max, double pixelLo, double pixelHi) {
                double lo = Math.floor(Math.log10(min) - 0.05),
                        hi = Math.ceil(Math.log10(max) + 0.05);
                return new Axis(lo, hi, pixelLo, pixelHi);
            }

            boolean contains(double v) {
                double l = Math.log10(v);
                return l >= logLo - 1e-9 && l <= logHi + 1e-9;
            }

            double at(double v) {
                return pixelLo + (Math.log10(v) - logLo) / (logHi - logLo) * (pixelHi - pixelLo);
            }
        }

        private static void polyline(StringBuilder s, StringBuilder points, String color) {
            if (points.length() > 0) {
                s.append("<polyline fill=\"none\" stroke=\"")
                        .append(color)
                        .append("\" stroke-width=\"2\" points=\"")
                        .append(points.toString().trim())
                        .append("\"/>\n");
                points.setLength(0);
            }
        }

        private static String tickLabel(int decade) {
            if (decade >= 0 && decade <= 6) {
                return group((long) Math.pow(10, decade));
            }
            if (decade < 0 && decade >= -3) {
                return "0." + "0".repeat(-decade - 1) + "1";
            }
            return "1e" + decade;
        }

        private static void marker(
                StringBuilder s, Family f, double x, double y, String color, String title) {
            String open = title == null ? "" : "<g><title>" + escape(title) + "</title>";
            String close = title == null ? "" : "</g>";
            String style = " fill=\"" + color + "\" stroke=\"white\" stroke-width=\"1.2\"";
            s.append(open);
            switch (f) {
                case ALL_PAIRS ->
                        s.append(
                                String.format(
                                        Locale.ROOT,
                                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\"%s/>",
                                        x,
                                        y,
                                        style));
                case PENALTIES ->
                        s.append(
                                String.format(
                                        Locale.ROOT,
                                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\"%s/>",
                                        x - 5,
                                        y - 5,
                                        style));
                case PARTNERS ->
                        s.append(
                                String.format(
                                        Locale.ROOT,
                                        "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"%s/>",
                                        x,
                                        y - 6.5,
                                        x + 6,
                                        y + 4.5,
                                        x - 6,
                                        y + 4.5,
                                        style));
                case OTHER ->
                        s.append(
                                String.format(
                                        Locale.ROOT,
                                        "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"%s/>",
                                        x,
                                        y - 6,
                                        x + 6,
                                        y,
                                        x,
                                        y + 6,
                                        x - 6,
                                        y,
                                        style));
            }
            s.append(close).append('\n');
        }

        private static void line(
                StringBuilder s,
                double x1,
                double y1,
                double x2,
                double y2,
                String color,
                String opacity) {
            line(s, x1, y1, x2, y2, color, opacity, 1);
        }

        private static void line(
                StringBuilder s,
                double x1,
                double y1,
                double x2,
                double y2,
                String color,
                String opacity,
                double width) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s%s/>\n",
                            x1,
                            y1,
                            x2,
                            y2,
                            color,
                            width == 1 ? "" : " stroke-width=\"" + width + "\"",
                            opacity == null ? "" : " stroke-opacity=\"" + opacity + "\""));
        }

        private static void text(
                StringBuilder s,
                double x,
                double y,
                String anchor,
                int size,
                String weight,
                String text) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>%s</text>\n",
                            x,
                            y,
                            anchor,
                            size,
                            weight.equals("normal") ? "" : " font-weight=\"" + weight + "\"",
                            escape(text)));
        }

        /** {@code text} safe inside SVG (XML) text and attribute values. */
        static String escape(String text) {
            StringBuilder b = new StringBuilder(text.length());
            for (char ch : text.toCharArray()) {
                switch (ch) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&apos;");
                    default -> {
                        if (ch >= 0x20 || ch == '\t' || ch == '\n') {
                            b.append(ch);
                        }
                    }
                }
            }
            return b.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // JSON

    /**
     * A minimal JSON reader for JMH result files: objects, arrays, strings, numbers, booleans,
     * null.
     */
    static final class Json {
        private static final Pattern NUMBER =
                Pattern.compile("-?(?:\\d+)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        /**
         * Parses {@code text}: {@code Map<String, Object>}, {@code List<Object>}, String, Double,
         * Boolean or null.
         */
        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.skipSpace();
            if (j.pos != text.length()) {
                throw j.error("trailing text");
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object o, String what) {
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException(what + " is not a JSON object: " + o);
        }

        static String string(Object o) {
            return o == null ? "" : o.toString();
        }

        /** A number, or NaN for JMH's {@code "NaN"} and missing values. */
        static double number(Object o) {
            if (o instanceof Double d) {
                return d;
            }
            if (o instanceof String s) {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
            return Double.NaN;
        }

        private Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skipSpace();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        skipSpace();
                        String key = stringLiteral();
                        skipSpace();
                        expect(':');
                        m.put(key, value());
                        skipSpace();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    pos++;
                    List<Object> l = new ArrayList<>();
                    skipSpace();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        skipSpace();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return stringLiteral();
                }
                default -> {
                    for (String word :
                            List.of("true", "false", "null", "NaN", "Infinity", "-Infinity")) {
                        if (text.startsWith(word, pos)) {
                            pos += word.length();
                            return switch (word) {
                                case "true" -> Boolean.TRUE;
                                case "false" -> Boolean.FALSE;
                                case "null" -> null;
                                default -> Double.parseDouble(word);
                            };
                        }
                    }
                    var m = NUMBER.matcher(text).region(pos, text.length());
                    if (!m.lookingAt()) {
                        throw error("unexpected character '" + c + "'");
                    }
                    pos = m.end();
                    return Double.parseDouble(m.group());
                }
            }
        }

        private String stringLiteral() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            }
            throw error("unterminated string");
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "JSON: "
                            + what
                            + " at offset "
                            + pos
                            + ". Maybe the file is not a complete"
                            + " JMH JSON result (-rf json); an interrupted run leaves it truncated.");
        }
    }
}
