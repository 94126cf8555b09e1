package org.gridbazaar.mechanism.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.gridbazaar.mechanism.BidCurve;
import org.gridbazaar.mechanism.Clearing;
import org.gridbazaar.mechanism.QuantityRange;

/**
 * Properties of clearing communities' curves against the LSE's supply curve, over seeded random
 * community curves shaped like the loop's (sampled on a price grid, net import falling from
 * positive to possibly negative, with steps where a battery switches): the price never falls when
 * the wholesale price, the delivery charge or the demand rises, never rises when the substation
 * limit does on import (nor falls on export), and the awards share the cleared quantity exactly.
 */
class LseClearingPropertyTest {

    /**
     * A community's curve: net import on the grid 0, 0.05, ..., 0.5 $/kWh, non-increasing, with
     * occasional steps.
     */
    private static BidCurve community(Random r) {
        List<Double> p = new ArrayList<>(), q = new ArrayList<>();
        double quantity = 5 + r.nextInt(200) * 0.25;
        for (int k = 0; k <= 10; k++) {
            double price = 0.05 * k;
            p.add(price);
            q.add(quantity);
            if (r.nextInt(5) == 0) { // a battery switching at a grid price
                quantity -= 1 + r.nextInt(20);
                p.add(price);
                q.add(quantity);
            }
            quantity -= r.nextInt(3) == 0 ? 0 : r.nextInt(40) * 0.25;
        }
        double[] pa = p.stream().mapToDouble(Double::doubleValue).toArray(),
                qa = q.stream().mapToDouble(Double::doubleValue).toArray();
        return BidCurve.of(BidCurve.Side.DEMAND, pa, qa);
    }

    private static List<BidCurve> communities(long seed) {
        Random r = new Random(seed);
        List<BidCurve> c = new ArrayList<>();
        for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
            c.add(community(r));
        }
        return c;
    }

    private static Clearing clear(
            List<BidCurve> curves, double wholesale, double delivery, double limitKw) {
        return Clearing.between(
                BidCurve.sum(curves),
                new LseSupply(new double[] {wholesale}, delivery, limitKw).curve(0));
    }

    private static boolean notBelow(Clearing higher, Clearing lower) {
        // a market that no longer clears is not a price below
        return !higher.hasTrade() || !lower.hasTrade() || higher.price() >= lower.price() - 1e-12;
    }

    @Property(tries = 300, seed = "20261207")
    void aDearerWholesaleOrDeliveryNeverLowersThePrice(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 40) int cents) {
        List<BidCurve> c = communities(seed);
        Random r = new Random(seed + 1);
        double w = 0.01 * r.nextInt(30), d = 0.01 * r.nextInt(10), s = 20 + r.nextInt(300);
        Clearing base = clear(c, w, d, s);
        assertTrue(notBelow(clear(c, w + 0.01 * cents, d, s), base), "wholesale up");
        assertTrue(notBelow(clear(c, w, d + 0.01 * cents, s), base), "delivery up");
    }

    /**
     * The limit binds both ways: on import it holds the price up above the retail price, on export
     * it holds it down below the wholesale price. A larger limit relieves either, so it never
     * raises an import price and never lowers an export price.
     */
    @Property(tries = 300, seed = "20261207")
    void aLargerSubstationLimitRelievesThePriceEitherWay(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 200) int extraKw) {
        List<BidCurve> c = communities(seed);
        Random r = new Random(seed + 2);
        double w = 0.01 * r.nextInt(30), d = 0.01 * r.nextInt(10), s = 5 + r.nextInt(100);
        Clearing tight = clear(c, w, d, s), loose = clear(c, w, d, s + extraKw);
        if (!tight.hasTrade()) {
            return;
        }
        assertTrue(
                loose.hasTrade(),
                "a larger limit keeps a clearing market clearing: " + tight + " then " + loose);
        if (tight.quantityKw() > 0) {
            assertTrue(
                    tight.price() >= loose.price() - 1e-12, "import: " + tight + " then " + loose);
        } else if (tight.quantityKw() < 0) {
            assertTrue(
                    loose.price() >= tight.price() - 1e-12, "export: " + tight + " then " + loose);
        }
    }

    @Property(tries = 300, seed = "20261207")
    void moreDemandNeverLowersThePrice(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 100) int extraKw) {
        List<BidCurve> c = communities(seed);
        Random r = new Random(seed + 3);
        double w = 0.01 * r.nextInt(30), d = 0.01 * r.nextInt(10), s = 20 + r.nextInt(300);
        List<BidCurve> more = new ArrayList<>(c);
        more.add(BidCurve.demand(org.gridbazaar.mechanism.Breakpoint.of(0, extraKw)));
        assertTrue(notBelow(clear(more, w, d, s), clear(c, w, d, s)));
    }

    @Property(tries = 300, seed = "20261207")
    void theAwardsShareTheClearedQuantityWithinEachCurve(@ForAll @LongRange long seed) {
        List<BidCurve> c = communities(seed);
        Random r = new Random(seed + 4);
        double w = 0.05 * r.nextInt(6), d = 0.05 * r.nextInt(3), s = 20 + r.nextInt(300);
        BidCurve sum = BidCurve.sum(c);
        LseSupply lse = new LseSupply(new double[] {w}, d, s);
        Clearing k = Clearing.between(sum, lse.curve(0));
        if (!k.hasTrade()) {
            return;
        }
        double[] a = RealTimeLoop.awards(c, k.price(), k.quantityKw());
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            QuantityRange range = c.get(i).quantityAt(k.price());
            assertTrue(range.contains(a[i], 1e-9), "award " + a[i] + " outside " + range);
            total += a[i];
        }
        assertEquals(
                k.quantityKw(),
                total,
                Clearing.defaultToleranceKw(sum, lse.curve(0)) + 1e-9,
                k.toString());
        assertTrue(total <= s + 1e-6 && total >= -s - 1e-6, "substation limit");
    }
}
