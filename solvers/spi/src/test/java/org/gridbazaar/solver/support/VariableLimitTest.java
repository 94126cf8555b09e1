package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.gridbazaar.formulation.MarketProblem;
import org.junit.jupiter.api.Test;

/** The dense backends' size limit: nodes plus arcs. */
class VariableLimitTest {

    @Test
    void countsNodesPlusArcsAndSaysByHowMuchALargerProblemIsOver() {
        MarketProblem p = TinyMarkets.twoPeers(0, 0, true); // 2 nodes + 2 arcs
        assertTrue(new VariableLimit(4).admits(p));
        assertEquals(Optional.empty(), new VariableLimit(4).exceededBy(p));
        assertFalse(new VariableLimit(3).admits(p));
        assertEquals(
                Optional.of("2 nodes + 2 arcs = 4 variables is above this solver's limit of 3"),
                new VariableLimit(3).exceededBy(p));
    }

    @Test
    void aLimitBelowOneIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new VariableLimit(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
