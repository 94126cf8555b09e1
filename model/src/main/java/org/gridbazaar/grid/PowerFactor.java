package org.gridbazaar.grid;

/**
 * A power factor with its sense, to derive reactive power from active power.
 *
 * <p>Sign convention: {@code Q = s * P * tan(acos(pf))} with {@code s = +1} for a lagging and
 * {@code s = -1} for a leading power factor, where {@code P} and {@code Q} are taken in the same
 * direction (both injections, or both consumptions). "Lagging" thus means the reactive power has
 * the same sign as the active power: an inductive load that absorbs vars while it absorbs watts, or
 * an over-excited generator that delivers vars while it delivers watts. In the injection convention
 * of {@link AcPowerFlow} (positive into the network), a 100 kW load at 0.9 lagging is {@code P =
 * -100 kW}, {@code Q = -48.4 kvar}.
 *
 * @param value the power factor {@code cos(phi)}, in {@code (0, 1]}
 * @param lagging true for lagging (Q with the sign of P), false for leading (Q opposite to P)
 */
public record PowerFactor(double value, boolean lagging) {

    /** Unity power factor: no reactive power. */
    public static final PowerFactor UNITY = new PowerFactor(1.0, true);

    /**
     * Validates the factor.
     *
     * @throws IllegalArgumentException when {@code value} is not in {@code (0, 1]}
     */
    public PowerFactor {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    "power factor must be in (0, 1], got "
                            + value
                            + "; maybe give a fraction, not a percentage, and the sense through lagging(...) or leading(...)");
        }
    }

    /** A lagging power factor: reactive power with the same sign as active power. */
    public static PowerFactor lagging(double value) {
        return new PowerFactor(value, true);
    }

    /** A leading power factor: reactive power with the sign opposite to active power. */
    public static PowerFactor leading(double value) {
        return new PowerFactor(value, false);
    }

    /**
     * The reactive power {@code Q = ±P * tan(acos(pf))} (kvar, + when lagging) for active power
     * {@code P} in kW, in the same direction convention as {@code P}. Zero when {@code P} is zero,
     * whatever the factor. The ratio {@code tan(acos(pf))} grows as {@code 1/pf}: a market accepts
     * factors down to {@code org.gridbazaar.model.Market#MIN_POWER_FACTOR} (0.01, a ratio of about
     * 100), where {@code Q} stays finite for every bound a market allows; for factors below about
     * {@code 1e-308} the ratio itself is infinite, and so is {@code Q} for any non-zero {@code P}.
     */
    public double reactiveKvar(double activeKw) {
        if (activeKw == 0 || value == 1) {
            return 0;
        }
        double tan = Math.sqrt((1 - value) * (1 + value)) / value;
        return (lagging ? 1 : -1) * activeKw * tan;
    }
}
