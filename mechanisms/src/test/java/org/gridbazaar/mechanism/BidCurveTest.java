package org.gridbazaar.mechanism;

import static org.gridbazaar.mechanism.Breakpoint.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BidCurveTest {

    /** 10 kW up to 0.10 $/kWh, a block of 4 kW dropped at 0.10, then linear to 0 kW at 0.30. */
    private static final BidCurve DEMAND =
            BidCurve.demand(of(0.05, 10), of(0.10, 10), of(0.10, 6), of(0.30, 0));

    @Test
    void quantityIsExactAtBreakpointsLinearBetweenAndConstantOutside() {
        assertEquals(QuantityRange.of(10), DEMAND.quantityAt(0.0));
        assertEquals(QuantityRange.of(10), DEMAND.quantityAt(0.07));
        assertEquals(3.0, DEMAND.quantityAt(0.20).lowKw(), 1e-12);
        assertEquals(QuantityRange.of(0), DEMAND.quantityAt(0.30));
        assertEquals(QuantityRange.of(0), DEMAND.quantityAt(5.0));
    }

    @Test
    void aStepTakesItsWholeRangeAtItsPrice() {
        assertEquals(new QuantityRange(6, 10), DEMAND.quantityAt(0.10));
    }

    @Test
    void priceOfAFlatIsItsRangeAndOfAStepItsPrice() {
        assertEquals(
                new PriceRange(Double.NEGATIVE_INFINITY, 0.10), DEMAND.priceAt(10).orElseThrow());
        assertEquals(PriceRange.of(0.10), DEMAND.priceAt(8).orElseThrow());
        assertEquals(0.20, DEMAND.priceAt(3).orElseThrow().low(), 1e-12);
        assertEquals(
                new PriceRange(0.30, Double.POSITIVE_INFINITY), DEMAND.priceAt(0).orElseThrow());
        assertTrue(DEMAND.priceAt(11).isEmpty());
        assertTrue(DEMAND.priceAt(-1).isEmpty());
    }

    @Test
    void aSupplyCurveRisesWithPrice() {
        BidCurve supply = BidCurve.supply(of(0.04, 0), of(0.08, 20), of(0.12, 20), of(0.12, 30));
        assertEquals(10.0, supply.quantityAt(0.06).lowKw(), 1e-12);
        assertEquals(new PriceRange(0.08, 0.12), supply.priceAt(20).orElseThrow());
        assertEquals(new QuantityRange(20, 30), supply.quantityAt(0.12));
    }

    @Test
    void sumMergesBreakpointsAndAddsSteps() {
        BidCurve other = BidCurve.demand(of(0.10, 5), of(0.20, 5), of(0.20, 1));
        BidCurve sum = BidCurve.sum(DEMAND, other);
        List<Breakpoint> expected =
                List.of(
                        of(0.05, 15),
                        of(0.10, 15),
                        of(0.10, 11),
                        of(0.20, 8),
                        of(0.20, 4),
                        of(0.30, 1));
        assertEquals(expected.size(), sum.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).price(), sum.price(i), 0.0, "price " + i);
            // 0.20 is not a binary fraction: the interpolation of DEMAND there rounds once
            assertEquals(expected.get(i).quantityKw(), sum.quantityKw(i), 1e-14, "quantity " + i);
        }
        assertEquals(sum, BidCurve.sum(other, DEMAND));
    }

    @Test
    void invalidCurvesNameEveryViolation() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BidCurve.of(
                                        BidCurve.Side.DEMAND,
                                        new double[] {0.1, 0.05, 0.2, 0.2, 0.2, 0.3},
                                        new double[] {5, 4, 3, 2, 1, Double.NaN}));
        String m = e.getMessage();
        assertTrue(m.contains("breakpoint 1: price 0.05 $/kWh is below the previous 0.1"), m);
        assertTrue(m.contains("breakpoints 2 to 4 share price 0.2"), m);
        assertTrue(m.contains("breakpoint 5: (0.3 $/kWh, NaN kW) is not finite"), m);
        IllegalArgumentException rising =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BidCurve.demand(of(0.1, 1), of(0.2, 2)));
        assertTrue(
                rising.getMessage().contains("demand rises from 1.0 to 2.0 kW"),
                rising.getMessage());
        assertTrue(
                rising.getMessage().contains("Maybe this is a supply curve"), rising.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BidCurve.demand());
        assertThrows(IllegalArgumentException.class, () -> BidCurve.demand(of(0.1, 1), of(0.1, 1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> BidCurve.sum(DEMAND, BidCurve.supply(of(0.1, 1))));
    }
}
