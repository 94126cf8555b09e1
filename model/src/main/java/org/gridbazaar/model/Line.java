package org.gridbazaar.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A distribution line between two buses. {@code from} and {@code to} carry no meaning beyond the
 * sign of the reported flow (positive from {@code from} to {@code to}).
 *
 * @param id unique line identifier
 * @param from one end bus
 * @param to the other end bus
 * @param resistanceOhm series resistance, ohm, {@code >= 0}
 * @param reactanceOhm series reactance, ohm, {@code >= 0}
 * @param capacityKw thermal capacity in kW, {@code > 0}, or {@code NaN} when the line is never
 *     congested
 */
public record Line(
        String id,
        String from,
        String to,
        double resistanceOhm,
        double reactanceOhm,
        double capacityKw) {

    public Line {
        Objects.requireNonNull(id, "line id");
        Objects.requireNonNull(from, "from bus of line " + id);
        Objects.requireNonNull(to, "to bus of line " + id);
    }

    /** A line without capacity limit. */
    public static Line of(
            String id, String from, String to, double resistanceOhm, double reactanceOhm) {
        return new Line(id, from, to, resistanceOhm, reactanceOhm, Double.NaN);
    }

    /** A line with a capacity in kW. */
    public static Line of(
            String id,
            String from,
            String to,
            double resistanceOhm,
            double reactanceOhm,
            double capacityKw) {
        return new Line(id, from, to, resistanceOhm, reactanceOhm, capacityKw);
    }

    /** The capacity in kW, absent when the line is never congested. */
    public OptionalDouble capacity() {
        return Double.isNaN(capacityKw) ? OptionalDouble.empty() : OptionalDouble.of(capacityKw);
    }
}
