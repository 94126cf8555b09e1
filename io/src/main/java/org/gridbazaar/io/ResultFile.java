package org.gridbazaar.io;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gridbazaar.result.Status;

/**
 * The content of a result file ({@code p2p-market-result/1}) as read by {@link ResultReader}: a
 * plain immutable view keyed by the file's ids, for tests and tools that consume results. Numbers
 * that the file gives as {@code null} or leaves out are {@code NaN} here.
 *
 * @param caseName the {@code case} field: the market's name
 * @param status why the solver stopped
 * @param objective total cost in $, {@code NaN} when the file has {@code null} (no solution)
 * @param peers set-points, in file order
 * @param trades power trades, seller to buyer, quantity in kW
 * @param heatTrades heat trades, seller to buyer, quantity in kW thermal
 * @param network network quantities, when the file has them
 * @param solver solver statistics
 */
public record ResultFile(
        String caseName,
        Status status,
        double objective,
        List<PeerRow> peers,
        List<TradeRow> trades,
        List<TradeRow> heatTrades,
        Optional<NetworkRow> network,
        SolverRow solver) {

    public ResultFile {
        Objects.requireNonNull(status, "status");
        peers = List.copyOf(peers);
        trades = List.copyOf(trades);
        heatTrades = List.copyOf(heatTrades);
        Objects.requireNonNull(network, "network");
    }

    /** The row of peer {@code id}, if present. */
    public Optional<PeerRow> peer(String id) {
        return peers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * A peer's set-point.
     *
     * @param id peer id
     * @param power net power injection, kW (positive sells)
     * @param heat net heat injection, kW thermal, {@code NaN} when the peer has no heat side
     * @param price marginal cost at the set-point, $/kW
     * @param heatPrice the optional {@code heatPrice} extension: marginal heat cost at the
     *     set-point, $/kW thermal; {@code NaN} when the file has none (a peer without heat)
     * @param cost the optional {@code cost} extension: the peer's own cost at its set-point in $
     *     (power and heat, without penalties and preferences); {@code NaN} when the file has none
     */
    public record PeerRow(
            String id, double power, double heat, double price, double heatPrice, double cost) {

        /** A row without the extensions ({@code heatPrice} and {@code cost} are {@code NaN}). */
        public PeerRow(String id, double power, double heat, double price) {
            this(id, power, heat, price, Double.NaN, Double.NaN);
        }
    }

    /**
     * A trade, seller to buyer.
     *
     * @param seller seller id
     * @param buyer buyer id
     * @param quantity traded power (kW) or heat (kW thermal), positive
     * @param price clearing price, $/kW; with a congestion charge, what the seller receives
     * @param congestionCharge the optional {@code congestionCharge} extension of a power trade:
     *     what the buyer pays per kW on top of {@code price} when line limits were enforced, $/kW;
     *     {@code NaN} when the file has none
     */
    public record TradeRow(
            String seller, String buyer, double quantity, double price, double congestionCharge) {

        /** A row without a congestion charge ({@code congestionCharge} is {@code NaN}). */
        public TradeRow(String seller, String buyer, double quantity, double price) {
            this(seller, buyer, quantity, price, Double.NaN);
        }

        /** Whether the file gives this trade a congestion charge. */
        public boolean hasCongestionCharge() {
            return !Double.isNaN(congestionCharge);
        }

        /**
         * What the buyer pays per kW: {@code price} plus the congestion charge when there is one,
         * $/kW.
         */
        public double buyerPrice() {
            return hasCongestionCharge() ? price + congestionCharge : price;
        }
    }

    /**
     * Network quantities.
     *
     * @param lineFlows flow on each line
     * @param lossesKw loss estimate, kW
     * @param congestedLines lines over capacity
     * @param penalizedLines lines the congestion penalty used
     * @param ac the optional {@code ac} extension: the AC power flow of the set-points, or {@code
     *     null} when the file has none (see {@link #acPowerFlow()})
     */
    public record NetworkRow(
            List<LineFlowRow> lineFlows,
            double lossesKw,
            List<String> congestedLines,
            List<String> penalizedLines,
            AcRow ac) {
        public NetworkRow {
            lineFlows = List.copyOf(lineFlows);
            congestedLines = List.copyOf(congestedLines);
            penalizedLines = List.copyOf(penalizedLines);
        }

        /** Network quantities without an AC power flow. */
        public NetworkRow(
                List<LineFlowRow> lineFlows,
                double lossesKw,
                List<String> congestedLines,
                List<String> penalizedLines) {
            this(lineFlows, lossesKw, congestedLines, penalizedLines, null);
        }

        /** The AC power flow, when the file has one. */
        public Optional<AcRow> acPowerFlow() {
            return Optional.ofNullable(ac);
        }
    }

    /**
     * The AC power flow of the set-points (the {@code ac} extension): backward/forward sweep on the
     * radial feeder with reactive power from the peers' power factors. A sweep that did not
     * converge has only {@code converged}: its numbers are {@code NaN}, its buses {@code null} and
     * its violations empty.
     *
     * @param converged whether the sweep converged
     * @param lossesKw active losses, kW
     * @param lossesKvar reactive losses, kvar
     * @param minVoltagePu lowest bus voltage magnitude, p.u. of the nominal voltage
     * @param minVoltageBus the bus where it occurs
     * @param maxVoltagePu highest bus voltage magnitude, p.u.
     * @param maxVoltageBus the bus where it occurs, {@code null} when the file does not name it
     * @param voltageViolations buses outside 0.95-1.05 p.u., in the file's order
     */
    public record AcRow(
            boolean converged,
            double lossesKw,
            double lossesKvar,
            double minVoltagePu,
            String minVoltageBus,
            double maxVoltagePu,
            String maxVoltageBus,
            List<String> voltageViolations) {
        public AcRow {
            voltageViolations = List.copyOf(voltageViolations);
        }
    }

    /**
     * The flow on one line.
     *
     * @param id line id
     * @param flowKw flow, kW, positive from the line's {@code from} bus to its {@code to} bus
     * @param loadingPercent {@code 100*|flow|/capacity}, {@code NaN} for a line without capacity
     * @param shadowPrice the optional {@code shadowPrice} extension: the multiplier of the line's
     *     capacity limit in $/kW, positive when the limit binds in the {@code from -> to}
     *     direction, negative in the other, 0 when it does not bind; {@code NaN} when the file has
     *     none (capacities not enforced as hard constraints)
     */
    public record LineFlowRow(String id, double flowKw, double loadingPercent, double shadowPrice) {

        /** A row without a shadow price ({@code shadowPrice} is {@code NaN}). */
        public LineFlowRow(String id, double flowKw, double loadingPercent) {
            this(id, flowKw, loadingPercent, Double.NaN);
        }

        /** Whether the file gives this line a shadow price. */
        public boolean hasShadowPrice() {
            return !Double.isNaN(shadowPrice);
        }
    }

    /**
     * Solver statistics.
     *
     * @param name solver name
     * @param iterations iterations
     * @param seconds wall time, s
     * @param primalResidual primal residual, {@code NaN} when not given
     * @param dualResidual dual residual, {@code NaN} when not given
     */
    public record SolverRow(
            String name,
            int iterations,
            double seconds,
            double primalResidual,
            double dualResidual) {}
}
