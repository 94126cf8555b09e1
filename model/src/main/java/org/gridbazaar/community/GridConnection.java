package org.gridbazaar.community;

import java.util.Arrays;

/**
 * The connection of the market to the grid beyond it: import and export tariffs per period and
 * optional limits.
 *
 * <p>Importing {@code m} kW for a period of {@code h} hours costs {@code importTariff[t] * m * h}
 * $; exporting {@code x} kW earns {@code exportTariff[t] * x * h} $. Tariffs in $/kWh, finite, at
 * most {@link org.gridbazaar.model.Market#MAX_COST_COEFFICIENT} in magnitude, and {@code
 * importTariff[t] >= exportTariff[t]} in every period (otherwise importing to export again would
 * earn money without limit). Limits in kW, {@code > 0}; {@link Double#POSITIVE_INFINITY} means none
 * (the members' own bounds then limit what can flow).
 *
 * @param importTariff $/kWh per period, one value per period of the market
 * @param exportTariff $/kWh per period, same length
 * @param importLimitKw largest import, kW, or infinity
 * @param exportLimitKw largest export, kW, or infinity
 */
public record GridConnection(
        double[] importTariff, double[] exportTariff, double importLimitKw, double exportLimitKw) {

    public GridConnection {
        importTariff = importTariff.clone();
        exportTariff = exportTariff.clone();
        StringBuilder problems = new StringBuilder();
        if (importTariff.length == 0 || importTariff.length != exportTariff.length) {
            problems.append("; import tariff has ")
                    .append(importTariff.length)
                    .append(" periods and export tariff ")
                    .append(exportTariff.length)
                    .append(": each needs one value per period, at least one");
        }
        for (int t = 0; t < Math.min(importTariff.length, exportTariff.length); t++) {
            for (double v : new double[] {importTariff[t], exportTariff[t]}) {
                if (!Double.isFinite(v)
                        || Math.abs(v) > org.gridbazaar.model.Market.MAX_COST_COEFFICIENT) {
                    problems.append("; period ")
                            .append(t)
                            .append(": tariff ")
                            .append(v)
                            .append(" is not finite or exceeds 1e12 in magnitude");
                }
            }
            if (importTariff[t] < exportTariff[t]) {
                problems.append("; period ")
                        .append(t)
                        .append(": import tariff (")
                        .append(importTariff[t])
                        .append(") is below export tariff (")
                        .append(exportTariff[t])
                        .append(
                                "); importing to export again would earn without limit. Maybe the two are swapped?");
            }
        }
        if (!(importLimitKw > 0)) {
            problems.append("; import limit must be > 0 kW (infinity for none), got ")
                    .append(importLimitKw);
        }
        if (!(exportLimitKw > 0)) {
            problems.append("; export limit must be > 0 kW (infinity for none), got ")
                    .append(exportLimitKw);
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(
                    "grid connection" + problems.substring(1).replaceFirst("^ ", ": "));
        }
    }

    /** The same tariffs in every one of {@code periods} periods, without limits. */
    public static GridConnection flat(double importTariff, double exportTariff, int periods) {
        double[] im = new double[periods], ex = new double[periods];
        Arrays.fill(im, importTariff);
        Arrays.fill(ex, exportTariff);
        return new GridConnection(im, ex, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The number of periods the tariffs cover. */
    public int periods() {
        return importTariff.length;
    }

    /** The import tariff of period {@code t}, $/kWh. */
    public double importTariff(int t) {
        return importTariff[t];
    }

    /** The export tariff of period {@code t}, $/kWh. */
    public double exportTariff(int t) {
        return exportTariff[t];
    }

    @Override
    public double[] importTariff() {
        return importTariff.clone();
    }

    @Override
    public double[] exportTariff() {
        return exportTariff.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridConnection g
                && Arrays.equals(importTariff, g.importTariff)
                && Arrays.equals(exportTariff, g.exportTariff)
                && Double.compare(importLimitKw, g.importLimitKw) == 0
                && Double.compare(exportLimitKw, g.exportLimitKw) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(importTariff)
                + Arrays.hashCode(exportTariff)
                + Double.hashCode(importLimitKw)
                + Double.hashCode(exportLimitKw);
    }

    @Override
    public String toString() {
        return "GridConnection[import="
                + Arrays.toString(importTariff)
                + " $/kWh, export="
                + Arrays.toString(exportTariff)
                + " $/kWh, limits "
                + importLimitKw
                + "/"
                + exportLimitKw
                + " kW]";
    }
}
