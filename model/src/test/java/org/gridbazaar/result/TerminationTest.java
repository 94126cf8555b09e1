package org.gridbazaar.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gridbazaar.result.Termination.PointStatus;
import org.gridbazaar.result.Termination.Reason;
import org.junit.jupiter.api.Test;

class TerminationTest {

    @Test
    void limitsAndInterruptsAreIterationLimitsInTheFileFormat() {
        for (Reason r :
                new Reason[] {Reason.ITERATION_LIMIT, Reason.TIME_LIMIT, Reason.INTERRUPTED}) {
            assertEquals(
                    Status.ITERATION_LIMIT,
                    new Termination(r, PointStatus.INFEASIBLE, PointStatus.UNDETERMINED, "")
                            .status(),
                    r.name());
        }
        assertEquals(Status.OPTIMAL, Termination.optimal("").status());
        assertEquals(
                Status.INFEASIBLE, Termination.withoutPoint(Reason.INFEASIBLE, "cut").status());
        assertEquals(
                Status.NUMERICAL_ERROR,
                Termination.withoutPoint(Reason.NUMERICAL_ERROR, "").status());
    }

    @Test
    void optimalNeedsFeasiblePoints() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new Termination(
                                Reason.OPTIMAL,
                                PointStatus.INFEASIBLE,
                                PointStatus.FEASIBLE,
                                "residual 1e-3"));
    }

    @Test
    void aStatusAloneSaysNothingAboutALimitedPoint() {
        Termination t = Termination.of(Status.ITERATION_LIMIT, true, "300 iterations");
        assertEquals(Reason.ITERATION_LIMIT, t.reason());
        assertEquals(PointStatus.UNDETERMINED, t.primal());
        assertEquals(PointStatus.NO_POINT, Termination.of(Status.INFEASIBLE, false, "").primal());
    }
}
