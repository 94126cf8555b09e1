package org.gridbazaar.solver.admm;

import java.util.Random;
import org.gridbazaar.formulation.MarketProblem;

/** Small seeded markets with a closed-form (single-price) reference for tests. */
final class Markets {

    private Markets() {}

    /**
     * One producer ({@code 0.5 ap x^2 + bp x} on {@code [0, pMax]}) and one consumer ({@code 0.5 ac
     * x^2 + bc x} on {@code [-cMax, 0]}).
     */
    static MarketProblem twoPeers(
            double ap, double bp, double pMax, double ac, double bc, double cMax) {
        MarketProblem.Builder b = MarketProblem.builder("two peers");
        int p = b.peer("P1"), c = b.peer("C1");
        int np = b.node(p, MarketProblem.POWER, ap, bp, 0, 0, pMax);
        int nc = b.node(c, MarketProblem.POWER, ac, bc, 0, -cMax, 0);
        b.arc(np, nc, 0, 0);
        return b.build();
    }

    /**
     * {@code producers} producers and {@code consumers} consumers, every producer may sell to every
     * consumer, no per-kW terms, random costs from {@code seed}.
     */
    static MarketProblem allPairs(int producers, int consumers, long seed) {
        Random rnd = new Random(seed);
        MarketProblem.Builder b = MarketProblem.builder("all pairs " + seed);
        int[] pn = new int[producers], cn = new int[consumers];
        for (int i = 0; i < producers; i++) {
            int p = b.peer("P" + i);
            pn[i] =
                    b.node(
                            p,
                            MarketProblem.POWER,
                            0.05 + 0.2 * rnd.nextDouble(),
                            1 + 4 * rnd.nextDouble(),
                            0,
                            rnd.nextInt(3) == 0 ? 5 * rnd.nextDouble() : 0,
                            20 + 30 * rnd.nextDouble());
        }
        for (int i = 0; i < consumers; i++) {
            int c = b.peer("C" + i);
            cn[i] =
                    b.node(
                            c,
                            MarketProblem.POWER,
                            0.05 + 0.2 * rnd.nextDouble(),
                            6 + 6 * rnd.nextDouble(),
                            0,
                            -(20 + 30 * rnd.nextDouble()),
                            rnd.nextInt(3) == 0 ? -5 * rnd.nextDouble() : 0);
        }
        for (int i = 0; i < producers; i++) {
            for (int j = 0; j < consumers; j++) {
                b.arc(pn[i], cn[j], 0, 0);
            }
        }
        return b.build();
    }

    /**
     * {@code producers} producers and {@code consumers} consumers on all pairs, with
     * product-differentiation terms on about a fifth of the pairs: a per-kW cost in [-3, 6] $/kW
     * paid by one side (negative: a bonus). Trades run one way only (producer to consumer), so
     * bonuses are allowed; with them the optimal trades concentrate on a few pairs per peer.
     */
    static MarketProblem allPairsWithPreferences(int producers, int consumers, long seed) {
        Random rnd = new Random(seed);
        MarketProblem.Builder b = MarketProblem.builder("all pairs with preferences " + seed);
        int[] pn = new int[producers], cn = new int[consumers];
        for (int i = 0; i < producers; i++) {
            pn[i] =
                    b.node(
                            b.peer("P" + i),
                            MarketProblem.POWER,
                            0.005 + 0.2 * rnd.nextDouble(),
                            5 + 45 * rnd.nextDouble(),
                            0,
                            0,
                            50 + 250 * rnd.nextDouble());
        }
        for (int i = 0; i < consumers; i++) {
            cn[i] =
                    b.node(
                            b.peer("C" + i),
                            MarketProblem.POWER,
                            0.005 + 0.2 * rnd.nextDouble(),
                            30 + 50 * rnd.nextDouble(),
                            0,
                            -(50 + 250 * rnd.nextDouble()),
                            0);
        }
        for (int i = 0; i < producers; i++) {
            for (int j = 0; j < consumers; j++) {
                double seller = 0, buyer = 0;
                if (rnd.nextDouble() < 0.2) {
                    double c = -3 + 9 * rnd.nextDouble();
                    if (rnd.nextBoolean()) {
                        seller = c;
                    } else {
                        buyer = c;
                    }
                }
                b.arc(pn[i], cn[j], seller, buyer);
            }
        }
        return b.build();
    }

    /**
     * The single-price clearing of an all-pairs market without per-kW terms: every node at {@code
     * clip((pi - b)/a, lo, hi)} with {@code pi} balancing the market.
     *
     * @return {@code {pi, x_0, ..., x_{n-1}}}
     */
    static double[] singlePriceClearing(MarketProblem pr) {
        double[] a = pr.quadratic(), b = pr.linear(), lo = pr.lower(), hi = pr.upper();
        double l = -1e6, h = 1e6;
        for (int it = 0; it < 300; it++) {
            double mid = 0.5 * (l + h);
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                s += Math.min(hi[k], Math.max(lo[k], (mid - b[k]) / a[k]));
            }
            if (s > 0) {
                h = mid;
            } else {
                l = mid;
            }
        }
        double pi = 0.5 * (l + h);
        double[] out = new double[a.length + 1];
        out[0] = pi;
        for (int k = 0; k < a.length; k++) {
            out[k + 1] = Math.min(hi[k], Math.max(lo[k], (pi - b[k]) / a[k]));
        }
        return out;
    }
}
