package org.gridbazaar.result;

import java.util.List;
import java.util.Optional;

/**
 * Network quantities of a cleared grid-aware market.
 *
 * @param lineFlows flow on every line
 * @param lossesKw loss estimate {@code sum_l r_l F_l^2 / (1000 V^2)}, kW ({@code F_l} in kW, {@code
 *     V} in kV)
 * @param congestedLines lines whose {@code |flow|} exceeds their capacity
 * @param penalizedLines lines the congestion penalty used (listed or found by {@code auto})
 * @param ac the AC power flow of the set-points (losses, voltages, voltage violations), or {@code
 *     null} when not computed (results read back from files)
 */
public record NetworkOutcome(
        List<LineFlow> lineFlows,
        double lossesKw,
        List<String> congestedLines,
        List<String> penalizedLines,
        AcOutcome ac) {

    public NetworkOutcome {
        lineFlows = List.copyOf(lineFlows);
        congestedLines = List.copyOf(congestedLines);
        penalizedLines = List.copyOf(penalizedLines);
    }

    /** An outcome without an AC power flow. */
    public NetworkOutcome(
            List<LineFlow> lineFlows,
            double lossesKw,
            List<String> congestedLines,
            List<String> penalizedLines) {
        this(lineFlows, lossesKw, congestedLines, penalizedLines, null);
    }

    /** The AC power flow, when computed. */
    public Optional<AcOutcome> acPowerFlow() {
        return Optional.ofNullable(ac);
    }
}
