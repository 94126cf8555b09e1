package org.gridbazaar.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridbazaar.io.CaseReader;
import org.gridbazaar.io.CaseWriter;
import org.gridbazaar.io.ResultWriter;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.Trading;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a user runs, end to end: read a case from its JSON text ({@link CaseReader}, which validates
 * it through {@code Market.Builder.build()}), clear it with the default solver ({@link
 * MarketClearing#clear(Market)}) and write the result as JSON ({@link ResultWriter}). {@link
 * #readValidateClearWrite} times all four; {@link #readValidate} the first two alone.
 *
 * <p>The case ({@link #caseJson}, seeded): {@link BenchmarkMarkets#withPartners} of {@code peers}
 * peers with {@code partners} consumers per producer (explicit pairs: 10,000 x 20 gives 100,000
 * pairs) on its radial feeder with the resistance penalty, plus a preference on every pair: one
 * side, drawn at random, pays a cost drawn in [-3, 6] $/kW. It is generated as JSON text in the
 * setup ({@link CaseWriter}), so reading parses what a case file holds.
 *
 * <p><b>The same case from the shell</b>, JVM start included (what {@code ./gridbazaar solve} costs
 * a user; target at most 2 s wall on the 2-core machine of {@code docs/benchmarks.md}):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.EndToEndBenchmark /tmp/e2e-10000x20.json
 * ./gridbazaar solve /tmp/e2e-10000x20.json --output /tmp/e2e-result.json   # once, to build the CLI jar
 * for i in 1 2 3 4 5; do
 *   /usr/bin/time -f '%e s wall, %U s user, %M KB max RSS' ./gridbazaar solve /tmp/e2e-10000x20.json --output /tmp/e2e-result.json
 * done
 * </pre>
 *
 * The {@code main} method writes the case file (arguments: path, then optionally peers and
 * partners) and prints its size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EndToEndBenchmark {

    /** Number of peers, half producers and half consumers. */
    @Param({"10000"})
    public int peers;

    /** Consumers per producer (explicit trading pairs). */
    @Param({"20"})
    public int partners;

    /** The case file's text, made in {@link #setUp}. */
    public String caseJson;

    private String lastResult;
    private MarketResult lastCleared;

    /** Generates the case text. */
    @Setup(Level.Trial)
    public void setUp() {
        caseJson = caseJson(peers, partners, BenchmarkMarkets.SEED);
    }

    /**
     * Read, validate, clear with the default solver, write the result: returns the result's JSON
     * text.
     */
    @Benchmark
    public String readValidateClearWrite() {
        Market market = CaseReader.read(caseJson, "end-to-end.json");
        MarketResult result = MarketClearing.clear(market);
        lastCleared = result;
        lastResult = ResultWriter.write(result);
        return lastResult;
    }

    /** Read and validate only: the part of {@link #readValidateClearWrite} before the solver. */
    @Benchmark
    public Market readValidate() {
        return CaseReader.read(caseJson, "end-to-end.json");
    }

    /** The last clearing must be optimal and its result written in full. */
    @TearDown(Level.Trial)
    public void check() {
        if (lastCleared == null) {
            return;
        }
        if (lastCleared.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "end to end "
                            + peers
                            + "x"
                            + partners
                            + ": "
                            + lastCleared.status()
                            + " "
                            + lastCleared.message());
        }
        if (!lastResult.contains("\"status\": \"OPTIMAL\"")
                && !lastResult.contains("\"status\":\"OPTIMAL\"")) {
            throw new IllegalStateException("result text does not say OPTIMAL");
        }
    }

    /**
     * The case of this benchmark as JSON text: {@link BenchmarkMarkets#withPartners} with a
     * preference on every pair (see the class comment).
     */
    public static String caseJson(int peers, int partners, long seed) {
        Market base = BenchmarkMarkets.withPartners(peers, partners, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        Market.Builder b =
                base.toBuilder()
                        .name("end-to-end-" + peers + "x" + partners)
                        .description(
                                String.format(
                                        Locale.ROOT,
                                        "EndToEndBenchmark.caseJson(%d, %d, %dL)",
                                        peers,
                                        partners,
                                        seed));
        for (PeerPair pair : ((Trading.Pairs) base.trading()).pairs()) {
            boolean first = rnd.nextBoolean();
            b.preference(
                    new org.gridbazaar.model.Preference(
                            first ? pair.first() : pair.second(),
                            first ? pair.second() : pair.first(),
                            Math.round(rnd.nextDouble(-3, 6) * 100) / 100.0));
        }
        return CaseWriter.write(b.build());
    }

    /**
     * Writes the case file for timing {@code ./gridbazaar solve} from the shell.
     *
     * @param args path of the case file to write (default {@code /tmp/e2e-10000x20.json}), then
     *     optionally peers (default 10000) and partners (default 20)
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/e2e-10000x20.json");
        int peers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int partners = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String json = caseJson(peers, partners, BenchmarkMarkets.SEED);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        System.out.printf(
                Locale.ROOT,
                "%s: %d peers x %d partners, %,d bytes%n",
                file,
                peers,
                partners,
                json.length());
    }
}
