package org.gridbazaar.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Trade;

/**
 * The human-readable summary of a market cleared over time, printed by {@code gridbazaar solve} for
 * a version-2 case: status, objective and solver statistics, one line per period (energy traded,
 * range of trade prices, the largest seller and buyer, network losses) and one line per storage
 * unit (its least, largest and final energy, and the energy it charged and discharged).
 */
public final class HorizonSummary {

    /** Periods shown at most; the rest are in the result file. */
    public static final int MAX_PERIOD_ROWS = 96;

    /** Storage units shown at most. */
    public static final int MAX_STORAGE_ROWS = 50;

    private HorizonSummary() {}

    /** The summary's lines. */
    public static List<String> lines(MultiPeriodMarket market, MultiPeriodResult result) {
        List<String> out = new ArrayList<>();
        out.add(
                "case:      "
                        + result.caseName()
                        + " ("
                        + market.peers().size()
                        + " peers, "
                        + market.periodCount()
                        + " periods of "
                        + number(market.hoursPerPeriod())
                        + " h, "
                        + market.storage().size()
                        + " storage units, "
                        + market.ramps().size()
                        + " ramp-limited, "
                        + market.energyWindows().size()
                        + " with energy windows"
                        + (market.period(0).network().isPresent() ? ", network" : "")
                        + ")");
        Summary.statusLines(result.termination(), result.objective(), result.solver(), out);
        if (result.periodCount() == 0) {
            return out;
        }
        out.add("");
        out.add("periods:");
        TextTable periods =
                new TextTable(
                        List.of(
                                "period",
                                "traded kWh",
                                "price $/kWh",
                                "largest seller",
                                "largest buyer",
                                "losses kW"),
                        0);
        for (int p = 0; p < Math.min(result.periodCount(), MAX_PERIOD_ROWS); p++) {
            MarketResult r = result.period(p);
            double traded = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (Trade tr : r.trades()) {
                traded += tr.quantity() * market.hoursPerPeriod();
                lo = Math.min(lo, tr.price());
                hi = Math.max(hi, tr.price());
            }
            PeerOutcome seller = null, buyer = null;
            for (PeerOutcome o : r.peers()) {
                if (seller == null || o.power() > seller.power()) {
                    seller = o;
                }
                if (buyer == null || o.power() < buyer.power()) {
                    buyer = o;
                }
            }
            String prices =
                    r.trades().isEmpty()
                            ? "-"
                            : lo == hi || Math.abs(hi - lo) < 5e-5
                                    ? price(lo)
                                    : price(lo) + " .. " + price(hi);
            periods.row(
                    List.of(
                            Integer.toString(p),
                            number(traded),
                            prices,
                            seller != null && seller.power() > 0
                                    ? seller.id() + " " + number(seller.power())
                                    : "-",
                            buyer != null && buyer.power() < 0
                                    ? buyer.id() + " " + number(buyer.power())
                                    : "-",
                            r.network().map(n -> number(n.lossesKw())).orElse("-")));
        }
        out.addAll(periods.lines("  "));
        if (result.periodCount() > MAX_PERIOD_ROWS) {
            out.add(
                    "  ... "
                            + (result.periodCount() - MAX_PERIOD_ROWS)
                            + " more periods in the result file");
        }
        if (!result.storage().isEmpty()) {
            out.add("");
            out.add("storage:");
            TextTable units =
                    new TextTable(
                            List.of(
                                    "peer",
                                    "least kWh",
                                    "largest kWh",
                                    "final kWh",
                                    "charged kWh",
                                    "discharged kWh"),
                            1);
            for (StorageOutcome u :
                    result.storage()
                            .subList(0, Math.min(result.storage().size(), MAX_STORAGE_ROWS))) {
                double least = Double.POSITIVE_INFINITY,
                        most = Double.NEGATIVE_INFINITY,
                        charged = 0,
                        discharged = 0;
                for (int p = 0; p < u.periods(); p++) {
                    least = Math.min(least, u.energyKwh(p));
                    most = Math.max(most, u.energyKwh(p));
                    charged += u.chargeKw(p) * market.hoursPerPeriod();
                    discharged += u.dischargeKw(p) * market.hoursPerPeriod();
                }
                units.row(
                        List.of(
                                u.id().value(),
                                number(least),
                                number(most),
                                number(u.energyKwh(u.periods() - 1)),
                                number(charged),
                                number(discharged)));
            }
            out.addAll(units.lines("  "));
            if (result.storage().size() > MAX_STORAGE_ROWS) {
                out.add(
                        "  ... "
                                + (result.storage().size() - MAX_STORAGE_ROWS)
                                + " more storage units in the result file");
            }
        }
        return out;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String price(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
