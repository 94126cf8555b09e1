package org.gridbazaar.architecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;

/**
 * Clears one population under every {@link Architecture} and measures each design the same way.
 *
 * <p>Per design ({@link Row}): the total cost (the objective, $), every peer's gain against trading
 * alone with the grid ({@link Standalone}; gain = alone - with the design, $, positive is better),
 * how evenly the gains are shared ({@link Row#fairness()}), grid import and export (kWh), peak
 * import (kW), losses (kWh) and congested lines when the population has a network, the centralized
 * solve time, and the distributed clearing's rounds, messages and bytes.
 *
 * <p>The distributed clearing of a coordinated design is {@link PriceCoordination}; of full P2P and
 * hybrid (bilateral trades) the {@code admm} solver given, if any, on the design's market: its
 * every iteration has each agent send each partner one number (its proposed trade), so it counts
 * {@code 2 * pairs} messages of 8 bytes per iteration (a count from the protocol, not an
 * instrumented one).
 */
public final class Comparison {

    private Comparison() {}

    /**
     * One design measured.
     *
     * @param architecture the design
     * @param clearing its centralized clearing
     * @param gains each peer's gain against trading alone with the grid, $, by peer id
     * @param fairness Jain's index of the gains, {@code (sum g)^2 / (n sum g^2)}: 1 when every peer
     *     gains the same, {@code 1/n} when one peer takes everything; chosen because it needs no
     *     reference point and does not change when all gains are scaled; {@code NaN} when no peer
     *     gains or loses anything. With some gains negative read it with {@link #smallestGain()}
     * @param lossesKwh losses over the horizon by the network's loss estimate, kWh ({@code NaN}
     *     without a network)
     * @param congestedLines lines congested in any period (empty without a network)
     * @param distributed the distributed clearing's exchange ({@link Clearing.Messages#NONE} when
     *     there is none)
     * @param distributedObjective the distributed clearing's objective, $ ({@code NaN} when there
     *     is none)
     * @param distributedSeconds wall time of the distributed clearing, s ({@code NaN} when there is
     *     none)
     * @param distributedBy the distributed solver's name (empty when there is none)
     */
    public record Row(
            Architecture architecture,
            Clearing clearing,
            Map<String, Double> gains,
            double fairness,
            double lossesKwh,
            List<String> congestedLines,
            Clearing.Messages distributed,
            double distributedObjective,
            double distributedSeconds,
            String distributedBy) {

        public Row {
            gains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gains));
            congestedLines = List.copyOf(congestedLines);
        }

        /** Total cost, $. */
        public double totalCost() {
            return clearing.objective();
        }

        /** The smallest gain of any peer, $ (negative: some peer is worse off than alone). */
        public double smallestGain() {
            return gains.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElse(Double.NaN);
        }

        /** The centralized solve time, s. */
        public double solveSeconds() {
            return clearing.solver() == null ? Double.NaN : clearing.solver().seconds();
        }
    }

    /**
     * A row for {@code clearing} with a given distributed exchange (and its time); gains against
     * {@link Standalone}.
     */
    public static Row row(
            Clearing clearing, Clearing.Messages distributed, double distributedSeconds) {
        return row(
                clearing,
                distributed,
                Double.NaN,
                distributedSeconds,
                "",
                null,
                SolverOptions.DEFAULTS);
    }

    private static Row row(
            Clearing clearing,
            Clearing.Messages distributed,
            double distributedObjective,
            double distributedSeconds,
            String by,
            MarketSolver solver,
            SolverOptions options) {
        CommunityMarket population = clearing.design().population();
        Map<String, Double> gains = new LinkedHashMap<>();
        for (Peer p : clearing.peers()) {
            double alone =
                    population.isOverTime()
                            ? Standalone.cost(population, p.id(), solver, options)
                            : Standalone.cost(population, p.id());
            gains.put(p.id().value(), alone - clearing.peerCost(p.id().value()));
        }
        double losses = Double.NaN;
        Set<String> congested = new LinkedHashSet<>();
        for (MarketResult r : clearing.periods()) {
            Optional<NetworkOutcome> n = r.network();
            if (n.isPresent()) {
                losses =
                        (Double.isNaN(losses) ? 0 : losses) + n.get().lossesKw() * clearing.hours();
                congested.addAll(n.get().congestedLines());
            }
        }
        return new Row(
                clearing.design().architecture(),
                clearing,
                gains,
                jain(gains.values()),
                losses,
                new ArrayList<>(congested),
                distributed,
                distributedObjective,
                distributedSeconds,
                by);
    }

    /** Jain's index of {@code values}; {@code NaN} when all are 0. */
    static double jain(java.util.Collection<Double> values) {
        double sum = 0, squares = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
        }
        return squares == 0 ? Double.NaN : sum * sum / (values.size() * squares);
    }

    /**
     * Clears {@code population} under every design: centrally with {@code solver}, and distributed
     * (price coordination; {@code admm} for the bilateral designs when given, else none) to {@code
     * distributedTolerance}.
     */
    public static List<Row> run(
            CommunityMarket population,
            MarketSolver solver,
            SolverOptions options,
            MarketSolver admm,
            double distributedTolerance) {
        return run(
                population,
                solver,
                options,
                admm,
                distributedTolerance,
                org.gridbazaar.architecture.coordination.CoordinationTransport.inProcess());
    }

    /**
     * Clears {@code population} as {@link #run(CommunityMarket, MarketSolver, SolverOptions,
     * MarketSolver, double)} does, with price coordination's member agents wherever {@code
     * coordination} runs them (the results are the same; the solve times are not).
     */
    public static List<Row> run(
            CommunityMarket population,
            MarketSolver solver,
            SolverOptions options,
            MarketSolver admm,
            double distributedTolerance,
            org.gridbazaar.architecture.coordination.CoordinationTransport.Factory coordination) {
        List<Row> rows = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            ArchitectureMarket design = ArchitectureMarket.of(population, a);
            Clearing central = ArchitectureClearing.clear(design, solver, options);
            Clearing.Messages messages = Clearing.Messages.NONE;
            double seconds = Double.NaN, objective = Double.NaN;
            String by = "";
            if (PriceCoordination.unsupported(design).isEmpty()) {
                Clearing d =
                        PriceCoordination.clear(
                                design,
                                distributedTolerance,
                                SolverOptions.DEFAULT_MAX_ITERATIONS,
                                coordination);
                messages = d.messages();
                seconds = d.solver().seconds();
                objective = d.objective();
                by = PriceCoordination.NAME;
            } else if (admm != null && !population.isOverTime()) {
                MarketResult r =
                        MarketClearing.clear(
                                design.period(0),
                                admm,
                                SolverOptions.DEFAULTS.withTolerance(distributedTolerance));
                int pairs =
                        ((org.gridbazaar.model.Trading.Pairs) design.period(0).trading())
                                .pairs()
                                .size();
                int iterations = r.solver().iterations();
                messages =
                        new Clearing.Messages(
                                iterations, 2L * pairs * iterations, 16L * pairs * iterations);
                seconds = r.solver().seconds();
                objective = r.objective();
                by = admm.name();
            }
            rows.add(row(central, messages, objective, seconds, by, solver, options));
        }
        return rows;
    }

    /**
     * What changes when participant {@code dropped} leaves: a peer id (the peer is removed from the
     * market and its community), or a community id (its manager fails: in the community and local
     * P2P designs its members can reach no one and leave with it; in the hybrid design they keep
     * their bilateral trades; the pool and full P2P have no community managers and clear as
     * before).
     *
     * @param architecture the design
     * @param before the design's clearing with everyone
     * @param after its clearing without {@code dropped} (status says whether it still clears)
     * @param dropped the peer or community that left
     * @param peersLeft peers still in the market
     */
    public record Dropout(
            Architecture architecture,
            String dropped,
            Clearing before,
            Clearing after,
            int peersLeft) {

        /** The change of total cost, $ ({@code NaN} when either has no solution). */
        public double costChange() {
            return before.hasSolution() && after.hasSolution()
                    ? after.objective() - before.objective()
                    : Double.NaN;
        }
    }

    /**
     * The drop-out of peer or community {@code dropped} under every design, re-cleared with {@code
     * solver}.
     */
    public static List<Dropout> dropout(
            CommunityMarket population,
            String dropped,
            List<Row> rows,
            MarketSolver solver,
            SolverOptions options) {
        boolean isPeer = population.period(0).indexOf(PeerId.of(dropped)) >= 0;
        boolean isCommunity =
                population.communities().stream().anyMatch(c -> c.id().equals(dropped));
        if (!isPeer && !isCommunity) {
            throw new IllegalArgumentException("no peer or community " + dropped);
        }
        List<Dropout> out = new ArrayList<>();
        for (Row row : rows) {
            Architecture a = row.architecture();
            ArchitectureMarket design;
            if (isPeer) {
                design = ArchitectureMarket.of(population.withoutPeer(PeerId.of(dropped)), a);
            } else if (a == Architecture.COMMUNITY || a == Architecture.LOCAL_P2P) {
                design = ArchitectureMarket.of(population.withoutCommunity(dropped), a);
            } else if (a == Architecture.HYBRID) {
                design = ArchitectureMarket.withoutCoordinatorOf(population, a, dropped);
            } else {
                design = ArchitectureMarket.of(population, a);
            }
            Clearing after = ArchitectureClearing.clear(design, solver, options);
            out.add(
                    new Dropout(
                            a,
                            dropped,
                            row.clearing(),
                            after,
                            design.population().period(0).peers().size()));
        }
        return out;
    }
}
