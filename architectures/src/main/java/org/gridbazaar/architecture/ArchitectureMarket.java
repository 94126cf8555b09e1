package org.gridbazaar.architecture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityManager;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.Preference;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Role;
import org.gridbazaar.model.Trading;

/**
 * One {@link Architecture} applied to a population: the peer-to-peer market that states the design
 * (a reduction; see {@link Architecture} for the equations), with the map back to the population.
 *
 * <p>Added agents, each a peer of the expanded market:
 *
 * <ul>
 *   <li>a coordinator ({@value #POOL_OPERATOR} in the pool; each community's manager, {@link
 *       Community#effectiveManager()}, in the other coordinated designs): a prosumer whose power
 *       {@code s_k} in {@code [0, S]} (kW) is a shortage supply at a price {@code M} ($/kWh) above
 *       every marginal cost and tariff of the population (twice the largest, plus 1), so it is 0 at
 *       every optimum in which the market can be balanced otherwise, its balance {@code sum_j q_kj
 *       = s_k} then says the coordinator passes on all it buys, and the multiplier of that balance
 *       is the price it trades at. A positive {@code s_k} is load the market could not serve (for
 *       example after a drop-out or under an import limit), priced at {@code M} rather than left
 *       infeasible (a coordinator fixed at 0 would be exact too where every load can be served);
 *   <li>{@value #GRID_IMPORT}: a producer with power {@code m} in {@code [0, M]} and cost {@code
 *       c_im m} ($/h, the import tariff as a linear cost);
 *   <li>{@value #GRID_EXPORT}: a consumer with power {@code -x} in {@code [-X, 0]} and cost {@code
 *       c_ex (-x)}, i.e. a value of {@code c_ex} $/kWh for what it takes.
 * </ul>
 *
 * {@code M} and {@code X} are the connection's limits, or, without one, the sum over peers of their
 * largest power magnitude plus their storage rates plus 1 kW, which no feasible clearing can reach,
 * so the bound never binds and changes nothing. A manager's autonomy cost {@code tau_k} is a
 * preference of the manager on its trades with {@value #GRID_IMPORT}, and its margin {@code mu_k} a
 * preference of each member on its trades with the manager ({@link Preference}: one-sided cost on
 * the absolute traded power); bills count the margin as a fee paid to the manager.
 *
 * <p>Agents sit at the network's root bus (pool operator, grid) or at the bus of the community's
 * first member (a manager) when the market has a network; with zero net power a coordinator changes
 * no line flow. The network's loss and congestion penalties ({@code alpha_i R_ij |q_ij|}, {@code
 * beta_i theta_ij |q_ij|}) fall on the population's peers only (added agents have {@code alpha =
 * beta = 0}): a peer pays its own path's cost on its trade with the pool operator, so the pool's
 * price, seen by a peer at bus {@code n}, is {@code lambda -/+ alpha R(n, root)}: per bus where the
 * network's penalty prices it. Preferences of the population are kept on the pairs the design still
 * allows (member pairs in full P2P and hybrid) and dropped elsewhere.
 */
public final class ArchitectureMarket {

    /** The id of the pool's market operator. */
    public static final String POOL_OPERATOR = "pool-operator";

    /** The id of the agent selling imported power. */
    public static final String GRID_IMPORT = "grid-import";

    /** The id of the agent buying exported power. */
    public static final String GRID_EXPORT = "grid-export";

    private final Architecture architecture;
    private final CommunityMarket population;
    private final List<Market> periods;
    private final MultiPeriodMarket overTime;
    private final Map<String, PeerId> coordinatorOf;
    private final Map<PeerId, PeerId> coordinatorOfMember;
    private final Map<PeerId, Double> margins;

    private ArchitectureMarket(
            Architecture architecture, CommunityMarket population, String failed) {
        this.architecture = architecture;
        this.population = population;
        Map<String, PeerId> coordinators = new LinkedHashMap<>();
        Map<PeerId, PeerId> ofMember = new LinkedHashMap<>();
        Map<PeerId, Double> marginOf = new LinkedHashMap<>();
        for (Community c : population.communities()) {
            if (c.id().equals(failed)) {
                continue;
            }
            PeerId k =
                    architecture == Architecture.POOL
                            ? PeerId.of(POOL_OPERATOR)
                            : c.effectiveManager().id();
            coordinators.put(c.id(), k);
            double margin = architecture == Architecture.POOL ? 0 : c.effectiveManager().margin();
            marginOf.put(k, margin);
            c.members().forEach(m -> ofMember.put(m, k));
        }
        this.coordinatorOf = java.util.Collections.unmodifiableMap(coordinators);
        this.coordinatorOfMember = java.util.Collections.unmodifiableMap(ofMember);
        this.margins = java.util.Collections.unmodifiableMap(marginOf);
        checkIds();
        double[] limits = limits();
        List<Market> ps = new ArrayList<>();
        for (int t = 0; t < population.periodCount(); t++) {
            ps.add(expand(population.period(t), t, limits));
        }
        this.periods = List.copyOf(ps);
        this.overTime = population.overTime().map(this::overTime).orElse(null);
    }

    /** The market that states {@code architecture} over {@code population}. */
    public static ArchitectureMarket of(CommunityMarket population, Architecture architecture) {
        return new ArchitectureMarket(architecture, population, null);
    }

    /**
     * The hybrid design over {@code population} after community {@code communityId}'s manager has
     * failed: its members keep their bilateral trades but have no manager (so reach the grid only
     * through other members' trades). Only the hybrid design keeps such members connected.
     */
    public static ArchitectureMarket withoutCoordinatorOf(
            CommunityMarket population, Architecture architecture, String communityId) {
        if (architecture != Architecture.HYBRID) {
            throw new IllegalArgumentException(
                    "only the hybrid design keeps members without a manager connected; in the "
                            + architecture.label()
                            + " design remove the community (CommunityMarket.withoutCommunity)");
        }
        return new ArchitectureMarket(architecture, population, communityId);
    }

    /** The design. */
    public Architecture architecture() {
        return architecture;
    }

    /** The population the design is applied to. */
    public CommunityMarket population() {
        return population;
    }

    /** The expanded market of period {@code t} (0 for a single-period population). */
    public Market period(int t) {
        return periods.get(t);
    }

    /** The expanded market over time, when the population spans a horizon. */
    public Optional<MultiPeriodMarket> overTime() {
        return Optional.ofNullable(overTime);
    }

    /** Whether this design has coordinators (pool operator or managers) that members trade with. */
    public boolean hasCoordinators() {
        return architecture != Architecture.FULL_P2P;
    }

    /**
     * The coordinator of community {@code communityId}: the pool operator in the pool (shared by
     * all communities), its manager otherwise; empty in full P2P, which has none.
     */
    public Optional<PeerId> coordinator(String communityId) {
        return hasCoordinators()
                ? Optional.ofNullable(coordinatorOf.get(communityId))
                : Optional.empty();
    }

    /** The coordinators of this design, each once, in community order; empty in full P2P. */
    public List<PeerId> coordinators() {
        return hasCoordinators()
                ? List.copyOf(new java.util.LinkedHashSet<>(coordinatorOf.values()))
                : List.of();
    }

    /** The coordinator member {@code id} trades with, if the design has one. */
    public Optional<PeerId> coordinatorOfMember(PeerId id) {
        return hasCoordinators()
                ? Optional.ofNullable(coordinatorOfMember.get(id))
                : Optional.empty();
    }

    /**
     * The margin coordinator {@code id} charges its members, $/kWh (0 for none or an unknown id).
     */
    public double margin(PeerId coordinator) {
        return hasCoordinators() ? margins.getOrDefault(coordinator, 0.0) : 0;
    }

    /** Whether {@code id} is a peer of the population (not an agent the design added). */
    public boolean isMember(PeerId id) {
        return population.period(0).indexOf(id) >= 0;
    }

    private void checkIds() {
        Set<String> taken = new HashSet<>();
        population.period(0).peers().forEach(p -> taken.add(p.id().value()));
        List<String> problems = new ArrayList<>();
        List<String> added = new ArrayList<>(List.of(GRID_IMPORT, GRID_EXPORT));
        if (hasCoordinators()) {
            coordinators().forEach(k -> added.add(k.value()));
        }
        for (String id : added) {
            if (taken.contains(id)) {
                problems.add(
                        "peer "
                                + id
                                + ": the "
                                + architecture.label()
                                + " design adds an agent of this id; Maybe rename the peer");
            }
        }
        if (!problems.isEmpty()) {
            throw new org.gridbazaar.model.InvalidMarketException(problems);
        }
    }

    /** The import and export limits, kW: the connection's, or a bound that cannot bind. */
    private double[] limits() {
        double reach = 1;
        for (Peer p : population.period(0).peers()) {
            double most = 0;
            for (int t = 0; t < population.periodCount(); t++) {
                Peer q = population.period(t).peer(p.id()).orElseThrow();
                most =
                        Math.max(
                                most,
                                Math.max(Math.abs(q.power().min()), Math.abs(q.power().max())));
            }
            reach += most;
        }
        if (population.overTime().isPresent()) {
            for (Storage s : population.overTime().get().storage().values()) {
                double rate = 0;
                for (int t = 0; t < population.periodCount(); t++) {
                    rate = Math.max(rate, s.chargeKw().at(t) + s.dischargeKw().at(t));
                }
                reach += rate;
            }
        }
        GridConnection g = population.grid();
        double price = 0;
        for (int t = 0; t < population.periodCount(); t++) {
            price = Math.max(price, Math.abs(g.importTariff(t)) + Math.abs(g.exportTariff(t)));
            for (Peer p : population.period(t).peers()) {
                var c = p.power().cost();
                price =
                        Math.max(
                                price,
                                Math.max(
                                        Math.abs(c.marginal(p.power().min())),
                                        Math.abs(c.marginal(p.power().max()))));
            }
        }
        for (Community c : population.communities()) {
            price += c.effectiveManager().autonomyCost() + c.effectiveManager().margin();
        }
        return new double[] {
            Math.min(g.importLimitKw(), reach),
            Math.min(g.exportLimitKw(), reach),
            reach,
            2 * price + 1
        };
    }

    private Market expand(Market m, int t, double[] limits) {
        GridConnection g = population.grid();
        String root = m.network().map(n -> n.rootBus()).orElse(null);
        Market.Builder b =
                Market.builder(m.name() + " (" + architecture.label() + ")")
                        .description(m.description());
        m.peers().forEach(b::peer);
        m.network().ifPresent(b::network);
        // the network's penalties fall on the population's peers only: an added agent pays none, so
        // a
        // peer pays its own path's cost once on each trade with a coordinator or the grid
        Map<PeerId, Double> free = new LinkedHashMap<>();
        for (PeerId agent : addedAgents()) {
            free.put(agent, 0.0);
        }
        m.resistancePenalty()
                .ifPresent(
                        r -> {
                            Map<PeerId, Double> per = new LinkedHashMap<>(r.perPeer());
                            per.putAll(free);
                            b.resistancePenalty(
                                    new org.gridbazaar.model.ResistancePenalty(r.alpha(), per));
                        });
        m.congestionPenalty()
                .ifPresent(
                        c -> {
                            Map<PeerId, Double> per = new LinkedHashMap<>(c.perPeer());
                            per.putAll(free);
                            b.congestionPenalty(
                                    new org.gridbazaar.model.CongestionPenalty(
                                            c.beta(), c.autoLines(), c.lines(), per));
                        });
        m.powerFactors().forEach((id, pf) -> b.powerFactor(id.value(), pf));
        b.peer(
                new Peer(
                        PeerId.of(GRID_IMPORT),
                        Role.PRODUCER,
                        root,
                        org.gridbazaar.model.Injection.of(
                                0, limits[0], QuadraticCost.linear(g.importTariff(t))),
                        null,
                        null));
        b.peer(
                new Peer(
                        PeerId.of(GRID_EXPORT),
                        Role.CONSUMER,
                        root,
                        org.gridbazaar.model.Injection.of(
                                -limits[1], 0, QuadraticCost.linear(g.exportTariff(t))),
                        null,
                        null));
        List<PeerPair> pairs = new ArrayList<>();
        Set<PeerPair> allowed = new HashSet<>();
        if (architecture == Architecture.FULL_P2P || architecture == Architecture.HYBRID) {
            for (PeerPair pair : memberPairs(m)) {
                pairs.add(pair);
                allowed.add(pair.normalized());
            }
            for (Preference p : m.preferences()) {
                if (allowed.contains(new PeerPair(p.peer(), p.partner()).normalized())) {
                    b.preference(p);
                }
            }
        }
        if (architecture == Architecture.FULL_P2P) {
            for (Peer p : m.peers()) {
                if (p.role().canBuy()) {
                    pairs.add(new PeerPair(p.id(), PeerId.of(GRID_IMPORT)));
                }
                if (p.role().canSell()) {
                    pairs.add(new PeerPair(p.id(), PeerId.of(GRID_EXPORT)));
                }
            }
        } else {
            Set<PeerId> added = new HashSet<>();
            for (Community c : population.communities()) {
                PeerId k = coordinatorOf.get(c.id());
                if (k == null) {
                    continue; // its manager failed
                }
                if (added.add(k)) {
                    String bus =
                            root == null
                                    ? null
                                    : architecture == Architecture.POOL
                                            ? root
                                            : m.peer(c.members().get(0)).orElseThrow().bus();
                    b.peer(
                            new Peer(
                                    k,
                                    Role.PROSUMER,
                                    bus,
                                    org.gridbazaar.model.Injection.of(
                                            0, limits[2], QuadraticCost.linear(limits[3])),
                                    null,
                                    null));
                    pairs.add(new PeerPair(k, PeerId.of(GRID_IMPORT)));
                    pairs.add(new PeerPair(k, PeerId.of(GRID_EXPORT)));
                    CommunityManager manager = c.effectiveManager();
                    if (architecture != Architecture.POOL && manager.autonomyCost() > 0) {
                        b.preference(
                                new Preference(k, PeerId.of(GRID_IMPORT), manager.autonomyCost()));
                    }
                }
                for (PeerId member : c.members()) {
                    pairs.add(new PeerPair(member, k));
                    if (margins.get(k) > 0) {
                        b.preference(new Preference(member, k, margins.get(k)));
                    }
                }
            }
            if (architecture == Architecture.LOCAL_P2P || architecture == Architecture.HYBRID) {
                List<PeerId> ks = coordinators();
                for (int i = 0; i < ks.size(); i++) {
                    for (int j = i + 1; j < ks.size(); j++) {
                        pairs.add(new PeerPair(ks.get(i), ks.get(j)));
                    }
                }
            }
        }
        return b.trading(Trading.pairs(pairs)).build();
    }

    /** The agents this design adds: the grid's two and its coordinators. */
    private List<PeerId> addedAgents() {
        List<PeerId> out = new ArrayList<>(List.of(PeerId.of(GRID_IMPORT), PeerId.of(GRID_EXPORT)));
        out.addAll(coordinators());
        return out;
    }

    /** The pairs of peers the population's market lets trade. */
    private static List<PeerPair> memberPairs(Market m) {
        if (m.trading() instanceof Trading.Pairs listed) {
            return List.copyOf(listed.asSet());
        }
        List<PeerPair> out = new ArrayList<>();
        List<Peer> peers = m.peers();
        for (int i = 0; i < peers.size(); i++) {
            for (int j = i + 1; j < peers.size(); j++) {
                if (m.mayTrade(peers.get(i).id(), peers.get(j).id())) {
                    out.add(new PeerPair(peers.get(i).id(), peers.get(j).id()));
                }
            }
        }
        return out;
    }

    private MultiPeriodMarket overTime(MultiPeriodMarket source) {
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(periods.get(0).name(), source.horizon()).periods(periods);
        source.storage().forEach((id, s) -> b.storage(id.value(), s));
        source.ramps().forEach((id, r) -> b.ramp(id.value(), r));
        source.energyWindows().forEach((id, ws) -> ws.forEach(w -> b.energyWindow(id.value(), w)));
        return b.build();
    }
}
