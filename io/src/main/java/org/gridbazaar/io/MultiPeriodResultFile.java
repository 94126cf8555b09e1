package org.gridbazaar.io;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gridbazaar.result.Status;

/**
 * The content of a version-2 result file ({@code p2p-market-result/2}, of a market over time) as
 * read by {@link ResultReader#readMultiPeriod}: a plain immutable view keyed by the file's ids, for
 * tests and tools that consume results. Numbers the file gives as {@code null} are {@code NaN}.
 * Power in kW (positive sells), energy in kWh, prices in $/kWh, the objective in $.
 *
 * @param caseName the {@code case} field: the market's name
 * @param status why the solver stopped
 * @param objective the horizon's objective in $, {@code NaN} when the file has {@code null} (no
 *     solution)
 * @param reason why there is no solution (the file's {@code reason}); empty when the file has none
 * @param periods one entry per period, in order (empty without a solution)
 * @param storage every storage unit's trajectory, in file order (empty without a solution)
 * @param solver solver statistics
 */
public record MultiPeriodResultFile(
        String caseName,
        Status status,
        double objective,
        String reason,
        List<PeriodRow> periods,
        List<StorageRow> storage,
        ResultFile.SolverRow solver) {

    public MultiPeriodResultFile {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        periods = List.copyOf(periods);
        storage = List.copyOf(storage);
    }

    /** The entry of period {@code t}. */
    public PeriodRow period(int t) {
        return periods.get(t);
    }

    /** The trajectory of the storage unit of peer {@code id}, if present. */
    public Optional<StorageRow> storage(String id) {
        return storage.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * What the file holds for one period: exactly what a version-1 result holds (rows as in {@link
     * ResultFile}); a peer's {@code power} is its net power {@code P_t}, prices are in $/kWh.
     *
     * @param period the period's number, {@code 0 .. periods-1}
     * @param peers set-points, in file order
     * @param trades power trades, seller to buyer, kW
     * @param heatTrades heat trades, seller to buyer, kW thermal
     * @param network network quantities, when the file has them
     */
    public record PeriodRow(
            int period,
            List<ResultFile.PeerRow> peers,
            List<ResultFile.TradeRow> trades,
            List<ResultFile.TradeRow> heatTrades,
            Optional<ResultFile.NetworkRow> network) {
        public PeriodRow {
            peers = List.copyOf(peers);
            trades = List.copyOf(trades);
            heatTrades = List.copyOf(heatTrades);
            Objects.requireNonNull(network, "network");
        }

        /** The row of peer {@code id}, if present. */
        public Optional<ResultFile.PeerRow> peer(String id) {
            return peers.stream().filter(p -> p.id().equals(id)).findFirst();
        }
    }

    /**
     * One storage unit over the horizon; the arrays have one value per period and are copied on the
     * way in and out.
     *
     * @param id the peer that owns the unit
     * @param chargeKw charge {@code c_t >= 0} per period, kW
     * @param dischargeKw discharge {@code d_t >= 0} per period, kW
     * @param energyKwh energy {@code E_t} at the end of each period, kWh
     */
    public record StorageRow(
            String id, double[] chargeKw, double[] dischargeKw, double[] energyKwh) {
        public StorageRow {
            Objects.requireNonNull(id, "id");
            chargeKw = chargeKw.clone();
            dischargeKw = dischargeKw.clone();
            energyKwh = energyKwh.clone();
        }

        @Override
        public double[] chargeKw() {
            return chargeKw.clone();
        }

        @Override
        public double[] dischargeKw() {
            return dischargeKw.clone();
        }

        @Override
        public double[] energyKwh() {
            return energyKwh.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StorageRow s
                    && id.equals(s.id)
                    && java.util.Arrays.equals(chargeKw, s.chargeKw)
                    && java.util.Arrays.equals(dischargeKw, s.dischargeKw)
                    && java.util.Arrays.equals(energyKwh, s.energyKwh);
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    id,
                    java.util.Arrays.hashCode(chargeKw),
                    java.util.Arrays.hashCode(dischargeKw),
                    java.util.Arrays.hashCode(energyKwh));
        }

        @Override
        public String toString() {
            return "StorageRow["
                    + id
                    + ", energy "
                    + java.util.Arrays.toString(energyKwh)
                    + " kWh]";
        }
    }
}
