package org.gridbazaar.model;

/**
 * A vertex of a CHP feasible region in the (heat, power) plane, both in kW.
 *
 * @param heat heat output, kW thermal
 * @param power power output, kW
 */
public record HeatPowerPoint(double heat, double power) {

    public HeatPowerPoint {
        if (!Double.isFinite(heat) || !Double.isFinite(power)) {
            throw new IllegalArgumentException(
                    "CHP vertex must be finite, got (" + heat + ", " + power + ")");
        }
    }
}
