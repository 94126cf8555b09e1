package org.gridbazaar.io;

import java.util.List;
import java.util.Map;
import org.gridbazaar.grid.PowerFactor;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.InvalidMarketException;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.Preference;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.model.Trading;

/** A case whose shape is right: the values {@link Market.Builder} is given, in file order. */
record CaseShape(
        String name,
        String description,
        Network network,
        List<Peer> peers,
        Map<String, PowerFactor> powerFactors,
        Trading trading,
        List<Preference> preferences,
        ResistancePenalty resistance,
        CongestionPenalty congestion) {

    /** The same case with other peers (those of one period of a market over time). */
    CaseShape withPeers(List<Peer> newPeers) {
        return new CaseShape(
                name,
                description,
                network,
                newPeers,
                powerFactors,
                trading,
                preferences,
                resistance,
                congestion);
    }

    /** The market, checked against the market rules by {@link Market.Builder#build()}. */
    Market build(String sourceName) {
        Market.Builder b =
                Market.builder(name)
                        .description(description)
                        .trading(trading)
                        .network(network)
                        .resistancePenalty(resistance)
                        .congestionPenalty(congestion);
        for (Peer peer : peers) {
            b.peer(peer);
        }
        for (Map.Entry<String, PowerFactor> pf : powerFactors.entrySet()) {
            b.powerFactor(pf.getKey(), pf.getValue());
        }
        for (Preference preference : preferences) {
            b.preference(preference);
        }
        try {
            return b.build();
        } catch (InvalidMarketException e) {
            throw new CaseFormatException(sourceName, e.violations());
        }
    }
}
