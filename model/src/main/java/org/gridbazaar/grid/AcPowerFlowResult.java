package org.gridbazaar.grid;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The solution of an {@link AcPowerFlow}: bus voltages, line flows at both ends, losses and the
 * power the grid supplies at the root. Three-phase totals (kW, kvar), line-to-line voltages (kV).
 *
 * @param nominalVoltageKv nominal line-to-line voltage, kV; the base of the per-unit values
 * @param busVoltages one entry per bus, in {@link RadialFeeder} bus-index order (root first)
 * @param lineFlows one entry per line, in the order of {@code network().lines()}
 * @param lossesKw total active losses {@code sum_l R_l |I_l|^2}, kW (three-phase)
 * @param lossesKvar total reactive losses {@code sum_l X_l |I_l|^2}, kvar (three-phase)
 * @param rootSupplyKw active power the upstream grid delivers into the root bus, kW; negative when
 *     the feeder exports
 * @param rootSupplyKvar reactive power the upstream grid delivers into the root bus, kvar
 * @param iterations number of backward/forward sweeps performed
 * @param converged true when the last sweep changed no bus voltage by more than the tolerance;
 *     false when the iteration limit was reached or the sweep diverged (for example beyond the
 *     feeder's loadability); the values are then the last iterate, not a solution
 * @param maxVoltageChangePu the largest change of a complex bus voltage in the last sweep, p.u.
 */
public record AcPowerFlowResult(
        double nominalVoltageKv,
        List<BusVoltage> busVoltages,
        List<BranchFlow> lineFlows,
        double lossesKw,
        double lossesKvar,
        double rootSupplyKw,
        double rootSupplyKvar,
        int iterations,
        boolean converged,
        double maxVoltageChangePu) {

    /** Copies the lists. */
    public AcPowerFlowResult {
        busVoltages = List.copyOf(busVoltages);
        lineFlows = List.copyOf(lineFlows);
    }

    /**
     * The voltage of a bus.
     *
     * @throws IllegalArgumentException for an unknown bus
     */
    public BusVoltage voltage(String bus) {
        for (BusVoltage v : busVoltages) {
            if (v.bus().equals(bus)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown bus " + bus);
    }

    /**
     * The flow on a line.
     *
     * @throws IllegalArgumentException for an unknown line id
     */
    public BranchFlow lineFlow(String lineId) {
        for (BranchFlow f : lineFlows) {
            if (f.lineId().equals(lineId)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown line " + lineId);
    }

    /** The bus with the lowest voltage magnitude. */
    public BusVoltage minimumVoltage() {
        return busVoltages.stream()
                .min(Comparator.comparingDouble(BusVoltage::magnitudePu))
                .orElseThrow();
    }

    /** The bus with the highest voltage magnitude. */
    public BusVoltage maximumVoltage() {
        return busVoltages.stream()
                .max(Comparator.comparingDouble(BusVoltage::magnitudePu))
                .orElseThrow();
    }

    /**
     * The voltage of one bus.
     *
     * @param bus bus id
     * @param magnitudeKv line-to-line voltage magnitude, kV
     * @param magnitudePu voltage magnitude, per unit of the nominal voltage
     * @param angleRad voltage angle relative to the root, radians (negative downstream of loads)
     */
    public record BusVoltage(String bus, double magnitudeKv, double magnitudePu, double angleRad) {

        /** Requires a bus id. */
        public BusVoltage {
            Objects.requireNonNull(bus, "bus");
        }

        /** The voltage angle relative to the root, degrees. */
        public double angleDegrees() {
            return Math.toDegrees(angleRad);
        }
    }

    /**
     * The complex power flow on one line, at both of its ends, with the sign convention of {@link
     * RadialFeeder#lineFlows}: positive from the line's {@code from} bus to its {@code to} bus.
     * {@code fromKw} is the power entering the line at {@code from}; {@code toKw} is the power
     * leaving it at {@code to}; the difference is the line's loss. When the flow is positive {@code
     * from} is the sending end, when negative {@code to} is.
     *
     * @param lineId line id
     * @param fromKw active power into the line at its {@code from} end, kW
     * @param fromKvar reactive power into the line at its {@code from} end, kvar
     * @param toKw active power out of the line at its {@code to} end, kW
     * @param toKvar reactive power out of the line at its {@code to} end, kvar
     * @param currentA magnitude of the line (phase) current, A
     */
    public record BranchFlow(
            String lineId,
            double fromKw,
            double fromKvar,
            double toKw,
            double toKvar,
            double currentA) {

        /** Requires a line id. */
        public BranchFlow {
            Objects.requireNonNull(lineId, "lineId");
        }

        /**
         * Active power at the sending end (the end where it enters the line), signed from {@code
         * from} to {@code to}, kW.
         */
        public double sendingEndKw() {
            return Math.abs(fromKw) >= Math.abs(toKw) ? fromKw : toKw;
        }

        /**
         * Reactive power at the end where it enters the line, signed from {@code from} to {@code
         * to}, kvar.
         */
        public double sendingEndKvar() {
            return Math.abs(fromKvar) >= Math.abs(toKvar) ? fromKvar : toKvar;
        }

        /** Active loss of the line, kW ({@code R |I|^2}, three-phase). */
        public double lossKw() {
            return fromKw - toKw;
        }

        /** Reactive loss of the line, kvar ({@code X |I|^2}, three-phase). */
        public double lossKvar() {
            return fromKvar - toKvar;
        }
    }
}
