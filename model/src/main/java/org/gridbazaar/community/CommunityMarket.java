package org.gridbazaar.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;

/**
 * A market (of one period, or over a horizon) with its energy communities and its grid connection:
 * the population every market architecture clears. The market itself is unchanged; this type only
 * adds who belongs where and what the grid charges.
 *
 * <p>Rules, all checked by the factories and reported at once ({@link InvalidMarketException}, one
 * line each, naming the community and peer):
 *
 * <ul>
 *   <li>community ids are unique; every member is a peer of the market; every peer belongs to
 *       exactly one community (without communities, all peers form one community called {@value
 *       #DEFAULT_COMMUNITY});
 *   <li>managers' ids ({@link Community#effectiveManager()}) are unique and are not peer ids;
 *   <li>the grid connection has one tariff per period of the market (one for a single-period
 *       market).
 * </ul>
 */
public final class CommunityMarket {

    /** The id of the one community formed when none is declared. */
    public static final String DEFAULT_COMMUNITY = "community";

    private final Market market;
    private final MultiPeriodMarket overTime;
    private final List<Community> communities;
    private final GridConnection grid;
    private final Map<PeerId, Community> communityOf;

    private CommunityMarket(
            Market market,
            MultiPeriodMarket overTime,
            List<Community> communities,
            GridConnection grid) {
        this.market = market;
        this.overTime = overTime;
        this.grid = Objects.requireNonNull(grid, "grid connection");
        List<Peer> peers = overTime != null ? overTime.peers() : market.peers();
        List<Community> cs =
                communities.isEmpty()
                        ? List.of(
                                new Community(
                                        DEFAULT_COMMUNITY,
                                        peers.stream().map(Peer::id).toList(),
                                        null))
                        : List.copyOf(communities);
        this.communities = cs;
        List<String> problems = new ArrayList<>();
        Set<PeerId> peerIds = new HashSet<>();
        peers.forEach(p -> peerIds.add(p.id()));
        Map<PeerId, Community> of = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        Map<PeerId, String> managers = new HashMap<>();
        for (Community c : cs) {
            if (!ids.add(c.id())) {
                problems.add("community " + c.id() + ": id used by another community");
            }
            PeerId manager = c.effectiveManager().id();
            if (peerIds.contains(manager)) {
                problems.add(
                        "community "
                                + c.id()
                                + ": manager "
                                + manager.value()
                                + " has the id of a peer; Maybe call it "
                                + c.id()
                                + "-manager?");
            }
            String other = managers.putIfAbsent(manager, c.id());
            if (other != null) {
                problems.add(
                        "community "
                                + c.id()
                                + ": manager "
                                + manager.value()
                                + " also manages community "
                                + other);
            }
            for (PeerId m : c.members()) {
                if (!peerIds.contains(m)) {
                    problems.add(
                            "community "
                                    + c.id()
                                    + ": member "
                                    + m.value()
                                    + " is not a peer of the market");
                } else {
                    Community before = of.putIfAbsent(m, c);
                    if (before != null) {
                        problems.add(
                                "community "
                                        + c.id()
                                        + ": peer "
                                        + m.value()
                                        + " already belongs to community "
                                        + before.id());
                    }
                }
            }
        }
        for (Peer p : peers) {
            if (!of.containsKey(p.id())) {
                problems.add(
                        "peer "
                                + p.id().value()
                                + ": belongs to no community; Maybe add it to one, every peer needs exactly one");
            }
        }
        int periods = overTime != null ? overTime.periodCount() : 1;
        if (grid.periods() != periods) {
            problems.add(
                    "grid connection: tariffs for "
                            + grid.periods()
                            + " periods, the market has "
                            + periods);
        }
        if (!problems.isEmpty()) {
            throw new InvalidMarketException(problems);
        }
        this.communityOf = java.util.Collections.unmodifiableMap(of);
    }

    /** A single-period market with its communities (none: one of all peers) and grid connection. */
    public static CommunityMarket of(
            Market market, List<Community> communities, GridConnection grid) {
        return new CommunityMarket(
                Objects.requireNonNull(market, "market"), null, communities, grid);
    }

    /**
     * A market over time with its communities (none: one of all peers) and grid connection (a
     * tariff per period).
     */
    public static CommunityMarket of(
            MultiPeriodMarket market, List<Community> communities, GridConnection grid) {
        return new CommunityMarket(
                null, Objects.requireNonNull(market, "market"), communities, grid);
    }

    /** The market's name. */
    public String name() {
        return market != null ? market.name() : overTime.name();
    }

    /** Whether the market spans a horizon of periods. */
    public boolean isOverTime() {
        return overTime != null;
    }

    /** The single-period market; empty for a market over time. */
    public Optional<Market> market() {
        return Optional.ofNullable(market);
    }

    /** The market over time; empty for a single-period market. */
    public Optional<MultiPeriodMarket> overTime() {
        return Optional.ofNullable(overTime);
    }

    /** The market of period {@code t} (period 0 is the market of a single-period case). */
    public Market period(int t) {
        return market != null ? market : overTime.period(t);
    }

    /** The number of periods: 1 for a single-period market. */
    public int periodCount() {
        return market != null ? 1 : overTime.periodCount();
    }

    /** Hours per period: 1 for a single-period market. */
    public double hoursPerPeriod() {
        return market != null ? 1 : overTime.hoursPerPeriod();
    }

    /** The communities in declaration order (the implicit one when none was declared). */
    public List<Community> communities() {
        return communities;
    }

    /** The community of peer {@code id}. */
    public Optional<Community> communityOf(PeerId id) {
        return Optional.ofNullable(communityOf.get(id));
    }

    /** The grid connection. */
    public GridConnection grid() {
        return grid;
    }

    /**
     * The same population without peer {@code id}: the peer is removed from the market (with its
     * trading pairs and preferences, and over a horizon from every period with its storage, ramp
     * and energy windows) and from its community; a community left empty is removed.
     */
    public CommunityMarket withoutPeer(PeerId id) {
        List<Community> cs = new ArrayList<>();
        for (Community c : communities) {
            if (c.members().contains(id)) {
                if (c.members().size() > 1) {
                    cs.add(c.without(id));
                }
            } else {
                cs.add(c);
            }
        }
        if (overTime != null) {
            MultiPeriodMarket.Builder b =
                    MultiPeriodMarket.builder(overTime.name(), overTime.horizon())
                            .periods(t -> without(overTime.period(t), id));
            overTime.storage()
                    .forEach(
                            (peer, unit) -> {
                                if (!peer.equals(id)) {
                                    b.storage(peer.value(), unit);
                                }
                            });
            overTime.ramps()
                    .forEach(
                            (peer, ramp) -> {
                                if (!peer.equals(id)) {
                                    b.ramp(peer.value(), ramp);
                                }
                            });
            overTime.energyWindows()
                    .forEach(
                            (peer, windows) -> {
                                if (!peer.equals(id)) {
                                    windows.forEach(w -> b.energyWindow(peer.value(), w));
                                }
                            });
            return of(b.build(), cs, grid);
        }
        return of(without(market, id), cs, grid);
    }

    /** {@code m} without peer {@code id}, its trading pairs, preferences and power factor. */
    private static Market without(Market m, PeerId id) {
        Market.Builder b = Market.builder(m.name()).description(m.description());
        m.peers().stream().filter(p -> !p.id().equals(id)).forEach(b::peer);
        if (m.trading() instanceof org.gridbazaar.model.Trading.Pairs pairs) {
            b.trading(
                    org.gridbazaar.model.Trading.pairs(
                            pairs.pairs().stream()
                                    .filter(p -> !p.first().equals(id) && !p.second().equals(id))
                                    .toList()));
        } else {
            b.trading(m.trading());
        }
        m.preferences().stream()
                .filter(p -> !p.peer().equals(id) && !p.partner().equals(id))
                .forEach(b::preference);
        m.network().ifPresent(b::network);
        m.powerFactors()
                .forEach(
                        (peer, pf) -> {
                            if (!peer.equals(id)) {
                                b.powerFactor(peer.value(), pf);
                            }
                        });
        m.resistancePenalty().ifPresent(b::resistancePenalty);
        m.congestionPenalty().ifPresent(b::congestionPenalty);
        return b.build();
    }

    /**
     * The same population with community {@code id}'s manager gone: its members no longer have a
     * manager to trade through, so they are removed from the market with the community (from every
     * period, over a horizon).
     */
    public CommunityMarket withoutCommunity(String id) {
        Community gone =
                communities.stream()
                        .filter(c -> c.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no community " + id));
        CommunityMarket result = this;
        for (PeerId m : gone.members()) {
            result = result.withoutPeer(m);
        }
        return result;
    }
}
