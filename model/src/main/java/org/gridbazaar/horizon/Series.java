package org.gridbazaar.horizon;

import java.util.Arrays;

/**
 * A number given per period: either one value for every period or exactly one value per period of a
 * horizon. Immutable.
 */
public final class Series {

    private final double constant;
    private final double[] values;

    private Series(double constant, double[] values) {
        this.constant = constant;
        this.values = values;
    }

    /** The same value {@code v} in every period. */
    public static Series constant(double v) {
        return new Series(v, null);
    }

    /** One value per period, {@code values[t]} in period {@code t}. */
    public static Series of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a series needs at least one value");
        }
        return new Series(Double.NaN, values.clone());
    }

    /** Whether the series is one value for every period. */
    public boolean isConstant() {
        return values == null;
    }

    /** Number of values given: 0 for a constant series. */
    public int length() {
        return values == null ? 0 : values.length;
    }

    /** The value in period {@code t}. */
    public double at(int t) {
        return values == null ? constant : values[t];
    }

    /**
     * Whether the series fits a horizon of {@code periods} periods (constant, or exactly that many
     * values).
     */
    public boolean fits(int periods) {
        return values == null || values.length == periods;
    }

    /**
     * The index of the first value that is not finite (0 for a constant that is not), or -1 when
     * all are finite.
     */
    int firstNonFinite() {
        if (values == null) {
            return Double.isFinite(constant) ? -1 : 0;
        }
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t])) {
                return t;
            }
        }
        return -1;
    }

    /** The smallest value. */
    double min() {
        return values == null ? constant : Arrays.stream(values).min().orElse(Double.NaN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s
                && Double.compare(constant, s.constant) == 0
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(constant) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return values == null ? Double.toString(constant) : Arrays.toString(values);
    }
}
