package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run in the node space hands over to the envelope only when the envelope fits its budget (four
 * fifths of the free heap by default): with no room it stays in the node space and still reaches
 * the envelope's optimum, so a market over time too large for the envelope fails by its status,
 * never by running out of memory.
 */
class EnvelopeBudgetTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 7, 11})
    void withoutRoomForTheEnvelopeTheRunStaysInTheNodeSpace(long seed) {
        SeparableQp qp = NodeSpaceSystemTest.market(seed, 30, 6, 3, false);
        SeparableQpSolver.Outcome handed =
                new SeparableQpSolver(qp, SeparableQpSolver.LinearAlgebra.NODE_SPACE)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        SeparableQpSolver.Outcome stayed =
                new SeparableQpSolver(qp, SeparableQpSolver.LinearAlgebra.NODE_SPACE)
                        .withEnvelopeBudget(0)
                        .solve(1e-9, 200, Double.POSITIVE_INFINITY, SeparableQpSolver.Monitor.NONE);
        assertEquals(SeparableQpSolver.Stop.CONVERGED, handed.stop);
        assertEquals(
                SeparableQpSolver.LinearAlgebra.ENVELOPE,
                handed.linearAlgebra,
                "with room, the small envelope is cheaper and the run hands over to it");
        assertEquals(SeparableQpSolver.Stop.CONVERGED, stayed.stop, stayed.detail);
        assertEquals(SeparableQpSolver.LinearAlgebra.NODE_SPACE, stayed.linearAlgebra);
        assertTrue(stayed.envelopeDeclined > 0);
        double a = qp.objective(handed.u), b = qp.objective(stayed.u);
        assertEquals(a, b, 1e-7 * Math.max(1, Math.abs(a)));
    }
}
