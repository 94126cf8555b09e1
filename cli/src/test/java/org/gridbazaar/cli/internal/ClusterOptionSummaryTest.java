package org.gridbazaar.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The cluster's summary line says when its rounds and messages add up several clearings (a market
 * with {@code auto} congestion lines is cleared twice), and stays as it was for one.
 */
class ClusterOptionSummaryTest {

    @Test
    void oneClearingIsReportedAsBefore() {
        assertEquals(
                "cluster:   3 node processes on 127.0.0.1, 120 rounds, 2400 messages, 0.50 s waiting"
                        + " for nodes",
                ClusterOption.summary(3, 1, 120, 2400, 0.5));
    }

    @Test
    void severalClearingsAreSaidToBeSummed() {
        String line = ClusterOption.summary(3, 2, 250, 5000, 1.25);
        assertTrue(line.contains("250 rounds"), line);
        assertTrue(line.contains("summed over 2 clearings"), line);
        assertTrue(line.contains("auto congestion"), line);
    }
}
