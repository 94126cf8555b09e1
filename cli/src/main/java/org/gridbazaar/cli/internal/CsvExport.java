package org.gridbazaar.cli.internal;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Trade;

/**
 * Writes a result over time as three CSV files (RFC 4180, a header row, one row per period and
 * item) for spreadsheets and pandas:
 *
 * <ul>
 *   <li>{@code peers.csv}: {@code period, peer, power_kw, heat_kw, price_per_kwh, cost} (net power,
 *       positive when selling; heat empty for peers without heat; cost: the peer's own cost in the
 *       period, $, its hourly cost times the period length, as the result file's {@code cost});
 *   <li>{@code trades.csv}: {@code period, seller, buyer, commodity, power_kw, price_per_kwh};
 *   <li>{@code storage.csv}: {@code period, peer, charge_kw, discharge_kw, energy_kwh}.
 * </ul>
 *
 * A result without a solution gives the three files with their headers only.
 */
public final class CsvExport {

    /** The files written, in the directory given. */
    public static final List<String> FILES = List.of("peers.csv", "trades.csv", "storage.csv");

    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvExport() {}

    /** Writes the three files into {@code dir}, which must exist. */
    public static void write(Path dir, MultiPeriodResult result) throws IOException {
        List<List<Object>> peers = new ArrayList<>(),
                trades = new ArrayList<>(),
                storage = new ArrayList<>();
        for (int t = 0; t < result.periodCount(); t++) {
            MarketResult r = result.period(t);
            for (PeerOutcome p : r.peers()) {
                peers.add(
                        List.of(
                                t,
                                p.id().value(),
                                p.power(),
                                Double.isNaN(p.heat()) ? "" : p.heat(),
                                p.price(),
                                p.cost() * result.hoursPerPeriod()));
            }
            for (Trade tr : r.trades()) {
                trades.add(
                        List.of(
                                t,
                                tr.seller().value(),
                                tr.buyer().value(),
                                "power",
                                tr.quantity(),
                                tr.price()));
            }
            for (Trade tr : r.heatTrades()) {
                trades.add(
                        List.of(
                                t,
                                tr.seller().value(),
                                tr.buyer().value(),
                                "heat",
                                tr.quantity(),
                                tr.price()));
            }
        }
        for (StorageOutcome s : result.storage()) {
            for (int t = 0; t < s.periods(); t++) {
                storage.add(
                        List.of(
                                t,
                                s.id().value(),
                                s.chargeKw(t),
                                s.dischargeKw(t),
                                s.energyKwh(t)));
            }
        }
        write(
                dir.resolve("peers.csv"),
                List.of("period", "peer", "power_kw", "heat_kw", "price_per_kwh", "cost"),
                peers);
        write(
                dir.resolve("trades.csv"),
                List.of("period", "seller", "buyer", "commodity", "power_kw", "price_per_kwh"),
                trades);
        write(
                dir.resolve("storage.csv"),
                List.of("period", "peer", "charge_kw", "discharge_kw", "energy_kwh"),
                storage);
    }

    private static void write(Path file, List<String> header, List<List<Object>> rows)
            throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (SequenceWriter w =
                MAPPER.writerFor(List.class)
                        .with(schema.build().withHeader())
                        .writeValues(tmp.toFile())) {
            for (List<Object> row : rows) {
                w.write(row);
            }
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
