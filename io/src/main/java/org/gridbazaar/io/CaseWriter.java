package org.gridbazaar.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.gridbazaar.grid.PowerFactor;
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
 */
public final class CaseWriter {

    private CaseWriter() {
    }

    /** The case file text of {@code market}. */
    public static String write(Market market) {
        StringWriter text = new StringWriter();
        try (JsonOut out = JsonOut.to(text)) {
            write(market, out);
        }
        return text.toString();
    }

    /**
     * Writes the case file of {@code market} to {@code file} (UTF-8), replacing it if it exists, all
     * at once: through a temporary file in the same directory renamed over {@code file}, so an
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
            throw new UncheckedIOException("cannot write " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Streams the case file of {@code market} to {@code out} as UTF-8; {@code out} is flushed, not closed. */
    public static void write(Market market, OutputStream out) {
        try (JsonOut json = JsonOut.to(out)) {
            write(market, json);
        }
    }

    private static void write(Market market, JsonOut out) {
        out.startObject();
        out.field("format", CaseReader.FORMAT);
        out.field("name", market.name());
        if (!market.description().isEmpty()) {
            out.field("description", market.description());
        }
        market.network().ifPresent(n -> network(out, n));
        out.field("peers").startArray();
        for (Peer p : market.peers()) {
            peer(out, p, market.powerFactor(p.id()));
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

    private static void peer(JsonOut out, Peer p, PowerFactor pf) {
        out.startObject();
        out.field("id", p.id().value());
        if (p.bus() != null) {
            out.field("bus", p.bus());
        }
        out.field("role", p.role().caseName());
        injection(out, "power", p.power());
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
            injection(out, "heat", p.heat());
        }
        if (p.chpRegion() != null) {
            out.field("chpRegion").startArray();
            for (HeatPowerPoint v : p.chpRegion().vertices()) {
                out.startArray().number(v.heat()).number(v.power()).end();
            }
            out.end();
        }
        out.end();
    }

    private static void injection(JsonOut out, String key, Injection inj) {
        out.field(key).startObject();
        out.field("min", inj.min());
        out.field("max", inj.max());
        out.field("cost").startObject();
        out.field("a", inj.cost().a());
        out.field("b", inj.cost().b());
        out.field("c", inj.cost().c());
        out.end();
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
