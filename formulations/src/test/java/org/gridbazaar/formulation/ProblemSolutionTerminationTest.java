package org.gridbazaar.formulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.result.Termination.PointStatus;
import org.gridbazaar.result.Termination.Reason;
import org.junit.jupiter.api.Test;

class ProblemSolutionTerminationTest {

    private static ProblemSolution point(Status status) {
        return ProblemSolution.of(
                status,
                new double[] {1, -1},
                new double[] {1},
                new double[] {5, 5},
                null,
                "s",
                3,
                0,
                1e-3,
                1e-3,
                Double.NaN,
                List.of(),
                "stopped");
    }

    @Test
    void anInterruptIsSaidAsSuchAndWrittenAsAnIterationLimit() {
        ProblemSolution s =
                point(Status.ITERATION_LIMIT)
                        .withTermination(
                                new Termination(
                                        Reason.INTERRUPTED,
                                        PointStatus.INFEASIBLE,
                                        PointStatus.INFEASIBLE,
                                        "Ctrl-C"));
        assertEquals(Reason.INTERRUPTED, s.termination().reason());
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertEquals(
                Reason.INTERRUPTED,
                s.withCouplingDuals(new double[0]).termination().reason(),
                "kept by withCouplingDuals");
    }

    @Test
    void terminationMustAgreeWithThePointCarried() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        point(Status.ITERATION_LIMIT)
                                .withTermination(Termination.withoutPoint(Reason.TIME_LIMIT, "")));
        ProblemSolution none = ProblemSolution.without(Status.INFEASIBLE, "s", 0, 0, "no flow");
        assertEquals(PointStatus.NO_POINT, none.termination().primal());
        assertThrows(
                IllegalArgumentException.class,
                () -> none.withTermination(Termination.optimal("")));
    }
}
