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
 * @param rootBus          the bus of the grid connection
 * @param lines            the lines, in any order and either direction
 */
public record Network(double nominalVoltageKv, String rootBus, List<Line> lines) {

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

    /** Every violation of the network rules, one message each naming the line or bus; empty when valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!(nominalVoltageKv > 0) || !Double.isFinite(nominalVoltageKv)) {
            out.add("network: nominalVoltageKv must be a finite number > 0, got " + nominalVoltageKv);
        }
        Set<String> ids = new HashSet<>();
        Set<String> pairs = new HashSet<>();
        for (Line l : lines) {
            if (!ids.add(l.id())) {
                out.add("line " + l.id() + ": duplicate line id");
            }
            if (!(l.resistanceOhm() >= 0) || !Double.isFinite(l.resistanceOhm())) {
                out.add("line " + l.id() + ": resistanceOhm must be >= 0, got " + l.resistanceOhm());
            }
            if (!(l.reactanceOhm() >= 0) || !Double.isFinite(l.reactanceOhm())) {
                out.add("line " + l.id() + ": reactanceOhm must be >= 0, got " + l.reactanceOhm());
            }
            if (!Double.isNaN(l.capacityKw()) && (!(l.capacityKw() > 0) || !Double.isFinite(l.capacityKw()))) {
                out.add("line " + l.id() + ": capacityKw must be > 0, got " + l.capacityKw());
            }
            if (l.from().equals(l.to())) {
                out.add("line " + l.id() + ": connects bus " + l.from() + " to itself");
                continue;
            }
            String key = l.from().compareTo(l.to()) < 0 ? l.from() + "\u0000" + l.to() : l.to() + "\u0000" + l.from();
            if (!pairs.add(key)) {
                out.add("line " + l.id() + ": a second line between buses " + l.from() + " and " + l.to() + " (the network must be radial)");
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
                    out.add("line " + l.id() + ": closes a loop at bus " + other + " (the network must be radial)");
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
}
