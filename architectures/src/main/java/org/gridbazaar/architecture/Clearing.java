package org.gridbazaar.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityOutcome;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;

/**
 * One clearing of an {@link ArchitectureMarket}: the result of every period, the objective, how it
 * was reached (solver, rounds, messages), and what follows from it: community prices and grid
 * exchange, bills.
 *
 * @param design the design cleared
 * @param periods the result of each period (one for a single-period population), keyed by the
 *     expanded market's ids; prices in $/kWh
 * @param objective the total cost over the horizon, $: every peer's cost, the import tariff times
 *     the import minus the export tariff times the export, and the managers' and peers' preference
 *     terms (autonomy costs, margins); {@code NaN} without a solution
 * @param status why the solver stopped
 * @param solver the solver's statistics (for a distributed clearing its rounds)
 * @param messages messages exchanged between agents ({@link Messages#NONE} for a centralized
 *     solver)
 */
public record Clearing(
        ArchitectureMarket design,
        List<MarketResult> periods,
        double objective,
        Status status,
        SolverStats solver,
        Messages messages) {

    public Clearing {
        Objects.requireNonNull(design, "design");
        periods = List.copyOf(periods);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(messages, "messages");
    }

    /**
     * What agents sent each other: {@code rounds} of exchange, {@code messages} in all and {@code
     * bytes} of payload (for price coordination, the CBOR size of every message value, see {@link
     * org.gridbazaar.architecture.coordination.CoordinationCodec}; no transport envelopes).
     */
    public record Messages(int rounds, long messages, long bytes) {
        /** No exchange: a centralized clearing. */
        public static final Messages NONE = new Messages(0, 0, 0);
    }

    /** Hours per period. */
    public double hours() {
        return design.population().hoursPerPeriod();
    }

    /** Whether the clearing has a solution. */
    public boolean hasSolution() {
        return status.hasSolution() && !Double.isNaN(objective);
    }

    /** Peer {@code id}'s power in period {@code t}, kW. */
    public double power(String id, int t) {
        return periods.get(t).power(id);
    }

    /** Grid import in period {@code t}, kW ({@code >= 0}). */
    public double importKw(int t) {
        return Math.max(0, periods.get(t).power(ArchitectureMarket.GRID_IMPORT));
    }

    /** Grid export in period {@code t}, kW ({@code >= 0}). */
    public double exportKw(int t) {
        return Math.max(0, -periods.get(t).power(ArchitectureMarket.GRID_EXPORT));
    }

    /** Energy imported over the horizon, kWh. */
    public double importKwh() {
        double e = 0;
        for (int t = 0; t < periods.size(); t++) {
            e += importKw(t) * hours();
        }
        return e;
    }

    /** Energy exported over the horizon, kWh. */
    public double exportKwh() {
        double e = 0;
        for (int t = 0; t < periods.size(); t++) {
            e += exportKw(t) * hours();
        }
        return e;
    }

    /** The largest import of any period, kW. */
    public double peakImportKw() {
        double peak = 0;
        for (int t = 0; t < periods.size(); t++) {
            peak = Math.max(peak, importKw(t));
        }
        return peak;
    }

    /**
     * Each community's price and grid exchange in period {@code t}. The price is the price of the
     * trades between the community's coordinator and its members ({@code NaN} when none trades; the
     * price of its trades with the grid then, if any). Import and export are the coordinator's
     * trades with the grid agents. In the pool every community reports the operator's price and the
     * whole pool's exchange; full P2P has no coordinators, so no outcomes.
     */
    public List<CommunityOutcome> communities(int t) {
        List<CommunityOutcome> out = new ArrayList<>();
        if (!design.hasCoordinators() || !hasSolution()) {
            return out;
        }
        MarketResult r = periods.get(t);
        for (Community c : design.population().communities()) {
            PeerId k = design.coordinator(c.id()).orElseThrow();
            double price = Double.NaN, gridPrice = Double.NaN, in = 0, ex = 0;
            for (Trade tr : r.trades()) {
                boolean seller = tr.seller().equals(k), buyer = tr.buyer().equals(k);
                if (!seller && !buyer) {
                    continue;
                }
                PeerId other = seller ? tr.buyer() : tr.seller();
                if (other.value().equals(ArchitectureMarket.GRID_IMPORT)) {
                    in += tr.quantity();
                    gridPrice = tr.price();
                } else if (other.value().equals(ArchitectureMarket.GRID_EXPORT)) {
                    ex += tr.quantity();
                    gridPrice = tr.price();
                } else if (c.members().contains(other)
                        && Double.isNaN(price)
                        && tr.quantity() > 0) {
                    price = tr.price();
                }
            }
            out.add(new CommunityOutcome(c.id(), Double.isNaN(price) ? gridPrice : price, in, ex));
        }
        return out;
    }

    /** Every participant's bill. */
    public Bills bills() {
        return Bills.of(design, hasSolution() ? periods : List.of(), hours());
    }

    /**
     * Peer {@code id}'s total cost, $: its own cost over the horizon ({@link PeerOutcome#cost()},
     * without preference terms) plus its bill's net payment.
     */
    public double peerCost(String id) {
        double own = 0;
        for (MarketResult r : periods) {
            own += r.peer(PeerId.of(id)).map(PeerOutcome::cost).orElse(Double.NaN) * hours();
        }
        return own + bills().of(id).orElseThrow().net();
    }

    /** The population's peers, in declaration order. */
    public List<Peer> peers() {
        return design.population().period(0).peers();
    }
}
