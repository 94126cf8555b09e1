package org.gridbazaar.result;

import java.util.List;

/**
 * Network quantities of a cleared grid-aware market.
 *
 * @param lineFlows      flow on every line
 * @param lossesKw       loss estimate {@code sum_l r_l F_l^2 / (1000 V^2)}, kW ({@code F_l} in kW, {@code V} in kV)
 * @param congestedLines lines whose {@code |flow|} exceeds their capacity
 * @param penalizedLines lines the congestion penalty used (listed or found by {@code auto})
 */
public record NetworkOutcome(List<LineFlow> lineFlows, double lossesKw, List<String> congestedLines, List<String> penalizedLines) {

    public NetworkOutcome {
        lineFlows = List.copyOf(lineFlows);
        congestedLines = List.copyOf(congestedLines);
        penalizedLines = List.copyOf(penalizedLines);
    }
}
