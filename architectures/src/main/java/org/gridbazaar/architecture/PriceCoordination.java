package org.gridbazaar.architecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.architecture.coordination.CoordinationCodec;
import org.gridbazaar.architecture.coordination.CoordinationMessage;
import org.gridbazaar.architecture.coordination.CoordinationTransport;
import org.gridbazaar.architecture.coordination.MemberAnswer;
import org.gridbazaar.architecture.coordination.MemberSpec;
import org.gridbazaar.architecture.coordination.MemberUnresponsiveException;
import org.gridbazaar.architecture.coordination.PriceAnnouncement;
import org.gridbazaar.architecture.coordination.SetPoint;
import org.gridbazaar.architecture.coordination.Settlement;
import org.gridbazaar.architecture.coordination.SharedSums;
import org.gridbazaar.architecture.internal.Answer;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;

/**
 * Distributed clearing of the coordinated designs (pool, community, local P2P) by price
 * coordination: members talk only to their coordinator, coordinators only to each other.
 *
 * <p><b>Protocol, one round.</b> A coordinator sends its members a price {@code lambda} ($/kWh).
 * Each member solves only its own problem, {@code min f_i(p) - lambda p + mu_k |p|} over {@code
 * [l_i, u_i]} (closed form for a quadratic cost), and answers with five numbers: the least and the
 * largest optimal power {@code [lo_i, hi_i]} (equal unless its cost is linear at that price), the
 * slope {@code dp_i/dlambda} (kW per $/kWh: {@code 1/a_i} inside its bounds, else 0), and its
 * nearest breakpoint prices below and above {@code lambda} (where it reaches a bound or the
 * margin's kink). The coordinator adds them and the grid's response at the tariffs it knows, which
 * gives the interval of the market's excess supply {@code S(lambda)}, a piecewise-linear,
 * nondecreasing function of the price; the market clears where {@code 0} is in it. In local P2P the
 * managers also send each other their communities' sums (five numbers to each other manager) and
 * every manager computes the same next price. The first price is the import price; the next is a
 * Newton step on {@code S} (exact when it stays on the current linear piece), or, when that leaves
 * the bracket of prices known to be too low and too high or the piece is flat, the nearest
 * breakpoint that way (members' or the grid's tariffs), so a price where {@code S} jumps across 0
 * (a member with a linear cost, a tariff) is hit exactly; bisection only if neither is inside the
 * bracket. A last message tells each member its price and its share of its range of optima. This is
 * the price update of dual decomposition with an exact step; it needs about as many rounds as
 * pieces it crosses.
 *
 * <p><b>Agents.</b> Each member is an agent that keeps its peer's data to itself (it starts from a
 * {@link MemberSpec}); coordinators run in the caller's process and hold only their members' ids
 * and answers. Every exchange with a member is a value of {@link
 * org.gridbazaar.architecture.coordination} carried by a {@link CoordinationTransport}: in process
 * by default, or on other processes and machines (the cluster module), with the same result to the
 * last bit. The managers of local P2P send each other their sums as {@link SharedSums} values; each
 * would then compute the same next price, so it is computed once here.
 *
 * <p><b>Counts.</b> A round is one exchange of prices and answers; messages count every {@link
 * PriceAnnouncement} and {@link MemberAnswer}, every {@link SharedSums}, and the final {@link
 * Settlement} and {@link SetPoint} of each member; bytes are the sizes of their CBOR encodings
 * ({@link CoordinationCodec}, the cluster's wire form, without a transport's own envelope),
 * whichever transport carries them.
 *
 * <p><b>Scope.</b> Single-period populations whose peers have power only (no heat), without network
 * penalties (those put a cost on each path that a single price cannot carry); each community's
 * autonomy cost raises the import price its coordinator sees, each margin shifts its members'
 * prices. Other cases: {@link IllegalArgumentException} naming why; clear them with {@link
 * ArchitectureClearing} instead.
 *
 * <p><b>Local P2P with unequal autonomy costs.</b> Managers trade with each other at no cost, so
 * every manager's price is the same {@code lambda} at an optimum (a trade between two managers at
 * different prices would gain both); an import through manager {@code k} costs {@code c_im +
 * tau_k}, so imports go through the manager(s) with the least {@code tau}, and the market's import
 * price is {@code c_im + min_k tau_k}. One scalar price therefore clears it exactly: the
 * coordination runs with that import price, and the settlement routes the whole import through the
 * first manager with the least autonomy cost, which sells on to the managers that are short at
 * {@code lambda}; the others import nothing (their autonomy cost would make it dearer). Exports
 * carry no autonomy cost and are shared among the managers with a surplus, as with equal costs.
 */
public final class PriceCoordination {

    /** The solver name reported in results. */
    public static final String NAME = "price-coordination";

    private final ArchitectureMarket design;
    private final double tolerance;
    private final int maxRounds;
    private final CoordinationTransport.Factory transports;
    private CoordinationTransport transport;
    private long messages;
    private long bytes;

    private PriceCoordination(
            ArchitectureMarket design,
            double tolerance,
            int maxRounds,
            CoordinationTransport.Factory transports) {
        this.design = design;
        this.tolerance = tolerance;
        this.maxRounds = maxRounds;
        this.transports = transports;
    }

    /**
     * Clears {@code design} (pool, community or local P2P) to {@code tolerance}: every market's
     * excess supply is within {@code tolerance} times the largest member power bound of zero.
     *
     * @param maxRounds the most rounds any market may take; a market not cleared by then is
     *     reported {@link Status#ITERATION_LIMIT} with its last point
     * @throws IllegalArgumentException when the design or the population is outside the scope above
     */
    public static Clearing clear(ArchitectureMarket design, double tolerance, int maxRounds) {
        return clear(design, tolerance, maxRounds, CoordinationTransport.inProcess());
    }

    /**
     * Clears {@code design} as {@link #clear(ArchitectureMarket, double, int)} does, with the
     * members' agents wherever {@code transports} runs them.
     *
     * @throws IllegalArgumentException when the design or the population is outside the scope above
     * @throws MemberUnresponsiveException when members stop answering (nothing is returned: a
     *     clearing without their answers would not be the market's)
     */
    public static Clearing clear(
            ArchitectureMarket design,
            double tolerance,
            int maxRounds,
            CoordinationTransport.Factory transports) {
        List<String> why = unsupported(design);
        if (!why.isEmpty()) {
            throw new IllegalArgumentException(
                    "price coordination cannot clear "
                            + design.population().name()
                            + " as "
                            + design.architecture().label()
                            + ": "
                            + String.join("; ", why)
                            + "; Maybe clear it centrally (ArchitectureClearing)");
        }
        if (!(tolerance > 0 && tolerance < 1) || maxRounds < 1) {
            throw new IllegalArgumentException(
                    "tolerance must be in (0, 1) and maxRounds >= 1, got "
                            + tolerance
                            + " and "
                            + maxRounds);
        }
        java.util.Objects.requireNonNull(transports, "transports");
        return new PriceCoordination(design, tolerance, maxRounds, transports).run();
    }

    /** Why price coordination cannot clear {@code design}; empty when it can. */
    public static List<String> unsupported(ArchitectureMarket design) {
        List<String> why = new ArrayList<>();
        if (!design.architecture().coordinated()) {
            why.add(
                    "members of the "
                            + design.architecture().label()
                            + " design trade bilaterally, which needs a bilateral negotiation (admm)");
        }
        if (design.population().isOverTime()) {
            why.add("it spans a horizon (members' problems couple periods)");
        }
        Market m = design.population().period(0);
        if (m.hasHeat()) {
            why.add("it has heat");
        }
        if (m.resistancePenalty().isPresent() || m.congestionPenalty().isPresent()) {
            why.add("it has network penalties");
        }
        return why;
    }

    /**
     * A market that clears at one price: its coordinators, their members, and the grid as they see
     * it.
     */
    private final class Pool {
        final List<PeerId> coordinators = new ArrayList<>();
        final Map<PeerId, List<String>> members = new LinkedHashMap<>();
        double tariff;
        double importPrice;
        double exportPrice;
        double importLimit;
        double exportLimit;
        double price = Double.NaN;

        /**
         * The position in {@link #coordinators} of the one manager that imports for all (local P2P
         * whose managers' autonomy costs differ), or -1 when imports are shared among those short.
         */
        int importer = -1;

        /** The members' summed answer at {@link #price}. */
        Answer last = Answer.ZERO;

        int rounds;
        boolean cleared;

        /**
         * The members' summed answer at {@code lambda}: one round of messages through the
         * transport, then (several coordinators) their sums shared among them.
         */
        Answer ask(double lambda) {
            rounds++;
            List<PriceAnnouncement> prices = new ArrayList<>();
            for (PeerId c : coordinators) {
                for (String member : members.get(c)) {
                    prices.add(PriceAnnouncement.of(rounds, c.value(), member, lambda));
                }
            }
            List<MemberAnswer> answers = transport.round(prices);
            if (answers.size() != prices.size()) {
                throw new IllegalStateException(
                        answers.size() + " answers to " + prices.size() + " prices");
            }
            Answer sum = Answer.ZERO;
            List<Answer> sums = new ArrayList<>();
            int q = 0;
            for (PeerId c : coordinators) {
                Answer own = Answer.ZERO;
                for (String member : members.get(c)) {
                    PriceAnnouncement price = prices.get(q);
                    MemberAnswer a = answers.get(q++);
                    if (!a.member().equals(member) || a.round() != rounds) {
                        throw new IllegalStateException(
                                "the answer to member "
                                        + member
                                        + " in round "
                                        + rounds
                                        + " came from "
                                        + a.member()
                                        + " in round "
                                        + a.round());
                    }
                    count(price);
                    count(a);
                    own = own.plus(new Answer(a.lo(), a.hi(), a.slope(), a.below(), a.above()));
                }
                sums.add(own);
                sum = sum.plus(own);
            }
            for (int i = 0; i < coordinators.size(); i++) {
                for (int j = 0; j < coordinators.size(); j++) {
                    if (i != j) {
                        Answer own = sums.get(i);
                        count(
                                new SharedSums(
                                        CoordinationMessage.VERSION,
                                        rounds,
                                        coordinators.get(i).value(),
                                        coordinators.get(j).value(),
                                        own.lo(),
                                        own.hi(),
                                        own.slope(),
                                        own.below(),
                                        own.above()));
                    }
                }
            }
            return sum;
        }

        /**
         * The grid's nearest jump above ({@code up}) or below {@code lambda}: the export or the
         * import price, or infinity.
         */
        double gridBreakpoint(double lambda, boolean up) {
            double best = up ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            for (double x : new double[] {exportPrice, importPrice}) {
                if (up && x > lambda) {
                    best = Math.min(best, x);
                } else if (!up && x < lambda) {
                    best = Math.max(best, x);
                }
            }
            return best;
        }

        /** The grid's supply to the market at {@code lambda}: least and largest, kW. */
        double[] grid(double lambda) {
            double lo, hi;
            if (lambda < exportPrice) {
                lo = hi = -exportLimit;
            } else if (lambda == exportPrice) {
                lo = -exportLimit;
                hi = importPrice == exportPrice ? importLimit : 0;
            } else if (lambda < importPrice) {
                lo = hi = 0;
            } else if (lambda == importPrice) {
                lo = 0;
                hi = importLimit;
            } else {
                lo = hi = importLimit;
            }
            return new double[] {lo, hi};
        }

        /** Finds the price: Newton steps on the excess supply, inside a bracket. */
        void solve(double scale) {
            double tol = tolerance * Math.max(1, scale);
            double low = Double.NEGATIVE_INFINITY,
                    high = Double.POSITIVE_INFINITY; // S < 0 below low's side, S > 0 above high's
            double lambda = importPrice;
            Answer a = null;
            double next = Double.NaN;
            while (rounds < maxRounds) {
                a = ask(lambda);
                double[] g = grid(lambda);
                double lo = a.lo() + g[0], hi = a.hi() + g[1];
                price = lambda;
                last = a;
                if (lo <= tol && hi >= -tol) {
                    cleared = true;
                    return;
                }
                if (hi < 0) {
                    low = Math.max(low, lambda);
                } else {
                    high = Math.min(high, lambda);
                }
                double excess = hi < 0 ? hi : lo;
                boolean up = hi < 0;
                // the nearest breakpoint that way, the members' or the grid's: the excess supply is
                // linear up to it
                double gridJump = gridBreakpoint(lambda, up);
                double breakpoint =
                        up ? Math.min(a.above(), gridJump) : Math.max(a.below(), gridJump);
                next = a.slope() > 0 ? lambda - excess / a.slope() : Double.NaN;
                if (up ? next > gridJump : next < gridJump) {
                    next = gridJump; // past a tariff the grid's response jumps by its limit: no
                    // Newton step crosses it
                }
                if (!(next > low && next < high)) {
                    next = breakpoint; // a flat piece, or a Newton step past a jump: go to where
                    // the piece ends
                }
                if (!(next > low && next < high)) {
                    if (Double.isInfinite(low) || Double.isInfinite(high)) {
                        double step = Math.max(1, Math.abs(lambda)) * Math.pow(2, rounds);
                        next = Double.isInfinite(high) ? lambda + step : lambda - step;
                    } else {
                        next = 0.5 * (low + high);
                    }
                }
                if (next == lambda) {
                    break;
                }
                lambda = next;
            }
        }
    }

    /** Counts {@code m}, one message of its CBOR size. */
    private void count(CoordinationMessage m) {
        messages++;
        bytes += CoordinationCodec.size(m);
    }

    private Clearing run() {
        long start = System.nanoTime();
        Market m = design.population().period(0);
        GridConnection grid = design.population().grid();
        Market expanded = design.period(0);
        double importLimit =
                expanded.peer(PeerId.of(ArchitectureMarket.GRID_IMPORT))
                        .orElseThrow()
                        .power()
                        .max();
        double exportLimit =
                -expanded.peer(PeerId.of(ArchitectureMarket.GRID_EXPORT))
                        .orElseThrow()
                        .power()
                        .min();
        List<Pool> pools = new ArrayList<>();
        List<Community> communities = design.population().communities();
        if (design.architecture() == Architecture.COMMUNITY) {
            for (Community c : communities) {
                Pool pool = new Pool();
                addCommunity(pool, c, m);
                pool.tariff = grid.importTariff(0);
                pool.importPrice = pool.tariff + c.effectiveManager().autonomyCost();
                pools.add(pool);
            }
        } else {
            Pool pool = new Pool();
            double autonomy = Double.POSITIVE_INFINITY;
            for (Community c : communities) {
                addCommunity(pool, c, m);
                autonomy =
                        Math.min(
                                autonomy,
                                design.architecture() == Architecture.POOL
                                        ? 0
                                        : c.effectiveManager().autonomyCost());
            }
            pool.tariff = grid.importTariff(0);
            pool.importPrice = pool.tariff + autonomy;
            if (design.architecture() == Architecture.LOCAL_P2P
                    && communities.stream()
                                    .mapToDouble(c -> c.effectiveManager().autonomyCost())
                                    .distinct()
                                    .count()
                            > 1) {
                for (Community c : communities) {
                    if (c.effectiveManager().autonomyCost() == autonomy) {
                        pool.importer =
                                pool.coordinators.indexOf(design.coordinator(c.id()).orElseThrow());
                        break;
                    }
                }
            }
            pools.add(pool);
        }
        double scale = 0;
        for (Peer p : m.peers()) {
            scale = Math.max(scale, Math.max(Math.abs(p.power().min()), Math.abs(p.power().max())));
        }
        List<MemberSpec> specs = new ArrayList<>();
        for (Pool pool : pools) {
            for (PeerId k : pool.coordinators) {
                for (String id : pool.members.get(k)) {
                    Peer p = m.peer(PeerId.of(id)).orElseThrow();
                    specs.add(
                            MemberSpec.of(
                                    id,
                                    k.value(),
                                    p.power().min(),
                                    p.power().max(),
                                    p.power().cost().a(),
                                    p.power().cost().b(),
                                    design.margin(k)));
                }
            }
        }
        try (CoordinationTransport t = transports.open(specs)) {
            transport = t;
            specs.forEach(this::count);
            for (Pool pool : pools) {
                pool.exportPrice = grid.exportTariff(0);
                pool.importLimit = importLimit;
                pool.exportLimit = exportLimit;
                pool.solve(scale);
            }
            return result(pools, m, grid, start);
        } finally {
            transport = null;
        }
    }

    private void addCommunity(Pool pool, Community c, Market m) {
        PeerId k = design.coordinator(c.id()).orElseThrow();
        if (!pool.members.containsKey(k)) {
            pool.coordinators.add(k);
            pool.members.put(k, new ArrayList<>());
        }
        for (PeerId id : c.members()) {
            pool.members.get(k).add(id.value());
        }
    }

    /** The set-points at each market's price, the grid's share and the trades that carry them. */
    private Clearing result(List<Pool> pools, Market m, GridConnection grid, long start) {
        Map<PeerId, Double> power = new LinkedHashMap<>();
        List<Trade> trades = new ArrayList<>();
        int rounds = 0;
        boolean allCleared = true;
        double worst = 0;
        double objective = 0;
        Map<PeerId, Double> coordinatorGrid = new LinkedHashMap<>();
        for (Pool pool : pools) {
            rounds = Math.max(rounds, pool.rounds);
            allCleared &= pool.cleared;
            double lambda = pool.price;
            // the split of what is free at the price (members at a kink, the grid at a tariff),
            // then each member's last message
            double[] g = pool.grid(lambda);
            Answer sum = pool.last;
            double free = (sum.hi() - sum.lo()) + (g[1] - g[0]);
            double theta = free > 0 ? Math.max(0, Math.min(1, -(sum.lo() + g[0]) / free)) : 0;
            double gridSupply = g[0] + theta * (g[1] - g[0]);
            double balance = gridSupply;
            List<Settlement> last = new ArrayList<>();
            for (PeerId c : pool.coordinators) {
                for (String member : pool.members.get(c)) {
                    last.add(Settlement.of(c.value(), member, lambda, theta));
                }
            }
            List<SetPoint> set = transport.settle(last);
            for (int q = 0; q < last.size(); q++) {
                SetPoint x = set.get(q);
                if (!x.member().equals(last.get(q).member())) {
                    throw new IllegalStateException(
                            "the set-point of member "
                                    + last.get(q).member()
                                    + " came from "
                                    + x.member());
                }
                count(last.get(q));
                count(x);
                power.put(PeerId.of(x.member()), x.power());
                balance += x.power();
            }
            worst = Math.max(worst, Math.abs(balance));
            // each coordinator's trades: with its members at the price, and its net with the grid
            // and the other coordinators
            double[] net = new double[pool.coordinators.size()];
            for (int i = 0; i < pool.coordinators.size(); i++) {
                PeerId c = pool.coordinators.get(i);
                for (String member : pool.members.get(c)) {
                    PeerId id = PeerId.of(member);
                    double x = power.get(id);
                    addTrade(trades, id, c, x, lambda);
                    net[i] += x;
                    objective += design.margin(c) * Math.abs(x);
                }
            }
            split(trades, pool, net, gridSupply, lambda, coordinatorGrid);
            objective += (gridSupply > 0 ? pool.importPrice : pool.exportPrice) * gridSupply;
        }
        List<PeerOutcome> outcomes = new ArrayList<>();
        for (Peer p : m.peers()) {
            double x = power.get(p.id());
            double cost = p.power().cost().value(x);
            objective += cost;
            outcomes.add(
                    new PeerOutcome(
                            p.id(), x, Double.NaN, p.power().cost().marginal(x), Double.NaN, cost));
        }
        double imported = 0, exported = 0;
        for (double v : coordinatorGrid.values()) {
            imported += Math.max(0, v);
            exported += Math.max(0, -v);
        }
        for (PeerId c : design.coordinators()) {
            outcomes.add(new PeerOutcome(c, 0, Double.NaN, 0, Double.NaN, 0));
        }
        outcomes.add(
                new PeerOutcome(
                        PeerId.of(ArchitectureMarket.GRID_IMPORT),
                        imported,
                        Double.NaN,
                        grid.importTariff(0),
                        Double.NaN,
                        grid.importTariff(0) * imported));
        outcomes.add(
                new PeerOutcome(
                        PeerId.of(ArchitectureMarket.GRID_EXPORT),
                        -exported,
                        Double.NaN,
                        grid.exportTariff(0),
                        Double.NaN,
                        -grid.exportTariff(0) * exported));
        Status status = allCleared ? Status.OPTIMAL : Status.ITERATION_LIMIT;
        double seconds = (System.nanoTime() - start) / 1e9;
        SolverStats stats = new SolverStats(NAME, rounds, seconds, worst, 0, Double.NaN);
        MarketResult r =
                new MarketResult(
                        design.period(0).name(),
                        status,
                        objective,
                        outcomes,
                        trades,
                        List.of(),
                        java.util.Optional.empty(),
                        stats);
        return new Clearing(
                design,
                List.of(r),
                objective,
                status,
                stats,
                new Clearing.Messages(rounds, messages, bytes));
    }

    /**
     * The trades among coordinators and with the grid: each coordinator with a surplus sells it (in
     * proportion) to those short, and what remains goes to or comes from the grid, shared in
     * proportion too. {@code gridSupply} is the grid's supply to the pool (import positive).
     */
    private static void split(
            List<Trade> trades,
            PriceCoordination.Pool pool,
            double[] net,
            double gridSupply,
            double lambda,
            Map<PeerId, Double> coordinatorGrid) {
        if (pool.importer >= 0 && gridSupply > 0) {
            // one manager imports everything and sells on to those short: it has the import more
            net = net.clone();
            net[pool.importer] += gridSupply;
        }
        double surplus = 0, deficit = 0;
        for (double v : net) {
            surplus += Math.max(0, v);
            deficit += Math.max(0, -v);
        }
        double exchanged = Math.min(surplus, deficit);
        for (int i = 0; i < net.length; i++) {
            for (int j = 0; j < net.length; j++) {
                if (net[i] > 0 && net[j] < 0 && exchanged > 0) {
                    double q = exchanged * (net[i] / surplus) * (-net[j] / deficit);
                    addTrade(trades, pool.coordinators.get(i), pool.coordinators.get(j), q, lambda);
                }
            }
        }
        for (int i = 0; i < net.length; i++) {
            double toGrid;
            if (pool.importer >= 0 && gridSupply > 0) {
                toGrid = i == pool.importer ? -gridSupply : 0;
            } else if (gridSupply
                    > 0) { // the deficit left after the surpluses, shared among those short
                toGrid = net[i] < 0 ? -gridSupply * (-net[i] / deficit) : 0;
            } else if (gridSupply < 0) {
                toGrid = net[i] > 0 ? -gridSupply * (net[i] / surplus) : 0;
            } else {
                toGrid = 0;
            }
            PeerId c = pool.coordinators.get(i);
            coordinatorGrid.put(c, -toGrid);
            if (toGrid < 0) {
                addTrade(
                        trades, PeerId.of(ArchitectureMarket.GRID_IMPORT), c, -toGrid, pool.tariff);
            } else if (toGrid > 0) {
                addTrade(
                        trades,
                        c,
                        PeerId.of(ArchitectureMarket.GRID_EXPORT),
                        toGrid,
                        pool.exportPrice);
            }
        }
    }

    /**
     * A trade of {@code q} kW from {@code from} to {@code to} (reversed when {@code q < 0});
     * nothing when {@code q == 0}.
     */
    private static void addTrade(
            List<Trade> trades, PeerId from, PeerId to, double q, double price) {
        if (q > 0) {
            trades.add(new Trade(from, to, q, price));
        } else if (q < 0) {
            trades.add(new Trade(to, from, -q, price));
        }
    }
}
