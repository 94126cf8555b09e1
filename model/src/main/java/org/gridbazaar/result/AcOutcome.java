package org.gridbazaar.result;

import java.util.List;

/**
 * The AC power flow of a cleared market's set-points (backward/forward sweep on the radial feeder,
 * reactive power from each peer's power factor, unity where none is given).
 *
 * @param converged whether the sweep converged; when false the other values are the last iterate
 * @param lossesKw active losses, kW
 * @param lossesKvar reactive losses, kvar
 * @param minVoltagePu lowest bus voltage magnitude, p.u. of the nominal voltage
 * @param minVoltageBus the bus where it occurs
 * @param maxVoltagePu highest bus voltage magnitude, p.u.
 * @param voltageViolations buses outside [{@link #MIN_VOLTAGE_PU}, {@link #MAX_VOLTAGE_PU}], in bus
 *     order
 * @param maxVoltageBus the bus where the highest voltage occurs, or {@code null} when not known
 */
public record AcOutcome(
        boolean converged,
        double lossesKw,
        double lossesKvar,
        double minVoltagePu,
        String minVoltageBus,
        double maxVoltagePu,
        List<String> voltageViolations,
        String maxVoltageBus) {

    /** Lower end of the voltage band, p.u. */
    public static final double MIN_VOLTAGE_PU = 0.95;

    /** Upper end of the voltage band, p.u. */
    public static final double MAX_VOLTAGE_PU = 1.05;

    /** Copies the list. */
    public AcOutcome {
        voltageViolations = List.copyOf(voltageViolations);
    }

    /**
     * An outcome that does not name the bus of the highest voltage ({@code maxVoltageBus} is {@code
     * null}).
     */
    public AcOutcome(
            boolean converged,
            double lossesKw,
            double lossesKvar,
            double minVoltagePu,
            String minVoltageBus,
            double maxVoltagePu,
            List<String> voltageViolations) {
        this(
                converged,
                lossesKw,
                lossesKvar,
                minVoltagePu,
                minVoltageBus,
                maxVoltagePu,
                voltageViolations,
                null);
    }
}
