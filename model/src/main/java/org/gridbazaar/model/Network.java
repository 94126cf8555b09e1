package org.gridbazaar.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A radial distribution network: a tree of lines rooted at the grid connection.
 *
 * <p>The buses are the root and the ends of the lines. {@link #problems()} checks that the lines
 * form one tree (connected, no loop, no line from a bus to itself, no two lines between the same
 * buses), that ids are unique and that the electrical values are in range; each message names the
 * line or bus.
 *
 * @param nominalVoltageKv nominal line-to-line voltage, kV, {@code > 0}
 * @param rootBus the bus of the grid connection
 * @param lines the lines, in any order and either direction
 */
public record Network(double nominalVoltageKv, String rootBus, List<Line> lines) {

    /** Smallest nominal voltage, kV: {@value} (1 V). */
    public static final double MIN_VOLTAGE_KV = 1e-3;

    /**
     * Largest nominal voltage, kV: {@value} (ten times the highest transmission voltage in use).
     */
    public static final double MAX_VOLTAGE_KV = 1e4;

    /**
     * Largest line resistance or reactance, ohm: {@value}. A distribution line has a few ohm; the
     * limit keeps path resistances (sums over up to millions of lines) and the penalty terms built
     * from them finite.
     */
    public static final double MAX_IMPEDANCE_OHM = 1e6;

    /**
     * Smallest line capacity, kW: {@value} (one watt), so that a line's loading in % stays finite.
     */
    public static final double MIN_CAPACITY_KW = 1e-3;

    /** Largest line capacity, kW: {@value}, the same as {@link Market#MAX_BOUND_KW}. */
    public static final double MAX_CAPACITY_KW = Market.MAX_BOUND_KW;

    public Network {
        Objects.requireNonNull(rootBus, "rootBus");
        lines = List.copyOf(lines);
    }

    /** The buses: the root first, then line ends in order of appearance. */
    public Set<String> buses() {
        Set<String> buses = new LinkedHashSet<>();
        buses.add(rootBus);
        for (Line l : lines) {
            buses.add(l.from());
            buses.add(l.to());
        }
        return buses;
    }

    /**
     * Every violation of the network rules, one message each naming the line or bus; empty when
     * valid.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!(nominalVoltageKv > 0) || !Double.isFinite(nominalVoltageKv)) {
            out.add(
                    "network: nominalVoltageKv must be a finite number > 0, got "
                            + nominalVoltageKv);
        } else if (nominalVoltageKv < MIN_VOLTAGE_KV || nominalVoltageKv > MAX_VOLTAGE_KV) {
            out.add(
                    "network: nominalVoltageKv ("
                            + nominalVoltageKv
                            + ") is outside ["
                            + MIN_VOLTAGE_KV
                            + ", "
                            + MAX_VOLTAGE_KV
                            + "] kV. Maybe the voltage is in V, not kV");
        }
        addIfPresent(out, Ids.surrogateProblem("network: rootBus", rootBus));
        Set<String> ids = new HashSet<>();
        Set<String> pairs = new HashSet<>();
        for (Line l : lines) {
            String surrogate = Ids.surrogateProblem("line id", l.id());
            addIfPresent(out, surrogate);
            if (surrogate == null) {
                addIfPresent(out, Ids.surrogateProblem("line " + l.id() + ": from bus", l.from()));
                addIfPresent(out, Ids.surrogateProblem("line " + l.id() + ": to bus", l.to()));
            }
            if (!ids.add(l.id())) {
                out.add("line " + Ids.escaped(l.id()) + ": duplicate line id");
            }
            if (!(l.resistanceOhm() >= 0) || !Double.isFinite(l.resistanceOhm())) {
                out.add(
                        "line "
                                + l.id()
                                + ": resistanceOhm must be >= 0, got "
                                + l.resistanceOhm());
            } else if (l.resistanceOhm() > MAX_IMPEDANCE_OHM) {
                out.add(
                        "line "
                                + l.id()
                                + ": resistanceOhm ("
                                + l.resistanceOhm()
                                + ") is above "
                                + MAX_IMPEDANCE_OHM
                                + " ohm. Maybe the value is in milliohm or per km of a much shorter line");
            }
            if (!(l.reactanceOhm() >= 0) || !Double.isFinite(l.reactanceOhm())) {
                out.add("line " + l.id() + ": reactanceOhm must be >= 0, got " + l.reactanceOhm());
            } else if (l.reactanceOhm() > MAX_IMPEDANCE_OHM) {
                out.add(
                        "line "
                                + l.id()
                                + ": reactanceOhm ("
                                + l.reactanceOhm()
                                + ") is above "
                                + MAX_IMPEDANCE_OHM
                                + " ohm. Maybe the value is in milliohm or per km of a much shorter line");
            }
            if (!Double.isNaN(l.capacityKw())
                    && (!(l.capacityKw() > 0) || !Double.isFinite(l.capacityKw()))) {
                out.add("line " + l.id() + ": capacityKw must be > 0, got " + l.capacityKw());
            } else if (!Double.isNaN(l.capacityKw())
                    && (l.capacityKw() < MIN_CAPACITY_KW || l.capacityKw() > MAX_CAPACITY_KW)) {
                out.add(
                        "line "
                                + l.id()
                                + ": capacityKw ("
                                + l.capacityKw()
                                + ") is outside ["
                                + MIN_CAPACITY_KW
                                + ", "
                                + MAX_CAPACITY_KW
                                + "] kW. Maybe leave capacityKw out for a line that is never congested");
            }
            if (l.from().equals(l.to())) {
                out.add("line " + l.id() + ": connects bus " + l.from() + " to itself");
                continue;
            }
            String key =
                    l.from().compareTo(l.to()) < 0
                            ? l.from() + "\u0000" + l.to()
                            : l.to() + "\u0000" + l.from();
            if (!pairs.add(key)) {
                out.add(
                        "line "
                                + l.id()
                                + ": a second line between buses "
                                + l.from()
                                + " and "
                                + l.to()
                                + " (the network must be radial)");
            }
        }
        // connectivity and loops by breadth-first search from the root
        Map<String, List<Line>> adjacent = new HashMap<>();
        for (Line l : lines) {
            if (l.from().equals(l.to())) {
                continue;
            }
            adjacent.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
            adjacent.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l);
        }
        Set<String> seen = new HashSet<>();
        Set<String> usedLines = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        seen.add(rootBus);
        queue.add(rootBus);
        while (!queue.isEmpty()) {
            String bus = queue.poll();
            for (Line l : adjacent.getOrDefault(bus, List.of())) {
                if (!usedLines.add(l.id() + "\u0000" + System.identityHashCode(l))) {
                    continue;
                }
                String other = l.from().equals(bus) ? l.to() : l.from();
                if (!seen.add(other)) {
                    out.add(
                            "line "
                                    + l.id()
                                    + ": closes a loop at bus "
                                    + other
                                    + " (the network must be radial)");
                } else {
                    queue.add(other);
                }
            }
        }
        for (String bus : buses()) {
            if (!seen.contains(bus)) {
                out.add("bus " + bus + ": not connected to the root bus " + rootBus);
            }
        }
        return out;
    }

    private static void addIfPresent(List<String> out, String problem) {
        if (problem != null) {
            out.add(problem);
        }
    }
}
