package org.gridbazaar.solver.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdmmOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        AdmmOptions d = AdmmOptions.DEFAULTS;
        assertTrue(d.sharedPenalty());
        assertEquals(1.6, d.priceStep(), 0);
        assertEquals(0.9, d.driftThreshold(), 0);
        assertEquals(5, d.adaptationInterval());
        assertTrue(d.adaptive());
        assertEquals((1 + Math.sqrt(5)) / 2, AdmmOptions.MAX_PRICE_STEP, 1e-15);
    }

    @Test
    void priceStepsOutsideTheConvergentRangeAreRefused() {
        for (double bad :
                new double[] {
                    0, -1, AdmmOptions.MAX_PRICE_STEP, 2, Double.NaN, Double.POSITIVE_INFINITY
                }) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> AdmmOptions.DEFAULTS.withPriceStep(bad),
                            "price step " + bad);
            assertTrue(e.getMessage().contains("priceStep"), e.getMessage());
        }
        for (double ok : new double[] {0.5, 1, 1.6, 1.618}) {
            assertEquals(ok, AdmmOptions.DEFAULTS.withPriceStep(ok).priceStep(), 0);
        }
    }

    @Test
    void driftThresholdsAreZeroOrBetweenOneHalfAndOne() {
        for (double bad : new double[] {-0.1, 0.2, 0.49, 1.01, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> AdmmOptions.DEFAULTS.withDriftThreshold(bad),
                            "drift threshold " + bad);
            assertTrue(e.getMessage().contains("driftThreshold"), e.getMessage());
        }
        for (double ok : new double[] {0, 0.5, 0.9, 1}) {
            assertEquals(ok, AdmmOptions.DEFAULTS.withDriftThreshold(ok).driftThreshold(), 0);
        }
    }

    @Test
    void everyWithMethodChangesOnlyItsOwnSetting() {
        AdmmOptions d = AdmmOptions.DEFAULTS;
        AdmmOptions s = d.withSharedPenalty(false);
        assertFalse(s.sharedPenalty());
        assertEquals(d, s.withSharedPenalty(true));
        assertEquals(d, d.withPriceStep(1.2).withPriceStep(d.priceStep()));
        assertEquals(d, d.withDriftThreshold(0).withDriftThreshold(d.driftThreshold()));
        assertEquals(d, d.withThreads(3).withMu(4).withThreads(d.threads()).withMu(d.mu()));
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new AdmmOptions(
                                        1, true, 3, true, 0.5, 2, 5, 0.1, 0, 1, 0.25, 1, 0, null));
        assertTrue(
                e.getMessage().contains("priceStep")
                        && e.getMessage().contains("mu")
                        && e.getMessage().contains("driftThreshold"),
                e.getMessage());
    }
}
