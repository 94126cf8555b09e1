package org.gridbazaar.testkit;

import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;

/**
 * The 14 agents of the DTU summer-school exercise (A-Eltved/peer-2-peer-markets, p2p.ipynb), a test
 * fixture shared by the modules that clear it: agent {@code i} (0-based, id {@code A<i+1>}) has
 * bounds {@code [Pmin + Pren, Pmax + Pren]} kW (negative: consumption) and cost {@code 0.5 a p^2 +
 * b p} with {@code a} in $/kW^2 and {@code b} in $/kW. Agent 7 (index 6) owns the photovoltaic unit
 * the exercise switches off.
 */
public final class DtuExercise {

    private static final double[] P_MIN = {
        -21.7, -94.2, -47.8, -7.6, -11.2, -29.5, -9., -3.5, -6.1, -13.5, -14.9, 0., 0., 0.
    };
    private static final double[] P_MAX = {
        0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 20., 50., 10.
    };
    private static final double[] P_REN = {
        0., 0., 0., 14.9, 9., 10., 18.5, 2., 7., 5., 5., 0., 0., 0.
    };
    private static final double[] A = {4., 1., 2., 10., 8., 4., 9., 15., 18., 7., 6., 7., 2., 8.};
    private static final double[] B = {
        130., 120., 135., 125., 140., 145., 150., 135., 140., 125., 120., 25., 10., 20.
    };

    /** Number of agents. */
    public static final int AGENTS = 14;

    private DtuExercise() {}

    /** Agent {@code i}'s lower bound, kW, with agent 7's photovoltaic unit on when {@code pv7}. */
    public static double lower(int i, boolean pv7) {
        return P_MIN[i] + renewable(i, pv7);
    }

    /** Agent {@code i}'s upper bound, kW, with agent 7's photovoltaic unit on when {@code pv7}. */
    public static double upper(int i, boolean pv7) {
        return P_MAX[i] + renewable(i, pv7);
    }

    /** Agent {@code i}'s quadratic cost coefficient {@code a}, $/kW^2. */
    public static double quadratic(int i) {
        return A[i];
    }

    /** Agent {@code i}'s linear cost coefficient {@code b}, $/kW. */
    public static double linear(int i) {
        return B[i];
    }

    private static double renewable(int i, boolean pv7) {
        return i == 6 && !pv7 ? 0 : P_REN[i];
    }

    /**
     * The 14 agents as a market ({@code dtu14-community}, or {@code dtu14-community-nopv} without
     * agent 7's photovoltaic unit): consumers, producers or prosumers by the signs of their bounds.
     */
    public static Market market(boolean pv7) {
        Market.Builder b = Market.builder(pv7 ? "dtu14-community" : "dtu14-community-nopv");
        for (int i = 0; i < AGENTS; i++) {
            double lo = lower(i, pv7), hi = upper(i, pv7);
            QuadraticCost c = QuadraticCost.of(A[i], B[i], 0);
            String id = "A" + (i + 1);
            if (hi <= 0) {
                b.consumer(id, lo, hi, c);
            } else if (lo >= 0) {
                b.producer(id, lo, hi, c);
            } else {
                b.prosumer(id, lo, hi, c);
            }
        }
        return b.build();
    }

    /**
     * Agent {@code i}'s set-point (kW) facing the single price {@code price} ($/kW): {@code
     * clip((price - b) / a, lo, hi)}.
     */
    public static double setPoint(int i, boolean pv7, double price) {
        return Math.max(lower(i, pv7), Math.min(upper(i, pv7), (price - B[i]) / A[i]));
    }
}
