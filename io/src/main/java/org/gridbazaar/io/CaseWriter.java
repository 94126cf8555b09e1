package org.gridbazaar.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;
import org.gridbazaar.io.internal.AtomicFiles;
import org.gridbazaar.io.internal.JsonOut;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.HeatPowerPoint;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.Preference;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Trading;

/**
 * Writes a market as a case file ({@code p2p-market-case/1}): pretty-printed JSON in the shape of
 * the specification, which {@link CaseReader} reads back to an equal market. Optional parts are
 * written only when present (description, network, heat, CHP region, preferences, penalties); a
 * line's {@code capacityKw} only when it has one; a peer's {@code powerFactor} (an extension, see
 * {@code docs/case-format-extensions.md}) only when it is not unity, as a plain number when lagging
 * and as {@code {"value": ..., "sense": "leading"}} when leading. A market without power factors is
 * thus written exactly as the specification shows it.
 *
 * <p>A {@link MultiPeriodMarket} is written as a version-2 case ({@code p2p-market-case/2}) in the
 * same layout, with {@code horizon} after the description: each peer's bounds and costs (of period
 * {@code t}'s market) and its storage's {@code chargeKw}, {@code dischargeKw} and {@code usageKwh}
 * as one number when equal in every period, else as an array of one number per period; then {@code
 * power.ramp} (only the keys present), {@code power.energy} and {@code storage} (every field,
 * {@code targets} only when there are some). {@link CaseReader#readCase} reads it back to an equal
 * market. Version 2 holds the description, network, trading rule, preferences, penalties, power
 * factors and CHP regions once for the whole horizon, so a market whose periods differ in any of
 * them is refused with an {@link IllegalArgumentException} naming the period and what differs.
 */
public final class CaseWriter {

    private CaseWriter() {}

    /** The case file text of {@code market}. */
    public static String write(Market market) {
        StringWriter text = new StringWriter();
        try (JsonOut out = JsonOut.to(text)) {
            write(market, out);
        }
        return text.toString();
    }

    /**
     * Writes the case file of {@code market} to {@code file} (UTF-8), replacing it if it exists,
     * all at once: through a temporary file in the same directory renamed over {@code file}, so an
     * interrupted write leaves the previous file intact.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Market market, Path file) {
        try {
            AtomicFiles.write(file, out -> write(market, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(
                    "cannot write " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Streams the case file of {@code market} to {@code out} as UTF-8; {@code out} is flushed, not
     * closed.
     */
    public static void write(Market market, OutputStream out) {
        try (JsonOut json = JsonOut.to(out)) {
            write(market, json);
        }
    }

    private static void write(Market market, JsonOut out) {
        write(
                market,
                out,
                CaseReader.FORMAT,
                o -> {},
                (o, i, p) -> peer(o, p, market.powerFactor(p.id()), t -> p, 1, null, null, null));
    }

    /** Writes one peer's object; {@code index} is its place in the market's peer list. */
    @FunctionalInterface
    private interface PeerWriter {
        void write(JsonOut out, int index, Peer peer);
    }

    /**
     * The case file of {@code market} (the whole horizon's trading rule, network, preferences and
     * penalties), with {@code horizon} writing what comes between the description and the network
     * and {@code peers} writing each peer.
     */
    private static void write(
            Market market,
            JsonOut out,
            String format,
            java.util.function.Consumer<JsonOut> horizon,
            PeerWriter peers) {
        out.startObject();
        out.field("format", format);
        out.field("name", market.name());
        if (!market.description().isEmpty()) {
            out.field("description", market.description());
        }
        horizon.accept(out);
        market.network().ifPresent(n -> network(out, n));
        out.field("peers").startArray();
        List<Peer> list = market.peers();
        for (int i = 0; i < list.size(); i++) {
            peers.write(out, i, list.get(i));
        }
        out.end();
        out.field("trading").startObject();
        if (market.trading() instanceof Trading.Pairs pairs) {
            out.field("pairs").startArray();
            for (PeerPair pair : pairs.pairs()) {
                out.startArray().string(pair.first().value()).string(pair.second().value()).end();
            }
            out.end();
        } else {
            out.field("partners", "opposite-roles");
        }
        out.end();
        if (!market.preferences().isEmpty()) {
            out.field("preferences").startArray();
            for (Preference pref : market.preferences()) {
                out.startObject();
                out.field("peer", pref.peer().value());
                out.field("partner", pref.partner().value());
                out.field("cost", pref.cost());
                out.end();
            }
            out.end();
        }
        if (market.resistancePenalty().isPresent() || market.congestionPenalty().isPresent()) {
            out.field("penalties").startObject();
            market.resistancePenalty().ifPresent(r -> resistance(out, r));
            market.congestionPenalty().ifPresent(c -> congestion(out, c));
            out.end();
        }
        out.end();
    }

    /**
     * The version-2 case file text of {@code market}.
     *
     * @throws IllegalArgumentException if the periods differ in something version 2 holds once for
     *     the whole horizon (network, trading rule, ...; see the class documentation)
     */
    public static String write(MultiPeriodMarket market) {
        requireWritable(market);
        StringWriter text = new StringWriter();
        try (JsonOut out = JsonOut.to(text)) {
            write(market, out);
        }
        return text.toString();
    }

    /**
     * Writes the version-2 case file of {@code market} to {@code file} (UTF-8), replacing it all at
     * once as {@link #write(Market, Path)} does.
     *
     * @throws IllegalArgumentException if the periods differ in something version 2 holds once for
     *     the whole horizon (see {@link #write(MultiPeriodMarket)})
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(MultiPeriodMarket market, Path file) {
        requireWritable(market);
        try {
            AtomicFiles.write(
                    file,
                    out -> {
                        try (JsonOut json = JsonOut.to(out)) {
                            write(market, json);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(
                    "cannot write " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Streams the version-2 case file of {@code market} to {@code out} as UTF-8; {@code out} is
     * flushed, not closed.
     *
     * @throws IllegalArgumentException as {@link #write(MultiPeriodMarket)}
     */
    public static void write(MultiPeriodMarket market, OutputStream out) {
        requireWritable(market);
        try (JsonOut json = JsonOut.to(out)) {
            write(market, json);
        }
    }

    private static void write(MultiPeriodMarket market, JsonOut out) {
        Market first = market.period(0);
        int periods = market.periodCount();
        write(
                first,
                out,
                CaseReader.FORMAT_V2,
                o -> {
                    o.field("horizon").startObject();
                    o.field("periods").number((long) periods);
                    o.field("hoursPerPeriod", market.hoursPerPeriod());
                    o.end();
                },
                (o, i, p) ->
                        peer(
                                o,
                                p,
                                first.powerFactor(p.id()),
                                t -> market.period(t).peers().get(i),
                                periods,
                                market.ramps().get(p.id()),
                                market.energyWindows().get(p.id()),
                                market.storage().get(p.id())));
    }

    /**
     * Checks that every period holds the same description, network, trading rule, preferences,
     * penalties, power factors and CHP regions as period 0: version 2 writes these once for the
     * whole horizon. Linear in the size of the periods (equal references cost nothing).
     */
    private static void requireWritable(MultiPeriodMarket market) {
        Market first = market.period(0);
        for (int t = 1; t < market.periodCount(); t++) {
            Market m = market.period(t);
            if (m == first) {
                continue;
            }
            String differs =
                    !Objects.equals(m.description(), first.description())
                            ? "description"
                            : !Objects.equals(m.network(), first.network())
                                    ? "network"
                                    : !Objects.equals(m.trading(), first.trading())
                                            ? "trading rule"
                                            : !Objects.equals(m.preferences(), first.preferences())
                                                    ? "preferences"
                                                    : !Objects.equals(
                                                                    m.resistancePenalty(),
                                                                    first.resistancePenalty())
                                                            ? "resistance penalty"
                                                            : !Objects.equals(
                                                                            m.congestionPenalty(),
                                                                            first
                                                                                    .congestionPenalty())
                                                                    ? "congestion penalty"
                                                                    : !Objects.equals(
                                                                                    m
                                                                                            .powerFactors(),
                                                                                    first
                                                                                            .powerFactors())
                                                                            ? "power factors"
                                                                            : null;
            if (differs == null) {
                for (int i = 0; i < first.peers().size() && differs == null; i++) {
                    if (!Objects.equals(
                            m.peers().get(i).chpRegion(), first.peers().get(i).chpRegion())) {
                        differs = "chpRegion of peer " + first.peers().get(i).id();
                    }
                }
            }
            if (differs != null) {
                throw new IllegalArgumentException(
                        "market "
                                + market.name()
                                + ": period "
                                + t
                                + " differs from period 0 in its "
                                + differs
                                + ", which case format version 2 holds once for the whole horizon (only power and heat bounds and costs"
                                + " are series); Maybe model the difference with series bounds instead");
            }
        }
    }

    private static void network(JsonOut out, Network n) {
        out.field("network").startObject();
        out.field("nominalVoltageKv", n.nominalVoltageKv());
        out.field("rootBus", n.rootBus());
        out.field("lines").startArray();
        for (Line l : n.lines()) {
            out.startObject();
            out.field("id", l.id());
            out.field("from", l.from());
            out.field("to", l.to());
            out.field("resistanceOhm", l.resistanceOhm());
            out.field("reactanceOhm", l.reactanceOhm());
            if (!Double.isNaN(l.capacityKw())) {
                out.field("capacityKw", l.capacityKw());
            }
            out.end();
        }
        out.end();
        out.end();
    }

    /**
     * One peer; {@code at(t)} is the peer in period {@code t} of {@code periods} (a version-1 case
     * has one), whose bounds and costs are written as series. {@code ramp}, {@code windows} and
     * {@code storage} are written when not {@code null} (version 2 only).
     */
    private static void peer(
            JsonOut out,
            Peer p,
            PowerFactor pf,
            IntFunction<Peer> at,
            int periods,
            Ramp ramp,
            List<EnergyWindow> windows,
            Storage storage) {
        out.startObject();
        out.field("id", p.id().value());
        if (p.bus() != null) {
            out.field("bus", p.bus());
        }
        out.field("role", p.role().caseName());
        injection(
                out,
                "power",
                t -> at.apply(t).power(),
                periods,
                o -> {
                    if (ramp != null) {
                        ramp(o, ramp);
                    }
                    if (windows != null && !windows.isEmpty()) {
                        windows(o, windows);
                    }
                });
        if (pf.value() != 1.0) {
            if (pf.lagging()) {
                out.field("powerFactor", pf.value());
            } else {
                out.field("powerFactor").startObject();
                out.field("value", pf.value());
                out.field("sense", "leading");
                out.end();
            }
        }
        if (p.heat() != null) {
            injection(out, "heat", t -> at.apply(t).heat(), periods, o -> {});
        }
        if (p.chpRegion() != null) {
            out.field("chpRegion").startArray();
            for (HeatPowerPoint v : p.chpRegion().vertices()) {
                out.startArray().number(v.heat()).number(v.power()).end();
            }
            out.end();
        }
        if (storage != null) {
            storage(out, storage, periods);
        }
        out.end();
    }

    /**
     * A {@code power} or {@code heat} block; each number a series over the periods, {@code extra}
     * after the cost.
     */
    private static void injection(
            JsonOut out,
            String key,
            IntFunction<Injection> at,
            int periods,
            java.util.function.Consumer<JsonOut> extra) {
        out.field(key).startObject();
        series(out, "min", t -> at.apply(t).min(), periods);
        series(out, "max", t -> at.apply(t).max(), periods);
        out.field("cost").startObject();
        series(out, "a", t -> at.apply(t).cost().a(), periods);
        series(out, "b", t -> at.apply(t).cost().b(), periods);
        series(out, "c", t -> at.apply(t).cost().c(), periods);
        out.end();
        extra.accept(out);
        out.end();
    }

    /**
     * Member {@code key}: one number when {@code at(t)} is the same in every period, else an array
     * of one number per period.
     */
    private static void series(JsonOut out, String key, IntToDoubleFunction at, int periods) {
        double first = at.applyAsDouble(0);
        boolean constant = true;
        for (int t = 1; t < periods && constant; t++) {
            constant = Double.compare(at.applyAsDouble(t), first) == 0;
        }
        if (constant) {
            out.field(key, first);
            return;
        }
        out.field(key).startArray();
        for (int t = 0; t < periods; t++) {
            out.number(at.applyAsDouble(t));
        }
        out.end();
    }

    private static void ramp(JsonOut out, Ramp r) {
        out.field("ramp").startObject();
        if (r.limitsUp()) {
            out.field("upKw", r.upKw());
        }
        if (r.limitsDown()) {
            out.field("downKw", r.downKw());
        }
        if (r.hasInitial()) {
            out.field("initialKw", r.initialKw());
        }
        out.end();
    }

    private static void windows(JsonOut out, List<EnergyWindow> windows) {
        out.field("energy").startArray();
        for (EnergyWindow w : windows) {
            out.startObject();
            out.field("from").number((long) w.from());
            out.field("to").number((long) w.to());
            if (w.hasMin()) {
                out.field("minKwh", w.minKwh());
            }
            if (w.hasMax()) {
                out.field("maxKwh", w.maxKwh());
            }
            out.end();
        }
        out.end();
    }

    private static void storage(JsonOut out, Storage s, int periods) {
        out.field("storage").startObject();
        out.field("capacityKwh", s.capacityKwh());
        out.field("minKwh", s.minKwh());
        out.field("initialKwh", s.initialKwh());
        series(out, "chargeKw", s.chargeKw()::at, periods);
        series(out, "dischargeKw", s.dischargeKw()::at, periods);
        out.field("chargeEfficiency", s.chargeEfficiency());
        out.field("dischargeEfficiency", s.dischargeEfficiency());
        out.field("standingLossPerHour", s.standingLossPerHour());
        series(out, "usageKwh", s.usageKwh()::at, periods);
        if (!s.targets().isEmpty()) {
            out.field("targets").startArray();
            for (StorageTarget target : s.targets()) {
                out.startObject();
                out.field("period").number((long) target.period());
                out.field("minKwh", target.minKwh());
                out.end();
            }
            out.end();
        }
        out.field("throughputCost", s.throughputCost());
        out.end();
    }

    private static void resistance(JsonOut out, ResistancePenalty r) {
        out.field("resistance").startObject();
        out.field("alpha", r.alpha());
        perPeer(out, r.sortedPerPeer());
        out.end();
    }

    private static void congestion(JsonOut out, CongestionPenalty c) {
        out.field("congestion").startObject();
        out.field("beta", c.beta());
        if (c.autoLines()) {
            out.field("lines", "auto");
        } else {
            out.field("lines").startArray();
            c.lines().forEach(out::string);
            out.end();
        }
        perPeer(out, c.sortedPerPeer());
        out.end();
    }

    private static void perPeer(JsonOut out, Map<PeerId, Double> values) {
        out.field("perPeer").startObject();
        values.forEach((peer, v) -> out.field(peer.value(), v));
        out.end();
    }
}
