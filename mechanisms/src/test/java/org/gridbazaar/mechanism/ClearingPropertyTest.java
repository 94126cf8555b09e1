package org.gridbazaar.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link Clearing#between} over seeded lattice curves (see {@link Curves}), whose
 * flats coincide and steps overlap often, with demand a sum of members so that it carries the
 * rounding of aggregation. The reference is independent: the range of clearing prices found by
 * bisection on the curves' own {@code quantityAt}.
 */
class ClearingPropertyTest {

    private static BidCurve demand(long seed) {
        Random r = new Random(seed);
        List<BidCurve> members = new ArrayList<>();
        for (int k = 0, m = 1 + r.nextInt(4); k < m; k++) {
            members.add(Curves.lattice(BidCurve.Side.DEMAND, r.nextLong(), 1 + r.nextInt(20)));
        }
        return BidCurve.sum(members);
    }

    private static BidCurve supply(long seed) {
        Random r = new Random(seed * 31 + 7);
        List<BidCurve> members = new ArrayList<>();
        for (int k = 0, m = 1 + r.nextInt(4); k < m; k++) {
            members.add(Curves.lattice(BidCurve.Side.SUPPLY, r.nextLong(), 1 + r.nextInt(20)));
        }
        return BidCurve.sum(members);
    }

    private interface PricePredicate {
        boolean at(double p);
    }

    /** Largest p in [lo, hi] with {@code t} true, for a predicate true then false (lo if none). */
    private static double lastTrue(PricePredicate t, double lo, double hi) {
        if (t.at(hi)) {
            return hi;
        }
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            if (t.at(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Property(tries = 1000, seed = "20261207")
    void theClearingIsOnBothCurvesAndFollowsTheTieRules(@ForAll @LongRange long seed) {
        BidCurve d = demand(seed), s = supply(seed);
        double tol = Clearing.defaultToleranceKw(d, s);
        Clearing c = Clearing.between(d, s);
        double lo = Math.min(d.minPrice(), s.minPrice()), hi = Math.max(d.maxPrice(), s.maxPrice());
        if (!c.hasTrade()) {
            for (double p = lo - 0.01; p <= hi + 0.01; p += 0.001) {
                QuantityRange e = Curves.excess(d, s, p);
                assertTrue(
                        c.kind() == Clearing.Kind.SUPPLY_SHORT
                                ? e.lowKw() > tol
                                : e.highKw() < -tol,
                        c + " but excess demand at " + p + " is " + e);
            }
            return;
        }
        // on both curves at prices within the price tolerance, quantities within the tolerance
        double delta =
                Clearing.DEFAULT_RELATIVE_PRICE_TOLERANCE * Math.max(Math.abs(lo), Math.abs(hi));
        double slack = tol + 1e-12 * d.maxAbsQuantityKw();
        double q = c.quantityKw();
        assertTrue(
                d.quantityAt(c.price() + delta).lowKw() - slack <= q
                        && q <= d.quantityAt(c.price() - delta).highKw() + slack,
                c + " is off the demand curve " + d);
        assertTrue(
                s.quantityAt(c.price() - delta).lowKw() - slack <= q
                        && q <= s.quantityAt(c.price() + delta).highKw() + slack,
                c + " is off the supply curve " + s);
        // the range of clearing prices, by bisection: [pa, pb] cut to the breakpoints' prices
        double pa = -lastTrue(p -> Curves.excess(d, s, -p).lowKw() <= tol, -hi, -lo);
        double pb = lastTrue(p -> Curves.excess(d, s, p).highKw() >= -tol, lo, hi);
        assertTrue(
                c.price() >= pa - 1e-9 && c.price() <= pb + 1e-9,
                c + " outside the clearing prices [" + pa + ", " + pb + "]");
        if (c.kind() == Clearing.Kind.FLAT) {
            assertEquals(
                    0.5 * (pa + pb),
                    c.price(),
                    1e-9,
                    "a flat clears at the midpoint of [" + pa + ", " + pb + "]");
        } else {
            assertTrue(pb - pa < 1e-5, c + " but the curves agree on [" + pa + ", " + pb + "]");
        }
        if (c.kind() == Clearing.Kind.STEP) {
            double most =
                    Math.min(d.quantityAt(c.price()).highKw(), s.quantityAt(c.price()).highKw());
            assertEquals(most, q, slack, "a step trades the largest quantity of the overlap");
        }
    }

    /** Kinds seen by the tie-rule property, so that the test shows every rule was exercised. */
    @Test
    void theLatticeCurvesExerciseEveryKind() {
        java.util.EnumMap<Clearing.Kind, Integer> seen =
                new java.util.EnumMap<>(Clearing.Kind.class);
        for (long seed = 0; seed < 1000; seed++) {
            seen.merge(Clearing.between(demand(seed), supply(seed)).kind(), 1, Integer::sum);
        }
        System.out.println("ClearingPropertyTest kinds over 1000 lattice pairs: " + seen);
        assertEquals(Clearing.Kind.values().length, seen.size(), seen.toString());
    }

    @Property(tries = 1000, seed = "20261207")
    void curvesThatDifferOnlyByRoundingClearAlike(@ForAll @LongRange long seed) {
        BidCurve d = demand(seed), s = supply(seed);
        BidCurve dn = Curves.noisy(d, seed + 1, 1e-15), sn = Curves.noisy(s, seed + 2, 1e-15);
        Clearing c = Clearing.between(d, s), n = Clearing.between(dn, sn);
        assertEquals(c.kind(), n.kind(), c + " against " + n);
        if (c.hasTrade()) {
            assertEquals(c.price(), n.price(), 1e-9, c + " against " + n);
            assertEquals(
                    c.quantityKw(),
                    n.quantityKw(),
                    1e-9 * Math.max(1, d.maxAbsQuantityKw()),
                    c + " against " + n);
        }
    }

    /**
     * The adversarial case for the flat rule: supply is demand mirrored about the level of one of
     * its flats ({@code S = 2Q - D}), so the curves coincide exactly on that flat and nowhere else;
     * both are then perturbed by 1e-15 relative noise, which without a tolerance would make the
     * price jump anywhere in the flat (or fail to clear).
     */
    @Property(tries = 500, seed = "20261207")
    void aSharedFlatClearsAtItsMidpointDespiteRounding(@ForAll @LongRange long seed) {
        BidCurve d = Curves.lattice(BidCurve.Side.DEMAND, seed, 3 + Math.floorMod(seed, 20));
        int flat = -1;
        for (int i = 0; i + 1 < d.size() && flat < 0; i++) {
            if (d.quantityKw(i) == d.quantityKw(i + 1) && d.price(i) < d.price(i + 1)) {
                flat = i;
            }
        }
        net.jqwik.api.Assume.that(flat >= 0);
        double level = d.quantityKw(flat);
        double[] p = new double[d.size()], q = new double[d.size()];
        for (int i = 0; i < d.size(); i++) {
            p[i] = d.price(i);
            q[i] = 2 * level - d.quantityKw(i);
        }
        BidCurve s = BidCurve.of(BidCurve.Side.SUPPLY, p, q);
        PriceRange range = d.priceAt(level).orElseThrow();
        double expected =
                0.5 * (Math.max(range.low(), d.minPrice()) + Math.min(range.high(), d.maxPrice()));
        Clearing exact = Clearing.between(d, s);
        // the tolerance widens the flat by tolerance / slope at each end: here at most 2e-6 kW over
        // 20 kW per $/kWh, so the midpoint moves by at most 1e-7 $/kWh
        assertEquals(Clearing.Kind.FLAT, exact.kind(), exact.toString());
        assertEquals(expected, exact.price(), 1e-7, exact.toString());
        assertEquals(
                level,
                exact.quantityKw(),
                1e-9 * Math.max(1, d.maxAbsQuantityKw()),
                exact.toString());
        Clearing noisy =
                Clearing.between(
                        Curves.noisy(d, seed + 1, 1e-15), Curves.noisy(s, seed + 2, 1e-15));
        assertEquals(Clearing.Kind.FLAT, noisy.kind(), noisy.toString());
        assertEquals(exact.price(), noisy.price(), 1e-9, exact + " against " + noisy);
        assertEquals(
                exact.quantityKw(),
                noisy.quantityKw(),
                1e-9 * Math.max(1, d.maxAbsQuantityKw()),
                noisy.toString());
        // without a tolerance the same noise moves the price anywhere in the flat, or to no trade
        Clearing bare =
                Clearing.between(
                        Curves.noisy(d, seed + 1, 1e-15), Curves.noisy(s, seed + 2, 1e-15), 0);
        BARE_OFF.addAndGet(bare.hasTrade() && Math.abs(bare.price() - expected) <= 1e-6 ? 0 : 1);
        SHARED_FLATS.incrementAndGet();
    }

    private static final java.util.concurrent.atomic.AtomicInteger BARE_OFF =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger SHARED_FLATS =
            new java.util.concurrent.atomic.AtomicInteger();

    @net.jqwik.api.lifecycle.AfterContainer
    static void report() {
        System.out.println(
                "ClearingPropertyTest: with tolerance 0, "
                        + BARE_OFF.get()
                        + " of "
                        + SHARED_FLATS.get()
                        + " noisy shared flats cleared more than 1e-6 $/kWh from the midpoint or not at all");
    }

    @Property(tries = 300, seed = "20261207")
    void moreDemandNeverLowersThePrice(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 100) int extraTenthsKw) {
        BidCurve d = demand(seed), s = supply(seed);
        BidCurve more =
                BidCurve.sum(d, BidCurve.demand(Breakpoint.of(d.minPrice(), extraTenthsKw * 0.1)));
        Clearing c = Clearing.between(d, s), m = Clearing.between(more, s);
        if (c.hasTrade() && m.hasTrade()) {
            assertTrue(m.price() >= c.price() - 1e-9, c + " then " + m);
        }
        assertTrue(
                c.kind() != Clearing.Kind.SUPPLY_SHORT || m.kind() == Clearing.Kind.SUPPLY_SHORT,
                c + " then " + m);
    }

    @Property(tries = 300, seed = "20261207")
    void moreSupplyNeverRaisesThePrice(
            @ForAll @LongRange long seed, @ForAll @IntRange(min = 1, max = 100) int extraTenthsKw) {
        BidCurve d = demand(seed), s = supply(seed);
        BidCurve more =
                BidCurve.sum(s, BidCurve.supply(Breakpoint.of(s.minPrice(), extraTenthsKw * 0.1)));
        Clearing c = Clearing.between(d, s), m = Clearing.between(d, more);
        if (c.hasTrade() && m.hasTrade()) {
            assertTrue(m.price() <= c.price() + 1e-9, c + " then " + m);
        }
        assertTrue(
                c.kind() != Clearing.Kind.DEMAND_SHORT || m.kind() == Clearing.Kind.DEMAND_SHORT,
                c + " then " + m);
    }

    /**
     * Curves of {@code n} breakpoints crossing near the top: demand falls by steps and slopes,
     * supply rises.
     */
    private static BidCurve big(BidCurve.Side side, int n, long seed, boolean flats) {
        Random r = new Random(seed);
        double[] p = new double[n], q = new double[n];
        double price = 0, quantity = side == BidCurve.Side.DEMAND ? n : 0;
        for (int i = 0; i < n; i++) {
            boolean step = i > 0 && p[i - 1] == price ? false : r.nextInt(4) == 0 && i > 0;
            if (!step && i > 0) {
                price += 1e-5 * (1 + r.nextInt(3));
            }
            p[i] = price;
            q[i] = quantity;
            double move = flats && r.nextBoolean() && !step ? 0 : 0.1 + r.nextDouble();
            quantity += side == BidCurve.Side.DEMAND ? -move : move;
            if (step && q[i] == q[i - 1]) {
                q[i] = side == BidCurve.Side.DEMAND ? q[i - 1] - 0.5 : q[i - 1] + 0.5;
                quantity = q[i];
            }
        }
        return BidCurve.of(side, p, q);
    }

    @Property(tries = 10, seed = "20261207")
    void clearingHundredThousandPointCurvesTakesLinearWork(@ForAll @LongRange long seed) {
        int n = 100_000;
        BidCurve d = big(BidCurve.Side.DEMAND, n, seed, true);
        BidCurve s =
                BidCurve.sum(
                        big(BidCurve.Side.SUPPLY, n, seed + 1, true),
                        Curves.noisy(big(BidCurve.Side.SUPPLY, n, seed + 2, false), seed, 1e-15));
        for (BidCurve[] pair :
                new BidCurve[][] {
                    {d, s}, {Curves.noisy(d, seed + 3, 1e-15), Curves.noisy(s, seed + 4, 1e-15)}
                }) {
            CurveCrossing crossing =
                    new CurveCrossing(
                            pair[0], pair[1], Clearing.defaultToleranceKw(pair[0], pair[1]));
            Clearing c = crossing.clear();
            int size = pair[0].size() + pair[1].size();
            assertTrue(c.hasTrade(), c.toString());
            assertTrue(
                    crossing.steps() <= 4L * size + 10,
                    crossing.steps() + " steps for " + size + " breakpoints");
        }
    }
}
