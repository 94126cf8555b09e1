package org.gridbazaar.mechanism.realtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A retail tariff: the price a community pays per kWh it imports and is paid per kWh it exports,
 * period by period, known in advance (a flat rate, time of use).
 *
 * @param name what to call it ({@code flat}, {@code tou}), not blank
 * @param importPrice the price of imported energy per period, $/kWh (copied)
 * @param exportPrice the price paid for exported energy per period, $/kWh, never above the import
 *     price of the period (copied)
 */
public record Tariff(String name, double[] importPrice, double[] exportPrice) {

    /**
     * Checks the tariff.
     *
     * @throws IllegalArgumentException listing every problem: blank name, lengths that differ or
     *     are 0, prices not finite, an export price above the import price (a community would buy
     *     to sell back)
     */
    public Tariff {
        List<String> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add("name is blank");
        }
        if (importPrice == null
                || exportPrice == null
                || importPrice.length == 0
                || importPrice.length != exportPrice.length) {
            throw new IllegalArgumentException(
                    "tariff "
                            + name
                            + ": give one import and one export price per period, at least one period");
        }
        importPrice = importPrice.clone();
        exportPrice = exportPrice.clone();
        for (int t = 0; t < importPrice.length; t++) {
            if (!Double.isFinite(importPrice[t]) || !Double.isFinite(exportPrice[t])) {
                errors.add(
                        "period "
                                + t
                                + ": prices "
                                + importPrice[t]
                                + " and "
                                + exportPrice[t]
                                + " $/kWh must be finite");
            } else if (exportPrice[t] > importPrice[t]) {
                errors.add(
                        "period "
                                + t
                                + ": export price "
                                + exportPrice[t]
                                + " $/kWh is above the import price "
                                + importPrice[t]
                                + "; a community would import to export");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "tariff " + name + ":\n  " + String.join("\n  ", errors));
        }
    }

    /**
     * A flat tariff over {@code periods} periods: {@code importPrice} and {@code exportPrice} in
     * every one, $/kWh.
     */
    public static Tariff flat(String name, int periods, double importPrice, double exportPrice) {
        double[] i = new double[periods], e = new double[periods];
        Arrays.fill(i, importPrice);
        Arrays.fill(e, exportPrice);
        return new Tariff(name, i, e);
    }

    /** The number of periods. */
    public int periodCount() {
        return importPrice.length;
    }

    /** The import price of period {@code t}, $/kWh. */
    public double importPrice(int t) {
        return importPrice[t];
    }

    /** The export price of period {@code t}, $/kWh. */
    public double exportPrice(int t) {
        return exportPrice[t];
    }

    /** The import prices, $/kWh (a copy). */
    @Override
    public double[] importPrice() {
        return importPrice.clone();
    }

    /** The export prices, $/kWh (a copy). */
    @Override
    public double[] exportPrice() {
        return exportPrice.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tariff other
                && name.equals(other.name)
                && Arrays.equals(importPrice, other.importPrice)
                && Arrays.equals(exportPrice, other.exportPrice);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(importPrice))
                + Arrays.hashCode(exportPrice);
    }

    @Override
    public String toString() {
        return "Tariff["
                + name
                + ", import="
                + Arrays.toString(importPrice)
                + ", export="
                + Arrays.toString(exportPrice)
                + "]";
    }
}
