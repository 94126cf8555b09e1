package org.gridbazaar.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridbazaar.cli.internal.OutputFiles;
import org.gridbazaar.cli.plot.DayLinePlot;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.io.MarketCase;
import org.gridbazaar.mechanism.realtime.Community;
import org.gridbazaar.mechanism.realtime.CommunityPeriod;
import org.gridbazaar.mechanism.realtime.LseSupply;
import org.gridbazaar.mechanism.realtime.PeriodOutcome;
import org.gridbazaar.mechanism.realtime.RealTimeDay;
import org.gridbazaar.mechanism.realtime.RealTimeLoop;
import org.gridbazaar.mechanism.realtime.Tariff;
import org.gridbazaar.mechanism.realtime.TariffResponse;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridbazaar study community-rt [CASE]}: the real-time loop of three communities with PV and
 * batteries and their load-serving entity over a day, on the feeder of a case with a network
 * (default: the built-in 11-bus feeder), after Theisen et al. (TPEC 2024); every community's cost
 * under the transactive price against a flat and a time-of-use tariff over the same day. The
 * synthetic data is documented in {@code docs/community-realtime.md} and built by {@link Study}.
 */
@Command(
        name = "community-rt",
        mixinStandardHelpOptions = true,
        description =
                "Communities with PV and batteries bid curves to their load-serving entity in real time, period by period "
                        + "over a day, on a feeder (AC power flow checks voltages and losses); their costs against a flat and a "
                        + "time-of-use tariff.")
public final class CommunityRtStudyCommand implements Callable<Integer> {

    /** The built-in case whose feeder is used without a file. */
    static final String DEFAULT_FEEDER = Cases.BUILTIN + "feeder-11bus";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CASE.json",
            description =
                    "A case with a network, whose feeder hosts the communities, or builtin:NAME (default: "
                            + DEFAULT_FEEDER
                            + ").")
    Path caseFile;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description =
                    "Also write clearing.csv (period,price,lseSupplyKw) and costs.csv (community,pricing,cost) into this existing directory.")
    Path csv;

    @Option(
            names = "--plot",
            paramLabel = "PREFIX",
            description =
                    "Draw PREFIX-prices.svg (cleared price, wholesale, retail and tariffs), PREFIX-dispatch.svg (each "
                            + "community's net import and the LSE's supply) and PREFIX-storage.svg (energy stored per community).")
    Path plotPrefix;

    @Option(
            names = "--points",
            paramLabel = "K",
            description =
                    "Prices per bid curve, evenly spaced over [0.01, 0.49] $/kWh "
                            + "(default: "
                            + Study.DEFAULT_POINTS
                            + "); the LSE's two prices of each period are added.")
    int points = Study.DEFAULT_POINTS;

    @Option(
            names = "--solver",
            paramLabel = "NAME",
            description = "Solver of the communities' markets (default: " + Solvers.DEFAULT + ").")
    String solverName;

    /**
     * The study of the last successful run, for tests that check its numbers against its clearings.
     */
    Study study;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OutputFiles outputs = new OutputFiles();
        List<Path> plots = new ArrayList<>();
        if (plotPrefix != null) {
            for (String kind : List.of("prices", "dispatch", "storage")) {
                Path p = Path.of(plotPrefix + "-" + kind + ".svg");
                plots.add(p);
                outputs.add("--plot", p);
            }
        }
        Path input =
                caseFile == null || caseFile.toString().startsWith(Cases.BUILTIN) ? null : caseFile;
        List<String> problems = new ArrayList<>(outputs.problems(input));
        if (csv != null && !Files.isDirectory(csv)) {
            problems.add("--csv " + csv + " is not an existing directory");
        }
        if (points < 2) {
            problems.add("--points " + points + ": a curve needs at least 2 prices");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("gridbazaar: " + p));
            return GridBazaarCommand.INVALID_INPUT;
        }
        MarketCase loaded =
                Cases.loadCase(caseFile != null ? caseFile : Path.of(DEFAULT_FEEDER), err);
        if (loaded == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        Market market =
                loaded instanceof MarketCase.SinglePeriod s
                        ? s.market()
                        : ((MarketCase.MultiPeriod) loaded).market().period(0);
        if (market.network().isEmpty()) {
            err.println(
                    "gridbazaar: study community-rt needs a feeder: "
                            + (caseFile == null ? DEFAULT_FEEDER : caseFile)
                            + " has no network. Maybe use builtin:feeder-11bus?");
            return GridBazaarCommand.INVALID_INPUT;
        }
        MarketSolver solver = Cases.solver(solverName, err);
        if (solver == null) {
            return GridBazaarCommand.INVALID_INPUT;
        }
        try {
            err.println(
                    "study community-rt on "
                            + market.name()
                            + ": "
                            + Study.PERIODS
                            + " periods, three communities; tariffs, then the loop");
            study = Study.run(market.network().get(), solver, points);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("gridbazaar: " + e.getMessage());
            return GridBazaarCommand.INVALID_INPUT;
        }
        study.lines(market.name()).forEach(out::println);
        try {
            if (csv != null) {
                study.writeCsv(csv);
                out.println("tables written to " + csv.resolve("clearing.csv") + " and costs.csv");
            }
            if (plotPrefix != null) {
                study.writePlots(plots.get(0), plots.get(1), plots.get(2));
                out.println(
                        "plots written to "
                                + String.join(", ", plots.stream().map(Path::toString).toList()));
            }
        } catch (IOException e) {
            err.println("gridbazaar: cannot write the outputs: " + e.getMessage());
            return GridBazaarCommand.INTERNAL_ERROR;
        }
        out.flush();
        return GridBazaarCommand.OK;
    }

    /**
     * The study: its synthetic day, the loop's outcome and the tariff responses. Immutable.
     *
     * <p><b>Data</b> (hourly, 24 periods; see {@code docs/community-realtime.md}): the feeder's
     * non-root buses, in the order of the feeder's bus index, are split into three consecutive
     * groups hosting communities A, B and C. On every bus of a community sit three members: homes
     * (a residential load of {@link #HOMES_PEAK_KW} kW peak, shape {@link #RESIDENTIAL}, with
     * rooftop PV), a battery, and shops (a commercial load of {@link #SHOPS_PEAK_KW} kW peak, shape
     * {@link #COMMERCIAL}, with PV on the roof). PV follows {@link #PV_SHAPE} times the community's
     * PV size per bus, curtailable at no cost; loads are fixed and at power factor 0.95 lagging.
     * Batteries: efficiencies 0.95 each way, throughput cost 0.005 $/kWh, half full at the start
     * and at least half full at the end of the day. The LSE sells at {@link #WHOLESALE} plus {@link
     * #DELIVERY} $/kWh and buys back at {@link #WHOLESALE}, up to {@link #SUBSTATION_KW} kW.
     *
     * <p><b>Tariffs.</b> The flat price is the feeder's load-weighted mean of the LSE's retail
     * price over the day, and each time-of-use block's price is the load-weighted mean over the
     * block (off-peak 22-7 h, mid 7-16 h, peak 16-22 h), so that a customer without PV or battery
     * pays the LSE's cost of its energy under either; exports are credited at the mean wholesale
     * price under both.
     */
    static final class Study {

        static final int PERIODS = 24;
        static final int DEFAULT_POINTS = 9;
        static final double LOW_PRICE = 0.01, HIGH_PRICE = 0.49;
        static final double HOMES_PEAK_KW = 120, SHOPS_PEAK_KW = 80;
        static final double[] RESIDENTIAL = {
            0.45, 0.40, 0.38, 0.37, 0.38, 0.45, 0.60, 0.72, 0.65, 0.55, 0.50, 0.48, 0.47, 0.48,
            0.52, 0.60, 0.75, 0.90, 1.00, 0.98, 0.90, 0.78, 0.62, 0.50
        };
        static final double[] COMMERCIAL = {
            0.30, 0.28, 0.28, 0.28, 0.30, 0.35, 0.50, 0.70, 0.88, 0.95, 1.00, 1.00, 0.98, 1.00,
            0.98, 0.92, 0.85, 0.70, 0.55, 0.45, 0.40, 0.36, 0.33, 0.31
        };
        static final double[] PV_SHAPE = {
            0, 0, 0, 0, 0, 0, 0.02, 0.10, 0.25, 0.45, 0.62, 0.75, 0.82, 0.80, 0.70, 0.55, 0.36,
            0.17, 0.05, 0, 0, 0, 0, 0
        };
        static final double[] WHOLESALE = {
            0.028, 0.026, 0.025, 0.025, 0.026, 0.030, 0.038, 0.045, 0.042, 0.038, 0.034, 0.032,
            0.031, 0.032, 0.036, 0.045, 0.060, 0.085, 0.110, 0.095, 0.070, 0.050, 0.038, 0.032
        };
        static final double DELIVERY = 0.045;
        static final double SUBSTATION_KW = 1600;
        static final double CONNECTION_KW = 2000;

        /**
         * A community's equipment per bus.
         *
         * @param name the community's name
         * @param homesPvKw rooftop PV of the homes, kW peak
         * @param shopsPvKw PV of the shops, kW peak
         * @param batteryKwh battery capacity, kWh
         * @param batteryKw battery power each way, kW
         */
        record Equipment(
                String name,
                double homesPvKw,
                double shopsPvKw,
                double batteryKwh,
                double batteryKw) {}

        static final List<Equipment> EQUIPMENT =
                List.of(
                        new Equipment("A", 160, 100, 300, 100),
                        new Equipment("B", 100, 60, 200, 70),
                        new Equipment("C", 40, 20, 100, 40));

        final List<Community> communities;
        final LseSupply lse;
        final Tariff flat;
        final Tariff tou;
        final RealTimeDay day;
        final Map<String, TariffResponse> flatResponses;
        final Map<String, TariffResponse> touResponses;
        final int points;

        private Study(
                List<Community> communities,
                LseSupply lse,
                Tariff flat,
                Tariff tou,
                RealTimeDay day,
                Map<String, TariffResponse> flatResponses,
                Map<String, TariffResponse> touResponses,
                int points) {
            this.communities = communities;
            this.lse = lse;
            this.flat = flat;
            this.tou = tou;
            this.day = day;
            this.flatResponses = flatResponses;
            this.touResponses = touResponses;
            this.points = points;
        }

        /** Runs the study on {@code network}'s feeder with {@code points} prices per curve. */
        static Study run(Network network, MarketSolver solver, int points) {
            RadialFeeder feeder = RadialFeeder.of(network);
            List<Community> communities = communities(feeder);
            LseSupply lse = new LseSupply(WHOLESALE, DELIVERY, SUBSTATION_KW);
            double[] load = grossLoadKw(communities);
            Tariff flat = flat(lse, load), tou = timeOfUse(lse, load);
            SolverOptions options = SolverOptions.DEFAULTS.withTolerance(solver.defaultTolerance());
            Map<String, TariffResponse> flatResponses = new LinkedHashMap<>(),
                    touResponses = new LinkedHashMap<>();
            for (Community c : communities) {
                flatResponses.put(c.name(), TariffResponse.of(c, flat, solver, options));
                touResponses.put(c.name(), TariffResponse.of(c, tou, solver, options));
            }
            RealTimeDay day =
                    RealTimeLoop.run(
                            communities,
                            lse,
                            feeder,
                            RealTimeLoop.Options.of(solver, LOW_PRICE, HIGH_PRICE, points));
            return new Study(
                    List.copyOf(communities),
                    lse,
                    flat,
                    tou,
                    day,
                    flatResponses,
                    touResponses,
                    points);
        }

        /** The three communities on the feeder's buses (root excluded), in consecutive groups. */
        static List<Community> communities(RadialFeeder feeder) {
            int buses = feeder.busCount() - 1;
            if (buses < EQUIPMENT.size()) {
                throw new IllegalArgumentException(
                        "the feeder has "
                                + buses
                                + " buses besides the root; the study places "
                                + EQUIPMENT.size()
                                + " communities on at least one bus each");
            }
            List<Community> out = new ArrayList<>();
            for (int k = 0; k < EQUIPMENT.size(); k++) {
                int from = 1 + k * buses / EQUIPMENT.size(),
                        to = 1 + (k + 1) * buses / EQUIPMENT.size();
                List<String> on = new ArrayList<>();
                for (int b = from; b < to; b++) {
                    on.add(feeder.busName(b));
                }
                out.add(community(EQUIPMENT.get(k), on));
            }
            return out;
        }

        private static Community community(Equipment e, List<String> buses) {
            Map<String, String> busOf = new LinkedHashMap<>();
            MultiPeriodMarket.Builder day =
                    MultiPeriodMarket.builder(e.name(), Horizon.hourly(PERIODS))
                            .periods(
                                    t -> {
                                        Market.Builder m =
                                                Market.builder(e.name()).tradingPairs(List.of());
                                        for (String bus : buses) {
                                            String homes = e.name() + "-" + bus + "-homes",
                                                    shops = e.name() + "-" + bus + "-shops";
                                            double hl = HOMES_PEAK_KW * RESIDENTIAL[t],
                                                    sl = SHOPS_PEAK_KW * COMMERCIAL[t];
                                            // a fixed load with curtailable PV: net power from
                                            // -load (PV off) to PV - load
                                            m.prosumer(
                                                            homes,
                                                            -hl,
                                                            e.homesPvKw() * PV_SHAPE[t] - hl,
                                                            QuadraticCost.linear(0))
                                                    .prosumer(
                                                            e.name() + "-" + bus + "-battery",
                                                            0,
                                                            0,
                                                            QuadraticCost.linear(0))
                                                    .prosumer(
                                                            shops,
                                                            -sl,
                                                            e.shopsPvKw() * PV_SHAPE[t] - sl,
                                                            QuadraticCost.linear(0))
                                                    .powerFactor(homes, PowerFactor.lagging(0.95))
                                                    .powerFactor(shops, PowerFactor.lagging(0.95));
                                        }
                                        return m.build();
                                    });
            for (String bus : buses) {
                day.storage(
                        e.name() + "-" + bus + "-battery",
                        Storage.builder(e.batteryKwh(), e.batteryKwh() / 2)
                                .powerKw(e.batteryKw(), e.batteryKw())
                                .efficiencies(0.95, 0.95)
                                .throughputCost(0.005)
                                .target(PERIODS - 1, e.batteryKwh() / 2)
                                .build());
                for (String member : List.of("homes", "battery", "shops")) {
                    busOf.put(e.name() + "-" + bus + "-" + member, bus);
                }
            }
            return new Community(e.name(), day.build(), busOf, CONNECTION_KW);
        }

        /** The feeder's load without PV or battery per period, kW. */
        static double[] grossLoadKw(List<Community> communities) {
            double[] load = new double[PERIODS];
            for (Community c : communities) {
                int buses = c.busOf().size() / 3;
                for (int t = 0; t < PERIODS; t++) {
                    load[t] +=
                            buses
                                    * (HOMES_PEAK_KW * RESIDENTIAL[t]
                                            + SHOPS_PEAK_KW * COMMERCIAL[t]);
                }
            }
            return load;
        }

        /**
         * The flat tariff: the load-weighted mean retail price; exports at the mean wholesale
         * price.
         */
        static Tariff flat(LseSupply lse, double[] load) {
            double paid = 0, energy = 0;
            for (int t = 0; t < PERIODS; t++) {
                paid += lse.retail(t) * load[t];
                energy += load[t];
            }
            return Tariff.flat("flat", PERIODS, paid / energy, meanWholesale(lse));
        }

        /**
         * Time-of-use block of hour {@code t}: 0 off-peak (22-7 h), 1 mid (7-16 h), 2 peak (16-22
         * h).
         */
        static int block(int t) {
            return t < 7 || t >= 22 ? 0 : t < 16 ? 1 : 2;
        }

        /**
         * The time-of-use tariff: each block's load-weighted mean retail price; exports at the mean
         * wholesale price.
         */
        static Tariff timeOfUse(LseSupply lse, double[] load) {
            double[] paid = new double[3], energy = new double[3];
            for (int t = 0; t < PERIODS; t++) {
                paid[block(t)] += lse.retail(t) * load[t];
                energy[block(t)] += load[t];
            }
            double[] in = new double[PERIODS], ex = new double[PERIODS];
            for (int t = 0; t < PERIODS; t++) {
                in[t] = paid[block(t)] / energy[block(t)];
                ex[t] = meanWholesale(lse);
            }
            return new Tariff("tou", in, ex);
        }

        private static double meanWholesale(LseSupply lse) {
            double s = 0;
            for (int t = 0; t < PERIODS; t++) {
                s += lse.wholesale(t);
            }
            return s / PERIODS;
        }

        /**
         * The community's cost under {@code pricing} ({@code flat}, {@code tou} or {@code
         * transactive}), $.
         */
        double cost(String community, String pricing) {
            return switch (pricing) {
                case "flat" -> flatResponses.get(community).costDollars();
                case "tou" -> touResponses.get(community).costDollars();
                case "transactive" -> day.cost(community);
                default ->
                        throw new IllegalArgumentException(
                                "pricing " + pricing + " is not flat, tou or transactive");
            };
        }

        /** The printed report. */
        List<String> lines(String feederName) {
            List<String> l = new ArrayList<>();
            int members = communities.stream().mapToInt(c -> c.day().peers().size()).sum();
            l.add(
                    String.format(
                            Locale.ROOT,
                            "community real-time loop on %s: %d communities, %d members, %d periods of 1 h, %d prices per curve",
                            feederName,
                            communities.size(),
                            members,
                            PERIODS,
                            points + 2));
            l.add(
                    String.format(
                            Locale.ROOT,
                            "tariffs: flat %.4f $/kWh; time of use %.4f / %.4f / %.4f $/kWh (off-peak / mid / peak); "
                                    + "exports credited %.4f $/kWh",
                            flat.importPrice(0),
                            tou.importPrice(0),
                            tou.importPrice(8),
                            tou.importPrice(18),
                            flat.exportPrice(0)));
            l.add("");
            StringBuilder head =
                    new StringBuilder(
                            "period  price $/kWh  wholesale  retail  LSE kW    losses kW  min V pu  clearing");
            for (Community c : communities) {
                head.append(String.format(Locale.ROOT, "  %7s kW", c.name()));
            }
            l.add(head.toString());
            for (PeriodOutcome p : day.periods()) {
                StringBuilder row =
                        new StringBuilder(
                                String.format(
                                        Locale.ROOT,
                                        "%6d  %11.4f  %9.4f  %6.4f  %8.1f  %9.2f  %8.4f  %-8s",
                                        p.period(),
                                        p.price(),
                                        lse.wholesale(p.period()),
                                        lse.retail(p.period()),
                                        p.lseSupplyKw(),
                                        p.lossesKw(),
                                        p.powerFlow().minimumVoltage().magnitudePu(),
                                        p.clearing().kind()));
                for (CommunityPeriod c : p.communities()) {
                    row.append(String.format(Locale.ROOT, "  %10.1f", c.awardKw()));
                }
                l.add(row.toString());
            }
            l.add("");
            l.add("community  flat $    tou $     transactive $  saving vs flat  saving vs tou");
            for (Community c : communities) {
                double f = cost(c.name(), "flat"),
                        u = cost(c.name(), "tou"),
                        x = cost(c.name(), "transactive");
                l.add(
                        String.format(
                                Locale.ROOT,
                                "%-9s  %8.2f  %8.2f  %13.2f  %13.1f%%  %12.1f%%",
                                c.name(),
                                f,
                                u,
                                x,
                                100 * (f - x) / f,
                                100 * (u - x) / u));
            }
            double paid = communities.stream().mapToDouble(c -> day.cost(c.name())).sum();
            l.add(
                    String.format(
                            Locale.ROOT,
                            "money: the communities pay %.2f $, the LSE receives %.2f $; feeder losses %.1f kWh, bought by the"
                                    + " LSE at wholesale for %.2f $",
                            paid,
                            day.lseRevenue(),
                            day.lossesKwh(),
                            day.lseLossCost()));
            double max = 0, sum = 0;
            int n = 0;
            for (PeriodOutcome p : day.periods()) {
                for (CommunityPeriod c : p.communities()) {
                    max = Math.max(max, Math.abs(c.curveErrorKw()));
                    sum += Math.abs(c.curveErrorKw());
                    n++;
                }
            }
            l.add(
                    String.format(
                            Locale.ROOT,
                            "curve error at the cleared price (award - exact re-clearing): max %.3f kW, mean %.3f kW over %d"
                                    + " community-periods",
                            max,
                            sum / n,
                            n));
            double vmin =
                    day.periods().stream()
                            .mapToDouble(p -> p.powerFlow().minimumVoltage().magnitudePu())
                            .min()
                            .orElse(Double.NaN);
            l.add(
                    String.format(
                            Locale.ROOT,
                            "AC power flow (our own backward/forward sweep, not a separate simulator): lowest voltage %.4f pu",
                            vmin));
            return l;
        }

        /** Writes {@code clearing.csv} and {@code costs.csv} into {@code dir}. */
        void writeCsv(Path dir) throws IOException {
            List<List<Object>> clearing = new ArrayList<>();
            for (PeriodOutcome p : day.periods()) {
                clearing.add(List.of(p.period(), p.price(), p.lseSupplyKw()));
            }
            List<List<Object>> costs = new ArrayList<>();
            for (Community c : communities) {
                for (String pricing : List.of("flat", "tou", "transactive")) {
                    costs.add(List.of(c.name(), pricing, cost(c.name(), pricing)));
                }
            }
            writeCsv(
                    dir.resolve("clearing.csv"),
                    List.of("period", "price", "lseSupplyKw"),
                    clearing);
            writeCsv(dir.resolve("costs.csv"), List.of("community", "pricing", "cost"), costs);
        }

        private static void writeCsv(Path file, List<String> header, List<List<Object>> rows)
                throws IOException {
            CsvSchema.Builder schema = CsvSchema.builder();
            header.forEach(schema::addColumn);
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (SequenceWriter w =
                    new CsvMapper()
                            .writerFor(List.class)
                            .with(schema.build().withHeader())
                            .writeValues(tmp.toFile())) {
                for (List<Object> row : rows) {
                    w.write(row);
                }
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        /** Draws the prices, the dispatch and the stored energy over the day. */
        void writePlots(Path prices, Path dispatch, Path storage) throws IOException {
            int n = PERIODS;
            double[] cleared = new double[n],
                    w = new double[n],
                    r = new double[n],
                    supply = new double[n],
                    limit = new double[n];
            for (PeriodOutcome p : day.periods()) {
                int t = p.period();
                cleared[t] = p.price();
                w[t] = lse.wholesale(t);
                r[t] = lse.retail(t);
                supply[t] = p.lseSupplyKw();
                limit[t] = lse.substationLimitKw();
            }
            DayLinePlot.write(
                    prices,
                    "Real-time prices over the day",
                    "cleared price of the communities' curves against the LSE's supply",
                    "$/kWh",
                    2,
                    List.of(
                            DayLinePlot.Series.of("cleared", cleared),
                            new DayLinePlot.Series("wholesale", w, true),
                            new DayLinePlot.Series("retail", r, true),
                            new DayLinePlot.Series("flat", flat.importPrice(), true),
                            new DayLinePlot.Series("time of use", tou.importPrice(), true)));
            List<DayLinePlot.Series> d = new ArrayList<>();
            List<DayLinePlot.Series> e = new ArrayList<>();
            for (Community c : communities) {
                double[] award = new double[n], stored = new double[n];
                for (PeriodOutcome p : day.periods()) {
                    award[p.period()] = p.community(c.name()).awardKw();
                    stored[p.period()] = p.community(c.name()).storedKwh();
                }
                d.add(DayLinePlot.Series.of(c.name() + " net import", award));
                e.add(DayLinePlot.Series.of(c.name() + " stored", stored));
            }
            d.add(DayLinePlot.Series.of("LSE supply", supply));
            d.add(new DayLinePlot.Series("substation limit", limit, true));
            DayLinePlot.write(
                    dispatch,
                    "Dispatch over the day",
                    "communities' net import at the cleared price and the LSE's supply",
                    "kW",
                    0,
                    d);
            DayLinePlot.write(
                    storage,
                    "Stored energy over the day",
                    "energy in the communities' batteries at the end of each period",
                    "kWh",
                    0,
                    e);
        }
    }
}
