package org.gridbazaar.mechanism;

import static org.gridbazaar.mechanism.Breakpoint.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClearingTest {

    @Test
    void linearCurvesCrossAtTheirClosedFormPoint() {
        // demand 20 - 100 p, supply 100 p - 4: cross at p = 0.12, q = 8
        BidCurve demand = BidCurve.demand(of(0, 20), of(0.2, 0));
        BidCurve supply = BidCurve.supply(of(0.04, 0), of(0.24, 20));
        Clearing c = Clearing.between(demand, supply);
        assertEquals(Clearing.Kind.POINT, c.kind());
        assertEquals(0.12, c.price(), 1e-12);
        assertEquals(8, c.quantityKw(), 1e-10);
    }

    @Test
    void coincidingFlatsClearAtTheMidpointOfTheirPriceRange() {
        BidCurve demand = BidCurve.demand(of(0.05, 10), of(0.10, 6), of(0.20, 6), of(0.30, 0));
        BidCurve supply = BidCurve.supply(of(0.02, 0), of(0.08, 6), of(0.16, 6), of(0.30, 20));
        Clearing c = Clearing.between(demand, supply);
        assertEquals(Clearing.Kind.FLAT, c.kind());
        // flats overlap on [0.10, 0.16]; the tolerance widens the range by tolerance / slope at
        // each end
        assertEquals(0.13, c.price(), 1e-9);
        assertEquals(6, c.quantityKw(), 1e-12);
    }

    @Test
    void overlappingStepsTradeTheLargestQuantityOfTheOverlap() {
        BidCurve demand = BidCurve.demand(of(0.10, 10), of(0.10, 4));
        BidCurve supply = BidCurve.supply(of(0.10, 2), of(0.10, 8));
        Clearing c = Clearing.between(demand, supply);
        assertEquals(new Clearing(0.10, 8, Clearing.Kind.STEP), c);
    }

    @Test
    void aStepMeetingASlopeIsAPoint() {
        BidCurve demand = BidCurve.demand(of(0.10, 10), of(0.10, 4));
        BidCurve supply = BidCurve.supply(of(0.0, 0), of(0.2, 14));
        Clearing c = Clearing.between(demand, supply);
        assertEquals(Clearing.Kind.POINT, c.kind());
        assertEquals(0.10, c.price(), 1e-15);
        assertEquals(7, c.quantityKw(), 1e-12);
    }

    @Test
    void curvesThatNeverCrossSayWhichSideIsShort() {
        BidCurve demand = BidCurve.demand(of(0.1, 30), of(0.5, 25));
        BidCurve small = BidCurve.supply(of(0.05, 0), of(0.2, 20));
        assertEquals(
                new Clearing(Double.NaN, 0, Clearing.Kind.SUPPLY_SHORT),
                Clearing.between(demand, small));
        BidCurve big = BidCurve.supply(of(0.05, 40), of(0.2, 50));
        Clearing c = Clearing.between(demand, big);
        assertEquals(Clearing.Kind.DEMAND_SHORT, c.kind());
        assertTrue(!c.hasTrade());
    }

    @Test
    void quantitiesThatAgreeOnlyUpToRoundingStillClear() {
        // 0.1 + 0.2 != 0.3 in binary: the PowerMatcher failure of two representations of one bid
        BidCurve demand =
                BidCurve.sum(
                        BidCurve.demand(of(0.1, 0.1), of(0.3, 0.1), of(0.3, 0)),
                        BidCurve.demand(of(0.1, 0.2), of(0.3, 0.2), of(0.3, 0)));
        BidCurve supply = BidCurve.supply(of(0.1, 0.0), of(0.2, 0.3), of(0.4, 0.3));
        assertTrue(demand.quantityKw(0) != 0.3);
        Clearing c = Clearing.between(demand, supply);
        assertEquals(Clearing.Kind.FLAT, c.kind()); // flats coincide on [0.2, 0.3]
        assertEquals(0.25, c.price(), 1e-9);
        assertEquals(0.3, c.quantityKw(), 1e-12);
        // with no tolerance, the 4e-17 kW of rounding moves the price to the end of the flat
        Clearing exact = Clearing.between(demand, supply, 0);
        assertEquals(0.3, exact.price(), 0.0);
    }

    @Test
    void flatsBeyondTheBreakpointsAreCutToThem() {
        // both constant at 5 kW above 0.2 $/kWh: the tie range is cut at the last breakpoint
        BidCurve demand = BidCurve.demand(of(0.1, 8), of(0.2, 5));
        BidCurve supply = BidCurve.supply(of(0.1, 2), of(0.2, 5));
        Clearing c = Clearing.between(demand, supply);
        assertEquals(0.2, c.price(), 1e-9);
        assertEquals(5, c.quantityKw(), 1e-12);
    }
}
