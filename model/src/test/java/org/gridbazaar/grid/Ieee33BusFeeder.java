package org.gridbazaar.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Network;

/**
 * The IEEE 33-bus radial test feeder of M. E. Baran and F. F. Wu, "Network reconfiguration in
 * distribution systems for loss reduction and load balancing", IEEE Trans. Power Delivery 4(2),
 * 1989, pp. 1401-1407 (same data as MATPOWER's case33bw, tie switches open): 12.66 kV, buses 1..33
 * with bus 1 the substation, 32 lines with impedances in ohm, base-case load 3715 kW + 2300 kvar.
 * Reference results: losses 202.7 kW, minimum voltage 0.913 p.u. at bus 18.
 */
final class Ieee33BusFeeder {

    static final double NOMINAL_KV = 12.66;

    /** {from, to, R ohm, X ohm}; line k runs to bus k+1. */
    private static final double[][] LINES = {
        {1, 2, 0.0922, 0.0470},
        {2, 3, 0.4930, 0.2511},
        {3, 4, 0.3660, 0.1864},
        {4, 5, 0.3811, 0.1941},
        {5, 6, 0.8190, 0.7070},
        {6, 7, 0.1872, 0.6188},
        {7, 8, 0.7114, 0.2351},
        {8, 9, 1.0300, 0.7400},
        {9, 10, 1.0440, 0.7400},
        {10, 11, 0.1966, 0.0650},
        {11, 12, 0.3744, 0.1238},
        {12, 13, 1.4680, 1.1550},
        {13, 14, 0.5416, 0.7129},
        {14, 15, 0.5910, 0.5260},
        {15, 16, 0.7463, 0.5450},
        {16, 17, 1.2890, 1.7210},
        {17, 18, 0.7320, 0.5740},
        {2, 19, 0.1640, 0.1565},
        {19, 20, 1.5042, 1.3554},
        {20, 21, 0.4095, 0.4784},
        {21, 22, 0.7089, 0.9373},
        {3, 23, 0.4512, 0.3083},
        {23, 24, 0.8980, 0.7091},
        {24, 25, 0.8960, 0.7011},
        {6, 26, 0.2030, 0.1034},
        {26, 27, 0.2842, 0.1447},
        {27, 28, 1.0590, 0.9337},
        {28, 29, 0.8042, 0.7006},
        {29, 30, 0.5075, 0.2585},
        {30, 31, 0.9744, 0.9630},
        {31, 32, 0.3105, 0.3619},
        {32, 33, 0.3410, 0.5302},
    };

    /** {bus, P kW, Q kvar} consumed. */
    private static final double[][] LOADS = {
        {2, 100, 60},
        {3, 90, 40},
        {4, 120, 80},
        {5, 60, 30},
        {6, 60, 20},
        {7, 200, 100},
        {8, 200, 100},
        {9, 60, 20},
        {10, 60, 20},
        {11, 45, 30},
        {12, 60, 35},
        {13, 60, 35},
        {14, 120, 80},
        {15, 60, 10},
        {16, 60, 20},
        {17, 60, 20},
        {18, 90, 40},
        {19, 90, 40},
        {20, 90, 40},
        {21, 90, 40},
        {22, 90, 40},
        {23, 90, 50},
        {24, 420, 200},
        {25, 420, 200},
        {26, 60, 25},
        {27, 60, 25},
        {28, 60, 20},
        {29, 120, 70},
        {30, 200, 600},
        {31, 150, 70},
        {32, 210, 100},
        {33, 60, 40},
    };

    private Ieee33BusFeeder() {}

    /** The network, lines named {@code L1..L32}, buses {@code "1".."33"}, root {@code "1"}. */
    static Network network() {
        List<Line> lines = new ArrayList<>();
        for (int k = 0; k < LINES.length; k++) {
            double[] d = LINES[k];
            lines.add(Line.of("L" + (k + 1), bus(d[0]), bus(d[1]), d[2], d[3]));
        }
        return new Network(NOMINAL_KV, "1", lines);
    }

    /** Net active injection per bus, kW (loads are negative). */
    static Map<String, Double> activeInjectionKw() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (double[] d : LOADS) {
            out.put(bus(d[0]), -d[1]);
        }
        return out;
    }

    /** Net reactive injection per bus, kvar (loads are negative). */
    static Map<String, Double> reactiveInjectionKvar() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (double[] d : LOADS) {
            out.put(bus(d[0]), -d[2]);
        }
        return out;
    }

    private static String bus(double number) {
        return Integer.toString((int) number);
    }
}
