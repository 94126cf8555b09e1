package org.gridbazaar.mechanism;

import java.util.Random;

/**
 * Seeded random bid curves for the property tests. Lattice curves put prices on multiples of 0.01
 * $/kWh and quantities on multiples of 0.1 kW (not binary fractions), so that flats coincide, steps
 * overlap and breakpoints share prices often: every tie rule is exercised.
 */
final class Curves {

    private Curves() {}

    /** A lattice curve of {@code levels} distinct prices, each a point or (one in four) a step. */
    static BidCurve lattice(BidCurve.Side side, long seed, int levels) {
        Random r = new Random(seed);
        double[] p = new double[2 * levels];
        double[] q = new double[2 * levels];
        int n = 0;
        int priceTick = r.nextInt(20);
        int quantityTick = side == BidCurve.Side.DEMAND ? r.nextInt(400) : r.nextInt(300) - 100;
        int dir = side == BidCurve.Side.DEMAND ? -1 : 1;
        for (int k = 0; k < levels; k++) {
            p[n] = priceTick * 0.01;
            q[n++] = quantityTick * 0.1;
            if (r.nextInt(4) == 0) {
                quantityTick += dir * (1 + r.nextInt(30));
                p[n] = priceTick * 0.01;
                q[n++] = quantityTick * 0.1;
            }
            priceTick += 1 + r.nextInt(5);
            quantityTick += r.nextInt(3) == 0 ? 0 : dir * (1 + r.nextInt(30));
        }
        return BidCurve.of(side, java.util.Arrays.copyOf(p, n), java.util.Arrays.copyOf(q, n));
    }

    /**
     * {@code curve} with every distinct price and every quantity multiplied by {@code 1 + relative
     * * u}, {@code u} uniform in [-1, 1]: two representations of one bid that differ in rounding.
     * Both breakpoints of a step get the same price; quantities are then made monotone again by a
     * running bound (which moves nothing by more than the noise), and distinct prices closer than
     * the noise are kept distinct and in order.
     */
    static BidCurve noisy(BidCurve curve, long seed, double relative) {
        Random r = new Random(seed);
        int n = curve.size();
        double[] p = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] =
                    i > 0 && curve.price(i) == curve.price(i - 1)
                            ? p[i - 1]
                            : curve.price(i) * (1 + relative * (2 * r.nextDouble() - 1));
            q[i] = curve.quantityKw(i) * (1 + relative * (2 * r.nextDouble() - 1));
            if (i > 0) {
                boolean demand = curve.side() == BidCurve.Side.DEMAND;
                if (curve.price(i) != curve.price(i - 1)) {
                    p[i] = Math.max(p[i], Math.nextUp(p[i - 1])); // prices closer than the noise
                    // stay in order
                }
                q[i] = demand ? Math.min(q[i], q[i - 1]) : Math.max(q[i], q[i - 1]);
                if (p[i] == p[i - 1] && q[i] == q[i - 1]) {
                    q[i] =
                            demand
                                    ? Math.nextDown(q[i])
                                    : Math.nextUp(q[i]); // a step keeps a height
                }
            }
        }
        return BidCurve.of(curve.side(), p, q);
    }

    /** The excess demand's range at {@code price}: {@code [D.low - S.high, D.high - S.low]}, kW. */
    static QuantityRange excess(BidCurve demand, BidCurve supply, double price) {
        QuantityRange d = demand.quantityAt(price), s = supply.quantityAt(price);
        return new QuantityRange(d.lowKw() - s.highKw(), d.highKw() - s.lowKw());
    }
}
