package org.gridbazaar.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gridbazaar.grid.PowerFactor;
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
        ObjectNode root = JsonOut.object();
        root.put("format", CaseReader.FORMAT);
        root.put("name", market.name());
        if (!market.description().isEmpty()) {
            root.put("description", market.description());
        }
        market.network().ifPresent(n -> root.set("network", network(n)));
        ArrayNode peers = root.putArray("peers");
        for (Peer p : market.peers()) {
            peers.add(peer(p, market.powerFactor(p.id())));
        }
        ObjectNode trading = root.putObject("trading");
        if (market.trading() instanceof Trading.Pairs pairs) {
            ArrayNode list = trading.putArray("pairs");
            for (PeerPair pair : pairs.pairs()) {
                list.addArray().add(pair.first().value()).add(pair.second().value());
            }
        } else {
            trading.put("partners", "opposite-roles");
        }
        if (!market.preferences().isEmpty()) {
            ArrayNode prefs = root.putArray("preferences");
            for (Preference pref : market.preferences()) {
                ObjectNode o = prefs.addObject();
                o.put("peer", pref.peer().value());
                o.put("partner", pref.partner().value());
                o.set("cost", JsonOut.number(pref.cost()));
            }
        }
        if (market.resistancePenalty().isPresent() || market.congestionPenalty().isPresent()) {
            ObjectNode penalties = root.putObject("penalties");
            market.resistancePenalty().ifPresent(r -> penalties.set("resistance", resistance(r)));
            market.congestionPenalty().ifPresent(c -> penalties.set("congestion", congestion(c)));
        }
        return JsonOut.print(root);
    }

    /** Writes the case file of {@code market} to {@code file} (UTF-8), replacing it if it exists. */
    public static void write(Market market, Path file) {
        try {
            Files.writeString(file, write(market));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode network(Network n) {
        ObjectNode o = JsonOut.object();
        o.set("nominalVoltageKv", JsonOut.number(n.nominalVoltageKv()));
        o.put("rootBus", n.rootBus());
        ArrayNode lines = o.putArray("lines");
        for (Line l : n.lines()) {
            ObjectNode line = lines.addObject();
            line.put("id", l.id());
            line.put("from", l.from());
            line.put("to", l.to());
            line.set("resistanceOhm", JsonOut.number(l.resistanceOhm()));
            line.set("reactanceOhm", JsonOut.number(l.reactanceOhm()));
            if (!Double.isNaN(l.capacityKw())) {
                line.set("capacityKw", JsonOut.number(l.capacityKw()));
            }
        }
        return o;
    }

    private static ObjectNode peer(Peer p, PowerFactor pf) {
        ObjectNode o = JsonOut.object();
        o.put("id", p.id().value());
        if (p.bus() != null) {
            o.put("bus", p.bus());
        }
        o.put("role", p.role().caseName());
        o.set("power", injection(p.power()));
        if (pf.value() != 1.0) {
            if (pf.lagging()) {
                o.set("powerFactor", JsonOut.number(pf.value()));
            } else {
                ObjectNode f = o.putObject("powerFactor");
                f.set("value", JsonOut.number(pf.value()));
                f.put("sense", "leading");
            }
        }
        if (p.heat() != null) {
            o.set("heat", injection(p.heat()));
        }
        if (p.chpRegion() != null) {
            ArrayNode region = o.putArray("chpRegion");
            for (HeatPowerPoint v : p.chpRegion().vertices()) {
                region.addArray().add(JsonOut.number(v.heat())).add(JsonOut.number(v.power()));
            }
        }
        return o;
    }

    private static ObjectNode injection(Injection inj) {
        ObjectNode o = JsonOut.object();
        o.set("min", JsonOut.number(inj.min()));
        o.set("max", JsonOut.number(inj.max()));
        ObjectNode cost = o.putObject("cost");
        cost.set("a", JsonOut.number(inj.cost().a()));
        cost.set("b", JsonOut.number(inj.cost().b()));
        cost.set("c", JsonOut.number(inj.cost().c()));
        return o;
    }

    private static ObjectNode resistance(ResistancePenalty r) {
        ObjectNode o = JsonOut.object();
        o.set("alpha", JsonOut.number(r.alpha()));
        o.set("perPeer", perPeer(r.sortedPerPeer()));
        return o;
    }

    private static ObjectNode congestion(CongestionPenalty c) {
        ObjectNode o = JsonOut.object();
        o.set("beta", JsonOut.number(c.beta()));
        if (c.autoLines()) {
            o.put("lines", "auto");
        } else {
            ArrayNode lines = o.putArray("lines");
            c.lines().forEach(lines::add);
        }
        o.set("perPeer", perPeer(c.sortedPerPeer()));
        return o;
    }

    private static ObjectNode perPeer(Map<PeerId, Double> values) {
        ObjectNode o = JsonOut.object();
        values.forEach((peer, v) -> o.set(peer.value(), JsonOut.number(v)));
        return o;
    }
}
