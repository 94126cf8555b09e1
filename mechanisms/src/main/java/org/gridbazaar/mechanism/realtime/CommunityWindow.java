package org.gridbazaar.mechanism.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.model.Trading;

/**
 * A community's market over the look-ahead of one period of the loop, starting from the energy its
 * storage holds, and the grid connection added to it. Why a class: the loop, the tariff response
 * and the tests build the same windows.
 */
final class CommunityWindow {

    private CommunityWindow() {}

    /**
     * The community's market over periods {@code start .. end-1} of its day, each storage unit
     * starting from {@code energyKwh} (by member id; the unit's initial energy when absent) and
     * keeping the targets that fall in the window, moved to the window's periods.
     */
    static MultiPeriodMarket window(
            Community community, int start, int end, Map<String, Double> energyKwh) {
        MultiPeriodMarket day = community.day();
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(day.name(), Horizon.of(end - start, day.hoursPerPeriod()))
                        .periods(t -> day.period(start + t));
        for (Map.Entry<PeerId, Storage> e : day.storage().entrySet()) {
            Storage s = e.getValue();
            double initial = energyKwh.getOrDefault(e.getKey().value(), s.initialKwh());
            // the dispatch keeps energy within its bounds up to the solver's accuracy: clip the
            // rounding
            initial = Math.min(s.capacityKwh(), Math.max(s.minKwh(), initial));
            Storage.Builder sb =
                    Storage.builder(s.capacityKwh(), initial)
                            .minKwh(s.minKwh())
                            .chargeKw(slice(s.chargeKw(), start, end))
                            .dischargeKw(slice(s.dischargeKw(), start, end))
                            .usageKwh(slice(s.usageKwh(), start, end))
                            .efficiencies(s.chargeEfficiency(), s.dischargeEfficiency())
                            .standingLossPerHour(s.standingLossPerHour())
                            .throughputCost(s.throughputCost());
            for (StorageTarget target : s.targets()) {
                if (target.period() >= start && target.period() < end) {
                    sb.target(target.period() - start, target.minKwh());
                }
            }
            b.storage(e.getKey().value(), sb.build());
        }
        return b.build();
    }

    private static Series slice(Series s, int start, int end) {
        if (s.isConstant()) {
            return s;
        }
        double[] out = new double[end - start];
        for (int t = start; t < end; t++) {
            out[t - start] = s.at(t);
        }
        return Series.of(out);
    }

    /**
     * {@code period} with one more prosumer {@code id} of power in {@code [minKw, maxKw]} and
     * linear cost {@code price} $/kWh, allowed to trade with every member when the market lists its
     * pairs.
     */
    static Market withConnection(
            Market period, String id, double minKw, double maxKw, double price) {
        Market.Builder b =
                period.toBuilder().prosumer(id, minKw, maxKw, QuadraticCost.linear(price));
        if (period.trading() instanceof Trading.Pairs pairs) {
            List<PeerPair> all = new ArrayList<>(pairs.pairs());
            for (Peer peer : period.peers()) {
                all.add(PeerPair.of(id, peer.id().value()));
            }
            b.tradingPairs(all);
        }
        return b.build();
    }
}
