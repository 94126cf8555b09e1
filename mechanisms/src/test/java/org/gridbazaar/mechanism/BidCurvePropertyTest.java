package org.gridbazaar.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of aggregation over seeded lattice curves (see {@link Curves}): the sum of a list is
 * commutative bit for bit, associative to 1e-12 relative to the members' summed scale, and agrees
 * with the members' quantities added at every price (both ends of every step).
 */
class BidCurvePropertyTest {

    private static List<BidCurve> members(long seed, int count, BidCurve.Side side) {
        Random r = new Random(seed);
        List<BidCurve> curves = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            curves.add(Curves.lattice(side, r.nextLong(), 1 + r.nextInt(25)));
        }
        return curves;
    }

    private static double scale(List<BidCurve> curves) {
        double s = 0;
        for (BidCurve c : curves) {
            s += c.maxAbsQuantityKw();
        }
        return Math.max(s, 1);
    }

    @Property(tries = 300, seed = "20261207")
    void theSumOfAListDoesNotDependOnItsOrder(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 8) int count) {
        List<BidCurve> curves = members(seed, count, BidCurve.Side.DEMAND);
        BidCurve sum = BidCurve.sum(curves);
        List<BidCurve> shuffled = new ArrayList<>(curves);
        Collections.shuffle(shuffled, new Random(seed + 1));
        assertEquals(sum, BidCurve.sum(shuffled)); // bit for bit
    }

    @Property(tries = 300, seed = "20261207")
    void nestedSumsAgreeTo1e12(@ForAll @LongRange long seed) {
        List<BidCurve> c = members(seed, 3, BidCurve.Side.SUPPLY);
        BidCurve left = BidCurve.sum(BidCurve.sum(c.get(0), c.get(1)), c.get(2));
        BidCurve right = BidCurve.sum(c.get(0), BidCurve.sum(c.get(1), c.get(2)));
        BidCurve flat = BidCurve.sum(c);
        double tol = 1e-12 * scale(c);
        for (BidCurve s : List.of(left, right)) {
            assertEquals(flat.size(), s.size(), "breakpoints of " + s + " against " + flat);
            for (int i = 0; i < flat.size(); i++) {
                assertEquals(flat.price(i), s.price(i), 0.0);
                assertEquals(flat.quantityKw(i), s.quantityKw(i), tol);
            }
        }
    }

    @Property(tries = 300, seed = "20261207")
    void theSumTakesTheSumOfTheMembersQuantitiesAtEveryPrice(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 8) int count) {
        List<BidCurve> curves = members(seed, count, BidCurve.Side.DEMAND);
        BidCurve sum = BidCurve.sum(curves);
        double tol = 1e-12 * scale(curves);
        Random r = new Random(seed);
        List<Double> prices = new ArrayList<>();
        for (int i = 0; i < sum.size(); i++) {
            prices.add(sum.price(i));
        }
        for (int k = 0; k < 50; k++) {
            prices.add(-0.05 + 1.5 * r.nextDouble());
        }
        for (double p : prices) {
            double low = 0, high = 0;
            for (BidCurve c : curves) {
                low += c.quantityAt(p).lowKw();
                high += c.quantityAt(p).highKw();
            }
            QuantityRange q = sum.quantityAt(p);
            assertEquals(low, q.lowKw(), tol, "low end at " + p);
            assertEquals(high, q.highKw(), tol, "high end at " + p);
        }
    }

    @Property(tries = 200, seed = "20261207")
    void priceAtInvertsQuantityAt(@ForAll @LongRange long seed) {
        BidCurve c = Curves.lattice(BidCurve.Side.DEMAND, seed, 1 + Math.floorMod(seed, 30));
        Random r = new Random(seed);
        for (int k = 0; k < 30; k++) {
            double p = -0.05 + 1.5 * r.nextDouble();
            QuantityRange q = c.quantityAt(p);
            double x = q.lowKw() + r.nextDouble() * q.widthKw();
            PriceRange back = c.priceAt(x).orElseThrow();
            assertTrue(
                    back.low() <= p + 1e-12 && p - 1e-12 <= back.high(),
                    p + " not in " + back + " for " + x + " kW");
        }
    }
}
